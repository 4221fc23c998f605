#!/usr/bin/env python3
"""Accuracy of the TYP and DLG rules: false alarms on clean published fiction, and planted errors.

Run by hand (not part of the test suite), from the repository root:

    .venv/bin/python benchmarks/accuracy.py
    .venv/bin/python benchmarks/accuracy.py --rules TYP003,DLG --samples 10
    .venv/bin/python benchmarks/accuracy.py --corpus /path/to/corpus --seed 7 --per-rule 500

Two parts (see benchmarks/README.md):

(a) Clean fiction. Every ``fiction/*.txt`` book of the corpus is checked with all rules.
    Professionally edited books should have (almost) no typographic or dialogue-punctuation
    errors, so every error-kind finding is most likely a false alarm. Reported per book and in
    total, as a count and per 10,000 words, one table per rule family. The books that
    books.json marks as another dialect (en-GB) are checked again in it, and the same books
    with their quotes straightened (as most fan fiction is typed) are checked too.

(b) Planted errors. A deterministic generator (``random.Random``) takes clean paragraphs
    from the books and plants exactly one error of one rule's kind into one paragraph,
    recording the span the rule should report. Each case is checked as a small document of
    six neighbouring paragraphs, in curly quotes (as the books are), with all quotes
    straightened, and (DLG rules) in British layout with single quotes for dialogue. Reported
    per rule and quote style: recall, false positives, precision, and whether the rule's fix
    restores the text.

Prints tables and writes everything (with every miss and false positive) to
``benchmarks/results/accuracy.json``. Uses only the standard library and betareader.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import subprocess
import sys
import time
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from betareader import __version__
from betareader.config import Config
from betareader.engine import Engine
from betareader.fix import apply_edits
from betareader.rules import REGISTRY

try:  # the words TYP006 deliberately allows doubled; planting them would test nothing
    from betareader.rules.typography import _DOUBLE_OK as DOUBLE_OK
except ImportError:  # pragma: no cover - the private name moved
    DOUBLE_OK = frozenset("had that is do in on her out up off over down by very really so too he no yes".split())

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"
DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "accuracy.json"

FAMILIES = ("TYP", "DLG", "GRM", "SPL")  # the rule families measured (planted errors: TYP and DLG here; GRM in
# confusables.py, SPL in misspellings.py)
TARGET_PER_10K = 1.0
TARGET_RECALL = 0.95
TARGET_PRECISION = 0.95

WINDOW = 6  # paragraphs in one injected-case document
MIN_LEN, MAX_LEN = 40, 400  # length of a paragraph that gets an error planted
STYLES = ("curly", "straight")
CONTEXT = 30  # characters of context on each side of a printed finding

_STRAIGHTEN = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_STRAIGHTEN_DOUBLE = str.maketrans({"“": '"', "”": '"'})
_STRAIGHTEN_SINGLE = str.maketrans({"‘": "'", "’": "'"})


def straighten(text: str) -> str:
    """Curly quotes to straight ones, character for character (offsets do not move)."""
    return text.translate(_STRAIGHTEN)


# --------------------------------------------------------------------------- output helpers


def table(headers: list[str], rows: list[list], right: set[int] | None = None) -> str:
    """A plain-text table; columns in ``right`` are right-aligned (default: all but the first)."""
    right = set(range(1, len(headers))) if right is None else right
    cells = [[str(c) for c in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(r):
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip()

    out = [line(cells[0]), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells[1:]]
    return "\n".join(out)


def context(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    """``text`` around [start, end) with the span marked ⟦ ⟧, on one line."""
    a, b = max(0, start - width), min(len(text), end + width)
    s = f"{'…' if a > 0 else ''}{text[a:start]}⟦{text[start:end]}⟧{text[end:b]}{'…' if b < len(text) else ''}"
    return s.replace("\r", "").replace("\n", "⏎")


def fmt_rate(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def per_10k(n: int, words: int) -> float:
    return 10_000 * n / words if words else 0.0


# --------------------------------------------------------------------------- corpus


@dataclass
class Book:
    file: str
    title: str
    text: str
    words: int
    paragraphs: list[str]  # paragraph texts, as the engine segments the book
    kinds: list[str]  # paragraph kinds ("text", "heading", "scene_break", ...)
    flagged: list[set[str]]  # codes the default rule set reports in each paragraph
    language: str = "en-US"  # "language" in books.json: the dialect the book is written in


def load_books(corpus: Path, default_engine: Engine) -> list[Book]:
    folder = corpus / "fiction"
    titles = {}
    languages = {}
    manifest = folder / "books.json"
    if manifest.exists():
        data = json.loads(manifest.read_text(encoding="utf-8"))
        entries = data.get("books", data) if isinstance(data, dict) else data
        titles = {b["file"]: b.get("title", b["file"]) for b in entries if isinstance(b, dict) and "file" in b}
        languages = {b["file"]: b["language"] for b in entries
                     if isinstance(b, dict) and "file" in b and b.get("language") in ("en-US", "en-GB")}
    books = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        result = default_engine.check_text(text, format="txt")
        doc = result.doc
        starts = [p.start for p in doc.paragraphs]
        flagged: list[set[str]] = [set() for _ in doc.paragraphs]
        for f in result.findings:
            i = bisect_right(starts, f.start) - 1
            if i >= 0:
                flagged[i].add(f.code)
        books.append(
            Book(
                file=path.name,
                title=titles.get(path.name, path.stem),
                text=text,
                words=doc.words,
                paragraphs=[p.text for p in doc.paragraphs],
                kinds=[p.kind for p in doc.paragraphs],
                flagged=flagged,
                language=languages.get(path.name, "en-US"),
            )
        )
    return books


# --------------------------------------------------------------------------- (a) clean fiction


def clean_fiction(books: list[Book], engine: Engine, codes: list[str], kinds: dict[str, str], n_samples: int,
                  transform: Callable[[str], str] | None = None, keep: dict | None = None) -> dict:
    """Findings on the books as published (or after ``transform``): counts, rates and samples.

    ``keep``, when given, gets every finding of ``codes`` per book as (code, start, end) tuples.
    """
    per_book = []
    total_words = 0
    totals: Counter = Counter()
    samples: dict[str, list[dict]] = defaultdict(list)
    for book in books:
        text = transform(book.text) if transform else book.text
        result = engine.check_text(text, format="txt")
        words = result.doc.words
        counts = Counter(f.code for f in result.findings if f.code in codes)
        if keep is not None:
            keep[book.file] = sorted((f.code, f.start, f.end) for f in result.findings if f.code in codes)
        for f in result.findings:
            if f.code in codes and len(samples[f.code]) < n_samples:
                samples[f.code].append({"book": book.file, "start": f.start, "end": f.end, "message": f.message,
                                        "context": context(text, f.start, f.end)})
        errors = sum(n for c, n in counts.items() if kinds[c] == "error")
        craft = sum(n for c, n in counts.items() if kinds[c] == "craft")
        per_book.append({
            "file": book.file, "title": book.title, "words": words,
            "by_rule": dict(sorted(counts.items())),
            "errors": errors, "errors_per_10k": round(per_10k(errors, words), 3), "craft": craft,
        })
        total_words += words
        totals.update(counts)
    errors = sum(n for c, n in totals.items() if kinds[c] == "error")
    return {
        "books": per_book,
        "total": {
            "words": total_words,
            "by_rule": {c: totals.get(c, 0) for c in codes},
            "by_rule_per_10k": {c: round(per_10k(totals.get(c, 0), total_words), 3) for c in codes},
            "errors": errors,
            "errors_per_10k": round(per_10k(errors, total_words), 3),
            "craft": sum(n for c, n in totals.items() if kinds[c] == "craft"),
            "target_per_10k": TARGET_PER_10K,
            "meets_target": per_10k(errors, total_words) <= TARGET_PER_10K,
        },
        "samples": {c: samples[c] for c in codes if c in samples},
    }


def print_clean(res: dict, codes: list[str], kinds: dict[str, str], heading: str, per_book: bool = True) -> None:
    """One table per rule family (TYP, DLG), then the verdict on all error-kind findings together."""
    t = res["total"]
    families = [[c for c in codes if c.startswith(fam)] for fam in FAMILIES if any(c.startswith(fam) for c in codes)]
    print(f"\n{heading}")
    for fam_codes in families:
        err_codes = [c for c in fam_codes if kinds[c] == "error"]
        craft_codes = [c for c in fam_codes if kinds[c] == "craft"]
        label = fam_codes[0][:3]
        headers = ["book", "words"] + err_codes + [f"{label} err", "err/10k"] + craft_codes
        rows = []

        def errs(by_rule):
            return sum(by_rule.get(c, 0) for c in err_codes)

        if per_book:
            for b in res["books"]:
                n = errs(b["by_rule"])
                rows.append([b["title"][:34], f"{b['words']:,}"] + [b["by_rule"].get(c, 0) for c in err_codes]
                            + [n, f"{per_10k(n, b['words']):.2f}"] + [b["by_rule"].get(c, 0) for c in craft_codes])
        n = errs(t["by_rule"])
        rows.append(["TOTAL", f"{t['words']:,}"] + [t["by_rule"][c] for c in err_codes]
                    + [n, f"{per_10k(n, t['words']):.2f}"] + [t["by_rule"][c] for c in craft_codes])
        rows.append(["per 10,000 words", ""] + [f"{t['by_rule_per_10k'][c]:.2f}" for c in err_codes]
                    + ["", f"{per_10k(n, t['words']):.2f}"] + [f"{t['by_rule_per_10k'][c]:.2f}" for c in craft_codes])
        print()
        print(table(headers, rows))
    craft_codes = [c for c in codes if kinds[c] == "craft"]
    verdict = "meets" if t["meets_target"] else "MISSES"
    print(f"\nError-kind findings, all rules: {t['errors']} = {t['errors_per_10k']:.2f} per 10,000 words ({verdict} "
          f"the target of ≤ {TARGET_PER_10K:g}). Craft rules ({', '.join(craft_codes) or 'none'}) are listed for "
          "information.")


def print_samples(samples: dict[str, list[dict]], kinds: dict[str, str], heading: str) -> None:
    if not samples:
        print(f"\n{heading}: none.")
        return
    print(f"\n{heading}:")
    for code, items in samples.items():
        print(f"  {code} ({kinds[code]}):")
        for s in items:
            print(f"    [{s['book'][:28]}] {s['context']}")


# --------------------------------------------------------------------------- (b) planted errors


@dataclass
class Plant:
    """One planted error, in a window of curly-quoted paragraphs."""

    variant: str  # what was planted, e.g. "5 dots (replaced …)"
    window: list[str]  # the prepared paragraphs without the error
    t: int  # index of the planted paragraph in ``window``
    planted: str  # window[t] with the error
    start: int  # span the rule should report, relative to ``planted``
    end: int
    fixed: tuple[str, ...] | None  # acceptable texts of the paragraph after the rule's fix; None: no fix
    straight_planted: str | None = None  # the planted paragraph of the straight variant, when not just straightened
    key: str | None = None  # the generator's choice (one of VARIANTS[code]) the case counts towards
    #: the whole planted document's paragraphs, when more than window[t] changes (DLG006 merges
    #: window[t] and window[t + 1]; DLG008 adds a decoy elsewhere). Its [t] is ``planted``.
    planted_window: list[str] | None = None
    #: spans (paragraph of ``planted_window``, start, end) that must NOT be reported (DLG008's W-what)
    decoys: list[tuple[int, int, int]] = field(default_factory=list)


@dataclass
class Case:
    """One planted case as a document, in one quote style."""

    code: str
    variant: str
    style: str  # "curly", "straight" or "british"
    book: str
    para: int  # index of the planted paragraph in the book
    before: str  # the document without the error
    text: str  # the document with it
    start: int  # expected span in ``text``
    end: int
    fixed: tuple[str, ...] | None  # acceptable documents after applying the fix
    decoys: list[tuple[int, int]] = field(default_factory=list)  # spans in ``text`` that must not be reported


def make_cases(code: str, book: Book, para: int, plant: Plant) -> list[Case] | None:
    """The curly and the straight document of one plant (and, for the DLG rules, the British one).

    None when the British variant is wanted but the window's single quotes can't be converted.
    """
    w, t = plant.window, plant.t
    pw = list(plant.planted_window) if plant.planted_window is not None else w[:t] + [plant.planted] + w[t + 1:]
    pw[t] = plant.planted
    off = sum(len(p) + 2 for p in pw[:t])
    starts = [sum(len(p) + 2 for p in pw[:i]) for i in range(len(pw))]
    decoys = [(starts[i] + s, starts[i] + e) for i, s, e in plant.decoys]

    def doc(paras: list[str]) -> str:
        return "\n\n".join(paras)

    before = doc(w)
    text = doc(pw)
    fixed = tuple(doc(pw[:t] + [f] + pw[t + 1:]) for f in plant.fixed) if plant.fixed is not None else None
    straight = [straighten(q) for q in pw]
    straight[t] = plant.straight_planted if plant.straight_planted is not None else straighten(plant.planted)
    s_text = doc(straight)
    start, end = off + plant.start, off + plant.end
    cases = [
        Case(code, plant.variant, "curly", book.file, para, before, text, start, end, fixed, decoys),
        Case(code, plant.variant, "straight", book.file, para, straighten(before), s_text, start, end,
             tuple(straighten(f) for f in fixed) if fixed is not None else None, decoys),
    ]
    if "british" in styles_for(code):
        b_before = british_doc(before)
        b_text = british_doc(text)
        b_fixed = tuple(british_doc(f) for f in fixed) if fixed is not None else None
        if b_before is None or b_text is None or (b_fixed is not None and None in b_fixed):
            return None
        cases.append(Case(code, plant.variant, "british", book.file, para, b_before, b_text, start, end, b_fixed,
                          decoys))
    return cases


def styles_for(code: str) -> tuple[str, ...]:
    """The quote styles a rule's planted cases are checked in."""
    return STYLES + ("british",) if code.startswith("DLG") else STYLES


