"""GRM003 a-an: `a` before a vowel sound, or `an` before a consonant sound.

The rule's documentation is its class docstring (``betareader explain GRM003``)."""

from __future__ import annotations

import re

from ...model.words import at_sentence_start, cased, next_word, prev_word
from ..base import UNSAFE, register
from ._base import _S, _GrammarRule
from ._data import _a_words, _an_words, _either_words, _letter_initialisms, _word_acronyms

_VOWEL_LETTER_NAMES = frozenset("AEFHILMNORSX")

#: Words that cannot follow an article: after them "a" is a letter or dialect, not an article.
_NOT_AFTER_ARTICLE = frozenset(
    """
    and or nor but of if is isn't are aren't am as at in on it it's its i i'm i'd i'll i've an a
    the until unless upon unto onto into ought ain't also each every either neither oh um uh
    eh ah
    """.replace("'", "’").split()
    + """
    isn't aren't it's i'm i'd i'll i've ain't
    """.split()
)

#: Words after which "an" can only be a slip for "and" ("bread an the butter", "an he said").
_AND_TYPO_NEXT = frozenset(
    """
    the he she they we i you then so but his her their my your our him them me us said say says went go got
    get looked turned took put let made make came come saw see then
    """.split()
)

#: Dialect "a" for "have" (would a gone), "of" (kind a) or "he".
_DIALECT_A_BEFORE = frozenset(
    """
    would could should might must may will shall wouldn't couldn't shouldn't mightn't mustn't
    i'd you'd he'd she'd we'd they'd oughta oughter kind sort lot lots couple outta
    """.split()
)
_DIALECT_MARKERS_RE = re.compile(r"\b(?:an|o|th|tha|wi|nowt|summat|ye|yer|'em|’em)['’](?!\w)|\b(?:ain['’]t|thee|tha|dunnot|nobbut|mun)\b", re.I)

#: First letters that always start a consonant sound, as a word or as a letter's name.
_ALWAYS_CONSONANT = frozenset("bcdgjkpqtvwzBCDGJKPQTVWZ234567923")
_INTERJECTION_RE = re.compile(r"(?i)^(?:u+h+|u+m+|e+r+m*|a+h+|o+h+|h+m+|e+h+|u+r+m*)$")


def _number_sound(tok: str) -> str | None:
    m = re.match(r"(\d[\d,]*)", tok)
    if not m:
        return None
    digits = m.group(1).rstrip(",")
    plain = digits.replace(",", "")
    if plain.startswith("0"):
        return None
    if plain[0] == "8":
        return "v"
    if plain[:2] in ("11", "18"):
        if len(plain) == 2 or re.fullmatch(r"1[18](?:,\d{3})+", digits):
            return "v"  # eleven, eighteen, eleven thousand
        if len(plain) == 3:
            return "c"  # a hundred and ten
        return None  # 1812: "eighteen twelve" or "one thousand…"
    return "c"


def _word_sound(word: str) -> str | None:
    """'v' (vowel sound), 'c' (consonant sound) or None (unknown or either) for a lowercase word."""
    if not word or not word[0].isascii() or not word[0].isalpha():
        return None
    if word in _either_words():
        return None
    if word in _a_words():
        return "c"
    if word in _an_words():
        return "v"
    c = word[0]
    if c in "aeio":
        return "v"
    if c == "u":
        return "v"
    if c == "x":
        return "v" if len(word) > 1 and word[1] not in "aeiouy" else "c"
    if c == "y" and len(word) > 1 and word[1] not in "aeiou":
        return None  # yttrium, Ygritte
    return "c"


def _sound(tok: str, uses_lowercase) -> str | None:
    """"v" (vowel sound), "c" (consonant sound) or None (undecided); ``uses_lowercase(word)``
    tells whether the story writes a word in lowercase (an all-caps word it does is shouted)."""
    if tok[0].isdigit():
        return _number_sound(tok)
    parts = re.split(r"['’]", tok, maxsplit=1)
    core = parts[0]
    first = core.split("-")[0]
    if len(first) == 1:
        if not first.isascii():
            return None
        if "-" in core:
            rest = core[2:]
            if rest[:1].lower() == first.lower():
                return _sound(rest, uses_lowercase) if rest else None  # a stutter: h-horse
            return "v" if first.upper() in _VOWEL_LETTER_NAMES else "c"  # an X-ray, a U-turn
        if first.isupper() and first not in "AI":
            return "v" if first in _VOWEL_LETTER_NAMES else "c"  # an F, a B
        return None
    if first.isupper() or (first[:-1].isupper() and first[-1] == "s" and len(first) > 2):
        caps = first if first.isupper() else first[:-1]
        lead = caps[0]
        if lead not in "FHLMNRSXU":
            return _word_sound(caps.lower())
        if caps in _letter_initialisms():
            return "v" if lead in _VOWEL_LETTER_NAMES else "c"
        if caps in _word_acronyms() or uses_lowercase(caps.lower()):
            return _word_sound(caps.lower())
        if not re.search(r"[AEIOUY]", caps):
            return "v" if lead in _VOWEL_LETTER_NAMES else "c"
        return None
    if first[0].isupper():
        if first[0] == "U" and first.lower() not in _a_words():
            return None  # names: Uma, Ursula, Ulysses
        if any(ch.isupper() for ch in first[1:]) and first[0] != "X":
            return None  # McArthur, LaToya, iPhone-like brands
    return _word_sound(first.lower())


