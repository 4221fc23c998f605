"""GRM021 participle-form: the simple past after `had`/`have` (`had went`), a participle as the simple past (`she begun`).

The rule's documentation is its class docstring (``betareader explain GRM021``)."""

from __future__ import annotations

import re
from functools import lru_cache

from ...model.words import cased, find_word, prev_word
from ..base import register
from ._base import _B, _E, _S, _GrammarRule
from ._data import _lines

#: participles that are never a simple past, and that past: "she begun" -> "she began" (not
#: "sung", "sunk", "sprung", "shrunk": older books and some dictionaries give them as pasts)
_PAST_OF = {"begun": "began", "swum": "swam"}
#: words before the subject that show it opens a clause ("and he had went"), not a relative
#: clause whose "had" is a verb of its own ("the money he had went to charity")
_CLAUSE_OPENERS = frozenset(
    "and but so then when because as after before until till since if once while though although or yet "
    "now soon suddenly finally".split()
)
_AUX = frozenset("has have had is was were are am did does do will would could should can may might must".split())


@lru_cache(maxsize=1)
def _participles() -> dict[str, str]:
    out = {}
    for line in _lines("past_participles.txt"):
        past, part = line.split()
        out[past] = part
    return out


@lru_cache(maxsize=1)
def _PASTS_SET() -> frozenset[str]:
    return frozenset(_participles())


@lru_cache(maxsize=1)
def _have_before_re() -> re.Pattern:
    """A form of "have" with its subject or modal, ending where the past form starts."""
    return re.compile(
        r"(?i)" + _B + r"(?:(he|she|I|they|we|you|it)" + _S + r"(?:had|have|has)|(he|she|I|they|we|you|it)(?:'d|’d|'ve|’ve)"
        r"|(?:could|would|should|must|might|may)(?:" + _S + r"(?:not|never))?" + _S + r"have"
        r"|(?:could|would|should|must|might)(?:'ve|’ve))"
        r"(?:" + _S + r"(?:just|already|never|not|finally|almost|nearly|only|even|since|also|always|barely|"
        r"hardly|probably|clearly|actually|recently|once|all|both))?" + _S + r"\Z")


#: an inverted `have` and its subject (`have you`), or `been`, then the word read as the participle
_INVERTED_HAVE_RE = re.compile(r"(?i)" + _B + r"(?:(?:have|has|had)" + _S + r"(?:you|he|she|they|we|I|it)|been)" + _S
                               + r"([a-z]+)" + _E)
_SUBJECT_RE = re.compile(r"(?i)" + _B + r"(he|she|I|they|we|it|and)" + _S + r"(" + "|".join(_PAST_OF) + r")" + _E)
#: a form of "have" earlier in the sentence, which "and begun" may share ("had stood and begun")
_HAVE_BEFORE_RE = re.compile(r"(?i)" + _B + r"(?:had|have|has|having|'d|’d|'ve|’ve|'s|’s)" + _E + r"|(?<=\w)(?:'d|’d|'ve|’ve|'s|’s)" + _E)


@register
class ParticipleForm(_GrammarRule):
    """The simple past where the participle belongs (`had went`), or the other way round (`she begun`).

    ## What it does
    Finds a simple past after `had`, `have` or `has` with a pronoun subject (`she had went`,
    `I've took`, `he'd ran`) or after a modal and `have` (`could have came`, `should've
    wrote`), and gives the participle (`gone`, `taken`, `run`, `come`, `written`); and a
    participle standing alone as the past after a pronoun or after `and` in a sentence with no
    `have` (`she begun to run`, `they swum back`, `stood up and begun to walk`), and gives
    the past (`began`, `swam`). The verbs are the data file `past_participles.txt`.

    Only narration is checked: in dialogue `I had went` may be a character's voice. A
    question (`Has she begun?`) and a relative clause whose `had` is a verb of its own (`the
    money he had went to charity`) are left alone.

    ## Why it matters
    Perfect tenses take the participle: `had gone`, not `had went`. In narration the slip
    reads as a mistake, not a voice.

    ## Example
    `She had went home before he begun to sing.` becomes `She had gone home before he began to sing.`

    ## Fix safety
    Safe: the verb is replaced by its other standard form, in the same case.
    """

    code = "GRM021"
    name = "participle-form"
    narration_only = True
    needles = ("had", "have", "has", "'d", "’d", "'ve", "’ve", "been", "begun", "swum")

    def scan(self, para, ctx):
        text = para.text
        parts = _participles()
        words = para.analysis.lowercase_words
        before = _have_before_re()
        found = []
        for past in _PASTS_SET().intersection(words):
            for m in find_word(text, past):
                i = m.start()
                h = before.search(text, max(0, i - 60), i)
                if h is None:
                    continue
                subj = h.start(1) if h.group(1) else (h.start(2) if h.group(2) else None)
                if subj is not None and not self._opens_clause(text, subj):
                    continue
                found.append((i, m.end(), m.group(0)))
        for m in _INVERTED_HAVE_RE.finditer(text):
            # `Have you went?`, `What have you did?`, `The gift has been gave.`
            word = m.group(1)
            low = word.lower()
            if low in parts and low != parts[low] and all(s != m.start(1) for s, _e, _w in found):
                found.append((m.start(1), m.end(1), word))
        for s, e, word in sorted(found):
            new = cased(word, parts[word.lower()])
            yield self.finding(s, e, f"After 'have' the participle: '{new}', not the simple past '{word}'.", new)
        if _PAST_OF.keys().isdisjoint(words):
            return
        for m in _SUBJECT_RE.finditer(text):
            w = prev_word(text, m.start(1)).lower()
            if w in _AUX or w in ("'s", "’s"):
                continue  # "Has she begun?"
            if m.group(1).lower() == "and":
                start = max(text.rfind(c, 0, m.start()) for c in ".!?\n") + 1
                if _HAVE_BEFORE_RE.search(text, start, m.start()):
                    continue  # "She had stood up and begun to walk."
            word = m.group(2)
            new = cased(word, _PAST_OF[word.lower()])
            yield self.finding(m.start(2), m.end(2),
                               f"'{word}' needs 'have' or 'had' before it; the simple past is '{new}'.", new)

    @staticmethod
    def _opens_clause(text: str, i: int) -> bool:
        """Does the subject at ``i`` open a clause (sentence start, after punctuation or a
        conjunction), rather than end a noun phrase ("the money he had")?"""
        j = i
        while j > 0 and text[j - 1] in " \t*_":
            j -= 1
        if j == 0 or text[j - 1] in ".!?,;:—–…\"“”‘(\n":
            return True
        return prev_word(text, i).lower() in _CLAUSE_OPENERS