def british(p: str) -> str | None:
    """One paragraph in British layout: double quotes become single, nested single quotes double.

    Character for character, so offsets do not move. Apostrophes stay ’, as British texts have
    them. A nested ‘ is paired with the one ’ before the enclosing quotation ends (the next “ or ”)
    that can close it: after a non-space and not before a letter, so not the ’ of don’t or ’em.
    None when there is no such ’, or more than one (``‘goin’ home’``: which one closes?).
    """
    out = list(p)
    for k, ch in enumerate(p):
        if ch != "‘":
            continue
        end = len(p)
        for j in range(k + 1, len(p)):
            if p[j] in "“”‘":
                end = j
                break
        closers = [j for j in range(k + 1, end) if p[j] == "’" and not p[j - 1].isspace()
                   and not p[j + 1:j + 2].isalpha()]
        if len(closers) != 1:
            return None
        out[k], out[closers[0]] = "“", "”"
    for k, ch in enumerate(p):
        if ch == "“":
            out[k] = "‘"
        elif ch == "”":
            out[k] = "’"
    return "".join(out)


def british_doc(text: str) -> str | None:
    parts = [british(q) for q in text.split("\n\n")]
    return None if None in parts else "\n\n".join(parts)


# ---- small text helpers (independent of betareader's own analysis)

LETTER = r"[^\W\d_]"
#: Abbreviations whose period does not end a sentence (kept out of sentence-end plants).
_TITLES = frozenset("mr mrs ms mx dr st messrs mme mlle rev col capt gen lt sgt prof jr sr esq vs etc".split())


def double_quotations(p: str) -> tuple[list[tuple[int, int, int]], bool]:
    """Curly double quotations in ``p`` as (open, close, depth), and whether all marks pair up."""
    stack: list[int] = []
    pairs = []
    balanced = True
    for i, ch in enumerate(p):
        if ch == "“":
            stack.append(i)
        elif ch == "”":
            if stack:
                o = stack.pop()
                pairs.append((o, i, len(stack)))
            else:
                balanced = False
    return pairs, balanced and not stack


def in_double_quotes(p: str, pos: int) -> bool:
    """Inside a curly double quotation (anywhere, when the paragraph's marks don't pair up)."""
    pairs, _ = double_quotations(p)
    return any(o < pos < c for o, c, _ in pairs) or p.count("“") != p.count("”")


def pick(rng: random.Random, want: set[str] | None, sites: dict[str, list]) -> tuple[str, object] | None:
    """A random site of a random variant that has sites here and is wanted (None: any)."""
    avail = [n for n, v in sites.items() if v and (want is None or n in want)]
    if not avail:
        return None
    name = rng.choice(avail)
    return name, rng.choice(sites[name])


def simple(variant: str, w: list[str], t: int, planted: str, start: int, end: int,
           fixed: tuple[str, ...] | None = None, key: str | None = None) -> Plant:
    return Plant(variant, w, t, planted, start, end, fixed if fixed is not None else (w[t],), key=key or variant)


# ---- one generator per rule: (rng, window, t, want) -> Plant | None. ``want`` is the set of
# variants (VARIANTS[code]) still short of their share of the cases, or None for any.

_PUNCT_SITE = re.compile(r"(?<=[^\W_])([,.;:!?])(?=[\s”’*)\]]|$)")


def gen_typ001(rng, w, t, want):
    """A space between a word and the , . ; : ! ? that follows it."""
    p = w[t]
    sites: dict[str, list[int]] = {f"space before '{m}'": [] for m in ",.;:!?"}
    for m in _PUNCT_SITE.finditer(p):
        if m.group(1) == "." and (p[m.start() - 1:m.start()] == "." or p[m.end():m.end() + 1] == "."):
            continue
        sites[f"space before '{m.group(1)}'"].append(m.start())
    got = pick(rng, want, sites)
    if got is None:
        return None
    mark, i = got
    return simple(mark, w, t, p[:i] + " " + p[i:], i, i + 1)


# a single quotation with no apostrophe inside, so that its closing ’ is not in doubt
_SINGLE_QUOTATION = re.compile(r"(?<![^\W_])‘(?=[^\W_])[^‘’“”\n]+?’(?![^\W_])")


def gen_typ002(rng, w, t, want):
    """A space just inside the opening or the closing mark of a complete quotation."""
    p = w[t]
    pairs, _ = double_quotations(p)
    spans = [(o, c, "") for o, c, _ in pairs]
    spans += [(m.start(), m.end() - 1, " single") for m in _SINGLE_QUOTATION.finditer(p)]
    sites: dict[str, list[int]] = {v: [] for v in VARIANTS["TYP002"]}
    for o, c, level in spans:
        if c <= o + 1:
            continue
        if not p[o + 1].isspace():
            sites[f"after opening{level} quote"].append(o + 1)
        # after a dash or an ellipsis the rule deliberately allows a space (see the report)
        if not p[c - 1].isspace() and p[c - 1] not in "—–-…":
            sites[f"before closing{level} quote"].append(c)
    got = pick(rng, want, sites)
    if got is None:
        return None
    variant, i = got
    return simple(variant, w, t, p[:i] + " " + p[i:], i, i + 1)


