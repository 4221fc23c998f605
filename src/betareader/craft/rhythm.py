"""Rhythm, pacing and readability measurements: per sentence, per paragraph, per scene, per chapter.

One pass over the story paragraphs, shared by the CRF030–CRF034 rules and the ``rhythm``,
``pacing`` and ``readability`` stats providers (cached per Document).  Per paragraph (cached with
its analysis, which is cached by text) it counts, for each sentence of the document model, its
words, its syllables and the share of its characters inside the story's dialogue quotations (a
sentence is dialogue from one half); the paragraph's dialogue words are each sentence's words
times that share (no second pass over the words).

Words are ``\\w+`` runs joined by inner apostrophes or hyphens (``don't``, ``well-known``: one
word each; on the clean corpus exactly the document's word count, which counts a number with an
inner point or colon, 3.5 or 10:30, as one word where this counts two).  A sentence costs one
``str.split`` of its text (lowercased, punctuation blanked) and one ``sum(map(...))`` over a
per-token cache of words and syllables.

Syllables are the CMU Pronouncing Dictionary's for the 65,578 common words it shares with the
speller's frequency list: ``data/craft/rhythm_syllables.txt.gz`` (built by
``tools/build_craft_rhythm_baseline.py``) lists the 15% whose dictionary count differs from the
vowel-group estimate (:func:`estimate_syllables`), which counts every other word, names and
coinages included.  The published-fiction baseline (``data/craft/rhythm_baseline.json``)
comes from the same tool.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import statistics
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from ..model import memo
from ..model.document import SCENE_BREAK, TEXT

if TYPE_CHECKING:
    from ..model import Document
    from ..model.paragraph import ParagraphAnalysis

#: A word for sentence length and readability: ``\w`` runs joined by inner apostrophes/hyphens.
WORD_RE = re.compile(r"\w+(?:['’-]\w+)*")
_VOWEL_GROUP_RE = re.compile(r"[aeiouy]+")

#: A sentence is dialogue when at least this share of its characters is inside dialogue quotations.
DIALOGUE_SENTENCE_SHARE = 0.5


# --------------------------------------------------------------------------- syllables
def estimate_syllables(word: str) -> int:
    """Vowel groups of a lowercase word, less a silent final ``e``/``es``/``ed``; at least 1.

    The fallback for words the CMU-derived table does not list (names, coinages, rare words).
    """
    w = word
    n = len(_VOWEL_GROUP_RE.findall(w))
    if n > 1:
        if w.endswith("e") and not w.endswith(("le", "ee", "ie", "ye", "oe")):
            n -= 1
        elif w.endswith("le") and len(w) > 2 and w[-3] in "aeiouy":
            n -= 1
        elif w.endswith("es") and len(w) > 3 and w[-3] not in "aeiouysxzhc" and w[-4] not in "aeiouy" or (
            w.endswith("ed") and len(w) > 3 and w[-3] not in "aeiouytd"
        ):
            n -= 1
    return max(n, 1)


@lru_cache(maxsize=1)
def _syllable_table() -> dict[str, int]:
    """word -> syllables (CMU Pronouncing Dictionary) for the common words the estimate gets wrong."""
    data = resources.files("betareader").joinpath("data", "craft", "rhythm_syllables.txt.gz").read_bytes()
    table: dict[str, int] = {}
    for line in gzip.decompress(data).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            n, words = line.split("\t", 1)
            table.update(dict.fromkeys(words.split(), int(n)))
    return table


def syllables(word: str) -> int:
    """Syllables of one word: the CMU count for common words, else the estimate."""
    table = _syllable_table()
    w = word.lower()
    n = table.get(w)
    if n is not None:
        return n
    if w.isalpha():
        if w.isascii():
            return estimate_syllables(w)
        w = _ascii(w)
        return table.get(w) or estimate_syllables(w)
    if w.isdigit():
        return len(w)  # a number: about a syllable a digit
    # apostrophes, hyphens, digits or underscores: the parts between hyphens, each without
    # its apostrophes (don't -> dont, rock'n'roll -> rocknroll)
    w = w.replace("’", "'")
    n = table.get(w)
    if n is not None:
        return n
    total = 0
    for part in re.split(r"[-_\d]+", w):
        bare = _ascii(part.replace("'", "")) if part.strip("'") else ""
        if len(bare) == 1:
            total += 1  # a stutter's letter (W-what) is a sound, not the letter's name
        elif bare:
            total += table.get(part) or table.get(bare) or estimate_syllables(bare)
    return total or 1


def _ascii(w: str) -> str:
    """Letters only, accents dropped (café -> cafe), for the estimate."""
    if not w.isascii():
        import unicodedata

        w = unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode("ascii")
    return "".join(c for c in w if c.isalpha()) or "a"


#: Punctuation that is never part of a word, turned into spaces before splitting a sentence into
#: tokens (one character for one, so offsets stay valid): the tokens are then mostly bare words.
_BLANK_RE = re.compile("[" + re.escape("\"“”‘.,;:!?()[]{}…*—–/«»<>~|#+=&%$@^`\\") + "]")
_SHIFT = 20  # a token's value is words << _SHIFT | syllables
_LOW = (1 << _SHIFT) - 1
_ONE_WORD = 1 << _SHIFT


class _Tokens(dict):
    """Words and syllables per token (lowercase, punctuation blanked: ``darcy``, ``don't``,
    ``well-known``, ``--``) as ``words << 20 | syllables``, so one ``sum(map(...))`` counts both for
    a sentence.  The words are :data:`WORD_RE`'s matches inside the token: blanking characters
    that no match can contain changes no match, so the counts equal a WORD_RE scan of the text."""

    def __missing__(self, tok: str) -> int:
        if tok.isalpha():
            v = _ONE_WORD | syllables(tok)
        else:
            ws = WORD_RE.findall(tok)
            v = len(ws) << _SHIFT | sum(syllables(w) for w in ws)
        if len(self) > 400_000:
            self.clear()
        self[tok] = v
        return v


TOKENS = _Tokens()


@lru_cache(maxsize=1)
def baseline() -> dict:
    """Published-fiction figures computed by ``tools/build_craft_rhythm_baseline.py``."""
    data = resources.files("betareader").joinpath("data", "craft", "rhythm_baseline.json").read_text("utf-8")
    return json.loads(data)


# --------------------------------------------------------------------------- per paragraph
#: A sentence is a tuple ``(start, end, words, syllables, dialogue share)``, offsets relative to
#: its paragraph (plain tuples: a long book has tens of thousands).

@dataclass(frozen=True, slots=True)
class ParaMeasure:
    sentences: tuple[tuple[int, int, int, int, float], ...]
    words: int
    dialogue_words: int
    syllables: int


@lru_cache(maxsize=65536)
def measure_paragraph(a: "ParagraphAnalysis", level: str) -> ParaMeasure:
    """Sentence lengths, syllables and dialogue words of one paragraph analysis (cached: the
    analyses are themselves cached by text); ``level`` is the story's dialogue quote level."""
    text = a.text
    clean = _BLANK_RE.sub(" ", text)
    low = clean.lower()
    if len(low) == len(clean):  # lowercasing may lengthen a few characters (İ): then keep case
        clean = low
    tok = TOKENS.__getitem__
    sents = []
    total = 0
    quotes = _speech_union(a, level) if a.quotations else None
    k = 0  # the first speech span that may still meet a sentence (sentences come in order)
    dw = 0.0
    for s, e in a.sentences:
        v = sum(map(tok, clean[s:e].split()))
        if v < _ONE_WORD:
            continue
        total += v
        nw = v >> _SHIFT
        share = 0.0
        if quotes:
            inside = 0
            while k < len(quotes) and quotes[k][1] <= s:
                k += 1
            j = k
            while j < len(quotes) and quotes[j][0] < e:
                qs, qe = quotes[j]
                inside += (e if e < qe else qe) - (s if s > qs else qs)
                j += 1
            if inside:
                share = inside / (e - s)
                dw += nw * share
        sents.append((s, e, nw, v & _LOW, share))
    words = total >> _SHIFT
    return ParaMeasure(tuple(sents), words, min(round(dw), words), total & _LOW)


