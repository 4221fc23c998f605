"""Which words a fiction speller may call misspelt.

Two stages, so that an edit re-checks in milliseconds:

1. :func:`paragraph_spelling` (a pure function of one paragraph's text, cached) finds the words the
   lexicon does not know and that no context-free fiction policy excuses: stutters (``W-what``),
   elongations (``Nooooo``), sounds (``hmm``, ``shhh``), dialect elisions (``goin'``, ``'em``,
   ``cert'nly``), g-dropping in speech (``somethin``), derived and compound words built from known
   parts, foreign phrases, URLs, e-mail addresses and all-caps acronyms; and it measures how much eye
   dialect the paragraph's speech shows.
2. :func:`judge` gives each candidate a verdict with what the whole story shows: nothing (the story's
   names and invented words, capitalised and never written lowercase or used three times or more; the
   personal dictionary), CRAFT (a word the speller cannot call wrong: far from any common word, or an
   odd word in a speech that shows eye dialect), or ERROR.

A word that is one slip away from a common word (``recieve``, ``teh``) is never excused by the
derivation, compound or foreign policies: those exist for words that look nothing like a common word.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

from ..model import memo
from ..model.quotes import APOSTROPHE
from ..model.scan import chunks
from .lexicon import APOSTROPHES, fold, get_lexicon
from .shape import garbled, spelling_slip, typing_slip

#: a word with internal apostrophes, optionally hyphenated into parts
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*")
_PART_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

PREFIXES = ("un", "re", "over", "under", "out", "non", "half", "self", "mis", "dis", "fore", "after",
            "up", "in", "sub", "super", "counter", "semi", "pre", "well", "ever", "never")
SUFFIXES = ("eth", "est", "ly", "ness", "less", "like", "ful", "fuls", "ish", "est", "er", "ers", "ings", "ing", "ed",
            "es", "s", "y", "ment", "ments", "ward", "wards", "some", "hood", "ship", "dom")
_BAD_NT = re.compile(
    r"^(?:did|does|do|could|would|should|was|were|is|are|has|have|had|must|need|might|ca|wo|sha)'nt$"
)
_SOUND_RE = re.compile(
    r"^(?:h+m+|m+h*m*|h+u+h+|s+h+|p+s+t+|t+s+k+|u+g+h+|a+r+g+h+|o+o+f+|a+h+|o+h+|o+o+h+|u+h+|u+m+|e+r+m*|"
    r"g+r+|p+f+t+|e+w+|a+w+|h+a+(?:h+a+)*h*|h+e+(?:h+e+)*h*|m+p+h+|n+g+h+|w+h+o+a+|y+a+y+|z+)$"
)
_ELONGATED_RE = re.compile(r"([^\W\d_])\1\1")
#: words a grammar rule reports with a better message (GRM002: alot)
_GRAMMAR_OWNS = frozenset({"alot"})
#: contractions written without their apostrophe (dont, im, youre): never excused as foreign or derived
_CONTRACTION_WORDS = frozenset(
    "dont didnt doesnt isnt wasnt werent couldnt wouldnt shouldnt hasnt havent hadnt arent mustnt neednt "
    "im ive youre youve youll youd theyre theyve theyll theyd weve thats itll thatll wouldve couldve "
    "shouldve mightve".split()
)
@lru_cache(maxsize=1)
def _dialect_re() -> re.Pattern:
    """Any word of the eye-dialect list, as a whole word, either apostrophe."""
    alts = sorted((re.escape(w).replace("'", "['’]") for w in dialect_words()), key=len, reverse=True)
    return re.compile(r"(?<![\w'’])(?:" + "|".join(alts) + r")(?![\w'’])", re.I)


_RUN_RE = re.compile(r"[\w'’]+")


def _may_have_dialect_word(text: str) -> bool:
    """Can :func:`_dialect_re` match in ``text``? A match is a whole run of word characters and
    apostrophes, so a set lookup of the runs says (a quick test: most paragraphs have none); the three
    non-ASCII characters its re.I folds onto ASCII letters other than by lowercasing send it to the regex."""
    words = _dialect_runs()
    if words is None or (not text.isascii() and any(c in text for c in "\u0130\u0131\u017f")):
        return True
    return not words.isdisjoint(_RUN_RE.findall(text.lower().replace("’", "'")))


@lru_cache(maxsize=1)
def _dialect_runs() -> frozenset[str] | None:
    """The dialect words with straight apostrophes (None if one is not a single run: no quick test)."""
    words = frozenset(w.replace("’", "'") for w in dialect_words())
    return words if all(_RUN_RE.fullmatch(w) for w in words) else None


def _word_list(name: str) -> set[str]:
    base = resources.files("betareader").joinpath("data", "spelling")
    out = set()
    for line in base.joinpath(name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.add(line.lower())
    return out


@lru_cache(maxsize=1)
def dialect_words() -> frozenset[str]:
    """Eye-dialect spellings (``jist``, ``dinnae``, ``wot``): accepted, and a sign of a voice in speech."""
    return frozenset(_word_list("dialect.txt"))


@lru_cache(maxsize=1)
def shorthand_words() -> frozenset[str]:
    """Internet shorthand (``lol``, ``tbh``, ``ngl``): words, written in lowercase by convention."""
    return frozenset(_word_list("shorthand.txt"))


@lru_cache(maxsize=1)
def _data() -> tuple[frozenset[str], dict[str, str]]:
    base = resources.files("betareader").joinpath("data", "spelling")
    fiction = _word_list("fiction.txt") | dialect_words() | shorthand_words()
    runons: dict[str, str] = {}
    for line in base.joinpath("runons.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            w, fix = line.split("\t")
            runons[w] = fix
    return frozenset(fiction), runons


def fiction_words() -> frozenset[str]:
    return _data()[0]


def runons() -> dict[str, str]:
    return _data()[1]


#: both words of a run-together pair found by :func:`split_common` are at least this common (Zipf;
#: about the hundred commonest: the, of, and, to, in, it, was, on, that, with, his, they ...)
RUNON_PART_ZIPF = 6.0


@lru_cache(maxsize=50_000)
def split_common(lw: str) -> str | None:
    """``lw`` as the only way to read it as two of the commonest words run together (``onthe``:
    "on the", ``ofthe``, ``itwas``), or None.  The first word has two letters at least, the second
    three: a two-letter tail is how dialect drops a letter (``goin``, ``doin``, ``dono``) and how
    other languages look (``soit``, ``hein``)."""
    if not (5 <= len(lw) <= 12) or not lw.isascii() or not lw.isalpha():
        return None
    z = get_lexicon().zipf
    splits = [(lw[:i], lw[i:]) for i in range(2, len(lw) - 2)
              if z(lw[:i]) >= RUNON_PART_ZIPF and z(lw[i:]) >= RUNON_PART_ZIPF]
    return " ".join(splits[0]) if len(splits) == 1 else None


@dataclass(frozen=True, slots=True)
class Candidate:
    """A word the lexicon does not know, at ``text[start:end]`` of its paragraph."""

    start: int
    end: int
    word: str  # as written (one part of a hyphenated word)
    lower: str  # folded: lowercase, straight apostrophe, accents folded
    reason: str  # "unknown", "runon", "nt" (misplaced n't) or "contraction" (dont)
    dialogue: bool
    emphasis: bool
    capital: bool  # starts with a capital letter (and is not all caps)
    sentence_start: bool
    near: float  # Zipf of the commonest word one slip away (0.0: none)
    dialect: int = 0  # signs of eye dialect in the paragraph's speech (goin', 'em, cert'nly, somethin)
    rare: bool = False  # a rare SCOWL word one slip from a very common one (cors, wase), in speech
    voice: int = 0  # odd lowercase words in the paragraph's speech, this one included


# --------------------------------------------------------------------------- word tests


@lru_cache(maxsize=200_000)
def known(lw: str) -> bool:
    """The folded word is English: in the lexicon, the fiction list, or a sound."""
    lex = get_lexicon()
    if lex.has(lw):
        return True
    fw = fiction_words()
    if lw in fw or (lw.endswith("'s") and lw[:-2] in fw):
        return True
    return bool(_SOUND_RE.match(lw))


@lru_cache(maxsize=100_000)
def derived(lw: str) -> bool:
    """Built from a known word by one common prefix or suffix (``unpictured``, ``chattily``)."""
    lex = get_lexicon()
    has = lex.has
    for p in PREFIXES:
        if lw.startswith(p) and len(lw) - len(p) >= 4 and has(lw[len(p):]):
            return True
    for s in SUFFIXES:
        if lw.endswith(s) and len(lw) - len(s) >= 4:
            b = lw[: -len(s)]
            if s == "ly" and b.endswith("ic"):
                continue  # basicly, ironicly: -ically is the only spelling
            if has(b) or has(b + "e"):
                return True
            if len(b) > 2 and b[-1] == b[-2] and has(b[:-1]):
                return True
            if b.endswith("i") and has(b[:-1] + "y"):
                return True
    return False


#: a plural the lexicon lacks is excused when its base is this common (Zipf) ... but not when it is so
#: common that the lexicon would list its plural if it were a noun: ``thoughs``, ``lates``, ``togethers``
PLURAL_BASE_MIN = 2.5
PLURAL_BASE_MAX = 4.5

_INFLECTIONS = ("ings", "eth", "ier", "iest", "ish", "less", "like", "ward", "wards")


@lru_cache(maxsize=100_000)
def inflected(lw: str) -> bool:
    """A common word with an inflection the lexicon lacks (``carryings``, ``giveth``, ``townward``, ``agues``).

    Stricter than :func:`derived`: the base must be a common word (Zipf >= 3), so that slips like
    ``comming`` are not excused.
    """
    lex = get_lexicon()
    z = lex.zipf
    for s in _INFLECTIONS:
        if lw.endswith(s) and len(lw) - len(s) >= (3 if s == "eth" else 4):  # taketh, maketh
            b = lw[: -len(s)]
            doubled = b[:-1] if len(b) > 2 and b[-1] == b[-2] and b[-1] not in "aeiou" else None
            for base in (b, b + "e", b[:-1] + "y" if b.endswith("i") else None, doubled):
                if base and z(base) >= 3.0:
                    return True
    # a plural the lexicon lacks (elations, agues, goodnights), not one spelt wrong (wifes, potatos,
    # lullabys, branchs, wishs, boxs: after a hissing sound English writes -es)
    if lw.endswith("s") and len(lw) >= 5 and not lw.endswith(("fs", "fes", "os", "ys", "ss", "chs", "shs", "xs", "zs")):
        return PLURAL_BASE_MIN <= z(lw[:-1]) < PLURAL_BASE_MAX and lw[:-1] in lex.words
    return False


@lru_cache(maxsize=100_000)
def compound(lw: str) -> bool:
    """Two common words (Zipf >= 3.5; >= 4.5 when the second has three letters) run together into one
    (``grassblade``, ``toolhouse``, ``cleancut``), not a listed run-on."""
    if lw in runons():
        return False
    lex = get_lexicon()
    z = lex.zipf
    for i in range(3, len(lw) - 2):
        a, b = lw[:i], lw[i:]
        least = 4.5 if len(b) == 3 else 3.5  # a short second part only when both are very common (cleancut)
        if z(a) >= least and z(b) >= least and a in lex.words and b in lex.words:
            return True
    return False


class _Common:
    """Common words (Zipf >= 3) by length, for the one-slip test."""

    def __init__(self) -> None:
        self.by_len: dict[int, list[str]] = {}
        for w in get_lexicon().words_with_zipf(3.0):
            if w.isalpha():
                self.by_len.setdefault(len(w), []).append(w)


@lru_cache(maxsize=1)
def _common() -> _Common:
    """Built from the lexicon once, then read from the disk cache."""
    from .. import diskcache
    from .lexicon import data_key

    return diskcache.load_or_build("common_by_length", diskcache.fingerprint(data_key(), diskcache.module_source(__file__)),
                                   _Common)


@lru_cache(maxsize=100_000)
def near2_common(lw: str) -> bool:
    """Two edits from a word with Zipf >= 3.5 that starts with the same letter (``beautyfull``)."""
    if len(lw) < 6 or not lw.isalpha():
        return False
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    common = _common().by_len
    n = len(lw)
    for length in range(n - 2, n + 3):
        choices = common.get(length)
        if not choices:
            continue
        for w, _, _ in process.extract(lw, choices, scorer=OSA.distance, score_cutoff=2, limit=20):
            if w[0] == lw[0] and get_lexicon().zipf(w) >= 3.5:
                return True
    return False


@lru_cache(maxsize=100_000)
def near_common(lw: str) -> float:
    """The Zipf frequency of the commonest word (Zipf >= 3) one edit away (insert, delete,
    substitute, swap two letters), or 0.0.

    A word near a common word is far more likely a slip (``recieve``, ``teh``, ``becuase``) than a
    coinage.
    """
    if len(lw) < 2 or not lw.isalpha():
        return 0.0
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    common = _common().by_len
    z = get_lexicon().zipf
    n = len(lw)
    best = 0.0
    for length in (n, n - 1, n + 1):
        choices = common.get(length)
        if choices:
            for w, _, _ in process.extract(lw, choices, scorer=OSA.distance, score_cutoff=1, limit=None):
                best = max(best, z(w))
    return best


#: a word whose best suggestion is a very common word (Zipf >= SLIP_ZIPF) at most SLIP_COST weighted
#: edits away (a swap and a vowel, two swaps, one plain edit and a doubling: see suggest.weighted_osa)
SLIP_COST = 1.35
SLIP_ZIPF = 4.0


@lru_cache(maxsize=100_000)
def slip_of_common(lw: str) -> bool:
    """Is the best suggestion for ``lw`` a very common word a cheap slip away (``tihkn``, ``owudl``,
    ``seiad``)? The ranking is the one SPL001 and SPL005 show (cached per word), so asking costs nothing
    more for a word that is reported either way."""
    from .suggest import ranked

    best = ranked(lw, 1)
    return bool(best) and best[0].distance <= SLIP_COST and get_lexicon().zipf(best[0].word) >= SLIP_ZIPF


# --------------------------------------------------------------------------- stage 1


def paragraph_candidates(text: str) -> tuple[Candidate, ...]:
    """Unknown words of one paragraph that no context-free policy excuses (relative offsets)."""
    return paragraph_spelling(text).candidates


#: a paragraph with at least this many unknown words, making up at least NOT_ENGLISH_SHARE of its
#: words, is another language, code or a cipher: the speller leaves it alone (and stays fast on it)
NOT_ENGLISH_MIN = 12
NOT_ENGLISH_SHARE = 0.4


#: a word not touching a digit or a technical character (3rd, 1920s, @name, a/b)
_TOKEN_RE = re.compile(r"(?<![\d@#/\\])(?<![^\W\d_])(?:" + WORD_RE.pattern + r")(?![^\W_])")


@lru_cache(maxsize=200_000)
def _known_token(token: str) -> bool:
    return "-" not in token and known(token.lower().translate(APOSTROPHES) if token.isascii() else fold(token))


#: longer than the longest word in the lexicon (pneumonoultramicroscopicsilicovolcanoconiosis):
#: not a word to suggest for, and splitting it into parts would cost time in its square
MAX_WORD = 45
#: a hyphenated token longer than this is not checked part by part either
MAX_TOKEN = 160


@lru_cache(maxsize=65536)
def _unknown_tokens(text: str) -> tuple[tuple[tuple[int, int, str], ...], int]:
    """The words of a paragraph the lexicon does not know as written (hyphenated ones always
    included, to be checked part by part), and how many words it has.  A "word" of more than
    :data:`MAX_TOKEN` characters (a row of letters pasted by mistake, a base64 blob) is left
    alone: no suggestion could help, and checking it would cost far more than the story."""
    distinct: set[str] = set()
    n = 0
    for lo, hi in chunks(text):  # a megabyte at a time: no list of every word of a huge paragraph
        words = _TOKEN_RE.findall(text, lo, hi)
        n += len(words)
        distinct.update(words)
    unknown = {w for w in distinct if len(w) <= MAX_TOKEN and not _known_token(w)}
    if not unknown:
        return (), n
    return tuple((m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text) if m.group() in unknown), n


memo.per_text(_unknown_tokens.cache_clear)


def unknown_share(text: str) -> tuple[int, int]:
    """(unknown words, words) of a paragraph: a quick look before the real check."""
    tokens, n = _unknown_tokens(text)
    return len(tokens), n


def not_english(unknown: int, words: int, least: int = NOT_ENGLISH_MIN) -> bool:
    return unknown >= least and unknown >= NOT_ENGLISH_SHARE * words



class ParagraphSpelling(NamedTuple):
    candidates: tuple[Candidate, ...]
    #: signs of eye dialect in the paragraph's speech (elisions, dialect words, two or more odd words)
    speech_dialect: int
    #: the paragraph has speech (a quotation)
    speech: bool = False


@lru_cache(maxsize=65536)
def paragraph_spelling(text: str) -> ParagraphSpelling:
    """Candidates of one paragraph and how much eye dialect its speech shows."""
    from ..model.paragraph import analyze_paragraph
    from ..model.words import at_sentence_start, protected_spans

    tokens, n_words = _unknown_tokens(text)
    if not_english(len(tokens), n_words):
        return ParagraphSpelling((), 0)
    a = analyze_paragraph(text)
    out: list[Candidate] = []
    protected = None
    apostrophes = {m.pos for m in a.marks if m.role == APOSTROPHE}
    markers: list[int] = []  # where the paragraph shows eye dialect
    for s, e, token in tokens:
        if protected is None:
            protected = protected_spans(text)
        if protected and any(ps < e and s < pe for ps, pe in protected):
            continue
        if a.markup and any(ms <= s < me for ms, me in a.markup if text.startswith("<!--", ms)):
            continue
        # an elided word: goin', 'em, o'
        elided = (e in apostrophes) or (s - 1 in apostrophes)
        parts = [(pm.start() + s, pm.end() + s, pm.group()) for pm in _PART_RE.finditer(token)]
        if len(parts) > 1:
            whole = fold(token)
            if known(whole) or known(whole.replace("-", "")) or known(_joined(whole)) or (
                whole.endswith("s") and known(whole[:-1])
            ):
                continue  # run-together forms, plurals (forget-me-nots), stretched words (cr-r-eature)
            if _reduplicative(parts):
                continue
            if parts[0][2][:1].isupper() and not known(fold(parts[0][2])):
                continue  # a name's compound (Bhaer-garten)
            parts = _drop_stutters(parts)
        for ps, pe, word in parts:
            lw = fold(word)
            if lw.endswith("'s") and len(lw) > 3:  # a possessive: check the word itself
                lw, word, pe = lw[:-2], word[:-2], pe - 2
            if len(lw) < 2 or len(lw) > MAX_WORD or known(lw) or lw in _GRAMMAR_OWNS:
                continue
            if len(parts) > 1 and pe == parts[-1][1] and lw.endswith("s") and known(lw[:-1]):
                continue  # the plural of a compound (forget-me-nots, ne'er-do-wells)
            rare = lw in get_lexicon().rare
            if rare and len(parts) > 1:
                continue  # a rare word in a compound (ill-kempt, cure-alls)
            if _split_by_dash(text, ps, pe):
                continue  # simp—ly: one word broken by a dash for emphasis
            # a fragment broken off by emphasis (try*inger*) or before a dash restart (prac—practically)
            if (ps and text[ps - 1] in "*_" and ps >= 2 and text[ps - 2].isalpha()) or (
                pe < len(text) and text[pe] in "*_" and pe + 1 < len(text) and text[pe + 1].isalpha()
            ):
                continue
            if pe < len(text) and text[pe] in "—–-":
                after = text[pe + 1 : pe + 1 + len(word)]
                if after.lower() == lw or not after[:1].isalpha():
                    continue  # a restart (prac—practically) or a cut-off word ("It's prac—")
            if pe < len(text) and text.startswith(("...", "…"), pe) and word.islower() and _cut_off(lw, True):
                continue  # a word cut off as the speech trails away ("I was going to sa...")
            if ps and _after_opening_ellipsis(text, ps) and word.islower() and _cut_off(lw, False):
                continue  # a quotation that opens partway into a word ("...mptoms that are")
            if not word.translate(APOSTROPHES).isascii():
                continue  # accented unknown words are foreign (liberté, désillusionnée)
            if pe < len(text) and text[pe] == "." and word[:1].isupper() and len(word) <= 4:
                continue  # an abbreviation (Edw., Thos.)
            if word[:1].isupper() and _ALONE_IN_QUOTES_RE.match(text, pe) and ps and text[ps - 1] in "\"“‘'":
                continue  # a name called out, the whole line of speech: "Cas?", "Ren!"
            c = _candidate(text, a, ps, pe, word, lw, elided and len(parts) == 1, at_sentence_start)
            if c is not None and rare and c.dialogue:
                c = replace(c, rare=True)  # a slip in narration, but maybe a voice in speech (marm, shet)
            if c is None:
                if "'" in lw or elided or (lw.endswith("in") and known(lw + "g")):
                    markers.append(ps)
            else:
                out.append(c)
    if out:
        out = _foreign_runs(text, out)
    strength = 0
    speech = [c for c in out if c.dialogue]
    if a.quotations:
        # how strongly this paragraph's speech shows a voice: elisions, dialect words, odd words
        voice = [c for c in speech if c.reason == "unknown" and not c.capital]
        strength = sum(1 for p in markers if a.in_dialogue(p))
        strength += _known_elisions(text, a, apostrophes, tokens)
        if _may_have_dialect_word(text):
            strength += 2 * sum(1 for m in _dialect_re().finditer(text) if a.in_dialogue(m.start()))
        if len(voice) > 1:
            strength += len(voice)
        if strength:
            out = [replace(c, dialect=strength - (c in voice and len(voice) > 1), voice=len(voice)) if c.dialogue
                   else c for c in out]
    return ParagraphSpelling(tuple(out), strength, bool(a.quotations))


memo.per_text(paragraph_spelling.cache_clear)


_LITERARY_ELISIONS = ("tis", "twas", "twere", "twill", "twould")


def _known_elisions(text: str, a, apostrophes: set[int], tokens) -> int:
    """Elided words in speech that the lexicon knows as other words (``’ere``, ``o’``, ``an’``,
    ``’im``): eye dialect that the unknown-word markers cannot see. Not the plural possessive
    (``the girls’``) nor the literary ``’tis``/``’twas``. One alone (``tell ’em``, ``’Frisco``) is no
    voice: counted from two up."""
    n = 0
    for p in apostrophes:
        before = text[p - 1] if p else ""
        after = text[p + 1] if p + 1 < len(text) else ""
        if before.isalpha() == after.isalpha():
            continue  # inside a word (don’t) or standing alone
        if any(s - 1 <= p <= e for s, e, _ in tokens):
            continue  # an unknown word: counted as a marker already
        if before.isalpha():
            if before in "sS":
                continue  # the girls’ coats
        elif text[p + 1 : p + 6].lower().startswith(_LITERARY_ELISIONS):
            continue
        if a.in_dialogue(p):
            n += 1
    return n if n >= 2 else 0


#: function words of French, German, Italian, Spanish and Latin that English spells the same way
FOREIGN_FUNCTION = frozenset(
    "le la les une des du et est que qui pas ne mais ou pour sur avec dans cette il elle nous vous ils je "
    "tu ma mon mes ses au aux de la le un en se lo der das und ist ein eine nicht mit von zu ich wir sie gli della di che non "
    "el los las y por para del mi su cum sine c'est n'est j'ai qu'il d'un d'une l'on".split()
)


#: what follows a name called out as a whole line of speech: ? or !, then the closing quotation mark
_ALONE_IN_QUOTES_RE = re.compile("[?!]+[\"”’']")  # ("Yiss," is a word said; "Cas?" a name called)


def _foreign_runs(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Drop foreign words in a foreign phrase (``sotto voce``, ``sauve qui peut``, ``entente cordiale``)
    and the strange words of a catalogue (three or more unknown words in one paragraph)."""
    foreign = get_lexicon().foreign
    strange = [c for c in cands if not c.near and not c.capital and c.reason == "unknown"]
    keep = []
    for i, c in enumerate(cands):
        if c.reason == "unknown":
            if len(strange) >= 3 and not c.near:
                continue
            if c.near < 5.0 and _accented_neighbour(text, c.start, c.end):
                continue  # dramatis personæ
            if not c.near and _foreign_neighbour(text, c.start, c.end, foreign, False):
                continue  # son amarre au pilier: a word no English word is near, beside a foreign one
            if not c.capital and c.lower in _NAME_PARTICLES and _in_proper_name(text, c.start, c.end):
                continue  # Hogeschool voor de Kunsten: a particle of a foreign name
            if c.lower in foreign:
                prev = cands[i - 1] if i else None
                nxt = cands[i + 1] if i + 1 < len(cands) else None
                if (prev and prev.lower in foreign and _adjacent(text, prev.end, c.start)) or (
                    nxt and nxt.lower in foreign and _adjacent(text, c.end, nxt.start)
                ):
                    continue
                if _foreign_neighbour(text, c.start, c.end, foreign, c.near < 5.0):
                    continue
        keep.append(c)
    return keep