_EM_BETWEEN = re.compile(rf"(?<={LETTER})—(?={LETTER})")
_EM_CUTOFF = re.compile(rf"(?<={LETTER})—(?=”)")
_COMMA_TAG = re.compile(rf"(?<={LETTER}),(?=” [a-z])")


def gen_typ003(rng, w, t, want):
    """A hyphen doing a dash's job: word - word, word--word, cut-off speech."""
    p = w[t]
    between = [m.start() for m in _EM_BETWEEN.finditer(p)]
    sites = {
        "word - word": between,
        "word--word": between,
        "word -- word": between,
        "word- word (cut off)": between,
        "cut-off —” as -”": [m.start() for m in _EM_CUTOFF.finditer(p)],
        "planted cut-off word-” tag": [m.start() for m in _COMMA_TAG.finditer(p)],
    }
    got = pick(rng, want, sites)
    if got is None:
        return None
    variant, i = got
    if variant == "word - word":
        return simple(variant, w, t, p[:i] + " - " + p[i + 1:], i, i + 3)
    if variant == "word--word":
        return simple(variant, w, t, p[:i] + "--" + p[i + 1:], i, i + 2)
    if variant == "word -- word":
        return simple(variant, w, t, p[:i] + " -- " + p[i + 1:], i, i + 4)
    if variant == "word- word (cut off)":
        return simple(variant, w, t, p[:i] + "- " + p[i + 1:], i, i + 2)
    planted = p[:i] + "-" + p[i + 1:]
    return simple(variant, w, t, planted, i, i + 1, (p[:i] + "—" + p[i + 1:],))


_ELLIPSIS_SITE = re.compile(r"(?<![.?!…])…(?![.…])")
_SENTENCE_END = re.compile(rf"(?<={LETTER})\.(?=[”’]?(?: [A-Z“]|$))")


def gen_typ004(rng, w, t, want):
    """Four to six periods for an ellipsis (replacing one, or added at a sentence end)."""
    p = w[t]
    sites = {
        "replaced …": [m.start() for m in _ELLIPSIS_SITE.finditer(p)],
        "added at sentence end": [m.start() for m in _SENTENCE_END.finditer(p)
                                  if re.search(r"(\w+)$", p[:m.start()]).group(1).lower() not in _TITLES],
        "doubled …": [m.start() for m in _ELLIPSIS_SITE.finditer(p)],
    }
    got = pick(rng, want, sites)
    if got is None:
        return None
    source, i = got
    if source == "doubled …":
        tok = rng.choice(("……", "….."))
        planted = p[:i] + tok + p[i + 1:]
        rest = "".join(w[:t] + w[t + 1:]) + p[:i] + p[i + 1:]
        forms = ("…",) if "…" in rest else ("…", "...")
        return simple(f"{tok} (doubled …)", w, t, planted, i, i + len(tok),
                      tuple(p[:i] + f + p[i + 1:] for f in forms), key=source)
    n = rng.choice((4, 5, 6))
    planted = p[:i] + "." * n + p[i + 1:]
    # the fix writes the story's ellipsis: "…" when the rest of the document uses it,
    # otherwise (no evidence) either form is right
    rest = "".join(w[:t] + w[t + 1:]) + planted
    forms = ("…",) if "…" in rest else ("…", "...")
    return simple(f"{n} dots ({source})", w, t, planted, i, i + n, tuple(p[:i] + f + p[i + 1:] for f in forms),
                  key=source)


_WORD_GAP = re.compile(rf"(?<={LETTER}) (?={LETTER})")
_COMMA_GAP = re.compile(rf"(?<={LETTER}), (?={LETTER})")
_NORMAL_ELLIPSIS = re.compile(rf"(?<={LETTER})\.\.\. (?={LETTER})")


def gen_typ005(rng, w, t, want):
    """In a story that writes word... word (made so), one ellipsis spaced otherwise."""
    spacing = rng.choice(sorted(want or VARIANTS["TYP005"]))
    w = [p.replace("…", "...") for p in w]
    # the story's habit: at least three word... word ellipses outside the planted one
    others = [i for i in range(len(w)) if i != t]
    have = sum(len(_NORMAL_ELLIPSIS.findall(w[i])) for i in others)
    tries = 0
    while have < 3 and tries < 20:
        tries += 1
        i = rng.choice(others)
        gaps = [m.span() for m in _COMMA_GAP.finditer(w[i])] or [m.span() for m in _WORD_GAP.finditer(w[i])]
        if not gaps:
            continue
        a, b = rng.choice(gaps)
        w[i] = w[i][:a] + "... " + w[i][b:]
        have += 1
    if have < 3:
        return None
    p = w[t]
    existing = [m.start() for m in _NORMAL_ELLIPSIS.finditer(p)]
    if existing:
        s = rng.choice(existing)
    else:
        gaps = [m.start() for m in _WORD_GAP.finditer(p)]
        if not gaps:
            return None
        g = rng.choice(gaps)
        p = p[:g] + "... " + p[g + 1:]
        s = g
        w[t] = p
    # p[s:s+4] == "... "
    if spacing == "word ... word":
        planted = p[:s] + " ... " + p[s + 4:]
        return simple("word ... word", w, t, planted, s, s + 5)
    if spacing == "word...word":
        planted = p[:s] + "..." + p[s + 4:]
        return simple(spacing, w, t, planted, s, s + 3)
    planted = p[:s] + " ..." + p[s + 4:]
    return simple("word ...word", w, t, planted, s, s + 4)


_LOWER_WORD = re.compile(r"(?<![\w'’‘-])([a-z]+)(?![\w'’-])")
_SENTENCE_START_WORD = re.compile(r"(?:^|(?<=[.!?] ))([A-Z][a-z]+)(?= [a-z])")
COMMON = frozenset("the a an to and of was she it with for his as at be is not but him you my".split())


def gen_typ006(rng, w, t, want):
    """A word typed twice in narration."""
    p = w[t]
    if "‘" in p:  # single quotations: keep clear of anything that might be speech
        return None
    sites = [m for m in _LOWER_WORD.finditer(p)
             if m.group(1) not in DOUBLE_OK and not in_double_quotes(p, m.start())]
    common = [m for m in sites if m.group(1) in COMMON]
    starts = [m for m in _SENTENCE_START_WORD.finditer(p)
              if m.group(1).lower() not in DOUBLE_OK and not in_double_quotes(p, m.start())]
    got = pick(rng, want, {"common word": common, "any word": sites, "She she (sentence start)": starts})
    if got is None:
        return None
    variant, m = got
    word, s = m.group(1), m.start()
    planted = p[:s] + word + " " + word.lower() + p[s + len(word):]
    return simple(variant, w, t, planted, s, s + 2 * len(word) + 1)


_PRONOUN_I = re.compile(r"(?<![^\W_])I(?![^\W_])")
_CONTRACTION = re.compile(r"['’](?:m|ll|ve|d)\b")


def gen_typ007(rng, w, t, want):
    """The pronoun I in lowercase."""
    p = w[t]
    sites = {"I": [], "I’m/I’ll/I’ve/I’d": []}
    for m in _PRONOUN_I.finditer(p):
        i = m.start()
        prev, nxt = p[i - 1:i], p[i + 1:i + 2]
        if (prev and prev in "-’'") or nxt == "-" or re.match(r"\.[^\W_]", p[i + 1:i + 3]):
            continue  # a stammer (I-I), an elision, an initialism (I.W.W.)
        if nxt and nxt in "’'":
            if _CONTRACTION.match(p, i + 1):
                sites["I’m/I’ll/I’ve/I’d"].append(i)
            elif re.match(r"['’][^\W_]", p[i + 1:]):
                continue  # I’se, I’faith
            else:
                sites["I"].append(i)
        else:
            sites["I"].append(i)
    got = pick(rng, want, sites)
    if got is None:
        return None
    key, i = got
    variant = key
    prev, nxt = p[i - 1:i], p[i + 1:i + 2]
    if "*" in (prev, nxt) or "_" in (prev, nxt):
        variant = "*I* (italic)"
    elif prev and prev in "(‘“":
        variant = f"I after {prev}"
    return simple(variant, w, t, p[:i] + "i" + p[i + 1:], i, i + 1, key=key)


_SENTENCE_STARTERS = "The She He It Then They But And There We You".split()
_PERIOD_STARTER = re.compile(r"(?<=[^\W_])\. (" + "|".join(_SENTENCE_STARTERS) + r")\b")


def gen_typ008(rng, w, t, want):
    """A sentence after a period starting with a lowercase letter."""
    p = w[t]
    sites = []
    for m in _PERIOD_STARTER.finditer(p):
        token = re.search(r"(\S+)$", p[: m.start()]).group(1).lstrip("“‘(*_[")
        core = token.rstrip("’'”")
        if "." in core or len(core) <= 1 or core.lower() in _TITLES:
            continue  # abbreviations and initials do not end a sentence
        if any(c.isdigit() for c in core):
            kind = "after a number"
        elif core[:1].isupper():
            kind = "after a capitalised word ≤5 letters" if len(core) <= 5 else "after a capitalised word"
        else:
            kind = "after a lowercase word"
        sites.append((kind, m.start(1)))
    if not sites:
        return None
    kind, i = rng.choice(sites)
    return simple(kind, w, t, p[:i] + p[i].lower() + p[i + 1:], i, i + 1)


