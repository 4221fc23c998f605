"""Character detection, the character stats providers and their letter lines (CRF020–CRF022)."""

from betareader.craft import characters
from betareader.model import build_document

from helpers import check

STORY = """Mr. Hale met Mr. Grey at the gate. He told him that his horse was lame and his cart was broken.

“It will mend,” said Mr. Grey. Elizabeth Bennet laughed. She was watching from the window.

Elizabeth waved at Mr. Hale. She went back inside. Elizabeth thought of the horse. She wondered about the cart.

Mr. Hale felt tired. He knew the road was long. “Goodnight,” said Elizabeth."""


def _chars(text):
    doc = build_document(text)
    return doc, characters.analyze(doc)


def test_characters_are_found_with_titles_surnames_and_pronouns():
    doc, ana = _chars(STORY)
    by = {c.name: c for c in ana.characters}
    assert set(by) == {"Mr. Hale", "Mr. Grey", "Elizabeth"}
    eliz = by["Elizabeth"]
    assert eliz.mentions == 4  # "Elizabeth Bennet" joins the first name
    assert eliz.forms == {"Elizabeth": 3, "Elizabeth Bennet": 1}
    assert eliz.first_appearance == STORY.index("Elizabeth Bennet")
    assert eliz.gender == "f" and eliz.as_dict()["pronouns"]["pronoun"] == "she"
    assert by["Mr. Hale"].gender == "m" and by["Mr. Hale"].confidence == 1.0  # the title decides
    assert by["Mr. Grey"].dialogue_lines == 1 and eliz.dialogue_lines == 1


def test_bare_surname_joins_its_only_title_and_families_stay_apart():
    text = ("Mr. Darcy bowed. Everyone looked at Darcy. Mrs. Bennet smiled at Mr. Bennet. "
            "Then Mr. Bennet left with Darcy.")
    _, ana = _chars(text)
    by = {c.name: c for c in ana.characters}
    assert by["Darcy"].key == ("Mr", "Darcy") and by["Darcy"].mentions == 3
    assert "Mrs. Bennet" in by and "Mr. Bennet" in by and by["Mr. Bennet"].mentions == 2


def test_unclear_pronouns_counted_and_stats_match():
    res = check(STORY, select=["CRF021"])
    stats = res.summary["stats"]["pronouns"]
    _, ana = _chars(STORY)
    assert stats["ambiguous"] == len(ana.ambiguous) == 4  # He, him, his, his
    assert stats["pronouns"] == ana.pronouns
    (f,) = [f for f in res.findings if f.code == "CRF021"]
    assert STORY[f.start:f.end] == "He told him that his horse was lame and his cart was broken."
    assert "Mr. Grey and Mr. Hale" in f.message


def test_clear_pronouns_give_a_strength_line_whose_claim_matches():
    # 120 clear pronouns: one woman and one man, never two of a kind together
    para = "Mr. Hale met Miss Lowe. He smiled at her and she nodded to him. His hat fell and her cat ran."
    text = "\n\n".join([para] * 20)
    res = check(text, select=["CRF021"])
    stats = res.summary["stats"]["pronouns"]
    assert stats["ambiguous"] == 0 and stats["pronouns"] == 120
    lines = [s for s in res.summary["strengths"] if "pronouns stay clear" in s["text"]]
    assert lines and lines[0]["claim"] == {"ambiguous": 0, "pronouns": 120}
    assert "only 0 of 120" in lines[0]["text"]


def test_head_hop_priority_claim_and_pov_stats():
    text = ("Anna wondered if the train was late. Anna hoped it was not. The conductor smiled at Anna and Ben.\n\n"
            "Ben knew the train was late. Ben feared the worst.")
    res = check(text, select=["CRF022"])
    (f,) = res.findings
    assert "Anna's head (2" in f.message and "Ben's (2)" in f.message
    pov = res.summary["stats"]["pov"]
    assert pov["head_hops"] == 1 and pov["scenes"] == 1
    assert pov["scene_pov"][0]["interior"] == {"Anna": 2, "Ben": 2}
    (line,) = [p for p in res.summary["priorities"] if p["code"] == "CRF022"]
    assert line["count"] == 1 and line["claim"]["scenes"] == 1
    assert line["example"]["text"] == "Ben knew"


def test_first_person_scene_is_not_head_hopping():
    text = "I thought Anna wondered about the train. I knew she hoped it was late. Ben knew better. Ben feared the worst, and I felt sorry for him."
    _, ana = _chars(text)
    assert ana.scenes[0].first_person
    assert not check(text, select=["CRF022"]).findings


def test_epithet_priority_counts_uses():
    text = ("Harry pushed the door open. He was tired. The raven-haired boy looked around the room.\n\n"
            "Draco glared at Harry. Harry sat down. He sighed. The raven-haired boy closed his eyes.\n\n"
            "Harry stood up. He was hungry. The raven-haired boy left.")
    res = check(text, select=["CRF020"])
    (f,) = res.findings
    assert "3 times" in f.message and "Harry" in f.message
    assert res.summary["stats"]["characters"]["epithets"] == {"the raven-haired boy": 3}
    (line,) = [p for p in res.summary["priorities"] if p["code"] == "CRF020"]
    assert line["count"] == 3 and line["claim"]["top_count"] == 3 and line["claim"]["top"] == "the raven-haired boy"


def test_epithet_detection_skips_hair_and_eyes_that_are_not_people():
    _, ana = _chars("Luna brushed her hair. The blonde hair shone. The wide-eyed girl stared. The taller man left.")
    assert [e.key for e in ana.epithets] == ["the taller man"]


def test_no_characters_in_authors_notes():
    text = "A/N: Thanks to Maya and Odhran for reading! Maya thought it was good.\n\n" + "\n\n".join(
        ["The rain fell on the town."] * 4)
    _, ana = _chars(text)
    assert ana.characters == [] and ana.words == 24
