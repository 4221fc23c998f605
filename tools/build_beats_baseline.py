"""Build the published-fiction rates of the repeated beats (CRF008; developer machines only).

Reads the clean public-domain books (``--corpus ../shared/corpus/fiction``, ``*.txt``) through
betareader's own document model, counts each beat of :data:`betareader.craft.beats.BEATS` in the
narration with the same function the rule uses, and writes
``src/betareader/data/craft/beats_baseline.json``: the words read and each beat's count, numbers
only, no text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from betareader.craft.beats import BEATS, beat_places  # noqa: E402
from betareader.model.document import build_document  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "fiction")
    ap.add_argument("--output", type=Path, default=ROOT / "src" / "betareader" / "data" / "craft" / "beats_baseline.json")
    args = ap.parse_args(argv)
    books = sorted(args.corpus.glob("*.txt"))
    if not books:
        print(f"build_beats_baseline.py: no books in {args.corpus}", file=sys.stderr)
        return 2
    counts: Counter = Counter()
    words = 0
    per_book = {}
    for path in books:
        doc = build_document(path.read_text(encoding="utf-8"))
        n = sum(p.analysis.words for p in doc.story_paragraphs if p.analysis is not None)
        words += n
        got = {name: len(places) for name, places in beat_places(doc).items()}
        counts.update(got)
        per_book[path.stem] = {"words": n, "counts": dict(sorted(got.items()))}
    out = {
        "about": "Derived from the clean public-domain books of the project's fiction corpus by "
                 "tools/build_beats_baseline.py: how often each repeated beat (CRF008) comes in their "
                 "narration; counts only, no text.",
        "books": len(books),
        "words": words,
        "counts": {name: counts.get(name, 0) for name in BEATS},
        "per_book": per_book,
    }
    args.output.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.output}: {words:,} words, " + ", ".join(f"{k} {v}" for k, v in out["counts"].items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
