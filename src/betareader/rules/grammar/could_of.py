"""GRM001 could-of: `could of`, `would of`, `should of`, `must of`, `might of`, `may of` for `… have`.

The rule's documentation is its class docstring (``betareader explain GRM001``)."""

from __future__ import annotations

import re

from ...model.words import at_sentence_start, cased, next_char, next_word, prev_word
from ..base import UNSAFE, register
from ._base import _B, _E, _S, _GrammarRule
from ._words import _NOT_PARTICIPLE_ED, _PARTICIPLES, _SUBJECT_PRONOUNS

_ADVERBS_BETWEEN = frozenset(
    "just never really already easily probably even ever totally actually definitely possibly "
    "certainly surely simply not so at all".split()
)


@register
class CouldOf(_GrammarRule):
    """`could of`, `would of`, `should of`, `must of`, `might of`, `may of` for `… have`.

    ## What it does
    Finds a modal verb followed by `of` and then a past participle (`could of been`,
    `would of known`, `should of told`, `must of seen`, `might of gone`), or by the end of
    the clause (`I would of.`). Not flagged: `of course` and every other `of` phrase
    (`must of necessity`, `should of all people`, `could of itself`), the noun `might`
    (`the might of Rome`), and the month (`May of last year`).

    ## Why it matters
    `Could've` sounds like `could of`, but `of` is not a verb; the grammar needs `have`.
    Editors and readers notice it at once, even in a character's speech.

    ## Example
    `She should of known.` becomes `She should have known.`

    ## Fix safety
    Safe before a past participle: `of` becomes `have`. Unsafe at the end of a clause
    (`I would of, but…`), where the writer may prefer to rephrase.
    """

    code = "GRM001"
    name = "could-of"
    label = "could of"
    needles = ("of",)

    _re = re.compile(_B + r"(could|would|should|must|might|may|will)" + _S + r"(of)" + _E, re.I)
    _quick = re.compile(r"(?:ould|ust|ight|ay|ill)\s+of\b", re.I)
    # the same test, faster: each "<spaces>of" (a scan with a prefix), then the word end before it
    _quick_of = re.compile(r"\s+of\b", re.I)
    _quick_before = re.compile(r"(?:ould|ust|ight|ay|ill)\Z", re.I)

    def _maybe(self, text: str) -> bool:
        """``self._quick.search(text)``: the modal ends where the spaces before ``of`` begin."""
        before = self._quick_before.search
        return any(before(text, max(0, m.start() - 4), m.start()) for m in self._quick_of.finditer(text))

    def scan(self, para, ctx):
        text = para.text
        if not self._maybe(text):
            return
        for m in self._re.finditer(text):
            modal = m.group(1)
            low = modal.lower()
            prev = prev_word(text, m.start()).lower()
            if low == "will" and prev not in _SUBJECT_PRONOUNS:
                continue
            if modal[0] == "M" and low == "may" and not at_sentence_start(text, m.start()):
                continue  # the month
            pos = m.end(2)
            nxt = next_word(text, pos)
            k = 0
            p = pos
            while nxt.lower() in _ADVERBS_BETWEEN and k < 2 and nxt.lower() not in ("all", "at"):
                p = text.index(nxt, p) + len(nxt)
                nxt = next_word(text, p)
                k += 1
            nl = nxt.lower()
            direct = next_word(text, pos).lower()
            if direct in ("course", "all", "necessity", "itself", "right", "them", "those", "these", "us"):
                continue
            if nl in _PARTICIPLES or (
                nl.endswith("ed") and len(nl) >= 4 and nl not in _NOT_PARTICIPLE_ED and nxt.islower()
            ):
                yield self.finding(
                    m.start(2), m.end(2), f"'{modal} of' should be '{modal} have': 'of' is not a verb.",
                    cased(m.group(2), "have"),
                )
                continue
            ch = next_char(text, pos)
            if low not in ("may", "will") and prev in _SUBJECT_PRONOUNS and (ch == "" or ch in ",.!?;—…\"”"):
                yield self.finding(
                    m.start(2), m.end(2), f"'{modal} of' should be '{modal} have': 'of' is not a verb.",
                    cased(m.group(2), "have"), applicability=UNSAFE,
                )