#: the small words inside foreign names of places and institutions (Hogeschool voor de Kunsten,
#: Escuela de Bellas Artes, Ludwig van Beethoven) that the English lexicon lacks
_NAME_PARTICLES = frozenset(
    "voor van der den de des du la le les di da del della dello dei degli von zu zum zur am im aan het "
    "op ten ter et y e och av og dos das do".split()
)
_CAP_BEFORE_RE = re.compile(r"(?:[A-Z][^\W\d_]+ ){1,3}\Z")
_CAP_AFTER_RE = re.compile(r"(?: [a-z]{1,3})?(?: [A-Z][^\W\d_]+){1,3}")  # (another particle may come first: "voor de")


def _in_proper_name(text: str, s: int, e: int) -> bool:
    """Is the lowercase word ``text[s:e]`` a particle inside a name of capitalised words, with three
    or more of them around it, at least one on each side, and two or more of them not English
    (`Hogeschool voor de Kunsten Utrecht`, `Escuela de Bellas Artes`)?  A slip between two names
    (`Tom adn Mara`, `Tom adn Mara Smith`) is not."""
    before = _CAP_BEFORE_RE.search(text, max(0, s - 60), s)
    after = _CAP_AFTER_RE.match(text, e)
    if before is None or after is None:
        return False
    words = before.group().split() + [w for w in after.group().split() if w[0].isupper()]
    # and the name is foreign: two or more of its words are not English (`Tom adn Mara Smith` is)
    return len(words) >= 3 and sum(1 for w in words if not known(fold(w))) >= 2


