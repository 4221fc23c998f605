"""Markdown report: the beta letter, the figures, then the findings per chapter with line:column,
the excerpt in its context, the message and the fix.

Every piece of story text (excerpts, messages, letter lines, names, paths) goes through
:func:`escape`, so a story's own ``*``, ``_``, ``[...](...)``, ``<tags>``, backticks or table pipes
never turn into Markdown or HTML in the report.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .. import __version__
from ..rules import REGISTRY
from .file_report import FileReport

CONTEXT = 40
# CommonMark lets a backslash escape any ASCII punctuation; these are the ones that can start
# markup in the middle of a line (emphasis, code, links, images, raw HTML, entities, GFM tables,
# strikethrough, math); "!" and "(" only matter next to an escaped bracket.  Line-start markup
# (#, -, +, 1.) cannot occur: story text never starts a line (newlines are shown as ⏎).
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~$&])")


def escape(s: str) -> str:
    """``s`` as literal Markdown text on one line."""
    s = s.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎").replace("\t", "→")
    return _SPECIAL.sub(r"\\\1", s)


def _context(text: str, lo: int, hi: int, start: int, end: int) -> str:
    a = max(lo, start - CONTEXT)
    b = min(hi, end + CONTEXT)
    mid = text[start:end]
    shown = f"**{escape(mid)}**" if mid.strip() else ("`" + "␣" * len(mid) + "`" if mid else "‸")
    return (("…" if a > lo else "") + escape(text[a:start]) + shown + escape(text[end:b])
            + ("…" if b < hi else ""))


def _shown(s: str) -> str:
    """Escaped text, with a run of spaces made visible (␣)."""
    return escape(s) if s.strip() or not s else "␣" * len(s)


def _fix_line(text: str, f) -> str:
    if f.fix is not None and f.fix.edits:
        label = "fix" if f.fix.applicability == "safe" else "fix (check it)"
        # the finding's words (and any edit outside them) before and after the fix, so a fix
        # that deletes only the repeat of `the the` still reads “the the” → “the”
        from ..fix.apply import apply_edits

        edits = sorted(f.fix.edits, key=lambda e: (e.start, e.end))
        a = min([f.start] + [e.start for e in edits])
        b = max([f.end] + [e.end for e in edits])
        old = text[a:b]
        new = apply_edits(old, [type(e)(e.start - a, e.end - a, e.text) for e in edits])
        return f"{label}: " + (f"“{_shown(old)}” → “{_shown(new)}”" if old else f"insert “{_shown(new)}”")
    if f.suggestions:
        return "try: " + " \\| ".join(f"“{escape(s)}”" for s in f.suggestions)
    return ""


def _figures(r: FileReport) -> list[tuple[str, str]]:
    from .html import figures  # the same figures as the HTML report (no matplotlib)

    return figures(r, (r.summary or {}).get("stats") or {})


def render_file(r: FileReport) -> str:
    doc = r.doc
    text = doc.text
    summary = r.summary or {}
    out = [f"# betareader report: {escape(r.path)}", ""]
    out.append(f"{doc.words:,} words · {r.errors} error{'s' if r.errors != 1 else ''} · "
               f"{r.craft} craft note{'s' if r.craft != 1 else ''} · betareader {__version__}")
    out.append("")
    for note in r.notes:
        out += [f"> note: {escape(note)}", ""]
    strengths = summary.get("strengths") or []
    priorities = summary.get("priorities") or []
    if strengths or priorities:
        out += ["## Beta letter", ""]
        if strengths:
            out += ["### What works", ""]
            out += [f"- {escape(s.get('text', ''))}" for s in strengths]
            out.append("")
        if priorities:
            out += ["### What would help most", ""]
            for i, p in enumerate(priorities, 1):
                out.append(f"{i}. {escape(p.get('text', ''))}")
                ex = p.get("example") or {}
                if ex.get("text") and ex["text"] not in p.get("text", ""):
                    start = ex.get("start")
                    where = ""
                    if isinstance(start, int) and 0 <= start <= len(text):
                        line, col = doc.line_col(start)
                        where = f" (line {line}:{col})"
                    out.append(f"   e.g. “{escape(ex['text'])}”{where}")
            out.append("")
    figs = _figures(r)
    if figs:
        out += ["## Figures", "", "| figure | value |", "|---|---|"]
        out += [f"| {escape(k)} | {escape(v)} |" for k, v in figs]
        out.append("")
    out += ["## Findings", ""]
    if not r.findings:
        out += ["No findings.", ""]
        return "\n".join(out)
    chapters = doc.chapters
    starts = [0] + [c.start for c in chapters[1:]]
    para_starts = [p.start for p in doc.paragraphs]
    by_chapter: dict[int, list] = {}
    for f in sorted(r.findings, key=lambda f: (f.start, f.end, f.code)):
        by_chapter.setdefault(max(0, bisect_right(starts, f.start) - 1), []).append(f)
    for ci in sorted(by_chapter):
        fs = by_chapter[ci]
        if len(chapters) > 1 or (chapters and chapters[0].title):
            title = chapters[ci].title or f"Chapter {ci + 1}"
            out += [f"### {escape(title)} ({len(fs)})", ""]
        for f in fs:
            rule = REGISTRY.get(f.code)
            name, kind = (rule.name, rule.kind) if rule else (f.code, "error")
            line, col = doc.line_col(f.start)
            pi = bisect_right(para_starts, f.start) - 1
            if pi >= 0 and f.start <= doc.paragraphs[pi].end:
                lo, hi = doc.paragraphs[pi].start, max(doc.paragraphs[pi].end, f.end)
            else:
                lo, hi = f.start, f.end
            out.append(f"- **{line}:{col}** `{f.code}` {escape(name)} ({kind}): {escape(f.message)}  ")
            fix = _fix_line(text, f)
            out.append(f"  {_context(text, lo, hi, f.start, f.end)}" + ("  " if fix else ""))
            if fix:
                out.append(f"  {fix}")
        out.append("")
    return "\n".join(out)


def render(reports: list[FileReport]) -> str:
    return "\n".join(render_file(r) for r in reports).rstrip("\n") + "\n"
