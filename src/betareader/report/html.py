"""HTML report: one self-contained page per run (no request leaves it).

The page holds the beta letter, figures and inline-SVG charts (``charts.py``, matplotlib loaded
only here), filters by rule family and kind, and the story text per chapter with every finding
highlighted; a click (or Enter) on a highlight shows the finding's rule, message and fix, and a
hover shows the same as a tooltip.  Every piece of story text, message and path is escaped (jinja2
autoescape, or ``html.escape`` for the marked-up text).  A Content-Security-Policy meta allows
nothing from the network and only the page's own stylesheet and script, by their SHA-256 hashes;
the output is deterministic (same input, same bytes).
"""

from __future__ import annotations

import base64
import hashlib
import re
from bisect import bisect_right
from html import escape
from importlib import resources

from .. import __version__
from ..families import TITLES
from ..rules import REGISTRY
from .file_report import FileReport

CONTEXT = 48
_CODE_RE = re.compile(r"^[A-Z]{3}\d{3}$")
FAMILIES = TITLES  # prefix -> the filter's name, from the families table


def _asset(name: str) -> str:
    return (resources.files("betareader.report") / "templates" / name).read_text(encoding="utf-8")


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def _env():
    from jinja2 import Environment, FunctionLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FunctionLoader(lambda name: _asset(name)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


# --------------------------------------------------------------------------- findings
def _rule_info(code: str) -> tuple[str, str, str]:
    rule = REGISTRY.get(code)
    if rule is None:
        return code, "error", ""
    return rule.name, rule.kind, rule.summary_line()


def _family(code: str) -> str:
    fam = code[:3]
    return fam if fam in FAMILIES else "OTHER"


def _css_code(code: str) -> str:
    return code if _CODE_RE.match(code) else "X"


def _visible(s: str) -> str:
    return s.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎").replace("\t", "→")


def _fix_html(text: str, f, lo: int, hi: int) -> str:
    """The fix in context: the text around it with each edit as <del>old</del><ins>new</ins>."""
    edits = sorted(f.fix.edits, key=lambda e: (e.start, e.end))
    a = max(lo, min(f.start, edits[0].start) - CONTEXT)
    b = min(hi, max(f.end, edits[-1].end) + CONTEXT)
    out = ["…" if a > lo else ""]
    pos = a
    for e in edits:
        out.append(escape(_visible(text[pos : e.start])))
        if e.end > e.start:
            out.append(f"<del>{escape(_visible(text[e.start : e.end]))}</del>")
        if e.text:
            out.append(f"<ins>{escape(_visible(e.text))}</ins>")
        pos = e.end
    out.append(escape(_visible(text[pos:b])))
    out.append("…" if b < hi else "")
    return "".join(out)


def _context_html(text: str, f, lo: int, hi: int) -> str:
    a = max(lo, f.start - CONTEXT)
    b = min(hi, f.end + CONTEXT)
    mid = text[f.start : f.end]
    shown = escape(_visible(mid)) if mid.strip() else "␣" * max(1, len(mid)) if mid else "‸"
    return (("…" if a > lo else "") + escape(_visible(text[a : f.start])) + f"<b>{shown}</b>"
            + escape(_visible(text[f.end : b])) + ("…" if b < hi else ""))


class _Item:
    """One finding as the template shows it."""

    __slots__ = ("key", "f", "code", "name", "kind", "family", "severity", "summary", "line", "col",
                 "message", "context", "fix", "fix_label", "suggestions", "title", "chapter")

    def __init__(self, key: str, f, r: FileReport, para_bounds) -> None:
        doc = r.doc
        self.key = key
        self.f = f
        self.code = f.code
        self.name, self.kind, self.summary = _rule_info(f.code)
        self.family = _family(f.code)
        self.severity = f.severity or ("error" if self.kind == "error" else "info")
        self.line, self.col = doc.line_col(f.start)
        self.message = f.message
        lo, hi = para_bounds(f.start, f.end)
        from markupsafe import Markup

        self.context = Markup(_context_html(doc.text, f, lo, hi))
        self.fix = Markup(_fix_html(doc.text, f, lo, hi)) if f.fix is not None and f.fix.edits else None
        self.fix_label = ("fix" if f.fix.applicability == "safe" else "fix (check it)") if f.fix else ""
        self.suggestions = list(f.suggestions) if f.fix is None else []
        tip = f"{f.code} {self.name} ({self.kind}) — {f.message}"
        if f.fix is not None and f.fix.edits:
            changes = "; ".join(
                f"“{_visible(doc.text[e.start:e.end])}” → “{_visible(e.text)}”" for e in sorted(f.fix.edits, key=lambda e: e.start)
            )
            tip += f"\n{self.fix_label}: {changes}"
        elif self.suggestions:
            tip += "\ntry: " + " | ".join(self.suggestions)
        self.title = tip
        self.chapter = 0

    @property
    def classes(self) -> str:
        return f"k-{self.kind} fam-{self.family} c-{_css_code(self.code)}"


class _Style:
    """A stretch of the author's Markdown shown as formatting: ``em``, ``strong`` or a hidden
    delimiter (``md``: the asterisks and a heading's hashes, kept in the page for copying but not
    shown)."""

    __slots__ = ("key", "name")

    def __init__(self, key: str, name: str) -> None:
        self.key = key
        self.name = name

    def open(self) -> str:
        return '<span class="md">' if self.name == "md" else f"<{self.name}>"

    def close(self) -> str:
        return "</span>" if self.name == "md" else f"</{self.name}>"


_HEADING_MARK_RE = re.compile(r"#{1,6}[ \t]+")


def _styles(doc) -> list[tuple[int, int, "_Style", bool]]:
    """The formatting spans of a Markdown story: emphasis (``*i*``, ``**b**``) with its delimiters
    hidden, and headings' ``#`` marks hidden with the heading in bold."""
    if doc.format not in ("md", "markdown"):
        return []
    out = []
    n = 0
    for p in doc.paragraphs:
        a = p.analysis
        if a is None:
            continue
        if p.kind == "heading":
            m = _HEADING_MARK_RE.match(p.text)
            if m:
                out.append((p.start, p.start + m.end(), _Style(f"h{n}", "md"), True))
                out.append((p.start + m.end(), p.end, _Style(f"s{n}", "strong"), True))
                n += 1
        for s, e, width in a.emphasis_marked():
            name = "strong" if width == 2 else "em"
            out.append((p.start + s - width, p.start + s, _Style(f"l{n}", "md"), True))
            out.append((p.start + s, p.start + e, _Style(f"e{n}", name), True))
            out.append((p.start + e, p.start + e + width, _Style(f"r{n}", "md"), True))
            n += 1
    return out


def _markup(text: str, lo: int, hi: int, spans: list) -> str:
    """``text[lo:hi]`` escaped, with a <mark> per span.  ``spans`` are ``(start, end, item,
    primary)`` clipped to [lo, hi]; a span crossing another's end is closed and reopened as a
    continuation (no id), so the HTML nests properly and each finding has one element with its id.
    An item may also be a :class:`_Style` (the author's formatting), closed and reopened the same way."""
    def tag(item, first: bool) -> str:
        if isinstance(item, _Style):
            return item.open()
        if first:
            return (f'<mark id="f{item.key}" data-f="{item.key}" class="f {item.classes}" tabindex="0" '
                    f'title="{escape(item.title, quote=True)}">')
        return f'<mark data-f="{item.key}" class="f cont {item.classes}">'

    out: list[str] = []
    opens = sorted(spans, key=lambda s: (s[0], -s[1], s[2].key))
    points = sorted({s[0] for s in spans} | {s[1] for s in spans})
    stack: list = []
    pos = lo
    i = 0
    for p in points:
        if p > pos:
            out.append(escape(text[pos:p], quote=False))
            pos = p
        if any(sp[1] == p for sp in stack):
            reopen = []
            while any(sp[1] == p for sp in stack):
                sp = stack.pop()
                out.append(_close(sp[2]))
                if sp[1] != p:
                    reopen.append(sp)
            for sp in reversed(reopen):
                out.append(tag(sp[2], False))
                stack.append(sp)
        while i < len(opens) and opens[i][0] == p:
            sp = opens[i]
            i += 1
            out.append(tag(sp[2], sp[3]))
            if sp[1] == p:
                out.append(_close(sp[2]))
            else:
                stack.append(sp)
    out.append(escape(text[pos:hi], quote=False))
    out.extend(_close(sp[2]) for sp in reversed(stack))
    return "".join(out)


def _close(item) -> str:
    return item.close() if isinstance(item, _Style) else "</mark>"


def _sections(r: FileReport) -> list[tuple[int, str, int, int]]:
    """(index, title, start, end) per chapter, covering the whole text."""
    doc = r.doc
    n = len(doc.text)
    chapters = doc.chapters
    if not chapters:
        return [(0, "", 0, n)]
    out = []
    for i, c in enumerate(chapters):
        lo = 0 if i == 0 else c.start
        hi = chapters[i + 1].start if i + 1 < len(chapters) else n
        out.append((i, c.title or (f"Chapter {i + 1}" if len(chapters) > 1 else ""), lo, hi))
    return out


def _file_context(k: int, r: FileReport) -> dict:
    from markupsafe import Markup

    from . import charts

    doc = r.doc
    text = doc.text
    starts = [p.start for p in doc.paragraphs]

    def para_bounds(s: int, e: int) -> tuple[int, int]:
        i = bisect_right(starts, s) - 1
        if i < 0 or not doc.paragraphs:
            return 0, len(text)
        p = doc.paragraphs[i]
        return (p.start, max(p.end, e)) if s <= p.end else (s, e)

    findings = sorted(r.findings, key=lambda f: (f.start, f.end, f.code))
    items = [_Item(f"{k}-{i}", f, r, para_bounds) for i, f in enumerate(findings)]
    sections = []
    secs = _sections(r)
    sec_starts = [lo for _, _, lo, _ in secs]
    for it in items:
        it.chapter = max(0, bisect_right(sec_starts, it.f.start) - 1)
    styles = _styles(doc)
    for idx, title, lo, hi in secs:
        spans = [(max(s, lo), min(e, hi), st, True) for s, e, st, _ in styles if max(s, lo) < min(e, hi)]
        for it in items:
            s, e = it.f.start, it.f.end
            if it.chapter == idx:  # the finding starts here: its element with the id
                spans.append((s, max(s, min(e, hi)), it, True))
            elif max(s, lo) < min(e, hi):  # a finding from an earlier chapter running on
                spans.append((max(s, lo), min(e, hi), it, False))
        mine = [it for it in items if it.chapter == idx]
        sections.append({
            "id": f"s{k}-{idx}",
            "title": title,
            "html": Markup(_markup(text, lo, hi, spans)),
            "found": mine,
            "errors": sum(1 for it in mine if it.kind == "error"),
            "craft": sum(1 for it in mine if it.kind == "craft"),
        })

    summary = r.summary or {}
    stats = summary.get("stats") or {}
    first_at = {}
    for it in items:
        first_at.setdefault(it.f.start, it.key)

    def example_link(ex: dict | None) -> str | None:
        if not ex:
            return None
        key = first_at.get(ex.get("start"))
        if key is None:
            i = bisect_right(sec_starts, ex.get("start") or 0) - 1
            return f"s{k}-{max(0, i)}"
        return f"f{key}"

    priorities = []
    for p in summary.get("priorities") or []:
        ex = p.get("example") or None
        priorities.append({
            "text": p.get("text", ""),
            "example": ex.get("text") if ex and ex.get("text") and ex["text"] not in p.get("text", "") else None,
            "link": example_link(ex),
        })
    strengths = [s.get("text", "") for s in summary.get("strengths") or []]

    figs = figures(r, stats)
    chart_list = []
    try:
        for make in (
            lambda: charts.sentence_length_chart(doc, f"c{k}a"),
            lambda: charts.dialogue_share_chart(stats.get("pacing") or {}, f"c{k}b"),
            lambda: charts.overused_chart(stats.get("words") or {}, f"c{k}c"),
        ):
            svg = make()
            if svg:
                chart_list.append(Markup(svg))
    except ImportError:  # matplotlib missing: the report without charts, and say so
        chart_list = []
        figs.append(("charts", "not drawn (matplotlib is not installed)"))

    families = sorted({it.family for it in items}, key=lambda f: list(FAMILIES).index(f) if f in FAMILIES else 99)
    return {
        "k": k,
        "path": r.path,
        "format": r.format,
        "words": doc.words,
        "notes": list(r.notes),
        "errors": sum(1 for it in items if it.kind == "error"),
        "craft": sum(1 for it in items if it.kind == "craft"),
        "strengths": strengths,
        "priorities": priorities,
        "figures": figs,
        "charts": chart_list,
        "sections": sections,
        "index": len(sections) > 1,
        "families": [(f, FAMILIES.get(f, f), sum(1 for it in items if it.family == f)) for f in families],
        "kinds": [(kd, sum(1 for it in items if it.kind == kd)) for kd in ("error", "craft")],
    }


def figures(r: FileReport, stats: dict) -> list[tuple[str, str]]:
    out = [("words", f"{r.doc.words:,}")]
    text = stats.get("text") or {}
    if "errors_per_10k" in text:
        out.append(("errors per 10,000 words", f"{text['errors_per_10k']:.1f}"))
    pacing = stats.get("pacing") or {}
    if pacing.get("dialogue_share") is not None:
        out.append(("dialogue share", f"{100 * pacing['dialogue_share']:.0f}% of words"))
    if pacing.get("mean_sentence_words") is not None:
        out.append(("mean sentence length", f"{pacing['mean_sentence_words']:.1f} words"))
    read = stats.get("readability") or {}
    if read.get("flesch_reading_ease") is not None:
        out.append(("Flesch reading ease", f"{read['flesch_reading_ease']:.0f} (grade {read.get('flesch_kincaid_grade', 0):.1f})"))
    chars = (stats.get("characters") or {}).get("characters") or []
    if chars:
        out.append(("characters", ", ".join(f"{c['name']} ({c.get('mentions', 0)})" for c in chars[:8])))
    words = stats.get("words") or {}
    if words.get("top_adverbs"):
        out.append(("commonest adverbs", ", ".join(f"{w} ×{n}" for w, n in list(words["top_adverbs"].items())[:6])))
    return out


def render(reports: list[FileReport]) -> str:
    css = _asset("report.css")
    js = _asset("report.js")
    csp = (
        "default-src 'none'; "
        f"style-src {_csp_hash(css)}; "
        f"script-src {_csp_hash(js)}; "
        "img-src 'none'; font-src 'none'; connect-src 'none'; media-src 'none'; object-src 'none'; "
        "frame-src 'none'; worker-src 'none'; manifest-src 'none'; base-uri 'none'; form-action 'none'"
    )
    from markupsafe import Markup

    files = [_file_context(k, r) for k, r in enumerate(reports)]
    title = reports[0].path if len(reports) == 1 else f"{len(reports)} files"
    return _env().get_template("report.html.j2").render(
        version=__version__,
        title=title,
        csp=csp,
        css=Markup(css),
        js=Markup(js),
        files=files,
        family_names=FAMILIES,
    )
