"""Word report: the story with every finding as a margin comment anchored on its words.

For a Word (.docx) input the author's own file is opened and commented: each finding's
span in the extracted text is mapped back to the characters of the paragraph's runs (the
map :func:`betareader.loaders.word.open_docx` keeps), the runs are split at the span's two
ends (each half keeps the run's properties, so bold, italics, fonts and styles are
unchanged) and the comment's range is set around the runs in between. Nothing else in the
file is touched. For any other input (plain text, Markdown, HTML, EPUB, ODT) a clean
document is built from the text: one Word paragraph per paragraph, ``Title`` and
``Heading N`` styles for titles and chapter headings, ``*italics*`` and ``**bold**`` as italic and bold runs (the
marks dropped), scene breaks centred.

A finding that runs over the end of its paragraph is anchored on its part in the first
paragraph; findings that overlap each other each get their own comment (Word draws
overlapping ranges). Each comment reads: rule code and name, kind, the message, then the
fix (``Fix: “teh” → “the”``) or the suggestions.

The beta letter (what works, what would help most) is a comment on the first paragraph,
so the story's text stays the author's; it is the only comment that does not start with
a rule code.
"""

from __future__ import annotations

import io
import os
import tempfile
from bisect import bisect_right
from copy import deepcopy
from dataclasses import dataclass

from ..errors import BetareaderError
from ..rules import REGISTRY
from ..rules.base import SAFE, Finding
from .file_report import FileReport

AUTHOR = "betareader"
INITIALS = "BR"
LETTER_TITLE = "betareader's letter"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_T = f"{{{_W}}}t"
_RPR = f"{{{_W}}}rPr"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass(slots=True)
class _Para:
    """A paragraph of the output: where its text starts in the document text, the source
    characters of its runs (``(element, index)``, see ``MappedParagraph``) and, for each
    character of its text, the index of its source character (None: no character in the file)."""

    start: int
    chars: list
    offsets: list


# --- comment text -------------------------------------------------------------------


def _shown(s: str) -> str:
    if not s.strip():
        return "␣" * len(s) if s else ""
    return s.replace("\n", " ")


def comment_text(f: Finding, text: str) -> str:
    """The comment for one finding: code, name and kind, the message, the fix or suggestions."""
    rule = REGISTRY.get(f.code)
    name = rule.name if rule else f.code
    kind = rule.kind if rule else "error"
    lines = [f"{f.code} {name} ({kind}): {f.message}"]
    if f.fix is not None:
        changes = []
        for e in sorted(f.fix.edits, key=lambda e: (e.start, e.end)):
            old = text[e.start : e.end]
            if old and e.text:
                changes.append(f"“{_shown(old)}” → “{_shown(e.text)}”")
            elif old:
                changes.append(f"delete “{_shown(old)}”")
            else:
                changes.append(f"insert “{_shown(e.text)}”")
        label = "Fix" if f.fix.applicability == SAFE else "Possible fix (check it)"
        lines.append(f"{label}: " + "; ".join(changes))
    elif f.suggestions:
        lines.append("Try: " + " | ".join(f.suggestions))
    return "\n".join(lines)


def letter_text(r: FileReport) -> str | None:
    """The beta letter as a comment: what works, what would help most, the totals."""
    summary = r.summary or {}
    strengths = summary.get("strengths") or []
    priorities = summary.get("priorities") or []
    lines = [LETTER_TITLE]
    if strengths:
        lines.append("What works:")
        lines.extend(f"+ {s['text']}" for s in strengths)
    if priorities:
        lines.append("What would help most:")
        for i, p in enumerate(priorities, 1):
            line = f"{i}. {p['text']}"
            ex = p.get("example")
            if ex and ex.get("text") and ex["text"] not in p["text"]:
                line += f" (e.g. “{ex['text']}”)"
            lines.append(line)
    lines.append(f"{r.errors} error{'s' if r.errors != 1 else ''} and {r.craft} craft "
                 f"note{'s' if r.craft != 1 else ''} in {r.doc.words:,} words; each is a comment in the margin.")
    return "\n".join(lines)


# --- run surgery ---------------------------------------------------------------------


def _new_run_like(r):
    """An empty ``w:r`` with the attributes and properties (``w:rPr``) of ``r``."""
    new = r.makeelement(r.tag, dict(r.attrib), r.nsmap)
    rpr = r.find(_RPR)
    if rpr is not None:
        new.append(deepcopy(rpr))
    return new


def _split_before(chars: list, k: int) -> None:
    """Make a run boundary before source character ``k``: split its ``w:t`` and its run
    (the second half is a new run with the same properties); ``chars`` is updated."""
    el, idx = chars[k]
    if idx:  # inside a w:t: cut the text element in two
        text = el.text or ""
        tail = el.makeelement(_T, {}, el.nsmap)
        tail.text = text[idx:]
        el.text = text[:idx]
        for t in (el, tail):
            if t.text != t.text.strip():
                t.set(_SPACE, "preserve")
        el.addnext(tail)
        j = k
        while j < len(chars) and chars[j][0] is el:
            chars[j] = (tail, chars[j][1] - idx)
            j += 1
        el = tail
    r = el.getparent()
    prev = el.getprevious()
    if prev is None or prev.tag == _RPR:
        return  # already the run's first content
    new = _new_run_like(r)
    moving = []
    node = el
    while node is not None:
        moving.append(node)
        node = node.getnext()
    for node in moving:
        new.append(node)
    r.addnext(new)


def _run_of(chars: list, k: int):
    return chars[k][0].getparent()


