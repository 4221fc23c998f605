"""The beta letter: 2–4 strengths, the top 3 priorities and the stats, from measurements only.

Every line is a template filled from counts; nothing is generated.  Providers registered in
``craft.PROVIDERS`` offer candidate notes; this module adds the error counts and a generic
priority per craft rule that has notes but no provider line of its own, then ranks them.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from . import PRIORITY, PROVIDERS, STRENGTH, Note, Provided

if TYPE_CHECKING:
    from ..model import Document
    from ..rules.base import Finding

MAX_STRENGTHS = 4
MIN_STRENGTHS = 2
MAX_PRIORITIES = 3
_EXAMPLE_CHARS = 80

FAMILY_NAMES = {
    "TYP": "typography and punctuation",
    "DLG": "dialogue punctuation",
    "SPL": "spelling",
    "GRM": "grammar and confused words",
}


def per_10k(count: int, words: int) -> float:
    return 10_000 * count / words if words else 0.0


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 place``, ``2,310 places``, ``3 runs``."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def quote(doc: "Document", start: int, end: int) -> str:
    """The text at ``start:end``, widened to whole words and cut to about 80 characters."""
    text = doc.text
    s, e = start, end
    while s > 0 and text[s - 1].isalnum():
        s -= 1
    while e < len(text) and text[e].isalnum():
        e += 1
    out = " ".join(text[s:e].split())
    return out if len(out) <= _EXAMPLE_CHARS else out[: _EXAMPLE_CHARS - 1].rstrip() + "…"


_LABELS = {"its-its": "its/it's", "your-youre": "your/you're", "whose-whos": "whose/who's",
           "their-there": "their/there/they're", "could-of": "could of", "a-an": "a/an"}


def rule_label(code: str) -> str:
    """A rule's name as words: ``doubled word``, ``its/it's``, ``lose/loose``."""
    from ..rules import REGISTRY

    rule = REGISTRY.get(code)
    if rule is None:
        return code
    if rule.name in _LABELS:
        return _LABELS[rule.name]
    if code.startswith("GRM") and rule.name.count("-") in (1, 2) and "/" not in rule.name and 6 <= int(code[3:]) <= 18:
        return rule.name.replace("-", "/")
    return rule.name.replace("-", " ")


def _kind_of(code: str) -> str:
    from ..rules import REGISTRY

    rule = REGISTRY.get(code)
    return rule.kind if rule else "error"


def _story_words(doc: "Document") -> int:
    return sum(p.analysis.words for p in doc.story_paragraphs if p.analysis is not None)


def _base(doc: "Document", findings: "list[Finding]", words: int) -> Provided:
    """Error counts and the generic candidates every text gets."""
    from ..rules import REGISTRY

    errors = [f for f in findings if _kind_of(f.code) == "error"]
    by_family = Counter(f.code[:3] for f in errors)
    stats = {
        "words": words,
        "errors": len(errors),
        "errors_per_10k": round(per_10k(len(errors), words), 2),
        "errors_by_family": dict(sorted(by_family.items())),
    }
    notes: list[Note] = []
    if words >= 200:
        rate = per_10k(len(errors), words)
        if rate <= 5:
            notes.append(Note(
                STRENGTH,
                f"Your text is clean: {len(errors)} error{'s' if len(errors) != 1 else ''} in {words:,} words "
                f"({rate:.1f} per 10,000 words).",
                score=1.0 + (5 - rate) / 5, claim={"errors": len(errors), "words": words},
            ))
        for fam, name in FAMILY_NAMES.items():
            if by_family.get(fam, 0) == 0 and fam != "DLG":
                notes.append(Note(
                    STRENGTH, f"No {name} errors found in {words:,} words.", score=0.3,
                    claim={"errors": 0, "family": fam, "words": words},
                ))
    # the errors make one priority, always first: they are quick to fix and readers notice them
    if errors:
        parts = ", ".join(
            f"{k} {FAMILY_NAMES.get(fam, fam)}" for fam, k in sorted(by_family.items(), key=lambda kv: -kv[1])
        )
        top = Counter(f.code for f in errors).most_common(3)
        commonest = ", ".join(f"{rule_label(code)} ×{k}" for code, k in top)
        first = errors[0]
        n = len(errors)
        notes.append(Note(
            PRIORITY,
            f"Fix the {n} errors marked below first ({parts}; commonest: {commonest}): "
            "each is quick to fix, and readers notice them before anything else." if n != 1
            else f"Fix the {parts.removeprefix('1 ')} error marked below first: it is quick to fix, "
            "and readers notice errors before anything else.",
            score=1000.0 + per_10k(n, words), code="errors", count=n,
            example=quote(doc, first.start, first.end), start=first.start, end=first.end,
            claim={"errors": n, "by_family": dict(by_family), "by_code": dict(top)},
        ))
    return Provided(stats, notes)


def _generic_priorities(doc: "Document", findings: "list[Finding]", words: int, covered: set[str]) -> list[Note]:
    """A priority for each craft rule with notes that no provider line speaks for."""
    from ..rules import REGISTRY

    out = []
    by_code: dict[str, list] = {}
    for f in findings:
        if f.code.startswith("CRF") and f.code not in covered:
            by_code.setdefault(f.code, []).append(f)
    for code, fs in by_code.items():
        rule = REGISTRY.get(code)
        summary = rule.summary_line().rstrip(".") if rule else code
        first = fs[0]
        out.append(Note(
            PRIORITY, f"{summary}: {len(fs)} place{'s' if len(fs) != 1 else ''}, for example “{quote(doc, first.start, first.end)}”.",
            score=per_10k(len(fs), words), code=code, count=len(fs),
            example=quote(doc, first.start, first.end), start=first.start, end=first.end,
            claim={"count": len(fs)},
        ))
    return out


def beta_letter(doc: "Document", findings: "list[Finding]") -> dict:
    """``{"strengths": [...], "priorities": [...], "stats": {...}}`` for ``doc``."""
    words = _story_words(doc)
    base = _base(doc, findings, words)
    stats: dict = {"text": base.stats}
    notes = list(base.notes)
    for name, provide in PROVIDERS.items():
        got = provide(doc, findings)
        stats[name] = got.stats
        notes.extend(got.notes)
    covered = {n.code for n in notes if n.kind == PRIORITY and n.code}
    notes.extend(_generic_priorities(doc, findings, words, covered))
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
