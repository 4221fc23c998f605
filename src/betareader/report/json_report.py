"""The JSON contract (schema 1), documented in the README."""

from __future__ import annotations

import json

from .. import __version__
from .file_report import FileReport, finding_dict

SCHEMA = 1


def to_dict(reports: list[FileReport], lazy: bool = False) -> dict:
    """The contract as a dict; with ``lazy``, each file's findings are a list that makes their
    dicts one at a time as it is iterated (for :func:`chunks`)."""
    return {
        "betareader": __version__,
        "schema": SCHEMA,
        "files": [
            {
                "path": r.path,
                "format": r.format,
                "words": r.doc.words,
                "text_sha256": r.text_sha256(),
                "notes": list(r.notes),
                "findings": _Findings(r) if lazy else [finding_dict(f, r.doc, r) for f in r.findings],
                "summary": r.summary,
            }
            for r in reports
        ],
    }


class _Findings(list):
    """A report's findings as dicts made one at a time while the encoder writes them, so a story
    with a hundred thousand findings never holds a hundred thousand dicts at once.  (The
    indenting encoder reads a list through ``len`` and iteration only.)"""

    def __init__(self, report: FileReport) -> None:
        super().__init__()
        self.report = report

    def __len__(self) -> int:
        return len(self.report.findings)

    def __bool__(self) -> bool:
        return bool(self.report.findings)

    def __iter__(self):
        r = self.report
        return (finding_dict(f, r.doc, r) for f in r.findings)


def chunks(reports: list[FileReport]):
    """The JSON text in pieces, as the encoder makes them (ending with a newline)."""
    yield from json.JSONEncoder(ensure_ascii=False, indent=1).iterencode(to_dict(reports, lazy=True))
    yield "\n"


def render(reports: list[FileReport]) -> str:
    return "".join(chunks(reports))