memo.per_text(measure_paragraph.cache_clear)


def _speech_union(a: "ParagraphAnalysis", level: str) -> list[tuple[int, int]]:
    """The paragraph's outer quotations at the dialogue level as sorted, disjoint spans (unclosed
    ones run to the paragraph's end and may overlap: each character counts once)."""
    n = len(a.text)
    out: list[tuple[int, int]] = []
    for qs, qe in sorted((q.start, q.end(n)) for q in a.quotations if q.depth == 0 and q.level == level):
        if out and qs <= out[-1][1]:
            if qe > out[-1][1]:
                out[-1] = (out[-1][0], qe)
        else:
            out.append((qs, qe))
    return out


# --------------------------------------------------------------------------- per document
@dataclass(slots=True)
class Scene:
    """A run of story paragraphs between chapter starts and scene breaks."""

    chapter: int
    index: int  # scene number within its chapter, from 0
    paragraphs: list = field(default_factory=list)  # [(Paragraph, ParaMeasure)]

    @property
    def start(self) -> int:
        return self.paragraphs[0][0].start

    @property
    def end(self) -> int:
        return self.paragraphs[-1][0].end

    @property
    def words(self) -> int:
        return sum(m.words for _, m in self.paragraphs)

    def sentences(self, narration_only: bool = False):
        """(absolute start, absolute end, words, syllables, dialogue share) in order; with
        ``narration_only``, the sentences less than half inside dialogue quotations."""
        for p, m in self.paragraphs:
            at = p.start
            for s, e, w, y, d in m.sentences:
                if narration_only and d >= DIALOGUE_SENTENCE_SHARE:
                    continue
                yield at + s, at + e, w, y, d


