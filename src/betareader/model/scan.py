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


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"


def emphasis_spans(text: str) -> list[tuple[int, int, int]]:
    """Markdown-style emphasis in one paragraph, ``*x*``, ``**x**``, ``_x_``, ``__x__``, as
    ``(start, end, marker length)``: exactly what ``re.finditer`` of

        (?<![\\w*\\\\])(\\*\\*|\\*|__|_)(?=[^\\s*_])(.+?)(?<=[^\\s\\\\])\\1(?![\\w*])   (re.S)

    finds, in O(n log n) instead of O(n²) when openers have no closer (``*a *a *a…``).

    An opener is a marker not after a word character, ``*`` or ``\\``, followed by a character
    that is not whitespace, ``*`` or ``_`` (``**`` before ``*``); its closer is the first later
    copy of the same marker (with at least one character between) that follows neither
    whitespace nor ``\\`` and is followed by neither a word character nor ``*``."""
    n = len(text)
    marks = [i for i, c in enumerate(text) if c == "*" or c == "_"] if ("*" in text or "_" in text) else []
    if not marks:
        return []
    closers: dict[str, list[int]] = {"**": [], "*": [], "__": [], "_": []}
    for c in marks:
        if c == 0:
            continue
        before = text[c - 1]
        if before.isspace() or before == "\\":
            continue
        ch = text[c]
        for d in (ch + ch, ch):
            k = c + len(d)
            if text.startswith(d, c) and (k >= n or not (_is_word(text[k]) or text[k] == "*")):
                closers[d].append(c)
    out: list[tuple[int, int, int]] = []
    pos = 0  # where the next match may start
    for p in marks:
        if p < pos:
            continue
        if p > 0:
            b = text[p - 1]
            if _is_word(b) or b == "*" or b == "\\":
                continue
        ch = text[p]
        d = ch + ch if text.startswith(ch + ch, p) else ch
        q = p + len(d)
        if q >= n:
            continue
        a = text[q]
        if a.isspace() or a == "*" or a == "_":
            continue
        cl = closers[d]
        k = bisect_left(cl, q + 1)
        if k == len(cl):
            continue
        c = cl[k]
        out.append((p, c + len(d), len(d)))
        pos = c + len(d)
    return out
