"""The report every renderer reads: per file, the document, its findings and a summary."""

from __future__ import annotations

import hashlib
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
    lo = max(text.rfind("\n", 0, f.start) + 1, f.start - FINGERPRINT_CONTEXT)
    nl = text.find("\n", f.end)
    hi = min(len(text) if nl < 0 else nl, f.end + FINGERPRINT_CONTEXT)
    parts = (f.code, text[lo : f.start], text[f.start : f.end], text[f.end : hi])
    key = "\x1f".join(" ".join(p.split()) for p in parts)
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def finding_dict(f: Finding, doc: Document) -> dict:
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
    }
