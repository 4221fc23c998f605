#!/usr/bin/env python3
"""Does a long check hold up a short one?  ``betareader serve`` under two requests at once.

Run by hand (not part of the test suite), from the repository root:

    .venv/bin/python benchmarks/concurrency.py                 # every pathological case at 40 KB
    .venv/bin/python benchmarks/concurrency.py --size 200000 --cases prose-paragraph,dots

It starts the real server (``betareader serve --no-store`` on a free port), warms it up, then for
each case of ``benchmarks/pathological.py`` sends that text (``POST /api/check``) and, while it is
being checked, a 13-character story; it prints how long the long check took, how long the short
one took beside it, and (the peer) how long the short one takes alone, with the ratio.  Target:
the short check answers in 200 ms or less while the long one runs.  Each request is its own
connection, as two browser tabs would make.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
SMALL = "She said hi."  # 13 characters with the newline the page adds
DEFAULT_JSON = HERE / "results" / "concurrency.json"


def _post(port: int, text: str) -> tuple[int, float]:
    t0 = time.perf_counter()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    try:
        c.request("POST", "/api/check", body=json.dumps({"text": text}), headers={"Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        return r.status, time.perf_counter() - t0
    finally:
        c.close()


def _serve(tmp: Path) -> tuple[subprocess.Popen, int]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "BETAREADER_DATA_DIR": str(tmp),
           "PYTHONPATH": str(REPO_ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([sys.executable, "-m", "betareader", "serve", "--port", "0", "--no-store"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    m = re.search(r"127\.0\.0\.1:(\d+)/", proc.stdout.readline())
    if not m:
        proc.kill()
        raise SystemExit("betareader serve did not start")
    port = int(m.group(1))
    for _ in range(600):
        try:
            _post(port, "Warm up, more then ever. It's fine.")  # the lexicon and the tagger load here
            return proc, port
        except OSError:
            time.sleep(0.1)
    raise SystemExit("betareader serve never answered")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", type=int, default=40_000, help="characters of the long check (default 40,000)")
    ap.add_argument("--cases", default="", help="pathological.py case names, comma-separated (default: all)")
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(HERE))
    import tempfile

    import pathological

    names = [c for c in args.cases.split(",") if c] or list(pathological.CASES)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        proc, port = _serve(Path(tmp))
        try:
            alone = [_post(port, SMALL)[1] for _ in range(20)]
            alone_ms = 1000 * statistics.median(alone)
            print(f"the 13-character check alone: median {alone_ms:.1f} ms (max {1000 * max(alone):.1f})\n")
            print(f"{'case':24} {'long check':>11} {'short beside it':>16} {'x alone':>8}")
            worst = 0.0
            for name in names:
                text = pathological.make(name, args.size)
                _post(port, text[: len(text) // 2] + "x")  # a first look at this kind of text: not timed
                got: dict = {}

                def long_check():
                    got["long"] = _post(port, text)

                t = threading.Thread(target=long_check)
                t.start()
                time.sleep(0.02)  # the long check is under way
                status, small = _post(port, SMALL)
                t.join()
                long_status, long_s = got["long"]
                worst = max(worst, small)
                rows.append({"case": name, "size": args.size, "long_s": long_s, "long_status": long_status,
                             "short_ms": 1000 * small, "short_alone_ms": alone_ms})
                print(f"{name[:24]:24} {long_s:>9.2f} s {1000 * small:>13.1f} ms {1000 * small / alone_ms:>7.1f}x"
                      + ("" if long_status == 200 else f"  (long check answered {long_status})"), flush=True)
            print(f"\nslowest short check beside a long one: {1000 * worst:.0f} ms (target <= 200 ms)")
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps({"when": time.strftime("%Y-%m-%d %H:%M"), "rows": rows}, indent=1) + "\n")
    print(f"results: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
