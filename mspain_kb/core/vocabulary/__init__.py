"""The vocabulary: topics and the lay words people use for them, the glossary of medical
terms, and the word handling (folding, the word pattern, stemming) every part shares."""
