"""The Document: built once per text, read by every rule.

Layers (all offsets are code-point offsets into ``Document.text``, the text exactly as
decoded): paragraphs with a kind (story text, heading, scene break, author's note,
comment, POV header), chapters, sentences, tokens, emphasis spans, quotations, and the
story's own style (which quotes, dashes and ellipses it uses).

Paragraph-level analysis (:mod:`betareader.model.paragraph`) depends on the paragraph
text only and is cached, so rebuilding a document after an edit is cheap.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from .paragraph import ParagraphAnalysis, analyze_paragraph
from .quotes import DOUBLE, OPEN, SINGLE, Quotation
from .scan import delimited

TEXT = "text"
HEADING = "heading"
TITLE = "title"
SCENE_BREAK = "scene_break"
NOTE = "note"
COMMENT = "comment"
POV = "pov"

#: Paragraph kinds that hold prose (story text and authors' notes).
PROSE_KINDS = frozenset({TEXT, NOTE})
#: a paragraph longer than this (about 18,000 words; a long published paragraph has 500) is
#: checked for errors like any other but left out of the story-wide craft measures (word and
#: phrase rates, characters, rhythm), whose per-word tables would cost memory in proportion to
#: it: a 50 MB line pasted as one paragraph is not prose to measure
OVERSIZE = 100_000

_NEWLINE_RE = re.compile(r"\r\n|\r|\n")
_DIRECTIVE_RE = re.compile(r"^\s*betareader\s*:\s*ignore\b(.*)$", re.S | re.I)
_MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
#: a scene break: three or more marks (`* * *`, `~*~`, `+++`, `===`), fan fiction's letter patterns
#: (`-x-x-x-`, `xXx`, `oOo`, `-o-`), a lone centred `*`, or an HTML rule
_SCENE_BREAK_RE = re.compile(
    r"^(?:[*~#=+\-_•·◇◆○●☆★♡♥❖✦✧§¤°^<>|/\\]\s*){3,}$|^<hr\s*/?>$"
    r"|^(?!(?-i:[OX][ox]+$))(?=.*[*~#=+\-_•·oO].*$|[xX]{3,}$)(?:[*~#=+\-_•·◇◆○●☆★♡♥❖✦✧§¤°xXoO]\s*){3,}$|^[*#~]$",
    re.I,
)
_TXT_HEADING_RE = re.compile(
    r"^(?:(?:chapter|part|book|prologue|epilogue|interlude)\b[^\n]{0,70}|[IVXLCDM]{1,7}\.?|\d{1,3}\.?)$",
    re.I,
)
_POV_RE = re.compile(
    r"^[\[(*_~=\s-]*(?:[\w'’ .-]{1,40}['’]s\s+(?:pov|p\.o\.v\.?|point of view)|[\w'’.-]{1,20}\s+pov"
    r"|(?:pov|p\.o\.v\.?)\s*[:–—-]\s*[\w'’ .-]{1,40})[\])*_~=:.\s–—-]*$", re.I)
_NOTE_ANYWHERE_RE = re.compile(
    r"^[\s*_(\[]*(?:a/n\b|a\.n\.|author['’]?s?\s+notes?\b|note from the author\b"
    r"|(?:end|chapter|beginning|story|closing|opening)\s+notes?\s*[*_]*\s*:|summary\s*[*_]*\s*:"
    r"|disclaimer\s*[*_]*\s*:|warnings?\s*[*_]*\s*:)", re.I
)
_NOTE_EDGE_RE = re.compile(r"^[\s*_(\[]*(?:notes?|disclaimer|an)\s*:", re.I)


@dataclass(slots=True, eq=False)
class Paragraph:
    """One paragraph: its place in the text, its kind and its cached analysis."""

    index: int
    start: int
    end: int
    kind: str
    chapter: int = 0
    analysis: ParagraphAnalysis | None = None
    ignore: frozenset[str] | None = None  # codes suppressed by a directive; frozenset() = all
    continues: bool = False  # an open quotation goes on in the next paragraph (multi-paragraph speech)
    level: int = 0  # heading level

    @property
    def text(self) -> str:
        return self.analysis.text  # type: ignore[union-attr]

    @property
    def is_prose(self) -> bool:
        return self.kind in PROSE_KINDS

    @property
    def oversize(self) -> bool:
        """Too long to measure as prose (see :data:`OVERSIZE`)."""
        return self.end - self.start > OVERSIZE


@dataclass(slots=True)
class Chapter:
    index: int
    title: str | None
    start: int
    end: int
    paragraphs: range


@dataclass(frozen=True, slots=True)
class Style:
    """The story's own conventions, read from the whole text."""

    dialogue_level: str  # DOUBLE or SINGLE: the quotes the story uses for dialogue
    dq_straight: int
    dq_curly: int
    sq_straight: int
    sq_curly: int
    dash: str  # "—" (closed em dash), " — " (spaced em dash) or " – " (spaced en dash)
    ellipsis_space_before: bool | None  # None when the story shows no clear habit
    ellipsis_space_after: bool | None
    ellipsis_counts: tuple[tuple[str, int], ...] = ()
    #: the English the story's spelling and quotation marks show: "en-GB" or "en-US"
    dialect: str = "en-US"