_PREV_RE = re.compile(r"([^\W\d_]+(?:['’][^\W\d_]+)?)[^\w.!?;:]{1,3}\Z")
_NEXT_RE = re.compile(r"[^\w.!?;:]{1,3}([^\W\d_]+(?:['’][^\W\d_]+)?)")


def _accented_neighbour(text: str, s: int, e: int) -> bool:
    """Is the word next to text[s:e] accented (a curly apostrophe is no accent: ``don’t``)?"""
    return any(m and not m.group(1).translate(APOSTROPHES).isascii()
               for m in (_PREV_RE.search(text, max(0, s - 30), s), _NEXT_RE.match(text, e)))


def _foreign_neighbour(text: str, s: int, e: int, foreign, any_foreign: bool) -> bool:
    """Is the word next to text[s:e] a foreign function word or accented (or, with ``any_foreign``,
    any foreign word)?"""
    for m in (_PREV_RE.search(text, max(0, s - 30), s), _NEXT_RE.match(text, e)):
        if m:
            raw = m.group(1)
            w = fold(raw)
            if w in FOREIGN_FUNCTION or not raw.translate(APOSTROPHES).isascii() or (
                any_foreign and w in foreign and not known(w)  # the list holds a few English words (the, he)
            ):
                return True
    return False


