"""GRM028 extra-or-missing-word: a word left over from an edit (`the a thing`, `He'd would`, `on the on the`) or a verb left out (`I afraid of the dark`).

The rule's documentation is its class docstring (``betareader explain GRM028``)."""

from __future__ import annotations

import re
from functools import lru_cache

from ...model.words import prev_word
from ..base import UNSAFE, Edit, register
from ._base import _B, _E, _S, _GrammarRule

_DET1 = r"(?:the|a|an|my|your|our|their)"
_DET2 = r"(?:the|a|an|my|your|our|their|his|this|these|those)"
#: two determiners in a row: `the a thing`, `I like a this dog` (not `a the` inside a title: the
#: second word must be lowercase; not `that the`, `her the`, `this the`, which are pronoun and article)
_DT_DT_RE = re.compile(r"(?i)(?=[tamyo])" + _B + r"(" + _DET1 + r")" + _S + r"(?-i:(" + _DET2 + r"))" + _S + r"(?=[a-z])")
#: a preposition and a determiner written twice: `on the on the table` (a longer phrase said twice
#: is a figure: `round and round and`, `miles and miles`, `What is done is done`)
_PHRASE_TWICE_RE = re.compile(
    r"(?i)(?=[oiatfwbu])" + _B + r"(((?:on|in|at|to|of|from|with|for|by|into|onto|under|over|about)[ \t]+)(the|a|an|his|her|my|their|your|our))"
    r"[ \t]+\2\3" + _E)
#: `the` + an adverb + `the`: `the exactly the same`
_THE_ADV_THE_RE = re.compile(r"(?i)(?=t)" + _B + r"(the)" + _S + r"(?:exactly|really|very|just|only|actually)" + _S + r"the" + _E)
#: a contraction and its auxiliary again: `He'd would`, `I'm am`, `She's is`, `We're are`, `You'll will`
_CONTRACTED_TWICE_RE = re.compile(
    r"(?i)(?=[iyhswt])" + _B + r"(?:I|you|he|she|it|we|they)['’](d|m|s|ve|re|ll)(" + _S + r"(would|am|is|has|have|are|will))" + _E)
#: a word, an -ly adverb and the same word again (group 3)
_ADVERB_BETWEEN_RE = re.compile(r"(?<![\w'’-])([a-z]{4,})[ \t]+([a-z]+ly)[ \t]+(\1)(?![\w'’-])")
_CONTRACTION_AUX = {"d": ("would",), "m": ("am",), "s": ("is", "has"), "ve": ("have",), "re": ("are",),
                    "ll": ("will",)}
#: two modal verbs in a row: `That could should do`, `How is would this be useful`
_MODALS = "could|should|would|can|might|must|will"
_TWO_MODALS_RE = re.compile(r"(?=[cswmi])" + _B + r"(" + _MODALS + r"|is|are)" + _S + r"(" + _MODALS + r")" + _E)
#: a subject pronoun and `afraid` with no verb: `I afraid of the dark`
_AFRAID_RE = re.compile(r"(?=[IyhswtYHSWT])" + _B + r"(I|you|he|she|we|they|You|He|She|We|They)" + _S + r"(afraid)" + _E)
_BE_FOR = {"i": "am", "you": "are", "we": "are", "they": "are", "he": "is", "she": "is"}


def _needles() -> dict[str, str]:
    """Lowercase strings (single spaces) one of which each pattern's match contains -> the pattern."""
    dets1 = "the a an my your our their".split()
    dets2 = "the a an my your our their his this these those".split()
    out = {f"{x} {y} ": "dt" for x in dets1 for y in dets2 if x != y}
    preps = "on in at to of from with for by into onto under over about".split()
    arts = "the a an his her my their your our".split()
    out.update({f"{p} {d} {p} {d}": "twice" for p in preps for d in arts})
    out.update({f"the {adv} the": "the" for adv in "exactly really very just only actually".split()})
    for ap in "'’":
        for c, auxes in (("d", ("would",)), ("m", ("am",)), ("s", ("is", "has")), ("ve", ("have",)), ("re", ("are",)),
                         ("ll", ("will",))):
            out.update({f"{ap}{c} {aux}": "contr" for aux in auxes})
    modals = "could should would can might must will".split()
    out.update({f"{x} {y}": "modal" for x in modals + ["is", "are"] for y in modals})
    out.update({f"{p} afraid": "afraid" for p in "i you he she we they".split()})
    return out


@lru_cache(maxsize=1)
def _automaton():
    import ahocorasick

    auto = ahocorasick.Automaton()
    for needle, kind in _needles().items():
        auto.add_word(needle, kind)
    auto.make_automaton()
    return auto


def _kinds_present(text: str) -> set[str]:
    """Which patterns may match in ``text``: one Aho–Corasick pass over it, lowercased."""
    return {kind for _end, kind in _automaton().iter(text.lower())}


