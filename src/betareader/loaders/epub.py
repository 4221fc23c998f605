"""EPUB: AO3's (Calibre conversions of AO3's HTML), FanFicFare's, and any other.

The archive is checked first (:mod:`betareader.loaders.archive`: sizes, ratios, member
names, XML entity declarations); then ebooklib reads the package (OPF metadata,
manifest, spine) from memory, and each spine document is read in order with the HTML
reader (:mod:`betareader.loaders.htmltext`), with the italic classes of the book's
stylesheets.

* **AO3**: recognised by its publisher or identifier (archiveofourown.org) or its page
  layout; read with :mod:`betareader.loaders.ao3` across the split files.
* **FanFicFare**: recognised by its contributor entry or its page classes
  (``fff_titlepage``, ``fff_chapter``). The title page's ``Label: value`` entries give
  the metadata (Category/Fandoms, Characters, Relationships, Genre, Freeform Tags…) and
  its Summary becomes an author's note; each chapter page's ``h3.fff_chapter_title`` is
  a chapter heading; the table of contents, update log and cover pages are skipped.
* **Any other EPUB**: the spine in order, headings as chapters, navigation documents
  skipped; OPF title, creators and subjects go to the metadata.
"""

from __future__ import annotations

import io
import posixpath
import re
import warnings

from bs4 import Tag

from ..errors import InputError
from ..model.blocks import Block
from ..model.document import HEADING, NOTE, TITLE
from .ao3 import Ao3Reader, is_ao3
from .archive import SafeZip
from .htmltext import Extractor, _classes, italic_classes, page_italic_classes, parse_html

_WS_RE = re.compile(r"\s+")

#: FanFicFare title-page labels (lowercase) -> metadata key
FFF_FIELDS = {
    "category": "fandoms", "categories": "fandoms", "fandom": "fandoms", "fandoms": "fandoms",
    "characters": "characters", "character": "characters",
    "relationships": "relationships", "relationship": "relationships", "pairing": "relationships",
    "pairings": "relationships", "ships": "relationships", "ship": "relationships",
    "genre": "genre", "genres": "genre",
    "freeform tags": "tags", "freeformtags": "tags", "additional tags": "tags", "tags": "tags", "extra tags": "tags",
    "warnings": "warnings", "warning": "warnings", "rating": "rating", "language": "language",
    "author": "authors", "authors": "authors", "series": "series",
}
_LIST_FIELDS = frozenset({"fandoms", "characters", "relationships", "genre", "tags", "warnings", "authors"})
_FFF_SKIP_BODIES = frozenset({"fff_tocpage", "fff_logpage", "fff_coverpage"})


def _text(node) -> str:
    return _WS_RE.sub(" ", node.get_text(" ") if isinstance(node, Tag) else str(node)).strip()


def _dc(book, name: str) -> list[str]:
    out = []
    for value, _attrs in book.get_metadata("DC", name):
        if isinstance(value, str) and value.strip():
            out.append(_WS_RE.sub(" ", value).strip())
    return out


def load_epub(data: bytes, name: str) -> tuple[list[Block], dict]:
    """Blocks and metadata of an EPUB held in ``data``. Raises InputError."""
    archive = SafeZip(data, name, "EPUB")
    if not archive.has("META-INF/container.xml"):
        raise InputError(f"{name}: not a valid EPUB file (META-INF/container.xml is missing)")
    archive.screen_xml_members()
    try:
        import ebooklib
        from ebooklib import epub

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = epub.read_epub(io.BytesIO(data), {"ignore_ncx": True})
    except InputError:
        raise
    except Exception as exc:  # ebooklib raises bare KeyErrors, lxml errors, EpubException
        raise InputError(f"{name}: not a valid EPUB file ({type(exc).__name__}: {exc})") from None

    classes: dict[str, bool] = {}
    for item in book.get_items_of_type(ebooklib.ITEM_STYLE):
        try:
            classes.update(italic_classes(item.get_content().decode("utf-8", "replace")))
        except Exception:
            continue

    # a guide's table of contents page is navigation, not story
    toc_pages = {posixpath.normpath(g.get("href", "").split("#")[0]) for g in (book.guide or [])
                 if str(g.get("type", "")).lower() == "toc"}
    pages = []  # (file name, soup)
    for idref, linear in book.spine:
        item = book.get_item_with_id(idref)
        if item is None or item.get_type() != ebooklib.ITEM_DOCUMENT:
            continue
        if str(linear).lower() == "no" or item.get_name() in toc_pages:
            continue
        if isinstance(item, epub.EpubNav) or "nav" in (getattr(item, "properties", None) or []):
            continue
        soup = parse_html(item.get_content())
        pages.append((item.get_name(), soup))

    meta: dict = {}
    titles = _dc(book, "title")
    if titles:
        meta["title"] = titles[0]
    creators = _dc(book, "creator")
    if creators:
        meta["authors"] = creators
    subjects = _dc(book, "subject")
    if subjects:
        meta["tags"] = subjects
    publisher = " ".join(_dc(book, "publisher") + _dc(book, "identifier") + _dc(book, "source"))
    contributors = " ".join(_dc(book, "contributor") + _dc(book, "identifier"))

    if "fanficfare" in contributors.lower() or any(_body_has(s, "fff_chapter", "fff_titlepage") for _, s in pages):
        blocks, more = _fanficfare(pages, classes)
        for k, v in more.items():
            if isinstance(v, list) and isinstance(meta.get(k), list):
                meta[k] = meta[k] + [x for x in v if x not in meta[k]]
            elif v:
                meta[k] = v
        meta["source"] = "fanficfare"
    elif "archiveofourown" in publisher.lower().replace(" ", "") or "archive of our own" in publisher.lower() \
            or any(is_ao3(s) for _, s in pages[:3]):
        reader = Ao3Reader()
        for part, soup in pages:
            cls = dict(classes)
            cls.update(page_italic_classes(soup))
            reader.read(soup.body or soup, Extractor(part, cls))
        if reader.story_blocks:
            blocks = reader.blocks
            for k, v in reader.metadata.items():
                meta[k] = v
        else:  # the layout did not survive the conversion: read it as any EPUB
            blocks = _generic(pages, classes)
            meta["source"] = "ao3"
    else:
        blocks = _generic(pages, classes)
    return blocks, meta


