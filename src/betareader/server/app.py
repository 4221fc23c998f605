"""The FastAPI app behind ``betareader serve``: the editor page, its review API and the CLI's
JSON contract over HTTP.

- ``GET /`` is the editor (``templates/editor.html.j2`` with ``assets/editor.js`` and
  ``editor.css``, all in the package): paste or drop a story, see it marked up, accept, ignore,
  teach words, export.  ``GET /sample`` is the bundled sample story's HTML report.
- ``POST /api/check`` answers with exactly the CLI's JSON contract (``report/json_report.py``)
  for one text; ``GET /api/rules[/{code}]`` lists the rules and their documentation.
- ``/api/reviews...`` is the page's own API over the :class:`~.store.Store`: create a review
  from pasted text or a dropped file (any format ``check`` reads), re-check it as the writer
  edits (the text is saved with every check), ignore findings by fingerprint, log accepted
  fixes, export (txt, md, docx, the HTML report, the Word file with comments); ``/api/dictionary``
  is the page's dictionary; ``DELETE /api/store`` deletes everything kept.

The routes are in ``routes/`` (api, reviews, words, pages), their shared state in ``state.py``
and the security middleware in ``guard.py``.  Engines are kept across requests (one per rule selection and dictionary), so the engine's
per-paragraph cache makes a re-check after an edit re-run only the changed paragraphs.

Security: every request body is limited (``max_body`` bytes, 413 with a JSON error over it);
every response carries ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer`` and a
Content-Security-Policy (JSON: nothing at all; the page: only its own stylesheet and script, by
hash, and no framing); no CORS headers are ever sent; the interactive docs pages (which load
assets from a CDN) are off, the OpenAPI schema stays at ``/openapi.json``.  A request whose
``Origin`` is another site, or whose ``Host`` is not this server's loopback name (DNS
rebinding), is refused with 403 unless the server was started with ``--allow-remote``.
"""

from __future__ import annotations

import sqlite3

from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse

from .. import __version__
from ..config import Config
from ..engine import CheckTimeout
from .guard import BODY_SECONDS, Guard
from .routes import ROUTERS
from .state import Engines, ServerState
from .store import Store

MAX_BODY = 5 * 1024 * 1024
#: a check still running after this long is stopped (503), so one huge text holds up no one
CHECK_SECONDS = 60.0


def create_app(store: Store | None = None, *, max_body: int = MAX_BODY, config: Config | None = None,
               allow_remote: bool = False, check_seconds: float = CHECK_SECONDS,
               body_seconds: float = BODY_SECONDS) -> FastAPI:
    """The app.  ``store`` keeps the page's reviews (None: an in-memory store, nothing on
    disk); ``config`` defaults to the default rules plus the personal dictionary; a check still
    running after ``check_seconds`` is stopped and answered with 503; a request body must arrive
    within ``body_seconds``."""
    if config is None:
        from ..spelling.personal import read_words

        config = Config()
        config.words |= read_words()
    if store is None:
        store = Store(None)
    state = ServerState(store=store, engines=Engines(config), check_seconds=check_seconds, max_body=max_body)

    app = FastAPI(title="betareader", version=__version__, docs_url=None, redoc_url=None,
                  description="An offline beta reader for fiction: the CLI's JSON contract over HTTP, "
                              "and the local page's review API.")
    app.state.betareader = state
    app.state.store = store
    app.state.engines = state.engines

    @app.exception_handler(HTTPException)
    async def _http_error(request, exc: HTTPException):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)

    @app.exception_handler(CheckTimeout)
    async def _too_long(request, exc: CheckTimeout):
        return JSONResponse({"error": f"this check was stopped after {check_seconds:g} seconds, so that it holds "
                                      "up nothing else; check the story a chapter at a time"}, status_code=503)

    @app.exception_handler(sqlite3.Error)
    async def _store_failed(request, exc: sqlite3.Error):
        return JSONResponse({"error": f"the review store failed ({exc}); your text is still in the page: "
                                      "export it before closing the tab"}, status_code=503)

    for router in ROUTERS:
        app.include_router(router)
    app.add_middleware(Guard, max_body=max_body, allow_remote=allow_remote, body_seconds=body_seconds)
    return app
