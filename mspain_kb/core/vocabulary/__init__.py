"""The vocabulary: topics and the lay words people use for them, and the glossary of
medical terms."""
