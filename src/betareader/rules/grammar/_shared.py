"""Clause tests shared by the possessive–contraction rules (its/it's, your/you're, their/there)."""

from __future__ import annotations

import re

from ...model.words import clause_start, prev_word
from ._words import _CLAUSE_WORDS


def _apostrophe(ctx) -> str:
    st = ctx.doc.style
    return "’" if st is not None and st.sq_curly > st.sq_straight else "'"


def _its_clause_start(text: str, pos: int) -> bool:
    if clause_start(text, pos):
        return True
    return prev_word(text, pos).lower() in _CLAUSE_WORDS


def _no_finite_after(text: str, pos: int) -> bool:
    """No finite verb from ``pos`` to the end of the clause (a full stop, a closing quote…): the
    -ing verb before it is the predicate, not a possessive gerund subject ("Your taking the car
    was wrong")."""
    rest = re.match(r"[^.!?;:”\"—(]*", text[pos:]).group(0)
    return not re.search(r"(?i)\b(?:is|was|were|are|has|had|will|would|could|should|must|might|may|can|shall|"
                         r"did|does|do|makes?|made|seems?|gives?|gave|means?|meant|took|takes|brought|"
                         r"[a-z]+ed)\b", rest)
