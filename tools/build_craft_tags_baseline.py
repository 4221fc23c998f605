"""Build the published-fiction baselines of the phrase craft notes (CRF010–CRF014).

Reads the clean public-domain books (``--corpus``, one ``.txt`` per book) with betareader's own
analysis (``betareader.craft.phrases``) and writes only derived numbers:

* ``data/craft/tags_baseline.json``: per book, the dialogue tags, the share of said/asked, the
  share of said-bookisms (tag verbs not in ``tags_neutral.txt``) and the share of the most used
  other verb; their min/median/max; and the thresholds the rules use (CRF013 fires above the
  largest bookism share of any book, CRF014 above the largest favourite-verb share).
* ``data/craft/filter_baseline.json``: per book, clichés per 10,000 words, filter words per
  1,000 words and told emotions per 10,000 words, with min/median/max.

Usage: ``python tools/build_craft_tags_baseline.py --corpus /work/shared/corpus/fiction``
"""

from __future__ import annotations

import argparse
import json
import math
import pathlib
import statistics

from betareader.craft.phrases import neutral_tag_verbs, phrases, tag_stats
from betareader.model import build_document

OUT = pathlib.Path(__file__).resolve().parent.parent / "src" / "betareader" / "data" / "craft"


def spread(values: list[float], digits: int = 3) -> dict:
    return {
        "min": round(min(values), digits),
        "median": round(statistics.median(values), digits),
        "max": round(max(values), digits),
    }


def ceil_to(x: float, step: float) -> float:
    return round(math.ceil(x / step - 1e-9) * step, 6)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--corpus", required=True, type=pathlib.Path)
    ap.add_argument("--out", type=pathlib.Path, default=OUT)
    args = ap.parse_args()
    neutral = neutral_tag_verbs()
    tags: dict[str, dict] = {}
    phr: dict[str, dict] = {}
    for path in sorted(args.corpus.glob("*.txt")):
        doc = build_document(path.read_text(encoding="utf-8"))
        st = tag_stats(doc)
        n = st.total
        others = [(v, c) for v, c in st.verbs.most_common() if v not in ("say", "ask")]
        top_v, top_n = others[0] if others else ("", 0)
        next_n = others[1][1] if len(others) > 1 else 0
        bookisms = sum(c for v, c in st.verbs.items() if v not in neutral)
        tags[path.stem] = {
            "tags": n,
            "plain_share": round(st.plain / n, 3) if n else 0.0,
            "bookism_share": round(bookisms / n, 3) if n else 0.0,
            "top_verb": top_v,
            "top_verb_share": round(top_n / n, 3) if n else 0.0,
            "top_verb_ratio": round(top_n / max(next_n, 1), 2),
        }
        words = sum(p.analysis.words for p in doc.story_paragraphs)
        counts = {"cliche": 0, "filter": 0, "telling": 0}
        for p in doc.story_paragraphs:
            for h in phrases(p.analysis):
                counts[h.kind] += 1
        phr[path.stem] = {
            "words": words,
            "cliches_per_10k": round(1e4 * counts["cliche"] / words, 3),
            "filter_per_1k": round(1e3 * counts["filter"] / words, 3),
            "telling_per_10k": round(1e4 * counts["telling"] / words, 3),
        }
        print(path.stem, tags[path.stem], phr[path.stem])
    books = list(tags.values())
    tag_out = {
        "source": "tools/build_craft_tags_baseline.py over the clean public-domain books",
        "books": tags,
        "plain_share": spread([b["plain_share"] for b in books]),
        "bookism_share": spread([b["bookism_share"] for b in books]),
        "top_verb_share": spread([b["top_verb_share"] for b in books]),
        "thresholds": {
            # CRF013: above every book's share of said-bookisms
            "bookism_share": ceil_to(max(b["bookism_share"] for b in books) + 0.01, 0.01),
            # the strength line: said/asked at least as often as the book that uses them most
            "clean_plain_share": ceil_to(max(b["plain_share"] for b in books), 0.01),
            # CRF014: a favourite verb above every book's favourite, 3× the next, 10 uses or more
            "repeated_share": ceil_to(max(b["top_verb_share"] for b in books) + 0.02, 0.01),
            "repeated_ratio": 3.0,
            "repeated_min": 10,
        },
    }
    pb = list(phr.values())
    phr_out = {
        "source": "tools/build_craft_tags_baseline.py over the clean public-domain books",
        "books": phr,
        "cliches_per_10k": spread([b["cliches_per_10k"] for b in pb]),
        "filter_per_1k": spread([b["filter_per_1k"] for b in pb]),
        "telling_per_10k": spread([b["telling_per_10k"] for b in pb]),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "tags_baseline.json").write_text(json.dumps(tag_out, indent=1) + "\n", encoding="utf-8")
    (args.out / "filter_baseline.json").write_text(json.dumps(phr_out, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
