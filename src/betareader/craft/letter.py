"""The beta letter: 2–4 strengths, the top 3 priorities and the stats, from measurements only.

Every line is a template filled from counts; nothing is generated.  The stats providers
(``craft/providers.py``) offer candidate notes; this module adds the error counts and a generic
priority per craft rule that has notes but no provider line of its own, then ranks them.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..families import ERROR_NAMES
from . import PRIORITY, STRENGTH, Note, Provided
from .providers import PROVIDERS
from .wording import at, per_10k, quote

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ..model import Document
    from ..rules.base import Finding, Rule

    Rules = Mapping[str, type[Rule]]


def _kind_of(rules: "Rules", code: str) -> str:
    rule = rules.get(code)
    return rule.kind if rule else "error"


def _words_of(rules: "Rules", code: str) -> str:
    """A rule's name as words (``doubled word``, ``its/it's``)."""
    rule = rules.get(code)
    return rule.words() if rule else code

MAX_STRENGTHS = 4
MIN_STRENGTHS = 2
MAX_PRIORITIES = 3
#: errors per 10,000 words from which the errors line comes first (one in 200 words: fifty times
#: the rate of the published books); below it the craft priorities come first
MANY_ERRORS_PER_10K = 50.0

#: what each family's errors are about ("no spelling errors found"), in the families table's order
FAMILY_NAMES = ERROR_NAMES


def _story_words(doc: "Document") -> int:
    return sum(p.analysis.words for p in doc.story_paragraphs if p.analysis is not None)


def _base(doc: "Document", findings: "list[Finding]", words: int, rules: "Rules") -> Provided:
    """Error counts and the generic candidates every text gets."""
    errors = [f for f in findings if _kind_of(rules, f.code) == "error"]
    by_family = Counter(f.code[:3] for f in errors)
    stats = {
        "words": words,
        "errors": len(errors),
        "errors_per_10k": round(per_10k(len(errors), words), 2),
        "errors_by_family": dict(sorted(by_family.items())),
    }
    notes: list[Note] = []
    # the letter speaks only of what was checked: a family none of whose rules ran is not "clean"
    checked = {code[:3] for code, rule in rules.items() if rule.kind == "error"}
    if words >= 200:
        rate = per_10k(len(errors), words)
        if rate <= 5 and all(fam in checked for fam in FAMILY_NAMES):
            notes.append(Note(
                STRENGTH,
                f"Your text is clean: {len(errors)} error{'s' if len(errors) != 1 else ''} in {words:,} words "
                f"({rate:.1f} per 10,000 words).",
                score=1.0 + (5 - rate) / 5, claim={"errors": len(errors), "words": words},
            ))
        for fam, name in FAMILY_NAMES.items():
            if by_family.get(fam, 0) == 0 and fam != "DLG" and fam in checked:
                notes.append(Note(
                    STRENGTH, f"No {name} errors found in {words:,} words.", score=0.3,
                    claim={"errors": 0, "family": fam, "words": words},
                ))
    # the errors make one priority line: first when there are many (readers notice them before
    # anything else); when they are few it takes a slot only if the craft leaves one free
    if errors:
        parts = ", ".join(
            f"{k} {FAMILY_NAMES.get(fam, fam)}" for fam, k in sorted(by_family.items(), key=lambda kv: -kv[1])
        )
        top = Counter(f.code for f in errors).most_common(3)
        commonest = ", ".join(f"{_words_of(rules, code)} ×{k}" for code, k in top)
        first = errors[0]
        n = len(errors)
        rate = per_10k(n, words)
        if rate >= MANY_ERRORS_PER_10K:
            text = (f"Fix the {n} errors marked below first ({parts}; commonest: {commonest}): "
                    "each is quick to fix, and readers notice them before anything else." if n != 1
                    else f"Fix the {parts.removeprefix('1 ')} error marked below first: it is quick to fix, "
                    "and readers notice errors before anything else.")
            score = 1000.0 + rate
        else:
            text = (f"Fix the {n} errors marked below ({parts}; commonest: {commonest}): there are few "
                    f"({rate:.0f} per 10,000 words), and each is quick to fix." if n != 1
                    else f"Fix the {parts.removeprefix('1 ')} error marked below: it is the only one, "
                    "and quick to fix.")
            score = rate / 1e6  # after every craft line
        notes.append(Note(
            PRIORITY, text,
            score=score, code="errors", count=n,
            **at(doc, first.start, first.end),
            claim={"errors": n, "by_family": dict(by_family), "by_code": dict(top)},
        ))
    return Provided(stats, notes)


def _generic_priorities(doc: "Document", findings: "list[Finding]", words: int, covered: set[str],
                        rules: "Rules") -> list[Note]:
    """A priority for each craft rule with notes that no provider line speaks for."""
    out = []
    by_code: dict[str, list] = {}
    for f in findings:
        if f.code.startswith("CRF") and f.code not in covered:
            by_code.setdefault(f.code, []).append(f)
    for code, fs in by_code.items():
        rule = rules.get(code)
        summary = rule.summary_line().rstrip(".") if rule else code
        first = fs[0]
        out.append(Note(
            PRIORITY, f"{summary}: {len(fs)} place{'s' if len(fs) != 1 else ''}, for example “{quote(doc, first.start, first.end)}”.",
            score=per_10k(len(fs), words) * getattr(rule, "letter_weight", 1.0), code=code, count=len(fs),
            **at(doc, first.start, first.end),
            claim={"count": len(fs)},
        ))
    return out


def beta_letter(doc: "Document", findings: "list[Finding]", rules: "Rules") -> dict:
    """``{"strengths": [...], "priorities": [...], "stats": {...}}`` for ``doc``; ``rules`` maps the
    findings' codes to their rules (their kind, name and summary)."""
    words = _story_words(doc)
    base = _base(doc, findings, words, rules)
    stats: dict = {"text": base.stats}
    notes = list(base.notes)
    for name, provide in PROVIDERS.items():
        got = provide(doc, findings)
        stats[name] = got.stats
        notes.extend(got.notes)
    covered = {n.code for n in notes if n.kind == PRIORITY and n.code}
    notes.extend(_generic_priorities(doc, findings, words, covered, rules))
    strengths = sorted((n for n in notes if n.kind == STRENGTH), key=lambda n: -n.score)
    priorities = sorted((n for n in notes if n.kind == PRIORITY), key=lambda n: -n.score)
    # one line per code: the best-scored wins
    seen: set = set()
    uniq = []
    for n in priorities:
        if n.code in seen:
            continue
        seen.add(n.code)
        uniq.append(n)
    return {
        "strengths": [n.as_dict() for n in strengths[:MAX_STRENGTHS]],
        "priorities": [n.as_dict() for n in uniq[:MAX_PRIORITIES]],
        "stats": stats,
    }
