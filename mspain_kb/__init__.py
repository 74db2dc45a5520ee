"""MS Pain KB: an offline knowledge-base browser for multiple sclerosis pain."""

__version__ = "0.1.0"
APP_NAME = "MS Pain KB"
