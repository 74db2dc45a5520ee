"""What the app keeps about its user, in small JSON files in the settings folder: saved
articles, history, preferences and searches that found nothing."""
