"""The collection: article files, their metadata header, and writing them safely."""
