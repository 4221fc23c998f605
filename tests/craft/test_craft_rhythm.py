"""Rhythm, pacing and readability: measurements, stats providers and their letter lines."""

import re

import pytest

from betareader.craft import PRIORITY, STRENGTH
from betareader.craft.providers import PROVIDERS
from betareader.craft import rhythm
from betareader.model import build_document
from betareader.model.paragraph import WORD_RE as DOC_WORD_RE
from betareader.craft import rhythm_notes

from helpers import check

SHORT = "The rain stopped at noon. Maya went out to the yard. The dog followed her. She looked at the sky."
LONG = (
    "Then she walked down the lane past the bakery and the old church and the school where she had spent six long "
    "years and the park where her brother had broken his arm and the bridge over the river that flooded every spring "
    "until she reached the station and sat down on the cold bench to wait for the train."
)


def _varied_story(n_scenes=3):
    """Narration with a wide spread of sentence lengths, some dialogue, scene breaks."""
    lengths = [3, 14, 7, 22, 5, 11, 30, 9, 4, 17, 12, 6, 25, 8, 15, 2, 19, 10, 13, 6]
    words = "the old house stood at the end of a long lane where nobody walked after dark and".split()
    scenes = []
    for k in range(n_scenes):
        sents = []
        for i, n in enumerate(lengths):
            w = [words[(i + j + k) % len(words)] for j in range(n)]
            sents.append(" ".join(w).capitalize() + ".")
        paras = [" ".join(sents[i : i + 4]) for i in range(0, len(sents), 4)]
        paras.insert(2, "“Are you coming with us tonight?” Maya asked.")
        scenes.append("\n\n".join(paras))
    return "\n\n* * *\n\n".join(scenes)


# --------------------------------------------------------------------------- measurements
def test_word_counts_equal_the_document_word_count():
    # (numbers with an inner point or colon, 3.5 or 10:30, count as two words here, one there)
    text = (
        "“Don't go,” she said—quietly. Rock'n'roll, well-known, the '90s... W-what? Three miles! _Never_ again.\n\n"
        "He laughed; she didn’t. Café crème at 10 a.m. sharp — or else."
    )
    doc = build_document(text)
    m = rhythm.measures(doc)
    assert m.words == doc.words
    for p, pm in m.paragraphs:
        a = p.analysis
        expected = [len(DOC_WORD_RE.findall(a.text[s:e])) for s, e in a.sentences]
        assert [x[2] for x in pm.sentences] == [n for n in expected if n]


@pytest.mark.parametrize(
    "word,n",
    [("the", 1), ("every", 3), ("beautiful", 3), ("naturally", 4), ("Elizabeth", 4), ("don't", 1),
     ("W-what", 2), ("well-known", 2), ("1995", 4), ("fire", 2), ("table", 2), ("Odhran", 2)],
)
def test_syllables(word, n):
    assert rhythm.syllables(word) == n


def test_estimate_is_only_a_fallback_and_the_table_corrects_it():
    # "fire" is 1 by vowel groups less the silent e, but 2 in the CMU dictionary
    assert rhythm.estimate_syllables("fire") == 1
    assert rhythm._syllable_table()["fire"] == 2
    assert "the" not in rhythm._syllable_table()  # the estimate is right: not listed


def test_dialogue_share_and_narration_sentences():
    text = "“I am not going anywhere with you tonight,” she said. He shrugged and turned back to the fire."
    doc = build_document(text)
    (p, pm), = rhythm.measures(doc).paragraphs
    (s1, e1, w1, _, d1), (s2, e2, w2, _, d2) = pm.sentences
    assert d1 > 0.5 and d2 == 0.0
    assert 7 <= pm.dialogue_words <= w1
    narr = list(rhythm.measures(doc).sentences(narration_only=True))
    assert [text[s:e] for s, e, *_ in narr] == ["He shrugged and turned back to the fire."]


def test_scenes_split_at_breaks_and_chapters():
    text = "# One\n\nA b c.\n\n* * *\n\nD e f.\n\n# Two\n\nG h i."
    doc = build_document(text, format="md")
    scenes = rhythm.measures(doc).scenes
    assert [(s.chapter, s.index) for s in scenes] == [(0, 0), (0, 1), (1, 0)]
    assert [doc.text[s.start : s.end] for s in scenes] == ["A b c.", "D e f.", "G h i."]


