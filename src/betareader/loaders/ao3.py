"""AO3 downloads (HTML, and the EPUBs AO3 makes from the same HTML with Calibre).

The layout (AO3's download templates)::

    div#preface     p.message (AO3's boilerplate), dl.tags (dt label / dd tags), h1 (title),
                    div.byline (author), p "Summary" + blockquote.userstuff,
                    p "Notes" + blockquote.userstuff, div.endnote-link
    div#chapters    per chapter: div.meta.group (h2.heading title, p.byline,
                    p "Chapter Summary"/"Chapter Notes" + blockquote.userstuff),
                    div.userstuff (the story), div.meta#endnotesN (chapter end notes);
                    a one-chapter work has only div.userstuff
    div#afterword   div#endnotes (p "End Notes" + blockquote.userstuff), related works,
                    p.message

What becomes what: the title is the document's TITLE paragraph, each ``h2.heading`` a
chapter heading, every ``blockquote.userstuff`` (summaries, notes, end notes) an author's
note (NOTE: spell-checked, no craft notes), every ``div.userstuff`` story text; the tags
go to ``Document.metadata`` (``fandoms``, ``relationships``, ``characters``, ``tags`` for
AO3's additional tags, ``rating``, ``warnings``, ``categories``, ``language``, ``series``,
``title``, ``authors``, ``summary``). AO3's own words (labels, "Posted originally on…",
"Please drop by the archive and comment…") are left out.

The reader goes by class names, not by exact nesting, so it also reads the Calibre
EPUB, where the page is split into several files and wrappers are repeated or dropped.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from ..model.blocks import Block
from ..model.document import HEADING, NOTE, TITLE
from .htmltext import SKIP_TAGS, Extractor, _classes

#: dt label (lowercase, without the colon) -> metadata key
TAG_FIELDS = {
    "rating": "rating", "ratings": "rating",
    "archive warning": "warnings", "archive warnings": "warnings",
    "category": "categories", "categories": "categories",
    "fandom": "fandoms", "fandoms": "fandoms",
    "relationship": "relationships", "relationships": "relationships",
    "character": "characters", "characters": "characters",
    "additional tags": "tags", "additional tag": "tags", "freeform": "tags", "freeforms": "tags",
    "language": "language", "series": "series", "collections": "collections", "collection": "collections",
    "stats": "stats",
}
#: fields holding one string, not a list
SCALAR_FIELDS = frozenset({"language", "stats"})
_CONTAINERS = frozenset({"div", "section", "article", "body", "html", "main", "span"})
_WS_RE = re.compile(r"\s+")


def _text(tag: Tag) -> str:
    return _WS_RE.sub(" ", tag.get_text(" ")).strip()


def is_ao3(soup: BeautifulSoup) -> bool:
    """An AO3 download: the preface and chapters divisions, or AO3's message in a preface."""
    if soup.find(id="preface") is not None and soup.find(id="chapters") is not None:
        return True
    for p in soup.find_all("p", class_="message", limit=3):
        if "Archive of Our Own" in p.get_text():
            return True
    return False


def parse_tags(dl: Tag) -> dict:
    """The ``dl.tags`` list: {metadata key: [tag, …] or string}."""
    out: dict = {}
    label = None
    for child in dl.find_all(["dt", "dd"], recursive=False):
        if child.name == "dt":
            label = _text(child).rstrip(":").strip().lower()
            continue
        if label is None:
            continue
        key = TAG_FIELDS.get(label)
        if key is None:
            continue
        if key in SCALAR_FIELDS:
            out[key] = _text(child)
            continue
        links = [_text(a) for a in child.find_all("a")]
        values = links if links else [v.strip() for v in _text(child).split(",")]
        out.setdefault(key, []).extend(v for v in values if v)
    return out


class Ao3Reader:
    """Reads one AO3 work from one page or, part by part, from the pages of an EPUB."""

    def __init__(self) -> None:
        self.metadata: dict = {"source": "ao3"}
        self.blocks: list[Block] = []
        self.story_blocks = 0

    def read(self, root: Tag, ex: Extractor) -> None:
        self._visit(root, ex, in_meta=False)

    def _visit(self, el: Tag, ex: Extractor, in_meta: bool) -> None:
        for child in el.children:
            if not isinstance(child, Tag) or child.name in SKIP_TAGS:
                continue
            cls = set(_classes(child))
            name = child.name
            if name == "dl" and "tags" in cls:
                for k, v in parse_tags(child).items():
                    if isinstance(v, list):
                        self.metadata.setdefault(k, []).extend(v)
                    else:
                        self.metadata[k] = v
            elif cls & {"message", "endnote-link", "toc-heading"}:
                continue
            elif "byline" in cls:
                authors = [_text(a) for a in child.find_all("a")] or [_text(child).removeprefix("by ").strip()]
                known = self.metadata.setdefault("authors", [])
                known.extend(a for a in authors if a and a not in known)
            elif name == "h1" and "title" not in self.metadata:
                title = ex.extract(child, TITLE, 1)
                if title:
                    self.metadata["title"] = title[0].text.replace("*", "")
                    self.blocks.extend(title)
            elif name == "h2" and "heading" in cls:
                self.blocks.extend(ex.extract(child, HEADING, 2))
            elif name == "blockquote" and "userstuff" in cls:
                notes = ex.extract(child, NOTE)
                label = child.find_previous_sibling("p")
                if label is not None and _text(label).lower() in ("summary",) and "summary" not in self.metadata:
                    self.metadata["summary"] = "\n".join(b.text for b in notes)
                self.blocks.extend(notes)
            elif "userstuff" in cls and child.get("id") != "chapters" and not self._wrapper(child):
                story = ex.extract(child)
                self.story_blocks += len(story)
                self.blocks.extend(story)
            elif name in _CONTAINERS:
                self._visit(child, ex, in_meta or "meta" in cls)
            # anything else (labels, related works, lists of links) is AO3's, not the author's

    @staticmethod
    def _wrapper(tag: Tag) -> bool:
        """A ``userstuff`` element that holds chapters rather than text (div#chapters, or its
        copy in a later file of a Calibre split): chapter parts as its own children."""
        return tag.find(["div", "h2"], class_=["userstuff", "meta", "heading"], recursive=False) is not None


def ao3_blocks(soup: BeautifulSoup, ex: Extractor) -> tuple[list[Block], dict, int]:
    reader = Ao3Reader()
    reader.read(soup.body or soup, ex)
    return reader.blocks, reader.metadata, reader.story_blocks
