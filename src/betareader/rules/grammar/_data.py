"""The GRM rules' word lists that live in data files (``betareader/data/grammar``), loaded on first use."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = (resources.files("betareader") / "data" / "grammar" / name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


class _WordList:
    """Exact words (plus a plural -s) and prefixes (entries ending in ``*``)."""

    def __init__(self, entries: list[str]) -> None:
        self.exact = frozenset(e for e in entries if not e.endswith("*"))
        self.prefixes = tuple(e[:-1] for e in entries if e.endswith("*"))

    def __contains__(self, word: str) -> bool:
        w = word.lower()
        if w in self.exact or (w.endswith("s") and w[:-1] in self.exact):
            return True
        return w.startswith(self.prefixes) if self.prefixes else False


@lru_cache(maxsize=None)
def _a_words() -> _WordList:
    return _WordList(_lines("a_before_vowel_letter.txt"))


@lru_cache(maxsize=None)
def _an_words() -> _WordList:
    return _WordList(_lines("an_before_consonant_letter.txt"))


@lru_cache(maxsize=None)
def _either_words() -> _WordList:
    return _WordList(_lines("a_an_either.txt"))


@lru_cache(maxsize=None)
def _letter_initialisms() -> frozenset[str]:
    return frozenset(_lines("letter_initialisms.txt"))


@lru_cache(maxsize=None)
def _word_acronyms() -> frozenset[str]:
    return frozenset(_lines("word_acronyms.txt"))


@lru_cache(maxsize=None)
def _irregular() -> dict[str, tuple[str, str]]:
    """wrong form -> (standard past, standard past participle)."""
    out = {}
    for line in _lines("irregular_past.txt"):
        parts = line.split()
        out[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else parts[1])
    return out


@lru_cache(maxsize=None)
def _set(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _lines(name))