def _anchor(para: _Para, s: int, e: int):
    """Split runs so that the paragraph-local text span [s, e) is whole runs; the first
    and last run.  A span that maps to no character of the file (only added ``*`` marks,
    or empty) is widened to the nearest character."""
    offs = para.offsets
    n = len(offs)
    s = max(0, min(s, n))
    e = max(s, min(e, n))
    mapped = [offs[i] for i in range(s, e) if offs[i] is not None]
    if not mapped and para.chars and all(o is None for o in offs):
        mapped = [0, len(para.chars) - 1]  # a paragraph without a map: the whole paragraph
    if not mapped:
        after = next((offs[i] for i in range(e, n) if offs[i] is not None), None)
        before = next((offs[i] for i in range(s - 1, -1, -1) if offs[i] is not None), None)
        k = before if before is not None and (after is None or e == s and s > 0) else after
        if k is None:
            return None
        mapped = [k]
    k0, k1 = mapped[0], mapped[-1]
    chars = para.chars
    if k1 + 1 < len(chars):
        _split_before(chars, k1 + 1)
    _split_before(chars, k0)
    return _run_of(chars, k0), _run_of(chars, k1)


# --- building the output -------------------------------------------------------------


def _clean_document(r: FileReport):
    """A new Word document from the text: paragraphs, headings, italics and bold, scene breaks."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from ..model.document import HEADING, SCENE_BREAK, TITLE

    d = docx.Document()
    if r.doc.metadata.get("title"):
        d.core_properties.title = r.doc.metadata["title"]
    text = r.doc.text
    paras: list[_Para] = []
    for p in r.doc.paragraphs:
        ptext = text[p.start : p.end]
        a = p.analysis
        drop = bytearray(len(ptext))
        italic = bytearray(len(ptext))
        for ms, me in getattr(a, "markup", ()):
            drop[ms:me] = b"\1" * (me - ms)
        for es, ee, width in (a.emphasis_marked() if a is not None else ()):
            style = {1: 1, 2: 2}.get(width, 3)  # *italic* (1), **bold** (2), ***both*** (3)
            for k in range(es, ee):
                italic[k] |= style
        if p.kind in (HEADING, TITLE):
            lead = len(ptext) - len(ptext.lstrip("#"))
            if lead and ptext[lead : lead + 1] == " ":
                drop[: lead + 1] = b"\1" * (lead + 1)
        if p.kind == TITLE:
            wp = d.add_paragraph(style="Title")
        elif p.kind == HEADING:
            wp = d.add_paragraph(style=f"Heading {min(max(p.level, 1), 3)}")
        else:
            wp = d.add_paragraph()
            if p.kind == SCENE_BREAK:
                wp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        chars: list = []
        offsets: list = [None] * len(ptext)
        i = 0
        while i < len(ptext):
            if drop[i]:
                i += 1
                continue
            j = i
            while j < len(ptext) and not drop[j] and italic[j] == italic[i]:
                j += 1
            run = wp.add_run(ptext[i:j].replace("\n", " ").replace("\t", " "))
            if italic[i] & 1:
                run.italic = True
            if italic[i] & 2:
                run.bold = True
            t = run._r.find(_T)
            for k in range(i, j):
                offsets[k] = len(chars)
                chars.append((t, k - i))
            i = j
        paras.append(_Para(p.start, chars, offsets))
    return d, paras


def _original_document(r: FileReport):
    """The author's Word file, opened with its map; None if it cannot be used (changed
    since it was read, or not a file)."""
    from ..loaders.word import open_docx
    from ..model.blocks import join_blocks

    try:
        with open(r.path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    mapped = open_docx(data, r.path)
    text, spans = join_blocks([m.block for m in mapped.paragraphs])
    if text != r.text:
        return None
    paras = [_Para(s, m.chars, m.offsets) for m, (s, _e) in zip(mapped.paragraphs, spans)]
    return mapped.document, paras


def build(r: FileReport):
    """The commented python-docx Document for one report, and the number of finding comments."""
    made = _original_document(r) if r.format == "docx" else None
    d, paras = made if made is not None else _clean_document(r)
    comments = d.comments
    starts = [p.start for p in paras]
    text = r.text

    def add(span_start: int, span_end: int, body: str) -> bool:
        if not paras:
            return False
        i = max(0, bisect_right(starts, span_start) - 1)
        para = paras[i]
        end = min(span_end, para.start + len(para.offsets))
        runs = _anchor(para, span_start - para.start, end - para.start)
        if runs is None:
            return False
        c = comments.add_comment(text=body, author=AUTHOR, initials=INITIALS)
        first, last = runs
        first.insert_comment_range_start_above(c.comment_id)
        last.insert_comment_range_end_and_reference_below(c.comment_id)
        return True

    letter = letter_text(r)
    if letter and paras:
        first = next((p for p in paras if p.chars), None)
        if first is not None:
            add(first.start, first.start + len(first.offsets), letter)
    count = 0
    for f in sorted(r.findings, key=lambda f: (f.start, f.end, f.code)):
        if add(f.start, f.end, comment_text(f, text)):
            count += 1
    return d, count


def write(reports: list[FileReport], output: str | None) -> int:
    """Write the Word report of the one reviewed file to ``output``; the comment count."""
    if not output or output == "-":
        raise BetareaderError("--format docx writes a Word file: give it a name with --output REVIEW.docx")
    if len(reports) != 1:
        raise BetareaderError("--format docx reviews one file at a time")
    d, count = build(reports[0])
    buf = io.BytesIO()
    d.save(buf)
    write_atomic(output, buf.getvalue())
    return count


def write_atomic(path: str, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".betareader-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise BetareaderError(f"{path}: cannot write the output ({exc.strerror or exc})") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        try:  # the permissions a new file would get (mkstemp's are 0600), or the replaced file's
            mode = os.stat(path).st_mode & 0o7777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise BetareaderError(f"{path}: cannot write the output ({exc.strerror or exc})") from None
