"""The FastAPI app: ``POST /api/check``, ``GET /api/rules``, ``GET /api/rules/{code}`` and ``GET /``.

``/api/check`` answers with exactly the CLI's JSON contract (``report/json_report.py``) for one
text.  Engines are kept across requests (one per rule selection), so the engine's per-paragraph
cache makes a re-check after an edit re-run only the changed paragraphs.  ``GET /`` is the
self-contained HTML report of the bundled sample story.

Security: every request body is limited (``max_body`` bytes, 413 with a JSON error over it);
every response carries ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer`` and a
Content-Security-Policy (JSON: nothing at all; the page: only its own stylesheet and script, by
hash, and no framing); no CORS headers are ever sent; the interactive docs pages (which load
assets from a CDN) are off, the OpenAPI schema stays at ``/openapi.json``.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from html import unescape
from importlib import resources
from typing import Literal

from fastapi import FastAPI, HTTPException
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from .. import __version__
from ..config import Config, validate_selector
from ..engine import Engine
from ..errors import ConfigError
from ..model import build_document
from ..report import json_report
from ..report.model import FileReport
from ..rules import REGISTRY

MAX_BODY = 5 * 1024 * 1024
#: rule selections kept warm at once (each with its own paragraph cache)
MAX_ENGINES = 8
REQUEST_PATH = "<request>"
JSON_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')


class CheckRequest(BaseModel):
    text: str = Field(description="The story text.")
    format: Literal["txt", "md"] = Field("txt", description="How to read the text: plain text or Markdown.")
    select: list[str] = Field(default_factory=list, description="Rule codes or prefixes to run (replaces the defaults; 'ALL' for every rule).")
    ignore: list[str] = Field(default_factory=list, description="Rule codes or prefixes to turn off.")


class _Engines:
    """One Engine per (select, ignore), least recently used dropped past ``size``; a lock per
    engine, since its cache is not thread-safe (FastAPI runs sync endpoints in a thread pool)."""

    def __init__(self, base: Config, size: int = MAX_ENGINES) -> None:
        self.base = base
        self.size = size
        self._engines: OrderedDict[tuple, tuple[Engine, threading.Lock]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, select: list[str], ignore: list[str]) -> tuple[Engine, threading.Lock]:
        key = (tuple(c.upper() for c in select), tuple(c.upper() for c in ignore))
        with self._lock:
            if key in self._engines:
                self._engines.move_to_end(key)
                return self._engines[key]
            entry = (Engine(self.base.merged(list(key[0]) or None, list(key[1]))), threading.Lock())
            self._engines[key] = entry
            if len(self._engines) > self.size:
                self._engines.popitem(last=False)
            return entry


class _Guard:
    """Pure ASGI middleware: refuses bodies over ``max_body`` bytes (by Content-Length, and by
    counting when there is none) and adds the security headers to every response."""

    def __init__(self, app, max_body: int) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_secure(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for k, v in ((b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                             (b"x-frame-options", b"DENY"), (b"content-security-policy", JSON_CSP.encode()),
                             (b"cross-origin-resource-policy", b"same-origin")):
                    if k not in names:
                        headers.append((k, v))
                message = {**message, "headers": headers}
            await send(message)

        for k, v in scope.get("headers", []):
            if k.lower() == b"content-length":
                try:
                    declared = int(v)
                except ValueError:
                    return await _refuse(send_secure, 400, "bad Content-Length")
                if declared > self.max_body:
                    return await _refuse(send_secure, 413, self._too_large())
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_body:
                return await _refuse(send_secure, 413, self._too_large())
            chunks.append(body)
            if not message.get("more_body", False):
                break
        whole = b"".join(chunks)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": whole, "more_body": False}
            return await receive()

        await self.app(scope, replay, send_secure)

    def _too_large(self) -> str:
        return f"request body over the limit of {self.max_body // (1024 * 1024) or self.max_body} " + (
            "MB" if self.max_body >= 1024 * 1024 else "bytes")


async def _refuse(send, status: int, error: str) -> None:
    import json

    body = json.dumps({"error": error}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


def rule_row(rule) -> dict:
    """A rule as ``betareader rules --format json`` lists it."""
    from ..cli import _rule_row

    return _rule_row(rule)


def sample_page() -> str:
    """The HTML report of the bundled sample story (as ``betareader demo --format html``)."""
    from ..report import html

    text = (resources.files("betareader") / "data" / "sample_story.md").read_text(encoding="utf-8")
    engine = Engine(Config())
    result = engine.check_text(text, format="md", path="sample_story.md")
    report = FileReport("sample_story.md (bundled demo)", "md", result.doc, result.findings, result.summary)
    return html.render([report])


def create_app(store=None, *, max_body: int = MAX_BODY, config: Config | None = None) -> FastAPI:
    """The app.  ``store`` is where reviews will be kept (issue 7; None: nothing is kept, and
    nothing reads it yet); ``config`` defaults to the default rules plus the personal dictionary."""
    if config is None:
        from ..spelling.personal import read_words

        config = Config()
        config.words |= read_words()
    engines = _Engines(config)
    page: dict[str, tuple[str, str]] = {}
    page_lock = threading.Lock()

    app = FastAPI(title="betareader", version=__version__, docs_url=None, redoc_url=None,
                  description="An offline beta reader for fiction: the CLI's JSON contract over HTTP.")
    app.state.store = store
    app.state.engines = engines

    @app.exception_handler(HTTPException)
    async def _http_error(request, exc: HTTPException):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code)

    @app.post("/api/check", summary="Review one text", response_description="The JSON contract (schema 1), one file")
    def check(req: CheckRequest) -> Response:
        try:
            for sel in (*req.select, *req.ignore):
                validate_selector(sel, "select/ignore")
        except ConfigError as exc:
            raise HTTPException(400, str(exc)) from None
        engine, lock = engines.get(req.select, req.ignore)
        with lock:
            doc = build_document(req.text, format=req.format, path=REQUEST_PATH)
            result = engine.check(doc)
        report = FileReport(REQUEST_PATH, req.format, doc, result.findings, result.summary)
        return Response(json_report.render([report]), media_type="application/json")

    @app.get("/api/rules", summary="Every rule")
    def rules() -> list[dict]:
        return [rule_row(r) for r in REGISTRY]

    @app.get("/api/rules/{code}", summary="One rule, with its documentation")
    def rule(code: str) -> dict:
        r = REGISTRY.get(code.upper())
        if r is None:
            raise HTTPException(404, f"no rule {code!r}")
        return {**rule_row(r), "docs": r.doc()}

    @app.get("/", response_class=HTMLResponse, summary="The report page of the bundled sample story")
    def index() -> HTMLResponse:
        with page_lock:
            if "sample" not in page:
                body = sample_page()
                m = _META_CSP.search(body)
                if m is None:  # the page must carry its own policy; never serve it without one
                    raise HTTPException(500, "the report page has no Content-Security-Policy")
                page["sample"] = (body, unescape(m.group(1)) + "; frame-ancestors 'none'")
            body, csp = page["sample"]
        return HTMLResponse(body, headers={"Content-Security-Policy": csp, "Cache-Control": "no-store"})

    app.add_middleware(_Guard, max_body=max_body)
    return app