_SINGLE_MARK = re.compile(r"(?<![!?])[!?](?![!?])")
_STACKS = ("!!", "?!?!", "?!!")


def gen_typ009(rng, w, t, want):
    """Stacked exclamation and question marks."""
    p = w[t]
    sites = [m.start() for m in _SINGLE_MARK.finditer(p)]
    if not sites:
        return None
    i = rng.choice(sites)
    stack = rng.choice(sorted(want or _STACKS))
    return Plant(stack, w, t, p[:i] + stack + p[i + 1:], i, i + len(stack), None, key=stack)


def _starts_with_open_quote(p: str) -> bool:
    return p.lstrip(" \t*_").startswith("“")


def gen_typ010(rng, w, t, want):
    """A quotation whose closing (or opening) double quote is missing, outside any speech that
    runs over several paragraphs."""
    p = w[t]
    pairs, balanced = double_quotations(p)
    if not balanced:
        return None
    _, prev_balanced = double_quotations(w[t - 1]) if t > 0 else ([], True)
    if not prev_balanced or (t + 1 < len(w) and _starts_with_open_quote(w[t + 1])):
        return None  # part of a speech that runs over paragraphs
    outer = [(o, c) for o, c, d in pairs if d == 0]
    if not outer:
        return None
    j = rng.randrange(len(outer))
    o, c = outer[j]
    which = "only quotation" if len(outer) == 1 else "last quotation" if j == len(outer) - 1 else "earlier quotation"
    if rng.choice(sorted(want or VARIANTS["TYP010"])) == "missing opening quote":
        # the closing mark is then the one with no partner (it moves one to the left)
        return Plant(f"missing opening quote ({which})", w, t, p[:o] + p[o + 1:], c - 1, c, None,
                     key="missing opening quote")
    return Plant(f"missing closing quote ({which})", w, t, p[:c] + p[c + 1:], o, o + 1, None,
                 key="missing closing quote")


def gen_typ011(rng, w, t, want):
    """One paragraph whose double (or single) quotes are straight in a curly story, and the reverse."""
    p = w[t]
    sites = {}
    kinds = (("double quotes", "“”", _STRAIGHTEN_DOUBLE, _STRAIGHTEN_SINGLE),
             ("single quotes and apostrophes", "‘’", _STRAIGHTEN_SINGLE, _STRAIGHTEN_DOUBLE))
    for key, chars, convert, keep in kinds:
        marks = [i for i, ch in enumerate(p) if ch in chars]
        others = sum(ch in chars for i, q in enumerate(w) if i != t for ch in q)
        if marks and others > len(marks):  # the story's own style must be clear
            sites[key] = [(marks[0], convert, keep)]
    got = pick(rng, want, sites)
    if got is None:
        return None
    key, (first, convert, keep) = got
    # curly story: this paragraph's marks of one kind straight; straight story: left curly
    return Plant(key, w, t, p.translate(convert), first, first + 1, (p,), straight_planted=p.translate(keep),
                 key=key)


# ---- DLG: dialogue punctuation. Sites are found with this file's own simple parsing of curly
# double quotations and tags (a speaker and a verb from betareader's verb lists), not with
# betareader's dialogue analysis.


def _verb_file(name: str) -> list[list[str]]:
    """The verb lines of a data file in betareader/data/dialogue: [base, past, -s, -ing, ...]."""
    try:
        from importlib import resources
        text = (resources.files("betareader") / "data" / "dialogue" / name).read_text(encoding="utf-8")
    except (OSError, ModuleNotFoundError):  # pragma: no cover - the data moved
        return []
    return [line.split("#", 1)[0].split() for line in text.splitlines() if line.split("#", 1)[0].strip()]


_BOTH_FORMS = {f for line in _verb_file("both_verbs.txt") for f in line}
_THOUGHT_FORMS = {f for line in _verb_file("thought_verbs.txt") for f in line}
#: form -> its position in its line (0 base, 1 past, 2 third person, 3 -ing): only pure speech verbs
SPEECH_FORMS = {f: i for line in _verb_file("speech_verbs.txt") for i, f in enumerate(line)
                if f not in _BOTH_FORMS and f not in _THOUGHT_FORMS}
_BEAT_LINES = {line[0]: line for line in _verb_file("beat_verbs.txt")}
#: beats of the face and shoulders that nobody reads as speech (planted for DLG004)
PURE_BEATS = [b for b in "smile grin nod shrug frown wink smirk beam grimace wince pout blink".split()
              if b in _BEAT_LINES]
_TAGGY_FORMS = set(SPEECH_FORMS) | _BOTH_FORMS | _THOUGHT_FORMS
QUESTION_FORMS = {f for f in SPEECH_FORMS if re.match(r"(?:ask|inquir|enquir|demand)", f)}

_PRONOUNS = frozenset("he she they we you I".split())
TITLE_WORDS = frozenset(
    "Mr Mrs Ms Mx Dr Miss Lady Lord Sir Madam Madame Mademoiselle Monsieur Professor Prof Aunt Uncle Captain "
    "Capt Colonel Col Major General Father Mother Sister Brother Master Mistress King Queen Prince Princess "
    "Saint St Mme Mlle".split())
#: capitalised words that are not speakers ("The door opened", "Then said he")
_NOT_NAMES = frozenset(
    "The Then But And It Its This That These Those There Here What When Where Why How Who Whom Which Yes No Oh "
    "Well So Now If In On At As A An His Her Their My Your Our For Not All One Some Any Each Every After Before "
    "While With Without From To Of By Or Nor Yet Still Just Only Even Perhaps Again Presently Suddenly "
    "Somebody Someone Nobody Everybody Everyone Anybody Anyone".split())
_TITLE_RX = r"(?:Mr|Mrs|Ms|Dr|Miss|Lady|Lord|Sir|Madame|Mademoiselle|Monsieur|Professor|Aunt|Uncle|Captain|Colonel|Major|Mme|Mlle)\.?"
_NAME_RX = rf"(?:{_TITLE_RX} )?[A-Z][a-z]+(?: [A-Z][a-z]+)?"
_TAG_AFTER = re.compile(
    rf" (?:(?P<subj>he|she|they|we|you|I|He|She|They|We|You|{_NAME_RX}) (?:(?P<adv>[a-z]+ly) )?(?P<verb>[a-z]+)"
    rf"|(?P<iverb>[a-z]+) (?P<isubj>he|she|I|they|we|you|{_NAME_RX})(?![\w’'-]))")
_TAIL_PUNCT = re.compile(r"(?: [a-z]+ly)?(?P<p>[.,;:!?—…]|$)")
_TAIL_PHRASE = re.compile(r" (?:to|with|in|at|as|under|through|without|from|into|across|over)\b")
_SENTENCE_REST = re.compile(r"[^.!?“”]*")


@dataclass
class Tag:
    """A speaker and a verb right after a quotation's closing mark (`“…,” she said`, `“…,” said Maya`)."""

    o: int  # the quotation's opening and closing mark
    c: int
    mark: str  # the character before the closing mark
    subj: str
    subj_span: tuple[int, int]
    verb: str
    verb_span: tuple[int, int]
    inverted: bool
    verb_kind: str  # "speech" (pure), "both", "thought", "beat" or ""
    tail: str  # "punct", "phrase" or "" (something else follows the verb: "said nothing")
    tail_char: str  # the punctuation after the verb ("" when none)
    split: bool  # another quotation follows the tag's comma: `she said, “…`

    @property
    def pronoun(self) -> bool:
        return self.subj.lower() in {x.lower() for x in _PRONOUNS}

    def speaker(self) -> tuple | None:
        """(kind, key, titles) for comparing speakers; None for they/we/you and descriptors."""
        low = self.subj.lower()
        if low in ("he", "she", "i"):
            return ("pronoun", low, ())
        if self.pronoun:
            return None
        words = self.subj.replace(".", " ").split()
        rest = [x for x in words if x not in TITLE_WORDS]
        if not rest:
            return None
        return ("name", rest[-1], tuple(x for x in words if x in TITLE_WORDS))


def _verb_kind(form: str) -> str:
    if form in _BOTH_FORMS:
        return "both"
    if form in _THOUGHT_FORMS:
        return "thought"
    if form in SPEECH_FORMS:
        return "speech"
    if any(form in line for line in _BEAT_LINES.values()):
        return "beat"
    return ""


def quote_starts_sentence(p: str, o: int) -> bool:
    """Is the quotation at o a line of dialogue (paragraph start, after a sentence end, a colon or a dash)?"""
    before = p[:o].rstrip(" *_")
    return before == "" or before[-1] in ".!?…:—–”"


