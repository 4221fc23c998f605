"""The local web app (``betareader serve``): an HTTP API with the CLI's JSON contract and a page.

``check_host`` is light (no FastAPI); ``create_app`` imports FastAPI only when it is called, so
``betareader check`` never pays for the web stack.
"""

from __future__ import annotations

from .hosts import check_host, is_loopback

__all__ = ["check_host", "create_app", "is_loopback"]


def __getattr__(name: str):
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(name)
