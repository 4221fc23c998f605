"""The word-level craft analysis (craft/words.py), its CRF001–CRF006 notes and the ``words``
stats provider's letter lines."""

import re

import pytest

from betareader.craft import PRIORITY, STRENGTH
from betareader.craft import words as craft_words
from betareader.model import build_document
from helpers import check, load_fixture

CODES = ["CRF001", "CRF002", "CRF003", "CRF004", "CRF005", "CRF006"]


def _provide(text, codes=CODES):
    res = check(text, select=codes)
    doc = res.doc
    return res, doc, craft_words.words_stats(doc, res.findings)


def test_baseline_is_small_and_consistent():
    b = craft_words.base()
    data = b.data
    assert data["vocab"][0] == ""
    assert len(data["vocab"]) == len(data["counts"]) == len(data["nbooks"]) == len(data["pos"])
    assert data["total_words"] > 900_000
    assert len(data["books"]) == 11
    # derived numbers only, small
    from importlib import resources

    size = len((resources.files("betareader") / "data" / "craft" / "words.json").read_bytes())
    assert size <= 310_000
    # -ly words that are not manner adverbs
    for w in ("family", "only", "early", "lovely", "silly", "reply", "holy", "ugly", "friendly"):
        assert w not in b.adverbs, w
    for w in ("softly", "quickly", "suddenly", "gently", "carefully"):
        assert w in b.adverbs, w


def test_lemma_joins_simple_inflections():
    assert craft_words.lemma("glinted") == craft_words.lemma("glinting") == craft_words.lemma("glints") == craft_words.lemma("glint")
    assert craft_words.lemma("clambers") == craft_words.lemma("clambered")
    assert craft_words.lemma("need") == craft_words.lemma("needed")
    assert craft_words.lemma("ring") != craft_words.lemma("rang")


def test_g2_grows_with_the_difference():
    assert craft_words.g2(10, 100, 1000, 1_000_000) > craft_words.g2(5, 100, 1000, 1_000_000) > 0
    assert craft_words.g2(1, 1000, 1000, 1_000_000) < 1  # at the expected rate: no evidence


def test_overused_word_counts_and_rate():
    text = load_fixture("CRF001")["fire"][0]["text"]
    res = check(text, select=["CRF001"])
    (f,) = res.findings
    n = len(re.findall(r"\bsuddenly\b", text, re.I))
    assert f"{n} times" in f.message
    wa = craft_words.analyze(res.doc)
    (o,) = [o for o in wa.overused if o.words == 1]
    assert o.count == n
    assert o.ratio >= craft_words.OVERUSE_MIN_RATIO
    assert o.per_million == pytest.approx(1e6 * n / wa.words, abs=0.1)


def test_story_subject_and_names_are_not_overused():
    text = " ".join(["Maya watched the dragon. The dragon watched Maya."] * 10)
    res = check(text, select=["CRF001", "CRF002"])
    assert not [f for f in res.findings if "dragon" in f.message.lower() or "maya" in f.message.lower()]


def test_echo_points_back_at_the_first():
    text = "The lake glinted under the moon; a blade glinted in his hand."
    (f,) = check(text, select=["CRF003"]).findings
    assert text[f.start:f.end] == "glinted" and f.start > text.index("glinted")
    assert "5 words after" in f.message


def test_deliberate_repetition_is_not_an_echo():
    for text in (
        "She was a gallant rescuer or she was not a gallant rescuer.",
        "He was violently against it, or violently for it.",
        "The snake gave a hiss. That hiss, faint as it was, froze them.",
    ):
        assert not check(text, select=["CRF003"]).findings, text


def test_opener_run_counted_once_with_length():
    text = "The door creaked. The wind howled. The candles flickered. The fire died. Then silence."
    (f,) = check(text, select=["CRF004"]).findings
    assert "4 sentences in a row" in f.message
    doc = build_document(text)
    (run,) = craft_words.analyze(doc).opener_runs
    assert run.word == "The" and run.length == 4


def test_pronoun_runs_need_four():
    assert not check("She ran. She jumped. She fell over.", select=["CRF004"]).findings
    assert check("She ran. She jumped. She fell. She laughed.", select=["CRF004"]).findings


def test_tag_adverbs_found_before_and_after_the_verb():
    text = '"Go," she said softly. "Now," Maya quietly said. "Fine," said Odhran coldly. "Why?" he asked.'
    doc = build_document(text)
    tags, found = craft_words.analyze(doc).tag_adverbs
    assert tags == 4
    assert [t.adverb for t in found] == ["softly", "quietly", "coldly"]