def tags_after(p: str) -> list[Tag]:
    """Every outer curly double quotation of ``p`` that a speaker and a known verb follow."""
    pairs, _ = double_quotations(p)
    out = []
    for o, c, d in pairs:
        if d != 0 or c <= o + 1:
            continue
        m = _TAG_AFTER.match(p, c + 1)
        if not m:
            continue
        inverted = m.group("iverb") is not None
        subj_g, verb_g = ("isubj", "iverb") if inverted else ("subj", "verb")
        subj, verb = m.group(subj_g), m.group(verb_g)
        if subj.split()[0] in _NOT_NAMES or subj.split()[-1] in _NOT_NAMES:
            continue
        if inverted and subj == "I":
            continue
        kind = _verb_kind(verb)
        if not kind or (inverted and kind == "beat"):
            continue
        rest = p[m.end(verb_g) if not inverted else m.end(subj_g):]
        tp = _TAIL_PUNCT.match(rest)
        tail = "punct" if tp else "phrase" if _TAIL_PHRASE.match(rest) else ""
        tail_char = tp.group("p") if tp else ""
        split = bool(re.match(r"(?: [a-z]+ly)?, “", rest))
        out.append(Tag(o, c, p[c - 1], subj, m.span(subj_g), verb, m.span(verb_g), inverted, kind, tail,
                       tail_char, split))
    return out


def _balanced(p: str) -> bool:
    return double_quotations(p)[1]


_DLG001_KEYS = ("“Stay.” she said (pronoun)", "“Stay.” She said (capitalised pronoun)",
                "“Stay.” Maya said (name)", "“Stay.” said Maya (inverted)", "“Stay.” I said")


def gen_dlg001(rng, w, t, want):
    """A period where the comma before a speech tag belongs."""
    p = w[t]
    sites: dict[str, list[Tag]] = {k: [] for k in _DLG001_KEYS}
    for g in tags_after(p):
        if (g.mark != "," or not p[g.c - 2].isalnum() or g.verb_kind != "speech" or not g.tail or g.split
                or g.tail_char == ":" or not quote_starts_sentence(p, g.o)):
            continue
        if g.inverted:
            sites["“Stay.” said Maya (inverted)"].append(g)
        elif g.subj == "I":
            sites["“Stay.” I said"].append(g)
        elif g.pronoun:
            if g.subj.islower():
                sites["“Stay.” she said (pronoun)"].append(g)
                sites["“Stay.” She said (capitalised pronoun)"].append(g)
        else:
            sites["“Stay.” Maya said (name)"].append(g)
    got = pick(rng, want, sites)
    if got is None:
        return None
    key, g = got
    dot = g.c - 1
    planted = p[:dot] + "." + p[dot + 1:]
    if key.startswith("“Stay.” She"):
        s = g.subj_span[0]
        planted = planted[:s] + planted[s].upper() + planted[s + 1:]
    return simple(key, w, t, planted, dot, dot + 1)


_DLG002_KEYS = ("after ,", "after ?", "after !")


def gen_dlg002(rng, w, t, want):
    """A tag's pronoun capitalised after `,` `?` `!` (`“Why?” He asked.`)."""
    p = w[t]
    sites: dict[str, list[Tag]] = {k: [] for k in _DLG002_KEYS}
    for g in tags_after(p):
        if (g.inverted or g.mark not in ",?!" or not g.pronoun or g.subj == "I" or not g.subj.islower()
                or g.verb_kind != "speech" or not g.tail or not quote_starts_sentence(p, g.o)):
            continue
        sites[f"after {g.mark}"].append(g)
    got = pick(rng, want, sites)
    if got is None:
        return None
    key, g = got
    s, e = g.subj_span
    return simple(key, w, t, p[:s] + p[s].upper() + p[s + 1:], s, e)


_DLG003_KEYS = ("no comma before she said", "no comma before Maya said", "no comma before said Maya",
                "no period before a new sentence")
_NEXT_SENTENCE = re.compile(r" ([A-Z][a-z]*(?:’[a-z]+)?)(?: ([a-z]+))?")


def gen_dlg003(rng, w, t, want):
    """No punctuation before the closing quote: a tag, or a new sentence, follows."""
    p = w[t]
    sites: dict[str, list] = {k: [] for k in _DLG003_KEYS}
    for g in tags_after(p):
        if (g.mark != "," or not p[g.c - 2].isalnum() or g.verb_kind != "speech" or not g.tail
                or not quote_starts_sentence(p, g.o)):
            continue
        key = ("no comma before said Maya" if g.inverted else
               "no comma before she said" if g.pronoun else "no comma before Maya said")
        sites[key].append(("tag", g))
    pairs, _ = double_quotations(p)
    tagged = {g.c for g in tags_after(p)}
    for o, c, d in pairs:
        if d != 0 or p[c - 1] != "." or c in tagged or not quote_starts_sentence(p, o):
            continue
        token = re.search(r"(\S+)$", p[o + 1:c - 1])
        if not token or not re.fullmatch(r"[A-Za-z’']*[a-z]", token.group(1)) or token.group(1).lower() in _TITLES:
            continue  # ends in a word (not an abbreviation, a number or other punctuation)
        m = _NEXT_SENTENCE.match(p, c + 1)
        if not m or m.group(1) in TITLE_WORDS:
            continue
        if m.group(2) and m.group(2) in _TAGGY_FORMS:
            continue  # `“Fine.” She laughed.`: a tag (or the rule's "both" verbs), not a new sentence
        sites["no period before a new sentence"].append(("sentence", (o, c, m.group(1))))
    got = pick(rng, want, sites)
    if got is None:
        return None
    key, (kind, x) = got
    if kind == "tag":
        g = x
        comma = g.c - 1
        planted = p[:comma] + p[comma + 1:]
        fixed = (p, p[:comma] + "?" + p[comma + 1:]) if g.verb in QUESTION_FORMS else (p,)
        return simple(key, w, t, planted, comma - 1, comma + 1, fixed, key=key)
    o, c, nxt = x
    dot = c - 1
    variant = key + (" (I …)" if nxt == "I" else "")
    return simple(variant, w, t, p[:dot] + p[dot + 1:], dot - 1, dot + 1, (p,), key=key)


_DLG004_KEYS = ("“…,” she smiled (pronoun)", "“…,” Maya smiled (name)", "“…?” she smiled (after ? or !)")


def _beat_form(verb: str, beat: str) -> str:
    line = _BEAT_LINES[beat]
    return line[min(SPEECH_FORMS.get(verb, 1), len(line) - 1)]


def gen_dlg004(rng, w, t, want):
    """A speech verb in a tag swapped for a beat verb (`“Fine,” she smiled.`)."""
    p = w[t]
    sites: dict[str, list[Tag]] = {k: [] for k in _DLG004_KEYS}
    for g in tags_after(p):
        if (g.inverted or g.verb_kind != "speech" or g.tail != "punct" or g.split or g.tail_char == ":"
                or not quote_starts_sentence(p, g.o) or not p[g.c - 2].isalnum()):
            continue
        rest = _SENTENCE_REST.match(p, g.verb_span[1]).group(0)
        if any(x in _TAGGY_FORMS for x in re.findall(r"[a-z]+", rest)):
            continue  # "she said, and added": a speech verb later in the sentence
        if g.mark == ",":
            sites["“…,” she smiled (pronoun)" if g.pronoun else "“…,” Maya smiled (name)"].append(g)
        elif g.mark in "?!" and g.pronoun and g.subj.islower():
            sites["“…?” she smiled (after ? or !)"].append(g)
    got = pick(rng, want, sites)
    if got is None:
        return None
    key, g = got
    beat = _beat_form(g.verb, rng.choice(PURE_BEATS))
    vs, ve = g.verb_span
    planted = p[:vs] + beat + p[ve:]
    s, e = g.subj_span
    capital = planted[:s] + planted[s].upper() + planted[s + 1:]
    if key.startswith("“…?”"):
        return simple(key, w, t, planted, s, e, (capital,))
    comma = g.c - 1
    fixed = capital[:comma] + "." + capital[comma + 1:]
    return simple(key, w, t, planted, comma, comma + 1, (fixed,))


_DLG005_KEYS = ("she said, “Take…” (pronoun tag)", "Maya said, “Take…” (name tag)",
                "said Maya, “Take…” (inverted tag)")
_FIRST_LOWER = re.compile(r"([a-z]+(?:’[a-z]+)?)\b")


def gen_dlg005(rng, w, t, want):
    """A split quotation whose second part continues the sentence, with a capital."""
    p = w[t]
    pairs, _ = double_quotations(p)
    opens = {o: c for o, c, d in pairs if d == 0}
    window_text = "\n\n".join(w)
    sites: dict[str, list] = {k: [] for k in _DLG005_KEYS}
    for g in tags_after(p):
        if g.mark != "," or not g.split or g.verb_kind not in ("speech", "both") or not quote_starts_sentence(p, g.o):
            continue
        o2 = p.index("“", g.verb_span[1])
        if o2 not in opens:
            continue
        m = _FIRST_LOWER.match(p, o2 + 1)
        if not m or m.group(1) == "i":
            continue
        word = m.group(1)
        # an ordinary word: the window also has it in lowercase somewhere else
        others = [x.start() for x in re.finditer(rf"(?<![\w’'-]){re.escape(word)}(?![\w’'-])", window_text)]
        here = sum(len(q) + 2 for q in w[:t]) + m.start(1)
        if not [x for x in others if x != here]:
            continue
        key = ("said Maya, “Take…” (inverted tag)" if g.inverted else
               "she said, “Take…” (pronoun tag)" if g.pronoun else "Maya said, “Take…” (name tag)")
        sites[key].append((m.start(1), m.end(1)))
    got = pick(rng, want, sites)
    if got is None:
        return None
    key, (s, e) = got
    return simple(key, w, t, p[:s] + p[s].upper() + p[s + 1:], s, e)


_DLG006_KEYS = ("two names", "two pronouns (he/she/I)")


