"""Read aloud without window code: an article split into sentences, and the controller that
speaks them one by one through a speech engine."""
