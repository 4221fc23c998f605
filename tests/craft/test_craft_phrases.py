"""Phrase craft notes (CRF010–CRF014): the cliché patterns and their expansion, filter words,
told emotions, dialogue tags, the ``phrases`` and ``dialogue_tags`` stats and their letter lines."""

import json
import re
from importlib import resources

import pytest

from betareader.craft import PRIORITY, STRENGTH
from betareader.craft.providers import PROVIDERS
from betareader.craft import phrases
from betareader.craft.wording import quote
from betareader.model import build_document
from betareader.model.paragraph import analyze_paragraph
from betareader.rules import REGISTRY
from betareader.rules.base import Context

CODES = ["CRF010", "CRF011", "CRF012", "CRF013", "CRF014"]


def run(text, codes=CODES):
    """The findings of our rules on ``text`` (absolute offsets), without the engine's summary."""
    doc = build_document(text)
    ctx = Context(doc=doc)
    out = []
    for code in codes:
        rule = REGISTRY.get(code)()
        if rule.scope == "paragraph":
            for p in doc.paragraphs:
                if p.kind in rule.kinds:
                    out += [f.shifted(p.start) for f in rule.check_paragraph(p, ctx)]
        else:
            out += list(rule.check_document(doc, ctx))
    return doc, out


def cliches(text):
    return [text[h.start : h.end] for h in phrases.phrases(analyze_paragraph(text)) if h.kind == "cliche"]


def dialogue(verbs, speakers=("Maya", "she", "Odhran", "he")):
    lines = [f'"Line number {i} is here," {speakers[i % len(speakers)]} {v}.' for i, v in enumerate(verbs)]
    return "\n\n".join(lines)


# --------------------------------------------------------------------------- the pattern language

def test_regular_and_irregular_inflection():
    v = phrases._Verbs()
    v.define(["skip", "skipped"])
    v.define(["run", "ran", "run", "running"])
    assert v.forms("skip") == ["skip", "skips", "skipped", "skipping"]
    assert v.forms("run") == ["run", "runs", "ran", "running"]
    assert v.forms("hurry") == ["hurry", "hurries", "hurried", "hurrying"]
    assert v.forms("glare") == ["glare", "glares", "glared", "glaring"]
    assert "hadn't known" not in v.negated("know")  # 'know' not defined here: regular 'knowed'
    v.define(["know", "knew", "known"])
    neg = v.negated("know")
    assert {"didn't know", "did not know", "never knew", "hadn't known", "had never known"} <= set(neg)


def test_every_pattern_expands_and_finds_its_own_example():
    d = phrases.data()
    assert 150 <= len(d.patterns) <= 320
    missed = [p.source for p in d.patterns if not cliches(f"Then {p.example} again.")]
    assert not missed


def test_pronouns_agree_within_a_pattern():
    _, keys = phrases._load_cliches()
    forms = [k for k, i in keys.items() if phrases.data().patterns[i].source.startswith("<run> {poss} (hand")]
    assert "ran his fingers through his hair" in forms
    assert "ran his fingers through her hair" not in forms
    assert all(len(set(re.findall(r"\b(?:his|her|their|my|our|your)\b", f))) == 1 for f in forms)


def test_pronoun_tense_negation_and_contraction_variants():
    assert cliches("A shiver runs down my spine.") == ["shiver runs down my spine"]
    assert cliches("Shivers ran down their spines.") == []  # plural spines is not on the list
    assert cliches("I let out a breath I hadn't known I'd been holding.") == ["a breath I hadn't known I'd been holding"]
    assert cliches("She released a breath she didn’t realise she was holding.") == [
        "a breath she didn’t realise she was holding"
    ]
    assert cliches("My heart is skipping a beat.") == ["skipping a beat"]
    assert cliches("Her heart did not skip a beat.") == ["skip a beat"]


def test_word_boundaries_and_longest_match():
    assert cliches("The unskipped a beat-up drum.") == []
    assert cliches("Her sapphire orbs glittered.") == ["Her sapphire orbs"]


