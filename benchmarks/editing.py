#!/usr/bin/env python3
"""Re-check latency after a one-paragraph edit (the web editor's case), and a concurrent load test.

Run by hand (not part of the test suite), from the repository root:

    .venv/bin/python benchmarks/editing.py                      # Pride and Prejudice, 200 edits
    .venv/bin/python benchmarks/editing.py --book story.txt --edits 50
    .venv/bin/python benchmarks/editing.py --concurrent 20      # also 20 reviews at once to a real server

The local web editor re-checks the whole chapter every time the writer pauses typing, through
one long-lived Engine.  This script takes a chapter-sized excerpt (about ``--words`` words from
the middle of the book, whole paragraphs), applies ``--edits`` seeded one-paragraph edits in turn
(typing a word, deleting a word, inserting a new capitalised name mid-sentence, changing
punctuation) and times the re-check after each:

(a) ``engine``: ``build_document(text)`` then ``Engine.check`` on one Engine kept across edits
    (the build and the check are also shown apart);
(b) ``http``: the same texts posted as ``{"text": ...}`` to ``/api/check`` of the app
    (``betareader.server.app.create_app``) through ``fastapi.testclient.TestClient``, in-process,
    and to the editor page's own ``/api/reviews/{id}/check`` (which also saves the text and adds
    fingerprints and the letter's figures);

each side by side with its peer: a cold full check of the same text with a fresh Engine (a
fresh app for (b)), on every ``--cold-every``-th edit.  The peer runs in the same process, so
process-wide caches (the paragraph analysis, the tagger's windows, the lexicon) are warm for it
too; what it lacks is the Engine's own per-paragraph cache.  Every peer result is compared with
the incremental one: findings and summary must be identical.

The part-of-speech tagger runs in this process (``BETAREADER_TAGGER_PROCESS=0``), as in a
server that keeps spaCy loaded.

``--concurrent N`` then starts a real server (``python -m betareader serve --port 0`` in a
subprocess, the same tagger setting), sends N full reviews of N different chapters of about
``--words`` words (from the corpus' books) at once from N threads, and reports whether every one
succeeded (status 200 and valid JSON), the wall time and the throughput (reviews/s, words/s).

Results are written to ``benchmarks/results/editing.json`` (``--output``).  The corpus text is
read from ``--corpus`` (default ``../shared/corpus``) and never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

os.environ.setdefault("BETAREADER_TAGGER_PROCESS", "0")

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_BOOK = Path("fiction") / "jane-austen_pride-and-prejudice.txt"
DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "editing.json"

#: invented names, so that an inserted name is new to the story
_SYLLABLES = "ka ve lor tam sin dra quil mor ek zan thu bri os wen ald fe rix ung pa".split()
_PUNCT_SWAPS = {",": [";", " —", ""], ".": ["!", "?", ";"], ";": [",", "."], "!": [".", "?"], "?": [".", "!"]}


# --------------------------------------------------------------------------- the chapter and edits


def chapter(text: str, words: int, at: float, one_line: bool = False) -> str:
    """About ``words`` words of whole paragraphs (blank-line separated), from ``at`` (0..1) of the
    text; with ``one_line``, each paragraph's lines joined into one (as an editor's soft wrap has it).
    The other benchmarks that need a chapter (``lsp_latency.py``, ``languagetool_api.py``) take it here."""
    start = text.find("\n\n", int(len(text) * at))
    paras = [p for p in text[start if start >= 0 else 0 :].split("\n\n") if p.strip()]
    out, n = [], 0
    for p in paras:
        out.append(" ".join(p.split()) if one_line else p.strip("\n"))
        n += len(p.split())
        if n >= words:
            break
    return "\n\n".join(out) + "\n"


def _new_name(rng: random.Random, used: set) -> str:
    while True:
        name = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        if name not in used:
            used.add(name)
            return name


def edits(text: str, n: int, seed: int) -> list[tuple[str, str]]:
    """``n`` texts, each one edit away from the one before: (kind of edit, text)."""
    rng = random.Random(seed)
    paras = text.rstrip("\n").split("\n\n")
    vocab = sorted({w for w in re.findall(r"\b[a-z]{3,}\b", text)})
    used = set(re.findall(r"\b[A-Z][a-z]+\b", text))
    out = []
    for _ in range(n):
        # a paragraph of story text with a few words in it (not a heading)
        while True:
            k = rng.randrange(len(paras))
            ws = paras[k].split(" ")
            if len(ws) >= 8:
                break
        kind = rng.choice(("type", "delete", "name", "punct"))
        j = rng.randrange(1, len(ws) - 1)
        if kind == "type":
            # a word of the chapter, or now and then a new one (a typo, a coinage)
            word = rng.choice(vocab) if rng.random() < 0.7 else "".join(rng.choice("etaoinshrdlu") for _ in range(rng.randint(3, 8)))
            ws.insert(j, word)
        elif kind == "delete":
            del ws[j]
        elif kind == "name":
            # after a word ending in a lowercase letter: a capitalised word mid-sentence, a name
            cands = [i for i in range(1, len(ws)) if ws[i - 1][-1:].islower()] or [j]
            ws.insert(rng.choice(cands), _new_name(rng, used))
        else:
            marks = [(i, c) for i, w in enumerate(ws) for c in w[-1:] if c in _PUNCT_SWAPS]
            if marks:
                i, c = rng.choice(marks)
                ws[i] = ws[i][:-1] + rng.choice(_PUNCT_SWAPS[c])
            else:
                ws[j] += ","
        paras[k] = " ".join(ws)
        out.append((kind, "\n\n".join(paras) + "\n"))
    return out


# --------------------------------------------------------------------------- measuring


def pct(values: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``values``."""
    s = sorted(values)
    return s[max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))]


