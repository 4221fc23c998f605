"""A speaker's name in lowercase in a dialogue tag (DLG014): `"Stop," peter said.`, `"Stop," mum said.`"""

from __future__ import annotations

import re
from collections import Counter

from ..analysis.dialogue import PRONOUNS, speeches, verb_kind
from ..model import DOUBLE
from .base import ALWAYS, SAFE, register
from .dialogue import _DialogueRule

#: family words that, with no "my" or "the" before them, are used as the person's name
KINSHIP = frozenset("mum mom mommy mummy mam mama mamma momma dad daddy papa pa ma grandma grandpa granny gran nana "
                    "nan grandad granddad grandmother grandfather".split())
#: words that can stand where a speaker does in lowercase without being a name
_NOT_SPEAKERS = frozenset(
    """the a an my your his her our their its this that these those some someone somebody everyone everybody
    nobody anyone one another each both all none who which what and but then so he she they we you i it""".split()
) | PRONOUNS
_WORD = r"([a-z][a-z'’-]*)"
#: after a closing quotation with a comma, ? ! … or dash inside: "… peter said"
_AFTER_RE = re.compile(r"[ \t]*[*_]*" + _WORD + r"[ \t]+(?:[a-z]+ly[ \t]+)?([a-z]+)\b")
#: an inverted tag: "… said peter."
_INVERTED_RE = re.compile(r"[ \t]*[*_]*([a-z]+)[ \t]+" + _WORD + r"(?=[*_]*[ \t]*[.,!?;…—]|[ \t]*$)")


@register
class LowercaseSpeakerName(_DialogueRule):
    """A speaker's name written in lowercase in a dialogue tag.

    ## What it does
    Finds the speaker of a tag written in lowercase when it is a name: a word the story
    capitalises mid-sentence in at least two other paragraphs and writes in lowercase at most
    twice (`"You worry too much," peter says.` in a story of Peters), or a family word used
    as a name, with no `my` or `the` before it (`"Dinner!" mum shouted.`, `said dad`).

    ## Why it matters
    A name takes its capital wherever it stands, and `Mum` or `Dad` used as a name is a name.
    In lowercase the reader stops to wonder whether it is someone else.

    ## Example
    `"Can I talk to you?" mum shouted.` becomes `"Can I talk to you?" Mum shouted.`

    ## Fix safety
    Safe: only the first letter is capitalised.
    """

    code = "DLG014"
    name = "lowercase-speaker-name"
    scope = "document"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    def check_document(self, doc, ctx):
        level = doc.style.dialogue_level if doc.style else DOUBLE
        caps: Counter[str] = Counter()
        lower: Counter[str] = Counter()
        candidates = []
        for p in doc.paragraphs:
            if p.kind != "text":
                continue
            a = p.analysis
            caps.update(a.mid_caps)
            for sp in speeches(a, level):
                q = sp.quotation
                if q.close is None or q.close < 1 or sp.attribution is not None:
                    continue
                text = p.text
                if text[q.close - 1] not in ",?!…—–-":
                    continue
                m = _AFTER_RE.match(text, q.close + 1)
                if m and verb_kind(m.group(2)) in ("speech", "both"):
                    candidates.append((p, m.start(1), m.group(1)))
                    continue
                m = _INVERTED_RE.match(text, q.close + 1)
                if m and verb_kind(m.group(1)) in ("speech", "both"):
                    candidates.append((p, m.start(2), m.group(2)))
        if not candidates:
            return
        words = {w for _, _, w in candidates}
        for p in doc.paragraphs:
            if p.kind == "text" and words.intersection(p.analysis.lowercase_words):
                lower.update(words.intersection(p.analysis.lowercase_words))
        for p, s, w in candidates:
            low = w.lower()
            if low in _NOT_SPEAKERS:
                continue
            cap = w[0].upper() + w[1:]
            if low not in KINSHIP and not (caps[cap] >= 2 and lower[w] <= 2):
                continue
            yield self.finding(p.start + s, p.start + s + len(w),
                               f"The speaker's name takes a capital: '{cap}'.", cap)