@dataclass(eq=False)
class Document:
    text: str
    format: str = "txt"
    path: str | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    chapters: list[Chapter] = field(default_factory=list)
    style: Style | None = None
    #: what the file says about the work (formats that carry it): title, fandoms, characters,
    #: relationships, freeform tags (lists of strings); the speller learns the names in them
    metadata: dict = field(default_factory=dict)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in _NEWLINE_RE.finditer(self.text)]

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of an offset."""
        starts = self._line_starts
        line = bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    @property
    def prose(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind in PROSE_KINDS]

    @property
    def story_paragraphs(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == TEXT]

    @property
    def craft_paragraphs(self) -> list[Paragraph]:
        """The story paragraphs the craft measures read: all but the :attr:`~Paragraph.oversize` ones."""
        return [p for p in self.paragraphs if p.kind == TEXT and not p.oversize]

    @property
    def notes(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == NOTE]

    @property
    def scene_breaks(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind == SCENE_BREAK]

    @cached_property
    def words(self) -> int:
        """Words of story text (authors' notes, headings and comments not counted)."""
        return sum(p.analysis.words for p in self.paragraphs if p.kind == TEXT)  # type: ignore[union-attr]

    @cached_property
    def names(self) -> frozenset[str]:
        """The story's own names: capitalised words used mid-sentence that never appear in
        lowercase (Maya, Odhran, Hogwarts).  Built on first use."""
        caps: set[str] = set()
        for p in self.paragraphs:
            if p.kind in PROSE_KINDS:
                caps.update(p.analysis.mid_caps)  # type: ignore[union-attr]
        lower = self.lowercase_words
        return frozenset(w for w in caps if w.lower() not in lower and w != "I")

    @cached_property
    def lowercase_words(self) -> frozenset[str]:
        """Every word the story uses in lowercase somewhere."""
        out: set[str] = set()
        for p in self.paragraphs:
            if p.kind in PROSE_KINDS:
                out.update(p.analysis.lowercase_words)  # type: ignore[union-attr]
        return frozenset(out)

    def sentences(self):
        """Absolute (start, end) spans of every sentence in prose paragraphs."""
        for p in self.prose:
            for s, e in p.analysis.sentences:  # type: ignore[union-attr]
                yield p.start + s, p.start + e

    def tokens(self):
        """Absolute (start, end) spans of every token in prose paragraphs."""
        for p in self.prose:
            for s, e in p.analysis.tokens:  # type: ignore[union-attr]
                yield p.start + s, p.start + e

    def emphasis(self):
        for p in self.prose:
            for s, e in p.analysis.emphasis:  # type: ignore[union-attr]
                yield p.start + s, p.start + e

    def quotations(self):
        """(paragraph, Quotation) pairs; Quotation positions are relative to the paragraph."""
        for p in self.prose:
            for q in p.analysis.quotations:  # type: ignore[union-attr]
                yield p, q


def _comment_directive(body: str) -> frozenset[str] | None:
    m = _DIRECTIVE_RE.match(body)
    if not m:
        return None
    codes = re.findall(r"[A-Za-z]+\d*", m.group(1))
    return frozenset(c.upper() for c in codes)


def _split_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line's content, without its line ending."""
    out = []
    s = 0
    for m in _NEWLINE_RE.finditer(text):
        out.append((s, m.start()))
        s = m.end()
    if s < len(text) or not out:
        out.append((s, len(text)))  # the last line, unless the text ends with a line ending
    return out


def _is_hard_wrapped(text: str, blocks: list[list[tuple[int, int]]]) -> bool:
    """True when lines are wrapped inside paragraphs (blank lines separate paragraphs)."""
    multi = [b for b in blocks if len(b) > 1]
    if len(multi) < max(2, len(blocks) // 5):
        return False
    lengths = sorted(e - s for b in multi for s, e in b)
    if not lengths:
        return False
    p95 = lengths[int(len(lengths) * 0.95) - 1 if len(lengths) > 1 else 0]
    return p95 <= 90


def build_document(text: str, format: str = "txt", path: str | None = None) -> Document:
    """Segment ``text`` into the document model."""
    doc = Document(text=text, format=format, path=path)
    lines = _split_lines(text)

    # Whole-line comments (possibly spanning lines) come out as their own paragraphs.
    comment_ranges = list(delimited(text, "<!--", "-->")) if "<!--" in text else []
    units: list[tuple[str, list[tuple[int, int]]]] = []  # ("block"|"comment", lines)
    block: list[tuple[int, int]] = []
    ci = 0
    li = 0
    while li < len(lines):
        s, e = lines[li]
        content = text[s:e]
        stripped = content.strip()
        if stripped.startswith("<!--"):
            cstart = s + (len(content) - len(content.lstrip()))
            while ci < len(comment_ranges) and comment_ranges[ci][1] <= cstart:
                ci += 1
            if ci < len(comment_ranges) and comment_ranges[ci][0] == cstart:
                cend = comment_ranges[ci][1]
                # the comment must end its line
                lj = li
                while lj < len(lines) and lines[lj][1] < cend:
                    lj += 1
                if lj < len(lines) and not text[cend : lines[lj][1]].strip():
                    if block:
                        units.append(("block", block))
                        block = []
                    units.append(("comment", [(cstart, cend)]))
                    li = lj + 1
                    continue
        if not stripped:
            if block:
                units.append(("block", block))
                block = []
        else:
            block.append((s, e))
        li += 1
    if block:
        units.append(("block", block))

    blocks = [u[1] for u in units if u[0] == "block"]
    # Paragraph = block when blank lines are the usual separator (then a single newline is a
    # line break inside a paragraph: verse, a letter's address) or the text is hard-wrapped;
    # otherwise (one paragraph per line, as pasted from Google Docs) every line is a paragraph.
    n_lines = sum(len(b) for b in blocks)
    wrapped = len(blocks) >= 0.5 * n_lines or _is_hard_wrapped(text, blocks)
    raw: list[tuple[str, int, int]] = []  # (unit kind, start, end)
    for kind, ls in units:
        if kind == "comment":
            raw.append(("comment", ls[0][0], ls[0][1]))
        elif wrapped:
            raw.append(("block", ls[0][0], ls[-1][1]))
        else:
            raw.extend(("block", s, e) for s, e in ls)

    paragraphs: list[Paragraph] = []
    pending_ignore: frozenset[str] | None = None
    md = format in ("md", "markdown")
    for ukind, s, e in raw:
        # trim surrounding whitespace
        seg = text[s:e]
        ls = len(seg) - len(seg.lstrip())
        rs = len(seg.rstrip())
        s, e = s + ls, s + rs
        if s >= e:
            continue
        content = text[s:e]
        level = 0
        if ukind == "comment":
            kind = COMMENT
            directive = _comment_directive(content[4:-3])
            if directive is not None:
                pending_ignore = directive
        elif _SCENE_BREAK_RE.match(content):
            kind = SCENE_BREAK
        elif m := _MD_HEADING_RE.match(content):
            kind, level = HEADING, len(m.group(1))
        elif _NOTE_ANYWHERE_RE.match(content):
            kind = NOTE  # (before the plain-text heading: "Chapter notes: ..." is a note)
        elif "\n" not in content and "\r" not in content and _TXT_HEADING_RE.match(content):
            kind, level = HEADING, 7
        elif len(content) < 60 and _POV_RE.match(content):
            kind = POV
        else:
            kind = TEXT
        p = Paragraph(index=len(paragraphs), start=s, end=e, kind=kind, level=level)
        p.analysis = analyze_paragraph(content)
        if kind != COMMENT and pending_ignore is not None:
            p.ignore = pending_ignore
            pending_ignore = None
        paragraphs.append(p)
    _mark_titles(paragraphs, md)
    return finish_document(doc, paragraphs)


def finish_document(doc: Document, paragraphs: list[Paragraph]) -> Document:
    """The steps every way of building a Document ends with: its paragraphs, chapters, authors'
    notes at the edges, the story's style, and speeches that go on into the next paragraph."""
    doc.paragraphs = paragraphs
    _build_chapters(doc)
    _mark_edge_notes(doc)
    doc.style = _style(doc)
    _mark_continued_speech(doc)
    return doc


def _mark_titles(paragraphs: list[Paragraph], md: bool) -> None:
    """A single top-level Markdown heading above lower-level ones is the work's title, not a chapter."""
    heads = [p for p in paragraphs if p.kind == HEADING]
    levels = {p.level for p in heads}
    if len(levels) > 1:
        top = min(levels)
        tops = [p for p in heads if p.level == top]
        if len(tops) == 1 and tops[0] is heads[0]:
            tops[0].kind = TITLE


def _heading_title(p: Paragraph) -> str:
    m = _MD_HEADING_RE.match(p.text)
    return (m.group(2) if m else p.text).strip()


def _build_chapters(doc: Document) -> None:
    chapters: list[Chapter] = []
    paras = doc.paragraphs
    starts = [i for i, p in enumerate(paras) if p.kind == HEADING]
    if not starts or any(p.kind in (TEXT, TITLE) for p in paras[: starts[0]]):
        starts = [0] + starts  # story text, or the work's title page, before the first heading
    elif starts[0]:
        starts[0] = 0  # only an author's note or a summary before it: they belong to that chapter
    for ci, first in enumerate(starts):
        last = starts[ci + 1] if ci + 1 < len(starts) else len(paras)
        heading = next((p for p in paras[first:last] if p.kind == HEADING), None) if ci == 0 else paras[first]
        title = _heading_title(heading) if heading is not None and heading.kind == HEADING else None
        if title is None:
            titles = [p for p in paras[:last] if p.kind == TITLE]
            title = _heading_title(titles[0]) if titles else None
        cstart = paras[first].start if paras else 0
        cend = paras[last - 1].end if paras and last > first else cstart
        chapters.append(Chapter(ci, title, cstart, cend, range(first, last)))
        for p in paras[first:last]:
            p.chapter = ci
    if not chapters:
        chapters.append(Chapter(0, None, 0, len(doc.text), range(0, 0)))
    doc.chapters = chapters


def _mark_edge_notes(doc: Document) -> None:
    """'Notes:' / 'Disclaimer:' blocks count as authors' notes at the start or end of a chapter.

    A note at the end of a chapter takes the rest of the chapter with it.
    """
    for ch in doc.chapters:
        prose = [doc.paragraphs[i] for i in ch.paragraphs if doc.paragraphs[i].kind in PROSE_KINDS]
        if not prose:
            continue
        edge = prose[:2] + prose[-2:]
        for p in edge:
            if p.kind == TEXT and _NOTE_EDGE_RE.match(p.text):
                p.kind = NOTE
        tail = prose[max(1, len(prose) - 3):]  # (a note opening the chapter takes nothing with it)
        for k, p in enumerate(tail):
            if p.kind == NOTE:
                for q in tail[k + 1 :]:
                    q.kind = NOTE
                break


def _style(doc: Document) -> Style:
    f: Counter = Counter()
    for p in doc.paragraphs:
        if p.kind in PROSE_KINDS:
            f.update(p.analysis.features)  # type: ignore[union-attr]
    level = SINGLE if f["open_single"] > 2 * f["open_double"] else DOUBLE
    dashes = {"—": f["em_closed"], " — ": f["em_spaced"], " – ": f["en_spaced"]}
    dash = max(dashes, key=lambda k: (dashes[k], k == "—"))
    if dashes[dash] == 0:
        dash = "—"

    def habit(yes: int, no: int) -> bool | None:
        total = yes + no
        if total < 3:
            return None
        if yes >= 0.75 * total:
            return True
        if no >= 0.75 * total:
            return False
        return None

    return Style(
        dialogue_level=level,
        dq_straight=f["dq_straight"],
        dq_curly=f["dq_curly"],
        sq_straight=f["sq_straight"],
        sq_curly=f["sq_curly"],
        dash=dash,
        ellipsis_space_before=habit(f["ell_space_before"], f["ell_closed_before"]),
        ellipsis_space_after=habit(f["ell_space_after"], f["ell_closed_after"]),
        ellipsis_counts=tuple(sorted((k, v) for k, v in f.items() if k.startswith("ell_"))),
        dialect=_dialect(doc.lowercase_words, level),
    )


def _forms(stems: str) -> frozenset[str]:
    """Words from ``stem:suffix,suffix`` entries (an empty suffix is the stem itself)."""
    out = set()
    for entry in stems.split():
        stem, _, ends = entry.partition(":")
        for end in (ends.split(",") if ends else [""]):
            out.add(stem + end)
    return frozenset(out)


#: spellings that tell British English from American (`colour`/`color`, `realise`/`realize`...)
_GB_WORDS = _forms(
    "colour:,s,ed,ing favourite:,s neighbour:,s,hood,hoods,ly honour:,s,ed,able behaviour:,s labour:,s,ed "
    "harbour:,s rumour:,s,ed humour:,ed armour: flavour:,s odour:,s parlour:,s endeavour:,s,ed splendour: "
    "centre:,s theatre:,s metre:,s litre:,s realis:e,ed,es,ing recognis:e,ed,es,ing apologis:e,ed,es,ing "
    "organis:e,ed,es,ing mum:,s mummy: travell:ed,ing,er,ers cancell:ed,ing jewellery: whilst: learnt: "
    "grey:,ing,ish pyjamas: aeroplane:,s practis:e,ed,ing defence: licence: programme:,s arse:"
)
_US_WORDS = _forms(
    "color:,s,ed,ing favorite:,s neighbor:,s,hood,hoods,ly honor:,s,ed,able behavior:,s labor:,s,ed "
    "harbor:,s rumor:,s,ed humor:,ed armor: flavor:,s odor:,s parlor:,s endeavor:,s,ed splendor: "
    "center:,s theater:,s liter:,s realiz:e,ed,es,ing recogniz:e,ed,es,ing apologiz:e,ed,es,ing "
    "organiz:e,ed,es,ing mom:,s mommy: travel:ed,ing,er,ers cancel:ed,ing jewelry: "
    "gray:,ing,ish pajamas: airplane:,s defense: license:"
)


def _dialect(lowercase_words: frozenset[str], level: str) -> str:
    """British when the story's spellings lean clearly that way: two or more British words
    (`colour`, `realise`, `mum`), twice as many as American ones (distinct words, read from the
    words the story writes in lowercase), a single-quote dialogue counting as one more sign."""
    gb = len(_GB_WORDS & lowercase_words) + (level == SINGLE)
    us = len(_US_WORDS & lowercase_words)
    return "en-GB" if gb >= 2 and gb >= 2 * us else "en-US"


def _first_mark_opens(p: Paragraph, level: str) -> bool:
    a = p.analysis
    if not a.marks:  # type: ignore[union-attr]
        return False
    first = a.marks[0]  # type: ignore[union-attr]
    lead = a.text[: first.pos]  # type: ignore[union-attr]
    return first.role == OPEN and first.level == level and not lead.strip(" \t*_")


def _mark_continued_speech(doc: Document) -> None:
    level = doc.style.dialogue_level if doc.style else DOUBLE
    prose_text = [p for p in doc.paragraphs if p.kind in (TEXT, NOTE, SCENE_BREAK, HEADING)]
    for cur, nxt in zip(prose_text, prose_text[1:]):
        if cur.kind not in PROSE_KINDS or nxt.kind != cur.kind:
            continue
        qs: tuple[Quotation, ...] = cur.analysis.quotations  # type: ignore[union-attr]
        unclosed = [q for q in qs if q.close is None and q.open is not None and q.level == level and q.depth == 0]
        if unclosed and _first_mark_opens(nxt, level):
            cur.continues = True