def test_cliche_data_file_is_lowercase_and_each_pattern_written_once():
    text = (resources.files("betareader") / "data" / "craft" / "cliches.txt").read_text(encoding="utf-8")
    lines = [l.split("#", 1)[0].strip() for l in text.splitlines()]
    pats = [l for l in lines if l and not l.startswith("@")]
    assert len(pats) == len(set(pats))
    assert all(p == p.lower() for p in pats)


# --------------------------------------------------------------------------- rules

def test_cliche_in_dialogue_is_left_alone_but_narration_is_noted():
    doc, fs = run("“Time stood still,” she said.\n\nTime stood still. A single tear fell.", ["CRF010"])
    assert [doc.text[f.start : f.end] for f in fs] == ["Time stood still", "A single tear"]
    assert all("your own way" in f.message for f in fs)


def test_italic_thoughts_are_the_character_s_voice():
    text = "*Time stood still. I saw the door open,* she thought.\n\nShe felt angry."
    doc, fs = run(text, ["CRF010", "CRF011", "CRF012"])
    assert [(f.code, doc.text[f.start : f.end]) for f in fs] == [("CRF012", "She felt angry")]


def test_filter_words_one_note_per_paragraph_and_narration_only():
    text = (
        "She saw the door opening. She heard the wind howling.\n\n"
        "“I saw the door opening,” he said.\n\n"
        "He could feel the floor shaking."
    )
    doc, fs = run(text, ["CRF011"])
    assert [doc.text[f.start : f.end] for f in fs] == ["She saw", "He could feel"]


@pytest.mark.parametrize(
    "text",
    [
        "She saw him yesterday.",
        "She saw the building.",
        "He couldn't see the road.",
        "Once he realized what it was, he left.",
        "He felt a sinking in his heart.",
        "It felt like rain.",
    ],
)
def test_not_filtering(text):
    assert run(text, ["CRF011"])[1] == []


@pytest.mark.parametrize(
    "text,excerpt",
    [
        ("She felt angry.", "She felt angry"),
        ("He grew nervous, and the room went quiet.", "He grew nervous"),
        ("Maya was very embarrassed.", "Maya was very embarrassed"),
        ("I felt hurt about it.", "I felt hurt"),
    ],
)
def test_telling_emotion(text, excerpt):
    doc, fs = run(text, ["CRF012"])
    assert [doc.text[f.start : f.end] for f in fs] == [excerpt]


@pytest.mark.parametrize("text", ["She was happy to help.", "He was hurt.", "“I am so angry,” she said.", "It was sad."])
def test_not_telling(text):
    assert run(text, ["CRF012"])[1] == []


def test_bookisms_noted_only_when_the_share_is_high():
    verbs = ["said"] * 14 + ["hissed", "growled", "snapped", "purred", "chuckled", "sighed"]
    doc, fs = run(dialogue(verbs), ["CRF013"])
    assert sorted(doc.text[f.start : f.end] for f in fs) == sorted(verbs[14:])
    assert "6 of your 20 tags (30%)" in fs[0].message
    # 2 of 20 is 10%: below the published-fiction threshold
    assert run(dialogue(["said"] * 18 + ["hissed", "growled"]), ["CRF013"])[1] == []


def test_repeated_tag_verb():
    doc, fs = run(dialogue(["whispered", "said"] * 10), ["CRF014"])
    assert len(fs) == 1 and doc.text[fs[0].start : fs[0].end] == "whispered"
    assert "10 of your 20" in fs[0].message
    assert run(dialogue(["said", "replied", "said", "answered"] * 5), ["CRF014"])[1] == []


# --------------------------------------------------------------------------- stats and the letter

def test_dialogue_tags_stats_and_strength():
    verbs = ["said"] * 18 + ["asked"] * 3 + ["whispered"]
    doc, fs = run(dialogue(verbs))
    got = PROVIDERS["dialogue_tags"](doc, fs)
    st = got.stats
    assert st["tags"] == 22 and st["verbs"] == {"say": 18, "ask": 3, "whisper": 1}
    assert st["said_asked_share"] == round(21 / 22, 3)
    assert st["bookisms"] == 0
    (strength,) = [n for n in got.notes if n.kind == STRENGTH]
    assert "95% are said or asked" in strength.text
    assert strength.claim == {"said_asked_share": round(21 / 22, 3), "tags": 22}


