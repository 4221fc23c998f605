"""Small helpers for the words of craft notes and letter lines: rates, plurals, quotations."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Document

#: characters a quotation from the story is cut to
EXAMPLE_CHARS = 80


def per_10k(count: int, words: int) -> float:
    return 10_000 * count / words if words else 0.0


def plural(count: int, one: str, many: str | None = None) -> str:
    """``1 place``, ``2,310 places``, ``3 runs``."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def quote(doc: "Document", start: int, end: int) -> str:
    """The text at ``start:end``, widened to whole words and cut to about 80 characters."""
    text = doc.text
    s, e = start, end
    while s > 0 and text[s - 1].isalnum():
        s -= 1
    while e < len(text) and text[e].isalnum():
        e += 1
    if e - s < EXAMPLE_MIN_CHARS:
        # a mark or a short word alone ("'", ",", "i") says nothing: show the words around it
        s, e = _widen(text, s, e)
    out = " ".join(text[s:e].split())
    return out if len(out) <= EXAMPLE_CHARS else out[: EXAMPLE_CHARS - 1].rstrip() + "…"


#: an example shorter than this gets the words around it
EXAMPLE_MIN_CHARS = 4
#: how many words either side
CONTEXT_WORDS = 3


def _widen(text: str, s: int, e: int) -> tuple[int, int]:
    """``s:e`` widened by up to :data:`CONTEXT_WORDS` words either side, within its line."""
    lo, hi = s, e
    for _ in range(CONTEXT_WORDS):
        j = lo
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        if j == 0 or text[j - 1] in "\r\n":
            break
        while j > 0 and not text[j - 1].isspace():
            j -= 1
        lo = j
    for _ in range(CONTEXT_WORDS):
        j = hi
        while j < len(text) and text[j] in " \t":
            j += 1
        if j >= len(text) or text[j] in "\r\n":
            break
        while j < len(text) and not text[j].isspace():
            j += 1
        hi = j
    return lo, hi


def at(doc: "Document", start: int, end: int) -> dict:
    """A note's example and its place, for ``Note(..., **at(doc, start, end))``: the quotation at
    ``start:end`` (see :func:`quote`) with its offsets."""
    return {"example": quote(doc, start, end), "start": start, "end": end}


#: a rate-based letter line needs at least this many instances behind it
MIN_RATE_COUNT = 3
#: and this confidence that the rate really is above published fiction's (one-sided)
RATE_ALPHA = 0.05


def binom_above(k: int, n: int, p0: float, alpha: float = RATE_ALPHA) -> bool:
    """Are ``k`` successes in ``n`` trials clearly more than a share ``p0`` gives: at least
    :data:`MIN_RATE_COUNT` of them, and P(X >= k) < ``alpha`` for X ~ Binomial(n, p0)?"""
    if k < MIN_RATE_COUNT or n <= 0 or k > n:
        return False
    if p0 <= 0:
        return True
    if p0 >= 1:
        return False
    return binom_tail(k, n, p0) < alpha


def binom_tail(k: int, n: int, p0: float) -> float:
    """P(X >= k) for X ~ Binomial(n, p0), 0 < p0 < 1, in logarithms: a long work's counts (tens of
    thousands of trials) overflow a float in ``comb(n, i) * p ** i``.  At or below the median the
    tail is at least a half (only whether it is below a small alpha matters, so 1.0 stands for
    it); above it the terms only shrink, and the sum stops once they no longer count."""
    from math import exp, floor, lgamma, log, log1p

    if k <= 0:
        return 1.0
    if k <= floor(n * p0):
        return 1.0  # the median is floor(np) or ceil(np): P(X >= k) >= 1/2
    lp, lq, ln = log(p0), log1p(-p0), lgamma(n + 1)
    tail = 0.0
    for i in range(k, n + 1):
        term = exp(ln - lgamma(i + 1) - lgamma(n - i + 1) + i * lp + (n - i) * lq)
        tail += term
        if term <= tail * 1e-17:
            break
    return min(tail, 1.0)


def poisson_above(k: int, words: int, per_1k: float, alpha: float = RATE_ALPHA) -> bool:
    """Are ``k`` events in ``words`` words clearly more than a rate of ``per_1k`` per 1,000 words
    gives: at least :data:`MIN_RATE_COUNT`, and P(X >= k) < ``alpha`` for X ~ Poisson?"""
    if k < MIN_RATE_COUNT or words <= 0:
        return False
    lam = per_1k * words / 1000
    if lam <= 0:
        return True
    return poisson_tail(k, lam) < alpha


def poisson_tail(k: int, lam: float) -> float:
    """P(X >= k) for X ~ Poisson(lam).  Below ``lam`` the complement is summed from zero, as
    :func:`poisson_above` always did; above it the tail itself, in logarithms, so that a long
    work's expected count (beyond about 745, where ``exp(-lam)`` is 0.0) still gives a tail."""
    from math import exp, lgamma, log

    if k <= 0:
        return 1.0
    if lam < 700:
        term = exp(-lam)  # P(X = 0), then each next term
        below = 0.0
        for i in range(k):
            below += term
            term *= lam / (i + 1)
        return 1 - below
    if k <= lam - 1:
        return 1.0  # the median is at least lam - ln 2: P(X >= k) >= 1/2
    ll = log(lam)
    tail = 0.0
    i = k
    while True:
        term = exp(-lam + i * ll - lgamma(i + 1))
        tail += term
        if i > lam and term <= tail * 1e-17:
            break
        i += 1
    return min(tail, 1.0)

