"""Words that belong together: compound numbers, closed compounds and compound adjectives
(TYP014–TYP016).  (The possessive of a time, `two weeks' notice`, is GRM004's.)"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..model.words import find_word
from .base import ALWAYS, SAFE, Edit, Rule, register

_GAP = r"[ \t]+"
_B = r"(?<![\w'’-])"
_E = r"(?![\w'’-])"

_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS = ("one|two|three|four|five|six|seven|eight|nine|first|second|third|fourth|fifth|sixth|seventh|eighth|"
          "ninth")
_TENS_WORDS = frozenset(_TENS.split("|"))
_TENS_CAPS = frozenset(w.capitalize() for w in _TENS_WORDS)
_NUMBER_RE = re.compile(r"(?i)" + _B + r"(" + _TENS + r")(" + _GAP + r")(" + _UNITS + r")" + _E)


@register
class CompoundNumber(Rule):
    """A compound number from twenty-one to ninety-nine written without its hyphen: `thirty first`.

    ## What it does
    Finds a tens word followed by a units word (`twenty one`, `forty two`, `thirty first`,
    `ninety ninth`) and joins them with a hyphen.

    ## Why it matters
    Compound numbers from twenty-one to ninety-nine are hyphenated in words; without the
    hyphen `forty two people` can read as two numbers.

    ## Example
    `On the thirty first of May, forty two people came.` becomes
    `On the thirty-first of May, forty-two people came.`

    ## Fix safety
    Safe: the space becomes a hyphen.
    """

    code = "TYP014"
    name = "compound-number"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    def check_paragraph(self, para, ctx):
        text = para.text
        if _TENS_WORDS.isdisjoint(para.analysis.lowercase_words) and not any(w in text for w in _TENS_CAPS):
            return
        for m in _NUMBER_RE.finditer(text):
            yield self.finding(m.start(), m.end(), "A compound number takes a hyphen.",
                               edits=[Edit(m.start(2), m.end(2), "-")],
                               suggestions=(m.group(1) + "-" + m.group(3),))


@lru_cache(maxsize=1)
def _compounds() -> dict[str, dict[str, str]]:
    """second word -> {first word: the closed compound}."""
    text = (resources.files("betareader") / "data" / "typography" / "split_compounds.txt").read_text(encoding="utf-8")
    table: dict[str, dict[str, str]] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].split()
        if len(line) == 3:
            table.setdefault(line[1], {})[line[0]] = line[2]
    return table


#: pairs whose second word with an "s" is a verb ("my head aches")
_NO_PLURAL = frozenset({("head", "ache"), ("foot", "ball"), ("work", "shop"), ("snow", "flake")})
_FIRST_BEFORE_RE = re.compile(r"(?<![\w'’-])([A-Za-z]+)[ \t]+$")


@lru_cache(maxsize=1)
def _second_forms() -> dict[str, str]:
    """Every second word as written, with a plural "s" or "es" -> the second word."""
    return {w + end: w for w in _compounds() for end in ("", "s", "es")}


@register
class SplitCompound(Rule):
    """A closed compound written as two words: `bed room`, `class mates`, `her self`.

    ## What it does
    Finds pairs like `bed room`, `fire place`, `class mates`, `her self`, `them selves`,
    `grand mother`, `with out`, `over whelmed`, `neck lace` (the data file
    `split_compounds.txt`) and joins them. Pairs that are also right as two words are not in
    the list (`any more`, `some day`, `heart beat` in `her heart beat faster`, `sun rise` in
    `watched the sun rise`).

    ## Why it matters
    These words are written closed in every dictionary; split, they read as a typo, and a
    spelling checker passes them because each half is a word.

    ## Example
    `My class mates sat in the bed room; she did it her self.` becomes
    `My classmates sat in the bedroom; she did it herself.`

    ## Fix safety
    Safe: only the space goes; the case of the first letter is kept.
    """

    code = "TYP015"
    name = "split-compound"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    def check_paragraph(self, para, ctx):
        text = para.text
        table = _compounds()
        # the second word is always lowercase: look only for those the paragraph has
        forms = _second_forms()
        present = {forms[w] for w in forms.keys() & set(para.analysis.lowercase_words)}
        for second in present:
            firsts = table[second]
            for m in find_word(text, second, "s|es"):
                i = m.start()
                b = _FIRST_BEFORE_RE.search(text, max(0, i - 20), i)
                if b is None:
                    continue
                first = b.group(1)
                closed = firsts.get(first.lower())
                if closed is None or (m.group(1) and (first.lower(), second) in _NO_PLURAL):
                    continue
                if first[0].isupper():
                    closed = closed[:1].upper() + closed[1:]
                closed += m.group(1) or ""
                yield self.finding(b.start(1), m.end(), f"'{closed}' is one word.", closed)


_ADJ_FIRST = frozenset("well long ill much far short high low hard half brand never ever".split())
_ADJ_SECOND = frozenset(
    """known awaited deserved needed loved kept respected paid dressed meaning intentioned earned hidden lived lost
    forgotten reaching lasting ending changing tempered mannered built made read worn trodden established informed
    groomed behaved educated placed timed hoped expected anticipated overdue haired sighted winded stocked fed
    rested used beloved""".split()
)
#: "a long awaited letter": an adverb-like first part and a participle, before a noun
_ADJ_RE = re.compile(
    r"(?<![\w'’-])(?i:a|an|the|his|her|their|my|your|our|its)" + _GAP +
    r"((?:well|long|ill|much|far|short|high|low|hard|half|brand|never|ever)" +
    r"(" + _GAP + r")(?:known|awaited|deserved|needed|loved|kept|respected|paid|dressed|meaning|intentioned|"
    r"earned|hidden|lived|lost|forgotten|reaching|lasting|ending|changing|tempered|mannered|built|made|read|"
    r"worn|trodden|"
    r"established|informed|groomed|behaved|educated|placed|timed|hoped|expected|anticipated|overdue|"
    r"haired|sighted|winded|stocked|fed|rested|used|beloved))" + _GAP +
    r"(?!(?:by|to|for|and|or|but|in|on|at|of|as|than|that|with|from|is|was|were|are|be|been|if|when)" + _E + r")"
    r"([a-z][a-z'’-]+)" + _E
)


@register
class CompoundAdjective(Rule):
    """A two-word adjective before a noun without its hyphen: `a long awaited letter`.

    ## What it does
    Finds `well`, `long`, `ill`, `much`, `never`… with a participle
    (`known`, `awaited`, `deserved`, `needed`, `loved`, `meaning`, `mannered`…) between an
    article or a possessive and a noun (`a long awaited letter`, `her well known smile`,
    `a much needed rest`), and joins them with a hyphen. After the noun, where no hyphen
    belongs (`the letter was long awaited`), nothing is flagged, nor before `by`, `to`,
    `for` (`a well known by all man` stays). An adverb in `-ly` takes no hyphen (`a newly
    dressed doll`) and is not looked at.

    ## Why it matters
    Before a noun the two words work as one adjective; the hyphen keeps the reader from
    taking the first as its own (`a long` … `awaited letter`).

    ## Example
    `A long awaited letter brought a much needed rest.` becomes
    `A long-awaited letter brought a much-needed rest.`

    ## Fix safety
    Safe: the space between the two words becomes a hyphen.
    """

    code = "TYP016"
    name = "compound-adjective"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    def check_paragraph(self, para, ctx):
        text = para.text
        words = para.analysis.lowercase_words
        if _ADJ_FIRST.isdisjoint(words) or _ADJ_SECOND.isdisjoint(words):
            return
        for m in _ADJ_RE.finditer(text):
            words = m.group(1)
            joined = "-".join(words.split())
            yield self.finding(m.start(1), m.end(1), f"Before a noun the two words are one adjective: '{joined}'.",
                               edits=[Edit(m.start(2), m.end(2), "-")], suggestions=(joined,))