def _speakers(p: str) -> list[tuple]:
    return [sp for g in tags_after(p) if g.verb_kind in ("speech", "both", "thought") and g.tail
            for sp in [g.speaker()] if sp is not None]


def _different(a: tuple, b: tuple) -> bool:
    if a[0] != b[0]:
        return False  # a name and a pronoun may be one person
    return a[1] != b[1] or (a[0] == "name" and bool(a[2]) and bool(b[2]) and a[2] != b[2])


def gen_dlg006(rng, w, t, want):
    """Two paragraphs tagged to different speakers merged into one."""
    p, q = w[t], w[t + 1]
    if not (_balanced(p) and _balanced(q)) or not q.startswith("“"):
        return None
    first = _speakers(p)
    if not first or any(_different(first[0], x) or x[0] != first[0][0] for x in first[1:]):
        return None  # the first paragraph: one speaker only
    tq = tags_after(q)
    if not tq or tq[0].o != 0 or tq[0].verb_kind not in ("speech", "both", "thought") or not tq[0].tail:
        return None  # the second paragraph's first quotation carries its tag
    second = tq[0].speaker()
    if second is None or not _different(first[0], second):
        return None
    key = "two names" if second[0] == "name" else "two pronouns (he/she/I)"
    if want is not None and key not in want:
        return None
    variant = key
    if key == "two names" and first[0][1] == second[1]:
        variant = "two names (same surname, other title)"
    merged = p + " " + q
    s = len(p) + 1
    return Plant(variant, w, t, merged, s, s + 1, None, key=key, planted_window=w[:t] + [merged] + w[t + 2:])


_DLG007_KEYS = ("“Stay”. (period outside)", "“Stay”, (comma outside)")
_MARK_BEFORE_CLOSE = re.compile(r"(?<=[^\W_])([.,])”(?![\w.])")


def gen_dlg007(rng, w, t, want):
    """A period or comma moved after the closing quote (American usage puts it inside)."""
    p = w[t]
    pairs, _ = double_quotations(p)
    closes = {c for _, c, _ in pairs}
    sites: dict[str, list[int]] = {k: [] for k in _DLG007_KEYS}
    for m in _MARK_BEFORE_CLOSE.finditer(p):
        i = m.start()
        if i + 1 not in closes:
            continue
        if m.group(1) == "." and (p[i - 1:i] == "." or re.search(r"(?:^|\W)[A-Za-z]$", p[:i])):
            continue  # an initial or an abbreviation's period
        sites["“Stay”. (period outside)" if m.group(1) == "." else "“Stay”, (comma outside)"].append(i)
    got = pick(rng, want, sites)
    if got is None:
        return None
    key, i = got
    return simple(key, w, t, p[:i] + "”" + p[i] + p[i + 2:], i, i + 2)


_DLG008_KEYS = ("“… H-harry …” (a name in speech)", "“H-harry? …” (added at the start)",
                "“… H-h-harry …” (double stutter)")
_CAP_WORD = re.compile(r"(?<![\w’'-])([A-Z][a-z]{2,})(?![\w’'-])")
_LOWER_TOKENS = re.compile(r"(?<![\w’'-])([a-z]+)(?![\w'-])")


def window_names(w: list[str]) -> dict[str, bool]:
    """Capitalised words used at least three times, at least once mid-sentence (after a lowercase
    word, a comma or semicolon, or a title like Mr.), never in lowercase. The value says whether the
    word is mid-sentence only ever after a title with a period (Mr. Collins)."""
    text = "\n\n".join(w)
    lower = set(_LOWER_TOKENS.findall(text))
    count: Counter = Counter()
    mid: set[str] = set()
    after_title: set[str] = set()
    for m in _CAP_WORD.finditer(text):
        word = m.group(1)
        count[word] += 1
        before = text[max(0, m.start() - 5):m.start()]
        if re.search(r"[a-z,;] $", before):
            mid.add(word)
        elif re.search(r"\b(?:Mr|Mrs|Ms|Dr|St)\. $", before):
            after_title.add(word)
    return {x: x not in mid for x, n in sorted(count.items())
            if n >= 3 and (x in mid or x in after_title) and x.lower() not in lower
            and x not in TITLE_WORDS and x not in _NOT_NAMES}


def gen_dlg008(rng, w, t, want):
    """A stuttered name that lost its capital, with an ordinary-word stutter (W-what) elsewhere as a decoy."""
    names = window_names(w)
    if not names:
        return None
    p = w[t]
    pairs, _ = double_quotations(p)
    inside = [(o, c) for o, c, d in pairs if d == 0]
    if not inside:
        return None
    sites: dict[str, list] = {k: [] for k in _DLG008_KEYS}
    for name in names:
        for m in re.finditer(rf"(?<![\w’'-]){name}(?![\w’'-])", p):
            if any(o < m.start() and m.end() <= c for o, c in inside):
                sites[_DLG008_KEYS[0]].append((name, m.start(), False, False))
                sites[_DLG008_KEYS[2]].append((name, m.start(), True, False))
        for o, c in inside:
            if c > o + 3 and re.match(r"[A-Z][a-z]", p[o + 1:o + 3]) and not p[o + 1:].startswith(name):
                sites[_DLG008_KEYS[1]].append((name, o + 1, False, True))
    got = pick(rng, want, sites)
    if got is None:
        return None
    key, (name, s, double, insert) = got
    stutter = name[0] + "-" + (name[0].lower() + "-" if double else "") + name.lower()
    if insert:
        planted = p[:s] + stutter + "? " + p[s:]
    else:
        planted = p[:s] + stutter + p[s + len(name):]
    e = s + len(stutter)
    fixed = planted[:e - len(name)] + planted[e - len(name)].upper() + planted[e - len(name) + 1:]
    pw = w[:t] + [planted] + w[t + 1:]
    # the name must still be one with the stuttered occurrence gone (it may have been its only
    # mid-sentence use)
    still = window_names(pw)
    if name not in still:
        return None
    variant = key + (" [name only after Mr./Mrs.]" if still[name] else "")
    # the decoy: an ordinary word at the start of a quotation in another paragraph, stuttered
    lower = set(_LOWER_TOKENS.findall("\n\n".join(w)))
    decoys = []
    for j in rng.sample(range(len(w)), len(w)):
        if j == t:
            continue
        qs, _ = double_quotations(w[j])
        starts = [o + 1 for o, c, d in qs if d == 0 and re.match(r"[A-Z][a-z]+\b", w[j][o + 1:])]
        starts = [x for x in starts if (m := re.match(r"[A-Z][a-z]+\b", w[j][x:])) and m.group(0).lower() in lower
                  and m.group(0) not in names and m.group(0) not in TITLE_WORDS]
        if starts:
            x = rng.choice(starts)
            word = re.match(r"[A-Z][a-z]+", w[j][x:]).group(0)
            pw[j] = w[j][:x] + word[0] + "-" + word.lower() + w[j][x + len(word):]
            decoys.append((j, x, x + len(word) + 2))
            break
    return Plant(variant, w, t, planted, s, e, (fixed,), key=key, planted_window=pw, decoys=decoys)


_DLG009_KEYS = ("3 *italic* + 1 ‘single’", "3 *italic* + 1 ::colons::", "3 ::colons:: + 1 *italic*",
                "3 ‘single’ + 1 *italic*")
_THOUGHTS = (("I hate this", ","), ("What now", "?"), ("Not again", ","), ("Where is he", "?"),
             ("This is wrong", ","), ("Too late", ","), ("Why me", "?"), ("Keep walking", ","),
             ("Almost there", ","), ("Don’t look back", ","), ("Is this a trap", "?"), ("Stay calm", ","))
_SENDINGS = (("Can you hear me", "?"), ("Stay close", ","), ("Where are you", "?"), ("Run", ","),
             ("Don’t move", ","), ("Is it safe", "?"))


def _thought(rng, form: str) -> tuple[str, int]:
    """A thought sentence in ``form`` and the length of its marked part."""
    who = rng.choice(("she", "he"))
    if form == "colons":
        words, mark = rng.choice(_SENDINGS)
        marked = f"::{words}{mark}::"
        return f"{marked} {who} sent.", len(marked)
    words, mark = rng.choice(_THOUGHTS)
    marked = f"*{words}{mark}*" if form == "italic" else f"‘{words}{mark}’"
    return f"{marked} {who} thought.", len(marked)


def gen_dlg009(rng, w, t, want):
    """Several thoughts in one form, and one in another."""
    ok = [i for i, q in enumerate(w) if _balanced(q) and q.rstrip()[-1:] in ".!?”…" and "::" not in q
          and "‘" not in q]
    if t not in ok or len([i for i in ok if i != t]) < 3:
        return None
    key = rng.choice(sorted(want or _DLG009_KEYS))
    main = "italic" if key.startswith("3 *") else "colons" if key.startswith("3 ::") else "single"
    minority = key.split("+ 1 ")[1]
    minority = "italic" if minority.startswith("*") else "colons" if minority.startswith("::") else "single"
    w = list(w)
    for i in sorted(rng.sample([i for i in ok if i != t], 3)):
        w[i] = w[i] + " " + _thought(rng, main)[0]
    sentence, n = _thought(rng, minority)
    s = len(w[t]) + 1
    return Plant(key, w, t, w[t] + " " + sentence, s, s + n, None, key=key)


