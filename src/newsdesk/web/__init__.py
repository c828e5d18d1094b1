"""newsdesk.web: the HTTP API and the web UI over a store (`newsdesk serve`); needs the `web` extra."""
from .app import create_app

__all__ = ["create_app"]
