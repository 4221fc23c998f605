"""The English lexicon: SCOWL size-80 words in every spelling variant, and a Zipf frequency table.

Both are vendored, gzipped data files (see ``tools/build_spelling_data.py`` and the licence files next to
them) loaded once per process on first use: about 0.07 s and 30 MB for 348,510 words.
"""

from __future__ import annotations

import gzip
import unicodedata
from functools import cached_property, lru_cache
from importlib import resources

APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "\u2018": "'"})


def _read_lines(name: str) -> list[str]:
    data = resources.files("betareader").joinpath("data", "spelling", name).read_bytes()
    return gzip.decompress(data).decode("utf-8").split("\n")


def fold(word: str) -> str:
    """Lowercase, straight apostrophes, accents and ligatures folded (``Café`` -> ``cafe``)."""
    w = word.translate(APOSTROPHES).lower()
    if w.isascii():
        return w
    w = w.replace("æ", "ae").replace("œ", "oe").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))


class Lexicon:
    """Known English words (lowercase) with their Zipf frequencies."""

    @cached_property
    def words(self) -> frozenset[str]:
        return frozenset(w for w in _read_lines("words.txt.gz") if w)

    @cached_property
    def folded(self) -> frozenset[str]:
        """Words with accents folded, for ``café`` spelled ``cafe`` or the other way round."""
        return frozenset(fold(w) for w in self.words if not w.isascii())

    @cached_property
    def zipf_table(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for line in _read_lines("zipf.tsv.gz"):
            if line:
                w, z = line.split("\t")
                out[w] = int(z) / 10
        return out

    @cached_property
    def foreign(self) -> frozenset[str]:
        """French, German, Italian and Spanish words (Zipf >= 3) that are not English, accents folded."""
        return frozenset(fold(w) for w in _read_lines("foreign.txt.gz") if w)

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