@register
class AAn(_GrammarRule):
    """`a` before a vowel sound, or `an` before a consonant sound.

    ## What it does
    Checks the article against the sound (not the letter) that starts the next word:
    `an hour`, `an honest`, `an heir`, `a university`, `a one-time`, `a European`,
    `a ewe`, `an X-ray`, `a U-turn`, `an MP`, `an FBI agent`, `a UFO`, numbers
    (`an 8`, `an 18-year-old`, `an 11th`, `a 1`, `a 100`). Word lists are data files.

    Not flagged: words where both are in good use (`a/an historic`, `a/an herb`, `an
    hotel`), `a` as a letter (`a and b`, `plan A`, `vitamin A`), a capital `A`/`An` in the
    middle of a sentence, dialect `a` for *have* or *of* (`would a gone`, `kind a odd`),
    dialogue in a dialect that drops letters (`an'`, `th'`), names starting with `U`
    (`a/an Ursula`), years that can be read two ways (`a/an 1812`), and all-capital words
    that are neither known abbreviations nor shouted words of the story.

    In narration, `an` before a pronoun, `the` or a common verb (`bread an the butter`, `an
    he said`) is reported as a slip for `and`.

    ## Why it matters
    `A` goes before a consonant sound and `an` before a vowel sound. The wrong one makes the
    reader stumble over the line, and in dialogue it reads as a typo, not a voice.

    ## Example
    `She waited a hour for an unicorn.` becomes `She waited an hour for a unicorn.`

    ## Fix safety
    Safe: only the article changes, in its own case (`A` → `An`). Unsafe for `an` → `and`.
    """

    code = "GRM003"
    name = "a-an"
    label = "a/an"

    _re = re.compile(  # (?=[aA]) first: the lookbehind and the five articles are tried only at an a
        r"(?=[aA])(?<![\w'’.@/&-])(a|an|A|An|AN)" + _S + r"(?:[*_]+|[\"“])?([^\W_][\w'’-]*)",
    )

    def cache_key(self, ctx):
        return (ctx.dialect,)

    def scan(self, para, ctx):
        text = para.text
        lower_words = ctx.uses_lowercase
        dialect: dict = {}  # quotation (or "paragraph") -> does it show dialect (h-dropping…)?
        a = para.analysis
        for m in self._re.finditer(text):
            art, tok = m.group(1), m.group(2)
            c0 = tok[0]
            if c0 in _ALWAYS_CONSONANT if len(art) == 1 else c0 in "aiAI":
                continue  # a dog, an idea: settled by the first letter
            s = m.start(1)
            if art[0].isupper() and not at_sentence_start(text, s):
                continue  # plan A, vitamin A, Mrs. An
            if art == "AN" and not tok.isupper():
                continue
            if art == "an" and tok.lower() in _AND_TYPO_NEXT and not (a.quotations and a.in_dialogue(s)):
                yield self.finding(s, m.end(1), f"'an {tok}': did you mean 'and'?", "and", applicability=UNSAFE)
                continue
            if tok.lower().replace("'", "’") in _NOT_AFTER_ARTICLE:
                continue
            if tok.lower() == "alot":
                continue  # "a alot" is GRM002's ("a lot"), never "an alot"
            tail = text[m.end(2) : m.end(2) + 1]
            if tail == "." and len(tok) == 1:
                continue  # "a b." initials
            prev = prev_word(text, s).lower().replace("’", "'")
            if prev in ("a", "an", "the"):
                continue  # a doubled article ("a an apple") is TYP006's: fixing both would chain
            if art.lower() == "a" and prev in _DIALECT_A_BEFORE:
                continue
            if prev in ("letter", "letters", "grade", "vitamin", "plan", "type", "size", "cup", "row", "block"):
                continue
            if art.lower() == "an" and tok.lower() == "one" and prev in ("such", "many"):
                continue  # the old idiom "such an one"
            snd = _sound(tok, lower_words)
            if snd is None:
                continue
            want = "an" if snd == "v" else "a"
            if art.lower() == want:
                continue
            if a.quotations and a.in_dialogue(s):
                q = a.quotation_at(s)
                if q not in dialect:  # each speech looked at once, however many articles it holds
                    dialect[q] = _DIALECT_MARKERS_RE.search(text, q.start, q.end(len(text))) is not None
                if dialect[q]:
                    continue
                if want == "a" and dialect.setdefault("paragraph", _DIALECT_MARKERS_RE.search(text) is not None):
                    continue
            if _INTERJECTION_RE.match(tok):
                continue  # "a uhh… thing"
            shouting = tok.isupper() and len(tok) > 1 and next_word(text, m.end(2)).isupper()
            if art == "AN":
                repl = "A"
            elif art == "A" and want == "an":
                repl = "AN" if shouting else "An"
            else:
                repl = cased(art, want)
            word = tok.split("-")[0] if len(tok) > 1 else tok
            yield self.finding(
                s, m.end(1),
                f"Use '{want}' before '{word}': it starts with a {'vowel' if snd == 'v' else 'consonant'} sound.",
                repl,
            )
