"""Applying fixes: non-overlapping, in one pass, nothing outside the edited spans touched."""

from __future__ import annotations

from typing import Iterable

from ..rules.base import SAFE, Edit, Finding


def select_edits(findings: Iterable[Finding], unsafe: bool = False) -> list[Edit]:
    """The edits to apply: each finding's fix is taken whole or not at all, and a fix whose
    edits overlap (or touch at the same point as) an already chosen one is skipped.  Fixes are
    taken in the order of where their edits start, the widest first at the same start, so a
    fix that does another's work and more (DLG007's ``" the " ,`` -> ``"the,"`` over TYP002's
    and TYP001's space deletions) wins over it and one pass finishes the job."""
    chosen: list[Edit] = []
    taken: list[tuple[int, int]] = []
    for f in sorted(findings, key=_order):
        if f.fix is None or (f.fix.applicability != SAFE and not unsafe):
            continue
        edits = sorted(f.fix.edits, key=lambda e: (e.start, e.end))
        if any(_overlaps(e, s, t) for e in edits for s, t in taken):
            continue
        if any(_overlaps(a, b.start, b.end) for a, b in zip(edits, edits[1:])):
            continue
        chosen.extend(edits)
        taken.extend((e.start, e.end) for e in edits)
    chosen.sort(key=lambda e: (e.start, e.end))
    return chosen


def _order(f: Finding) -> tuple:
    edits = f.fix.edits if f.fix is not None and f.fix.edits else ()
    if not edits:
        return (f.start, f.start != f.end, -f.end, f.code)
    s, t = min(e.start for e in edits), max(e.end for e in edits)
    return (s, s != t, -t, f.code)  # an insertion first, as before; then the widest


def _overlaps(e: Edit, s: int, t: int) -> bool:
    """Does edit ``e`` conflict with the span [s, t)?  Overlapping ranges conflict, and an
    insertion conflicts with a span it touches (the order of the two would be ambiguous)."""
    if e.start == e.end:
        return s <= e.start <= t
    if s == t:
        return e.start <= s <= e.end
    return e.start < t and s < e.end


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply sorted, non-overlapping edits."""
    out = []
    pos = 0
    for e in edits:
        out.append(text[pos : e.start])
        out.append(e.text)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def apply_fixes(text: str, findings: Iterable[Finding], unsafe: bool = False) -> tuple[str, int]:
    """The fixed text and the number of edits applied."""
    edits = select_edits(findings, unsafe=unsafe)
    return apply_edits(text, edits), len(edits)
