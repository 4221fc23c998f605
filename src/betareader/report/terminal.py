"""Terminal report (rich): findings grouped by paragraph, each with line:column, the excerpt
highlighted in its context, the rule code, the message and the suggested fix."""

from __future__ import annotations

from bisect import bisect_right

from rich.console import Console
from rich.text import Text

from ..fix.apply import apply_edits
from ..rules import REGISTRY
from .file_report import FileReport, describe_source

CONTEXT = 36
_KIND_STYLE = {"error": "bold red", "craft": "bold yellow"}
_MARK_STYLE = {"error": "black on red", "craft": "black on yellow"}


def _visible(s: str) -> str:
    return s.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎").replace("\t", "→")


def _context(text: str, lo: int, hi: int, start: int, end: int) -> tuple[str, str, str, bool, bool]:
    a = max(lo, start - CONTEXT)
    b = min(hi, end + CONTEXT)
    return text[a:start], text[start:end], text[end:b], a > lo, b < hi


def _excerpt_line(before: str, mid: str, after: str, cut_l: bool, cut_r: bool, style: str) -> Text:
    t = Text("      ")
    if cut_l:
        t.append("…", style="dim")
    t.append(_visible(before), style="dim")
    t.append(_visible(mid) if mid.strip() else "␣" * max(1, len(mid)), style=style)
    t.append(_visible(after), style="dim")
    if cut_r:
        t.append("…", style="dim")
    return t


def _hang(console: Console, prefix: Text | str, body: Text | str, style: str = "") -> None:
    """Print ``prefix`` then ``body``, the body's wrapped lines indented under its first word (a
    hanging indent), so a long message stays in its column on a narrow terminal."""
    if isinstance(prefix, str):
        prefix = Text(prefix, style=style)
    if isinstance(body, str):
        body = Text(body, style=style)
    indent = prefix.cell_len
    lines = body.wrap(console, max(20, console.width - indent))
    for i, line in enumerate(lines):
        t = prefix.copy() if i == 0 else Text(" " * indent)
        line.rstrip()
        t.append_text(line)
        console.print(t, soft_wrap=True)


def render_letter(console: Console, summary: dict) -> None:
    """The beta letter: what works, then the top priorities with a count and an example each."""
    strengths = summary.get("strengths") or []
    priorities = summary.get("priorities") or []
    if strengths:
        console.print(Text("  What works", style="bold green"))
        for s in strengths:
            _hang(console, "    + ", s["text"])
    if priorities:
        console.print(Text("  What would help most", style="bold yellow"))
        for i, p in enumerate(priorities, 1):
            _hang(console, f"    {i}. ", p["text"])
            ex = p.get("example")
            if ex and ex.get("text") and ex["text"] not in p["text"]:
                _hang(console, "       e.g. ", f"“{ex['text']}”", style="dim")
    if strengths or priorities:
        console.print()


def render_file(console: Console, r: FileReport) -> None:
    doc = r.doc
    header = Text(r.path, style="bold underline")
    header.append(f"  {doc.words:,} word{'' if doc.words == 1 else 's'}", style="dim")
    noted = sum(p.analysis.words for p in doc.notes if p.analysis is not None)
    if noted:
        header.append(f" of story (and {noted:,} in authors' notes, not counted)", style="dim")
    console.print(header)
    for note in r.notes:
        _hang(console, "  note: ", note, style="yellow")
    render_letter(console, r.summary)
    if not r.findings:
        console.print(Text("  No findings.", style="green"))
        console.print()
        return
    starts = [p.start for p in doc.paragraphs]
    groups: dict[int, list] = {}
    for f in r.findings:
        groups.setdefault(max(0, bisect_right(starts, f.start) - 1), []).append(f)
    last_chapter = None
    for pi in sorted(groups):
        para = doc.paragraphs[pi] if doc.paragraphs else None
        if para is not None and len(doc.chapters) > 1 and para.chapter != last_chapter:
            last_chapter = para.chapter
            title = doc.chapters[para.chapter].title or f"Chapter {para.chapter + 1}"
            console.print(Text(f"  {title}", style="bold cyan"))
        lo, hi = (para.start, para.end) if para else (0, len(doc.text))
        kind_label = "" if para is None or para.kind == "text" else f" ({para.kind.replace('_', ' ')})"
        where = r.source_of(para.start) if para is not None else None
        in_file = f"  [{describe_source(where)}]" if where else ""
        console.print(Text(f"  ¶{pi + 1}{kind_label}{in_file}", style="bold"))
        for f in groups[pi]:
            rule = REGISTRY.get(f.code)
            kind = rule.kind if rule else "error"
            line, col = doc.line_col(f.start)
            t = Text(f"    {line}:{col}".ljust(12))
            t.append(f.code, style=_KIND_STYLE.get(kind, "bold"))
            t.append(f" {kind:<5} ", style="dim")
            _hang(console, t, f.message)
            before, mid, after, cl, cr = _context(doc.text, lo, hi, f.start, f.end)
            line_text = _excerpt_line(before, mid, after, cl, cr, _MARK_STYLE.get(kind, "reverse"))
            _hang(console, "      ", line_text[6:])
            if f.fix is not None:
                edits = sorted(f.fix.edits, key=lambda e: e.start)
                a = max(lo, min(f.start, edits[0].start) - CONTEXT)
                b = min(hi, max(f.end, edits[-1].end) + CONTEXT)
                local = [type(e)(e.start - a, e.end - a, e.text) for e in edits]
                fixed = apply_edits(doc.text[a:b], local)
                label = "fix" if f.fix.applicability == "safe" else "fix (unsafe)"
                _hang(console, f"      {label}: ",
                      ("…" if a > lo else "") + _visible(fixed) + ("…" if b < hi else ""), style="green")
            elif f.suggestions:
                _hang(console, "      try: ", " | ".join(f.suggestions), style="green")
    console.print()


def total_line(reports: list[FileReport]) -> Text:
    errors = sum(r.errors for r in reports)
    craft = sum(r.craft for r in reports)
    words = sum(r.doc.words for r in reports)
    files = len(reports)
    t = Text()
    t.append(f"{errors} error{'s' if errors != 1 else ''}", style="bold red" if errors else "bold green")
    t.append(", ")
    t.append(f"{craft} craft note{'s' if craft != 1 else ''}", style="bold yellow" if craft else "bold")
    t.append(f" in {files} file{'s' if files != 1 else ''} ({words:,} word{'' if words == 1 else 's'}).")
    return t


def render(console: Console, reports: list[FileReport]) -> None:
    for r in reports:
        render_file(console, r)
    console.print(total_line(reports))
