"""OpenDocument text (.odt), as LibreOffice, Google Docs and Word save it, read with odfpy.

The archive is checked first (:mod:`betareader.loaders.archive`); odfpy parses the XML
with defusedxml. Read: ``text:h`` (headings, by outline level; the ``Title`` paragraph
style is the work's title) and ``text:p`` in order, through lists, sections and tables;
``text:s`` (spaces), ``text:tab``, ``text:line-break``; italics from the span's or the
paragraph's style (automatic styles and named styles with their parents). Footnotes,
annotations (comments), tracked-change records and frames are not story text.
"""

from __future__ import annotations

import io
import re

from ..errors import InputError
from ..model.blocks import Block, Origin
from ..model.document import HEADING, SCENE_BREAK, TITLE
from .archive import SafeZip
from .inline import BREAK, render

PART = "content.xml"
_WS_RE = re.compile(r"[ \t\r\n]+")
TEXTNS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
STYLENS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FONS = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
OFFICENS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
TABLENS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"

#: inside a paragraph: not text
_SKIP_INLINE = frozenset({"note", "annotation", "annotation-end", "bookmark", "bookmark-start", "bookmark-end",
                          "reference-mark", "reference-mark-start", "reference-mark-end", "soft-page-break",
                          "change", "change-start", "change-end", "tracked-changes", "frame", "toc-mark",
                          "alphabetical-index-mark", "sequence-decls", "variable-decls", "user-field-decls"})
#: containers of paragraphs to descend into
_CONTAINERS = frozenset({"list", "list-item", "list-header", "section", "table", "table-row", "table-cell",
                         "table-rows", "table-header-rows", "table-column-group", "index-body", "table-of-content",
                         "deletion", "insertion"})


def _attr(node, ns: str, name: str):
    attrs = getattr(node, "attributes", None) or {}
    return attrs.get((ns, name))


class _Styles:
    """Italic or upright, by style name, following parent styles."""

    def __init__(self, doc) -> None:
        self.own: dict[str, bool | None] = {}
        self.parent: dict[str, str] = {}
        self.display: dict[str, str] = {}
        for root in (doc.styles, doc.automaticstyles, getattr(doc, "masterstyles", None)):
            if root is None:
                continue
            for st in root.childNodes:
                if getattr(st, "qname", None) != (STYLENS, "style"):
                    continue
                name = _attr(st, STYLENS, "name")
                if not name:
                    continue
                italic = None
                for child in st.childNodes:
                    if getattr(child, "qname", None) == (STYLENS, "text-properties"):
                        fs = _attr(child, FONS, "font-style")
                        if fs:
                            italic = fs in ("italic", "oblique")
                self.own[name] = italic
                parent = _attr(st, STYLENS, "parent-style-name")
                if parent:
                    self.parent[name] = parent
                self.display[name] = _attr(st, STYLENS, "display-name") or name

    def italic(self, name: str | None) -> bool | None:
        seen = 0
        while name and seen < 20:
            v = self.own.get(name)
            if v is not None:
                return v
            name = self.parent.get(name)
            seen += 1
        return None

    def is_title(self, name: str | None) -> bool:
        seen = 0
        while name and seen < 20:
            if self.display.get(name, name).lower() == "title" or name.lower() == "title":
                return True
            name = self.parent.get(name)
            seen += 1
        return False


def load_odt(data: bytes, name: str) -> tuple[list[Block], dict]:
    archive = SafeZip(data, name, "ODT")
    if not archive.has(PART):
        raise InputError(f"{name}: not a valid ODT file ({PART} is missing)")
    archive.screen_xml_members()
    try:
        from odf.opendocument import load

        doc = load(io.BytesIO(data))
    except InputError:
        raise
    except Exception as exc:  # odfpy raises KeyError, SAX errors, defusedxml errors…
        raise InputError(f"{name}: not a valid ODT file ({type(exc).__name__}: {exc})") from None

    styles = _Styles(doc)
    meta: dict = {}
    try:
        from odf import dc
        from odf import meta as odfmeta

        for el in doc.meta.getElementsByType(dc.Title):
            t = str(el).strip()
            if t:
                meta["title"] = t
        for el in doc.meta.getElementsByType(dc.Creator) + doc.meta.getElementsByType(odfmeta.InitialCreator):
            t = str(el).strip()
            if t:
                meta.setdefault("authors", [])
                if t not in meta["authors"]:
                    meta["authors"].append(t)
        for el in doc.meta.getElementsByType(odfmeta.Keyword):
            t = str(el).strip()
            if t:
                meta.setdefault("tags", []).append(t)
    except Exception:
        pass

    blocks: list[Block] = []
    counter = [0]

    def inline(node, italic: bool, pieces: list) -> None:
        for child in node.childNodes:
            if child.nodeType == child.TEXT_NODE:
                # ODF collapses whitespace in text (text:s holds the extra spaces)
                pieces.append((_WS_RE.sub(" ", str(child.data)), italic))
                continue
            if child.nodeType != child.ELEMENT_NODE:
                continue
            ns, local = child.qname
            if local in _SKIP_INLINE or ns not in (TEXTNS,):
                continue
            if local == "s":
                pieces.append((" " * int(_attr(child, TEXTNS, "c") or 1), italic))
            elif local == "tab":
                pieces.append((" ", italic))
            elif local == "line-break":
                pieces.append((BREAK, False))
            elif local == "span":
                it = styles.italic(_attr(child, TEXTNS, "style-name"))
                inline(child, italic if it is None else it, pieces)
            else:  # text:a, text:ruby-base, fields (page numbers, dates): their text
                inline(child, italic, pieces)

    def paragraph(node, kind: str | None, level: int) -> None:
        style = _attr(node, TEXTNS, "style-name")
        it = styles.italic(style)
        pieces: list = []
        inline(node, bool(it), pieces)
        text = render(pieces, collapse=False)
        origin = Origin(PART, index=counter[0])
        counter[0] += 1
        if not text:
            return
        if kind is None:
            if styles.is_title(style):
                kind, level = TITLE, 1
            elif text.strip() == "#":
                kind = SCENE_BREAK
        blocks.append(Block(text, kind, level, origin))

    def walk(node) -> None:
        for child in node.childNodes:
            if child.nodeType != child.ELEMENT_NODE:
                continue
            ns, local = child.qname
            if ns == TEXTNS and local == "h":
                level = int(_attr(child, TEXTNS, "outline-level") or 1)
                paragraph(child, HEADING, level)
            elif ns == TEXTNS and local == "p":
                paragraph(child, None, 0)
            elif local in _CONTAINERS and ns in (TEXTNS, TABLENS):
                walk(child)

    walk(doc.text)
    return blocks, meta