@dataclass(slots=True)
class Measures:
    paragraphs: list  # [(Paragraph, ParaMeasure)], story paragraphs in order
    scenes: list[Scene]
    memo: dict = field(default_factory=dict)  # figures derived once per document (rules, providers)

    @property
    def words(self) -> int:
        return sum(m.words for _, m in self.paragraphs)

    def sentences(self, narration_only: bool = False):
        for sc in self.scenes:
            yield from sc.sentences(narration_only)


def measures(doc: "Document") -> Measures:
    """The per-paragraph measurements of ``doc``'s story paragraphs, grouped in scenes (cached)."""
    got = doc.__dict__.get("_craft_rhythm")
    if got is not None:
        return got
    level = doc.style.dialogue_level if doc.style else "double"
    paras = []
    scenes: list[Scene] = []
    cur: Scene | None = None
    chapter = -1
    for p in doc.paragraphs:
        if p.chapter != chapter:
            chapter = p.chapter
            cur = None
            n_in_chapter = 0
        if p.kind == SCENE_BREAK:
            if cur is not None and cur.paragraphs:
                cur = None
            continue
        if p.kind != TEXT or p.oversize:
            continue
        m = measure_paragraph(p.analysis, level)
        paras.append((p, m))
        if cur is None:
            cur = Scene(chapter, n_in_chapter)
            n_in_chapter += 1
            scenes.append(cur)
        cur.paragraphs.append((p, m))
    got = doc.__dict__["_craft_rhythm"] = Measures(paras, scenes)
    return got


# --------------------------------------------------------------------------- figures
def spread(lengths: list[int]) -> dict:
    """count, mean, median, standard deviation, coefficient of variation, min and max."""
    if not lengths:
        return {"sentences": 0}
    n = len(lengths)
    mean = sum(lengths) / n
    sd = math.sqrt(sum((x - mean) ** 2 for x in lengths) / n)
    return {
        "sentences": len(lengths),
        "mean": round(mean, 2),
        "median": statistics.median(lengths),  # sorts: O(n log n) in C
        "sd": round(sd, 2),
        "cv": round(sd / mean, 3) if mean else 0.0,
        "min": min(lengths),
        "max": max(lengths),
    }


def flesch(words: int, sentences: int, syllables: int) -> tuple[float, float] | None:
    """(Flesch reading ease, Flesch–Kincaid grade) or None with no words."""
    if not words or not sentences:
        return None
    wps = words / sentences
    spw = syllables / words
    return 206.835 - 1.015 * wps - 84.6 * spw, 0.39 * wps + 11.8 * spw - 15.59


def percentile(sorted_values: list, q: float):
    """The ``q`` quantile (0..1) of sorted values, nearest rank."""
    if not sorted_values:
        return None
    i = min(len(sorted_values) - 1, max(0, math.ceil(q * len(sorted_values)) - 1))
    return sorted_values[i]
