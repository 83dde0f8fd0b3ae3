"""EventCoder: code political events (who did what to whom) from news text."""

__version__ = "0.1.0"
