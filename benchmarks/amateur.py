#!/usr/bin/env python3
"""Recall and precision on real amateur fiction: betareader and Harper, side by side in one run.

Run by hand (not part of the test suite), from the repository root:

    .venv/bin/pip install -e '.[bench]'         # harper-py, for the peer column
    .venv/bin/python benchmarks/amateur.py --corpus ../shared/corpus
    .venv/bin/python benchmarks/amateur.py --review          # list the unmatched findings to judge
    .venv/bin/python benchmarks/amateur.py --judge 3fa9c1e2d4b5a6f7=correct   # record a verdict

The texts are ``amateur/NN-*.txt`` (real fan fiction and drafts; other people's copyrighted work,
read at run time and never copied into the repository) with their blind annotations
``NN-*.gold.json``: items of kind ``error`` (with a ``category`` and ``sure``), ``trap`` (correct text a
naive checker would flag) and ``artifact`` (formatting damage).  Each item is located by its
``context`` (the ``occurrence``-th match) and its ``target`` inside it.

A gold error counts as **found** when an error-kind finding overlaps its target, with one character
of slack on each side (a missing mark sits beside the word the annotation targets).  Every
error-kind finding that overlaps no gold error is **unmatched**: on a trap it is a trap alarm (a
false alarm); elsewhere it waits for a verdict.  Verdicts live in ``benchmarks/amateur_verdicts.json``,
keyed by a hash of the file, the rule and the finding's words with their neighbours (never the text
itself): ``correct`` (a real error the annotator did not mark), ``false`` (a false alarm) or
``unsure`` (left out of precision).  Precision is over judged findings: (found gold errors' findings
+ correct) / (those + false + trap alarms).

Harper (harper-py, the default rule set, one ``lint`` per text) is scored the same way in the same
run: every lint is an error-kind finding for it, and its unmatched lints are not judged (they are
counted, with the trap alarms).

Prints recall on sure errors and on all errors per file, per category and pooled, the macro average
over files, the trap alarms per 5,000 words and precision; writes the aggregate figures (no text) to
``benchmarks/results/amateur.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"
VERDICTS = HERE / "amateur_verdicts.json"
DEFAULT_JSON = HERE / "results" / "amateur.json"
CATEGORIES = ("spelling", "wrong-word", "verb-form", "agreement", "tense-shift", "missing-word", "extra-word",
              "dialogue-punct", "punctuation", "capitalisation", "spacing", "other")
SLACK = 1


@dataclass
class Gold:
    id: str
    kind: str
    category: str
    sure: bool
    start: int
    end: int


@dataclass
class Text:
    name: str
    text: str
    words: int
    gold: list[Gold]
    missing: list[str] = field(default_factory=list)  # items whose context was not found


def load(corpus: Path) -> list[Text]:
    out = []
    folder = corpus / "amateur"
    for path in sorted(folder.glob("[0-9][0-9]-*.txt")):
        text = path.read_text(encoding="utf-8")
        items = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
        gold, missing = [], []
        for it in items:
            span = _locate(text, it["context"], it.get("occurrence", 1), it.get("target") or it["context"])
            if span is None:
                missing.append(it["id"])
                continue
            gold.append(Gold(it["id"], it["kind"], it.get("category", it["kind"]), bool(it.get("sure", True)), *span))
        out.append(Text(path.stem, text, len(text.split()), gold, missing))
    return out


def _locate(text: str, context: str, occurrence: int, target: str) -> tuple[int, int] | None:
    i = -1
    for _ in range(max(1, occurrence)):
        i = text.find(context, i + 1)
        if i < 0:
            return None
    j = _find_word(context, target)
    if j < 0:
        return None
    return i + j, i + j + len(target)


def _find_word(context: str, target: str) -> int:
    """Where ``target`` stands in ``context``: as a whole word when it can be (the ``i`` of "but i
    was", not the one in "list"), else anywhere."""
    import re

    lead = r"(?<!\w)" if target[:1].isalnum() else ""
    tail = r"(?!\w)" if target[-1:].isalnum() else ""
    m = re.search(lead + re.escape(target) + tail, context)
    return m.start() if m else context.find(target)


def _overlaps(fs: int, fe: int, g: Gold) -> bool:
    fe = max(fe, fs + 1)  # an insertion point covers the character it stands before
    return fs < g.end + SLACK and g.start - SLACK < fe


# --------------------------------------------------------------------------- the tools
def betareader_findings(texts: list[Text]) -> dict[str, list[tuple[int, int, str]]]:
    sys.path.insert(0, str(REPO_ROOT / "src"))
    from betareader.config import Config
    from betareader.engine import Engine

    engine = Engine(Config())
    out = {}
    for t in texts:
        res = engine.check_text(t.text, format="md", path=t.name)
        kinds = {r.code: r.kind for r in engine.rules}
        out[t.name] = [(f.start, f.end, f.code) for f in res.findings if kinds.get(f.code) == "error"]
    return out


def harper_findings(texts: list[Text]) -> dict[str, list[tuple[int, int, str]]] | None:
    try:
        from harper import Dialect, Language, Linter
    except ImportError:
        return None
    out = {}
    for t in texts:
        dialect = Dialect.BRITISH if t.name[:2] in ("01", "04", "09", "10") else Dialect.AMERICAN
        lints = Linter(dialect).lint(t.text, language=Language.MARKDOWN)
        out[t.name] = [(x.span.start, x.span.end, x.lint_kind_pretty) for x in lints]
    return out


# --------------------------------------------------------------------------- scoring
def fingerprint(t: Text, s: int, e: int, code: str) -> str:
    """The finding's identity for a verdict: a hash of the file, the rule and its words with up to
    20 characters either side (the text itself is never stored)."""
    ctx = t.text[max(0, s - 20) : e + 20]
    key = "\x1f".join((t.name, code, unicodedata.normalize("NFC", ctx), str(s - max(0, s - 20))))
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass
class Score:
    found: dict = field(default_factory=dict)  # gold id -> found
    matched_findings: int = 0
    trap_alarms: int = 0
    traps: list = field(default_factory=list)  # (start, end, code) of each trap alarm
    unmatched: list = field(default_factory=list)  # (fingerprint, start, end, code)


def score(t: Text, findings: list[tuple[int, int, str]]) -> Score:
    sc = Score()
    errors = [g for g in t.gold if g.kind == "error"]
    traps = [g for g in t.gold if g.kind == "trap"]
    artifacts = [g for g in t.gold if g.kind == "artifact"]
    for g in errors:
        sc.found[g.id] = False
    for s, e, code in findings:
        hit = [g for g in errors if _overlaps(s, e, g)]
        if hit:
            sc.matched_findings += 1
            for g in hit:
                sc.found[g.id] = True
            continue
        if any(_overlaps(s, e, g) for g in artifacts):
            continue
        if any(_overlaps(s, e, g) for g in traps):
            sc.trap_alarms += 1
            sc.traps.append((s, e, code))
            continue
        sc.unmatched.append((fingerprint(t, s, e, code), s, e, code))
    return sc


def recall(texts, scores, pick) -> tuple[int, int]:
    n = k = 0
    for t in texts:
        sc = scores[t.name]
        for g in t.gold:
            if g.kind == "error" and pick(t, g):
                n += 1
                k += sc.found.get(g.id, False)
    return k, n


def _r(k: int, n: int) -> str:
    return f"{k / n:.2f} ({k}/{n})" if n else "-"


def report(texts: list[Text], tools: dict[str, dict], verdicts: dict, out_json: Path) -> None:
    words = sum(t.words for t in texts)
    scores = {tool: {t.name: score(t, found[t.name]) for t in texts} for tool, found in tools.items()}
    names = list(tools)
    print(f"{len(texts)} texts, {words:,} words; a gold error is found when an error-kind finding overlaps it "
          f"(±{SLACK} character)\n")
    head = "".join(f"  {n + ' sure':>18}  {n + ' all':>18}" for n in names)
    print(f"{'file':48}{head}")
    results: dict = {"when": time.strftime("%Y-%m-%d %H:%M"), "words": words, "tools": {}}
    macro: dict[str, list[float]] = defaultdict(list)
    for t in texts:
        cells = ""
        for n in names:
            ks, ns = recall([t], scores[n], lambda t_, g: g.sure)
            ka, na = recall([t], scores[n], lambda t_, g: True)
            if ns:
                macro[n].append(ks / ns)
            cells += f"  {_r(ks, ns):>18}  {_r(ka, na):>18}"
        print(f"{t.name[:48]:48}{cells}")
    print()
    print(f"{'category (sure errors)':48}" + "".join(f"  {n:>18}" for n in names))
    for cat in CATEGORIES:
        row = [recall(texts, scores[n], lambda t_, g, c=cat: g.sure and g.category == c) for n in names]
        if row[0][1]:
            print(f"{cat:48}" + "".join(f"  {_r(k, m):>18}" for k, m in row))
    print()
    for n in names:
        ks, ns = recall(texts, scores[n], lambda t_, g: g.sure)
        ka, na = recall(texts, scores[n], lambda t_, g: True)
        traps = sum(s.trap_alarms for s in scores[n].values())
        matched = sum(s.matched_findings for s in scores[n].values())
        unmatched = [u for s in scores[n].values() for u in s.unmatched]
        if n == "betareader":
            judged = [verdicts.get(u[0]) for u in unmatched]
            correct = judged.count("correct")
            false = judged.count("false")
            unjudged = sum(1 for v in judged if v is None)
            precision = (matched + correct) / (matched + correct + false + traps) if (matched + correct + false + traps) else 1.0
            prec_s = f"{precision:.3f} ({matched + correct} right of {matched + correct + false + traps} judged; {unjudged} unjudged)"
        else:
            correct = false = unjudged = 0
            precision = None
            prec_s = f"not judged: {matched} findings on gold errors, {len(unmatched)} elsewhere"
        macro_v = sum(macro[n]) / len(macro[n]) if macro[n] else 0.0
        print(f"{n}: sure-error recall {_r(ks, ns)} pooled, {macro_v:.2f} macro over {len(macro[n])} files; "
              f"all errors {_r(ka, na)}; trap alarms {traps} ({traps * 5000 / words:.2f} per 5,000 words); "
              f"precision {prec_s}")
        by_cat = {}
        for cat in CATEGORIES:
            k, m = recall(texts, scores[n], lambda t_, g, c=cat: g.sure and g.category == c)
            if m:
                by_cat[cat] = {"found": k, "sure": m, "recall": round(k / m, 3)}
        results["tools"][n] = {
            "sure_recall_pooled": round(ks / ns, 3) if ns else None, "sure_found": ks, "sure": ns,
            "sure_recall_macro": round(macro_v, 3), "all_recall": round(ka / na, 3) if na else None,
            "trap_alarms": traps, "trap_alarms_per_5000_words": round(traps * 5000 / words, 2),
            "matched_findings": matched, "unmatched_findings": len(unmatched),
            "judged_correct": correct, "judged_false": false, "unjudged": unjudged,
            "precision": round(precision, 3) if precision is not None else None, "by_category": by_cat,
            "by_file": {t.name: {"sure_recall": round(v, 3)} for t, v in zip(
                [t for t in texts if any(g.sure and g.kind == "error" for g in t.gold)], macro[n])},
        }
    out_json.parent.mkdir(parents=True, exist_ok=True)
    out_json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"\nresults: {out_json}")
    return scores