GENERATORS: dict[str, Callable] = {
    "TYP001": gen_typ001, "TYP002": gen_typ002, "TYP003": gen_typ003, "TYP004": gen_typ004,
    "TYP005": gen_typ005, "TYP006": gen_typ006, "TYP007": gen_typ007, "TYP008": gen_typ008,
    "TYP009": gen_typ009, "TYP010": gen_typ010, "TYP011": gen_typ011,
    "DLG001": gen_dlg001, "DLG002": gen_dlg002, "DLG003": gen_dlg003, "DLG004": gen_dlg004,
    "DLG005": gen_dlg005, "DLG006": gen_dlg006, "DLG007": gen_dlg007, "DLG008": gen_dlg008,
    "DLG009": gen_dlg009,
}
#: The choices a generator makes; each gets an equal share of a rule's cases while the
#: corpus has sites for it (rare ones, like a cut-off dash, would otherwise hardly appear).
VARIANTS: dict[str, tuple[str, ...]] = {
    "TYP001": tuple(f"space before '{m}'" for m in ",.;:!?"),
    "TYP002": ("after opening quote", "before closing quote", "after opening single quote",
               "before closing single quote"),
    "TYP003": ("word - word", "word--word", "word -- word", "word- word (cut off)", "cut-off —” as -”",
               "planted cut-off word-” tag"),
    "TYP004": ("replaced …", "added at sentence end", "doubled …"),
    "TYP005": ("word ... word", "word ...word", "word...word"),
    "TYP006": ("common word", "any word", "She she (sentence start)"),
    "TYP007": ("I", "I’m/I’ll/I’ve/I’d"),
    "TYP009": _STACKS,
    "TYP010": ("missing closing quote", "missing opening quote"),
    "TYP011": ("double quotes", "single quotes and apostrophes"),
    "DLG001": _DLG001_KEYS,
    "DLG002": _DLG002_KEYS,
    "DLG003": _DLG003_KEYS,
    "DLG004": _DLG004_KEYS,
    "DLG005": _DLG005_KEYS,
    "DLG006": _DLG006_KEYS,
    "DLG007": _DLG007_KEYS,
    "DLG008": _DLG008_KEYS,
    "DLG009": _DLG009_KEYS,
}
UNSAFE_FIX_NOTE = {"TYP008": "unsafe fix", "TYP011": "unsafe fix", "DLG004": "unsafe fix"}


