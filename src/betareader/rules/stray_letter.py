"""A letter standing alone between two words of narration (SPL006)."""

from __future__ import annotations

import re

from .base import NEVER, Rule, register

#: consonants that stand for words in texting (`c u`, `r u ok`, `y not`, `k`, `n`) or in algebra
#: and marks (`x`) are left out: only the ones no one writes as a word are looked for
_LETTERS = "bdfghjlmpqstvwz"
#: ``word letter word``, all lowercase, spaces only between (no quotation, no list punctuation)
_STRAY_RE = re.compile(rf"(?<![\w'’.-])([a-z]+)[ \t]+([{_LETTERS}])[ \t]+([a-z]+)(?![\w'’-])")
#: words after which a letter is named or labelled: `the letter m`, `plan b`, `vitamin d`, `size s`
_NAMES_A_LETTER = frozenset(
    "letter letters plan vitamin grade size type class column row option answer point square "
    "section part appendix figure page chapter exhibit model variable unit block wing gate "
    "platform track level and or between from to like an the called marked spelled spelt "
    "initial initials minus plus times over".split()
)
#: words a letter is the first part of, written open: `a t shirt`, `a u turn`, `the f word`
_LETTER_COMPOUNDS = frozenset(
    "shirt shirts turn turns word words string strings section sections movie movies list lists "
    "neck necks bomb bombs cup cups major minor sharp flat flats natural line lines train".split()
)


_PRONOUNS = frozenset("i it he she we they you that there what who where here".split())


@register
class StrayLetter(Rule):
    """A single letter standing alone between two words of narration: `set the jug m the shelf`.

    ## What it does
    Finds a lone consonant (`b d f g h j l m p q s t v w z`) between two lowercase words, in
    narration outside quotation marks: the finger slipped (`m` for `on`, `s` for `a`), or a
    word lost its other letters. Letters named as letters are left alone (`the letter m`,
    `plan b`, `vitamin d`, `a t shirt`, `the f word`, `A minor`), and so are the letters texting
    uses as words (`c u`, `r u ok`, `y`, `k`, `n`) and `x`.

    ## Why it matters
    Published fiction has almost none: in the eleven books of the clean corpus this pattern does
    not occur once. A spell checker passes the letter by, since every letter is in the
    dictionary, yet the reader stops on it.

    ## Example
    `She set the jug m the shelf.`: the `m` was meant to be `on`.

    ## Fix safety
    No fix: which word was meant cannot be told from the letter.
    """

    code = "SPL006"
    name = "stray-letter"
    fix_availability = NEVER
    kinds = frozenset({"text"})  # authors' notes are chat: "i m so sorry"

    def check_paragraph(self, para, ctx):
        text = para.text
        a = para.analysis
        for m in _STRAY_RE.finditer(text):
            before, letter, after = m.group(1), m.group(2), m.group(3)
            if before in _NAMES_A_LETTER or after in _LETTER_COMPOUNDS:
                continue
            s = m.start(2)
            if a.quotations and a.in_dialogue(s):
                continue  # speech may spell, stammer or text
            if a.markup and any(ms <= s < me for ms, me in a.markup):
                continue
            if (letter == "t" and before.endswith("n")) or (letter in "sdm" and before in _PRONOUNS):
                # "don t", "it s", "we d", "i m": a contraction whose apostrophe became a space
                yield self.finding(m.start(1), m.end(2), f"'{before} {letter}': a contraction that lost its apostrophe?")
                continue
            yield self.finding(s, s + 1, f"A stray letter '{letter}' between two words: a typo?")
