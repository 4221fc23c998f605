"""What the server's routes share: the kept engines, a lock per review, the store, and the
document of a review's text."""

from __future__ import annotations

import re
import threading
import time
import weakref
from collections import OrderedDict
from dataclasses import dataclass, field
from importlib import resources

from fastapi import HTTPException, Request

from ..config import Config
from ..engine import Engine
from ..model import build_document
from ..report.file_report import FileReport
from .store import Store

#: rule selections kept warm at once (each with its own paragraph cache)
MAX_ENGINES = 8
_NAME_RE = re.compile(r"[^\w .()'-]+")


class Engines:
    """One Engine per (select, ignore, dictionary), least recently used dropped past ``size``.
    An engine is shared by every request with its rules and words, and checks them at the same
    time (FastAPI runs sync endpoints in a thread pool; the engine is thread-safe), so a long
    check of one text holds up no other."""

    def __init__(self, base: Config, size: int = MAX_ENGINES) -> None:
        self.base = base
        self.size = size
        self._engines: OrderedDict[tuple, Engine] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, select: list[str], ignore: list[str], words: frozenset[str] = frozenset(),
            dialect: str | None = None) -> Engine:
        """The engine of these rules and words (and ``dialect``, when not the configured one)."""
        key = (tuple(c.upper() for c in select), tuple(c.upper() for c in ignore), words, dialect)
        with self._lock:
            if key in self._engines:
                self._engines.move_to_end(key)
                return self._engines[key]
            config = self.base.merged(list(key[0]) or None, list(key[1]))
            if words:
                config.words = set(config.words) | set(words)
            if dialect:
                config.dialect = dialect
            engine = self._engines[key] = Engine(config)
            if len(self._engines) > self.size:
                self._engines.popitem(last=False)
            return engine


class ReviewLocks:
    """One lock per review, so that two checks of one review (a page sending its text again
    before the last answer came) run one after the other, while other reviews go on."""

    def __init__(self) -> None:
        self._locks: "weakref.WeakValueDictionary[str, threading.Lock]" = weakref.WeakValueDictionary()
        self._lock = threading.Lock()

    def get(self, rid: str) -> threading.Lock:
        with self._lock:
            lock = self._locks.get(rid)
            if lock is None:
                lock = threading.Lock()
                self._locks[rid] = lock
            return lock


@dataclass
class ServerState:
    """The app's shared state (``app.state.betareader``); the routes get it with
    ``Depends(current)``."""

    store: Store
    engines: Engines
    check_seconds: float
    max_body: int
    review_locks: ReviewLocks = field(default_factory=ReviewLocks)
    #: rendered pages by name: (body, Content-Security-Policy)
    page: dict = field(default_factory=dict)
    page_lock: threading.Lock = field(default_factory=threading.Lock)

    def review_or_404(self, rid: str) -> dict:
        review = self.store.review(rid)
        if review is None:
            raise HTTPException(404, f"no review {rid!r}")
        return review

    # -- the dictionary: one for the page and the command line ---------------------------------
    def words(self) -> set[str]:
        """The words the speller accepts: the personal dictionary that ``betareader check`` and
        ``add-word`` use, and the words taught on this page."""
        from ..errors import BetareaderError
        from ..spelling.personal import read_words

        try:
            personal = read_words()
        except BetareaderError:
            personal = set()  # an unreadable file: the page still works with its own words
        return personal | self.store.words()

    def add_word(self, word: str) -> None:
        """Teach a word: into the personal dictionary file (so ``betareader check`` knows it too),
        unless the page keeps nothing on disk (``--no-store``), and into the page's store."""
        from ..spelling.personal import change_words

        if self.store.persistent:
            change_words([word])
        self.store.add_word(word)

    def remove_word(self, word: str) -> bool:
        from ..errors import BetareaderError
        from ..spelling.personal import change_words

        removed = self.store.remove_word(word)
        if self.store.persistent:
            try:
                removed = bool(change_words([], [word])[2]) or removed
            except BetareaderError:  # not a word the file could hold
                pass
        return removed

    def delete_all(self) -> None:
        """Every review, ignore and accepted fix, and the words taught on the page (also out of
        the personal dictionary; words added there with ``add-word`` stay)."""
        from ..spelling.personal import change_words

        taught = sorted(self.store.words())
        if self.store.persistent and taught:
            change_words([], taught)
        self.store.delete_all()

    def _engine(self, select=(), ignore=(), words: frozenset[str] | None = None):
        return self.engines.get(list(select), list(ignore), frozenset(self.words()) if words is None else words)

    def run(self, doc, select=(), ignore=(), words: frozenset[str] | None = None):
        """Check ``doc`` with the engine of these rules and words (the page's taught words by
        default), stopped past the time budget."""
        return self._engine(select, ignore, words).check(doc, deadline=time.monotonic() + self.check_seconds)

    def review_report(self, review: dict, text: str) -> FileReport:
        """The review checked, without the findings the writer ignored: they are gone from the
        counts, the letter, the HTML report and the Word comments alike."""
        doc = review_document(review, text)
        engine = self._engine()
        result = engine.check(doc, deadline=time.monotonic() + self.check_seconds)
        findings, summary = result.findings, result.summary
        ignored = {i["fingerprint"] for i in review.get("ignored") or ()}
        if ignored:
            from ..report.file_report import fingerprint

            findings = [f for f in findings if fingerprint(f, doc.text) not in ignored]
            if len(findings) != len(result.findings):
                summary = {**engine.summarize(doc, findings), **{k: v for k, v in summary.items() if k == "capped"}}
        return FileReport(review["name"], "md", doc, findings, summary)