def review(texts: list[Text], scores: dict, verdicts: dict, show_all: bool) -> None:
    """The unmatched betareader findings, with their context (printed here only, never stored)."""
    by_name = {t.name: t for t in texts}
    for name, sc in scores["betareader"].items():
        t = by_name[name]
        for s, e, code in sc.traps:
            ctx = t.text[max(0, s - 40) : s] + "⟦" + t.text[s:e] + "⟧" + t.text[e : e + 40]
            print(f"{'trap alarm':16}  {name[:2]}  {code}  {' '.join(ctx.split())}")
        for fp, s, e, code in sc.unmatched:
            v = verdicts.get(fp)
            if v is not None and not show_all:
                continue
            ctx = t.text[max(0, s - 40) : s] + "⟦" + t.text[s:e] + "⟧" + t.text[e : e + 40]
            print(f"{fp}  {name[:2]}  {code}  [{v or 'unjudged'}]  {' '.join(ctx.split())}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--no-harper", action="store_true", help="leave the peer out")
    ap.add_argument("--review", action="store_true", help="list the unjudged findings with their context")
    ap.add_argument("--review-all", action="store_true", help="list every unmatched finding, judged or not")
    ap.add_argument("--judge", nargs="+", metavar="FP=VERDICT", help="record verdicts (correct, false, unsure)")
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON)
    args = ap.parse_args(argv)
    verdicts = json.loads(VERDICTS.read_text(encoding="utf-8")) if VERDICTS.exists() else {}
    if args.judge:
        for item in args.judge:
            fp, _, v = item.partition("=")
            if v not in ("correct", "false", "unsure") or len(fp) != 16:
                raise SystemExit(f"not a verdict: {item!r} (FINGERPRINT=correct|false|unsure)")
            verdicts[fp] = v
        VERDICTS.write_text(json.dumps(dict(sorted(verdicts.items())), indent=1) + "\n", encoding="utf-8")
        print(f"{len(args.judge)} verdict(s) recorded in {VERDICTS}")
        return 0
    texts = load(args.corpus)
    if not texts:
        raise SystemExit(f"no amateur texts under {args.corpus / 'amateur'}")
    for t in texts:
        if t.missing:
            print(f"warning: {t.name}: {len(t.missing)} gold item(s) not found in the text", file=sys.stderr)
    tools = {"betareader": betareader_findings(texts)}
    if not args.no_harper:
        h = harper_findings(texts)
        if h is None:
            print("Harper: not installed (pip install -e .[bench])", file=sys.stderr)
        else:
            tools["harper"] = h
    scores = report(texts, tools, verdicts, args.json)
    if args.review or args.review_all:
        print()
        review(texts, scores, verdicts, args.review_all)
    return 0


if __name__ == "__main__":
    sys.exit(main())
