"""What the possessive–contraction rules share (its/it's, your/you're, their/there/they're): their
base class, with the part-of-speech stage's cheap filter, what to tag and the contraction reading;
and clause tests."""

from __future__ import annotations

import re

from ...model.words import cased, clause_start, next_char, next_word, prev_word
from ._base import _GrammarRule
from ._pos import _alt_item, _contraction_reading
from ._words import (
    _AUX_WORDS,
    _CLAUSE_TAKERS,
    _CLAUSE_WORDS,
    _FINITE_SOON_RE,
    _ING_CLAUSE_WORDS,
    _MODALS,
    _NOT_NP_START,
    _OBJECT_TAKERS,
    _PREDICATE_NOUNS_POS,
    _SEE_REMEMBER,
    _SUBORDINATORS,
    _THERE_ADVERBS,
    _THERE_VERBS,
)


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
    rest = text[pos:_NO_FINITE_REST_RE.match(text, pos).end()]
    return not re.search(r"(?i)\b(?:is|was|were|are|has|had|will|would|could|should|must|might|may|can|shall|"
                         r"did|does|do|makes?|made|seems?|gives?|gave|means?|meant|took|takes|brought|"
                         r"[a-z]+ed)\b", rest)


_POS_SUBSTITUTES = {"it's": "its ", "you're": "your  ", "there": "their"}
_NO_FINITE_REST_RE = re.compile(r"[^.!?;:”\"—(]*")


class _PossessiveContraction(_GrammarRule):
    """Base of the possessive–contraction rules: a possessive (``its``) and its contraction
    (``it's``) are told apart by the words around them, then by tags.  A subclass names the pair:
    ``possessive``, the contraction as ``contraction_parts`` (``("it", "s")``: the apostrophe goes
    between, straight or curly as the story writes them), what the contraction means, and
    ``keep``, the words after the possessive that keep it a possessive reading."""

    possessive: str = ""
    contraction_parts: tuple[str, str] = ("", "")
    contraction_means: str = ""
    keep: frozenset = frozenset()

    def cache_key(self, ctx):
        return (ctx.dialect, _apostrophe(ctx))

    def pos_worth(self, text: str, m) -> bool:
        """A cheap look at the neighbouring words: is a decision by tags possible at all?
        A written possessive (its, your, their) is only ever flagged at the start of a clause;
        a written contraction or "there" only before a word that may start a noun phrase, and
        not after a word that starts a clause ("that it's", "think you're", "went there")."""
        w = m.group(1).lower().replace("’", "'")
        prev = prev_word(text, m.start(1)).lower().replace("’", "'")
        if w in ("its", "your", "their"):
            if not prev or clause_start(text, m.start(1)):
                return True
            if w == "their" and (next_char(text, m.end(1)) in (".", ",", "!", "?", ";") or next_word(
                    text, m.end(1)).lower() in _THERE_ADVERBS | _THERE_VERBS | _MODALS | {"by", "till", "until"}):
                return True  # "sat their calmly", "be their.", "their must be"
            return (prev in _SUBORDINATORS or prev in _CLAUSE_TAKERS or prev in _CLAUSE_WORDS
                    or prev in _ING_CLAUSE_WORDS or prev.endswith("ly")) and prev not in _AUX_WORDS
        nxt = next_word(text, m.end(1)).lower()
        if nxt.endswith("ing") and w != "there" and prev in ("of", "upon", "about", "from", "without", "with", "against",
                                                        "despite", "at", "to", "on"):
            return True  # "of it's being" (a possessive gerund)
        if not nxt or nxt in _NOT_NP_START or nxt in _PREDICATE_NOUNS_POS:
            return False
        if w not in ("there", "you're") and (prev in _SUBORDINATORS or prev in _CLAUSE_TAKERS) and \
                prev not in _OBJECT_TAKERS and prev not in _SEE_REMEMBER and not (
                prev in _SUBORDINATORS and _FINITE_SOON_RE.match(text, m.end(1))):
            return False
        return True

    def pos_item(self, m):
        """What to tag for ``m``: its position, or (start, end, replacement) to tag a
        same-length replacement of the word instead (the reading to test)."""
        w = m.group(1).lower().replace("’", "'")
        repl = _POS_SUBSTITUTES.get(w)
        return (m.start(1), m.end(1), repl) if repl else m.start(1)

    def pos_alt_item(self, text, m):
        head, tail = self.contraction_parts
        return _alt_item(text, m, self.possessive, f"{head}'{tail}", self.keep)

    def pos_decide_alt(self, text, toks, i, m, ctx):
        if _contraction_reading(text, toks, i, m, self.keep):
            w = m.group(1)
            head, tail = self.contraction_parts
            new = head + _apostrophe(ctx) + tail
            return self.finding(m.start(1), m.end(1), f"'{w}' needs '{new}' ({self.contraction_means}).", cased(w, new))
        return None
