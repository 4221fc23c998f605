"""Word (.docx) documents, as Word, Google Docs and LibreOffice save them, read with python-docx.

The archive is checked first (:mod:`betareader.loaders.archive`); python-docx parses the
XML with entity resolution off. Read: the body's paragraphs in order (table cells too),
runs inside hyperlinks, fields, content controls and tracked insertions (tracked
deletions are left out, as Word shows the text with changes accepted), soft line breaks as
``\\n``; italics from the run, its character style or the paragraph's style;
``Title`` style as the work's title, ``Heading N`` styles as headings (chapters); a
paragraph that is only ``#`` (manuscript format) as a scene break, like ``***`` or a
centred ``* * *``. Empty paragraphs (spacing) are dropped. Footnotes, comments, headers
and footers are not story text and are not read.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from ..errors import InputError
from ..model.blocks import Block, Origin
from ..model.document import HEADING, SCENE_BREAK, TITLE
from .archive import SafeZip
from .inline import BREAK, render

PART = "word/document.xml"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_HEADING_STYLE_RE = re.compile(r"^heading\s*(\d)$", re.I)
#: runs of a paragraph, in order: direct, in hyperlinks, tracked insertions, fields,
#: smart tags, content controls (not in text boxes: those are anchored objects; not in
#: tracked deletions or moved-away text)
_RUNS_XPATH = ".//w:r[not(ancestor::w:txbxContent) and not(ancestor::w:del) and not(ancestor::w:moveFrom)]"


class _Styles:
    """Style ids -> name and italic (following base styles), read once: python-docx looks
    styles up by a linear scan, far too slow per run."""

    def __init__(self, document) -> None:
        self.name: dict[str, str] = {}
        own: dict[str, bool | None] = {}
        base: dict[str, str] = {}
        for st in document.styles:
            sid = st.style_id
            if not sid:
                continue
            self.name[sid] = st.name or ""
            try:
                own[sid] = st.font.italic
            except AttributeError:  # numbering and table styles have no font
                own[sid] = None
            b = st.element.basedOn_val if hasattr(st.element, "basedOn_val") else None
            if b:
                base[sid] = b
        self.italic: dict[str, bool | None] = {}
        for sid in own:
            v, cur, seen = None, sid, 0
            while cur and seen < 20:
                if own.get(cur) is not None:
                    v = own[cur]
                    break
                cur, seen = base.get(cur), seen + 1
            self.italic[sid] = v
        default = document.styles.default(1)  # WD_STYLE_TYPE.PARAGRAPH
        self.default_paragraph = default.style_id if default is not None else None


def load_docx(data: bytes, name: str) -> tuple[list[Block], dict]:
    document = _open(data, name)

    meta: dict = {}
    props = document.core_properties
    if props.title:
        meta["title"] = props.title.strip()
    if props.author:
        meta["authors"] = [props.author.strip()]
    if props.keywords:
        meta["tags"] = [k.strip() for k in re.split(r"[,;]", props.keywords) if k.strip()]

    blocks: list[Block] = []
    for block, _p, _chars, _offsets in _read_paragraphs(document, mapped=False):
        blocks.append(block)
    return blocks, meta


def _open(data: bytes, name: str):
    archive = SafeZip(data, name, "Word")
    for required in ("[Content_Types].xml", PART):
        if not archive.has(required):
            raise InputError(f"{name}: not a valid Word file ({required} is missing)")
    archive.screen_xml_members()
    try:
        import docx

        return docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except Exception as exc:  # python-docx raises PackageNotFoundError, KeyError, lxml errors…
        raise InputError(f"{name}: not a valid Word file ({type(exc).__name__}: {exc})") from None


#: The elements of a run that give it text, as python-docx's ``Run.text`` reads them.
_TEXT_CHILDREN = ("br", "cr", "noBreakHyphen", "ptab", "t", "tab")


@dataclass(slots=True)
class MappedParagraph:
    """One block of a Word file with the way back from its text to the file's runs.

    ``chars`` lists the paragraph's source characters in order, each as ``(element,
    index)``: a ``w:t`` element and the character's index in its text, or another run
    child (a tab, a line break; index None) that stands for one character. ``offsets[i]``
    is the index in ``chars`` of the block text's character ``i``, or None for a character
    the loader wrote itself (the ``*`` around italics). ``p`` is the ``w:p`` element.
    """

    block: Block
    p: object
    chars: list
    offsets: list


@dataclass(slots=True)
class MappedDocx:
    """A Word file opened for writing back: the python-docx document and its blocks with
    their maps (the same blocks, in the same order, as :func:`load_docx` reads)."""

    document: object
    paragraphs: list[MappedParagraph]


def open_docx(data: bytes, name: str) -> MappedDocx:
    """Open a Word file's bytes, keeping for every block the map from its text to its runs."""
    document = _open(data, name)
    paras = [MappedParagraph(b, p, chars, offsets)
             for b, p, chars, offsets in _read_paragraphs(document, mapped=True)]
    return MappedDocx(document, paras)


