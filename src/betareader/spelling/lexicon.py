"""The English lexicon: SCOWL size-80 words in every spelling variant, and a Zipf frequency table.

Both are vendored data files (see ``tools/build_spelling_data.py`` and the licence files next to them)
loaded once per process on first use, in the shape they are used: the word list is one sorted block of
UTF-8 bytes searched by bisection (:class:`WordList`; 344,283 words take 5 MB instead of the 37 MB of a
``frozenset``, and a lookup takes a few microseconds, the callers cache per word), and the Zipf values
are one byte per word aligned with it (``zipf.npz``), so loading costs one decompress and a few numpy
passes, no Python work per word.
"""

from __future__ import annotations

import gzip
import io
import re
import unicodedata
from array import array
from functools import cached_property, lru_cache
from importlib import resources

import numpy as np

APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})


def _read_bytes(name: str) -> bytes:
    return resources.files("betareader").joinpath("data", "spelling", name).read_bytes()


def _read_text(name: str) -> str:
    return gzip.decompress(_read_bytes(name)).decode("utf-8")


def _read_lines(name: str) -> list[str]:
    return _read_text(name).split("\n")


class WordList:
    """A sorted word list held as one block of UTF-8 bytes: ``in``, ``len``, iteration and indexing.

    The text must be sorted in Python's string order (the same as UTF-8 byte order), one word a line,
    ending with a newline.
    """

    __slots__ = ("_data", "_ends", "_n")

    def __init__(self, text: str | bytes) -> None:
        data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
        if data and not data.endswith(b"\n"):
            data += b"\n"
        self._data = data
        ends = array("I")
        ends.frombytes(np.flatnonzero(np.frombuffer(data, np.uint8) == 10).astype(np.uint32).tobytes())
        self._ends = ends  # byte offset of each word's newline
        self._n = len(ends)

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: int) -> str:
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        start = self._ends[i - 1] + 1 if i else 0
        return self._data[start : self._ends[i]].decode("utf-8")

    def index(self, word: str) -> int:
        """Position of ``word`` in the list, or -1."""
        if not isinstance(word, str) or not word or "\n" in word:
            return -1
        b = word.encode("utf-8", "surrogatepass")
        data, ends = self._data, self._ends
        lo, hi = 0, self._n
        while lo < hi:
            mid = (lo + hi) // 2
            if data[ends[mid - 1] + 1 if mid else 0 : ends[mid]] < b:
                lo = mid + 1
            else:
                hi = mid
        if lo < self._n and data[ends[lo - 1] + 1 if lo else 0 : ends[lo]] == b:
            return lo
        return -1

    def __contains__(self, word: object) -> bool:
        return self.index(word) >= 0  # type: ignore[arg-type]

    def __iter__(self):
        return iter(self._data.decode("utf-8").splitlines())

    def matching(self, pattern: re.Pattern) -> list[str]:
        """Words (whole lines) that a regular expression matches, without building every word."""
        return pattern.findall(self._data.decode("utf-8"))

    def lengths(self) -> np.ndarray:
        """Each word's length in code points (UTF-8 continuation bytes not counted)."""
        ends = np.frombuffer(self._ends, np.uint32)
        lengths = np.diff(ends.astype(np.int64), prepend=-1) - 1
        cont = np.flatnonzero((np.frombuffer(self._data, np.uint8) & 0xC0) == 0x80)  # a few thousand
        return lengths - np.bincount(np.searchsorted(ends, cont), minlength=self._n)

    def non_ascii(self) -> list[str]:
        """The words with a character outside ASCII, in order."""
        high = np.flatnonzero(np.frombuffer(self._data, np.uint8) >= 0x80)
        rows = np.searchsorted(np.frombuffer(self._ends, np.uint32), high)  # sorted, with repeats
        return [self[i] for i in rows[np.concatenate(([True], rows[1:] != rows[:-1]))].tolist()]

    def take(self, rows) -> list[str]:
        """The words at the given positions (in the given order)."""
        data, ends = self._data, self._ends
        return [data[ends[i - 1] + 1 if i else 0 : ends[i]].decode("utf-8") for i in map(int, rows)]


def fold(word: str) -> str:
    """Lowercase, straight apostrophes, accents and ligatures folded (``Café`` -> ``cafe``)."""
    w = word.translate(APOSTROPHES).lower()
    if w.isascii():
        return w
    w = w.replace("æ", "ae").replace("œ", "oe").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))


def data_key() -> bytes:
    """What a structure built from the lexicon depends on: the bytes of its data files' hashes
    (read once per process; the files are read by the lexicon anyway)."""
    return _data_key()


@lru_cache(maxsize=1)
def _data_key() -> bytes:
    import hashlib

    h = hashlib.blake2b(digest_size=16)
    for name in ("words.txt.gz", "zipf.npz"):
        h.update(_read_bytes(name))
    return h.digest()


class Lexicon:
    """Known English words (lowercase) with their Zipf frequencies."""

    @cached_property
    def words(self) -> WordList:
        return WordList(gzip.decompress(_read_bytes("words.txt.gz")))

    @cached_property
    def folded(self) -> frozenset[str]:
        """Words with accents folded, for ``café`` spelled ``cafe`` or the other way round."""
        return frozenset(fold(w) for w in self.words.non_ascii())

    @cached_property
    def zipf_codes(self) -> np.ndarray:
        """``round(zipf * 10)`` of each word of :attr:`words` (uint8, 0 when wordfreq does not know it)."""
        with np.load(io.BytesIO(_read_bytes("zipf.npz")), allow_pickle=False) as z:
            codes = z["zipf"]
        if codes.shape != (len(self.words),):
            raise ValueError("zipf.npz does not match words.txt.gz: rebuild with tools/build_spelling_data.py")
        return codes

    @cached_property
    def metaphone_codes(self) -> np.ndarray:
        """The metaphone code (bytes) of each word with a Zipf value, in the order of :attr:`words`."""
        with np.load(io.BytesIO(_read_bytes("zipf.npz")), allow_pickle=False) as z:
            sounds = z["metaphone"]
        if sounds.shape != (int(np.count_nonzero(self.zipf_codes)),):
            raise ValueError("zipf.npz: metaphone codes do not match the Zipf values")
        return sounds

    @cached_property
    def zipf_table(self) -> dict[str, float]:
        """Every word wordfreq knows with its Zipf frequency (built on demand; :meth:`zipf` does not need it)."""
        codes = self.zipf_codes
        rows = np.flatnonzero(codes)
        return {w: int(z) / 10 for w, z in zip(self.words.take(rows), codes[rows].tolist())}

    def words_with_zipf(self, least: float) -> list[str]:
        """The words with a Zipf frequency of at least ``least``, in sorted order."""
        return self.words.take(np.flatnonzero(self.zipf_codes / 10 >= least))

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
        i = self.words.index(word)
        return int(self.zipf_codes[i]) / 10 if i >= 0 else 0.0

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
