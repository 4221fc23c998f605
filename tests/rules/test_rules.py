"""Per-rule fixtures: text that must fire (with the exact excerpts and the fixed text) and
text that must not."""

import pytest

from betareader.fix import apply_fixes
from betareader.rules import REGISTRY

from helpers import FIXTURES, check, load_fixture

CODES = [r.code for r in REGISTRY]


def _cases(kind):
    out = []
    for code in CODES:
        path = FIXTURES / f"{code}.toml"
        if not path.exists():
            continue
        for i, case in enumerate(load_fixture(code).get(kind, [])):
            out.append(pytest.param(code, case, id=f"{code}-{kind}-{i}"))
    return out


@pytest.mark.parametrize("code,case", _cases("fire"))
def test_fires(code, case):
    text = case["text"]
    res = check(text, select=[code], fmt=case.get("format", "txt"))
    mine = [f for f in res.findings if f.code == code]
    assert mine, f"{code} did not fire on {text!r}"
    if "excerpts" in case:
        assert [text[f.start : f.end] for f in mine] == case["excerpts"]
    if "fixed" in case:
        fixed, n = apply_fixes(text, mine, unsafe=True)
        assert n > 0
        assert fixed == case["fixed"]
        # fixes converge: the fixed text has nothing left for this rule to fix
        again = [f for f in check(fixed, select=[code]).findings if f.code == code and f.fix]
        assert not again, f"{code} still fires after its fix: {[fixed[f.start:f.end] for f in again]}"


@pytest.mark.parametrize("code,case", _cases("clean"))
def test_clean(code, case):
    text = case["text"]
    res = check(text, select=[code], fmt=case.get("format", "txt"))
    mine = [(text[f.start : f.end], f.message) for f in res.findings if f.code == code]
    assert not mine, f"{code} fired on clean text {text!r}: {mine}"


def test_dash_style_follows_story_spaced_em():
    text = "She turned — slowly — and smiled.\n\nIt was late — too late.\n\nThe door opened - and closed."
    res = check(text, select=["TYP003"])
    fixed, _ = apply_fixes(text, res.findings)
    assert fixed.endswith("The door opened — and closed.")


def test_sentence_lowercase_fix_is_unsafe():
    res = check("He left. then she came.", select=["TYP008"])
    assert res.findings and res.findings[0].fix.applicability == "unsafe"
    assert apply_fixes("He left. then she came.", res.findings)[0] == "He left. then she came."


def test_four_dots_fix_is_unsafe_five_safe():
    res = check("Wait.... Then.\n\nNo..... never.", select=["TYP004"])
    assert [f.fix.applicability for f in res.findings] == ["unsafe", "safe"]


def test_stacked_punctuation_counts_in_message():
    res = check("What?! No!! Why?? Never!!!", select=["TYP009"])
    assert len(res.findings) == 3
    assert all("3 in this story" in f.message for f in res.findings)


def test_mixed_quotes_reports_counts():
    text = "“A,” she said.\n\n“B,” he said.\n\n“C,” she said.\n\n\"D,\" he said."
    (f,) = check(text, select=["TYP011"]).findings
    assert "straight (2)" in f.message and "curly (6)" in f.message