def _align(text: str, source: list[str], heading: bool = False) -> list[int | None] | None:
    """Map each character of a block's ``text`` to its index in ``source`` (the characters
    of the runs, in order), None for a ``*`` the renderer added; whitespace the renderer
    trimmed is skipped, and in a heading (``heading``) a space may stand for a line break.  A ``*`` is first tried as the file's own character, then as an
    added one (backtracking on failure).  None if the text does not follow from the source
    (never expected)."""
    m, n = len(text), len(source)
    out: list[int | None] = [None] * m
    choices: list[tuple[int, int]] = []  # (j, i): text[j] == "*" may also be an added mark
    j = i = 0
    budget = 20 * (m + n) + 100
    while budget:
        budget -= 1
        if j == m:
            if all(c in " \n" for c in source[i:]):
                return out
            ok = False
        else:
            c = text[j]
            br = heading and c == " "
            k = i
            while k < n and not (source[k] == c or (br and source[k] == "\n")) and source[k] in " \n":
                k += 1
            ok = True
            if k < n and (source[k] == c or (br and source[k] == "\n")):  # a heading's line break
                if c == "*":
                    choices.append((j, i))
                out[j] = k
                i, j = k + 1, j + 1
            elif c == "*":
                out[j] = None
                j += 1
            else:
                ok = False
        if not ok:
            if not choices:
                return None
            j, i = choices.pop()
            out[j] = None
            j += 1
    return None


def _read_paragraphs(document, mapped: bool):
    """Yield (block, w:p element, chars, offsets) for each non-empty paragraph of the body;
    chars and offsets (see :class:`MappedParagraph`) only when ``mapped``."""
    from docx.table import Table
    from docx.text.font import Font
    from docx.text.paragraph import Paragraph
    from lxml import etree

    def paragraphs(container):
        for item in container.iter_inner_content():
            if isinstance(item, Paragraph):
                yield item
            elif isinstance(item, Table):
                for row in item.rows:
                    for cell in row.cells:
                        yield from paragraphs(cell)

    runs_of = etree.XPath(_RUNS_XPATH, namespaces={"w": _W})
    children_of = etree.XPath("|".join(f"w:{t}" for t in _TEXT_CHILDREN), namespaces={"w": _W})
    t_tag = f"{{{_W}}}t"
    styles = _Styles(document)
    index = 0
    for para in paragraphs(document):
        p = para._p
        style_id = p.style or styles.default_paragraph
        style_name = styles.name.get(style_id, "") if style_id else ""
        para_italic = bool(styles.italic.get(style_id)) if style_id else False
        pieces: list[tuple[str, bool]] = []
        chars: list = []
        for r in runs_of(p):
            text = r.text
            if not text:
                continue
            it = Font(r).italic if r.rPr is not None else None
            if it is None and r.style:
                it = styles.italic.get(r.style)
            italic = para_italic if it is None else bool(it)
            for n, line in enumerate(text.split("\n")):
                if n:
                    pieces.append((BREAK, False))
                if line:
                    pieces.append((line.replace("\t", " ").replace("\r", ""), italic))
            if mapped:
                for child in children_of(r):
                    if child.tag == t_tag:
                        chars.extend((child, k) for k, ch in enumerate(child.text or "") if ch != "\r")
                    elif str(child):
                        chars.append((child, None))
        text = render(pieces, collapse=False)
        origin = Origin(PART, index=index)
        index += 1
        if not text:
            continue
        kind, level = None, 0
        m = _HEADING_STYLE_RE.match(style_name)
        if style_name.lower() == "title":
            kind, level = TITLE, 1
        elif m:
            kind, level = HEADING, int(m.group(1))
        elif text.strip() == "#":
            kind = SCENE_BREAK
        if kind in (TITLE, HEADING):
            text = text.replace("\n", " ")
        offsets = None
        if mapped:
            source = [_char_text(e, k) for e, k in chars]
            offsets = _align(text, source, heading=kind in (TITLE, HEADING))
            if offsets is None:  # keep the block; nothing in it can be mapped back
                offsets = [None] * len(text)
        yield Block(text, kind, level, origin), p, chars, offsets


def _char_text(element, k: int | None) -> str:
    s = element.text[k] if k is not None else str(element)
    return " " if s == "\t" else s
