"""The HTTP server under ``betareader serve``: uvicorn, with the limits a local server still
needs against a misbehaving client.

uvicorn closes a connection that stays idle between requests (``timeout_keep_alive``), but a
client that sends its request line and headers a byte at a time (slowloris) keeps a
connection, and its file descriptor, forever.  :class:`Protocol` gives every request
:data:`HEADER_SECONDS` to arrive whole (request line and headers), from the moment the
connection opens or the previous response ends, and closes the connection when it does not;
the body's own deadline is the app's (``Guard`` in ``guard.py``).  At most
:data:`MAX_CONNECTIONS` connections are served at once; uvicorn answers 503 past that.
"""

from __future__ import annotations

import asyncio
import os
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol

#: seconds for a request's line and headers to arrive, once the connection is open or the
#: previous response is sent
HEADER_SECONDS = 10.0
#: seconds an idle kept-alive connection stays open
KEEP_ALIVE_SECONDS = 5
#: connections served at once (uvicorn refuses more with 503)
MAX_CONNECTIONS = 200


class Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for each request's headers."""

    header_seconds = HEADER_SECONDS
    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:  # the response's head and body go out at once: no 40 ms delayed-ACK wait on a kept-alive connection
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass
        self._arm()

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)

    def handle_events(self) -> None:
        cycle = self.cycle
        super().handle_events()
        if self.cycle is not cycle:  # a request's headers arrived whole
            self._disarm()

    def on_response_complete(self) -> None:
        self._arm()  # before the next request's events (pipelined ones disarm it again)
        super().on_response_complete()
        if self.transport.is_closing():
            self._disarm()

    def _arm(self) -> None:
        self._disarm()
        self._header_timer = self.loop.call_later(self.header_seconds, self._too_slow)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _too_slow(self) -> None:
        self._header_timer = None
        if not self.transport.is_closing():
            self.transport.close()


def serve_socket(app, sock: socket.socket) -> None:
    """Serve ``app`` on the bound, listening ``sock`` until interrupted.  The headers' deadline
    is :data:`HEADER_SECONDS`, or ``$BETAREADER_HEADER_SECONDS`` (the tests shorten it)."""
    import uvicorn

    seconds = float(os.environ.get("BETAREADER_HEADER_SECONDS") or HEADER_SECONDS)
    protocol = type("Protocol", (Protocol,), {"header_seconds": seconds})
    config = uvicorn.Config(app, log_level="warning", server_header=False, http=protocol,
                            timeout_keep_alive=KEEP_ALIVE_SECONDS, limit_concurrency=MAX_CONNECTIONS)
    uvicorn.Server(config).run(sockets=[sock])
