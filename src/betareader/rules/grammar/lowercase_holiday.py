"""GRM019 lowercase-holiday: A holiday, weekday, month, nationality or language left in lowercase.

The rule's documentation is its class docstring (``betareader explain GRM019``)."""

from __future__ import annotations

import re
from functools import lru_cache

from ...model.words import next_word, prev_word
from ..base import register
from ._base import _GrammarRule
from ._data import _set

_LOWER_OK_AFTER = {
    "french": frozenset("fries fry toast kiss kissed kissing kisses windows window doors door horn braid braids "
                        "press polish dressing manicure tip tips bread letter knickers".split()),
    "swiss": frozenset("cheese chard roll rolls".split()),
    "dutch": frozenset("oven ovens".split()),
    "english": frozenset("on".split()),
    "chinese": frozenset("lantern lanterns".split()),
    "brazilian": frozenset("wax".split()),
    "indian": frozenset("blue red yellow ink".split()),
}


@lru_cache(maxsize=None)
def _proper_words() -> frozenset[str]:
    return _set("proper_nouns.txt")


@register
class LowercaseHoliday(_GrammarRule):
    """A holiday, weekday, month, nationality or language left in lowercase.

    ## What it does
    Flags words that are always capitalised and are not also ordinary words: holidays
    (`christmas`, `easter`, `halloween`, `hanukkah`, `thanksgiving dinner`), weekdays
    (`monday`…`sunday`), the months that are not also words (`january`, `february`,
    `april`, `june`, `july`, `september`…`december`), nationalities and languages
    (`english`, `french`, `american`, `japanese`…). The list is the data file
    `proper_nouns.txt`.

    Not flagged: `may`, `march`, `august` and other words that are also ordinary words,
    `thanksgiving` as the act of giving thanks, lowercase idioms in standard use (`french
    fries`, `french toast`, `swiss cheese`, `dutch oven`, `english` spin on a ball), a
    paragraph written entirely in lowercase (a text message, a stylistic choice), and
    hashtags, handles and URLs.

    ## Why it matters
    Names of days, months, holidays, peoples and languages are proper nouns in English and
    take a capital letter; lowercase reads as a typo or as a phone's texting style.

    ## Example
    `We flew home on christmas eve, a monday in december.` becomes
    `We flew home on Christmas eve, a Monday in December.`

    ## Fix safety
    Safe: only the first letter is capitalised.
    """

    code = "GRM019"
    name = "lowercase-holiday"

    def check_paragraph(self, para, ctx):
        text = para.text
        if not any(c.isupper() for c in text):
            return  # all lowercase: a text message or a style
        yield from super().check_paragraph(para, ctx)

    def scan(self, para, ctx):
        text = para.text
        rx = _proper_re()
        for m in rx.finditer(text):
            w = m.group(1)
            low = w.lower()
            nxt = next_word(text, m.end()).lower()
            if low in _LOWER_OK_AFTER and nxt in _LOWER_OK_AFTER[low]:
                continue
            if low == "thanksgiving" and nxt not in (
                "dinner", "day", "break", "weekend", "holiday", "holidays", "turkey", "vacation", "morning", "evening",
                "night", "meal", "feast", "parade", "table", "dinners",
            ) and prev_word(text, m.start()).lower() not in ("happy", "this", "last", "next", "since", "until", "till"):
                continue
            if low == "english" and nxt in ("on",):
                continue
            yield self.finding(m.start(1), m.end(1), f"'{w}' is a proper noun: '{w[0].upper() + w[1:]}'.",
                               w[0].upper() + w[1:])


@lru_cache(maxsize=None)
def _proper_re():
    words = sorted(_proper_words(), key=len, reverse=True)
    return re.compile(r"(?<![\w'’@#/.-])(" + "|".join(re.escape(w) for w in words) + r")(?:['’]s|s)?(?![\w'’-])")
