"""Commands filled in by their issue."""
