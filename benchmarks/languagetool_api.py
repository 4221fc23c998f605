#!/usr/bin/env python3
"""Latency of LanguageTool's API on ``betareader serve``: ``POST /v2/check`` on a chapter.

Run by hand (not part of the test suite), from the repository root:

    .venv/bin/python benchmarks/languagetool_api.py --corpus ../shared/corpus
    .venv/bin/python benchmarks/languagetool_api.py --words 2000 --requests 60

A LanguageTool client (the browser add-on, Obsidian's plugin, LTeX+) sends the whole text again
each time the writer pauses.  This script starts a real server (``python -m betareader serve
--port 0 --no-store`` in a subprocess) and, over one kept-alive HTTP connection as a client
would, sends a chapter of about ``--words`` words (whole paragraphs from the middle of Pride and
Prejudice, read from ``--corpus`` at run time and never copied into the repository):

- ``cold``: the first request (the server has loaded nothing for it yet);
- ``same``: the same text again, ``--requests`` times (a client re-checking after a pause);
- ``edited``: each request with one paragraph changed (a sentence typed, with two errors of
  my own in it), ``--requests`` times;

and prints the median and 95th percentile of each beside the target (p95 of warm requests
≤ 100 ms) and, as a peer on the same text, Harper (harper-py, when installed: ``pip install
-e '.[bench]'``) linting it in this process, which is no HTTP round trip at all.  Every answer
is checked to be LanguageTool's shape with the same number of matches for the same text.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from editing import chapter  # noqa: E402  (the editing benchmark's chapter)

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
BOOK = "fiction/jane-austen_pride-and-prejudice.txt"
TARGET_MS = 100.0


class Server:
    def __init__(self, data: Path) -> None:
        env = {**os.environ, "BETAREADER_DATA_DIR": str(data), "BETAREADER_DICTIONARY": str(data / "dictionary.txt"),
               "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen([sys.executable, "-m", "betareader", "serve", "--port", "0", "--no-store"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        line = self.proc.stdout.readline()
        if "serving on" not in line:
            self.stop()
            raise SystemExit(f"the server did not start: {line!r}")
        self.port = int(line.split("127.0.0.1:")[1].split("/")[0])
        deadline = time.monotonic() + 60
        while True:
            try:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                self.conn.request("GET", "/v2/healthcheck")
                self.conn.getresponse().read()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def check(self, text: str) -> tuple[float, dict]:
        body = urllib.parse.urlencode({"text": text, "language": "en-US"}).encode()
        t0 = time.perf_counter()
        self.conn.request("POST", "/v2/check", body=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
        r = self.conn.getresponse()
        data = r.read()
        dt = time.perf_counter() - t0
        if r.status != 200:
            raise SystemExit(f"/v2/check answered {r.status}: {data[:200]!r}")
        return dt, json.loads(data)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def _stats(xs: list[float]) -> tuple[float, float]:
    xs = sorted(xs)
    return statistics.median(xs) * 1000, xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))] * 1000


def harper_ms(text: str, repeat: int) -> float | None:
    try:
        from harper import Dialect, Language, Linter
    except ImportError:
        return None
    linter = Linter(Dialect.AMERICAN)
    linter.lint(text, language=Language("plaintext"))
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        linter.lint(text, language=Language("plaintext"))
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--words", type=int, default=2000)
    ap.add_argument("--requests", type=int, default=60)
    args = ap.parse_args()
    book = (args.corpus / BOOK).read_text(encoding="utf-8")
    paras = chapter(book, args.words, 0.5, one_line=True).rstrip("\n").split("\n\n")
    text = "\n\n".join(paras)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        server = Server(Path(tmp))
        try:
            cold, first = server.check(text)
            same, edited = [], []
            for _ in range(args.requests):
                dt, answer = server.check(text)
                assert len(answer["matches"]) == len(first["matches"]) and "language" in answer
                same.append(dt)
            for i in range(args.requests):
                changed = list(paras)
                k = (i * 7) % len(changed)
                changed[k] = changed[k] + f" And so it went on {i} times, alot of teh time."
                dt, answer = server.check("\n\n".join(changed))
                edited.append(dt)
        finally:
            server.stop()
    words = len(text.split())
    print(f"/v2/check on a {words:,}-word chapter ({len(paras)} paragraphs, {len(first['matches'])} matches), "
          f"{args.requests} requests each, one kept-alive connection")
    print(f"{'case':<28}{'median ms':>11}{'p95 ms':>9}{'target':>10}")
    print(f"{'cold (first request)':<28}{cold * 1000:>11.1f}{'':>9}{'':>10}")
    for name, xs in (("same text again", same), ("one paragraph edited", edited)):
        med, p95 = _stats(xs)
        print(f"{name:<28}{med:>11.1f}{p95:>9.1f}{'≤ %.0f' % TARGET_MS:>10}{'  ok' if p95 <= TARGET_MS else '  OVER'}")
    h = harper_ms(text, 20)
    if h is None:
        print("peer: harper-py not installed (pip install -e '.[bench]')")
    else:
        med, _ = _stats(edited)
        print(f"peer: Harper (harper-py) linting the same text in this process, no HTTP: {h:.1f} ms median; "
              f"betareader over HTTP, edited: {med / h:.2f}x Harper")


if __name__ == "__main__":
    main()
