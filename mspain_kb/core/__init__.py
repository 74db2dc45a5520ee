"""The headless core: articles, import, index, search, glossary, rendering. Never imports Qt."""
