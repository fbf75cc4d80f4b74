"""crisis-drill: a terminal flight-simulator for social-media crisis communication."""

__version__ = "0.1.0"
