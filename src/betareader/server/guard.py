"""The server's guard: pure ASGI middleware in front of every request.

It refuses requests from other sites (an ``Origin`` that is not this server, a ``Host`` that is
not a loopback name: cross-site requests and DNS rebinding; one of each at most), bodies over the
limit (413, after reading and dropping the rest so the client sees it) or slower than the body
deadline (408), and it adds the security headers to every answer, an unexpected error's JSON 500
included.

One exception, decided rather than defaulted: LanguageTool's API (``/v2/...``, and nothing
else) also answers browser extensions, whose requests carry a ``chrome-extension://``,
``moz-extension://`` or ``safari-web-extension://`` origin (the LanguageTool add-on checks what
the writer types in Google Docs or AO3's form from there), and Obsidian (``app://obsidian.md``,
whose LanguageTool plugin calls from the app's own page).  An extension's origin cannot be taken
by a web page, and an extension (or Obsidian) the writer installed can already read every page (or note) the
writer opens, so answering it reveals nothing new; ``/v2/check`` reads no review, keeps nothing, and
tells only which words are unknown.  Web pages (``http(s)://`` origins other than this server's
own) stay refused everywhere, ``/v2`` included, so a site the writer visits can neither read the
review store nor use the checker.  Programs (LTeX+, LibreOffice, Obsidian's plugin,
``language_tool_python``) send no ``Origin`` and were always answered."""

from __future__ import annotations

import asyncio
import logging
import re

#: the Content-Security-Policy of every answer that is not a page: nothing at all
JSON_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
#: a request body must arrive within this long (408)
BODY_SECONDS = 30.0
#: a body over the limit is read and dropped up to this much, so the client sees the 413 (a
#: connection closed with unread data is reset before the answer can be read)
DRAIN_LIMIT = 64 * 1024 * 1024


class Guard:
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

        extension = extension_origin(scope)
        if extension:
            send_secure = _with_cors(send_secure, extension)
        problem = None if self.allow_remote else _foreign(scope, extension is not None)
        if problem:
            return await _refuse(send_secure, 403, problem)
        if extension and scope.get("method") == "OPTIONS":
            return await _preflight(send_secure)
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


#: the origins of browser extensions, which may call LanguageTool's API (and only it)
EXTENSION_ORIGIN_RE = re.compile(r"^(?:(?:chrome|moz|safari-web)-extension://[A-Za-z0-9._-]{1,128}|app://obsidian\.md)$")
#: the paths browser extensions may call
EXTENSION_PATHS = ("/v2/",)


def extension_origin(scope) -> str | None:
    """The browser extension's origin of a request to LanguageTool's API (``/v2/...``), or None
    (another path, another origin, or no origin, or more than one)."""
    path = scope.get("path", "")
    if not path.startswith(EXTENSION_PATHS):
        return None
    origins = [v.decode("latin-1") for k, v in scope.get("headers", []) if k.lower() == b"origin"]
    if len(origins) == 1 and EXTENSION_ORIGIN_RE.match(origins[0]):
        return origins[0]
    return None


def _with_cors(send, origin: str):
    """``send`` with the CORS headers that let extension ``origin`` read the answer."""

    async def send_cors(message):
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []),
                                              (b"access-control-allow-origin", origin.encode("latin-1")),
                                              (b"vary", b"Origin")]}
        await send(message)

    return send_cors


async def _preflight(send) -> None:
    """The answer to an extension's CORS preflight on ``/v2/...``."""
    await send({"type": "http.response.start", "status": 204,
                "headers": [(b"access-control-allow-methods", b"GET, POST, OPTIONS"),
                            (b"access-control-allow-headers", b"Content-Type, Accept"),
                            (b"access-control-allow-private-network", b"true"),
                            (b"access-control-max-age", b"600"), (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})


def _foreign(scope, extension: bool = False) -> str | None:
    """Why a request must be refused as coming from another site, or None.  A browser sends
    ``Origin`` with every cross-site POST (and with fetches): it must name this server, scheme
    included, and come once, unless it is a browser extension's calling LanguageTool's API
    (``extension``, see :func:`extension_origin`).  The ``Host`` must be a loopback name (and
    come once), so a web page whose domain was re-pointed at 127.0.0.1 (DNS rebinding) cannot
    read the stories."""
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
    if origins and not extension:
        origin = origins[0]
        scheme = scope.get("scheme", "http")
        if origin == "null" or host is None or origin != f"{scheme}://{host}":
            return "refused: requests from other sites are not accepted"
    return None