def _adjacent(text: str, end: int, start: int) -> bool:
    """Only a word or two, spaces, hyphens or apostrophes between ``end`` and ``start``."""
    gap = text[end:start]
    return len(gap) <= 24 and not any(ch in gap for ch in ".!?;:\"“”()") and gap.count(" ") <= 3


def _reduplicative(parts) -> bool:
    """``harum-scarum``, ``helter-skelter``, ``hanky-panky``: parts that rhyme."""
    if len(parts) != 2:
        return False
    a, b = (re.sub(r"^[^aeiouy]+", "", p[2].lower()) for p in parts)
    return len(a) >= 2 and (a == b or a + "s" == b or a == b + "s")


_BEFORE_DASH_RE = re.compile(r"([^\W\d_]+)[—–]\Z")
_AFTER_DASH_RE = re.compile(r"[—–]([^\W\d_]+)")


@lru_cache(maxsize=4096)
def _cut_off(lw: str, start: bool) -> bool:
    """Is ``lw`` the start (or, with ``start`` false, the end) of a common word, cut off by an
    ellipsis? Only words of two letters or more, and only when a word with a Zipf frequency of
    3 or more continues it (`sa` -> `say`, `mptoms` -> `symptoms`)."""
    if len(lw) < 2 or not lw.isalpha():
        return False
    lex = get_lexicon()
    pat = re.compile((r"^" + re.escape(lw) + r"[a-z]+$") if start else (r"^[a-z]+" + re.escape(lw) + r"$"), re.M)
    return any(lex.zipf(w) >= 3.0 for w in lex.words.matching(pat))


