"""Shared test helpers (imported by test modules; pytest puts tests/ on sys.path)."""

import http.client
import json
import os
import pathlib
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from betareader.config import Config
from betareader.engine import Engine

FIXTURES = pathlib.Path(__file__).parent / "fixtures" / "rules"


def load_fixture(code: str) -> dict:
    with open(FIXTURES / f"{code}.toml", "rb") as fh:
        return tomllib.load(fh)


def check(text: str, select=("ALL",), fmt="txt", **cfg):
    return Engine(Config(select=list(select), **cfg)).check_text(text, format=fmt)


def record_paragraph_checks(monkeypatch, rule) -> list[str]:
    """The texts of the paragraphs ``rule`` checks from now on (appended as it checks them)."""
    calls: list[str] = []
    original = type(rule).check_paragraph

    def spy(self, para, ctx):
        calls.append(para.text)
        return original(self, para, ctx)

    monkeypatch.setattr(type(rule), "check_paragraph", spy)
    return calls


def betareader(*args: str, cwd: Path, stdin: bytes | None = None, env: dict | None = None,
               timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``betareader ARGS`` as a user would (a subprocess of this interpreter), without
    ``BETAREADER_DEBUG``; stdin empty unless given."""
    full_env = {k: v for k, v in os.environ.items() if k != "BETAREADER_DEBUG"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "betareader", *args],
        cwd=cwd,
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=full_env,
        timeout=timeout,
    )


class Served:
    """A real ``betareader serve --port 0`` in a subprocess, with its own data folder and
    dictionary; ``request`` talks to it over a real socket."""

    def __init__(self, tmp: Path, *args: str, env: dict | None = None) -> None:
        self.data = tmp / "data"
        self.err = tmp / "serve.stderr"
        full = {**os.environ, "PYTHONUNBUFFERED": "1", "BETAREADER_DATA_DIR": str(self.data),
                "BETAREADER_DICTIONARY": str(tmp / "dictionary.txt"), **(env or {})}
        with open(self.err, "w") as fh:
            self.proc = subprocess.Popen([sys.executable, "-m", "betareader", "serve", "--port", "0", *args],
                                         stdout=subprocess.PIPE, stderr=fh, text=True, env=full)
        line = self.proc.stdout.readline()
        if "serving on" not in line:
            self.stop()
            raise RuntimeError(f"serve did not start: {line!r} {self.err.read_text()}")
        self.port = int(line.split("127.0.0.1:")[1].split("/")[0])
        deadline = time.monotonic() + 60
        while True:
            try:
                self.request("GET", "/api/state")
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def request(self, method: str, path: str, body=None, headers=None, timeout: float = 120):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            data = json.dumps(body).encode() if body is not None else None
            h = {"Content-Type": "application/json"} if data is not None else {}
            c.request(method, path, body=data, headers={**h, **(headers or {})})
            r = c.getresponse()
            return r.status, dict(r.getheaders()), r.read()
        finally:
            c.close()

    def stop(self) -> None:
        from e2e_helpers import stop_server

        stop_server(self)
