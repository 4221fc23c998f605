"""Linear-time scanning helpers for patterns that a plain regular expression scans
quadratically on a long paragraph.

Three shapes cost time proportional to the square of a paragraph's length when written as one
``re`` call per match, and an ordinary-looking input of a few hundred thousand characters (a
story pasted as one paragraph, a row of ``!!!!``) then takes minutes:

* *the word before a place*, ``re.search(r"[\\w.]+$", text, 0, end)``: the search tries every
  start from 0, so called once per match it rescans the whole text before each one
  (:func:`run_start` walks back from ``end`` over the run instead);
* *an opener with no closer*, ``<!--.*?-->`` or ``*(.+?)*``: every opener scans to the end of the
  text looking for its closer (:func:`delimited` and :func:`emphasis_spans` find each closer
  once, and stop when there is none);
* *a run that backtracks*, ``[.!?]+(?=\\s)`` on a row of ``!`` with no space after it: every start
  inside the run retries the whole run (write it possessively, ``[.!?]++``, and let it start only
  at the run's first character, ``(?<![.!?])``).

Each helper returns exactly what the pattern it replaces finds; ``tests/test_scan.py``
compares them on random text.
"""

from __future__ import annotations

import re
from bisect import bisect_left


def run_start(text: str, end: int, extra: str = "", start: int = 0) -> int:
    """Where the run of word characters (what ``\\w`` matches) and characters of ``extra`` that
    ends at ``end`` begins (``end`` itself when ``text[end - 1]`` is neither), not before
    ``start``: ``re.search(r"[\\w<extra>]+\\Z", text[start:end])``, walking back over the run only
    (``$`` would also match before a final newline)."""
    i = end
    while i > start:
        c = text[i - 1]
        if c.isalnum() or c == "_" or c in extra:
            i -= 1
        else:
            break
    return i


def skip_back(text: str, end: int, chars: str = "", space: bool = True) -> int:
    """Where the run of whitespace (with ``space``) and characters of ``chars`` that ends at
    ``end`` begins."""
    i = end
    while i > 0:
        c = text[i - 1]
        if (space and c.isspace()) or c in chars:
            i -= 1
        else:
            break
    return i


def delimited(text: str, opener: str, closer: str, start: int = 0, end: int | None = None):
    """``(start, end)`` of each ``opener ... closer`` in ``text``, as ``re.finditer(re.escape(opener)
    + ".*?" + re.escape(closer), text, re.S)`` finds them (the shortest, non-overlapping, left to
    right), in time linear in the text: once an opener has no closer after it, no later one
    has either."""
    if end is None:
        end = len(text)
    i = text.find(opener, start, end)
    lo, lc = len(opener), len(closer)
    while i >= 0:
        j = text.find(closer, i + lo, end)
        if j < 0:
            return
        yield i, j + lc
        i = text.find(opener, j + lc, end)


#: an emphasis opener: a marker not after a word character, ``*`` or ``\\``, the double marker
#: before the single, followed by a character that is not whitespace, ``*`` or ``_``
_OPENER_RE = re.compile(r"(?<![\w*\\])(?:\*\*|\*(?!\*)|__|_(?!_))(?=[^\s*_])")
#: where a closer of each marker may stand: after neither whitespace nor ``\\``, followed by
#: neither a word character nor ``*`` (zero-width, so that overlapping places are all found)
_CLOSER_RES = {d: re.compile(r"(?<=[^\s\\])(?=" + re.escape(d) + r"(?![\w*]))") for d in ("**", "*", "__", "_")}


def emphasis_spans(text: str) -> list[tuple[int, int, int]]:
    """Markdown-style emphasis in one paragraph, ``*x*``, ``**x**``, ``_x_``, ``__x__``, as
    ``(start, end, marker length)``: exactly what ``re.finditer`` of

        (?<![\\w*\\\\])(\\*\\*|\\*|__|_)(?=[^\\s*_])(.+?)(?<=[^\\s\\\\])\\1(?![\\w*])   (re.S)

    finds, in O(n log n) instead of O(n²) when openers have no closer (``*a *a *a…``).

    An opener is a marker not after a word character, ``*`` or ``\\``, followed by a character
    that is not whitespace, ``*`` or ``_`` (``**`` before ``*``); its closer is the first later
    copy of the same marker (with at least one character between) that follows neither
    whitespace nor ``\\`` and is followed by neither a word character nor ``*``."""
    if "*" not in text and "_" not in text:
        return []
    openers = [(m.start(), m.end() - m.start()) for m in _OPENER_RE.finditer(text)]
    if not openers:
        return []
    closers: dict[str, list[int]] = {}
    out: list[tuple[int, int, int]] = []
    pos = 0  # where the next match may start
    for p, ln in openers:
        if p < pos:
            continue
        d = text[p : p + ln]
        cl = closers.get(d)
        if cl is None:
            cl = closers[d] = [m.start() for m in _CLOSER_RES[d].finditer(text)]
        k = bisect_left(cl, p + ln + 1)
        if k == len(cl):
            continue
        c = cl[k]
        out.append((p, c + ln, ln))
        pos = c + ln
    return out


#: how much text one ``findall`` call reads at a time in :func:`findall_chunked`
CHUNK = 1 << 20


def chunks(text: str, size: int = CHUNK):
    """``(start, end)`` pieces of ``text`` of about ``size`` characters, each cut just before a
    space (a whole text with no space after ``size`` is one piece)."""
    n = len(text)
    lo = 0
    while lo < n:
        cut = text.find(" ", lo + size) if lo + size < n else -1
        if cut < 0:
            yield lo, n
            return
        yield lo, cut
        lo = cut


def findall_chunked(pattern: re.Pattern, text: str, size: int = CHUNK):
    """``pattern.findall(text)`` a piece at a time (see :func:`chunks`), so that a paragraph of
    fifty megabytes never holds a list of ten million words at once: the same matches for a
    pattern whose matches never hold a space (its look-behinds still see the text before a
    piece; a look-ahead at a piece's end sees its end, where the text has a space)."""
    for lo, hi in chunks(text, size):
        yield from pattern.findall(text, lo, hi)
