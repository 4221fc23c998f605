"""HTML to paragraphs: the reader for HTML files and the XHTML inside EPUBs.

Parsed with BeautifulSoup on Python's own ``html.parser``: nothing in the page is ever
run or fetched (no scripts, no images, no stylesheets, no entities from a DTD), and the
parser records each element's line and column, which become each paragraph's
:class:`~betareader.model.blocks.Origin`.

What is read: the text a browser shows, one paragraph per block element (``p``, ``div``,
``li``, ``h1``-``h6``, table cells…), ``<br>`` as a line break and two of them in a row
as a paragraph break, ``<hr>`` as a scene break, ``h1``-``h6`` as headings, and italics
(``em``, ``i``, ``cite``, ``style="font-style: italic"``, and classes that a ``<style>``
element or an EPUB stylesheet makes italic, as Google Docs and Calibre write them).
What is never read: ``script``, ``style``, ``template``, ``noscript``, embedded objects,
forms, comments, attributes (``onerror=`` and friends), elements hidden with
``hidden`` or ``display: none``.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, CData, NavigableString, Tag

from ..model.blocks import SCENE_BREAK_TEXT, Block, Origin
from ..model.document import HEADING, NOTE, SCENE_BREAK
from .inline import BREAK, render

#: Elements whose content is never text of the story.
SKIP_TAGS = frozenset(
    """script style template noscript iframe frame frameset object embed applet svg math head title
    meta link base button input select option textarea canvas audio video source track map area img
    picture nav""".split()
)
#: Elements that start and end a paragraph.
BLOCK_TAGS = frozenset(
    """p div section article header footer aside main address blockquote center dl dt dd ul ol li
    table thead tbody tfoot tr td th caption figure figcaption details summary fieldset legend form
    body html pre h1 h2 h3 h4 h5 h6 hr""".split()
)
ITALIC_TAGS = frozenset({"em", "i", "cite", "var", "dfn"})
HEADING_LEVELS = {f"h{n}": n for n in range(1, 7)}

_STYLE_ITALIC_RE = re.compile(r"font-style\s*:\s*(italic|oblique|normal)", re.I)
_HIDDEN_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_WS_RE = re.compile(r"[ \t\r\n\f]+")
_CSS_COMMENT_RE = re.compile(r"/\*.*?\*/", re.S)
_CSS_RULE_RE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_CLASS_SELECTOR_RE = re.compile(r"^\s*(?:[a-zA-Z][\w-]*)?\.([\w-]+)\s*$")


def parse_html(markup: str | bytes) -> BeautifulSoup:
    """Parse HTML or XHTML with the standard library's parser (no network, no scripts)."""
    return BeautifulSoup(markup, "html.parser")


def italic_classes(css: str) -> dict[str, bool]:
    """Classes a stylesheet makes italic (True) or upright (False): ``.c3{font-style:italic}``.

    Only plain class selectors (``.c3``, ``span.c3``) are read; that is what Google Docs,
    Word and Calibre write.
    """
    out: dict[str, bool] = {}
    css = _CSS_COMMENT_RE.sub("", css)
    for m in _CSS_RULE_RE.finditer(css):
        style = _STYLE_ITALIC_RE.search(m.group(2))
        if not style:
            continue
        italic = style.group(1).lower() != "normal"
        for sel in m.group(1).split(","):
            cm = _CLASS_SELECTOR_RE.match(sel)
            if cm:
                out[cm.group(1)] = italic
    return out


def page_italic_classes(soup: BeautifulSoup) -> dict[str, bool]:
    """Italic classes from the page's own ``<style>`` elements (read as CSS, never as text)."""
    out: dict[str, bool] = {}
    for st in soup.find_all("style"):
        out.update(italic_classes(st.get_text()))
    return out


def _classes(tag: Tag) -> list[str]:
    c = tag.get("class")
    if c is None:
        return []
    return c if isinstance(c, list) else str(c).split()


def hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden"):
        return True
    style = tag.get("style")
    return bool(style and _HIDDEN_RE.search(str(style)))


