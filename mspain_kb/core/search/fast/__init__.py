"""The fast paths that rely on Whoosh internals: posting lists read block by block into numpy
arrays and scored in one pass, and the two-process index writer."""
