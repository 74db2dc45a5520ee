"""Importing: text, Markdown, saved web pages, PDF and Word leaflets -> article files,
with page furniture removed and promotional passages marked."""
