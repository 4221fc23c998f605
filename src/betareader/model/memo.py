"""A bounded, thread-safe least-recently-used map, for the per-paragraph caches that let a
re-check after an edit redo only the changed paragraphs' share of the story-wide work.

The server checks texts from a thread pool, so every get and put takes a lock."""

from __future__ import annotations

import threading
from collections import OrderedDict
from contextlib import contextmanager

_MISSING = object()
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
    """``get``/``put`` by key; past ``maxsize`` entries the least recently used goes."""

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._data: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, default=None):
        if _BYPASS[0]:
            return default
        with self._lock:
            value = self._data.get(key, _MISSING)
            if value is _MISSING:
                return default
            self._data.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        if _BYPASS[0]:
            return
        with self._lock:
            self._data[key] = value
            self._data.move_to_end(key)
            if len(self._data) > self.maxsize:
                self._data.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._data.clear()

    def __len__(self) -> int:
        return len(self._data)
