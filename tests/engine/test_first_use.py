"""What a fan writer meets on first use (issue 16): three chapters of the kinds fan writers post,
written for these tests (tests/fixtures/first_use/), give no error-kind finding; and each false
alarm they used to raise has its own test."""

import pathlib

import pytest
from helpers import check

from betareader.config import Config
from betareader.engine import Engine
from betareader.model.document import build_document

FIRST_USE = pathlib.Path(__file__).parent.parent / "fixtures" / "first_use"
CHAPTERS = sorted(FIRST_USE.iterdir())


def _errors(text: str, fmt: str = "txt", **cfg) -> list[tuple[str, str]]:
    engine = Engine(Config(**cfg))
    res = engine.check_text(text, format=fmt)
    kinds = {r.code: r.kind for r in engine.rules}
    return [(f.code, text[f.start : f.end]) for f in res.findings if kinds[f.code] == "error"]


@pytest.mark.parametrize("path", CHAPTERS, ids=[p.name for p in CHAPTERS])
def test_first_use_chapters_have_no_error_finding(path):
    fmt = "md" if path.suffix == ".md" else "txt"
    assert _errors(path.read_text(encoding="utf-8"), fmt) == []


@pytest.mark.parametrize("word", ["omg", "lol", "fic", "angsty", "tbh", "idk", "ngl", "lmao", "fanbase",
                                  "oneshot", "otp", "headcanon", "longfic", "thx", "pls", "tock"])
def test_fandom_and_internet_words_are_words(word):
    assert _errors(f"The fic was long, and {word} was the word she used for it.") == []


def test_sentence_may_start_with_lowercase_shorthand():
    assert _errors("I finished the chapter late. ngl this took forever to write.") == []


@pytest.mark.parametrize("text", [
    "'Ere, you can't sit there,' said the guard.",
    "He looked up. 'Tis reserved for the colonel,' he said.",
    "'Course she's right,' she muttered.",
    "'We danced to rock 'n' roll all night,' she said.",
    "'Ere, you can't sit there,' said the guard. 'Tis reserved for the colonel.'",
    "Maisie looked up from her book. 'Course she's right,' she muttered to her mum. 'Always is.'",
    "'Come on,' she said. 'They're playing rock 'n' roll in the hall, and I want to dance.'",
])
def test_elided_word_opening_a_single_quote_speech(text):
    assert [c for c, _ in _errors(text)] == []


@pytest.mark.parametrize("mark", ["-x-x-x-x-", "xXx", "~*~", "oOo", "-o-", "+++", "===", "*", "* * *"])
def test_fan_fiction_scene_breaks(mark):
    text = f"She closed the door behind her.\n\n{mark}\n\nMorning came grey and cold."
    doc = build_document(text)
    assert [p.kind for p in doc.paragraphs] == ["text", "scene_break", "text"]
    assert _errors(text) == []


@pytest.mark.parametrize("word", ["Ooo", "Box", "Xxx", "Oooo!"])
def test_words_are_not_scene_breaks(word):
    doc = build_document(f"She closed the door.\n\n{word}\n\nMorning came.")
    assert doc.paragraphs[1].kind != "scene_break"


def test_dialect_is_inferred_from_spelling():
    text = ("Mum said the colonel was 'not alone', and that he was 'at home', wherever he went. "
            "I realise now what she meant by the colour of his voice.")
    assert build_document(text).style.dialect == "en-GB"
    assert _errors(text) == []  # logical punctuation is right in British English
    assert [c for c, _ in _errors(text, dialect="en-US")] == ["DLG007", "DLG007"]
    us = 'Mom said the color was "gray", and I realized she meant it.'
    assert build_document(us).style.dialect == "en-US"
    assert [c for c, _ in _errors(us)] == ["DLG007"]


@pytest.mark.parametrize("text", ["Will will notice, of course.", "May may come too.",
                                  "She had had enough.", "She knew that that was the trouble."])
def test_a_name_and_its_word_is_no_doubled_word(text):
    assert _errors(text) == []