def _after_opening_ellipsis(text: str, ps: int) -> bool:
    """Does the word at ``ps`` follow an ellipsis that opens the paragraph (quotes apart)?"""
    head = text[:ps].rstrip(" \t")
    if not head.endswith(("...", "…")):
        return False
    return not head.rstrip(".…").strip(" \t\"“‘'(")


def _split_by_dash(text: str, s: int, e: int) -> bool:
    """Is text[s:e] one half of a word split by a dash (``simp—ly``, ``in—cred—ible``)?"""
    m = _BEFORE_DASH_RE.search(text, max(0, s - 20), s)
    if m and known(fold(m.group(1) + text[s:e])):
        return True
    m = _AFTER_DASH_RE.match(text, e)
    return bool(m and known(fold(text[s:e] + m.group(1))))


def _joined(whole: str) -> str:
    """The parts of a hyphenated word joined, a letter doubled across a hyphen written once."""
    out = ""
    for part in whole.split("-"):
        out += part[1:] if out and part and out[-1] == part[0] else part
    return out


def _drop_stutters(parts):
    """``W-what``, ``I-I``, ``b-b-but``: keep only the last part when earlier ones begin it."""
    last = parts[-1][2].lower()
    if all(last.startswith(p[2].lower()) and len(p[2]) <= 3 for p in parts[:-1]):
        return parts[-1:]
    return parts