class Extractor:
    """Collects blocks from HTML elements; one per document part (an HTML file, an EPUB item).

    ``kind`` passed to :meth:`extract` forces a kind on every paragraph of that element
    (NOTE for an author's note), else headings are HEADING and the rest is classified by
    the document model from its text.
    """

    def __init__(self, part: str | None = None, classes: dict[str, bool] | None = None) -> None:
        self.part = part
        self.classes = classes or {}
        self.blocks: list[Block] = []

    # -- public -----------------------------------------------------------------------
    def extract(self, node: Tag, kind: str | None = None, heading: int = 0) -> list[Block]:
        """Add the paragraphs of ``node`` (and its descendants); return the ones added."""
        first = len(self.blocks)
        self._walk(node, kind, heading)
        return self.blocks[first:]

    def italic(self, tag: Tag, inherited: bool) -> bool:
        it = inherited or tag.name in ITALIC_TAGS
        for c in _classes(tag):
            if c in self.classes:
                it = self.classes[c]
        style = tag.get("style")
        if style:
            m = _STYLE_ITALIC_RE.search(str(style))
            if m:
                it = m.group(1).lower() != "normal"
        return it

    def origin(self, tag: Tag | None) -> Origin:
        if tag is None:
            return Origin(self.part)
        line = getattr(tag, "sourceline", None)
        pos = getattr(tag, "sourcepos", None)
        return Origin(self.part, line, pos + 1 if pos is not None else None)

    # -- the walk -----------------------------------------------------------------------
    def _walk(self, root: Tag, forced: str | None, heading: int) -> None:
        pieces: list[tuple[str, bool]] = []
        state = {"origin": None, "pre": 0, "heading": heading, "block": root}

        def flush() -> None:
            if pieces:
                text = render(pieces, collapse=state["pre"] == 0)
                if text:
                    kind = forced or (HEADING if state["heading"] else None)
                    level = state["heading"] if kind == HEADING else 0
                    self.blocks.append(Block(text, kind, level, state["origin"]))
                pieces.clear()
            state["origin"] = None

        def add_break(tag: Tag) -> None:
            # two line breaks in a row (only whitespace between) end the paragraph
            k = len(pieces) - 1
            while k >= 0 and pieces[k][0] != BREAK and not pieces[k][0].strip():
                k -= 1
            if k >= 0 and pieces[k][0] == BREAK:
                del pieces[k:]
                flush()
            elif pieces:
                pieces.append((BREAK, False))

        # iterative walk: ("enter", node, italic, parent tag) / ("exit", tag, saved state)
        stack: list[tuple] = [("enter", root, False, None)]
        while stack:
            item = stack.pop()
            if item[0] == "exit":
                _, tag, saved_heading, saved_block = item
                if tag.name in BLOCK_TAGS:
                    flush()
                if tag.name == "pre":
                    state["pre"] -= 1
                state["heading"] = saved_heading
                state["block"] = saved_block
                continue
            _, node, it, parent = item
            if isinstance(node, NavigableString):
                if type(node) is not NavigableString and not isinstance(node, CData):
                    continue  # comments, doctypes, processing instructions, script/style text
                s = str(node)
                if state["pre"]:
                    for n, line in enumerate(s.split("\n")):
                        if n:
                            pieces.append((BREAK, False))
                        if line:
                            pieces.append((line, it))
                else:
                    s = _WS_RE.sub(" ", s)
                    if s:
                        pieces.append((s, it))
                if state["origin"] is None and s.strip():
                    state["origin"] = self.origin(state["block"])
                continue
            if not isinstance(node, Tag):
                continue
            name = node.name
            if name in SKIP_TAGS or hidden(node):
                continue
            if name == "br":
                add_break(node)
                continue
            if name == "hr":
                flush()
                if forced is None:
                    self.blocks.append(Block(SCENE_BREAK_TEXT, SCENE_BREAK, 0, self.origin(node)))
                continue
            if name in BLOCK_TAGS:
                flush()
            saved = state["heading"]
            saved_block = state["block"]
            if name in BLOCK_TAGS:
                state["block"] = node
            if name in HEADING_LEVELS:
                state["heading"] = HEADING_LEVELS[name]
            if name == "pre":
                state["pre"] += 1
            nit = self.italic(node, it)
            stack.append(("exit", node, saved, saved_block))
            for child in reversed(node.contents):
                stack.append(("enter", child, nit, node))
        flush()


def html_blocks(soup: BeautifulSoup, part: str | None = None, classes: dict[str, bool] | None = None,
                kind: str | None = None) -> list[Block]:
    """Every paragraph of a page (its ``<body>``, or the whole document without one)."""
    cls = dict(classes or {})
    cls.update(page_italic_classes(soup))
    ex = Extractor(part, cls)
    root = soup.body or soup
    return ex.extract(root, kind)


__all__ = ["Extractor", "NOTE", "html_blocks", "italic_classes", "page_italic_classes", "parse_html"]
