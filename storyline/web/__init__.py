"""The web service (FastAPI): `create_app(store_path)`, served by `storyline serve`."""

from storyline.web.app import create_app

__all__ = ["create_app"]