@register
class ExtraOrMissingWord(_GrammarRule):
    """A word left over from an edit (`the a thing`, `He'd would`, `on the on the table`), or the verb left out before `afraid`.

    ## What it does
    Finds a word repeated around an adverb (`singing loudly singing`), two determiners in a
    row (`the a thing`, `a this dog`, `the my life`), a preposition and its article written
    twice (`on the on the table`), `the` twice around an adverb (`the exactly the same`), a
    contraction followed by the auxiliary it already holds (`He'd would`, `I'm am`, `She's
    is`, `We're are`, `You'll will`), two modal verbs in a row (`could should`, `is would`),
    and, in narration, a pronoun with `afraid` and no verb (`I afraid of the dark`). Left
    alone: `he'd had` (he had had), a longer phrase said twice (`round and round and round`,
    `What is done is done`), `that the`, `her the`, `this the` (a pronoun and an article:
    `gave her the book`, `Is this the place?`), a capitalised second word (`the A-team`), and
    dialogue's `You afraid?`, which is a voice.

    ## Why it matters
    These are the marks of a sentence rewritten halfway: one version's word stayed when the
    other's went in. Spell checkers pass them, since every word is a word, and readers trip.

    ## Example
    `He'd would go if the a storm passed.` becomes `He would go if the storm passed.`

    ## Fix safety
    Unsafe: the extra word is removed (or `am`/`is`/`are` added before `afraid`), but which of
    the two the writer meant to keep is theirs to say.
    """

    code = "GRM028"
    name = "extra-or-missing-word"
    fix_applicability = UNSAFE
    kinds = frozenset({"text", "note"})

    def scan(self, para, ctx):
        text = para.text
        for m in _ADVERB_BETWEEN_RE.finditer(text):
            # `singing loudly singing`: the adverb went in, the old word stayed
            yield self.finding(m.start(3), m.end(3), f"`{m.group(1)}` again after `{m.group(2)}`: one is left over.",
                               edits=(Edit(m.end(2), m.end(3), ""),))
        hits = _kinds_present(text)
        if not hits:
            return
        a = para.analysis
        for m in (_DT_DT_RE.finditer(text) if "dt" in hits else ()):
            first, second = m.group(1).lower(), m.group(2)
            if first == second:
                continue  # `the the`: the doubled-word rule's (TYP006)
            if re.match(r"[ \t]*cappella", text[m.end():]):
                continue
            # keep the second (`There was the a padlock` -> `a padlock`), or the first when it opens
            # the sentence with its capital (`The a storm` -> `The storm`)
            cut = (m.end(1), m.end(2)) if m.group(1)[0].isupper() else (m.start(1), m.start(2))
            yield self.finding(m.start(1), m.end(2), f"Two determiners in a row: `{m.group(1)} {second}`; keep one.",
                               edits=(Edit(*cut, ""),))
        for m in (_PHRASE_TWICE_RE.finditer(text) if "twice" in hits else ()):
            second = m.end(1) + len(text[m.end(1):m.end()]) - len(text[m.end(1):m.end()].lstrip(" \t"))
            yield self.finding(second, m.end(), f"`{m.group(1)}` written twice.",
                               edits=(Edit(m.end(1), m.end(), ""),))
        for m in (_THE_ADV_THE_RE.finditer(text) if "the" in hits else ()):
            yield self.finding(m.start(1), m.end(1), "`the` twice around the adverb: keep the second.",
                               edits=(Edit(m.start(1), m.start(1) + len(m.group(1)) + 1, ""),))
        for m in (_CONTRACTED_TWICE_RE.finditer(text) if "contr" in hits else ()):
            if m.group(3).lower() not in _CONTRACTION_AUX[m.group(1).lower()]:
                continue
            yield self.finding(m.start(3), m.end(3), f"`{m.group(3)}` repeats the contraction's `'{m.group(1)}`.",
                               edits=(Edit(m.start(2), m.end(2), ""),))
        for m in (_TWO_MODALS_RE.finditer(text) if "modal" in hits else ()):
            if a.quotations and a.in_dialogue(m.start()):
                continue  # `might could` is a Southern voice
            before = prev_word(text, m.start()).lower()
            if m.group(1) in ("is", "are") and before not in ("how", "what", "why", "where", "when"):
                continue  # only `How is would this be useful?`
            if m.group(1) in ("will", "can", "must") and before in (
                    "whose", "this", "that", "the", "a", "his", "her", "their", "my", "your", "our", "its", "free",
                    "own", "good", "ill", "iron", "tin", "watering"):
                continue  # `whose will could not be broken`, `This can will be used`: a noun first
            yield self.finding(m.start(1), m.end(2), f"Two verbs where one belongs: `{m.group(1)} {m.group(2)}`.",
                               edits=(Edit(m.start(1), m.start(2), ""),))
        for m in (_AFRAID_RE.finditer(text) if "afraid" in hits else ()):
            if a.quotations and a.in_dialogue(m.start()):
                continue  # `"You afraid?"`: speech drops the verb
            before = prev_word(text, m.start()).lower()
            if before in ("are", "am", "is", "was", "were", "be", "and", "or", "as", "than", "make", "made", "makes",
                          "keep", "kept", "left", "leave", "found", "find", "let"):
                continue
            be = _BE_FOR[m.group(1).lower()]
            yield self.finding(m.start(2), m.end(2), f"`{m.group(1)} afraid` lacks its verb: `{m.group(1)} {be} afraid`.",
                               edits=(Edit(m.start(2), m.start(2), be + " "),))
