"""The English lexicon: SCOWL size-80 words in every spelling variant, and a Zipf frequency table.

Both are vendored, gzipped data files (see ``tools/build_spelling_data.py`` and the licence files next to
them) loaded once per process on first use.  The word lists are kept as one sorted string each and
searched by bisection (:class:`WordList`): 344,283 words take about 5 MB instead of the 37 MB of a
``frozenset``, and a lookup takes a few microseconds (the callers cache per word).
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from array import array
from bisect import bisect_left
from functools import cached_property, lru_cache
from importlib import resources

APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})


def _read_text(name: str) -> str:
    data = resources.files("betareader").joinpath("data", "spelling", name).read_bytes()
    return gzip.decompress(data).decode("utf-8")


def _read_lines(name: str) -> list[str]:
    return _read_text(name).split("\n")


_NEWLINE = re.compile("\n")


class WordList:
    """A sorted word list held as one string: ``in``, ``len``, iteration and indexing.

    The text must be sorted in Python's string order, one word a line, ending with a newline.
    """

    __slots__ = ("_text", "_ends", "_n")

    def __init__(self, text: str) -> None:
        if text and not text.endswith("\n"):
            text += "\n"
        self._text = text
        self._ends = array("I", (m.start() for m in _NEWLINE.finditer(text)))
        self._n = len(self._ends)

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: int) -> str:
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        start = self._ends[i - 1] + 1 if i else 0
        return self._text[start : self._ends[i]]

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word or "\n" in word:
            return False
        i = bisect_left(self, word)
        return i < self._n and self[i] == word

    def __iter__(self):
        return iter(self._text.splitlines())

    def matching(self, pattern: re.Pattern) -> list[str]:
        """Words (whole lines) that a regular expression matches, without building every word."""
        return pattern.findall(self._text)


def fold(word: str) -> str:
    """Lowercase, straight apostrophes, accents and ligatures folded (``Café`` -> ``cafe``)."""
    w = word.translate(APOSTROPHES).lower()
    if w.isascii():
        return w
    w = w.replace("æ", "ae").replace("œ", "oe").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))


_NON_ASCII_LINE = re.compile(r"^[^\n]*[^\x00-\x7f][^\n]*$", re.M)


class Lexicon:
    """Known English words (lowercase) with their Zipf frequencies."""

    @cached_property
    def words(self) -> WordList:
        return WordList(_read_text("words.txt.gz"))

    @cached_property
    def folded(self) -> frozenset[str]:
        """Words with accents folded, for ``café`` spelled ``cafe`` or the other way round."""
        return frozenset(fold(w) for w in self.words.matching(_NON_ASCII_LINE))

    @cached_property
    def zipf_table(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for line in _read_lines("zipf.tsv.gz"):
            if line:
                w, z = line.split("\t")
                out[w] = int(z) / 10
        return out

    @cached_property
    def rare(self) -> WordList:
        """SCOWL words left out of :attr:`words` as likely slips of a very common word (``belive``)."""
        return WordList(_read_text("rare.txt.gz"))

    @cached_property
    def foreign(self) -> WordList:
        """French, German, Italian and Spanish words (Zipf >= 3) that are not English, accents folded."""
        return WordList(_read_text("foreign.txt.gz"))

    def zipf(self, word: str) -> float:
        """Zipf frequency of a lowercase word (0.0 when wordfreq does not know it)."""
        return self.zipf_table.get(word, 0.0)

    def has(self, w: str) -> bool:
        """``w`` (already lowercase) is a word, as is, without apostrophe-s, or accent-folded."""
        words = self.words
        if w in words:
            return True
        if w.endswith("'s") and w[:-2] in words:
            return True
        if w.endswith("s'") and w[:-1] in words:
            return True
        f = w if w.isascii() else fold(w)
        if f in words or f in self.folded:
            return True
        return f.endswith("'s") and (f[:-2] in words or f[:-2] in self.folded)

    def known(self, word: str) -> bool:
        """Any spelling of ``word``: case, curly apostrophes and accents don't matter."""
        return self.has(fold(word) if not word.isascii() else word.lower().translate(APOSTROPHES))


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    return Lexicon()
