#!/usr/bin/env python3
"""Accuracy of the word-level grammar rules (GRM): clean fiction, LanguageTool's examples, planted swaps.

Run by hand (not part of the test suite), from the repository root:

    .venv/bin/python benchmarks/confusables.py --corpus ../shared/corpus
    .venv/bin/python benchmarks/confusables.py --rules GRM006,GRM007 --samples 10

Three parts:

(a) Clean fiction. Every ``fiction/*.txt`` book is checked with the GRM rules. The books are
    professionally edited, so every finding is most likely a false alarm (or an archaism the
    rule is right to flag in a modern story); they are all printed with their context.
    Reported per rule, as a count and per 10,000 words.

(b) LanguageTool's example sentences (``grammar/languagetool-en-examples.jsonl``). Each GRM
    rule is matched with the LanguageTool rules that catch the same confusion (``LT_RULES``).
    Recall: the share of their incorrect examples where the GRM rule reports a span that
    overlaps LanguageTool's marker. False alarms: the GRM rule's findings on their correct
    examples (and on LanguageTool's documented false alarms, ``triggers_error``). Findings on
    the correct examples of every other LanguageTool rule are listed too, for review by hand:
    those sentences were written to be correct for another rule and may still hold a real
    error of this kind (`It was sunday afternoon`).

(c) Planted swaps. In clean fiction paragraphs, one correct word is swapped for its
    confusable (than → then, its → it's, your → you're, lose → loose, a → an, ...), and the
    paragraph is checked on its own. Recall is the share of swaps the rule reports. Swaps the
    rules leave alone on purpose (a swap that leaves a correct sentence, or one the context
    can't settle) count as misses, so this is a lower bound of what a writer gets. A swap
    counts as found only when the rule's first suggestion is the word that was there.
    Precision: found / (found + findings with another suggestion + findings at the same
    sites left unswapped), i.e. over as many correct sites as swapped ones. The confusable
    pairs (GRM006-GRM018) are also totalled per group and overall, against the issue's bar
    of recall >= 0.80 at precision >= 0.95.

The GRM rules ask spaCy for part-of-speech tags where their cheap context patterns leave a
candidate undecided; the tagger's cost (windows tagged, seconds) is printed at the end.

Prints tables and writes everything (with every miss and false alarm) to
``benchmarks/results/confusables.json``. The corpus is read from ``--corpus``; nothing from it
is stored in the repository. Uses only the standard library and betareader.
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
from betareader.config import Config
from betareader.engine import Engine
from betareader.model import build_document
from betareader.rules import REGISTRY

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"
DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "confusables.json"
LT_FILE = Path("grammar") / "languagetool-en-examples.jsonl"
CONTEXT = 40
TARGET_PER_10K = 0.3

#: GRM rule -> LanguageTool rule ids (grammar.xml, 2019) that catch the same confusion.
#: GRM002 (alot), GRM003 (a/an), GRM005 (regularised pasts) and GRM019 (lowercase
#: holidays) have no counterpart among these examples: LanguageTool handles them in Java
#: rules or the spell-checker. They are measured in (a) and (c) only.
LT_RULES: dict[str, tuple[str, ...]] = {
    "GRM001": ("COULD_OF", "MODAL_OF"),
    "GRM004": ("EACH_OTHERS",),
    "GRM006": ("IT_IS", "THATS_ITS"),
    "GRM007": ("YOUR", "YOUR_YOU_RE", "YOUR_NN", "IN_YOU_RE_NN", "VBG_YOURE", "THATS_YOURE", "YOURE_JJS_NN"),
    "GRM008": ("CONFUSION_OF_THEN_THAN", "COMPARISONS_THEN", "COMPARISONS_NNS_THEN", "LESS_MORE_THEN",
               "OTHER_THEN", "RATHER_THEN", "COMP_THAN"),
    "GRM009": ("LOOSE_LOSE", "LOSE_LOOSE", "LOOSING_EFFORTRECORDSEASON"),
    "GRM010": ("WHOS",),
    "GRM011": ("THERE_THEIR", "THEYRE_THEIR", "THEIR_IS", "THERE_OWN", "WRB_THERE_THEY_RE", "THATS_THEYRE",
               "THEYRE_JJS_NN", "DT_VBZ_THEYRE_NN", "IN_VBZ_THEYRE_NN", "VBZ_IN_THEYRE_NN"),
    "GRM012": ("AFFECT_EFFECT",),
    "GRM013": ("LAY_AROUND", "LAYING_AROUND", "LAYS_ATOP", "LAID_AHEAD", "WAS_LAIN"),
    "GRM014": ("BREATHE_BREATH",),
    "GRM015": ("PASSED_PAST", "IN_THE_PASSED"),
    "GRM016": ("SNEAK_PEAK", "PEAK_PIQUE", "PEAK_HIS_INTEREST"),
    "GRM017": ("FREE_REIGN", "TAKE_THE_REIGNS", "AT_THE_REIGNS", "REIGNS_OF_POWER", "MANAGERIAL_REIGNS"),
    "GRM018": ("AM_LOATHE_TO",),
}

#: Some LanguageTool examples are outside what the matching GRM rule is about; they are
#: counted, but flagged in the miss list so a reader can tell (e.g. "different than" → "from").
LT_OUT_OF_SCOPE = {
    ("RATHER_THEN", "different"), ("COMP_THAN", " as "), ("IT_IS", "doe snot"), ("YOUR_YOU_RE", "sincerely"),
    ("AFFECT_EFFECT", "side-effects"),
}


# --------------------------------------------------------------------------- planted swaps

def _swap_case(src: str, repl: str) -> str:
    if len(src) > 1 and src.isupper():
        return repl.upper()
    if src[:1].isupper():
        return repl[:1].upper() + repl[1:]
    return repl


def _irregular_pasts() -> list[tuple[str, str]]:
    """(standard past, wrong form) pairs from the GRM005 data file, simple pasts only."""
    from betareader.rules.grammar._data import _irregular

    seen = {}
    for wrong, (past, _part) in _irregular().items():
        seen.setdefault(past, wrong)
    return sorted(seen.items())


#: code -> list of (label, regex of the correct form, replacement for group 1, narration only)
def plant_specs() -> dict[str, list[tuple[str, re.Pattern, object, bool]]]:
    w = r"(?<![\w'’-])"
    e = r"(?![\w'’-])"
    sp = {
        "GRM001": [("have→of", re.compile(w + r"(?:could|would|should|must|might)\s+(have)\s+(?:been|known|done|seen|"
                                                r"gone|had|thought|said|told|taken|given|made)" + e, re.I), "of", False)],
        "GRM002": [("a lot→alot", re.compile(w + r"(a lot)" + e, re.I), "alot", False)],
        "GRM003": [("a→an", re.compile(w + r"(a)\s+(?=[a-z])"), "an", False),
                   ("an→a", re.compile(w + r"(an)\s+(?=[a-z])"), "a", False)],
        "GRM004": [("each other's→each others", re.compile(w + r"(each other['’]s)" + e, re.I), "each others", False)],
        "GRM005": [("past→regularised", re.compile(w + r"(" + "|".join(p for p, _ in _irregular_pasts()) + r")" + e),
                    dict(_irregular_pasts()), True)],
        "GRM006": [("its→it's", re.compile(w + r"(its)" + e, re.I), "it’s", False),
                   ("it's→its", re.compile(w + r"(it['’]s)" + e, re.I), "its", False)],
        "GRM007": [("your→you're", re.compile(w + r"(your)" + e, re.I), "you’re", False),
                   ("you're→your", re.compile(w + r"(you['’]re)" + e, re.I), "your", False)],
        "GRM008": [("than→then", re.compile(w + r"(than)" + e, re.I), "then", False)],
        "GRM009": [("lose→loose", re.compile(w + r"(lose)" + e, re.I), "loose", False),
                   ("loose→lose", re.compile(w + r"(loose)" + e, re.I), "lose", False)],
        "GRM010": [("whose→who's", re.compile(w + r"(whose)" + e, re.I), "who’s", False),
                   ("who's→whose", re.compile(w + r"(who['’]s)" + e, re.I), "whose", False)],
        "GRM011": [("their→there", re.compile(w + r"(their)" + e, re.I), "there", False),
                   ("there→their", re.compile(w + r"(there)" + e, re.I), "their", False),
                   ("they're→their", re.compile(w + r"(they['’]re)" + e, re.I), "their", False)],
        "GRM012": [("effect→affect", re.compile(w + r"(effects?)" + e, re.I), lambda s: "a" + s[1:], False),
                   ("affect→effect", re.compile(w + r"(affect(?:s|ed|ing)?)" + e, re.I), lambda s: "e" + s[1:], False)],
        "GRM014": [("breath→breathe", re.compile(w + r"(breath)" + e, re.I), "breathe", False),
                   ("breathe→breath", re.compile(w + r"(breathe)" + e, re.I), "breath", False)],
        "GRM015": [("past→passed", re.compile(w + r"(past)" + e, re.I), "passed", False)],
        "GRM017": [("rein→reign", re.compile(w + r"(reins?)" + e, re.I), lambda s: "reign" + s[4:], False)],
        "GRM019": [("capital→lowercase", re.compile(w + r"((?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
                                                     r"Sunday|January|February|April|June|July|September|October|"
                                                     r"November|December|Christmas|Easter|English|French|"
                                                     r"American|German|Italian|Spanish))" + e), str.lower, False)],
    }
    return sp


def _same(suggestion: str, word: str) -> bool:
    return suggestion.lower().replace("’", "'") == word.lower().replace("’", "'")


def planted(paragraphs: list[tuple[str, str]], engine: Engine, codes: list[str], seed: int, per_rule: int,
            samples: int) -> dict:
    """Swap one correct word per case and check the paragraph on its own."""
    rng = random.Random(seed)
    specs = plant_specs()
    out = {}
    originals: dict[int, list] = {}
    for code in codes:
        if code not in specs:
            continue
        per_label = {}
        for label, rx, repl, narration_only in specs[code]:
            sites = []
            for pi, (text, _kind) in enumerate(paragraphs):
                for m in rx.finditer(text):
                    sites.append((pi, m.start(1), m.end(1)))
            rng.shuffle(sites)
            found = tried = wrong = alarms = 0
            misses = []
            false_alarms = []
            for pi, s, e in sites:
                if tried >= per_rule:
                    break
                text = paragraphs[pi][0]
                old = text[s:e]
                if callable(repl):
                    new = repl(old)
                elif isinstance(repl, dict):
                    new = _swap_case(old, repl[old.lower()])
                else:
                    new = _swap_case(old, repl)
                planted_text = text[:s] + new + text[e:]
                doc = build_document(planted_text)
                if narration_only and doc.paragraphs and any(
                    p.analysis.in_dialogue(s - p.start) for p in doc.paragraphs if p.start <= s < p.end
                ):
                    continue
                tried += 1
                res = engine.check(doc)
                hits = [f for f in res.findings if f.code == code and f.start < s + len(new) and s < f.end]
                if hits and any(_same(sg, old) for f in hits for sg in f.suggestions[:1]):
                    found += 1
                elif hits:
                    wrong += 1  # flagged, but the suggestion is not the word that was there
                    misses.append(context(planted_text, s, s + len(new)) + f" → {hits[0].suggestions[:1]}")
                else:
                    misses.append(context(planted_text, s, s + len(new)))
                # the same site unswapped: a finding there is a false alarm
                if pi not in originals:
                    originals[pi] = engine.check(build_document(text)).findings
                if any(f.code == code and f.start < e and s < f.end for f in originals[pi]):
                    alarms += 1
                    false_alarms.append(context(text, s, e))
            flagged = found + wrong + alarms
            per_label[label] = {
                "sites": len(sites), "planted": tried, "found": found, "wrong_suggestion": wrong,
                "false_alarms_unswapped": alarms,
                "recall": round(found / tried, 3) if tried else None,
                "precision": round(found / flagged, 3) if flagged else None,
                "misses": misses[:max(samples, 20)],
                "false_alarms": false_alarms[:50],
            }
        out[code] = per_label
    return out


# --------------------------------------------------------------------------- helpers


def table(headers: list[str], rows: list[list], right: set[int] | None = None) -> str:
    right = set(range(1, len(headers))) if right is None else right
    cells = [[str(c) for c in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(r):
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))).rstrip()

    return "\n".join([line(cells[0]), "  ".join("-" * w for w in widths)] + [line(r) for r in cells[1:]])


def context(text: str, start: int, end: int, width: int = CONTEXT) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    s = f"{'…' if a > 0 else ''}{text[a:start]}⟦{text[start:end]}⟧{text[end:b]}{'…' if b < len(text) else ''}"
    return s.replace("\r", "").replace("\n", "⏎")


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:.0f}%" if d else "n/a"


def parse_codes(value: str | None, all_codes: list[str]) -> list[str]:
    if not value:
        return all_codes
    out = []
    for part in re.split(r"[,\s]+", value.strip()):
        if part:
            out += [c for c in all_codes if c.startswith(part.upper()) and c not in out]
    if not out:
        raise SystemExit(f"--rules: no rule matches {value!r} (have {', '.join(all_codes)})")
    return out


# --------------------------------------------------------------------------- (a) clean fiction


def clean_fiction(corpus: Path, engine: Engine, codes: list[str]) -> tuple[dict, list[tuple[str, str]]]:
    folder = corpus / "fiction"
    files = sorted(folder.glob("*.txt"))
    by_code = Counter()
    per_book = {}
    words = 0
    findings = []
    paragraphs: list[tuple[str, str]] = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        res = engine.check_text(text)
        words += res.doc.words
        mine = [f for f in res.findings if f.code in codes]
        per_book[path.name] = {"words": res.doc.words, "findings": len(mine)}
        for f in mine:
            by_code[f.code] += 1
            findings.append({"code": f.code, "book": path.name, "excerpt": text[f.start:f.end],
                             "suggestions": list(f.suggestions), "context": context(text, f.start, f.end),
                             "fix": f.fix.applicability if f.fix else None})
        paragraphs += [(p.text, p.kind) for p in res.doc.paragraphs if p.kind == "text"]
    total = sum(by_code.values())
    return {
        "books": len(files), "words": words, "per_book": per_book,
        "by_code": {c: by_code.get(c, 0) for c in codes},
        "per_10k": {c: round(1e4 * by_code.get(c, 0) / words, 3) if words else 0.0 for c in codes},
        "total": total, "total_per_10k": round(1e4 * total / words, 3) if words else 0.0,
        "findings": findings,
    }, paragraphs


# --------------------------------------------------------------------------- (b) LanguageTool


def languagetool(corpus: Path, engine: Engine, codes: list[str]) -> dict:
    rows = [json.loads(line) for line in (corpus / LT_FILE).read_text(encoding="utf-8").splitlines() if line.strip()]
    owner = {lt: code for code, lts in LT_RULES.items() for lt in lts}
    per_rule: dict = {}
    others = defaultdict(list)
    cache: dict[str, list] = {}

    def findings(text: str):
        if text not in cache:
            cache[text] = engine.check_text(text).findings
        return cache[text]

    for code in codes:
        per_rule[code] = {lt: {"incorrect": 0, "found": 0, "correct": 0, "false_alarms": 0, "triggers_error": 0,
                               "triggers_error_flagged": 0, "misses": [], "alarms": []}
                          for lt in LT_RULES.get(code, ())}
    for d in rows:
        text = d["text"]
        code = owner.get(d["rule_id"])
        fs = findings(text)
        if code in per_rule:
            st = per_rule[code][d["rule_id"]]
            mine = [f for f in fs if f.code == code]
            s, e = d["marker_start"], d["marker_end"]
            if d["is_error"]:
                st["incorrect"] += 1
                hit = any(f.start < e and s < f.end for f in mine) if s is not None else bool(mine)
                if hit:
                    st["found"] += 1
                else:
                    marked = text if s is None else f"{text[:s]}⟦{text[s:e]}⟧{text[e:]}"
                    scope = "" if not any(r == d["rule_id"] and k in text for r, k in LT_OUT_OF_SCOPE) else \
                        " (outside the rule's scope)"
                    st["misses"].append(marked + scope)
            elif d["example_type"] == "triggers_error":
                st["triggers_error"] += 1
                if mine:
                    st["triggers_error_flagged"] += 1
                    st["alarms"].append(text + " | " + ", ".join(text[f.start:f.end] for f in mine))
            else:
                st["correct"] += 1
                if mine:
                    st["false_alarms"] += 1
                    st["alarms"].append(text + " | " + ", ".join(text[f.start:f.end] for f in mine))
        if not d["is_error"]:
            for f in fs:
                if f.code in codes and owner.get(d["rule_id"]) != f.code:
                    others[f.code].append({"lt_rule": d["rule_id"], "text": text, "excerpt": text[f.start:f.end],
                                           "suggestions": list(f.suggestions)})
    correct_sentences = sum(1 for d in rows if not d["is_error"])
    return {"examples": len(rows), "correct_sentences": correct_sentences, "per_rule": per_rule,
            "other_correct_examples": {c: others.get(c, []) for c in codes}}


# --------------------------------------------------------------------------- printing


def print_clean(clean: dict, codes: list[str], names: dict, samples: int) -> None:
    print(f"\n(a) Clean fiction: {clean['books']} books, {clean['words']:,} words of story text")
    rows = [[c, names[c], clean["by_code"][c], f"{clean['per_10k'][c]:.3f}"] for c in codes]
    rows.append(["all", "", clean["total"], f"{clean['total_per_10k']:.3f}"])
    print(table(["rule", "name", "findings", "per 10k words"], rows, right={2, 3}))
    verdict = "within" if clean["total_per_10k"] <= TARGET_PER_10K else "ABOVE"
    print(f"All GRM findings: {clean['total_per_10k']:.3f} per 10,000 words ({verdict} the target of ≤ {TARGET_PER_10K}).")
    if clean["findings"]:
        print("Every finding:")
        for f in clean["findings"]:
            print(f"  {f['code']} {f['book'][:28]:28} {f['context']} → {f['suggestions'][:1]} ({f['fix']})")


def print_lt(lt: dict, codes: list[str], names: dict, samples: int) -> None:
    print(f"\n(b) LanguageTool's example sentences ({lt['examples']} examples, {lt['correct_sentences']} correct or "
          f"documented false alarms)")
    for code in codes:
        per = lt["per_rule"].get(code, {})
        if not per:
            continue
        print(f"\n{code} {names[code]}")
        rows = []
        tot = Counter()
        for lt_id, st in per.items():
            rows.append([lt_id, st["incorrect"], st["found"], pct(st["found"], st["incorrect"]),
                         st["correct"], st["false_alarms"], f"{st['triggers_error_flagged']}/{st['triggers_error']}"])
            for k in ("incorrect", "found", "correct", "false_alarms", "triggers_error", "triggers_error_flagged"):
                tot[k] += st[k]
        if len(rows) > 1:
            rows.append(["all", tot["incorrect"], tot["found"], pct(tot["found"], tot["incorrect"]), tot["correct"],
                         tot["false_alarms"], f"{tot['triggers_error_flagged']}/{tot['triggers_error']}"])
        print(table(["LanguageTool rule", "incorrect", "found", "recall", "correct", "false alarms",
                     "LT's own false alarms flagged"], rows))
        misses = [m for st in per.values() for m in st["misses"]]
        alarms = [a for st in per.values() for a in st["alarms"]]
        for a in alarms:
            print(f"  false alarm: {a}")
        for m in misses[:samples]:
            print(f"  missed: {m}")
        if len(misses) > samples:
            print(f"  … {len(misses) - samples} more misses in the JSON file")
    print("\nFindings on the correct examples of other LanguageTool rules (review by hand):")
    any_other = False
    for code in codes:
        for o in lt["other_correct_examples"].get(code, []):
            any_other = True
            print(f"  {code} [{o['lt_rule']}] {o['text']} | {o['excerpt']} → {o['suggestions'][:1]}")
    if not any_other:
        print("  none")


def print_planted(pl: dict, names: dict, samples: int) -> None:
    print("\n(c) Planted swaps in clean fiction paragraphs (one swap per case, the paragraph checked alone)")
    rows = []
    for code, per in pl.items():
        for label, st in per.items():
            flagged = st["found"] + st["wrong_suggestion"] + st["false_alarms_unswapped"]
            rows.append([code, names[code], label, st["sites"], st["planted"], st["found"],
                         pct(st["found"], st["planted"]), st["wrong_suggestion"], st["false_alarms_unswapped"],
                         pct(st["found"], flagged)])
    print(table(["rule", "name", "swap", "sites", "planted", "found", "recall", "wrong sugg.", "unswapped flagged",
                 "precision"], rows, right={3, 4, 5, 6, 7, 8, 9}))
    groups = [c for c in pl if c in CONFUSABLE_GROUPS]
    if groups:
        print("\nConfusable pairs (bar: recall >= 80% at precision >= 95%)")
        rows = []
        tot = Counter()
        for code in groups:
            g = Counter()
            for st in pl[code].values():
                for k in ("planted", "found", "wrong_suggestion", "false_alarms_unswapped"):
                    g[k] += st[k]
            tot.update(g)
            rows.append(_group_row(code, CONFUSABLE_GROUPS[code], g))
        rows.append(_group_row("all", "", tot))
        print(table(["rule", "group", "planted", "found", "recall", "precision", "bar"], rows, right={2, 3, 4, 5}))
    for code, per in pl.items():
        for label, st in per.items():
            for m in st["misses"][:samples]:
                print(f"  {code} {label} missed: {m}")
            for m in st["false_alarms"][:samples]:
                print(f"  {code} {label} false alarm (unswapped): {m}")


#: The confusable groups of the issue that planted swaps measure (GRM013, GRM016, GRM018 have
#: too few sites in the clean books to plant).
CONFUSABLE_GROUPS = {
    "GRM006": "its/it's", "GRM007": "your/you're", "GRM008": "then/than", "GRM009": "lose/loose",
    "GRM010": "who's/whose", "GRM011": "their/there/they're", "GRM012": "affect/effect",
    "GRM014": "breath/breathe", "GRM015": "passed/past", "GRM017": "rein/reign",
}


def _group_row(code: str, group: str, g: Counter) -> list:
    flagged = g["found"] + g["wrong_suggestion"] + g["false_alarms_unswapped"]
    rec = g["found"] / g["planted"] if g["planted"] else 0.0
    prec = g["found"] / flagged if flagged else 1.0
    return [code, group, g["planted"], g["found"], pct(g["found"], g["planted"]), pct(g["found"], flagged),
            "met" if rec >= 0.8 and prec >= 0.95 else "not met"]


def print_summary(clean: dict, lt: dict, pl: dict, codes: list[str], names: dict) -> None:
    print("\nSummary")
    rows = []
    for code in codes:
        per = lt["per_rule"].get(code, {})
        inc = sum(st["incorrect"] for st in per.values())
        fnd = sum(st["found"] for st in per.values())
        cor = sum(st["correct"] for st in per.values())
        fa = sum(st["false_alarms"] for st in per.values())
        p = pl.get(code, {})
        pn = sum(st["planted"] for st in p.values())
        pf = sum(st["found"] for st in p.values())
        rows.append([code, names[code], clean["by_code"][code],
                     f"{fnd}/{inc} ({pct(fnd, inc)})" if inc else "no examples",
                     f"{fa}/{cor}" if per else "-",
                     len(lt["other_correct_examples"].get(code, [])),
                     f"{pf}/{pn} ({pct(pf, pn)})" if pn else "-"])
    print(table(["rule", "name", "clean fiction", "LT recall", "LT false alarms", "on other LT correct",
                 "planted recall"], rows, right={2}))


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                    help="corpus folder with fiction/*.txt and grammar/ (default: ../shared/corpus from the repo root)")
    ap.add_argument("--rules", help="a subset of the GRM rules, e.g. GRM006,GRM007 (prefixes work)")
    ap.add_argument("--samples", type=int, default=5, help="misses to print per rule (default 5)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the planted swaps (default 1)")
    ap.add_argument("--per-rule", type=int, default=300, help="planted swaps per swap kind (default 300)")
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write the results")
    args = ap.parse_args(argv)

    if not (args.corpus / "fiction").is_dir() or not (args.corpus / LT_FILE).is_file():
        print(f"need fiction/ and {LT_FILE} in {args.corpus}", file=sys.stderr)
        return 2
    all_codes = [r.code for r in REGISTRY if r.code.startswith("GRM")]
    codes = parse_codes(args.rules, all_codes)
    names = {r.code: r.name for r in REGISTRY}
    engine = Engine(Config(select=codes))
    t0 = time.perf_counter()
    print(f"betareader {__version__}, Python {platform.python_version()}, corpus {args.corpus}, rules "
          f"{codes[0]}…{codes[-1]} ({len(codes)})")

    clean, paragraphs = clean_fiction(args.corpus, engine, codes)
    print_clean(clean, codes, names, args.samples)
    t_a = time.perf_counter()
    lt = languagetool(args.corpus, engine, codes)
    print_lt(lt, codes, names, args.samples)
    t_b = time.perf_counter()
    pl = planted(paragraphs, engine, codes, args.seed, args.per_rule, args.samples)
    print_planted(pl, names, args.samples)
    t_c = time.perf_counter()
    print_summary(clean, lt, pl, codes, names)
    print(f"\nTime: clean fiction {t_a - t0:.1f} s, LanguageTool {t_b - t_a:.1f} s, planted {t_c - t_b:.1f} s")
    from betareader.analysis import tagger

    ts = tagger.stats()
    print(f"Tagger: {'loaded' if ts['loaded'] else 'not loaded'}{' (' + ts['failed'] + ')' if ts['failed'] else ''}; "
          f"import {ts['import_seconds']:.2f} s, load {ts['load_seconds']:.2f} s, {ts['windows_tagged']} windows "
          f"({ts['tokens_tagged']} tokens) tagged in {ts['tag_seconds']:.2f} s")

    out = {
        "meta": {"betareader": __version__, "python": platform.python_version(), "corpus": str(args.corpus),
                 "rules": codes, "seed": args.seed, "per_rule": args.per_rule, "lt_rules": LT_RULES,
                 "target_per_10k": TARGET_PER_10K, "seconds": round(t_c - t0, 1),
                 "tagger": ts},
        "clean_fiction": clean,
        "languagetool": lt,
        "planted": pl,
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"Wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
