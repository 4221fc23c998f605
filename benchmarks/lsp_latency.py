#!/usr/bin/env python3
"""Keystroke-to-diagnostics latency of ``betareader lsp``, through a real client over stdio.

Run by hand (not part of the test suite), from the repository root:

    .venv/bin/python benchmarks/lsp_latency.py                    # Pride and Prejudice, 40 edits
    .venv/bin/python benchmarks/lsp_latency.py --edits 100 --debounce-ms 20 --encoding utf-8

It starts ``python -m betareader lsp`` as an editor would (pygls' ``LanguageClient`` as a library),
opens a chapter of about ``--words`` words of whole paragraphs from the middle of a book (read from
``--corpus`` at run time, never copied into the repository) as a Markdown document, and times:

- **open**: ``didOpen`` to the first ``publishDiagnostics`` (a cold server: the lexicon and spaCy
  load then, unless the server's warm-up after ``initialized`` got there first);
- **edit**: ``--edits`` times, a ``didChange`` of one paragraph (an incremental change replacing
  that paragraph's line: a word typed, a word deleted or a punctuation mark changed) to the
  ``publishDiagnostics`` of that document version; each edit waits for the one before.

It prints the median, the 95th percentile and the maximum against the target (p95 <= 50 ms), and
with ``--output`` writes them as JSON.  As a peer, Harper (harper-py, when installed: ``pip install
-e '.[bench]'``) lints each edited version of the same chapter in this process, as harper-ls does
the whole document on each change (its time has no process boundary or JSON-RPC in it).  The personal dictionary and the data folder are empty
temporary ones, so the user's own are neither read nor written.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).resolve().parent))
from editing import chapter  # noqa: E402  (the editing benchmark's chapter, one line a paragraph)

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_BOOK = Path("fiction") / "jane-austen_pride-and-prejudice.txt"
TARGET_P95_MS = 50.0
_PUNCT_SWAPS = {",": [";", " —", ""], ".": ["!", "?", ";"], ";": [",", "."], "!": [".", "?"], "?": [".", "!"]}


def edited(line: str, rng: random.Random, vocab: list[str]) -> str:
    """``line`` after one edit: a word typed, a word deleted or a punctuation mark changed."""
    ws = line.split(" ")
    j = rng.randrange(1, len(ws) - 1)
    kind = rng.choice(("type", "delete", "punct"))
    if kind == "type":
        ws.insert(j, rng.choice(vocab))
    elif kind == "delete":
        del ws[j]
    else:
        marks = [(i, c) for i, w in enumerate(ws) for c in w[-1:] if c in _PUNCT_SWAPS]
        if marks:
            i, c = rng.choice(marks)
            ws[i] = ws[i][:-1] + rng.choice(_PUNCT_SWAPS[c])
        else:
            ws[j] += ","
    return " ".join(ws)


def units(s: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(s.encode("utf-8"))
    if encoding == "utf-16":
        return len(s.encode("utf-16-le")) // 2
    return len(s)


def pct(values: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank)."""
    s = sorted(values)
    return s[max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))]


async def run(args) -> dict:
    book = (args.corpus / args.book).read_text(encoding="utf-8")
    text = chapter(book, args.words, args.at, one_line=True)
    lines = text.split("\n")
    editable = [i for i, ln in enumerate(lines) if len(ln.split(" ")) >= 8]
    vocab = sorted({w for w in re.findall(r"\b[a-z]{3,}\b", text)})
    rng = random.Random(args.seed)

    client = LanguageClient("lsp-latency", "1")
    waiting: dict[int, asyncio.Future] = {}
    counts: dict[int, int] = {}

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(params: lsp.PublishDiagnosticsParams) -> None:
        counts[params.version] = len(params.diagnostics)
        fut = waiting.pop(params.version, None)
        if fut is not None and not fut.done():
            fut.set_result(time.perf_counter())

    @client.feature(lsp.WINDOW_LOG_MESSAGE)
    def logged(params: lsp.LogMessageParams) -> None:
        print(f"server: {params.message}", file=sys.stderr)

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "BETAREADER_DICTIONARY": str(Path(tmp) / "dictionary.txt"),
               "BETAREADER_DATA_DIR": str(Path(tmp) / "data")}
        t_spawn = time.perf_counter()
        await client.start_io(sys.executable, "-m", "betareader", "lsp", env=env)
        options = {"betareader": {"debounceMs": args.debounce_ms}} if args.debounce_ms is not None else None
        init = await client.initialize_async(lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(general=lsp.GeneralClientCapabilities(position_encodings=[args.encoding])),
            initialization_options=options))
        encoding = str(init.capabilities.position_encoding or "utf-16")
        t_init = time.perf_counter()
        client.initialized(lsp.InitializedParams())
        if args.open_delay:
            await asyncio.sleep(args.open_delay)  # an editor opens the file a moment later: the warm-up runs meanwhile
        uri = (Path(tmp) / "chapter.md").as_uri()
        loop = asyncio.get_running_loop()

        fut = waiting[1] = loop.create_future()
        t0 = time.perf_counter()
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "markdown", 1, text)))
        open_ms = 1000 * (await asyncio.wait_for(fut, args.timeout) - t0)

        ms = []
        versions = []
        for version in range(2, args.edits + 2):
            k = rng.choice(editable)
            new = edited(lines[k], rng, vocab)
            change = lsp.TextDocumentContentChangePartial(
                range=lsp.Range(start=lsp.Position(k, 0), end=lsp.Position(k, units(lines[k], encoding))), text=new)
            lines[k] = new
            versions.append("\n".join(lines))
            fut = waiting[version] = loop.create_future()
            sent = time.perf_counter()
            client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), [change]))
            ms.append(1000 * (await asyncio.wait_for(fut, args.timeout) - sent))
        await client.shutdown_async(None)
        client.exit(None)
        await client.stop()

    harper = harper_ms(versions)
    return {
        "harper_ms": harper,
        "book": str(args.book), "words": len(text.split()), "characters": len(text), "paragraphs": len(editable),
        "encoding": encoding, "debounce_ms": args.debounce_ms, "diagnostics": counts.get(1),
        "spawn_to_initialized_ms": round(1000 * (t_init - t_spawn), 1), "open_to_first_diagnostics_ms": round(open_ms, 1),
        "edit_ms": {"n": len(ms), "p50": round(statistics.median(ms), 1), "p95": round(pct(ms, 95), 1),
                    "max": round(max(ms), 1), "mean": round(statistics.fmean(ms), 1)},
        "target_p95_ms": TARGET_P95_MS, "python": platform.python_version(), "machine": platform.machine(),
        "cpus": os.cpu_count(),
    }


