"""Helpers for tests/test_e2e_browser.py: the real ``betareader serve`` in a subprocess, and a
Playwright page that records what it requests and every console or page error.

The editor page's Content-Security-Policy forbids ``eval``, so Playwright's
``wait_for_function`` (which builds its predicate with ``new Function``) cannot run there:
waits poll ``page.evaluate`` (a DevTools call, not subject to the page's policy) from Python.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
TIMEOUT = 30.0


def have_chromium() -> bool:
    return os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)


# -- the server --------------------------------------------------------------------------------


@dataclass
class Server:
    url: str                 # "http://127.0.0.1:PORT/"
    data_dir: Path           # BETAREADER_DATA_DIR
    proc: subprocess.Popen
    stderr_path: Path

    def api(self, method: str, path: str, body=None):
        """Call the server's API from the test (no browser): the decoded JSON answer."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.url + path.lstrip("/"), data=data, method=method,
                                     headers={"Content-Type": "application/json"} if data else {})
        with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
            return json.loads(r.read())

    def findings(self, text: str) -> list[dict]:
        """The findings the JSON contract gives for ``text`` read as Markdown (as the page reads
        pasted text), with the default rules and no page dictionary."""
        return self.api("POST", "/api/check", {"text": text, "format": "md"})["files"][0]["findings"]

    def reset(self) -> None:
        """Empty the store, so the page's start-up opens a fresh sample review."""
        self.api("DELETE", "/api/store")

    def db_bytes(self) -> bytes:
        """Every byte betareader keeps in its data folder (the SQLite file and any journal)."""
        return b"".join(p.read_bytes() for p in sorted(self.data_dir.rglob("*")) if p.is_file())


def start_server(tmp: Path) -> Server:
    data = tmp / "data"
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "BETAREADER_DATA_DIR": str(data),
           "BETAREADER_DICTIONARY": str(tmp / "dictionary.txt")}
    err = tmp / "server.stderr"
    with open(err, "w") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "betareader", "serve", "--port", "0"],
                                stdout=subprocess.PIPE, stderr=fh, text=True, env=env)
    line = proc.stdout.readline()
    m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not m:
        proc.kill()
        raise RuntimeError(f"betareader serve did not start: {line!r} {err.read_text()}")
    server = Server(m.group(0), data, proc, err)
    deadline = time.monotonic() + TIMEOUT
    while True:  # the socket is bound before the app is up: wait until it answers
        try:
            server.api("GET", "/api/state")
            return server
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline or proc.poll() is not None:
                stop_server(server)
                raise RuntimeError(f"betareader serve never answered: {err.read_text()}") from None
            time.sleep(0.05)


def stop_server(server: Server) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait()


# -- the page ----------------------------------------------------------------------------------


@dataclass
class Session:
    """One browser context and page, and what happened in it."""
    page: object
    server: Server
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    accept_dialogs: bool = False  # confirm() answers: dismissed unless a test says otherwise

    def attach(self) -> None:
        page = self.page
        page.context.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.console_errors.append(
            f"{m.text} @ {m.location.get('url', '')}"))
        page.on("pageerror", lambda e: self.page_errors.append(str(e)))

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(self.server.url)]

    def assert_clean(self, allow_console=()) -> None:
        """No page error, no console error (bar the patterns allowed), nothing asked of
        another origin."""
        assert self.page_errors == []
        errors = [e for e in self.console_errors if not any(re.search(p, e) for p in allow_console)]
        assert errors == []
        assert self.foreign_requests() == []

    # -- waiting for the page's checks --------------------------------------------------------

    def checked(self) -> int:
        """The page's count of checks answered (``document.body.dataset.checked``)."""
        return int(self.page.evaluate("() => document.body.dataset.checked || '0'"))

    def settle(self, since: int, timeout: float = TIMEOUT) -> int:
        """Wait until a check newer than ``since`` has answered and no edit waits for another
        (the status line says "editing…" from a keystroke until its check answers)."""
        deadline = time.monotonic() + timeout
        while True:
            n, status, error = self.page.evaluate(
                "() => [document.body.dataset.checked || '0', document.getElementById('status').textContent,"
                " document.getElementById('error').hidden ? '' : document.getElementById('error').textContent]")
            assert not error, f"the page shows an error: {error}"
            if int(n) > since and not status.startswith("editing"):
                return int(n)
            if time.monotonic() > deadline:
                raise AssertionError(f"no check answered within {timeout} s (checked={n}, status={status!r})")
            time.sleep(0.02)

    def wait_for(self, js: str, timeout: float = TIMEOUT):
        """Poll a JavaScript function until it returns something truthy; return that."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.page.evaluate(js)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {js}")
            time.sleep(0.02)

    # -- driving the page ---------------------------------------------------------------------

    def open(self) -> int:
        self.page.goto(self.server.url)
        return self.settle(0)

    def new_story(self, text: str) -> int:
        """The New button, then the story typed in as a paste would (one input event)."""
        n = self.checked()
        self.page.click("#new-review")
        n = self.settle(n)
        assert self.page.input_value("#text") == ""
        self.page.fill("#text", text)
        return self.settle(n)

    def text(self) -> str:
        return self.page.input_value("#text")

    def review_id(self) -> str:
        return re.search(r"#review=([0-9a-f]+)", self.page.url).group(1)

    def marks(self) -> list[dict]:
        """The backdrop's marks: fingerprint, kind class and the text they cover."""
        return self.page.evaluate("""() => [...document.querySelectorAll('#backdrop mark')].map(
            (m) => ({fp: m.dataset.fp, cls: m.className, text: m.textContent}))""")

    def listed(self) -> list[dict]:
        """The Findings tab's list: fingerprint, code, excerpt as shown."""
        return self.page.evaluate("""() => [...document.querySelectorAll('#finding-list li[data-fp]')].map(
            (li) => ({fp: li.dataset.fp, code: li.querySelector('.code').textContent,
                      excerpt: li.querySelector('.excerpt').textContent}))""")

    def assert_backdrop_matches(self) -> None:
        """The backdrop holds exactly the textarea's text, and every mark is a listed finding."""
        backdrop = self.page.evaluate("() => document.getElementById('backdrop').textContent")
        assert backdrop == self.text() + "\u200b\n"
        listed = {f["fp"] for f in self.listed()}
        assert {m["fp"] for m in self.marks()} <= listed

    def click_text_at(self, fp: str, where: float = 0.5) -> None:
        """Click the textarea over the first line box of the finding's mark, ``where`` of the
        way across it (the textarea lies over the backdrop, so the click lands in the text)."""
        mark = self.page.locator(f'#backdrop mark[data-fp="{fp}"]').first
        mark.scroll_into_view_if_needed()
        r = mark.evaluate("(m) => { const r = m.getClientRects()[0]; return [r.left, r.top, r.width, r.height]; }")
        self.page.mouse.click(r[0] + r[2] * where, r[1] + r[3] / 2)

    def card(self) -> str | None:
        """The fingerprint of the finding whose card is open, or None."""
        return self.page.evaluate("() => { const c = document.getElementById('card'); return c.hidden ? null : c.dataset.fp; }")

    def download(self, fmt: str, dest: Path) -> Path:
        self.page.select_option("#export-format", fmt)
        with self.page.expect_download(timeout=TIMEOUT * 1000) as info:
            self.page.click("#export")
        info.value.save_as(dest)
        return dest

    def tab(self, name: str) -> None:
        self.page.click(f'[role=tab][data-tab="{name}"]')
