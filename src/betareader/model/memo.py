"""A bounded, thread-safe least-recently-used map, for the per-paragraph caches that let a
re-check after an edit redo only the changed paragraphs' share of the story-wide work.

The server checks texts from a thread pool, so the maps are shared by threads."""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Callable
from contextlib import contextmanager

_MISSING = object()
#: every LRU, and the clear functions of the other per-text caches (:func:`per_text`)
_LRUS: "weakref.WeakSet[LRU]" = weakref.WeakSet()
_OTHERS: list[Callable[[], None]] = []


def per_text(clear: Callable[[], None]) -> Callable[[], None]:
    """Register the ``clear`` function of a cache keyed by a paragraph's (or a window's) text that
    is not an :class:`LRU` (a ``functools.lru_cache``, a plain OrderedDict)."""
    _OTHERS.append(clear)
    return clear


def clear_text_caches() -> None:
    """Empty every cache keyed by text (every LRU and the registered ones).  A batch, whose works
    never repeat, calls it between works so that its memory stays flat however many it reviews;
    the caches keyed by a word (spelling, syllables) are kept: a corpus's vocabulary is bounded."""
    for lru in list(_LRUS):
        lru.clear()
    for clear in _OTHERS:
        clear()
_BYPASS = [0]  # > 0: every LRU misses and keeps nothing (tests compare against a cold check)


@contextmanager
def bypass():
    """Within this block every :class:`LRU` misses and stores nothing (for tests that compare a
    re-check with a check that reuses nothing)."""
    _BYPASS[0] += 1
    try:
        yield
    finally:
        _BYPASS[0] -= 1


class LRU:
    """``get``/``put`` by key; past ``maxsize`` entries the least recently used goes.

    Safe from several threads without a lock: each OrderedDict operation is atomic, and the one
    race (another thread drops the key or empties the map between two of them) only costs a
    recency update or an eviction, caught as a KeyError."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._data: OrderedDict = OrderedDict()
        _LRUS.add(self)

    def clear(self) -> None:
        self._data.clear()

    def get(self, key, default=None):
        if _BYPASS[0]:
            return default
        data = self._data
        value = data.get(key, _MISSING)
        if value is _MISSING:
            return default
        try:
            data.move_to_end(key)
        except KeyError:
            pass
        return value

    def put(self, key, value) -> None:
        if _BYPASS[0]:
            return
        data = self._data
        data[key] = value
        try:
            data.move_to_end(key)
            if len(data) > self.maxsize:
                data.popitem(last=False)
        except KeyError:
            pass

    def clear(self) -> None:
        self._data.clear()

    def __len__(self) -> int:
        return len(self._data)
