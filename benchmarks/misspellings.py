#!/usr/bin/env python3
"""Real misspellings planted into clean fiction: does the speller find them, and only them?

Run by hand (not part of the test suite), from the repository root:

    .venv/bin/python benchmarks/misspellings.py --corpus ../shared/corpus
    .venv/bin/python benchmarks/misspellings.py --every 100 --seed 2

Method:
- Misspellings are the (wrong, right) pairs of Norvig's two test sets and Mitton's Aspell, Wikipedia
  and Birkbeck files (``spelling/``). Kept: both alphabetic, `right` a known word. Pairs whose `wrong`
  is itself a word of the speller's vocabulary (``there`` for ``their``; the lexicon, and also the
  fiction and eye-dialect lists and the interjections the speller accepts anywhere: ``sho``, ``hmm``)
  are real-word errors that no dictionary speller can see; they are counted and left out. The rare
  SCOWL words the lexicon leaves out as likely slips (``belive``, ``wase``) are kept: the speller
  treats them as misspellings.
- A misspelling is never planted into a book that already uses it as a word (``goot`` in Little
  Women, ``har`` in The Secret Garden): there it is the author's spelling, which the speller learns as
  the story's own.
- In every clean book (``fiction/*.txt``), about one word in ``--every`` (default 200) is replaced by a
  misspelling of that very word, at most one per paragraph, wherever it falls (narration or dialogue),
  keeping its capital. Each planted word's source list is drawn first, uniformly among the lists that
  have a misspelling of that word (Birkbeck alone holds 80% of the pairs), then the pair. A misspelling is used at most ``--max-uses`` times in a book, so that the
  story's "word used three times is the story's own" policy is not what is being measured.
- The book is checked with the default rule set, as a user would. A planted word counts as found when
  an error-kind SPL finding covers it; every other error-kind SPL finding is a false alarm. Precision =
  found / (found + false alarms). The first suggestion is compared with the original word. The
  craft-kind SPL005 notes ("deliberate, or a typo?") are counted on their own line: how many more
  planted words they point at, and how many clean words they ask about. A last line counts every
  SPL finding, error or question, as the writer sees them: recall = planted words pointed at /
  planted; precision = those / all SPL findings (every error and every question on a clean word is a
  false alarm). The clean notes are written to the JSON file (``clean_notes``) with their context.

Prints a table per book and per source list, writes ``benchmarks/results/misspellings.json``.
The corpus is read from ``--corpus`` and never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from betareader import __version__
from betareader.engine import Engine
from betareader.model import build_document
from betareader.rules import REGISTRY
from betareader.rules.base import Context
from betareader.rules.spelling import spelling_pass
from betareader.spelling.lexicon import get_lexicon
from betareader.spelling.policy import known as speller_knows

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from spelling import FILES as SOURCES, read_pairs  # noqa: E402  (the same test files, read the same way)
WORD_RE = re.compile(r"(?<![\w'’-])[A-Za-z]+(?![\w'’-])")


def load_pairs(corpus: Path, names: list[str]):
    lex = get_lexicon()
    by_right: dict[str, list[tuple[str, str]]] = defaultdict(list)
    stats = {}
    for name in names:
        kept = realword = 0
        seen = set()
        rel, fmt = SOURCES[name]
        for wrong, right in read_pairs(corpus / rel, fmt):
            if not (wrong.isalpha() and right.isalpha()) or wrong.lower() == right.lower():
                continue
            wrong, right = wrong.lower(), right.lower()
            if (wrong, right) in seen or not lex.known(right):
                continue
            seen.add((wrong, right))
            if lex.known(wrong) or speller_knows(wrong):
                realword += 1
                continue
            kept += 1
            by_right[right].append((wrong, name))
        stats[name] = {"non_word_pairs": kept, "real_word_pairs_left_out": realword}
    return by_right, stats


def plant(text: str, by_right, every: int, max_uses: int, rng: random.Random):
    """Plant misspellings into ``text``: returns the new text and [(start, end, wrong, right, source)]."""
    doc = build_document(text)
    own = {w.lower() for w in re.findall(r"[A-Za-z]+", text)}  # the book's own spellings: never planted
    sites = []
    for p in doc.paragraphs:
        if p.kind != "text":
            continue
        words = [m for m in WORD_RE.finditer(p.text) if m.group().lower() in by_right]
        if words and rng.random() < min(1.0, p.analysis.words / every):
            m = rng.choice(words)
            sites.append((p.start + m.start(), p.start + m.end(), m.group()))
    uses: Counter = Counter()
    out, planted, pos, shift = [], [], 0, 0
    for s, e, orig in sites:
        options = [(w, src) for w, src in by_right[orig.lower()] if uses[w] < max_uses and w not in own]
        if not options:
            continue
        # every source list equally likely (Birkbeck alone has 80% of the pairs)
        src = rng.choice(sorted({src for _, src in options}))
        wrong, src = rng.choice([o for o in options if o[1] == src])
        uses[wrong] += 1
        if orig[0].isupper():
            wrong = wrong[0].upper() + wrong[1:]
        out.append(text[pos:s])
        out.append(wrong)
        ns = s + shift
        planted.append((ns, ns + len(wrong), wrong, orig, src))
        shift += len(wrong) - (e - s)
        pos = e
    out.append(text[pos:])
    return "".join(out), planted


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--every", type=int, default=200, help="plant about one misspelling per N words")
    ap.add_argument("--max-uses", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sources", default=",".join(SOURCES))
    ap.add_argument("--books", default="", help="comma-separated substrings of book file names")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "misspellings.json")
    args = ap.parse_args(argv)
    if not (args.corpus / "fiction").is_dir():
        print(f"misspellings.py: no corpus at {args.corpus} (use --corpus)", file=sys.stderr)
        return 2
    names = args.sources.split(",")
    by_right, pair_stats = load_pairs(args.corpus, names)
    rng = random.Random(args.seed)
    engine = Engine()
    spl = {r.code for r in REGISTRY if r.code.startswith("SPL")}
    kinds = {r.code: r.kind for r in REGISTRY}
    books = sorted((args.corpus / "fiction").glob("*.txt"))
    if args.books:
        books = [b for b in books if any(k in b.name for k in args.books.split(","))]
    rows, misses, false_alarms, clean_notes = [], [], [], []
    tot = Counter()
    per_source = defaultdict(Counter)
    t0 = time.perf_counter()
    for book in books:
        text = book.read_text(encoding="utf-8")
        planted_text, planted = plant(text, by_right, args.every, args.max_uses, rng)
        res = engine.check_text(planted_text)
        found = [f for f in res.findings if f.code in spl and kinds[f.code] == "error"]
        advice = [f for f in res.findings if f.code in spl and kinds[f.code] != "error"]
        doc = res.doc
        sp = spelling_pass(doc, Context(doc=doc, options={"words": set()}))
        hit_spans = sorted((f.start, f.end, f) for f in found)
        used = set()
        c = Counter(planted=len(planted), words=doc.words)
        for s, e, wrong, right, src in planted:
            para = next(p for p in doc.paragraphs if p.start <= s < p.end)
            dlg = para.analysis.in_dialogue(s - para.start)
            where = "dialogue" if dlg else "narration"
            c[f"planted_{where}"] += 1
            per_source[src]["planted"] += 1
            f = next((f for fs, fe, f in hit_spans if fs < e and s < fe), None)
            if f is None and any(a.start < e and s < a.end for a in advice):
                c["advice"] += 1
                c[f"advice_{where}"] += 1
            if f is None:
                why = next((w or c.reason for a, b, c, w in sp.items if a < e and s < b), "not a candidate")
                c[f"why:{why}"] += 1
                misses.append({"book": book.stem, "wrong": wrong, "right": right, "where": where, "source": src,
                               "why": why, "paragraph": para.text if why == "dialect in dialogue" else ""})
                continue
            used.add(id(f))
            c["found"] += 1
            c[f"found_{where}"] += 1
            per_source[src]["found"] += 1
            if f.suggestions and f.suggestions[0].lower() == right.lower():
                c["top1"] += 1
                per_source[src]["top1"] += 1
        planted_spans = [(s, e) for s, e, *_ in planted]
        for a in advice:
            if not any(s < a.end and a.start < e for s, e in planted_spans):
                c["advice_false"] += 1
                ctx = planted_text[max(0, a.start - 40) : a.end + 40].replace("\n", " ")
                clean_notes.append({"book": book.stem, "word": planted_text[a.start:a.end], "context": ctx})
        for fs, fe, f in hit_spans:
            if id(f) not in used:
                c["false"] += 1
                ctx = planted_text[max(0, fs - 40) : fe + 40].replace("\n", " ")
                false_alarms.append({"book": book.stem, "code": f.code, "word": planted_text[fs:fe], "context": ctx})
        tot.update(c)
        rows.append((book.stem, c))
    elapsed = time.perf_counter() - t0

    def ratio(a, b):
        return a / b if b else float("nan")

    print(f"Planted real misspellings ({', '.join(names)}), ~1 per {args.every} words, seed {args.seed}")
    print(f"{'book':44} {'words':>7} {'planted':>7} {'found':>6} {'recall':>6} {'false':>5} {'prec':>6} {'top1':>5}")
    for name, c in rows:
        print(f"{name[:44]:44} {c['words']:7d} {c['planted']:7d} {c['found']:6d} {ratio(c['found'], c['planted']):6.3f} "
              f"{c['false']:5d} {ratio(c['found'], c['found'] + c['false']):6.3f} {ratio(c['top1'], c['found']):5.3f}")
    recall = ratio(tot["found"], tot["planted"])
    precision = ratio(tot["found"], tot["found"] + tot["false"])
    print(f"{'TOTAL':44} {tot['words']:7d} {tot['planted']:7d} {tot['found']:6d} {recall:6.3f} {tot['false']:5d} "
          f"{precision:6.3f} {ratio(tot['top1'], tot['found']):5.3f}")
    print(f"recall in narration {ratio(tot['found_narration'], tot['planted_narration']):.3f} "
          f"({tot['planted_narration']} planted), in dialogue {ratio(tot['found_dialogue'], tot['planted_dialogue']):.3f} "
          f"({tot['planted_dialogue']} planted); false alarms {tot['false'] / tot['words'] * 1e4:.2f} per 10,000 words")
    print(f"with the craft-kind SPL005 notes too: recall {ratio(tot['found'] + tot['advice'], tot['planted']):.3f} "
          f"(narration {ratio(tot['found_narration'] + tot['advice_narration'], tot['planted_narration']):.3f}, "
          f"dialogue {ratio(tot['found_dialogue'] + tot['advice_dialogue'], tot['planted_dialogue']):.3f}); "
          f"{tot['advice_false']} notes on clean words = {tot['advice_false'] / tot['words'] * 1e4:.2f} per 10,000 words")
    flagged = tot["found"] + tot["advice"]
    print(f"any SPL finding (an error, or a question about the word): recall {ratio(flagged, tot['planted']):.3f}, "
          f"precision {ratio(flagged, flagged + tot['false'] + tot['advice_false']):.3f}")
    print("per source list: " + ", ".join(
        f"{s} {ratio(c['found'], c['planted']):.3f} of {c['planted']} (top-1 {ratio(c['top1'], c['found']):.3f})"
        for s, c in per_source.items()))
    print("pairs: " + ", ".join(f"{k} {v['non_word_pairs']} non-word (+{v['real_word_pairs_left_out']} real-word left out)"
                                for k, v in pair_stats.items()))
    print(f"{elapsed:.1f} s")
    print("why missed: " + ", ".join(f"{k[4:]} {v}" for k, v in sorted(tot.items()) if k.startswith("why:")))
    miss_words = Counter(m["wrong"] for m in misses)
    print("misses e.g.:", " ".join(f"{w}" for w, _ in miss_words.most_common(40)))
    print("false alarms e.g.:", " | ".join(f"{a['code']} {a['word']}" for a in false_alarms[:40]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({
        "betareader": __version__, "python": platform.python_version(), "args": {k: str(v) for k, v in vars(args).items()},
        "recall": recall, "precision": precision,
        "any_finding": {"recall": ratio(tot["found"] + tot["advice"], tot["planted"]),
                        "precision": ratio(tot["found"] + tot["advice"],
                                           tot["found"] + tot["advice"] + tot["false"] + tot["advice_false"])},
        "totals": dict(tot), "per_source": {k: dict(v) for k, v in per_source.items()},
        "pairs": pair_stats, "books": {n: dict(c) for n, c in rows}, "misses": misses, "false_alarms": false_alarms,
        "clean_notes": clean_notes,
    }, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
