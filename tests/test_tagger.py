"""The lazy spaCy tagger: windows, substitutions, caching, and that rules stay pure."""

import sys

import pytest

from betareader.analysis import tagger
from betareader.model import build_document

from helpers import check

needs_model = pytest.mark.skipif(not tagger.available(), reason="spaCy or its model is not installed")


def test_window_stays_in_sentence_and_counts_words():
    text = "One two three. " + " ".join(f"w{i}" for i in range(30)) + ". Last one."
    s = text.index("w0")
    e = text.index(". Last") + 1
    pos = text.index("w15")
    a, b = tagger.window(text, (s, e), pos, words=3)
    assert text[a:b] == "w12 w13 w14 w15 w16 w17 w18"
    a, b = tagger.window(text, (s, e), text.index("w1 "), words=3)
    assert text[a:b].startswith("w0 ")  # not past the sentence start


@needs_model
def test_tags_and_the_cli_placeholder_is_gone():
    toks = tagger.tokens_at("The dog wagged its tail.", ((0, 24),), [8])[8]
    assert [(t.text, t.tag) for t in toks][:5] == [
        ("The", "DT"), ("dog", "NN"), ("wagged", "VBD"), ("its", "PRP$"), ("tail", "NN")]
    # the placeholder for spacy.cli is removed once spaCy is imported
    assert "spacy.cli" not in sys.modules or hasattr(sys.modules["spacy.cli"], "__file__")


@needs_model
def test_substitution_keeps_offsets():
    text = "The dog wagged it's tail."
    p = text.index("it's")
    toks = tagger.tokens_at(text, ((0, len(text)),), [(p, p + 4, "its ")])[(p, p + 4, "its ")]
    its = next(t for t in toks if t.text == "its")
    assert (its.start, its.tag) == (p, "PRP$")
    tail = next(t for t in toks if t.text == "tail")
    assert text[tail.start : tail.end] == "tail"


@needs_model
def test_window_tags_do_not_depend_on_the_rest_of_the_paragraph():
    core = "Cardiff Hill showed it's soft green sides."
    a = check(core, select=["GRM006"]).findings
    b = check("Long before that, the village had slept. " + core + " Then it rained for days.",
              select=["GRM006"]).findings
    assert len(a) == len(b) == 1


@needs_model
def test_cache_and_prefetch():
    tagger.reset_stats()
    text = "Somebody said your wrong, and nobody laughed at all that day."
    doc = build_document(text)
    p = doc.paragraphs[0]
    tagger.prefetch([(p.text, p.analysis.sentences, text.index("your"))])
    n = tagger.stats()["windows_tagged"]
    tagger.tokens_at(p.text, p.analysis.sentences, [text.index("your")])
    assert tagger.stats()["windows_tagged"] == n  # served from the cache


def test_no_tagger_means_quiet(monkeypatch):
    monkeypatch.setattr(tagger._State, "nlp", None)
    monkeypatch.setattr(tagger._State, "failed", "not installed")
    monkeypatch.setattr(tagger._State, "cache", type(tagger._State.cache)())
    res = check("Cardiff Hill showed it's soft green sides.", select=["GRM006"])
    assert not res.findings
    assert tagger.tag_texts(["a b c"]) == [()]


@needs_model
def test_substitution_of_another_length_maps_offsets_back():
    # "its" tagged as "it's": the two tokens of the replacement stay inside the written word,
    # and the tokens after it keep their paragraph offsets
    text = "But its black."
    p = text.index("its")
    item = (p, p + 3, "it's")
    toks = tagger.tokens_at(text, ((0, len(text)),), [item])[item]
    assert [t.text for t in toks][:4] == ["But", "it", "'s", "black"]
    it, s, black = toks[1], toks[2], toks[3]
    assert it.start == p and s.end == p + 3 and p <= s.start <= p + 3
    assert text[black.start : black.end] == "black" and toks[-1].start == text.index(".")
