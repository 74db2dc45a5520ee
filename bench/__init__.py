"""The MS Pain KB performance benchmark: run with `python -m bench` from the repository root."""