def figures(ms: list[float]) -> dict:
    return {"n": len(ms), "p50_ms": round(pct(ms, 50), 1), "p95_ms": round(pct(ms, 95), 1),
            "max_ms": round(max(ms), 1), "mean_ms": round(statistics.fmean(ms), 1)}


def _same(a, b) -> bool:
    fa = [(f.code, f.start, f.end, f.message, f.suggestions, f.fix, f.severity) for f in a.findings]
    fb = [(f.code, f.start, f.end, f.message, f.suggestions, f.fix, f.severity) for f in b.findings]
    return fa == fb and a.summary == b.summary


def bench_engine(base: str, texts: list[tuple[str, str]], cold_every: int) -> dict:
    from betareader.config import Config
    from betareader.engine import Engine
    from betareader.model import build_document

    engine = Engine(Config())
    t = time.perf_counter()
    engine.check(build_document(base))
    first = time.perf_counter() - t
    build, check, total, cold, kinds = [], [], [], [], {}
    mismatches = 0
    for i, (kind, text) in enumerate(texts):
        t0 = time.perf_counter()
        doc = build_document(text)
        t1 = time.perf_counter()
        res = engine.check(doc)
        t2 = time.perf_counter()
        build.append(1000 * (t1 - t0))
        check.append(1000 * (t2 - t1))
        total.append(1000 * (t2 - t0))
        kinds.setdefault(kind, []).append(1000 * (t2 - t0))
        if cold_every and i % cold_every == 0:
            t0 = time.perf_counter()
            fresh = Engine(Config()).check(build_document(text))
            cold.append(1000 * (time.perf_counter() - t0))
            mismatches += not _same(res, fresh)
    return {"first_check_s": round(first, 3), "build": figures(build), "check": figures(check),
            "build_and_check": figures(total), "by_edit": {k: figures(v) for k, v in sorted(kinds.items())},
            "cold": figures(cold), "cold_mismatches": mismatches}