def _elongation(lw: str) -> bool:
    """A letter held for effect (``Nooooo``, ``whaaat``), not one key struck once too often: three of
    a letter where two make a word and one does not (``threee``), or where two make a far commoner word
    than one does (``seeen``: *seen*, not *sen*), is a slip."""
    once = re.sub(r"([^\W\d_])\1+", r"\1", lw)
    twice = re.sub(r"([^\W\d_])\1\1+", r"\1\1", lw)
    if not known(twice):
        return True
    if known(once):
        z = get_lexicon().zipf
        return not (twice != once and z(twice) >= 4.0 and z(twice) >= z(once) + 1.0)
    return bool(re.search(r"([^\W\d_])\1\1\1", lw))  # four or more: always on purpose


#: how far from a quoted word its quotation's marks may be (three words, generously)
_MENTION_REACH = 200


def _mention(text: str, a, s: int) -> bool:
    """Is the quotation around ``s`` one to three words set inside a sentence (the “go abroady” trunk)?"""
    # the innermost counts too: a speech may quote a word (“... would be ‘aisy.’”); a quotation of
    # one to three words opens near the word, so only those are looked at
    for q in a.quotations_opening(s - _MENTION_REACH, s):
        if q.close is not None and s < q.close <= q.open + _MENTION_REACH:
            inner = text[q.open + 1 : q.close]
            before = text[max(0, q.open - 2) : q.open]
            if len(inner.split()) <= 3 and re.search(r"[^\W\d_] ?$", before):
                return True
    return False


_THOU_RE = re.compile(r"(?<![^\W\d_])(?:thou|Thou|THOU)\s+\Z")


def _archaic_verb(text: str, s: int, lw: str) -> bool:
    """``thou savest``, ``thou givest``: a known verb with the old second-person ending, after *thou*."""
    if not lw.endswith("st") or not _THOU_RE.search(text, max(0, s - 8), s):
        return False
    return any(known(b) for b in (lw[:-2], lw[:-3], lw[:-3] + "e") if len(b) >= 2)


def _candidate(text, a, s, e, word, lw, elided, at_sentence_start) -> Candidate | None:
    runon = runons()
    reason = "unknown"
    if lw in runon or split_common(lw):
        reason = "runon"
    elif _BAD_NT.match(lw):
        reason = "nt"
    else:
        if "'" in lw or elided:
            return None  # dialect elision: cert'nly, nobody'll, goin', 'em
        if _ELONGATED_RE.search(lw) and _elongation(lw):
            return None  # Nooooo, Sooo, ahhhh, whaaat
        if word.isupper() and len(word) <= 5:
            return None  # acronyms and initialisms
    dialogue = bool(a.quotations) and a.in_dialogue(s)
    if reason == "unknown" and dialogue and lw.endswith("in") and known(lw + "g"):
        if get_lexicon().zipf(lw + "g") >= near_common(lw) - 0.5:
            return None  # g-dropping in speech: somethin, nothin (not imagin for imagine)
    if reason == "unknown" and _archaic_verb(text, s, lw):
        return None  # thou savest, thou givest
    if reason == "unknown" and lw in _CONTRACTION_WORDS:
        reason = "contraction"
    near = near_common(lw) if reason == "unknown" and not inflected(lw) else 0.0
    emphasis = any(es <= s < ee for es, ee in a.emphasis)
    if dialogue and _mention(text, a, s):
        dialogue, emphasis = False, True  # a quoted word or two ("go abroady"): a mention, not speech
    if reason == "unknown" and not near:
        if derived(lw) or inflected(lw) or (compound(lw) and not near2_common(lw)):
            return None
        if lw in get_lexicon().foreign:
            return None  # a foreign word
    return Candidate(
        start=s,
        end=e,
        word=word,
        lower=lw,
        reason=reason,
        dialogue=dialogue,
        emphasis=emphasis,
        capital=word[:1].isupper() and not (word.isupper() and len(word) > 1),
        sentence_start=at_sentence_start(text, s),
        near=near,
    )


