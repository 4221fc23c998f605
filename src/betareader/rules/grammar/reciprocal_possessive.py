"""GRM004 reciprocal-possessive: `each others`/`one anothers` for `each other's`, and `a days work` for `a day's work`.

The rule's documentation is its class docstring (``betareader explain GRM004``)."""

from __future__ import annotations

import re

from ...model.words import next_char, next_word
from ..base import UNSAFE, register
from ._base import _B, _E, _S, _GrammarRule
from ._shared import _apostrophe

_TIME_UNITS = "day|week|month|year|hour|minute|moment|night|second|fortnight|decade|century"
_TIME_NOUNS = (
    "work|pay|notice|wages|wage|salary|rent|journey|drive|walk|ride|travel|sleep|rest|holiday|"
    "vacation|leave|supply|worth|grace|delay|hesitation|silence|thought|march|sail|flight|trip|"
    "labour|labor|earnings|income|wait|absence|head start|lead"
)
_NUM_WORDS = "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|several|few|many"
_FUNCTION_OR_ADVERB = frozenset(
    """
    and or but nor so yet to in on at for with from by of as than that the a an this these those
    again too more less now then there here back off out up down over away well still first
    anyway forever always once twice tonight today yesterday tomorrow even very much enough
    anymore either instead though all both each
    """.split()
)

#: After a plural ("two weeks notice") only nouns that are plainly owned; "two months vacation",
#: "ten minutes time" are attributive in many published books.
_PLURAL_TIME_NOUNS = frozenset("notice pay wages salary rent worth grace".split())


@register
class ReciprocalPossessive(_GrammarRule):
    """`each others`/`one anothers` for `each other's`, and `a days work` for `a day's work`.

    ## What it does
    Finds `each others` and `one anothers` (with or without a trailing apostrophe), and
    time expressions that own the noun after them but lack the apostrophe: `a days work`,
    `an hours drive`, `a weeks notice`, `in a weeks time`, and after a number only before
    a plainly owned noun (`two weeks notice`, `three months rent`, `a few days pay`).
    Not flagged: `two months vacation`, `in ten minutes time`, where many published books
    use the plural as a plain modifier.

    ## Why it matters
    `Each other` is singular in form, so its possessive is `each other's` (their hands →
    each other's hands). `A day's work` is the work of a day: a possessive, like `a
    month's rent`. Without the apostrophe the reader sees a plural that doesn't fit.

    ## Example
    `They held each others hands after a days work.` becomes
    `They held each other's hands after a day's work.`

    ## Fix safety
    Safe for `each others` before a noun (`each other's hands`). Unsafe for `each others`
    before anything else (the fix is `each other`, but the writer may have meant
    something else) and for the time expressions, where style guides differ on plurals
    (`two weeks' notice`).
    """

    code = "GRM004"
    name = "reciprocal-possessive"
    needles = ("others", "anothers", "s ")

    _recip = re.compile(_B + r"(each" + _S + r"others|one" + _S + r"anothers)(['’]?)" + _E, re.I)
    _single = re.compile(
        _B + r"(?:a|an|one)" + _S + r"(" + _TIME_UNITS + r")(s)" + _S + r"(" + _TIME_NOUNS + r")" + _E, re.I
    )
    _plural = re.compile(
        _B + r"(?:" + _NUM_WORDS + r"|\d+)" + _S + r"(" + _TIME_UNITS + r")(s)" + _S + r"(" + _TIME_NOUNS + r")" + _E,
        re.I,
    )
    _in_time = re.compile(
        _B + r"in" + _S + r"(?:a|an|one|" + _NUM_WORDS + r"|\d+)" + _S + r"(" + _TIME_UNITS + r")(s)" + _S + r"time" + _E,
        re.I,
    )

    def cache_key(self, ctx):
        return (ctx.dialect, _apostrophe(ctx))

    _quick = re.compile(r"others|anothers|(?:" + _TIME_UNITS + r")s[ \t\r\n]", re.I)

    _quick_words = ("others", "anothers") + tuple(u + "s" for u in _TIME_UNITS.split("|"))

    def scan(self, para, ctx):
        text = para.text
        # without one of the words in the lowercased text, ``_quick`` cannot match (its re.I matches
        # ASCII letters and four other characters: K lowercases to k, the other three are checked)
        low = text.lower()
        if not any(w in low for w in self._quick_words) and not any(c in text for c in "\u0130\u0131\u017f"):
            return
        if not self._quick.search(text):
            return
        ap = _apostrophe(ctx)
        low = text.lower()
        if "others" in low or "anothers" in low:
            for m in self._recip.finditer(text):
                phrase = m.group(1)
                base = phrase[:-1]  # each other / one another
                s, e = m.start(), m.end()
                nxt = next_word(text, e)
                ch = next_char(text, e)
                nounish = (
                    nxt and nxt.islower() and ch not in ",.;:!?—–…\"”)" and nxt.lower() not in _FUNCTION_OR_ADVERB
                    and not nxt.endswith("ly")
                )
                if nounish:
                    yield self.finding(s, e, f"The possessive of '{base}' is '{base}{ap}s'.", base + ap + "s")
                elif not m.group(2):
                    yield self.finding(
                        s, e, f"'{phrase}' is not a word: '{base}'.", base, applicability=UNSAFE
                    )
        seen = set()
        for m in self._in_time.finditer(text):
            s = m.start(2)
            seen.add(s)
            unit = m.group(1)
            if m.group(0).lower().split()[1] in ("a", "an", "one"):
                yield self.finding(m.start(1), m.end(2), f"Possessive: '{unit}{ap}s time'.", unit + ap + "s",
                                   applicability=UNSAFE)
        for m in self._single.finditer(text):
            if m.start(2) in seen:
                continue
            unit = m.group(1)
            yield self.finding(m.start(1), m.end(2), f"Possessive: '{unit}{ap}s {m.group(3)}'.", unit + ap + "s",
                               applicability=UNSAFE)
        for m in self._plural.finditer(text):
            if m.start(2) in seen or m.group(3).lower() not in _PLURAL_TIME_NOUNS:
                continue
            unit = m.group(1)
            yield self.finding(m.start(1), m.end(2), f"Possessive: '{unit}s{ap} {m.group(3)}'.", unit + "s" + ap,
                               applicability=UNSAFE)
