"""GRM005 nonstandard-past: A regularised past tense of an irregular verb in narration (`thinked`, `throwed`).

The rule's documentation is its class docstring (``betareader explain GRM005``)."""

from __future__ import annotations

import re
from functools import lru_cache

from ...model.words import at_sentence_start, cased, prev_word
from ..base import register
from ._base import _B, _E, _GrammarRule, _is_name, _names_key
from ._data import _irregular

_HAVE_BE = frozenset(
    """
    have has had having 've 'd 's ’ve ’d ’s been be being was were is are am get got gets getting
    gotten become became
    """.split()
)


@register
class NonstandardPast(_GrammarRule):
    """A regularised past tense of an irregular verb in narration (`thinked`, `throwed`).

    ## What it does
    Finds pasts like `thinked`, `bringed`, `catched`, `teached`, `throwed`, `knowed`,
    `freezed`, `taked`, `writed`, `shaked` (the list is the data file
    `irregular_past.txt`) and gives the standard form: the past (`threw`) or, after a form
    of *have* or *be*, the participle (`had thrown`, `was thrown`).

    Only narration is checked: inside dialogue the form is a character's voice (`"I knowed
    it!"`). Words the story uses as names are left alone.

    ## Why it matters
    In narration a regularised past reads as a mistake, not a voice, and it pulls the
    reader out of the story.

    ## Example
    `He throwed the ball and catched it.` becomes `He threw the ball and caught it.`

    ## Fix safety
    Safe: the word is replaced by its standard form, in the same case.
    """

    code = "GRM005"
    name = "nonstandard-past"
    narration_only = True
    needles = ("ed", "brang", "brung")

    @property
    def _re(self):
        return _nonstandard_re()

    def cache_key(self, ctx):
        return (ctx.dialect, _names_key(ctx))

    def scan(self, para, ctx):
        text = para.text
        table = _irregular()
        if not any(w in table for w in _ED_RE.findall(text.lower())):
            return
        for m in self._re.finditer(text):
            w = m.group(1)
            if _is_name(ctx, w):
                continue
            if w[0].isupper() and not w.isupper() and not at_sentence_start(text, m.start()):
                continue
            past, part = table[w.lower()]
            prev = prev_word(text, m.start()).lower()
            if prev in ("never", "just", "already", "not", "ever", "even", "also", "all", "really", "only"):
                p = text.rfind(prev, 0, m.start()) if prev else -1
                prev2 = prev_word(text, p).lower() if p >= 0 else ""
                prev = prev2 or prev
            prev = prev.replace("'", "’")
            form = part if (prev in _HAVE_BE or prev.endswith(("’ve", "’d", "n’t")) and prev not in ("didn’t",)) else past
            if prev.endswith("n’t") and not prev.startswith(("hasn", "haven", "hadn", "wasn", "weren", "isn", "aren")):
                form = past
            yield self.finding(m.start(), m.end(), f"'{w}' is not standard English: '{cased(w, form)}'.", cased(w, form))


_ED_RE = re.compile(r"[a-z]+ed\b|\bbr[au]ng\b")


@lru_cache(maxsize=None)
def _nonstandard_re():
    words = sorted(_irregular(), key=len, reverse=True)
    return re.compile(_B + r"(" + "|".join(words) + r")" + _E, re.I)
