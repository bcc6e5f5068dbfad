"""storyline: turn news articles about one story into an evidence-backed timeline."""

__version__ = "0.1.0"
