"""The document model: one object per text, read by every rule."""

from .document import (
    COMMENT,
    HEADING,
    NOTE,
    POV,
    PROSE_KINDS,
    SCENE_BREAK,
    TEXT,
    TITLE,
    Chapter,
    Document,
    Paragraph,
    Style,
    build_document,
)
from .paragraph import ParagraphAnalysis, analyze_paragraph
from .quotes import (
    APOSTROPHE,
    CLOSE,
    DOUBLE,
    OPEN,
    SINGLE,
    Quotation,
    QuoteMark,
    analyze_quotes,
)

__all__ = [
    "APOSTROPHE", "CLOSE", "COMMENT", "DOUBLE", "HEADING", "NOTE", "OPEN", "POV", "PROSE_KINDS",
    "SCENE_BREAK", "SINGLE", "TEXT", "TITLE", "Chapter", "Document", "Paragraph", "ParagraphAnalysis",
    "Quotation", "QuoteMark", "Style", "analyze_paragraph", "analyze_quotes", "build_document",
]
