"""The headless core, one sub-package per job: the collection (articles and importing), the
vocabulary (topics, glossary, words), search, rendering, handouts, the body map, what is
kept about the user, and read aloud. Never imports Qt or the front ends."""