def test_flesch_formulas():
    fre, fk = rhythm.flesch(100, 10, 130)
    assert fre == pytest.approx(206.835 - 1.015 * 10 - 84.6 * 1.3)
    assert fk == pytest.approx(0.39 * 10 + 11.8 * 1.3 - 15.59)
    assert rhythm.flesch(0, 0, 0) is None


def test_long_threshold_follows_the_story():
    short_story = build_document(SHORT + " " + LONG)
    assert rhythm_notes.long_threshold(short_story) == rhythm_notes.LONG_MIN_WORDS
    long_story = build_document(" ".join([LONG] * 6 + [SHORT]))
    assert rhythm_notes.long_threshold(long_story) > 60  # a story of 60-word sentences: 60 is its norm
    assert not rhythm_notes.long_sentences(long_story)


# --------------------------------------------------------------------------- providers and letter lines
def _provided(text, name, fmt="txt"):
    doc = build_document(text, format=fmt)
    return doc, PROVIDERS[name](doc, [])


def test_rhythm_stats_and_long_sentence_priority_claims():
    text = SHORT + " " + LONG + "\n\n" + SHORT.replace("Maya", "Odhran") + " " + LONG.replace("train", "last bus")
    doc, got = _provided(text, "rhythm")
    st = got.stats
    assert st["long_sentences"] == 2 == len(check(text, select=["CRF030"]).findings)
    assert st["narration_sentences"]["sentences"] == 10
    assert st["narration_sentences"]["max"] == 61
    (note,) = [n for n in got.notes if n.code == "CRF030"]
    assert note.kind == PRIORITY and note.count == 2
    assert note.claim == {"count": 2, "threshold": 40, "longest": 61}
    assert "2 sentences" in note.text and "past 40 words" in note.text and "has 61" in note.text
    assert doc.text[note.start : note.end].startswith("Then she walked")
    assert note.example.startswith("Then she walked")


def test_wall_and_single_paragraph_priorities():
    para = " ".join([SHORT] * 14)  # 280 words
    text = "It began.\n\n" + para + "\n\nIt ended."
    doc, got = _provided(text, "rhythm")
    assert got.stats["paragraphs_over_250_words"] == 1
    (note,) = [n for n in got.notes if n.code == "CRF033"]
    assert note.count == 1 and note.claim == {"count": 1, "longest": 280} and "280" in note.text
    assert doc.text[note.start : note.end] == "The rain stopped at noon."

    doc, got = _provided(para, "rhythm")
    assert got.stats["paragraphs_over_250_words"] == 0  # CRF034's case, not a wall note
    (note,) = [n for n in got.notes if n.code == "CRF034"]
    assert note.claim == {"count": 1, "words": 280} and "280 words" in note.text


def test_run_and_low_variety_priorities_match_findings():
    mono = " ".join(
        f"Sentence number {w} walks along the {w} quiet grey road." for w in
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty twentyone".split()
    )
    doc, got = _provided(mono, "rhythm")
    runs = check(mono, select=["CRF031"]).findings
    lows = check(mono, select=["CRF032"]).findings
    assert got.stats["same_length_runs"] == len(runs) == 1
    assert got.stats["low_variety_scenes"] == len(lows) == 1
    codes = {n.code: n for n in got.notes if n.kind == PRIORITY}
    assert codes["CRF031"].count == 1 and codes["CRF032"].count == 1
    assert codes["CRF032"].claim["cv"] == got.stats["scenes"][0]["cv"] < rhythm_notes.LOW_VARIETY_CV
    assert not [n for n in got.notes if n.kind == STRENGTH]


def test_variety_strength_only_when_good():
    doc, got = _provided(_varied_story(), "rhythm")
    st = got.stats["narration_sentences"]
    (strength,) = [n for n in got.notes if n.kind == STRENGTH]
    assert strength.claim == {"min": st["min"], "max": st["max"], "cv": st["cv"]}
    assert f"from {st['min']} to {st['max']} words" in strength.text
    base = rhythm.baseline()["ranges"]["narration_sentence_cv"]
    assert base["min"] <= st["cv"]
    # too short a text: no strength claimed
    _, got = _provided(SHORT, "rhythm")
    assert not got.notes


