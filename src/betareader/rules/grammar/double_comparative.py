"""GRM022 double-comparative: `more` or `most` before a word that already compares (`more calmer`, `most biggest`).

The rule's documentation is its class docstring (``betareader explain GRM022``)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..base import ALWAYS, SAFE, Edit, register
from ._base import _B, _E, _S, _GrammarRule
from ._data import _lines


def _superlative(w: str) -> str:
    if w in ("better", "worse"):
        return {"better": "best", "worse": "worst"}[w]
    return w[:-3] + "iest" if w.endswith("ier") else w[:-2] + "est"


@lru_cache(maxsize=1)
def _forms() -> frozenset[str]:
    """Every comparative and superlative of the list."""
    comparatives = {w for line in _lines("comparatives.txt") for w in line.split()}
    return frozenset(comparatives | {_superlative(w) for w in comparatives})


@lru_cache(maxsize=1)
def _double_re() -> re.Pattern:
    comparatives = sorted({w for line in _lines("comparatives.txt") for w in line.split()}, key=len, reverse=True)
    superlatives = sorted({_superlative(w) for w in comparatives}, key=len, reverse=True)
    return re.compile(r"(?i)" + _B + r"(?:(more)" + _S + r"(" + "|".join(comparatives) + r")|(most)" + _S +
                      r"(" + "|".join(superlatives) + r"))" + _E)


@register
class DoubleComparative(_GrammarRule):
    """`more` or `most` before a word that already compares: `more calmer`, `most biggest`.

    ## What it does
    Finds `more` before a comparative and `most` before a superlative of the common short
    adjectives (the data file `comparatives.txt`: `calmer`, `bigger`, `happier`, `better`,
    `worse`…), and drops the extra word: `more calmer` becomes `calmer`, `the most biggest`
    becomes `the biggest`. Only narration is checked: in speech it may be a character's voice
    (`"It's more better this way"`). Comparatives that are also nouns or other words
    (`cleaner`, `lighter`, `cooler`, `longer`, `older`) are not in the list.

    ## Why it matters
    A comparative already says *more*; the doubled form reads as a slip or a child's voice.

    ## Example
    `The horses grew more calmer after dusk.` becomes `The horses grew calmer after dusk.`

    ## Fix safety
    Safe: only `more` or `most` and the space after it are removed.
    """

    code = "GRM022"
    name = "double-comparative"
    narration_only = True
    fix_availability = ALWAYS
    fix_applicability = SAFE
    needles = ("more", "most")

    def scan(self, para, ctx):
        if _forms().isdisjoint(para.analysis.lowercase_words):
            return
        for m in _double_re().finditer(para.text):
            g = 1 if m.group(1) else 3
            word = m.group(g + 1)
            s, e = m.start(g), m.start(g + 1)
            yield self.finding(s, e + len(word), f"'{word}' already compares: drop '{m.group(g)}'.",
                               edits=[Edit(s, e, "")], suggestions=(word,))