def harper_ms(texts: list[str]) -> dict | None:
    """Harper's time to lint each text (harper-py, in this process), or None without it."""
    try:
        from harper import Dialect, Language, Linter
    except ImportError:
        return None
    linter = Linter(Dialect.AMERICAN)
    linter.lint(texts[0], language=Language("markdown"))
    ms = []
    for t in texts:
        t0 = time.perf_counter()
        linter.lint(t, language=Language("markdown"))
        ms.append(1000 * (time.perf_counter() - t0))
    return {"n": len(ms), "p50": round(statistics.median(ms), 1), "p95": round(pct(ms, 95), 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the shared corpus folder (default: %(default)s)")
    ap.add_argument("--book", type=Path, default=DEFAULT_BOOK, help="a book in the corpus (default: %(default)s)")
    ap.add_argument("--words", type=int, default=10_000, help="chapter length in words (default: %(default)s)")
    ap.add_argument("--at", type=float, default=0.3, help="where in the book the chapter starts, 0..1 (default: %(default)s)")
    ap.add_argument("--edits", type=int, default=40, help="one-paragraph edits to time (default: %(default)s)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--debounce-ms", type=float, default=None, help="the server's debounceMs (default: its own)")
    ap.add_argument("--encoding", choices=("utf-16", "utf-8", "utf-32"), default="utf-16",
                    help="the position encoding the client offers (default: %(default)s)")
    ap.add_argument("--open-delay", type=float, default=0.0, help="seconds between initialized and didOpen (default: 0)")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds to wait for one publication")
    ap.add_argument("--output", type=Path, help="also write the figures here as JSON")
    args = ap.parse_args()
    if not (args.corpus / args.book).is_file():
        sys.exit(f"lsp_latency: no book at {args.corpus / args.book} (see --corpus)")
    res = asyncio.run(run(args))
    e = res["edit_ms"]
    print(f"chapter: {res['words']:,} words, {res['paragraphs']} paragraphs of {res['book']}; "
          f"{res['diagnostics']} diagnostics; encoding {res['encoding']}; debounceMs {res['debounce_ms'] or 'default'}")
    print(f"spawn to initialized:        {res['spawn_to_initialized_ms']:8.1f} ms")
    print(f"open to first diagnostics:   {res['open_to_first_diagnostics_ms']:8.1f} ms")
    print(f"one-paragraph didChange to diagnostics ({e['n']} edits): "
          f"median {e['p50']:.1f} ms, p95 {e['p95']:.1f} ms, max {e['max']:.1f} ms")
    verdict = "met" if e["p95"] <= TARGET_P95_MS else "NOT met"
    print(f"target: p95 <= {TARGET_P95_MS:.0f} ms: {verdict}")
    h = res["harper_ms"]
    if h is None:
        print("peer: harper-py not installed (pip install -e '.[bench]')")
    else:
        print(f"peer: Harper (harper-py) linting each edited chapter in this process: median {h['p50']:.1f} ms, "
              f"p95 {h['p95']:.1f} ms; betareader over LSP / Harper: median {e['p50'] / h['p50']:.2f}x, "
              f"p95 {e['p95'] / h['p95']:.2f}x")
    if args.output:
        args.output.write_text(json.dumps(res, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
