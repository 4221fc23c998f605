"""Published-fiction baselines for the character craft notes (CRF020–CRF022).

Reads the clean corpus and writes ``src/betareader/data/craft/characters_baseline.json``: per book
and summarised (lowest, quartiles, median, highest), the share of he/she/him/her/his/hers in
narration that could mean two characters named just before (per 1,000), epithet uses per 10,000
words, and the share of scenes that tell two characters' thoughts.

    python tools/craft_characters_baseline.py --corpus /work/shared/corpus/fiction
"""

from __future__ import annotations

import argparse
import json
import pathlib
import statistics

from betareader.craft import characters as C
from betareader.model import build_document
from betareader.craft.characters import head_hops

OUT = pathlib.Path(__file__).resolve().parent.parent / "src" / "betareader" / "data" / "craft" / "characters_baseline.json"


def _summary(values: list[float]) -> dict:
    v = sorted(values)
    q = statistics.quantiles(v, n=4) if len(v) >= 2 else [v[0]] * 3
    return {"min": round(v[0], 2), "p25": round(q[0], 2), "median": round(q[1], 2), "p75": round(q[2], 2), "max": round(v[-1], 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--output", default=str(OUT))
    args = ap.parse_args()
    books = {}
    for path in sorted(pathlib.Path(args.corpus).glob("*.txt")):
        doc = build_document(path.read_text(encoding="utf-8"))
        ana = C.analyze(doc)
        scenes = [s for s in ana.scenes if not s.first_person and sum(s.interior.values()) >= 2]
        books[path.stem] = {
            "words": ana.words,
            "pronouns": ana.pronouns,
            "ambiguous": len(ana.ambiguous),
            "ambiguous_per_1000": round(1000 * len(ana.ambiguous) / ana.pronouns, 2) if ana.pronouns else 0.0,
            "epithets_per_10k": round(10_000 * len(ana.epithets) / ana.words, 2),
            "head_hop_share": round(len(head_hops(doc)) / len(scenes), 3) if scenes else 0.0,
        }
    out = {
        "_about": "Derived from the clean public-domain corpus by tools/craft_characters_baseline.py; numbers only.",
        "ambiguous_per_1000": _summary([b["ambiguous_per_1000"] for b in books.values()]),
        "epithets_per_10k": _summary([b["epithets_per_10k"] for b in books.values()]),
        "head_hop_share": _summary([b["head_hop_share"] for b in books.values()]),
        "books": books,
    }
    pathlib.Path(args.output).write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in out.items() if k != "books"}, indent=1))


if __name__ == "__main__":
    main()
