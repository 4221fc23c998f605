"""A word that two rules could report is reported once, with the right form."""

from __future__ import annotations

from betareader.config import Config
from betareader.engine import Engine


def _findings(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    result = Engine(Config()).check_text(text)
    return [(f.code, text[f.start : f.end], tuple(f.suggestions)) for f in result.findings
            if f.code.startswith(("SPL", "GRM"))]


def test_a_regularised_past_in_narration_is_grm005s_alone():
    found = _findings("She shaked the rug and throwed it out.")
    assert ("GRM005", "shaked", ("shook",)) in [(c, w, s[:1]) for c, w, s in found]
    assert not [f for f in found if f[0] == "SPL001"]


def test_in_speech_the_speller_offers_the_standard_form_not_a_look_alike():
    found = _findings('"I shaked it," he said. He layed it down.')
    spl = {w: s for c, w, s in found if c == "SPL001"}
    assert spl["shaked"][0] == "shook"  # not "shared"
    assert spl["layed"][:2] == ("laid", "lay")  # not "layer"
