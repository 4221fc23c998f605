"""The report every renderer reads: per file, the document, its findings and a summary."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Document
from ..rules import REGISTRY
from ..rules.base import Finding


@dataclass
class FileReport:
    path: str
    format: str
    doc: Document
    findings: list[Finding]
    summary: dict = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    #: for a structured input (HTML, EPUB, Word, ODT): where the paragraph holding an offset came
    #: from in the file (``Source.locate``); None for plain text and Markdown
    locate: Callable[[int], object] | None = None

    def source_of(self, offset: int) -> dict | None:
        """Where ``offset``'s paragraph sits in the input file: ``part`` (the archive member),
        ``line``/``column`` (of its HTML element) and ``paragraph`` (1-based, in a Word or ODT
        body), whichever the format knows; None for plain text and Markdown."""
        origin = self.locate(offset) if self.locate is not None else None
        if origin is None:
            return None
        out = {"part": origin.part, "line": origin.line, "column": origin.column,
               "paragraph": origin.index + 1 if origin.index is not None else None}
        out = {k: v for k, v in out.items() if v is not None}
        return out or None

    @property
    def text(self) -> str:
        return self.doc.text

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if _kind(f.code) == "error")

    @property
    def craft(self) -> int:
        return sum(1 for f in self.findings if _kind(f.code) == "craft")

    def text_sha256(self) -> str:
        return hashlib.sha256(self.doc.text.encode("utf-8", "surrogatepass")).hexdigest()


def _kind(code: str) -> str:
    rule = REGISTRY.get(code)
    return rule.kind if rule else "error"


#: characters of context on each side that a fingerprint reads (within the finding's line)
FINGERPRINT_CONTEXT = 24


def fingerprint(f: Finding, text: str) -> str:
    """A finding's identity that survives edits elsewhere in the story: a hash of its rule, its
    words and up to ``FINGERPRINT_CONTEXT`` characters on each side on the same line, spaces
    collapsed.  The page's "ignore" and SARIF's ``partialFingerprints`` use it."""
    # the line breaks are looked for only within the context (a one-line story of fifty
    # megabytes would otherwise be scanned once per finding)
    lo = max(0, f.start - FINGERPRINT_CONTEXT)
    lo = text.rfind("\n", lo, f.start) + 1 or lo
    hi = min(len(text), f.end + FINGERPRINT_CONTEXT)
    nl = text.find("\n", f.end, hi)
    hi = hi if nl < 0 else nl
    parts = (f.code, text[lo : f.start], text[f.start : f.end], text[f.end : hi])
    key = "\x1f".join(" ".join(p.split()) for p in parts)
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def finding_dict(f: Finding, doc: Document, report: "FileReport | None" = None) -> dict:
    rule = REGISTRY.get(f.code)
    line, col = doc.line_col(f.start)
    return {
        "code": f.code,
        "name": rule.name if rule else f.code,
        "kind": rule.kind if rule else "error",
        "severity": f.severity or (rule.severity if rule else "error"),
        "start": f.start,
        "end": f.end,
        "line": line,
        "column": col,
        "excerpt": doc.text[f.start : f.end],
        "fingerprint": fingerprint(f, doc.text),
        "message": f.message,
        "suggestions": list(f.suggestions),
        "fix": (
            {
                "applicability": f.fix.applicability,
                "edits": [{"start": e.start, "end": e.end, "text": e.text} for e in f.fix.edits],
            }
            if f.fix
            else None
        ),
        **({"source": src} if report is not None and (src := report.source_of(f.start)) else {}),
    }


def describe_source(where: dict) -> str:
    """A source location for people: ``OEBPS/ch1.xhtml line 12``, ``file line 40``, ``paragraph 5``
    (Word and ODT: the body's paragraph number says it all)."""
    if "paragraph" in where:
        return f"paragraph {where['paragraph']}"
    out = where.get("part", "file")
    return out + (f" line {where['line']}" if "line" in where else "")
