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

Engines are kept across requests (one per rule selection and dictionary), so the engine's
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

import asyncio
import io
import logging
import re
import sqlite3
import threading
import time
import weakref
from collections import OrderedDict
from html import unescape
from importlib import resources
from typing import Literal
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from .. import __version__
from ..catalog import rule_row
from ..config import Config, validate_selector
from ..engine import CheckTimeout, Engine
from ..errors import BetareaderError, ConfigError
from ..model import build_document
from ..report import json_report
from ..report.file_report import FileReport
from ..rules import REGISTRY
from .store import MAX_IGNORES, Store

MAX_BODY = 5 * 1024 * 1024
#: a check still running after this long is stopped (503), so one huge text holds up no one
CHECK_SECONDS = 60.0
#: a request body must arrive within this long (408)
BODY_SECONDS = 30.0
#: a body over the limit is read and dropped up to this much, so the client sees the 413 (a
#: connection closed with unread data is reset before the answer can be read)
DRAIN_LIMIT = 64 * 1024 * 1024
#: rule selections kept warm at once (each with its own paragraph cache)
MAX_ENGINES = 8
REQUEST_PATH = "<request>"
JSON_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
#: the editor page: its own script, stylesheet and chart images, and calls to this server only
PAGE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            "font-src 'none'; object-src 'none'; media-src 'none'; frame-src 'none'; worker-src 'none'; "
            "manifest-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
ASSETS = {"editor.js": "text/javascript; charset=utf-8", "editor.css": "text/css; charset=utf-8"}
_META_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
_NAME_RE = re.compile(r"[^\w .()'-]+")


class CheckRequest(BaseModel):
    text: str = Field(description="The story text.")
    format: Literal["txt", "md"] = Field("txt", description="How to read the text: plain text or Markdown.")
    select: list[str] = Field(default_factory=list, description="Rule codes or prefixes to run (replaces the defaults; 'ALL' for every rule).")
    ignore: list[str] = Field(default_factory=list, description="Rule codes or prefixes to turn off.")


class NewReview(BaseModel):
    text: str = Field(description="The story text, as pasted.")
    name: str = Field("pasted story", max_length=200, description="What the page calls the review.")
    format: Literal["txt", "md"] = Field("md", description="How to read the text.")


class ReviewText(BaseModel):
    text: str = Field(description="The story text as it is now in the editor.")


class Ignore(BaseModel):
    fingerprint: str = Field(pattern=r"^[0-9a-f]{16}$", description="The finding's fingerprint.")
    code: str = Field(max_length=16, description="The finding's rule code.")
    excerpt: str = Field("", max_length=2000, description="The words it was on (shown in the page's list).")


class Accepted(BaseModel):
    code: str = Field(max_length=16)
    before: str = Field("", max_length=2000)
    after: str = Field("", max_length=2000)


class Word(BaseModel):
    word: str = Field(max_length=64, description="A name or invented word the speller should accept.")


class _Engines:
    """One Engine per (select, ignore, dictionary), least recently used dropped past ``size``.
    An engine is shared by every request with its rules and words, and checks them at the same
    time (FastAPI runs sync endpoints in a thread pool; the engine is thread-safe), so a long
    check of one text holds up no other."""

    def __init__(self, base: Config, size: int = MAX_ENGINES) -> None:
        self.base = base
        self.size = size
        self._engines: OrderedDict[tuple, Engine] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, select: list[str], ignore: list[str], words: frozenset[str] = frozenset()) -> Engine:
        key = (tuple(c.upper() for c in select), tuple(c.upper() for c in ignore), words)
        with self._lock:
            if key in self._engines:
                self._engines.move_to_end(key)
                return self._engines[key]
            config = self.base.merged(list(key[0]) or None, list(key[1]))
            if words:
                config.words = set(config.words) | set(words)
            engine = self._engines[key] = Engine(config)
            if len(self._engines) > self.size:
                self._engines.popitem(last=False)
            return engine


class _ReviewLocks:
    """One lock per review, so that two checks of one review (a page sending its text again
    before the last answer came) run one after the other, while other reviews go on."""

    def __init__(self) -> None:
        self._locks: "weakref.WeakValueDictionary[str, threading.Lock]" = weakref.WeakValueDictionary()
        self._lock = threading.Lock()

    def get(self, rid: str) -> threading.Lock:
        with self._lock:
            lock = self._locks.get(rid)
            if lock is None:
                lock = threading.Lock()
                self._locks[rid] = lock
            return lock


