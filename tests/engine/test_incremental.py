"""Re-checking after edits gives exactly what a cold check gives.

The engine reuses a paragraph's findings while every question its rules asked about the story's
words (is this a name? is this word written in lowercase somewhere?) still gets the same answer,
and the craft providers reuse per-paragraph work the same way.  These tests edit stories step by
step on one long-lived Engine and compare every result with a fresh Engine that reuses nothing
(``memo.bypass()`` turns the process-wide per-paragraph caches off for it)."""

from __future__ import annotations

import random
import re
from importlib import resources

import pytest

from betareader.config import Config
from betareader.engine import Engine
from betareader.model import build_document, memo

from helpers import record_paragraph_checks

STORY = """\
# Chapter One

Maya walked down to the harbour with Tamsin before the light had gone.

"If you go," she said, "Take the lantern with you."

"H-harry?" Tamsin called into the dark. Nobody answered.

Alot of rain fell that night, and the boats knocked against the quay.

Brang it here, the old man had told them, and they had done it.

He pointed at an HOUSE on the hill where the lamps were already lit.

"Well," said Maya, "Odhran will know what to do."

They found Odhran at the door. He looked at them and said nothing for a long while.

* * *

The next morning the sea was flat and grey. Maya counted the boats twice.

"We should wait," Tamsin said. "We should wait for Harry."
"""

SAMPLE = (resources.files("betareader") / "data" / "sample_story.md").read_text(encoding="utf-8")


def _findings(result) -> list[tuple]:
    return [(f.code, f.start, f.end, f.message, f.suggestions, f.fix, f.severity) for f in result.findings]


def _cold(text: str, config: Config | None = None, format: str = "txt"):
    with memo.bypass():
        return Engine(config or Config()).check(build_document(text, format=format))


def _assert_same(engine: Engine, text: str, format: str = "txt"):
    got = engine.check(build_document(text, format=format))
    want = _cold(text, engine.config, format)
    assert _findings(got) == _findings(want)
    assert got.summary == want.summary
    return got


def _spans(result, code: str) -> list[str]:
    return [result.doc.text[f.start : f.end] for f in result.findings if f.code == code]


# --------------------------------------------------------------------------- one fact at a time

# (the words that replace "the sea was flat and grey." in the next-to-last paragraph, the
# rule, the text of its finding in ANOTHER paragraph, and whether the edit makes it appear (True)
# or go (False))
DEPENDENCIES = [
    # DLG005 asks whether the story writes "take" in lowercase
    ("nobody would take it.", "DLG005", "Take", True),
    # DLG005 asks whether "Odhran" is a name: a lowercase "odhran" elsewhere makes it a word
    ("nobody saw odhran there.", "DLG005", "Odhran", True),
    # DLG008 asks whether "Harry" is a name: a lowercase "harry" elsewhere makes it a word
    ("nobody saw harry there.", "DLG008", "H-harry", False),
    # GRM002 asks whether "Alot" is a name (used mid-sentence)
    ("nobody spoke to Alot again.", "GRM002", "Alot", False),
    # GRM005 (nonstandard past) asks whether "Brang" is a name
    ("nobody spoke to Brang again.", "GRM005", "Brang", False),
    # GRM003 asks whether the story writes the shouted "HOUSE" in lowercase
    ("nobody was in the house.", "GRM003", "an", True),
]
EDITED = "the sea was flat and grey."


@pytest.mark.parametrize("replacement, code, span, appears", DEPENDENCIES)
def test_an_edit_changes_a_finding_in_another_paragraph(replacement, code, span, appears):
    engine = Engine(Config())
    before = _assert_same(engine, STORY)
    assert (span in _spans(before, code)) is not appears
    edited = STORY.replace(EDITED, replacement)
    assert edited != STORY
    after = _assert_same(engine, edited)
    assert (span in _spans(after, code)) is appears
    # the finding is in another paragraph than the edit
    has = after if appears else before
    para = next(p for p in has.doc.paragraphs if (replacement if appears else EDITED) in p.text)
    starts = [f.start for f in has.findings if f.code == code and has.doc.text[f.start : f.end] == span]
    assert starts and not any(para.start <= s <= para.end for s in starts)
    # and back: the cached entries of the first check are valid again
    again = _assert_same(engine, STORY)
    assert _findings(again) == _findings(before)


def test_a_new_name_changes_the_character_analysis():
    engine = Engine(Config())
    _assert_same(engine, STORY)
    edited = STORY.replace("the old man had told them", "old Kestrel had told them, and Kestrel laughed")
    after = _assert_same(engine, edited)
    assert "Kestrel" in after.doc.names
    # and a lowercase "kestrel" in another paragraph makes it a bird again
    edited2 = edited.replace("Nobody answered.", "A kestrel answered.")
    after2 = _assert_same(engine, edited2)
    assert "Kestrel" not in after2.doc.names


def test_cached_paragraph_reused_when_answers_hold(monkeypatch):
    """An edit that adds an unrelated word re-runs only the edited paragraph."""
    engine = Engine(Config(select=["DLG005"]))
    rule = engine.rules[0]
    calls = record_paragraph_checks(monkeypatch, rule)
    engine.check_text(STORY)
    calls.clear()
    engine.check_text(STORY.replace("Nobody answered.", "Nobody answered the zephyr."))
    assert calls == ['"H-harry?" Tamsin called into the dark. Nobody answered the zephyr.']
    calls.clear()
    # "take" in lowercase changes the answer the split-quote paragraph got: it alone re-runs
    engine.check_text(STORY.replace("Nobody answered.", "Nobody would take it."))
    assert sorted(calls) == sorted(['"H-harry?" Tamsin called into the dark. Nobody would take it.',
                                    '"If you go," she said, "Take the lantern with you."'])