def test_pacing_series():
    text = _varied_story(3)
    doc, got = _provided(text, "pacing")
    scenes = got.stats["scenes"]
    assert len(scenes) == 3
    assert set(scenes[0]) == {"chapter", "scene", "start", "end", "words", "dialogue_share", "mean_sentence_words"}
    assert [s["scene"] for s in scenes] == [0, 1, 2]
    assert sum(s["words"] for s in scenes) == doc.words
    for s in scenes:
        assert 0 < s["dialogue_share"] < 0.1  # one 7-word question per ~250 words
        assert doc.text[s["start"] : s["end"]].strip() == doc.text[s["start"] : s["end"]]
    assert got.stats["chapters"][0]["words"] == doc.words


def test_pacing_all_dialogue():
    text = "“Come here,” she said.\n\n“No,” he said. “Never.”"
    _, got = _provided(text, "pacing")
    assert got.stats["dialogue_share"] == 0.5  # Come here, No, Never: 4 of 8 words


def test_readability_per_chapter_and_whole():
    text = "# One\n\nThe cat sat on the mat. It was a fat cat.\n\n# Two\n\nNotwithstanding considerable institutional reluctance, the committee unanimously ratified extraordinarily complicated regulations."
    doc, got = _provided(text, "readability", fmt="md")
    st = got.stats
    one, two = st["chapters"]
    assert one["words"] == 11 and one["sentences"] == 2 and one["syllables"] == 11
    assert one["flesch_reading_ease"] == pytest.approx(round(206.835 - 1.015 * 5.5 - 84.6 * 1.0, 1))
    assert two["flesch_kincaid_grade"] > 15 > one["flesch_kincaid_grade"]
    assert st["words"] == one["words"] + two["words"]
    assert st["syllables"] == one["syllables"] + two["syllables"]


def test_readability_strength_cites_its_numbers():
    doc, got = _provided(_varied_story(6), "readability")
    notes = got.notes
    fre = got.stats["flesch_reading_ease"]
    rng = rhythm.baseline()["ranges"]["flesch_reading_ease"]
    if rng["min"] <= fre <= rng["max"]:
        (n,) = notes
        assert n.claim["flesch_reading_ease"] == fre and f"{fre:.0f}" in n.text
    else:
        assert not notes


def test_summary_has_the_three_providers():
    res = check(_varied_story(), select=["CRF"])
    stats = res.summary["stats"]
    assert {"rhythm", "pacing", "readability"} <= set(stats)
    assert re.match(r"^\d", str(stats["readability"]["flesch_reading_ease"]))


def test_authors_notes_are_not_measured():
    text = "A/N: " + " ".join([LONG] * 3) + "\n\n" + "\n\n".join([SHORT] * 4)
    doc = build_document(text)
    assert rhythm.measures(doc).words == 4 * len(DOC_WORD_RE.findall(SHORT))
    assert not check(text, select=["CRF03"]).findings


CROWDED = ('"Ready?" Mara asked, pulling on her boots. "Nearly," Tom said from the stairs. "Then come on, '
           'we\'ll miss it." She opened the door. "I said nearly!" he chuckled, and the dog barked at both of them.')


def test_a_crowded_conversation_is_noted_in_the_story_and_never_in_authors_notes():
    story = check("The bus was late again.\n\n" + CROWDED + "\n\nThey ran.", select=["CRF033"]).findings
    assert [f.code for f in story] == ["CRF033"] and "4 lines of speech" in story[0].message
    assert "Mara, Tom" in story[0].message
    notes = check("A/N: " + CROWDED + "\n\nThe bus was late again.\n\nThey ran.", select=["CRF033", "CRF013"])
    assert notes.findings == []


def test_crowded_notes_are_capped_and_counted():
    text = "\n\n".join(["The bus was late again."] + [CROWDED] * 5 + ["They ran."])
    found = check(text, select=["CRF033"]).findings
    assert len(found) == rhythm_notes.CROWDED_NOTES == 3
    assert "5 paragraphs of this story are like this one" in found[0].message
    assert all("are like this one" not in f.message for f in found[1:])
