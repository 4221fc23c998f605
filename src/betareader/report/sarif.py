"""SARIF 2.1.0 output, for code-scanning viewers and editors.

One run; ``columnKind`` is ``unicodeCodePoints``, so columns and ``charOffset``/``charLength`` are
code points, the same units as betareader's offsets (``region`` lines and columns are 1-based,
``endColumn`` is the column just past the last character).  The driver lists the rules that have
results, with their documentation; error-kind findings are ``error`` (severity error) or
``warning`` (other severities), craft findings are ``note``.  Findings with a fix carry it as
``fixes[].artifactChanges[].replacements``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from ..rules import REGISTRY
from .file_report import FileReport, fingerprint

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
VERSION = "2.1.0"

_SECTION = re.compile(r"^## (.+)$", re.M)


def _sections(doc: str) -> dict[str, str]:
    parts = _SECTION.split(doc)
    out = {"summary": parts[0].strip()}
    for i in range(1, len(parts) - 1, 2):
        out[parts[i].strip()] = parts[i + 1].strip()
    return out


def _level(kind: str, severity: str) -> str:
    if kind == "craft":
        return "note"
    return "error" if severity == "error" else "warning"


def _uri(path: str) -> str:
    if path in ("-", "<stdin>"):
        return "stdin"
    p = Path(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(p.as_posix())


def _rule_descriptor(code: str) -> dict:
    rule = REGISTRY.get(code)
    if rule is None:
        return {"id": code, "name": code, "shortDescription": {"text": code},
                "defaultConfiguration": {"level": "error"}}
    doc = rule.doc()
    sec = _sections(doc)
    what = sec.get("What it does") or sec["summary"]
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary_line()},
        "fullDescription": {"text": " ".join(what.split())},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": _level(rule.kind, rule.severity), "enabled": bool(rule.default_enabled)},
        "properties": {
            "kind": rule.kind,
            "severity": rule.severity,
            "fixAvailability": rule.fix_availability,
            "tags": [rule.kind, rule.code[:3]],
        },
    }


def region(doc, start: int, end: int) -> dict:
    sl, sc = doc.line_col(start)
    el, ec = doc.line_col(end)
    return {"startLine": sl, "startColumn": sc, "endLine": el, "endColumn": ec,
            "charOffset": start, "charLength": end - start}


def to_dict(reports: list[FileReport]) -> dict:
    codes = sorted({f.code for r in reports for f in r.findings})
    index = {c: i for i, c in enumerate(codes)}
    artifacts = []
    results = []
    for ai, r in enumerate(reports):
        doc = r.doc
        uri = _uri(r.path)
        artifacts.append({
            "location": {"uri": uri},
            "hashes": {"sha-256": r.text_sha256()},
            "properties": {"format": r.format, "words": doc.words},
        })
        for f in sorted(r.findings, key=lambda f: (f.start, f.end, f.code)):
            rule = REGISTRY.get(f.code)
            kind = rule.kind if rule else "error"
            severity = f.severity or (rule.severity if rule else "error")
            loc = {"physicalLocation": {"artifactLocation": {"uri": uri, "index": ai},
                                        "region": {**region(doc, f.start, f.end),
                                                   "snippet": {"text": doc.text[f.start:f.end]}}}}
            res = {
                "ruleId": f.code,
                "ruleIndex": index[f.code],
                "level": _level(kind, severity),
                "kind": "fail",
                "message": {"text": f.message},
                "locations": [loc],
                "partialFingerprints": {"betareaderContext/v1": fingerprint(f, doc.text)},
                "properties": {"kind": kind, "severity": severity},
            }
            if f.suggestions:
                res["properties"]["suggestions"] = list(f.suggestions)
            if f.fix is not None and f.fix.edits:
                res["fixes"] = [{
                    "description": {"text": ("Safe fix" if f.fix.applicability == "safe" else "Unsafe fix: check it")
                                    + f" ({f.code})"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": uri, "index": ai},
                        "replacements": [
                            {"deletedRegion": region(doc, e.start, e.end), "insertedContent": {"text": e.text}}
                            for e in sorted(f.fix.edits, key=lambda e: (e.start, e.end))
                        ],
                    }],
                    "properties": {"applicability": f.fix.applicability},
                }]
            results.append(res)
    return {
        "$schema": SCHEMA_URI,
        "version": VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": "betareader",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule_descriptor(c) for c in codes],
            }},
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
        }],
    }


def render(reports: list[FileReport]) -> str:
    return json.dumps(to_dict(reports), ensure_ascii=False, indent=1) + "\n"
