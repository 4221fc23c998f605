"""A one-shot check of a long text forks its untagged paragraph rules into a second process
(engine._Split): the findings must be exactly those of one process."""

import gzip
from pathlib import Path

import pytest

from betareader import engine as engine_mod
from betareader.engine import Engine
from betareader.model import build_document

FICTION = Path(__file__).resolve().parent.parent / "fixtures" / "fiction"

pytestmark = pytest.mark.skipif(not hasattr(engine_mod.os, "fork"), reason="needs fork")


def _text(words: int) -> str:
    text = gzip.decompress((FICTION / "mark-twain_the-adventures-of-tom-sawyer.txt.gz").read_bytes()).decode("utf-8")
    paras = text.split("\n\n")  # an excerpt of 9,000 words
    out, n = [], 0
    for p in paras[10:]:
        out.append(p)
        n += len(p.split())
        if n >= words:
            break
    # a few slips for the rules that read tags and the speller
    return "\n\n".join(out) + "\n\nThe dog wagged it's tail at there door, and Tom recieved alot of praise."


def _findings(res):
    return list(res.findings)  # every field: code, span, message, suggestions, fix, severity


@pytest.fixture
def split_on(monkeypatch):
    monkeypatch.setattr(engine_mod, "SPLIT_MIN_WORDS", 1_000)
    monkeypatch.setattr(engine_mod.os, "cpu_count", lambda: 2)
    monkeypatch.delenv("BETAREADER_PARALLEL", raising=False)
    monkeypatch.setenv("BETAREADER_TAGGER_PROCESS", "0")


def test_split_gives_the_same_findings_and_summary(split_on):
    if not engine_mod.sys.platform.startswith("linux"):
        pytest.skip("the split runs on Linux only")
    doc = build_document(_text(6_000))
    one = Engine().check(doc)
    forked = []
    real = engine_mod._Split.start

    def start(work):
        s = real(work)
        forked.append(s)
        return s

    engine = Engine()
    engine.parallel = True
    engine_mod._Split.start = staticmethod(start)
    try:
        two = engine.check(build_document(doc.text))
    finally:
        engine_mod._Split.start = real
    assert forked and forked[0] is not None, "the check forked"
    assert _findings(two) == _findings(one) and len(one.findings) > 20
    assert {"GRM006", "GRM011", "SPL001"} <= {f.code for f in two.findings}
    assert two.summary == one.summary


def test_a_failed_child_leaves_the_work_to_this_process(split_on, monkeypatch):
    if not engine_mod.sys.platform.startswith("linux"):
        pytest.skip("the split runs on Linux only")
    doc = build_document(_text(3_000))
    one = Engine().check(doc)

    def broken(*a, **k):
        raise RuntimeError("cannot pickle")

    monkeypatch.setattr(engine_mod.pickle, "dumps", broken)  # the child inherits it and fails
    engine = Engine()
    engine.parallel = True
    two = engine.check(build_document(doc.text))
    assert _findings(two) == _findings(one)


def test_no_split_for_a_server_short_texts_or_one_core(monkeypatch):
    monkeypatch.setattr(engine_mod.os, "cpu_count", lambda: 2)
    assert not Engine().parallel, "an engine forks only when a one-shot command says so"
    assert not engine_mod._split_wanted(build_document("A short story. " * 100))
    monkeypatch.setattr(engine_mod.os, "cpu_count", lambda: 1)
    assert not engine_mod._split_wanted(build_document("word " * 30_000))
    monkeypatch.setattr(engine_mod.os, "cpu_count", lambda: 2)
    monkeypatch.setenv("BETAREADER_PARALLEL", "0")
    assert not engine_mod._split_wanted(build_document("word " * 30_000))
