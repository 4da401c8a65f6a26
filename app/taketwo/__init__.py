"""Take Two: rehearse the interview answer you fumbled until it feels comfortable."""

__version__ = "0.1.0"