def bench_http(base: str, texts: list[tuple[str, str]], cold_every: int) -> dict:
    from fastapi.testclient import TestClient

    from betareader.server.app import create_app

    failed: list[str] = []

    def post(client, text):
        t0 = time.perf_counter()
        r = client.post("/api/check", json={"text": text})
        ms = 1000 * (time.perf_counter() - t0)
        ok = r.status_code == 200 and isinstance(r.json(), dict)
        if not ok and not failed:
            failed.append(f"{r.status_code} {r.text[:200]}")
        return ms, ok, r.content

    def app_client():
        # the server answers only on loopback names (its DNS-rebinding guard)
        return TestClient(create_app(), base_url="http://127.0.0.1")

    client = app_client()
    first, ok, _ = post(client, base)
    warm, cold, failures, mismatches = [], [], int(not ok), 0
    for i, (_kind, text) in enumerate(texts):
        ms, ok, body = post(client, text)
        warm.append(ms)
        failures += not ok
        if cold_every and i % cold_every == 0:
            ms, ok, fresh = post(app_client(), text)
            cold.append(ms)
            failures += not ok
            mismatches += fresh != body
    # the editor page's own call: POST /api/reviews/{id}/check saves the text (SQLite, in memory here)
    # and answers with the findings, their fingerprints and the letter's figures
    page = app_client()
    rid = page.post("/api/reviews", json={"text": base, "name": "chapter.txt", "format": "txt"}).json()["id"]
    page.post(f"/api/reviews/{rid}/check", json={"text": base})
    review = []
    for _kind, text in texts:
        t0 = time.perf_counter()
        r = page.post(f"/api/reviews/{rid}/check", json={"text": text})
        review.append(1000 * (time.perf_counter() - t0))
        if r.status_code != 200:
            failures += 1
            if not failed:
                failed.append(f"{r.status_code} {r.text[:200]}")
    return {"first_request_s": round(first / 1000, 3), "warm": figures(warm), "cold": figures(cold),
            "review": figures(review),
            "failures": failures, "first_failure": failed[0] if failed else None, "cold_mismatches": mismatches}


