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


@needs_model
def test_helper_process_gives_the_same_findings(monkeypatch):
    """A long text's tags come from a helper process (spaCy loads there while the other rules
    run); the findings are exactly those of tagging in this process."""
    from betareader.config import Config
    from betareader.engine import Engine

    story = (
        "Its a long way to the harbour, and your going to miss the boat if you stop now. "
        "The dog wagged it's tail at there door. She was taller then her brother. "
        "They're house stood on the hill, and the wind made it's shutters bang.\n\n"
    ) * 4

    def run():
        from betareader.rules.grammar import _base

        tagger._State.cache.clear()
        _base._POS_ITEMS.clear()  # as in a fresh process: every window handed over again
        return [(f.code, f.start, f.end, f.message) for f in Engine(Config(select=["GRM"])).check_text(story).findings]

    monkeypatch.setenv("BETAREADER_TAGGER_PROCESS", "0")
    here = run()
    monkeypatch.setenv("BETAREADER_TAGGER_PROCESS", "1")
    monkeypatch.setattr(tagger, "WORKER_MIN_WORDS", 10)
    monkeypatch.setattr(tagger._State, "nlp", None)  # as in a fresh process: not loaded here
    windows_before = tagger._State.worker_windows
    try:
        there = run()
        assert tagger._State.worker_windows > windows_before, tagger.stats()
        # the helper answered everything, then exited (its memory freed before the check ends)
        assert not tagger.worker_running() and tagger._State.worker_released
        assert tagger._State.nlp is None, "nothing was tagged in this process"
    finally:
        tagger.stop_worker()
    assert here and there == here


def test_helper_process_not_wanted_for_short_texts_or_when_turned_off(monkeypatch):
    monkeypatch.delenv("BETAREADER_NO_TAGGER", raising=False)
    assert not tagger.worker_wanted(500)
    monkeypatch.setenv("BETAREADER_TAGGER_PROCESS", "0")
    assert not tagger.worker_wanted(10 * tagger.WORKER_MIN_WORDS)


@needs_model
def test_a_dead_helper_process_falls_back_to_tagging_here(monkeypatch):
    from betareader.config import Config
    from betareader.engine import Engine

    story = "The dog wagged it's tail at there door, and your going to be late.\n\n" * 3
    monkeypatch.setattr(tagger, "WORKER_MIN_WORDS", 10)
    monkeypatch.setattr(tagger._State, "nlp", None)
    monkeypatch.setattr(tagger._State, "worker_failed", None)
    monkeypatch.setattr(tagger.sys, "executable", "/bin/false")  # the helper exits at once
    monkeypatch.delenv("BETAREADER_TAGGER_PROCESS", raising=False)
    tagger._State.cache.clear()
    try:
        found = Engine(Config(select=["GRM"])).check_text(story).findings
    finally:
        tagger.stop_worker()
    assert tagger._State.worker_failed and not tagger.worker_running()
    assert {f.code for f in found} >= {"GRM006", "GRM011"}


def test_launch_hints_the_helper_for_one_shot_commands_only(monkeypatch):
    from betareader import launch

    monkeypatch.setattr(tagger._State, "hint", False)
    launch._one_shot(["serve"])
    launch._one_shot(["lsp"])
    assert not tagger._State.hint
    launch._one_shot(["check", "story.txt"])
    assert tagger._State.hint
    monkeypatch.setattr(tagger._State, "worker", None)
    monkeypatch.delenv("BETAREADER_TAGGER_PROCESS", raising=False)
    monkeypatch.delenv("BETAREADER_NO_TAGGER", raising=False)
    monkeypatch.setattr(tagger.os, "cpu_count", lambda: 2)
    monkeypatch.setattr(tagger._State, "nlp", None)
    monkeypatch.setattr(tagger._State, "worker_failed", None)
    assert tagger.helper_hinted(2_000) and not tagger.helper_hinted(300)
    monkeypatch.setattr(tagger.os, "cpu_count", lambda: 1)
    assert not tagger.helper_hinted(2_000), "one core: never a helper"