def generate(code: str, books: list[Book], engine: Engine, seed: int, n: int) -> list[Case]:
    """``n`` plants for ``code`` (two cases each, curly and straight), deterministically."""
    rng = random.Random(f"{seed}:{code}")
    gen = GENERATORS[code]
    candidates = [
        (bi, i)
        for bi, b in enumerate(books)
        for i in range(len(b.paragraphs))
        if b.kinds[i] == "text" and MIN_LEN <= len(b.paragraphs[i]) <= MAX_LEN and code not in b.flagged[i]
    ]
    rng.shuffle(candidates)
    keys = VARIANTS.get(code)
    share = -(-n // len(keys)) if keys else n
    counts: Counter = Counter()
    used: set[tuple[int, int]] = set()
    cases: list[Case] = []
    # first every variant up to its share, then any variant for the cases still missing
    for balanced in (True, False) if keys else (False,):
        for bi, i in candidates:
            if len(used) >= n:
                break
            want = {x for x in keys if counts[x] < share} if balanced and keys else None
            if balanced and not want:
                break
            if (bi, i) in used:
                continue
            book = books[bi]
            window = None
            for a in rng.sample((WINDOW // 2 - 1, WINDOW // 2), 2):
                lo = i - a
                if lo >= 0 and lo + WINDOW <= len(book.paragraphs) and all(
                    kd == "text" for kd in book.kinds[lo:lo + WINDOW]
                ):
                    window = (lo, a)
                    break
            if window is None:
                continue
            lo, t = window
            plant = gen(rng, list(book.paragraphs[lo:lo + WINDOW]), t, want)
            if plant is None:
                continue
            pair = make_cases(code, book, i, plant)
            if pair is None:
                continue
            # the document must be clean for the rule before the error goes in
            if any(f.code == code for f in engine.check_text(pair[0].before).findings):
                continue
            cases.extend(pair)
            used.add((bi, i))
            counts[plant.key] += 1
    return cases


@dataclass
class Outcome:
    case: Case
    detected: bool
    fps: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, message)
    fps_pre: int = 0  # of ``fps``, how many the document without the error has too
    fix_exact: bool | None = None  # None: no fix was offered, or the case was missed
    fixed_to: str | None = None  # the fixed text around the span, when not exact
    decoys_flagged: int = 0  # of ``fps``, how many hit a decoy (a span that must not be reported)


def _snippet(text: str, s: int, e: int) -> str:
    return text[max(0, s - 15):e + 15]


def evaluate(case: Case, engine: Engine) -> Outcome:
    found = [f for f in engine.check_text(case.text).findings if f.code == case.code]
    hit = next((f for f in found if f.start < case.end and case.start < f.end), None)
    out = Outcome(case, hit is not None)
    fps = [f for f in found if f is not hit]
    if fps:
        pre = {_snippet(case.before, f.start, f.end)
               for f in engine.check_text(case.before).findings if f.code == case.code}
        out.fps = [(f.start, f.end, f.message) for f in fps]
        out.fps_pre = sum(_snippet(case.text, f.start, f.end) in pre for f in fps)
        out.decoys_flagged = sum(any(f.start < e and s < f.end for s, e in case.decoys) for f in fps)
    if hit is not None and hit.fix is not None and case.fixed is not None:
        fixed = apply_edits(case.text, sorted(hit.fix.edits, key=lambda e: (e.start, e.end)))
        out.fix_exact = fixed in case.fixed
        if not out.fix_exact:
            lo = min(e.start for e in hit.fix.edits)
            out.fixed_to = fixed[max(0, lo - 25):lo + 35].replace("\n", "⏎")
    return out


def summarise(outcomes: list[Outcome]) -> dict:
    planted = len(outcomes)
    detected = sum(o.detected for o in outcomes)
    fp = sum(len(o.fps) for o in outcomes)
    fp_pre = sum(o.fps_pre for o in outcomes)
    fixes = [o.fix_exact for o in outcomes if o.fix_exact is not None]
    decoys = sum(len(o.case.decoys) for o in outcomes)
    recall = detected / planted if planted else None
    precision = detected / (detected + fp) if detected + fp else None
    return {
        "planted": planted,
        "detected": detected,
        "recall": recall,
        "false_positives": fp,
        "false_positives_already_in_clean_doc": fp_pre,
        "precision": precision,
        "fixes_checked": len(fixes),
        "fix_exact": sum(fixes) / len(fixes) if fixes else None,
        **({"decoys": decoys, "decoys_flagged": sum(o.decoys_flagged for o in outcomes)} if decoys else {}),
        "meets_target": recall is not None and recall >= TARGET_RECALL
        and (precision is None or precision >= TARGET_PRECISION),
    }


def injected(books: list[Book], engine: Engine, codes: list[str], seed: int, per_rule: int) -> dict:
    res: dict = {}
    for code in codes:
        if code not in GENERATORS:
            continue
        cases = generate(code, books, engine, seed, per_rule)
        outcomes = [evaluate(c, engine) for c in cases]
        by_style = {}
        for style in styles_for(code):
            os_ = [o for o in outcomes if o.case.style == style]
            summary = summarise(os_)
            variants = {}
            for v in sorted({o.case.variant for o in os_}):
                vs = [o for o in os_ if o.case.variant == v]
                variants[v] = {"planted": len(vs), "detected": sum(o.detected for o in vs),
                               "false_positives": sum(len(o.fps) for o in vs)}
            summary["variants"] = variants
            summary["misses"] = [
                {"variant": o.case.variant, "book": o.case.book, "paragraph": o.case.para,
                 "context": context(o.case.text, o.case.start, o.case.end),
                 "reported_instead": [context(o.case.text, s, e) for s, e, _ in o.fps]}
                for o in os_ if not o.detected
            ]
            summary["false_positive_examples"] = [
                {"variant": o.case.variant, "book": o.case.book, "paragraph": o.case.para,
                 "context": context(o.case.text, s, e), "message": msg,
                 "planted_at": context(o.case.text, o.case.start, o.case.end)}
                for o in os_ for s, e, msg in o.fps
            ]
            summary["inexact_fixes"] = [
                {"variant": o.case.variant, "book": o.case.book, "paragraph": o.case.para,
                 "planted": context(o.case.text, o.case.start, o.case.end), "fixed_to": o.fixed_to}
                for o in os_ if o.fix_exact is False
            ]
            by_style[style] = summary
        res[code] = by_style
    return res


def print_injected(res: dict, kinds: dict[str, str], per_rule: int, n_samples: int) -> None:
    print(f"\n(b) Planted errors: {per_rule} cases per rule and quote style, one error per 6-paragraph document\n")
    headers = ["rule", "kind", "style", "planted", "detected", "recall", "FP", "FP pre", "precision", "fix exact",
               "target"]
    rows = []
    for code, by_style in res.items():
        for style, s in by_style.items():
            fix = fmt_rate(s["fix_exact"])
            if s["fix_exact"] is not None and code in UNSAFE_FIX_NOTE:
                fix += " (unsafe)"
            flag = "ok" if s["meets_target"] else "BELOW TARGET"
            rows.append([code, kinds[code], style, s["planted"], s["detected"], fmt_rate(s["recall"]),
                         s["false_positives"], s["false_positives_already_in_clean_doc"], fmt_rate(s["precision"]),
                         fix, flag])
    print(table(headers, rows, right={3, 4, 5, 6, 7, 8, 9}))
    print(f"\nTargets: recall ≥ {TARGET_RECALL} and precision ≥ {TARGET_PRECISION} for every rule and style. "
          "FP pre: false positives that the document without the planted error has too (in the straight\n"
          "variant these come from straightening the quotes). fix exact: applying the detected finding's fix "
          "gives back the text without the error (TYP004 with four dots, TYP008, TYP011, DLG004 and DLG003 before "
          "a new sentence have unsafe fixes).")

    decoy_lines = [f"{code} {style}: {s['decoys_flagged']} of {s['decoys']} decoys flagged"
                   for code, by_style in res.items() for style, s in by_style.items() if "decoys" in s]
    if decoy_lines:
        print("Decoys (spans planted beside the error that must not be reported; counted as false positives "
              "when they are): " + "; ".join(decoy_lines) + ".")

    all_styles = STYLES + ("british",) if any("british" in b for b in res.values()) else STYLES
    print(f"\nBy variant (planted / detected / FP, {' | '.join(all_styles)}):\n")
    vrows = []
    for code, by_style in res.items():
        names = sorted(set().union(*(s["variants"] for s in by_style.values())))
        for v in names:
            cells = []
            for style in all_styles:
                if style not in by_style:
                    cells.append("–")
                    continue
                x = by_style[style]["variants"].get(v, {"planted": 0, "detected": 0, "false_positives": 0})
                cells.append(f"{x['planted']} / {x['detected']} / {x['false_positives']}")
            vrows.append([code, v] + cells)
    print(table(["rule", "variant", *all_styles], vrows, right=set(range(2, 2 + len(all_styles)))))

    for code, by_style in res.items():
        for style, s in by_style.items():
            parts = [("missed", s["misses"], lambda m: m["context"] + (
                "  | reported instead: " + " ; ".join(m["reported_instead"]) if m["reported_instead"] else "")),
                ("false positive", s["false_positive_examples"], lambda m: m["context"]),
                ("inexact fix", s["inexact_fixes"], lambda m: f"{m['planted']}  →  {m['fixed_to']}")]
            for label, items, show in parts:
                if not items:
                    continue
                print(f"\n{code} {style}, {label} ({len(items)}), up to {n_samples}:")
                for m in items[:n_samples]:
                    print(f"  [{m['variant']}] {show(m)}")


# --------------------------------------------------------------------------- main


def git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=10)
        return out.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def parse_codes(value: str | None, all_codes: list[str]) -> list[str]:
    if not value:
        return all_codes
    want = [c.strip().upper() for c in value.replace(",", " ").split() if c.strip()]
    out = [c for c in all_codes if any(c.startswith(w) for w in want)]
    if not out:
        raise SystemExit(f"--rules: no rule matches {value!r} (have {', '.join(all_codes)})")
    return out


def dialect_pass(books: list[Book], codes: list[str], kinds: dict[str, str], n_samples: int,
                 found_us: dict) -> dict:
    """(a1) The books whose books.json language is not en-US, checked again in their own dialect.

    The full table is printed only when that changes a finding; otherwise one line says so.
    """
    by_dialect: dict[str, list[Book]] = defaultdict(list)
    for b in books:
        if b.language != "en-US":
            by_dialect[b.language].append(b)
    if not by_dialect:
        print("\n(a1) Every book is en-US in books.json: no second pass in another dialect.")
        return {"books": [], "changed": False}
    found: dict = {}
    for dialect, group in by_dialect.items():
        clean_fiction(group, Engine(Config(select=["ALL"], dialect=dialect)), codes, kinds, 0, keep=found)
    diffs = {}
    for file, items in found.items():
        gone, new = sorted(set(found_us[file]) - set(items)), sorted(set(items) - set(found_us[file]))
        if gone or new:
            diffs[file] = {"only_en_US": [list(x) for x in gone], "only_own_dialect": [list(x) for x in new]}
    names = ", ".join(f"{len(g)} {d}" for d, g in sorted(by_dialect.items()))
    out: dict = {"books": {b.file: b.language for g in by_dialect.values() for b in g}, "changed": bool(diffs),
                 "differences": diffs}
    if not diffs:
        print(f"\n(a1) The {names} books (language in books.json) checked again with Config(dialect=...): "
              f"no finding of the measured rules changes, so (a) stands for them too.")
        return out
    engines = {d: Engine(Config(select=["ALL"], dialect=d)) for d in by_dialect}
    res = {}
    per_book = []
    for b in books:
        eng = engines.get(b.language)
        if eng is None:
            continue
        r = clean_fiction([b], eng, codes, kinds, n_samples)
        per_book.append(r)
    merged = clean_fiction([b for b in books if b.language == "en-US"], Engine(Config(select=["ALL"])), codes,
                           kinds, n_samples)
    for r in per_book:
        merged["books"].extend(r["books"])
        for c in codes:
            merged["total"]["by_rule"][c] += r["total"]["by_rule"][c]
        merged["total"]["words"] += r["total"]["words"]
    order = {b.file: i for i, b in enumerate(books)}
    merged["books"].sort(key=lambda b: order[b["file"]])
    t = merged["total"]
    t["by_rule_per_10k"] = {c: round(per_10k(t["by_rule"][c], t["words"]), 3) for c in codes}
    t["errors"] = sum(n for c, n in t["by_rule"].items() if kinds[c] == "error")
    t["errors_per_10k"] = round(per_10k(t["errors"], t["words"]), 3)
    t["craft"] = sum(n for c, n in t["by_rule"].items() if kinds[c] == "craft")
    t["meets_target"] = per_10k(t["errors"], t["words"]) <= TARGET_PER_10K
    print_clean(merged, codes, kinds, f"(a1) Every book in its own dialect (books.json: {names} books re-checked)")
    for file, d in diffs.items():
        print(f"  {file}: {len(d['only_en_US'])} findings only with en-US, {len(d['only_own_dialect'])} only in "
              "its own dialect")
    res.update(out)
    res["result"] = merged
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                    help="corpus folder with fiction/*.txt (default: ../shared/corpus from the repo root)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the planted-error generator (default 1)")
    ap.add_argument("--samples", type=int, default=5,
                    help="findings (and misses) to print per rule (default 5)")
    ap.add_argument("--rules", help="a subset of rules, e.g. TYP003,DLG (prefixes work)")
    ap.add_argument("--per-rule", type=int, default=200,
                    help="planted cases per rule and quote style (default 200)")
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write the results")
    args = ap.parse_args(argv)

    if not (args.corpus / "fiction").is_dir():
        print(f"no fiction/ folder in {args.corpus}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    measured = [r.code for r in REGISTRY if r.code.startswith(FAMILIES)]
    kinds = {r.code: r.kind for r in REGISTRY}
    codes = sorted(parse_codes(args.rules, measured), key=lambda c: (FAMILIES.index(c[:3]), c))
    engine = Engine(Config(select=["ALL"]))
    default_engine = Engine(Config())
    books = load_books(args.corpus, default_engine)
    print(f"betareader {__version__} ({git_commit() or 'unknown commit'}), Python {platform.python_version()}, "
          f"corpus {args.corpus} ({len(books)} books), seed {args.seed}")

    found_us: dict = {}
    clean = clean_fiction(books, engine, codes, kinds, args.samples, keep=found_us)
    print_clean(clean, codes, kinds, "(a) Clean published fiction (curly quotes, as published): findings per book")
    print_samples(clean["samples"], kinds, f"Findings on clean fiction, up to {args.samples} per rule")
    dialect = dialect_pass(books, codes, kinds, args.samples, found_us)
    t_a = time.perf_counter()

    clean_straight = clean_fiction(books, engine, codes, kinds, args.samples, transform=straighten)
    print_clean(clean_straight, codes, kinds,
                "(a2) The same books with all quotes straightened (“ ” → \", ‘ ’ → ')", per_book=False)
    print_samples(clean_straight["samples"], kinds, f"Findings on straightened fiction, up to {args.samples} per rule")
    t_a2 = time.perf_counter()

    # planted errors include American-convention ones (DLG007), planted into British books too:
    # they are measured with the dialect set, as a writer of American English would set it
    inj = injected(books, Engine(Config(select=["ALL"], dialect="en-US")), codes, args.seed, args.per_rule)
    print_injected(inj, kinds, args.per_rule, args.samples)
    t_b = time.perf_counter()
    print(f"\nTime: clean {t_a - t0:.1f} s, straightened {t_a2 - t_a:.1f} s, planted {t_b - t_a2:.1f} s; "
          f"total {t_b - t0:.1f} s")

    out = {
        "meta": {
            "betareader": __version__, "commit": git_commit(), "python": platform.python_version(),
            "corpus": str(args.corpus), "seed": args.seed, "per_rule": args.per_rule, "rules": codes,
            "window_paragraphs": WINDOW, "planted_paragraph_length": [MIN_LEN, MAX_LEN],
            "targets": {"errors_per_10k": TARGET_PER_10K, "recall": TARGET_RECALL, "precision": TARGET_PRECISION},
            "seconds": round(t_b - t0, 1),
        },
        "clean_fiction": clean,
        "clean_fiction_own_dialect": dialect,
        "clean_fiction_straight_quotes": clean_straight,
        "injected": inj,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"Wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
