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

from ..errors import InputError
from ..model.blocks import Block, Origin
from ..model.document import HEADING, SCENE_BREAK, TITLE
from .archive import SafeZip
from .inline import BREAK, render

PART = "word/document.xml"
_HEADING_STYLE_RE = re.compile(r"^heading\s*(\d)$", re.I)
#: runs of a paragraph, in order: direct, in hyperlinks, tracked insertions, fields,
#: smart tags, content controls (not in text boxes: those are anchored objects)
_RUNS_XPATH = ".//w:r[not(ancestor::w:txbxContent) and not(ancestor::w:del) and not(ancestor::w:moveFrom)]"


def _style_italic(style) -> bool | None:
    seen = 0
    while style is not None and seen < 20:
        it = style.font.italic
        if it is not None:
            return it
        style = style.base_style
        seen += 1
    return None


def load_docx(data: bytes, name: str) -> tuple[list[Block], dict]:
    archive = SafeZip(data, name, "Word")
    for required in ("[Content_Types].xml", PART):
        if not archive.has(required):
            raise InputError(f"{name}: not a valid Word file ({required} is missing)")
    archive.screen_xml_members()
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
        from docx.text.run import Run

        document = docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except Exception as exc:  # python-docx raises PackageNotFoundError, KeyError, lxml errors…
        raise InputError(f"{name}: not a valid Word file ({type(exc).__name__}: {exc})") from None

    meta: dict = {}
    props = document.core_properties
    if props.title:
        meta["title"] = props.title.strip()
    if props.author:
        meta["authors"] = [props.author.strip()]
    if props.keywords:
        meta["tags"] = [k.strip() for k in re.split(r"[,;]", props.keywords) if k.strip()]

    blocks: list[Block] = []
    index = 0

    def paragraphs(container):
        for item in container.iter_inner_content():
            if isinstance(item, Paragraph):
                yield item
            elif isinstance(item, Table):
                for row in item.rows:
                    for cell in row.cells:
                        yield from paragraphs(cell)

    for para in paragraphs(document):
        style = para.style
        style_name = (style.name or "") if style is not None else ""
        para_italic = bool(_style_italic(style)) if style is not None else False
        pieces: list[tuple[str, bool]] = []
        for r in para._p.xpath(_RUNS_XPATH):
            run = Run(r, para)
            text = run.text
            if not text:
                continue
            it = run.font.italic
            if it is None and run.style is not None and run.style.name != "Default Paragraph Font":
                it = _style_italic(run.style)
            italic = para_italic if it is None else bool(it)
            for n, line in enumerate(text.split("\n")):
                if n:
                    pieces.append((BREAK, False))
                if line:
                    pieces.append((line.replace("\t", " ").replace("\r", ""), italic))
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
        blocks.append(Block(text, kind, level, origin))
    return blocks, meta
