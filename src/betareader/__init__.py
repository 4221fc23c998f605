"""betareader: an offline beta reader for fiction."""

__version__ = "0.1.0"
