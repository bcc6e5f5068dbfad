"""The command line: one typer app; each command group lives in its own module."""

from storyline.cli.app import app, main

__all__ = ["app", "main"]
