"""Spelling suggestions: near words from the lexicon, ranked the way people misspell.

How a word is handled (design notes: ``docs/design/spelling.md`` §2 and §5):

1. **Normalise.** A trailing possessive ``'s``/``’s`` is set aside, the rest is folded
   (lowercase, straight apostrophes, accents removed) into the *key*. Input that is not a
   word (empty, digits, spaces, hyphens, over ``MAX_LENGTH`` letters) gets no suggestions.
2. **Candidates.** Lexicon words within optimal-string-alignment distance 1 (keys of up to 3
   letters) or 2, found with rapidfuzz over length buckets, plus the words that share the
   key's metaphone code (length within ``SOUND_LENGTH_SLACK``). Only when that finds nothing
   and the key has more than 5 letters is the search widened to distance 3. The pool is
   the lexicon words wordfreq knows (zipf >= 1, about 123k words without possessive forms):
   the rarer SCOWL-80 words slow the search down 4x and cost accuracy (§5).
3. **Rank.** ``score = -distance_weight * weighted OSA + zipf + phonetic bonus (same
   metaphone) + first-letter bonus (same first letter)``. The weighted OSA makes the edits
   people actually make cheap: swapping two letters, doubling or undoubling a letter,
   one vowel for another. Ties break alphabetically, so results are deterministic.
4. **Restore** the original's case pattern (``Title``, ``UPPER``, lower) and the possessive.
   The word itself is never suggested.

The index (length buckets and metaphone buckets) is built one length at a time as rankings
need it; rankings are cached per key, so a word repeated through a draft costs once.
:func:`margin` exposes how far the first suggestion leads the second, for callers that want
to offer a single fix only when the choice is clear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from betareader.spelling.lexicon import Lexicon, fold, get_lexicon

#: Keys longer than this get no suggestions (no real word is that long; saves the search).
MAX_LENGTH = 30
#: Words in the metaphone bucket must be within this many letters of the key's length.
SOUND_LENGTH_SLACK = 3
#: Candidate pool: lexicon words with at least this zipf (0 takes every SCOWL-80 word).
MIN_ZIPF = 1.0
#: Search to edit distance 3 when distance 2 finds fewer words than this (keys of 6+ letters).
WIDEN_BELOW = 3
#: Rankings kept in the per-key cache.
CACHE_SIZE = 20_000
#: Candidates kept per key (enough for any ``n`` a caller needs, and for the margin).
KEEP = 25

VOWELS = frozenset("aeiouy")
_POSSESSIVE = re.compile(r"^(.+?)(['’ʼ][sS])$")
_WORDLIKE = re.compile(r"^[^\W\d_]+(?:'[^\W\d_]+)*$")


@dataclass(frozen=True)
class Weights:
    """Ranking weights and edit costs; tuned on Norvig set 1 and Mitton's Aspell file only (§5).

    ``transposition``, ``doubling`` and ``vowel`` are the costs (instead of 1) of the edits
    people make most: swapping two adjacent letters (``recieve``), doubling or undoubling a
    letter (``occured``, ``untill``) and writing one vowel for another (``seperate``).
    """

    distance: float = 3.0
    transposition: float = 0.3
    doubling: float = 0.5
    vowel: float = 0.85
    phonetic: float = 2.5
    first_letter: float = 1.5


WEIGHTS = Weights()


def weighted_osa(a: str, b: str, w: Weights = WEIGHTS) -> float:
    """Optimal-string-alignment distance from ``a`` (the misspelling) to ``b``, with cheap
    transpositions, (un)doublings and vowel-for-vowel substitutions."""
    la, lb = len(a), len(b)
    if la == 0 or lb == 0:
        return float(la + lb)
    vowel, doubling, transposition = w.vowel, w.doubling, w.transposition
    # Cost of deleting a[i] / inserting b[j]: cheaper when the letter is a doubling.
    del_cost = [doubling if (i and a[i - 1] == a[i]) or (i + 1 < la and a[i + 1] == a[i]) else 1.0
                for i in range(la)]
    ins_cost = [doubling if (j and b[j - 1] == b[j]) or (j + 1 < lb and b[j + 1] == b[j]) else 1.0
                for j in range(lb)]
    prev2: list[float] = []
    prev = [0.0] * (lb + 1)
    for j in range(lb):
        prev[j + 1] = prev[j] + ins_cost[j]
    for i in range(1, la + 1):
        ai = a[i - 1]
        dc = del_cost[i - 1]
        cur = [prev[0] + dc] + [0.0] * lb
        ai_vowel = ai in VOWELS
        for j in range(1, lb + 1):
            bj = b[j - 1]
            if ai == bj:
                c = prev[j - 1]
            else:
                c = prev[j - 1] + (vowel if ai_vowel and bj in VOWELS else 1.0)
                if i > 1 and j > 1 and ai == b[j - 2] and a[i - 2] == bj:
                    d = prev2[j - 2] + transposition
                    if d < c:
                        c = d
            # Deletion and insertion are checked even after a match: (un)doubling costs
            # less than 1, so the diagonal is not always the cheapest way here.
            d = prev[j] + dc
            if d < c:
                c = d
            d = cur[j - 1] + ins_cost[j - 1]
            if d < c:
                c = d
            cur[j] = c
        prev2, prev = prev, cur
    return prev[lb]


@dataclass(frozen=True)
class Suggestion:
    """One ranked suggestion: the word as it should be written, its score and edit cost."""

    word: str
    score: float
    distance: float


def _restore(original: str, word: str) -> str:
    """``word`` (lowercase) in ``original``'s case pattern: UPPER, Title or as is."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return word.upper()
    if original[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def split_possessive(word: str) -> tuple[str, str]:
    """``("Hermoine", "'s")`` for ``Hermoine's``; ``(word, "")`` without a possessive."""
    m = _POSSESSIVE.match(word)
    return (m.group(1), m.group(2)) if m else (word, "")


class _Index:
    """Candidate pool bucketed by length (each length built on first use) and searched by metaphone code.

    The metaphone codes come precomputed with the Zipf values (``zipf.npz``) and are searched as one
    numpy array, so the sounds-like search builds no per-word Python objects; they are computed here
    instead (per length bucket) for a pool that takes words without a Zipf value, or if the installed
    jellyfish codes a sample of the words differently from the stored codes.
    """

    def __init__(self, lexicon: Lexicon, min_zipf: float):
        import jellyfish
        import numpy as np

        self.lexicon = lexicon
        self.metaphone = jellyfish.metaphone
        words = lexicon.words
        # Every word with a zipf is in the lexicon; a floor of 0 takes every word.
        self._rows = np.flatnonzero(lexicon.zipf_codes / 10 >= min_zipf)
        self._lengths = words.lengths()[self._rows]
        self._by_length: dict[int, list[str]] = {}
        self._by_sound: dict[int, dict[str, list[str]]] = {}
        self._sounds = self._stored_sounds(np) if min_zipf > 0 else None

    def _stored_sounds(self, np):
        """The vendored metaphone codes of the pool rows, or None if this jellyfish codes differently."""
        lexicon = self.lexicon
        sounds = lexicon.metaphone_codes[np.searchsorted(np.flatnonzero(lexicon.zipf_codes), self._rows)]
        sample = range(0, len(self._rows), max(1, len(self._rows) // 200))
        words = lexicon.words.take(self._rows[list(sample)])
        if any(self.metaphone(w).encode("ascii") != sounds[i] for w, i in zip(words, sample)):
            return None
        return sounds

    def zipf(self, word: str) -> float:
        return self.lexicon.zipf(word)

    def bucket(self, length: int) -> list[str]:
        """Pool words of ``length`` letters, sorted."""
        out = self._by_length.get(length)
        if out is None:
            rows = self._rows[self._lengths == length]
            out = [w for w in self.lexicon.words.take(rows)
                   if not w.endswith("'s") and (len(w) > 1 or w in "ai")]
            self._by_length[length] = out
        return out

    def sound_bucket(self, length: int) -> dict[str, list[str]]:
        """Pool words of ``length`` letters by metaphone code."""
        out = self._by_sound.get(length)
        if out is None:
            out = {}
            metaphone = self.metaphone
            for w in self.bucket(length):
                out.setdefault(metaphone(w), []).append(w)
            self._by_sound[length] = out
        return out

    @property
    def by_length(self) -> dict[int, list[str]]:
        """Every length bucket (builds them all)."""
        lengths = sorted(set(self._lengths.tolist()))
        return {n: b for n in lengths if (b := self.bucket(n))}

    @property
    def size(self) -> int:
        return sum(len(b) for b in self.by_length.values())

    def near(self, key: str, max_distance: int) -> set[str]:
        """Pool words within OSA distance ``max_distance`` of ``key``."""
        from rapidfuzz import process
        from rapidfuzz.distance import OSA

        n = len(key)
        out: set[str] = set()
        for length in range(max(1, n - max_distance), n + max_distance + 1):
            bucket = self.bucket(length)
            if bucket:
                out.update(m for m, _d, _i in process.extract(
                    key, bucket, scorer=OSA.distance, score_cutoff=max_distance, limit=None))
        return out

    def sounds_like(self, key: str, code: str) -> set[str]:
        n = len(key)
        if self._sounds is not None:
            if not code.isascii() or len(code) > self._sounds.itemsize:
                return set()  # every stored code is ASCII and fits
            raw = code.encode("ascii")
            near = (self._sounds == raw) & (abs(self._lengths - n) <= SOUND_LENGTH_SLACK)
            return {w for w in self.lexicon.words.take(self._rows[near])
                    if not w.endswith("'s") and (len(w) > 1 or w in "ai")}
        out: set[str] = set()
        for length in range(max(1, n - SOUND_LENGTH_SLACK), n + SOUND_LENGTH_SLACK + 1):
            out.update(self.sound_bucket(length).get(code, ()))
        return out


class Suggester:
    """Ranked suggestions from a lexicon. Thread-compatible, not thread-safe (one per process)."""

    def __init__(self, lexicon: Lexicon | None = None, weights: Weights = WEIGHTS, min_zipf: float = MIN_ZIPF,
                 widen_below: int = WIDEN_BELOW):
        self.lexicon = lexicon if lexicon is not None else get_lexicon()
        self.weights = weights
        self.min_zipf = min_zipf
        self.widen_below = widen_below
        self._rank_cached = lru_cache(maxsize=CACHE_SIZE)(self._rank)

    @cached_property
    def index(self) -> _Index:
        """Built on first use."""
        return _Index(self.lexicon, self.min_zipf)

    # ------------------------------------------------------------------ search and ranking

    def candidates(self, key: str) -> set[str]:
        """Words considered for ``key`` (folded, lowercase): the pool words within edit distance
        1 (keys of up to 3 letters) or 2, widened to 3 for keys of 6 letters or more when that
        finds fewer than ``widen_below`` words; plus the words that sound the same."""
        index = self.index
        n = len(key)
        found = index.near(key, 1 if n <= 3 else 2)
        found.discard(key)
        if n > 5 and len(found) < self.widen_below:
            found = index.near(key, 3)
        found |= index.sounds_like(key, index.metaphone(key))
        found.discard(key)
        return found

    def _rank(self, key: str) -> tuple[tuple[str, float, float], ...]:
        index = self.index
        w = self.weights
        zipf = index.zipf
        code = index.metaphone(key)
        metaphone = index.metaphone
        first = key[0]
        scored = []
        for c in self.candidates(key):
            # Accents cost nothing: ``cafe`` is as near to ``café`` as the key allows.
            d = weighted_osa(key, c if c.isascii() else fold(c), w)
            s = -w.distance * d + zipf(c)
            if w.phonetic and metaphone(c) == code:
                s += w.phonetic
            if c[0] == first:
                s += w.first_letter
            scored.append((-s, c, d))
        scored.sort()
        return tuple((c, -s, d) for s, c, d in scored[:KEEP])

    def clear_cache(self) -> None:
        """Forget cached rankings (the index stays)."""
        self._rank_cached.cache_clear()

    # ------------------------------------------------------------------ public API

    def ranked(self, word: str, n: int = 5) -> list[Suggestion]:
        """Up to ``n`` suggestions for ``word``, best first, in its case and with its possessive."""
        if n <= 0 or not word:
            return []
        stem, possessive = split_possessive(word.strip())
        key = fold(stem)
        if not key or len(key) > MAX_LENGTH or not _WORDLIKE.match(key):
            return []
        out: list[Suggestion] = []
        seen = {word}
        for c, s, d in self._rank_cached(key):
            text = _restore(stem, c) + possessive
            if text in seen:
                continue
            seen.add(text)
            out.append(Suggestion(text, round(s, 4), round(d, 4)))
            if len(out) == n:
                break
        return out

    def suggest(self, word: str, n: int = 5) -> list[str]:
        """Up to ``n`` suggested spellings for ``word``, best first (``[]`` when none)."""
        return [s.word for s in self.ranked(word, n)]

    def margin(self, word: str) -> float | None:
        """How far the first suggestion's score leads the second's (``inf`` when there is only
        one; ``None`` when there is none). One score point is one zipf unit: a word ten times
        as frequent, or a third of a plain edit."""
        best = self.ranked(word, 2)
        if not best:
            return None
        if len(best) == 1:
            return float("inf")
        return round(best[0].score - best[1].score, 4)


@lru_cache(maxsize=1)
def get_suggester() -> Suggester:
    """The process-wide suggester over the vendored lexicon (index built on first use)."""
    return Suggester()


def suggest(word: str, n: int = 5) -> list[str]:
    """Up to ``n`` suggested spellings for ``word``, best first, in its case pattern."""
    return get_suggester().suggest(word, n)


def ranked(word: str, n: int = 5) -> list[Suggestion]:
    """Like :func:`suggest`, with each suggestion's score and weighted edit distance."""
    return get_suggester().ranked(word, n)


def margin(word: str) -> float | None:
    """Score lead of the first suggestion over the second (see :meth:`Suggester.margin`)."""
    return get_suggester().margin(word)
