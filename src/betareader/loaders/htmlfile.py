"""HTML files: an AO3 download (read with :mod:`betareader.loaders.ao3`) or any other page.

The file is decoded like a plain-text story (UTF-8, a byte-order mark, or Windows-1252
with a note), parsed with BeautifulSoup on the standard library's parser, and read
paragraph by paragraph (:mod:`betareader.loaders.htmltext`). A page that is not an AO3
download gives its ``<title>`` as the work's title in the metadata, and its headings
become chapter headings.
"""

from __future__ import annotations

import re

from ..model.blocks import Block
from .ao3 import ao3_blocks, is_ao3
from .htmltext import Extractor, html_blocks, page_italic_classes, parse_html

_WS_RE = re.compile(r"\s+")


def load_html(text: str, name: str) -> tuple[list[Block], dict]:
    soup = parse_html(text)
    if is_ao3(soup):
        ex = Extractor(None, page_italic_classes(soup))
        blocks, meta, story = ao3_blocks(soup, ex)
        if story:
            return blocks, meta
    meta: dict = {}
    if soup.title is not None:
        title = _WS_RE.sub(" ", soup.title.get_text(" ")).strip()
        if title:
            meta["title"] = title
    return html_blocks(soup), meta
