"""Which addresses ``betareader serve`` binds without being told it may face the network."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    """Is ``host`` this machine only ("localhost", 127.0.0.0/8, ::1)?"""
    h = host.strip().strip("[]").lower()
    if h == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False  # another host name: it may resolve to any interface


def check_host(host: str, allow_remote: bool) -> str | None:
    """None when ``host`` may be bound; else the one-line reason it is refused."""
    if not host.strip():
        return "--host is empty"
    if is_loopback(host) or allow_remote:
        return None
    return (f"refusing to listen on {host}: other machines could read the stories sent to it; "
            "use 127.0.0.1 (the default), or add --allow-remote if you mean it")
