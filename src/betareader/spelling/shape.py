"""What an unknown word's letters say about it: garbled, or a typing slip of a common word.

Two cheap tests the fiction speller uses where the story itself cannot settle a word (a word far
from every dictionary word in narration, an odd word in a character's speech):

- :func:`rarest_trigram`: how many frequent English words share the word's rarest letter trigram
  (word edges count: ``^wh``, ``ly$``).  Eye dialect and coinages are written to be *read*, so they
  keep English spelling patterns (``sperrit``, ``genuwine``, ``effalunt``); garbled typing does not
  (``tandt``, ``mllyall``, ``nfre``).  The counts are derived from the vendored lexicon by
  ``tools/build_spelling_data.py --trigrams-only`` (``data/spelling/trigrams.npy``).
- :func:`typing_slip`: the common word the unknown one becomes by undoing one typing slip that
  dialect spelling does not make: two neighbouring letters swapped (``beacuse``), a key's neighbour
  struck instead (``anf`` for *and*; a vowel for a vowel is left out: that is how dialect respells
  sounds, ``poond``), or a neighbour struck as well inside the word (``forom``; a letter added at the
  end is a suffix, ``righty``).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import numpy as np

from .lexicon import get_lexicon

#: QWERTY rows; keys next to each other in a row or diagonally between rows are neighbours
_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_VOWELS = frozenset("aeiou")


def _neighbours() -> dict[str, frozenset[str]]:
    where = {c: (r, i) for r, row in enumerate(_ROWS) for i, c in enumerate(row)}
    out = {}
    for c, (r, i) in where.items():
        near = set()
        for d, (r2, i2) in where.items():
            if d != c and abs(r - r2) <= 1 and abs(i - i2) <= 1 and (r == r2 or i2 - i in ((0, 1) if r2 < r else (-1, 0))):
                near.add(d)
        out[c] = frozenset(near)
    return out


#: each letter's neighbouring keys (the rows are staggered: a key touches two keys above and two below)
NEIGHBOURS = _neighbours()


@lru_cache(maxsize=1)
def _trigrams() -> np.ndarray:
    with resources.files("betareader").joinpath("data/spelling/trigrams.npy").open("rb") as fh:
        return np.load(fh, allow_pickle=False)


def rarest_trigram(lw: str) -> int:
    """The number of frequent words holding ``lw``'s rarest letter trigram (edges marked); a large
    number for a word that is not plain lowercase a-z (it is not judged by its letters)."""
    if not lw.isascii() or not lw.isalpha() or not lw.islower():
        return 1 << 16
    codes = [0, *(ord(c) - 96 for c in lw), 27]
    table = _trigrams()
    return int(min(table[(codes[i] * 28 + codes[i + 1]) * 28 + codes[i + 2]] for i in range(len(codes) - 2)))


def garbled(lw: str, most: int) -> bool:
    """Does ``lw`` hold a letter trigram that at most ``most`` frequent English words hold?"""
    return rarest_trigram(lw) <= most


def _long_vowel(lw: str, i: int) -> bool:
    """... unless the letter moved is the second of a doubled vowel: that is a vowel drawn out, as dialect
    writes it (Yorkshire ``wheer``, ``theer`` for *where*, *there*), not two keys struck out of order."""
    return lw[i] in _VOWELS and ((i > 0 and lw[i - 1] == lw[i]) or (i + 1 < len(lw) and lw[i + 1] == lw[i]))


@lru_cache(maxsize=50_000)
def typing_slip(lw: str, least: float = 4.0, swaps_only: bool = False) -> str | None:
    """The word of Zipf ``least`` or more that ``lw`` is one typing slip away from (see the module
    doc), or None; with ``swaps_only``, only two swapped neighbouring letters count."""
    if len(lw) < 3 or not lw.isascii() or not lw.isalpha():
        return None
    lex = get_lexicon()
    best, best_z = None, least

    def consider(w: str) -> None:
        nonlocal best, best_z
        if w != lw:
            z = lex.zipf(w)
            if z >= best_z:
                best, best_z = w, z

    n = len(lw)
    for i in range(n - 1):  # two neighbouring letters swapped ...
        if lw[i] != lw[i + 1] and not _long_vowel(lw, i) and not _long_vowel(lw, i + 1):
            consider(lw[:i] + lw[i + 1] + lw[i] + lw[i + 2 :])
    if swaps_only:
        return best
    for i, c in enumerate(lw):  # a neighbouring key struck instead
        for d in NEIGHBOURS.get(c, ()):
            if not (c in _VOWELS and d in _VOWELS):
                consider(lw[:i] + d + lw[i + 1 :])
    for i in range(1, n - 1):  # a neighbouring key struck as well, inside the word
        c = lw[i]
        if c != lw[i - 1] and c != lw[i + 1] and (lw[i - 1] in NEIGHBOURS.get(c, ()) or lw[i + 1] in NEIGHBOURS.get(c, ())):
            consider(lw[:i] + lw[i + 1 :])
    return best


_SPELL_VOWELS = "aeiouy"


def spelling_slip(lw: str, least: float = 4.0) -> str | None:
    """The word of Zipf ``least`` or more that ``lw`` is one *spelling* slip away from, the kind a
    writer repeats because it is how they think the word is spelt (not a slip of the fingers):
    a doubled letter written single or a single one doubled (``untill``, ``occured``), two
    neighbouring letters swapped (``recieve``), or one vowel for another (``definately``,
    ``seperate``), never in the first letter; words of five letters or more only.  None otherwise."""
    if len(lw) < 5 or not lw.isascii() or not lw.isalpha():
        return None
    lex = get_lexicon()
    best, best_z = None, least

    def consider(w: str) -> None:
        nonlocal best, best_z
        if w != lw and w[:1] == lw[:1]:
            z = lex.zipf(w)
            if z >= best_z:
                best, best_z = w, z

    n = len(lw)
    for i in range(1, n):
        if lw[i] == lw[i - 1]:
            consider(lw[:i] + lw[i + 1 :])  # untill -> until
        else:
            consider(lw[:i] + lw[i] + lw[i:])  # occured -> occurred
        if i < n - 1 and lw[i] != lw[i + 1]:
            consider(lw[:i] + lw[i + 1] + lw[i] + lw[i + 2 :])  # recieve -> receive
        if lw[i] in _SPELL_VOWELS:
            for v in _SPELL_VOWELS:
                if v != lw[i]:
                    consider(lw[:i] + v + lw[i + 1 :])  # definately -> definitely
    return best