def bench_concurrent(corpus: Path, n: int, words: int, timeout: float) -> dict:
    import httpx

    books = sorted((corpus / "fiction").glob("*.txt"))
    texts = []
    k = 0
    while len(texts) < n:
        book = books[k % len(books)]
        at = 0.1 + 0.35 * (k // len(books))  # a second chapter from each book, further on
        texts.append((book.stem, chapter(book.read_text(encoding="utf-8"), words, at)))
        k += 1
    env = dict(os.environ, PYTHONPATH=str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, "-m", "betareader", "serve", "--port", "0"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        m = re.search(r"(http://\S+?)/? ", line)
        if not m:
            raise RuntimeError(f"the server did not start: {line!r} {proc.stderr.read()[:2000]}")
        url = m.group(1)
        t = time.perf_counter()
        with httpx.Client(base_url=url, timeout=timeout) as c:  # warm-up: spaCy and the lexicon load
            warm = c.post("/api/check", json={"text": "“Stay,” she said. It’s a dog’s life."})
        warmup_s = time.perf_counter() - t

        def review(item):
            name, text = item
            t0 = time.perf_counter()
            try:
                with httpx.Client(base_url=url, timeout=timeout) as c:
                    r = c.post("/api/check", json={"text": text})
                json.loads(r.content)
                ok = r.status_code == 200
                status = r.status_code
            except Exception as exc:  # noqa: BLE001 - a failed review is reported, not raised
                ok, status = False, repr(exc)
            return {"book": name, "words": len(text.split()), "status": status, "ok": ok,
                    "ms": round(1000 * (time.perf_counter() - t0), 1)}

        start = threading.Barrier(n)

        def at_once(item):
            start.wait()
            return review(item)

        t0 = time.perf_counter()
        with ThreadPoolExecutor(n) as pool:
            rows = list(pool.map(at_once, texts))
        wall = time.perf_counter() - t0
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    total_words = sum(r["words"] for r in rows)
    return {"reviews": n, "succeeded": sum(r["ok"] for r in rows), "warmup_status": warm.status_code,
            "warmup_s": round(warmup_s, 2), "wall_s": round(wall, 2), "reviews_per_s": round(n / wall, 2),
            "words": total_words, "words_per_s": round(total_words / wall), "latency": figures([r["ms"] for r in rows]),
            "rows": rows}


# --------------------------------------------------------------------------- report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--book", type=Path, default=None, help="a UTF-8 text instead of Pride and Prejudice")
    ap.add_argument("--words", type=int, default=10_000, help="words in the chapter (default 10,000)")
    ap.add_argument("--edits", type=int, default=200)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--cold-every", type=int, default=10, help="the cold peer runs on every N-th edit")
    ap.add_argument("--no-http", action="store_true", help="skip part (b)")
    ap.add_argument("--concurrent", type=int, default=0, metavar="N", help="also N concurrent reviews to a real server")
    ap.add_argument("--timeout", type=float, default=600.0)
    ap.add_argument("--output", type=Path, default=DEFAULT_JSON)
    args = ap.parse_args()

    book = args.book or args.corpus / DEFAULT_BOOK
    if not book.is_file():
        print(f"editing.py: no book at {book}", file=sys.stderr)
        return 2
    base = chapter(book.read_text(encoding="utf-8"), args.words, 0.4)
    texts = edits(base, args.edits, args.seed)
    print(f"python {platform.python_version()}, {platform.platform()}, {os.cpu_count()} CPUs; "
          f"tagger in-process: {os.environ.get('BETAREADER_TAGGER_PROCESS') == '0'}")
    print(f"chapter: {book.name}, {len(base.split()):,} words, {base.count(chr(10) * 2) + 1} paragraphs; "
          f"{len(texts)} one-paragraph edits (seed {args.seed}); cold peer on every {args.cold_every}th")
    result = {"benchmark": "editing", "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "environment": {"python": platform.python_version(), "platform": platform.platform(),
                              "cpu_count": os.cpu_count(),
                              "tagger_in_process": os.environ.get("BETAREADER_TAGGER_PROCESS") == "0"},
              "chapter": {"book": book.name, "words": len(base.split())},
              "settings": {"edits": len(texts), "seed": args.seed, "cold_every": args.cold_every}}

    eng = bench_engine(base, texts, args.cold_every)
    result["engine"] = eng
    print(f"\n(a) engine (first check in this process: {eng['first_check_s']:.2f} s)")
    print(f"{'':28}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'n':>5}")

    def row(label, f):
        print(f"{label:28}{f['p50_ms']:9.1f}{f['p95_ms']:9.1f}{f['max_ms']:9.1f}{f['n']:5}")

    row("re-check: build + check", eng["build_and_check"])
    row("  build_document", eng["build"])
    row("  Engine.check", eng["check"])
    for kind, f in eng["by_edit"].items():
        row(f"  edit '{kind}'", f)
    row("cold: fresh Engine", eng["cold"])
    print(f"ratio cold / re-check (p50): {eng['cold']['p50_ms'] / eng['build_and_check']['p50_ms']:.1f}x; "
          f"results differing from the cold check: {eng['cold_mismatches']}")

    if not args.no_http:
        http = bench_http(base, texts, args.cold_every)
        result["http"] = http
        print(f"\n(b) HTTP /api/check in-process (TestClient; first request {http['first_request_s']:.2f} s)")
        print(f"{'':28}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'n':>5}")
        row("re-check: warm app", http["warm"])
        row("page: /api/reviews/ID/check", http["review"])
        row("cold: fresh app", http["cold"])
        print(f"ratio cold / re-check (p50): {http['cold']['p50_ms'] / http['warm']['p50_ms']:.1f}x; "
              f"failed requests: {http['failures']}; bodies differing from the cold app's: {http['cold_mismatches']}")
        if http["first_failure"]:
            print(f"first failure: {http['first_failure']}")

    if args.concurrent:
        conc = bench_concurrent(args.corpus, args.concurrent, args.words, args.timeout)
        result["concurrent"] = conc
        print(f"\n(c) {conc['reviews']} concurrent full reviews to `betareader serve` "
              f"({conc['words']:,} words in all; server warm-up {conc['warmup_s']:.1f} s)")
        print(f"succeeded (200, valid JSON): {conc['succeeded']}/{conc['reviews']}; wall {conc['wall_s']:.1f} s; "
              f"{conc['reviews_per_s']:.2f} reviews/s; {conc['words_per_s']:,} words/s; "
              f"latency p50 {conc['latency']['p50_ms'] / 1000:.1f} s, max {conc['latency']['max_ms'] / 1000:.1f} s")

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(f"\nwritten: {args.output}")
    bad = eng["cold_mismatches"] or result.get("http", {}).get("failures") or result.get("http", {}).get("cold_mismatches")
    if args.concurrent and result["concurrent"]["succeeded"] != args.concurrent:
        bad = True
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
