"""The beta letter: produced for every text, and every line's claim matches the counts it cites."""

import pathlib

import pytest

from betareader.craft.letter import MAX_PRIORITIES, MAX_STRENGTHS
from betareader.craft.wording import quote
from betareader.rules import REGISTRY

from betareader.config import Config
from betareader.engine import Engine

ROOT = pathlib.Path(__file__).resolve().parents[2]
SAMPLE = (ROOT / "src" / "betareader" / "data" / "sample_story.md").read_text(encoding="utf-8")
CLEAN = (
    "The rain had stopped by the time Maya reached the harbour. She stood under the awning of the "
    "closed fish shop and watched the boats knock against each other.\n\n"
    "“You came,” said Odhran. He had a paper bag of chips and offered her one.\n\n"
    "“I said I would.” She took two. “Where is the boat?”\n\n"
    "He pointed past the last mooring to a small blue hull with a patched sail. It did not look like "
    "much, but the engine started on the first pull, and they were out past the wall before the "
    "streetlights came on.\n\n"
) * 6


def _letter(text, fmt="txt"):
    res = Engine(Config()).check_text(text, format=fmt)  # the default rule set
    return res, res.summary


def _kind(code):
    rule = REGISTRY.get(code)
    return rule.kind if rule else None


@pytest.mark.parametrize("text,fmt", [(SAMPLE, "md"), (CLEAN, "txt"), ("Hi.", "txt")], ids=["sample", "clean", "tiny"])
def test_letter_is_produced_for_every_text(text, fmt):
    res, s = _letter(text, fmt)
    assert set(s) >= {"strengths", "priorities", "stats"}
    assert len(s["strengths"]) <= MAX_STRENGTHS
    assert len(s["priorities"]) <= MAX_PRIORITIES
    assert s["stats"]["text"]["words"] == res.doc.words
    for line in s["strengths"] + s["priorities"]:
        assert line["text"].strip() and "{" not in line["text"], line


@pytest.mark.parametrize("text,fmt", [(SAMPLE, "md"), (CLEAN, "txt")], ids=["sample", "clean"])
def test_a_story_gets_two_to_four_strengths(text, fmt):
    _res, s = _letter(text, fmt)
    assert 2 <= len(s["strengths"]) <= MAX_STRENGTHS, s["strengths"]


def test_priorities_cite_true_counts_and_real_examples():
    res, s = _letter(SAMPLE, "md")
    doc = res.doc
    errors = [f for f in res.findings if _kind(f.code) == "error"]
    assert s["priorities"], "the sample story has planted mistakes"
    first = s["priorities"][0]
    assert first["code"] == "errors" and first["count"] == len(errors) == first["claim"]["errors"]
    by_family = {}
    for f in errors:
        by_family[f.code[:3]] = by_family.get(f.code[:3], 0) + 1
    assert first["claim"]["by_family"] == by_family
    for p in s["priorities"]:
        assert isinstance(p["count"], int) and p["count"] > 0
        ex = p["example"]
        assert ex["text"] == quote(doc, ex["start"], ex["end"])
        assert doc.text[ex["start"] : ex["end"]].split()[0] in ex["text"]
        if p["code"] and p["code"].startswith("CRF"):
            mine = [f for f in res.findings if f.code == p["code"]]
            assert mine, f"{p['code']} priority without findings"
            # the example quotes one of the rule's places (it may take in a word around it)
            assert any(ex["start"] - 40 <= f.start and f.end <= ex["end"] + 40 for f in mine)


def test_clean_text_claim_matches_error_count():
    res, s = _letter(CLEAN)
    errors = sum(1 for f in res.findings if _kind(f.code) == "error")
    clean = [x for x in s["strengths"] if x["text"].startswith("Your text is clean")]
    assert clean and clean[0]["claim"]["errors"] == errors == s["stats"]["text"]["errors"]
    assert clean[0]["claim"]["words"] == res.doc.words


def test_notes_and_summaries_get_no_craft_notes():
    note = "A/N: " + "Suddenly, suddenly, she let out a breath she didn't know she was holding. " * 20
    res, s = _letter(note + "\n\nThe end came quickly. Maya left the harbour and walked home alone.")
    assert not [f for f in res.findings if f.code.startswith("CRF") and f.start < len(note)]


def _letter_with(errors: int, craft_codes=("CRF003", "CRF004", "CRF030")):
    """The letter of CLEAN with ``errors`` planted error findings and one note of each craft code."""
    from betareader.craft.letter import beta_letter
    from betareader.rules.base import Finding

    res = Engine(Config()).check_text(CLEAN, format="txt")
    doc = res.doc
    spots = [m.start() for m in __import__("re").finditer(r"\bthe\b", doc.text)]
    found = [Finding("SPL001", s, s + 3, "planted") for s in spots[:errors]]
    found += [Finding(code, s, s + 3, "planted") for code, s in zip(craft_codes, spots[-len(craft_codes):])]
    return beta_letter(doc, sorted(found, key=lambda f: f.start), {r.code: r for r in REGISTRY}), doc


def test_few_errors_leave_the_priorities_to_the_craft():
    from betareader.craft.letter import MANY_ERRORS_PER_10K

    letter, doc = _letter_with(1)
    assert 1 / doc.words * 10_000 < MANY_ERRORS_PER_10K
    codes = [p["code"] for p in letter["priorities"]]
    assert sorted(codes) == ["CRF003", "CRF004", "CRF030"], codes  # three craft lines take the three slots
    # with fewer craft lines, the errors line takes the slot left free, last
    letter, _ = _letter_with(1, craft_codes=("CRF003",))
    assert [p["code"] for p in letter["priorities"]] == ["CRF003", "errors"]
    assert "only one" in letter["priorities"][-1]["text"]


def test_many_errors_come_first():
    from betareader.craft.letter import MANY_ERRORS_PER_10K

    letter, doc = _letter_with(8)
    assert 8 / doc.words * 10_000 >= MANY_ERRORS_PER_10K
    first = letter["priorities"][0]
    assert first["code"] == "errors" and first["count"] == 8 and first["text"].startswith("Fix the 8 errors marked below first")
