"""GRM002 alot: `alot` for `a lot`.

The rule's documentation is its class docstring (``betareader explain GRM002``)."""

from __future__ import annotations

import re

from ...model.words import at_sentence_start, cased, prev_word
from ..base import UNSAFE, register
from ._base import _B, _E, _GrammarRule, _is_name, _names_key


@register
class Alot(_GrammarRule):
    """`alot` for `a lot`.

    ## What it does
    Finds the word `alot` and splits it: `a lot`. A capitalised `Alot` that the story uses
    as a name (mid-sentence, never in lowercase) or that is in the personal dictionary is
    left alone.

    ## Why it matters
    `A lot` is two words (an article and a noun), like `a little` or `a bit`. `Alot` is one
    of the most common misspellings in English and readers spot it instantly.

    ## Example
    `She cared alot about him.` becomes `She cared a lot about him.`

    ## Fix safety
    Safe: a space is added; the case of the first letter is kept.
    """

    code = "GRM002"
    name = "alot"
    needles = ("alot",)

    _re = re.compile(_B + r"(alot)" + _E, re.I)

    def cache_key(self, ctx):
        return (ctx.dialect, _names_key(ctx))

    def scan(self, para, ctx):
        text = para.text
        for m in self._re.finditer(text):
            w = m.group(1)
            if _is_name(ctx, w) or _is_name(ctx, w.lower()):
                continue
            if w[0].isupper() and not w.isupper() and not at_sentence_start(text, m.start()):
                continue  # a name we have not seen used as one yet
            if prev_word(text, m.start()).lower() in ("a", "an"):
                # `a alot`: the fix would make `a a lot`; which word goes is the writer's call
                yield self.finding(m.start(), m.end(), "'alot' is two words: 'a lot'.", cased(w, "a lot"),
                                   applicability=UNSAFE)
                continue
            yield self.finding(m.start(), m.end(), "'alot' is two words: 'a lot'.", cased(w, "a lot"))