def _body_has(soup, *names: str) -> bool:
    body = soup.body
    return body is not None and bool(set(_classes(body)) & set(names))


def _generic(pages, classes) -> list[Block]:
    blocks: list[Block] = []
    for part, soup in pages:
        cls = dict(classes)
        cls.update(page_italic_classes(soup))
        blocks.extend(Extractor(part, cls).extract(soup.body or soup))
    return blocks


def _fanficfare(pages, classes) -> tuple[list[Block], dict]:
    blocks: list[Block] = []
    meta: dict = {}
    for part, soup in pages:
        body = soup.body or soup
        body_cls = set(_classes(body)) if isinstance(body, Tag) else set()
        cls = dict(classes)
        cls.update(page_italic_classes(soup))
        ex = Extractor(part, cls)
        base = posixpath.basename(part).lower()
        if body_cls & _FFF_SKIP_BODIES or base.startswith(("toc_page", "log_page", "cover")):
            continue
        if "fff_titlepage" in body_cls or base.startswith("title_page"):
            blocks.extend(_fff_title_page(body, ex, meta))
            continue
        heading = body.find(class_="fff_chapter_title") if isinstance(body, Tag) else None
        if heading is not None:
            blocks.extend(ex.extract(heading, HEADING, 2))
            heading.extract()
        blocks.extend(ex.extract(body))
    return blocks, meta


def _fff_title_page(body: Tag, ex: Extractor, meta: dict) -> list[Block]:
    """FanFicFare's title page: ``<h3>title by author</h3>`` then ``<b>Label:</b> value<br/>``
    entries (or a table of them)."""
    out: list[Block] = []
    h3 = body.find("h3")
    if h3 is not None:
        link = h3.find("a")
        title = _text(link) if link is not None else _text(h3)
        if title:
            meta.setdefault("title", title)
            out.append(Block(title, TITLE, 1, ex.origin(h3)))
        authors = [_text(a) for a in h3.find_all("a")[1:]]
        if authors:
            meta.setdefault("authors", authors)
    for label_tag in body.find_all("b"):
        label = _text(label_tag)
        if not label.endswith(":"):
            continue
        key = label[:-1].strip().lower()
        # the value: what follows the label up to the next <br> (or the rest of a table cell)
        nodes = []
        sib = label_tag.next_sibling
        cell = label_tag.find_parent("td")
        if sib is None and cell is not None:  # table layout: the value is the next cell
            nxt = cell.find_next_sibling("td")
            nodes = list(nxt.contents) if nxt is not None else []
        else:
            while sib is not None and not (isinstance(sib, Tag) and (sib.name == "br" or (sib.name == "b" and _text(sib).endswith(":")))):
                nodes.append(sib)
                sib = sib.next_sibling
        if key in ("summary", "description"):
            holder = parse_html("").new_tag("div")
            for n in nodes:
                holder.append(n.extract())
            notes = ex.extract(holder, NOTE)
            if notes:
                meta.setdefault("summary", "\n".join(b.text for b in notes))
                out.extend(notes)
            continue
        field = FFF_FIELDS.get(key)
        if field is None:
            continue
        value = _WS_RE.sub(" ", " ".join(_text(n) for n in nodes)).strip()
        if not value:
            continue
        if field in _LIST_FIELDS:
            items = [v.strip() for v in value.split(",") if v.strip()]
            known = meta.setdefault(field, [])
            known.extend(v for v in items if v not in known)
        else:
            meta.setdefault(field, value)
    return out
