"""The engine: per-paragraph caching, suppression, severity overrides, fixes."""

from betareader.config import Config
from betareader.engine import Engine
from betareader.fix import apply_edits, apply_fixes, select_edits
from betareader.rules.base import Edit, Finding, Fix

from helpers import record_paragraph_checks

STORY = "\n\n".join(f"Paragraph {i} has a space , here." for i in range(50))


def test_recheck_after_edit_only_reanalyses_changed_paragraph(monkeypatch):
    engine = Engine(Config(select=["TYP001"]))
    rule = engine.rules[0]
    calls = record_paragraph_checks(monkeypatch, rule)
    first = engine.check_text(STORY)
    assert len(first.findings) == 50 and len(calls) == 50
    calls.clear()
    edited = STORY.replace("Paragraph 7 has a space , here.", "Paragraph 7 is now fine , too , see.")
    second = engine.check_text(edited)
    assert calls == ["Paragraph 7 is now fine , too , see."]
    assert len(second.findings) == 51
    # offsets of cached findings are shifted to the new positions
    for f in second.findings:
        assert edited[f.start : f.end] == " " and edited[f.end] == ","


def test_severity_override_and_ignore():
    cfg = Config(select=["TYP"], ignore=["TYP006"], severity={"TYP001": "warning"})
    res = Engine(cfg).check_text("The the cat sat , there.")
    assert [(f.code, f.severity) for f in res.findings] == [("TYP001", "warning")]


def test_suppression_comment_next_paragraph_only():
    text = "<!-- betareader: ignore TYP001 -->\n\nA , b.\n\nC , d."
    res = Engine(Config(select=["TYP001"])).check_text(text, format="md")
    assert [text[f.start - 1 : f.end + 1] for f in res.findings] == ["C ,"]
    text2 = "<!-- betareader: ignore -->\n\nA , b. the the\n\nC , d."
    res2 = Engine(Config(select=["ALL"])).check_text(text2, format="md")
    assert all(f.start > text2.index("C") for f in res2.findings)


def test_document_rule_respects_suppression():
    text = "<!-- betareader: ignore TYP009 -->\n\nWhat?!?!\n\nNo!!"
    res = Engine(Config(select=["TYP009"])).check_text(text, format="md")
    assert [text[f.start : f.end] for f in res.findings] == ["!!"]


def _f(start, end, text, app="safe", code="TYP001"):
    return Finding(code, start, end, "m", (), Fix((Edit(start, end, text),), app))


def test_select_edits_skips_overlaps_and_unsafe():
    fs = [_f(0, 3, "x"), _f(2, 4, "y"), _f(5, 5, "i"), _f(5, 6, "z"), _f(8, 9, "u", app="unsafe")]
    edits = select_edits(fs)
    assert [(e.start, e.end, e.text) for e in edits] == [(0, 3, "x"), (5, 5, "i")]
    assert len(select_edits(fs, unsafe=True)) == 3


def test_apply_edits_keeps_text_outside():
    text = "abcdefghij"
    out = apply_edits(text, [Edit(1, 2, "B"), Edit(4, 4, "+"), Edit(8, 10, "")])
    assert out == "aBcd+efgh"


def test_fixing_the_demo_story_converges():
    from importlib import resources

    text = (resources.files("betareader") / "data" / "sample_story.md").read_text(encoding="utf-8")
    engine = Engine()
    res = engine.check_text(text, format="md")
    fixed, n = apply_fixes(text, res.findings)
    assert n >= 15
    again = engine.check_text(fixed, format="md")
    safe_left = [f for f in again.findings if f.fix and f.fix.applicability == "safe"]
    assert not safe_left, [(f.code, fixed[f.start:f.end]) for f in safe_left]
    assert all(f.fix is None or f.fix.applicability == "unsafe" for f in again.findings)