def test_tag_adverbs_quiet_at_the_published_share():
    # one tag in ten with an adverb: below published fiction's share
    lines = [f'"Line {i}," she said.' for i in range(9)] + ['"Last," she said softly.']
    assert not check(" ".join(lines), select=["CRF005"]).findings


def test_adverb_density_note_and_stats():
    text = load_fixture("CRF006")["fire"][0]["text"]
    res, doc, got = _provide(text)
    st = got.stats
    assert st["adverbs_per_1000"] == pytest.approx(1000 * st["adverbs"] / st["words"], abs=0.01)
    assert st["adverbs_per_1000"] >= craft_words.ADVERB_DENSITY_RATIO * st["baseline_adverbs_per_1000"]
    (f,) = [f for f in res.findings if f.code == "CRF006"]
    assert f"{st['adverbs_per_1000']:.1f} per 1,000 words" in f.message
    (p,) = [n for n in got.notes if n.code == "CRF006"]
    assert p.kind == PRIORITY and p.count == st["adverbs"]
    assert p.claim == {"adverbs": st["adverbs"], "adverbs_per_1000": st["adverbs_per_1000"]}
    assert doc.text[p.start:p.end] == text[f.start:f.end]
    assert not any(n.kind == STRENGTH and "adverb use is lean" in n.text for n in got.notes)


def test_letter_claims_match_counts():
    text = (
        load_fixture("CRF001")["fire"][0]["text"] + "\n\n" + load_fixture("CRF002")["fire"][0]["text"]
        + "\n\n" + load_fixture("CRF003")["fire"][0]["text"] + "\n\n" + load_fixture("CRF005")["fire"][1]["text"]
        + "\n\n\"Stay,\" he said sharply."  # three tag adverbs or more: the letter's minimum for a rate
        + "\n\nThe door creaked. The wind howled through the gap. The candles flickered and went out."
    )
    res, doc, got = _provide(text)
    wa = craft_words.analyze(doc)
    by_code = {n.code: n for n in got.notes if n.kind == PRIORITY}
    assert set(by_code) >= {"CRF001", "CRF002", "CRF003", "CRF004", "CRF005"}
    words = [o for o in wa.overused if o.words == 1]
    assert by_code["CRF001"].count == len(words)
    assert by_code["CRF001"].claim["items"][0] == (words[0].phrase, words[0].count, words[0].ratio)
    assert by_code["CRF003"].claim == {"echoes": len(wa.echoes)} and by_code["CRF003"].count == len(wa.echoes)
    assert by_code["CRF004"].claim == {"runs": len(wa.opener_runs)}
    tags, found = wa.tag_adverbs
    assert by_code["CRF005"].claim == {"tag_adverbs": len(found), "dialogue_tags": tags}
    for n in by_code.values():
        assert n.example and 0 <= n.start < n.end <= len(doc.text)
    st = got.stats
    assert st["echoes"] == len(wa.echoes) and st["opener_runs"] == len(wa.opener_runs)
    assert st["tag_adverbs"] == len(found) and st["dialogue_tags"] == tags


def test_strengths_only_when_better_than_published():
    # lean prose: no -ly adverbs in 300 words, plain tags
    lines = []
    for i in range(40):
        lines.append(f'"We need the key number {i}," Maya said. Odhran took the lamp and went down the stairs to look.')
    text = "\n\n".join(lines)
    res, doc, got = _provide(text)
    st = got.stats
    strengths = [n for n in got.notes if n.kind == STRENGTH]
    lean = [n for n in strengths if "adverb use is lean" in n.text]
    assert st["adverbs"] == 0 and lean
    assert lean[0].claim == {"adverbs_per_1000": 0.0, "baseline_adverbs_per_1000": st["baseline_adverbs_per_1000"]}
    tags = [n for n in strengths if "dialogue tags" in n.text]
    assert tags and tags[0].claim == {"tag_adverbs": 0, "dialogue_tags": st["dialogue_tags"]} and st["dialogue_tags"] == 40


def test_authors_notes_get_no_word_notes():
    note = "A/N: " + " ".join(["Suddenly I updated, suddenly!"] * 8)
    res = check(note + "\n\nMaya opened the door and went in.", select=CODES)
    assert not res.findings


def test_analysis_is_cached_per_document():
    doc = build_document("Maya walked home.")
    assert craft_words.analyze(doc) is craft_words.analyze(doc)


def test_tag_adverb_priority_needs_three_and_a_clear_rate():
    one = '"Leave," she said coldly.\n\n"Stay," he said.\n\n"Why?" she asked.'
    res, doc, got = _provide(one)
    assert not any(n.code == "CRF005" and n.kind == PRIORITY for n in got.notes)
    assert not any("1 of 3" in n.text for n in got.notes)