# --------------------------------------------------------------------------- random edit sequences

NAMES = ["Harry", "Maya", "Odhran", "Tamsin", "Alot", "Brang", "Take", "Kestrel", "House", "Zephyr", "Well"]
WORDS = ["harry", "odhran", "take", "house", "alot", "brang", "kestrel", "maya", "well", "zephyr", "lantern"]


def _edit(rng: random.Random, text: str) -> str:
    paras = text.rstrip("\n").split("\n\n")
    k = rng.randrange(len(paras))
    p = paras[k]
    ws = p.split(" ")
    op = rng.choice(("name", "lower", "rename", "split", "join", "delete", "punct", "duplicate", "drop", "break"))
    if op == "name" and len(ws) > 2:
        # a capitalised word mid-sentence (after a lowercase word): the story's name
        spots = [i for i in range(1, len(ws)) if ws[i - 1][-1:].islower()] or [1]
        ws.insert(rng.choice(spots), rng.choice(NAMES))
    elif op == "lower" and len(ws) > 2:
        ws.insert(rng.randrange(1, len(ws)), rng.choice(WORDS))
    elif op == "rename":
        old = rng.choice(NAMES + WORDS)
        new = rng.choice(NAMES + WORDS)
        new = new if old[0].isupper() == new[0].isupper() else new.swapcase()[0] + new[1:]
        ws = re.sub(rf"\b{old}\b", new, p).split(" ")
    elif op == "split":
        cuts = [m.end() for m in re.finditer(r"[.!?][\"”]? (?=\S)", p)]
        if cuts:
            c = rng.choice(cuts)
            ws = (p[: c - 1] + "\n\n" + p[c:]).split(" ")
    elif op == "join" and k + 1 < len(paras):
        ws = (p + " " + paras.pop(k + 1)).split(" ")
    elif op == "delete" and len(ws) > 3:
        del ws[rng.randrange(len(ws))]
    elif op == "punct":
        marks = [i for i, w in enumerate(ws) if w[-1:] in ",.;!?"]
        if marks:
            i = rng.choice(marks)
            ws[i] = ws[i][:-1] + rng.choice([",", ".", ";", "!", "?", ""])
    elif op == "duplicate":
        paras.insert(k, p)
    elif op == "drop" and len(paras) > 3:
        paras.pop(k)
        return "\n\n".join(paras) + "\n"
    elif op == "break":
        paras.insert(k, rng.choice(["* * *", "## Two", "<!-- betareader: ignore DLG -->", "A/N: thanks for reading!"]))
    paras[k] = " ".join(ws)
    return "\n\n".join(p for p in paras if p.strip()) + "\n"


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_match_a_cold_check(seed):
    rng = random.Random(seed)
    engine = Engine(Config())
    text = STORY
    _assert_same(engine, text)
    for _ in range(40):
        text = _edit(rng, text)
        _assert_same(engine, text)


def test_random_edits_every_rule_markdown():
    rng = random.Random(99)
    engine = Engine(Config(select=["ALL"]))
    text = SAMPLE
    _assert_same(engine, text, "md")
    for _ in range(25):
        text = _edit(rng, text)
        _assert_same(engine, text, "md")


def test_personal_words_count_as_names():
    cfg = Config(words={"Alot"})
    engine = Engine(cfg)
    got = _assert_same(engine, STORY)
    assert "Alot" not in _spans(got, "GRM002")
    _assert_same(engine, STORY.replace("Nobody answered.", "Nobody saw alot there."))


def test_words_taught_between_checks():
    engine = Engine(Config())
    assert "Alot" in _spans(_assert_same(engine, STORY), "GRM002")
    engine.config.words.add("Alot")
    assert "Alot" not in _spans(_assert_same(engine, STORY), "GRM002")


#: the story's set of lowercase words (not a paragraph's own ``analysis.lowercase_words``)
_STORY_LOWERCASE = re.compile(r"(?<!analysis)\.lowercase_words")


def test_paragraph_rules_ask_the_context_not_the_story_sets():
    """A paragraph rule that read ``doc.names`` or ``doc.lowercase_words`` itself would escape
    the engine's record of what its cached findings depend on.  (A paragraph's own
    ``analysis.lowercase_words`` is a function of its text alone, and may be read.)"""
    import inspect

    from betareader.rules import REGISTRY

    for cls in REGISTRY:
        if cls.scope != "paragraph":
            continue
        body = inspect.getsource(cls)
        assert ".names" not in body and not _STORY_LOWERCASE.search(body), cls.code
        # nor through a module-level helper the rule calls
        for name in re.findall(r"\b(_\w+)\(", body):
            helper = getattr(inspect.getmodule(cls), name, None)
            if inspect.isfunction(helper):
                hsrc = inspect.getsource(helper)
                assert "doc.names" not in hsrc and not _STORY_LOWERCASE.search(hsrc), (cls.code, name)
