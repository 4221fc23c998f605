"""The JSON contract (schema 1), documented in the README."""

from __future__ import annotations

import json

from .. import __version__
from .model import FileReport, finding_dict

SCHEMA = 1


def to_dict(reports: list[FileReport]) -> dict:
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
                "findings": [finding_dict(f, r.doc, r) for f in r.findings],
                "summary": r.summary,
            }
            for r in reports
        ],
    }


def render(reports: list[FileReport]) -> str:
    return json.dumps(to_dict(reports), ensure_ascii=False, indent=1) + "\n"
