"""A checked document is freed once nothing refers to it: no cache keeps it alive (a weak map
keyed by a document whose value refers back to it would), and the caches keyed by text can be
emptied between works (a batch does, so that its memory stays flat)."""

from __future__ import annotations

import gc
import weakref

from betareader.analysis import tense
from betareader.config import Config
from betareader.craft import characters, phrases, rhythm, words
from betareader.engine import Engine
from betareader.model import memo
from betareader.model.paragraph import analyze_paragraph

TEXT = (
    "Nell walked down to the harbour before breakfast. The boats rocked at their moorings, and the gulls "
    "argued over a crate of fish heads.\n\n\"You're early,\" said Tobias. He waved when he saw her.\n\n"
    "Nell shrugged and looked out at the water. She felt nervous. The fog lifted from the point.\n"
)


def test_a_checked_document_is_freed():
    engine = Engine(Config())
    res = engine.check_text(TEXT)
    doc = res.doc
    # every story-wide analysis was built for it
    words.analyze(doc), characters.analyze(doc), rhythm.measures(doc), phrases.tag_stats(doc), tense.scenes(doc)
    ref = weakref.ref(doc)
    del doc, res
    # (a rule may keep the document it last read until the next check: one, never more)
    engine.check_text(TEXT.replace("Nell", "Maya"))
    gc.collect()
    assert ref() is None, [type(r).__name__ for r in gc.get_referrers(ref())]


def test_text_caches_empty_between_works():
    Engine(Config()).check_text(TEXT)
    assert analyze_paragraph.cache_info().currsize > 0
    memo.clear_text_caches()
    assert analyze_paragraph.cache_info().currsize == 0
    assert all(len(lru._data) == 0 for lru in list(memo._LRUS))