# --------------------------------------------------------------------------- stage 2


@dataclass
class StoryWords:
    """What the whole story says about its own words."""

    counts: Counter  # folded candidate word -> uses
    lower_uses: frozenset[str]  # folded candidates written lowercase somewhere
    mid_caps: frozenset[str]  # folded candidates capitalised mid-sentence somewhere
    personal: frozenset[str]  # folded personal dictionary words
    #: the share of the paragraphs with speech that show eye dialect
    speech_dialect: float = 0.0
    #: paragraphs with speech
    speech_paragraphs: int = 0

    @property
    def plain_speech(self) -> bool:
        """The story's characters speak standard English: an odd word in speech is a slip, not a voice.
        Only a story with enough speech to tell (a short scene could be all one dialect speaker's)."""
        return self.speech_paragraphs >= PLAIN_SPEECH_MIN and self.speech_dialect < PLAIN_SPEECH_MAX


#: a story where fewer than this share of the paragraphs with speech show eye dialect speaks plainly
#: (the 11 clean books: 0.5-0.8% for Austen, Christie, Conan Doyle and Wilde; 2.6-3.8% for Alcott,
#: Montgomery, Fitzgerald, Hammett and Wodehouse; 23-26% for Burnett and Twain) ...
PLAIN_SPEECH_MAX = 0.015
#: ... among at least this many paragraphs with speech
PLAIN_SPEECH_MIN = 20


def story_words(cands: list[Candidate], personal, speech_dialect: float = 0.0, speech_paragraphs: int = 0) -> StoryWords:
    counts: Counter = Counter()
    lower: set[str] = set()
    mid: set[str] = set()
    for c in cands:
        counts[c.lower] += 1
        if not c.capital and not c.word.isupper():
            lower.add(c.lower)
        elif c.capital and not c.sentence_start:
            mid.add(c.lower)
    return StoryWords(counts, frozenset(lower), frozenset(mid), frozenset(fold(w) for w in personal), speech_dialect,
                      speech_paragraphs)


#: a word the story uses this many times is its own (a name, a coinage, a character's dialect)
OWN_WORD_USES = 3

#: in dialogue, a word one slip from a word at least this common (Zipf) is an error, not a voice
DIALOGUE_NEAR = 4.0

#: an unknown word holding a letter trigram that at most this many frequent English words hold is
#: garbled (``spelling/shape.py``), when the suggester also finds a word close to it: in narration (no
#: word of the 11 clean books; 60 of 63 far-garbled planted misspellings, two seeds), in speech, where
#: writers bend spelling on purpose, only a trigram no frequent word has (3 dialect words of the 11
#: books, ``genuwyne``, against 45 planted; allowing one word would add ``evvybody`` and ``mortyfied``
#: for 46 more), and for a capitalised word one slip from a common word, which is otherwise taken for a
#: name (1 clean, ``Seze``, against 50 planted)
NARRATION_GARBLED = 2
SPEECH_GARBLED = 0
NAME_GARBLED = 1
#: a capitalised typing slip of a common word is no name when its rarest trigram is this rare
NAME_SLIP_GARBLED = 5

#: an italic (or quoted) unknown word is asked about only when it is a typing slip or garbled, and one
#: slip from a word this common (Zipf): of the 47 italic foreign words, coinages and mentions in the 11
#: clean books that drew a question, 9 still do; 3 of 5 planted misspellings per seed still draw one
ITALIC_NEAR = 4.0
#: a line of speech with this many odd words is written in a voice, each of them on purpose: in the 11
#: clean books about 25 such words drew a question (a child's letter, a character's mimicry), against 4 or
#: 5 planted misspellings per seed
VOICE_WORDS = 3

ERROR = "error"
CRAFT = "craft"
#: the reason given for a misspelling the story repeats (reported once, with its count)
HABITUAL = "habitual"