class _Guard:
    """Pure ASGI middleware: refuses requests from other sites (see :func:`_foreign`), bodies
    over ``max_body`` bytes (by Content-Length, and by counting when there is none) or slower
    than ``body_seconds``, and adds the security headers to every response, an unexpected
    error's 500 included (it is answered here, as JSON, not by the server's bare page)."""

    def __init__(self, app, max_body: int, allow_remote: bool = False, body_seconds: float = BODY_SECONDS) -> None:
        self.app = app
        self.max_body = max_body
        self.allow_remote = allow_remote
        self.body_seconds = body_seconds

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def send_secure(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                for k, v in ((b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                             (b"x-frame-options", b"DENY"), (b"content-security-policy", JSON_CSP.encode()),
                             (b"cross-origin-resource-policy", b"same-origin")):
                    if k not in names:
                        headers.append((k, v))
                message = {**message, "headers": headers}
            await send(message)

        problem = None if self.allow_remote else _foreign(scope)
        if problem:
            return await _refuse(send_secure, 403, problem)
        declared = None
        expect = False
        for k, v in scope.get("headers", []):
            k = k.lower()
            if k == b"content-length":
                try:
                    declared = int(v)
                except ValueError:
                    return await _refuse(send_secure, 400, "bad Content-Length")
            elif k == b"expect":
                expect = True
        if declared is not None and declared > self.max_body:
            if not expect and declared <= DRAIN_LIMIT:
                await self._drain(receive)  # so that the client, still sending, can read the answer
            return await _refuse(send_secure, 413, self._too_large())
        chunks, size = [], 0
        try:
            async with asyncio.timeout(self.body_seconds):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return
                    body = message.get("body", b"")
                    size += len(body)
                    if size > self.max_body:
                        if message.get("more_body", False):
                            await self._drain(receive, size)
                        return await _refuse(send_secure, 413, self._too_large())
                    chunks.append(body)
                    if not message.get("more_body", False):
                        break
        except TimeoutError:
            return await _refuse(send_secure, 408, f"the request body did not arrive within {self.body_seconds:g} seconds")
        whole = b"".join(chunks)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": whole, "more_body": False}
            return await receive()

        try:
            await self.app(scope, replay, send_secure)
        except Exception:
            _LOG.exception("unexpected error answering %s %s", scope.get("method"), scope.get("path"))
            if not started:
                await _refuse(send_secure, 500, "internal error: the server could not answer this request")

    async def _drain(self, receive, size: int = 0) -> None:
        """Read and drop the rest of a body that is over the limit, up to :data:`DRAIN_LIMIT` and
        for at most ``body_seconds``."""
        try:
            async with asyncio.timeout(self.body_seconds):
                while size <= DRAIN_LIMIT:
                    message = await receive()
                    if message["type"] == "http.disconnect" or not message.get("more_body", False):
                        return
                    size += len(message.get("body", b""))
        except TimeoutError:
            return

    def _too_large(self) -> str:
        return f"request body over the limit of {self.max_body // (1024 * 1024) or self.max_body} " + (
            "MB" if self.max_body >= 1024 * 1024 else "bytes")


_LOG = logging.getLogger("betareader.server")


async def _refuse(send, status: int, error: str) -> None:
    import json

    body = json.dumps({"error": error}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


def _foreign(scope) -> str | None:
    """Why a request must be refused as coming from another site, or None.  A browser sends
    ``Origin`` with every cross-site POST (and with fetches): it must name this server, scheme
    included, and come once.  The ``Host`` must be a loopback name (and come once), so a web
    page whose domain was re-pointed at 127.0.0.1 (DNS rebinding) cannot read the stories."""
    from .hosts import is_loopback

    hosts, origins = [], []
    for k, v in scope.get("headers", []):
        k = k.lower()
        if k == b"host":
            hosts.append(v.decode("latin-1"))
        elif k == b"origin":
            origins.append(v.decode("latin-1"))
    if len(hosts) > 1 or len(origins) > 1:
        return "refused: a request may name one host and one origin"
    host = hosts[0] if hosts else None
    if host is not None:
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if not is_loopback(name):
            return f"refused: this server answers only on loopback addresses, not {host!r}"
    if origins:
        origin = origins[0]
        scheme = scope.get("scheme", "http")
        if origin == "null" or host is None or origin != f"{scheme}://{host}":
            return "refused: requests from other sites are not accepted"
    return None


def sample_text() -> str:
    return (resources.files("betareader") / "data" / "sample_story.md").read_text(encoding="utf-8")


def sample_page() -> str:
    """The HTML report of the bundled sample story (as ``betareader demo --format html``)."""
    from ..report import html

    engine = Engine(Config())
    result = engine.check_text(sample_text(), format="md", path="sample_story.md")
    report = FileReport("sample_story.md (bundled demo)", "md", result.doc, result.findings, result.summary)
    return html.render([report])


def _asset(name: str) -> str:
    return (resources.files("betareader.server") / "assets" / name).read_text(encoding="utf-8")


def review_document(review: dict, text: str):
    """The document model of a review's text.  A review imported from a structured file (AO3,
    EPUB, Word) keeps the kinds its paragraphs had (summary, notes, chapter titles): each block
    of the edited text whose words are unchanged gets its old kind back, new ones are read like
    plain text.  When the text no longer splits cleanly into blocks, it is read as Markdown."""
    structure = review.get("structure")
    if structure:
        from ..model.blocks import SEPARATOR, Block, build_from_blocks

        kinds: dict[str, tuple[str | None, int]] = {}
        for b in structure.get("blocks", ()):
            kinds.setdefault(b[0].strip(), (b[1], b[2]))
        parts = text.split(SEPARATOR)
        if all(p and not p.isspace() for p in parts):  # (a space being typed at a paragraph's end is fine)
            blocks = [Block(p, *kinds.get(p.strip(), (None, 0))) for p in parts]
            doc = build_from_blocks(blocks, format="md", path=review["name"], metadata=structure.get("metadata"))
            if doc.text == text:
                return doc
    return build_document(text, format=review["format"] if review["format"] in ("txt", "md") else "md",
                          path=review["name"])


def _structure(src) -> dict | None:
    if not src.blocks:
        return None
    meta = {k: v for k, v in (src.metadata or {}).items() if isinstance(v, (str, list, int, float, bool))}
    return {"source_format": src.format, "blocks": [[b.text, b.kind, b.level] for b in src.blocks], "metadata": meta}


def _safe_name(name: str, fallback: str = "story") -> str:
    name = _NAME_RE.sub("", name.replace("/", " ").replace("\\", " ")).strip(" .")
    return name[:120] or fallback


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
    engines = _Engines(config)
    review_locks = _ReviewLocks()
    page: dict[str, tuple[str, str]] = {}
    page_lock = threading.Lock()

    app = FastAPI(title="betareader", version=__version__, docs_url=None, redoc_url=None,
                  description="An offline beta reader for fiction: the CLI's JSON contract over HTTP, "
                              "and the local page's review API.")
    app.state.store = store
    app.state.engines = engines

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

    def review_or_404(rid: str) -> dict:
        review = store.review(rid)
        if review is None:
            raise HTTPException(404, f"no review {rid!r}")
        return review

    def run(doc, select=(), ignore=(), words: frozenset[str] | None = None):
        engine = engines.get(list(select), list(ignore), frozenset(store.words()) if words is None else words)
        return engine.check(doc, deadline=time.monotonic() + check_seconds)

    def review_report(review: dict, text: str) -> FileReport:
        doc = review_document(review, text)
        result = run(doc)
        return FileReport(review["name"], "md", doc, result.findings, result.summary)

    # -- the CLI's contract ---------------------------------------------------------------------

    @app.post("/api/check", summary="Review one text", response_description="The JSON contract (schema 1), one file")
    def check(req: CheckRequest) -> Response:
        try:
            for sel in (*req.select, *req.ignore):
                validate_selector(sel, "select/ignore")
        except ConfigError as exc:
            raise HTTPException(400, str(exc)) from None
        doc = build_document(req.text, format=req.format, path=REQUEST_PATH)
        result = run(doc, req.select, req.ignore, frozenset())
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

    # -- the page's reviews ---------------------------------------------------------------------

    @app.get("/api/state", summary="What the page needs at start: the store and the latest review")
    def state() -> dict:
        latest = store.reviews()
        return {"persistent": store.persistent, "path": str(store.path) if store.path else None,
                "reviews": latest, "words": sorted(store.words()), "max_body": max_body}

    @app.get("/api/reviews", summary="Every kept review, latest first (without its text)")
    def reviews() -> list[dict]:
        return store.reviews()

    @app.post("/api/reviews", summary="Start a review of pasted text")
    def new_review(req: NewReview) -> dict:
        return store.create_review(_safe_name(req.name, "pasted story"), req.format, req.text)

    @app.post("/api/reviews/sample", summary="Start a review of the bundled sample story")
    def new_sample() -> dict:
        return store.create_review("sample_story.md", "md", sample_text())

    @app.post("/api/reviews/import", summary="Start a review of a file (body: the file's bytes)",
              openapi_extra={"requestBody": {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}, "required": True}})
    async def import_review(request: Request, name: str = Query(..., max_length=200,
                                                                 description="The file's name; its extension gives the format")) -> dict:
        from ..loaders import input_format, load_bytes

        if request.headers.get("content-type", "").split(";")[0].strip() != "application/octet-stream":
            raise HTTPException(415, "send the file's bytes as application/octet-stream")
        data = await request.body()
        try:
            fmt = input_format(name, default="txt")
            import anyio

            src = await anyio.to_thread.run_sync(lambda: load_bytes(data, _safe_name(name), fmt))
        except BetareaderError as exc:
            raise HTTPException(400, str(exc)) from None
        review = store.create_review(_safe_name(name), "md" if src.format != "txt" else "txt", src.text,
                                     _structure(src))
        review["notes"] = list(src.notes)
        return review

    @app.get("/api/reviews/{rid}", summary="One review: its text, ignored findings and accepted-fix count")
    def get_review(rid: str) -> dict:
        return review_or_404(rid)

    @app.delete("/api/reviews/{rid}", summary="Delete one review")
    def delete_review(rid: str) -> dict:
        if not store.delete_review(rid):
            raise HTTPException(404, f"no review {rid!r}")
        return {"deleted": rid}

    @app.post("/api/reviews/{rid}/check", summary="Save the review's text and check it (the JSON contract's file object)")
    def check_review(rid: str, req: ReviewText) -> dict:
        review = review_or_404(rid)
        t0 = time.perf_counter()
        if req.text != review["text"]:
            store.save_text(rid, req.text)
        with review_locks.get(rid):
            r = review_report(review, req.text)
        file = json_report.to_dict([r])["files"][0]
        from ..report.html import figures

        return {"file": file, "ignored": [i["fingerprint"] for i in review["ignored"]],
                "accepted": review["accepted"], "figures": figures(r, r.summary.get("stats") or {}),
                "ms": round(1000 * (time.perf_counter() - t0), 1)}

    @app.post("/api/reviews/{rid}/ignore", summary="Hide a finding (by fingerprint) in this review")
    def ignore(rid: str, req: Ignore) -> dict:
        review_or_404(rid)
        if not store.ignore(rid, req.fingerprint, req.code.upper(), req.excerpt):
            raise HTTPException(409, f"at most {MAX_IGNORES} ignored findings per review")
        return {"ignored": req.fingerprint}

    @app.delete("/api/reviews/{rid}/ignore/{fingerprint}", summary="Show an ignored finding again")
    def unignore(rid: str, fingerprint: str) -> dict:
        if not store.unignore(rid, fingerprint):
            raise HTTPException(404, "that finding is not ignored")
        return {"unignored": fingerprint}

    @app.post("/api/reviews/{rid}/accepted", summary="Log an accepted fix (the page applies it to its text)")
    def accepted(rid: str, req: Accepted) -> dict:
        if not store.accepted(rid, req.code.upper(), req.before, req.after):
            raise HTTPException(404, f"no review {rid!r}")
        return {"accepted": store.review(rid)["accepted"]}

    @app.get("/api/reviews/{rid}/export", summary="Download the review: txt, md, docx, the HTML report or the Word file with comments")
    def export(rid: str, format: Literal["txt", "md", "docx", "html", "comments"] = "txt") -> Response:
        review = review_or_404(rid)
        stem = _safe_name(review["name"].rsplit(".", 1)[0] if "." in review["name"] else review["name"])
        text = review["text"]
        if format in ("txt", "md"):
            return _download(text.encode("utf-8"), f"{stem}.{format}", "text/plain; charset=utf-8" if format == "txt"
                             else "text/markdown; charset=utf-8")
        r = review_report(review, text)
        if format == "html":
            from ..report import html

            return _download(html.render([r]).encode("utf-8"), f"{stem}-review.html", "text/html; charset=utf-8")
        from ..report import docx_report

        if format == "comments":
            d, _count = docx_report.build(r)
            name = f"{stem}-review.docx"
        else:
            d, _paras = docx_report._clean_document(r)
            name = f"{stem}.docx"
        buf = io.BytesIO()
        d.save(buf)
        return _download(buf.getvalue(), name,
                         "application/vnd.openxmlformats-officedocument.wordprocessingml.document")

    @app.get("/api/reviews/{rid}/charts/{name}.svg", summary="A chart of the review (sentence-length, dialogue-share, overused)")
    def chart(rid: str, name: str) -> Response:
        from ..report import charts

        draw = {"sentence-length": lambda r, stats: charts.sentence_length_chart(r.doc),
                "dialogue-share": lambda r, stats: charts.dialogue_share_chart(stats.get("pacing") or {}),
                "overused": lambda r, stats: charts.overused_chart(stats.get("words") or {})}.get(name)
        if draw is None:
            raise HTTPException(404, f"no chart {name!r}")
        review = review_or_404(rid)
        r = review_report(review, review["text"])
        svg = draw(r, r.summary.get("stats") or {})
        if svg is None:
            raise HTTPException(404, "not enough text for this chart")
        if "xmlns=" not in svg[: svg.find(">")]:  # inline SVG needs no namespace; an image file does
            svg = svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
        return Response(svg, media_type="image/svg+xml",
                        headers={"Cache-Control": "no-store", "Content-Security-Policy": JSON_CSP})

    # -- the page's dictionary and the delete button ------------------------------------------------

    @app.get("/api/dictionary", summary="The words taught on the page")
    def dictionary() -> list[str]:
        return sorted(store.words())

    @app.post("/api/dictionary", summary="Teach a word: the speller accepts it from now on")
    def add_word(req: Word) -> dict:
        from ..spelling.personal import WORD_RE

        word = req.word.strip()
        if not WORD_RE.match(word):
            raise HTTPException(400, f"{word!r} is not a word")
        store.add_word(word)
        return {"added": word}

    @app.delete("/api/dictionary/{word}", summary="Forget a taught word")
    def remove_word(word: str) -> dict:
        if not store.remove_word(word):
            raise HTTPException(404, f"{word!r} is not in the page's dictionary")
        return {"removed": word}

    @app.delete("/api/store", summary="Delete everything kept: reviews, ignores, accepted fixes, words")
    def delete_all() -> dict:
        store.delete_all()
        return {"deleted": True}

    # -- pages ----------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, summary="The editor page")
    def index() -> HTMLResponse:
        with page_lock:
            if "editor" not in page:
                from jinja2 import Environment, PackageLoader, select_autoescape

                env = Environment(loader=PackageLoader("betareader.server", "templates"),
                                  autoescape=select_autoescape(["html", "j2"]))
                families = sorted({c.code[:3] for c in REGISTRY})
                page["editor"] = (env.get_template("editor.html.j2").render(version=__version__, families=families), PAGE_CSP)
            body, csp = page["editor"]
        return HTMLResponse(body, headers={"Content-Security-Policy": csp, "Cache-Control": "no-store"})

    @app.get("/assets/{name}", summary="The editor's script and stylesheet")
    def asset(name: str) -> Response:
        if name not in ASSETS:
            raise HTTPException(404, f"no asset {name!r}")
        return Response(_asset(name), media_type=ASSETS[name], headers={"Cache-Control": "no-cache"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/sample", response_class=HTMLResponse, summary="The report page of the bundled sample story")
    def sample() -> HTMLResponse:
        with page_lock:
            if "sample" not in page:
                body = sample_page()
                m = _META_CSP.search(body)
                if m is None:  # the page must carry its own policy; never serve it without one
                    raise HTTPException(500, "the report page has no Content-Security-Policy")
                page["sample"] = (body, unescape(m.group(1)) + "; frame-ancestors 'none'")
            body, csp = page["sample"]
        return HTMLResponse(body, headers={"Content-Security-Policy": csp, "Cache-Control": "no-store"})

    app.add_middleware(_Guard, max_body=max_body, allow_remote=allow_remote, body_seconds=body_seconds)
    return app


def _download(data: bytes, name: str, media_type: str) -> Response:
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "")
    return Response(data, media_type=media_type, headers={
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}",
        "Cache-Control": "no-store"})
