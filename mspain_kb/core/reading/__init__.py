"""Reading aids: saved articles, recent history, the "keep no history" preference, and read
aloud (sentences and a speech controller). Nothing here imports Qt."""
