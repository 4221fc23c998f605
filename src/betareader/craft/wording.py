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
    out = " ".join(text[s:e].split())
    return out if len(out) <= EXAMPLE_CHARS else out[: EXAMPLE_CHARS - 1].rstrip() + "…"


def at(doc: "Document", start: int, end: int) -> dict:
    """A note's example and its place, for ``Note(..., **at(doc, start, end))``: the quotation at
    ``start:end`` (see :func:`quote`) with its offsets."""
    return {"example": quote(doc, start, end), "start": start, "end": end}
