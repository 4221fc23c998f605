#!/usr/bin/env python3
"""Craft notes on clean published fiction: notes per 10,000 words for every CRF rule and book.

Run by hand (not part of the test suite), from the repository root:

    .venv/bin/python benchmarks/craft.py --corpus ../shared/corpus
    .venv/bin/python benchmarks/craft.py --samples 3          # also print 3 notes per rule and book
    .venv/bin/python benchmarks/craft.py --letter             # and each book's beta letter

Published, professionally edited books must not drown in advice: issue 5's bar is at most 5 notes
per 10,000 words for each craft rule on each book (story-wide statistics aside). The books are also
where the baselines come from (tools/build_craft_*.py), so a rule tuned on them is checked on the
books it learnt from: read the samples. Writes benchmarks/results/craft.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from betareader.config import Config  # noqa: E402
from betareader.engine import Engine  # noqa: E402
from betareader.rules import REGISTRY  # noqa: E402

LIMIT = 5.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--samples", type=int, default=0, help="notes to print per rule and book")
    ap.add_argument("--letter", action="store_true", help="print each book's beta letter")
    ap.add_argument("--output", type=Path, default=REPO / "benchmarks" / "results" / "craft.json")
    args = ap.parse_args()
    books = sorted((args.corpus / "fiction").glob("*.txt"))
    if not books:
        print(f"craft.py: no books in {args.corpus / 'fiction'}", file=sys.stderr)
        return 2
    codes = [r.code for r in REGISTRY if r.code.startswith("CRF")]
    engine = Engine(Config())  # the default rules: the letter reads every finding
    rows, letters = {}, {}
    t0 = time.perf_counter()
    for path in books:
        text = path.read_text(encoding="utf-8")
        res = engine.check_text(text, path=str(path))
        words = res.doc.words
        counts = {c: 0 for c in codes}
        for f in res.findings:
            if f.code in counts:
                counts[f.code] += 1
        name = path.stem.split("_", 1)[-1][:22]
        rows[name] = {"words": words, "counts": counts,
                      "per_10k": {c: round(10_000 * n / words, 2) for c, n in counts.items()}}
        letters[name] = {k: res.summary[k] for k in ("strengths", "priorities")}
        if args.samples:
            for c in codes:
                mine = [f for f in res.findings if f.code == c][: args.samples]
                for f in mine:
                    ctx = " ".join(text[max(0, f.start - 40): f.end + 40].split())
                    print(f"  {name} {c}: {f.message[:110]}\n      …{ctx}…")
    elapsed = time.perf_counter() - t0
    width = max(len(n) for n in rows)
    used = [c for c in codes if any(r["counts"][c] for r in rows.values())] or codes
    print(f"\nCraft notes per 10,000 words ({len(rows)} books, {sum(r['words'] for r in rows.values()):,} words, "
          f"{elapsed:.0f} s); limit {LIMIT:g}")
    print("book".ljust(width) + "".join(c[3:].rjust(6) for c in used))
    for name, r in rows.items():
        print(name.ljust(width) + "".join(f"{r['per_10k'][c]:6.2f}" for c in used))
    worst = {c: max(r["per_10k"][c] for r in rows.values()) for c in codes}
    print("max".ljust(width) + "".join(f"{worst[c]:6.2f}" for c in used))
    over = {c: v for c, v in worst.items() if v > LIMIT}
    print(f"rules over the limit on some book: {over or 'none'}")
    if args.letter:
        for name, lt in letters.items():
            print(f"\n{name}")
            for s in lt["strengths"]:
                print(f"  + {s['text']}")
            for i, p in enumerate(lt["priorities"], 1):
                print(f"  {i}. {p['text']}")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps({"books": rows, "max_per_10k": worst, "letters": letters}, indent=1),
                           encoding="utf-8")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
