"""A name of more than one word that the story capitalises, written once with a lowercase word (TYP018)."""

from __future__ import annotations

import re
from collections import Counter

from ..analysis.dialogue import title_like
from ..model.words import at_sentence_start
from .base import ALWAYS, SAFE, Rule, register

#: two words, the first capitalised: "Pellow Lane", "Pellow lane"
_PAIR_RE = re.compile(r"(?<![\w'’-])([A-Z][a-z][\w'’-]*)(?=[ \t]+([A-Za-z][a-z][\w'’-]*)(?![\w'’-]))")
#: two capitalised words: "Pellow Lane"
_CAPS_PAIR_RE = re.compile(r"([A-Z][a-z][\w'’-]*)(?=[ \t]+([A-Z][a-z][\w'’-]*)(?![\w'’-]))")
#: second words that are ordinary after a name in any story ("Mara said", "London and"), never flagged
_COMMON_AFTER = frozenset(
    """and or but the a an of in on at to for with from by as is was were are be been had has have said says
    asked told looked turned smiled nodded walked went came sat stood took got gave made did would could should
    will can might must may not never just only also still then than that this these those who which what when
    where while if so""".split()
)


_SMALL = frozenset("the a an in at of on to from for by with and or".split())
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][\w'’-]*)[ \t]+$")
_WORD_AFTER_RE = re.compile(r"[ \t]+([A-Za-z][\w'’-]*)")


def _in_longer_title(text: str, s: int, e: int) -> bool:
    """Is the pair at ``s``..``e`` part of a run of three capitalised words or more (a title or a
    nickname: "Mistress Mary Quite Contrary"), small words like "The" aside?"""
    b = _WORD_BEFORE_RE.search(text, max(0, s - 30), s)
    if b and b.group(1)[0].isupper() and b.group(1).lower() not in _SMALL:
        return True
    a = _WORD_AFTER_RE.match(text, e)
    return bool(a and a.group(1)[0].isupper() and a.group(1) != "I")


@register
class InconsistentProperName(Rule):
    """A name of two words that the story capitalises, written elsewhere with a lowercase second word.

    ## What it does
    Finds `Pellow lane` in a story that writes `Pellow Lane` at least twice as often (and at
    least twice, not counting headings and longer capitalised runs such as a nickname, `Mistress
    Mary Quite Contrary`): the story itself shows the name. The pair must stand
    mid-sentence, so a sentence that opens with an ordinary word (`Black cats…` beside `the
    Black Cats`) is not flagged.

    ## Why it matters
    A place, a team or a title is one name; capitalised in one place and not in the other,
    the reader wonders whether they are two things.

    ## Example
    In a story that writes `Pellow Lane` twice, `They shopped in Pellow lane.` becomes
    `They shopped in Pellow Lane.`

    ## Fix safety
    Safe: only the first letter of the second word is capitalised, as the story does elsewhere.
    """

    code = "TYP018"
    name = "inconsistent-proper-name"
    scope = "document"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    def check_document(self, doc, ctx):
        caps: Counter[tuple[str, str]] = Counter()
        paras = [p for p in doc.paragraphs if p.kind == "text"]
        for p in paras:
            text = p.text
            if not _CAPS_PAIR_RE.search(text):
                continue
            heading = title_like(text)  # "Mary Quite Contrary" shows no name
            if heading:
                continue
            for m in _CAPS_PAIR_RE.finditer(text):
                i = m.start(1)
                if i and (text[i - 1].isalnum() or text[i - 1] in "'’-_"):
                    continue  # (inside a word: the start is checked here, so the search runs fast)
                if not _in_longer_title(text, m.start(1), m.end(2)):
                    caps[(m.group(1), m.group(2))] += 1
        wanted = {(f, s_[0].lower() + s_[1:]): n for (f, s_), n in caps.items()
                  if n >= 2 and s_[1:].islower() and s_.lower() not in _COMMON_AFTER}
        if not wanted:
            return
        firsts = {f for f, _ in wanted}
        seconds = frozenset(s_ for _, s_ in wanted)
        found: list[tuple[int, int, str, str, str]] = []
        for p in paras:
            if seconds.isdisjoint(p.analysis.lowercase_words):
                continue  # (the second word in lowercase is what is looked for)
            text = p.text
            for m in _PAIR_RE.finditer(text):
                first, second = m.group(1), m.group(2)
                if first not in firsts or (first, second) not in wanted:
                    continue
                if at_sentence_start(text, m.start(1)):
                    continue
                found.append((p.start + m.start(2), p.start + m.end(2), first, second, text))
        low_counts = Counter((f, s_) for _, _, f, s_, _ in found)
        for s_, e, first, second, _ in found:
            n = wanted[(first, second)]
            if n < 2 * low_counts[(first, second)]:
                continue
            cap = second[0].upper() + second[1:]
            yield self.finding(s_, e, f"The story writes '{first} {cap}' elsewhere: '{cap}'.", cap)
