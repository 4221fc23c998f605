"""Capitals where a common noun has none, and none where a title needs one (TYP012, TYP013)."""

from __future__ import annotations

import re

from .base import ALWAYS, SAFE, Rule, register

#: family words and seasons: common nouns after "my", "the"... ("her Husband", "the Summer"),
#: unless a name follows ("my Aunt Polly"); after a capitalised "The" they may be a title ("XXXV.
#: The Winter at Queen's").  Not "Mother"/"Father" ("calling her Mother", "our
#: Father" for God) nor "Spring" ("the Spring!" personified) nor "Fall".
_COMMON = (
    "Husband|Wife|Aunt|Auntie|Uncle|Cousin|Brother|Sister|Grandmother|Grandfather|Grandma|Grandpa|Granny|Son|"
    "Daughter|Boyfriend|Girlfriend|Mum|Mom|Dad|Niece|Nephew|Fiance|Fiancé|Fiancée|Stepmother|Stepfather|"
    "Summer|Winter|Autumn"
)
_COMMON_RE = re.compile(
    r"(?<![\w'’-])(?:(?i:my|your|his|her|our|their)|the|a|an|this|that|last|next|every)[ \t]+[*_]{0,2}(" + _COMMON + r")"
    r"(?![\w'’-])(?![*_]{0,2}[ \t]+[*_]{0,2}[A-Z])"
)
_COMMON_WORDS = frozenset(_COMMON.split("|"))
#: an abbreviated title in lowercase before a capitalised name: "mr Hale", "dr. Watson"
_TITLE_WORDS = frozenset(("mr", "mrs", "ms", "dr", "mx"))
_TITLE_RE = re.compile(r"(?<![\w'’.-])(mr|mrs|ms|dr|mx)(\.?)[ \t]+(?=[A-Z][a-z])")


@register
class CapitalisedCommonNoun(Rule):
    """A family word or a season capitalised after `my`, `the`, `her`…: `her Husband`, `the Summer`.

    ## What it does
    Finds `Husband`, `Wife`, `Aunt`, `Uncle`, `Cousin`, `Brother`, `Sister`, `Grandma`, `Son`,
    `Daughter`, `Boyfriend`, `Girlfriend`, `Mum`, `Dad`… and `Summer`, `Winter`, `Autumn` with a
    capital after a possessive or an article, when no name follows (`my Aunt Polly` is a
    title and its name). `Mother` and `Father` are left alone (`calling her Mother`, `our
    Father`), and so is `Spring` (`the Spring!`, personified).

    ## Why it matters
    After `my` or `the` these are common nouns, like `my neighbour`; the capital makes the
    reader look for a name. Seasons are common nouns in English.

    ## Example
    `She nodded to her Husband before the Summer ended.` becomes
    `She nodded to her husband before the summer ended.`

    ## Fix safety
    Safe: only the first letter is lowercased.
    """

    code = "TYP012"
    name = "capitalised-common-noun"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    def check_paragraph(self, para, ctx):
        text = para.text
        if _COMMON_WORDS.isdisjoint(para.analysis.mid_caps):
            return  # (after "my" or "the" the word stands mid-sentence)
        for m in _COMMON_RE.finditer(text):
            w = m.group(1)
            yield self.finding(m.start(1), m.end(1), f"After a possessive or an article '{w}' is a common noun: "
                               f"'{w.lower()}'.", w[0].lower() + w[1:])


@register
class LowercaseTitle(Rule):
    """An abbreviated title in lowercase before a name: `mr Hale`, `dr. Watson`.

    ## What it does
    Finds `mr`, `mrs`, `ms`, `mx` and `dr` (with or without the full stop) in lowercase right
    before a capitalised word.

    ## Why it matters
    A title before a name is part of the name and takes its capital: `Mr Hale`, `Dr. Watson`.

    ## Example
    `She waved at mrs Hale.` becomes `She waved at Mrs Hale.`

    ## Fix safety
    Safe: only the first letter is capitalised.
    """

    code = "TYP013"
    name = "lowercase-title"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    def check_paragraph(self, para, ctx):
        text = para.text
        if _TITLE_WORDS.isdisjoint(para.analysis.lowercase_words):
            return
        for m in _TITLE_RE.finditer(text):
            w = m.group(1)
            yield self.finding(m.start(1), m.end(1), f"A title before a name takes a capital: '{w.capitalize()}'.",
                               w.capitalize())