def test_dialogue_tags_priority_claims_match_findings():
    verbs = ["said"] * 14 + ["hissed", "growled", "snapped", "purred", "chuckled", "sighed"]
    doc, fs = run(dialogue(verbs))
    got = PROVIDERS["dialogue_tags"](doc, fs)
    assert not [n for n in got.notes if n.kind == STRENGTH]
    (pri,) = [n for n in got.notes if n.kind == PRIORITY]
    mine = [f for f in fs if f.code == "CRF013"]
    assert pri.code == "CRF013" and pri.count == len(mine) == pri.claim["count"] == 6
    assert pri.claim["tags"] == 20 and pri.claim["bookism_share"] == 0.3
    assert pri.example == quote(doc, pri.start, pri.end) == "Odhran hissed" and pri.example in pri.text
    assert got.stats["bookism_verbs"] == {v: 1 for v in ("hiss", "growl", "snap", "purr", "chuckle", "sigh")}


def test_phrases_stats_and_priorities():
    text = (
        "A shiver ran down her spine. Time stood still.\n\n"
        "She saw the door opening.\n\n"
        "She felt angry.\n\n"
        "“A single tear,” he said."
    )
    doc, fs = run(text)
    got = PROVIDERS["phrases"](doc, fs)
    st = got.stats
    assert (st["cliches"], st["filter_words"], st["telling"]) == (2, 1, 1)
    words = doc.words
    assert st["filter_per_1k"] == round(1000 / words, 3)
    assert st["cliche_phrases"] == {"shiver ran down her spine": 1, "time stood still": 1}
    by_code = {n.code: n for n in got.notes if n.kind == PRIORITY}
    for code in ("CRF010", "CRF012"):
        n = by_code[code]
        assert n.count == n.claim["count"] == sum(1 for f in fs if f.code == code)
        assert n.example == quote(doc, n.start, n.end)
    assert by_code["CRF010"].count == 2
    # one filter word is no habit: the letter needs three or more and a rate clearly above published fiction's
    assert "CRF011" not in by_code


def test_filter_word_priority_needs_a_clear_habit():
    text = "\n\n".join([
        "She saw the door opening. She heard the wind. She felt the cold.",
        "He noticed the lamp. He watched the rain. She saw the light go out.",
        "They heard the bell. She felt the floor shake. He saw the smoke.",
    ])
    doc, fs = run(text)
    got = PROVIDERS["phrases"](doc, fs)
    (n,) = [n for n in got.notes if n.kind == PRIORITY and n.code == "CRF011"]
    assert n.count == n.claim["count"] == sum(1 for f in fs if f.code == "CRF011")
    assert n.example == quote(doc, n.start, n.end)


def test_clean_prose_gets_the_no_cliche_strength():
    para = "The ferry left at noon and the gulls followed it out past the breakwater. " * 8
    text = "\n\n".join([para] * 50)
    doc, fs = run(text)
    got = PROVIDERS["phrases"](doc, fs)
    strengths = [n for n in got.notes if n.kind == STRENGTH]
    assert any(n.claim.get("cliches") == 0 and n.claim["words"] == doc.words for n in strengths)
    assert any(n.claim.get("filter_words") == 0 for n in strengths)


def test_baselines_put_every_published_book_below_the_thresholds():
    tags = phrases.baseline("tags_baseline")
    th = tags["thresholds"]
    for book in tags["books"].values():
        assert book["bookism_share"] < th["bookism_share"]
        assert book["top_verb_share"] < th["repeated_share"] or book["top_verb_ratio"] < th["repeated_ratio"]
        assert book["plain_share"] < th["clean_plain_share"]
    filt = phrases.baseline("filter_baseline")
    assert set(filt["books"]) == set(tags["books"]) and len(filt["books"]) == 11
    json.dumps(filt)
