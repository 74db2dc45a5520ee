"""One module per `mspain-kb` sub-command; each is a thin layer over the core."""
