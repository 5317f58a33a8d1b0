"""homeroom: a terminal companion for group counseling with the home room technique."""

__version__ = "0.1.0"