def judge(c: Candidate, story: StoryWords, lowercase_words: frozenset[str]) -> tuple[str | None, str]:
    """How sure the speller is that ``c`` is misspelt: ``(ERROR | CRAFT | None, why)``.

    ERROR: a word the story does not explain and that looks like a slip of a common word (one edit
    away, or two with the same first letter), in narration or in plain speech. CRAFT: an unknown
    word the speller cannot call wrong (a coinage far from any common word, or an odd word in a
    speech that shows eye dialect). None: the story explains it (a name, a repeated coinage, the
    personal dictionary, obvious dialect).
    """
    if c.lower in story.personal or c.word in story.personal:
        return None, "personal dictionary"
    if c.reason != "unknown":
        if c.dialogue and c.dialect >= 2:
            return CRAFT, "dialect in speech"  # "I don't marry noone as is": the voice, or a slip?
        return ERROR, c.reason
    if c.capital and c.lower not in story.lower_uses and c.lower not in lowercase_words:
        # capitalised and never written lowercase: a name or a coinage (Hogwarts, Quidditch) ...
        if not (c.sentence_start and c.lower not in story.mid_caps and story.counts[c.lower] <= 2
                and (c.near >= (5.0 if c.dialogue else 4.0) or _slip_of_sentence_word(c))) and not _mistyped_capital(c, story):
            return None, "name"
        # ... unless it only starts sentences and looks like a slip ("Teh", "Becuase"), or it is a
        # rare one whose letters no name has and that is one slip from a common word ("Iy", "Thikns")
    if story.counts[c.lower] >= OWN_WORD_USES:
        if not c.capital and not c.dialogue and not c.emphasis and spelling_slip(c.lower) is not None:
            # used again and again, one spelling slip from a common word: how the writer thinks the
            # word is spelt (definately, seperate, untill), not a coinage of the story
            return ERROR, HABITUAL
        return None, "the story's own word"
    if c.emphasis and c.near < 6.0:
        # italics and quotation marks set off foreign words, coinages and mentions (*Soit*, *parti*, a
        # "go abroady" trunk): asked about only when a typing slip of a common word (*hoenst*) or garbled
        slip = c.near >= ITALIC_NEAR and (typing_slip(c.lower) is not None or garbled(c.lower, NARRATION_GARBLED))
        return (CRAFT if slip else None), "italic word"
    if c.dialogue:
        if len(c.lower) >= 6 and c.lower.endswith("er") and known(c.lower[:-2] + "ow"):
            return None, "dialect"  # foller, yaller, swaller
        plain = story.plain_speech
        if c.rare and c.dialect:
            return None, "dialect"  # a rare form (marm, shet) in a speech that shows eye dialect
        if c.rare and not plain:
            return CRAFT, "odd word in speech"  # ... or in a story whose characters speak dialect
        # eye dialect is written to be read: it keeps English letter patterns and never swaps letters
        if garbled(c.lower, SPEECH_GARBLED) and _close_word(c.lower):
            return ERROR, "garbled word in speech"  # mllyall, hwihc
        if len(c.lower) >= 4 and typing_slip(c.lower, swaps_only=True):
            return ERROR, "swapped letters in speech"  # beacuse, thsi (not sas, Wodehouse's "says")
        if c.voice >= VOICE_WORDS:
            return None, "voice"  # "I'd be mortyfied, and it would corroberate her interrigation..."
        if c.voice <= 1 and c.dialect <= 1 and _slip_of_commonest(c.lower):
            return ERROR, "slip in speech"  # "I'll geat it", "thigs like that": the line shows no voice
        if c.dialect >= (2 if c.near else 1):
            return CRAFT, "dialect in speech"
        if c.near >= DIALOGUE_NEAR:
            return ERROR, "slip in speech"
        if plain and (c.near or near2_common(c.lower) or slip_of_common(c.lower)):
            return ERROR, "slip in plain speech"
        if not c.dialect and slip_of_common(c.lower) and not near2_common(c.lower):
            # a cheap slip of a very common word (tihkn, owudl) in a line that shows no dialect; not
            # one a respelling could make (sperrit, bleeve are two edits from spirit, believe)
            return ERROR, "slip in speech"
        return CRAFT, "odd word in speech"
    if c.near or slip_of_common(c.lower):
        return ERROR, "slip"
    if near2_common(c.lower):
        # two edits from a common word: a slip when it appears once; written the same way twice it is
        # more likely the story's own word (a thornlet, not a thornless): asked about
        return (ERROR, "slip") if story.counts[c.lower] < 2 else (CRAFT, "unknown word")
    if garbled(c.lower, NARRATION_GARBLED) and _close_word(c.lower):
        return ERROR, "garbled"  # qtuie, hvea: no English word holds those letters in that order
    return CRAFT, "unknown word"  # flumbrigax: a coinage far from every word


#: the weighted edit cost (``suggest.weighted_osa``) within which a garbled word's first suggestion
#: must lie (the far-garbled planted misspellings: 1.0-3.4; ``selkiewyrd``'s ``sluggard``: 5.7)
GARBLED_MAX_COST = 3.5


def _close_word(lw: str) -> str | None:
    """The suggester's first word for ``lw`` when it is close (weighted cost within
    ``GARBLED_MAX_COST``), else None.  A garbled slip has one (``hwihc``: which); a coinage has none,
    or only a far one (``flumbrigax``, ``selkiewyrd``)."""
    from .suggest import suggest, weighted_osa

    first = suggest(lw, 1)
    w = first[0].lower() if first else None
    return w if w is not None and weighted_osa(lw, w) <= GARBLED_MAX_COST else None


#: the Zipf frequency of the commonest words (about the 150 commonest: *that*, *with*, *good*, *things*)
COMMONEST = 6.0


def _slip_of_commonest(lw: str) -> bool:
    """Is the suggester's close first word for ``lw`` (:func:`_close_word`) one of the commonest words,
    and not that word with an ending added or dropped (``thatun``, ``littlun``)?  A voice that respelt a
    word this common would respell it all through a character's speech (as the story's own word), so a
    one-off in a line that shows no other sign of a voice is a slip: ``geat``, ``thigs``, ``abould``."""
    w = _close_word(lw) if len(lw) >= 3 else None
    return w is not None and not (lw.startswith(w) or w.startswith(lw)) and get_lexicon().zipf(w) >= COMMONEST


def _slip_of_sentence_word(c: Candidate) -> bool:
    """A word that starts a sentence in narration and is one *spelling* slip from an ordinary word
    (`Graffitti`, `Dissapointment`): a doubled letter, a swap or a vowel, in a word of seven letters
    or more, where names seldom come one slip from a lowercase word."""
    return not c.dialogue and len(c.lower) >= 7 and spelling_slip(c.lower, 3.0) is not None


def _mistyped_capital(c: Candidate, story: StoryWords) -> bool:
    """A capitalised word used once or twice that is no name: one slip from a common word, and
    either spelt with letters in an order no frequent English word has (``Iy``, ``Qtuie``) or a
    typing slip of a common word (``Thikns``, ``Mixss``) with rare letter patterns."""
    if story.counts[c.lower] > 2 or not c.near:
        return False
    if c.near >= 4.0 and garbled(c.lower, NAME_GARBLED):
        return True
    return typing_slip(c.lower) is not None and garbled(c.lower, NAME_SLIP_GARBLED)