def current(request: Request) -> ServerState:
    return request.app.state.betareader


def sample_text() -> str:
    return (resources.files("betareader") / "data" / "sample_story.md").read_text(encoding="utf-8")


def sample_page() -> str:
    """The HTML report of the bundled sample story (as ``betareader demo --format html``)."""
    from ..report import html

    engine = Engine(Config())
    result = engine.check_text(sample_text(), format="md", path="sample_story.md")
    report = FileReport("sample_story.md (bundled demo)", "md", result.doc, result.findings, result.summary)
    return html.render([report])


def asset_text(name: str) -> str:
    return (resources.files("betareader.server") / "assets" / name).read_text(encoding="utf-8")


def review_document(review: dict, text: str):
    """The document model of a review's text.  A review imported from a structured file (AO3,
    EPUB, Word) keeps the kinds its paragraphs had (summary, notes, chapter titles): each block
    of the edited text whose words are unchanged gets its old kind back, new ones are read like
    plain text.  When the text no longer splits cleanly into blocks, it is read as Markdown."""
    structure = review.get("structure")
    if structure:
        from ..model.blocks import SEPARATOR, Block, build_from_blocks

        kinds: dict[str, tuple[str | None, int]] = {}
        for b in structure.get("blocks", ()):
            kinds.setdefault(b[0].strip(), (b[1], b[2]))
        parts = text.split(SEPARATOR)
        if all(p and not p.isspace() for p in parts):  # (a space being typed at a paragraph's end is fine)
            blocks = [Block(p, *kinds.get(p.strip(), (None, 0))) for p in parts]
            doc = build_from_blocks(blocks, format="md", path=review["name"], metadata=structure.get("metadata"))
            if doc.text == text:
                return doc
    return build_document(text, format=review["format"] if review["format"] in ("txt", "md") else "md",
                          path=review["name"])


def structure_of(src) -> dict | None:
    if not src.blocks:
        return None
    meta = {k: v for k, v in (src.metadata or {}).items() if isinstance(v, (str, list, int, float, bool))}
    return {"source_format": src.format, "blocks": [[b.text, b.kind, b.level] for b in src.blocks], "metadata": meta}


def safe_name(name: str, fallback: str = "story") -> str:
    name = _NAME_RE.sub("", name.replace("/", " ").replace("\\", " ")).strip(" .")
    return name[:120] or fallback