def test_doubled_word_still_found():
    assert [c for c, _ in _errors("She put the the cup down.")] == ["TYP006"]


@pytest.mark.parametrize("text", ["She turned to page i of the logbook.", "Read Step i of the drill first.",
                                  "Wear a coat, esp. if the weather is bad."])
def test_roman_numeral_and_abbreviation(text):
    assert _errors(text) == []


def test_authors_notes_get_no_craft_notes():
    text = ("**A/N:** Hi everyone!! Thank you sooo much!!\n\n"
            "The lamp room smelled of oil!! She trimmed the wick!!\n\n"
            "Outside, the sea threw itself at the rocks!! The gulls cried.\n\n"
            "Morning came grey and cold, and Ash was still not back.\n\n"
            "**End notes:** thx for reading!!")
    res = check(text, fmt="md")
    notes = [p for p in build_document(text, "md").paragraphs if p.kind == "note"]
    assert len(notes) == 2
    in_notes = [f for f in res.findings if any(p.start <= f.start < p.end for p in notes)]
    assert in_notes == []
    assert any(f.code == "TYP009" for f in res.findings)  # the story itself still gets them


@pytest.mark.parametrize("lead", ["**Summary:**", "Summary:", "**End Notes:**", "Chapter notes:", "Disclaimer:"])
def test_note_labels(lead):
    doc = build_document(f"{lead} some words here.\n\nThe story starts.", "md")
    assert doc.paragraphs[0].kind == "note"


def test_genre_vocabulary_is_never_an_error():
    text = ("Her lekku twitched, and her montrals caught the hum of the engines.\n\n"
            "\"Kark it,\" Rex muttered.\n\n\"Baka,\" Kenji said under his breath.")
    assert _errors(text) == []


def test_a_viewpoint_character_named_only_at_sentence_starts_and_in_tags_is_listed():
    text = (
        "Rowan climbed the stairs to the lamp room as the light was failing. She had done it every "
        "evening for six years.\n\n"
        "\"You're late,\" Rowan said when the door banged below.\n\n"
        "Ash came up the stairs two at a time, dripping. \"The boat,\" said Ash. \"The engine died.\"\n\n"
        "\"Tea?\" Rowan asked.\n\n"
        "\"Please.\" Ash sat on the bottom step, and Ash looked at the floor. Ash was cold.\n\n"
        "Rowan looked out at the dark water and did not answer."
    )
    res = check(text)
    names = [c["name"] for c in res.summary["stats"]["characters"]["characters"]]
    assert "Rowan" in names and "Ash" in names


def test_an_authors_note_is_chat():
    text = ("**A/N:** Shoutout to my beta!! tbh i did not expect this fic to get so long. ngl it was fun, "
            "and thnak you all.\n\n"
            "The lamp was lit, and the sea was loud against the rocks below the tower.\n\n"
            "Rowan trimmed the wick and waited for the boat to come in.\n\n"
            "Morning came grey and cold, and the boat had still not come back.")
    errors = _errors(text, "md")
    assert errors == [("SPL001", "thnak")]  # only a plain typo: never the chat itself


def test_a_name_called_out_as_a_whole_line_is_a_name():
    text = ('"Cas?" she called softly into the dark.\n\nNobody answered.\n\n'
            '"Cas!" she tried again, louder this time.')
    assert _errors(text) == []


def test_a_coinage_written_the_same_way_twice_is_asked_about_not_called_wrong():
    text = "The lanternel hissed at the door. Later the lanternel slept by the fire, its tail curled."
    res = check(text)
    assert [(f.code, text[f.start:f.end]) for f in res.findings if f.code.startswith("SPL")] == [
        ("SPL005", "lanternel")]
    once = "The lanternel hissed at the door, and then the garden was quiet under the snow."
    assert _errors(once) == [("SPL001", "lanternel")]  # once, two edits from "lantern": a slip
    assert _errors("The beautyfull garden was quiet under the snow.") == [("SPL001", "beautyfull")]
    assert _errors("The wyrmling slept by the fire.") == []  # the fantasy word itself is known
