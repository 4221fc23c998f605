"""Build a Document from pre-split blocks (HTML, EPUB, Word and ODT inputs).

Formats with real structure (AO3 downloads, EPUB, DOCX, ODT) are not re-segmented from
text: their loader gives a list of :class:`Block` (one per paragraph, with a kind when the
source says what it is: a chapter title, an author's note, a scene break), and this
module joins them into the document text, one blank line between blocks, so that every
finding offset indexes that text (``betareader text FILE`` prints it).

Italics are written into the block text as Markdown emphasis (``*word*``), the same
convention plain-text and Markdown stories use, so emphasis, thoughts and the speller's
handling of italicised words work the same for every format.

A block without a kind is classified like a paragraph of a plain-text story (a line of
``* * *`` is a scene break, ``A/N:`` an author's note, ``Chapter 3`` a heading), because
writers type those into Word and HTML too. :func:`build_document` is not changed:
plain text and Markdown still go through it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .document import (
    _MD_HEADING_RE,
    _NOTE_ANYWHERE_RE,
    _POV_RE,
    _SCENE_BREAK_RE,
    _TXT_HEADING_RE,
    HEADING,
    NOTE,
    POV,
    SCENE_BREAK,
    TEXT,
    TITLE,
    Document,
    Paragraph,
    _mark_titles,
    finish_document,
)
from .paragraph import analyze_paragraph

#: Kinds a loader may give a block (None: classify from the text).
BLOCK_KINDS = frozenset({TEXT, NOTE, HEADING, TITLE, SCENE_BREAK, POV})

#: The text written for a scene break that has no text of its own (an HTML ``<hr>``).
SCENE_BREAK_TEXT = "* * *"

#: Between blocks in the document text.
SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a block came from in the input file, for reports and for mapping offsets back.

    ``part`` is the member of an archive (``OEBPS/chapter1.xhtml``, ``word/document.xml``),
    None for the file itself; ``line`` and ``column`` (1-based) locate the HTML element the
    block starts in; ``index`` is the paragraph's number (0-based) in a Word or ODT body.
    """

    part: str | None = None
    line: int | None = None
    column: int | None = None
    index: int | None = None

    def describe(self) -> str:
        where = []
        if self.part:
            where.append(self.part)
        if self.line is not None:
            where.append(f"line {self.line}" + (f", column {self.column}" if self.column is not None else ""))
        if self.index is not None:
            where.append(f"paragraph {self.index + 1}")
        return ", ".join(where)


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of a structured input.

    ``text`` is the paragraph as it reads (line breaks inside it as ``\\n``, italics as
    ``*…*``); ``kind`` one of :data:`BLOCK_KINDS` or None to classify it from the text;
    ``level`` the heading level (1 for a work's title, 2 for chapters).
    """

    text: str
    kind: str | None = None
    level: int = 0
    origin: Origin | None = None


def join_blocks(blocks: list[Block]) -> tuple[str, list[tuple[int, int]]]:
    """The document text of ``blocks`` and each block's (start, end) in it."""
    spans = []
    pos = 0
    parts = []
    for b in blocks:
        if parts:
            parts.append(SEPARATOR)
            pos += len(SEPARATOR)
        parts.append(b.text)
        spans.append((pos, pos + len(b.text)))
        pos += len(b.text)
    return "".join(parts), spans


def _classify(text: str) -> tuple[str, int]:
    if _SCENE_BREAK_RE.match(text):
        return SCENE_BREAK, 0
    if "\n" not in text and _TXT_HEADING_RE.match(text) and not _MD_HEADING_RE.match(text):
        return HEADING, 7
    if len(text) < 60 and _POV_RE.match(text):
        return POV, 0
    if _NOTE_ANYWHERE_RE.match(text):
        return NOTE, 0
    return TEXT, 0


def build_from_blocks(blocks: list[Block], format: str, path: str | None = None,
                      metadata: dict | None = None) -> Document:
    """Build the document model from ``blocks`` (empty or blank blocks are dropped)."""
    blocks = [b for b in blocks if b.text and not b.text.isspace()]
    text, spans = join_blocks(blocks)
    doc = Document(text=text, format=format, path=path, metadata=dict(metadata or {}))
    paragraphs: list[Paragraph] = []
    for b, (s, e) in zip(blocks, spans):
        if b.kind is not None:
            if b.kind not in BLOCK_KINDS:
                raise ValueError(f"unknown block kind {b.kind!r}")
            kind, level = b.kind, b.level
            if kind == HEADING and level <= 0:
                level = 2
        else:
            kind, level = _classify(b.text)
        p = Paragraph(index=len(paragraphs), start=s, end=e, kind=kind, level=level)
        p.analysis = analyze_paragraph(b.text)
        paragraphs.append(p)
    if not any(p.kind == TITLE for p in paragraphs):
        _mark_titles(paragraphs, True)
    return finish_document(doc, paragraphs)


__all__ = ["BLOCK_KINDS", "Block", "Origin", "SCENE_BREAK_TEXT", "SEPARATOR", "build_from_blocks", "join_blocks"]
