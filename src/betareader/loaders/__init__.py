"""Loaders: turn an input file into the exact text every offset indexes, plus its format.

Plain text and Markdown are read as decoded text (see :mod:`betareader.loaders.decode`);
their structure (headings, scene breaks, emphasis, comments) is read by the document
model from that same text, so offsets index the file's own characters.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..errors import InputError
from .decode import Decoded, read_input

TEXT_EXTENSIONS = {".txt": "txt", ".text": "txt", "": "txt", ".md": "md", ".markdown": "md", ".mdown": "md"}
#: Formats the reader will take in later releases; refused with a clear message for now.
LATER = {".docx": "Word", ".epub": "EPUB", ".html": "HTML", ".htm": "HTML", ".odt": "ODT", ".pdf": "PDF", ".rtf": "RTF"}


@dataclass(frozen=True, slots=True)
class Source:
    path: str
    format: str  # "txt" or "md"
    text: str
    encoding: str
    notes: tuple[str, ...]


def input_format(path: str, default: str = "txt") -> str:
    if path == "-":
        return default
    ext = os.path.splitext(path)[1].lower()
    if ext in TEXT_EXTENSIONS:
        return TEXT_EXTENSIONS[ext]
    if ext in LATER:
        raise InputError(f"{path}: {LATER[ext]} files are not supported yet; save the story as .txt or .md")
    return default


def load(path: str, format: str | None = None) -> Source:
    """Read and decode ``path`` ('-' for standard input)."""
    fmt = format or input_format(path)
    decoded, _raw = read_input(path)
    return Source(path=path if path != "-" else "<stdin>", format=fmt, text=decoded.text,
                  encoding=decoded.encoding, notes=decoded.notes)


__all__ = ["Decoded", "Source", "input_format", "load", "read_input"]
