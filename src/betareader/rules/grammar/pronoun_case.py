"""GRM027 pronoun-case: a subject pronoun where the object belongs (`between you and I`, `for she and Tim`) and the other way round (`Tim and me went`).

The rule's documentation is its class docstring (``betareader explain GRM027``)."""

from __future__ import annotations

import re

from ...analysis.verbs import verb_forms
from ...model.words import cased, prev_word
from ..base import UNSAFE, register
from ._base import _B, _E, _S, _GrammarRule, _sentence_starts

_OBJECT = {"i": "me", "he": "him", "she": "her", "we": "us", "they": "them"}
_SUBJECT = {v: k for k, v in _OBJECT.items()}
#: prepositions that are nothing else (not `for`, `like`, `before`, `after`, `as`, `than`, which
#: also join clauses: `for he and I were friends` is right)
_PREPS = r"(?:between|to|with|from|of|about|against|without|behind|beside|besides|toward|towards|among|upon|near|at|by)"
#: a preposition, then a subject pronoun joined by `and`/`or` (or standing before the clause's end)
_PREP_SUBJ_RE = re.compile(r"(?i)(?=[btwfoaun])" + _B + _PREPS + _S + r"(?:(?:you|him|her|them|us|me|[A-Z][a-z]+)" + _S
                           + r"(?:and|or)" + _S + r")?(I|he|she|we|they)" + r"(?=" + _S + r"(?:and|or)" + _E
                           + r"|[ \t]*[.,!?;:…—)\"”](?![A-Za-z])|[ \t]*\Z)")
#: a coordinated subject with an object pronoun: `Tim and me went`, `Him and I cheated`, `My mother and her went`
_COORD_OBJ_RE = re.compile(
    r"(?:(Me|Him|Her|Them|Us)" + _S + r"and" + _S + r"(?:I|[A-Z][a-z]+|my[ \t]+[a-z]+)"
    r"|(?:[A-Z][a-z]+|(?:My|His|Her|Our|Their)[ \t]+[a-z]+)" + _S + r"and" + _S + r"(me|him|her|them|us))"
    + _S + r"(?:(?:would|could|should|will|might|must|can|often|always|never|usually|then|just)" + _S + r"){0,2}"
    + r"([a-z]+)" + _E)
#: `let` with a subject pronoun (`Let she do it`), not the proverb's `let he who …`
_LET_RE = re.compile(r"(?i)(?=l)" + _B + r"let" + _S + r"(he|she|they|we|I)" + _S + r"(?!who" + _E + r")([a-z]+)" + _E)


_AUX = frozenset("was were are is had have has did do does would could should will might must can".split())


def _finite_or_base(word: str) -> bool:
    vf = verb_forms()
    return word in vf.past or word in vf.forms or word in vf.third or word in (
        "was", "were", "are", "is", "had", "have", "has", "did", "do", "does", "went")


@register
class PronounCase(_GrammarRule):
    """A subject pronoun where the object belongs (`between you and I`), or an object pronoun as the subject (`Tim and me went`).

    ## What it does
    Finds, in narration: a subject pronoun after a preposition, alone or joined to another
    word by `and` (`between you and I`, `with she and Tim`, `tension between he and his
    roommate`, `Give it to I.`); an object pronoun in a subject joined by `and` that opens
    its sentence and is followed by its verb (`Tim and me went`, `My mother and him went`,
    `Him and I cheated`, `Me and John work`); and `let` with a subject pronoun (`Let she
    do it`). Left alone: `for`, `like`, `before`, `after`, `as` and `than`, which can join
    clauses (`for he and I were friends`), the proverb `let he who …`, and everything inside
    dialogue, where `me and Tim went` is how a character talks.

    ## Why it matters
    After a preposition English takes the object form (`between you and me`); in a subject,
    the subject form (`Tim and I went`). Writers hypercorrect to `you and I` everywhere; readers
    who know the rule stop on it.

    ## Example
    `Between you and I, Tim and me went early.` becomes `Between you and me, Tim and I went early.`

    ## Fix safety
    Unsafe: the pronoun's case is changed; `Me and John` may read better reordered (`John and I`).
    """

    code = "GRM027"
    name = "pronoun-case"
    narration_only = True
    kinds = frozenset({"text"})
    fix_applicability = UNSAFE

    def scan(self, para, ctx):
        text = para.text
        for m in _PREP_SUBJ_RE.finditer(text):
            w = m.group(1)
            if w == "I" and _roman_before(text, m.start(1)):
                continue
            new = _OBJECT[w.lower()]
            yield self.finding(m.start(1), m.end(1), f"After a preposition the object form: `{new}`, not `{w}`.",
                               cased(w, new) if w != "I" else new)
        for m in filter(None, (_COORD_OBJ_RE.match(text, i) for i in _sentence_starts(para))):
            if not _finite_or_base(m.group(3)):
                continue
            g = 1 if m.group(1) else 2
            w = m.group(g)
            verb = m.group(3)
            if w.lower() == "her" and not (verb_forms().is_past_only(verb) or verb in _AUX):
                continue  # `Mrs. March and her husband smiled`: the possessive
            new = _SUBJECT[w.lower()]
            new = "I" if new == "i" else (new.capitalize() if w[0].isupper() else new)
            yield self.finding(m.start(g), m.end(g), f"In the subject the subject form: `{new}`, not `{w}`.", new)
        for m in _LET_RE.finditer(text):
            if prev_word(text, m.start()).lower() in ("to",):
                continue
            w = m.group(1)
            new = _OBJECT[w.lower()]
            yield self.finding(m.start(1), m.end(1), f"After `let` the object form: `{new}`, not `{w}`.",
                               cased(w, new) if w != "I" else new)


def _roman_before(text: str, i: int) -> bool:
    """`I` as a numeral: `King George I and …`, `Part I of …`."""
    return bool(re.search(r"[A-Z][a-z]*[ \t]+\Z", text[max(0, i - 20):i])) and not re.search(
        r"(?i)(?:between|to|with|from|of|about|against|without|behind|beside|besides|toward|towards|among|upon|near|at|by)"
        r"[ \t]+\Z", text[max(0, i - 20):i])
