"""Loaders: turn an input file into the exact text every offset indexes, plus its structure.

Plain text and Markdown are read as decoded text (see :mod:`betareader.loaders.decode`);
their structure (headings, scene breaks, emphasis, comments) is read by the document
model from that same text, so offsets index the file's own characters.

HTML (AO3 downloads too), EPUB, Word (.docx) and OpenDocument (.odt) files are read into
paragraphs (:class:`~betareader.model.blocks.Block`, with a kind where the file says what
a paragraph is: the title, a chapter heading, an author's note, a scene break), joined
into one text, one blank line between paragraphs, italics written ``*like this*``.
Offsets index that extracted text (``betareader text FILE`` prints it), and
:meth:`Source.locate` maps an offset back to where its paragraph came from in the file
(the archive member, and the line and column of the HTML element or the paragraph's
number in a Word or ODT body). The input file is only ever read.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from dataclasses import dataclass, field

from ..errors import InputError
from ..model.blocks import Block, Origin, build_from_blocks, join_blocks
from .decode import Decoded, decode_bytes, read_bytes, read_input

TEXT_EXTENSIONS = {".txt": "txt", ".text": "txt", "": "txt", ".md": "md", ".markdown": "md", ".mdown": "md"}
STRUCTURED_EXTENSIONS = {".html": "html", ".htm": "html", ".xhtml": "html", ".epub": "epub", ".docx": "docx",
                         ".odt": "odt"}
#: Every format ``--input-format`` accepts.
FORMATS = ("txt", "md", "html", "epub", "docx", "odt")
#: Formats the reader does not take; refused with a clear message.
LATER = {".doc": "Word 97-2003 (.doc)", ".pdf": "PDF", ".rtf": "RTF", ".pages": "Pages", ".mobi": "MOBI",
         ".azw3": "Kindle", ".fodt": "flat ODT"}
_SAVE_AS = "save the story as .docx, .odt, .epub, .html, .txt or .md"


@dataclass(frozen=True, slots=True)
class Source:
    path: str
    format: str  # "txt", "md", "html", "epub", "docx" or "odt"
    text: str
    encoding: str  # the text's encoding; "zip" for EPUB, Word and ODT
    notes: tuple[str, ...]
    #: the paragraphs of a structured format (None for txt and md, segmented from the text)
    blocks: tuple[Block, ...] | None = None
    #: what the file says about the work: title, authors, fandoms, relationships, characters,
    #: tags (AO3's additional tags, EPUB subjects), rating, warnings, summary, source ("ao3", "fanficfare")
    metadata: dict = field(default_factory=dict)
    #: where each block starts in ``text`` (structured formats)
    block_starts: tuple[int, ...] = ()

    def document(self):
        """The document model of this source (built once per call)."""
        if self.blocks is None:
            from ..model import build_document

            return build_document(self.text, format=self.format, path=self.path)
        return build_from_blocks(list(self.blocks), format=self.format, path=self.path, metadata=self.metadata)

    def locate(self, offset: int) -> Origin | None:
        """Where the paragraph holding ``offset`` came from in the file (None for txt and md)."""
        if not self.blocks:
            return None
        i = bisect_right(self.block_starts, offset) - 1
        return self.blocks[max(i, 0)].origin


def input_format(path: str, default: str = "txt") -> str:
    if path == "-":
        return default
    ext = os.path.splitext(path)[1].lower()
    if ext in TEXT_EXTENSIONS:
        return TEXT_EXTENSIONS[ext]
    if ext in STRUCTURED_EXTENSIONS:
        return STRUCTURED_EXTENSIONS[ext]
    if ext in LATER:
        raise InputError(f"{path}: {LATER[ext]} files are not supported; {_SAVE_AS}")
    return default


def load(path: str, format: str | None = None) -> Source:
    """Read ``path`` ('-' for standard input) as ``format`` (default: by its extension)."""
    fmt = format or input_format(path)
    if fmt in ("txt", "md"):
        decoded, _raw = read_input(path)
        return Source(path=path if path != "-" else "<stdin>", format=fmt, text=decoded.text,
                      encoding=decoded.encoding, notes=decoded.notes)
    if fmt not in FORMATS:
        raise InputError(f"{path}: unknown input format {fmt!r}")
    data, name = read_bytes(path)
    return load_bytes(data, name, fmt)


def load_bytes(data: bytes, name: str, format: str | None = None) -> Source:
    """Read a file's bytes (a dropped file, an upload) as ``format`` (default: by the
    extension of ``name``), with the same checks and limits as :func:`load`."""
    fmt = format or input_format(name)
    if fmt not in FORMATS:
        raise InputError(f"{name}: unknown input format {fmt!r}")
    if fmt in ("txt", "md"):
        decoded = decode_bytes(data, name)
        return Source(path=name, format=fmt, text=decoded.text, encoding=decoded.encoding, notes=decoded.notes)
    notes: tuple[str, ...] = ()
    if fmt == "html":
        from .htmlfile import load_html

        decoded = decode_bytes(data, name)
        blocks, metadata = load_html(decoded.text, name)
        encoding, notes = decoded.encoding, decoded.notes
    else:
        if not data:
            raise InputError(f"{name}: the file is empty")
        encoding = "zip"
        if fmt == "epub":
            from .epub import load_epub as reader
        elif fmt == "docx":
            from .word import load_docx as reader
        else:
            from .odt import load_odt as reader
        blocks, metadata = reader(data, name)
    blocks = [b for b in blocks if b.text and not b.text.isspace()]
    if not any(b.kind not in ("heading", "title", "scene_break") for b in blocks):
        raise InputError(f"{name}: no story text found in the file")
    text, spans = join_blocks(blocks)
    return Source(path=name, format=fmt, text=text, encoding=encoding, notes=notes,
                  blocks=tuple(blocks), metadata=metadata, block_starts=tuple(s for s, _ in spans))


def to_document(src: Source):
    """The document model of a loaded source (same as ``src.document()``)."""
    return src.document()


__all__ = ["Decoded", "FORMATS", "Source", "input_format", "load", "load_bytes", "read_input", "to_document"]
