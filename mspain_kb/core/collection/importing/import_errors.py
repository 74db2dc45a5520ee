"""The one error every importer raises for a file it cannot use."""


class ImportRefused(Exception):
    """A file that cannot be imported; the message says why in one plain line."""
