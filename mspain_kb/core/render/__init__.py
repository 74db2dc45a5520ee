"""Rendering: an article or a glossary entry -> safe, self-contained HTML (glossary links,
search highlights, warning boxes, print variant)."""
