"""sitegen: accessible websites of co-produced patient information."""

__version__ = "0.1.0"
