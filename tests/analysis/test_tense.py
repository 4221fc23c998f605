"""Narration tense (analysis/tense.py) and the verb-form table it reads."""

from betareader.analysis.tense import PAST, PRESENT, narration_tense, paragraph_verbs, scenes
from betareader.analysis.verbs import verb_forms
from betareader.model import build_document

PAST_SCENE = ("Mara walked to the harbour. She counted the boats. The gulls screamed, and she pulled her coat "
              "tighter. Tobin waited by the crates. He waved at Mara. She crossed the boards and stopped. "
              "She looked at the fog. The bell rang. She turned back. He followed her.")
PRESENT_SCENE = ("She walks to the window. She pulls the curtain back. The street lies empty. She counts the cars. "
                 "She waits. She walks to the door. She turns away. She sits down. She waits again. She listens.")


def test_verb_forms_table():
    vf = verb_forms()
    assert vf.past_of("go") == "went" and vf.participle_of("go") == "gone"
    assert vf.third["nods"] == "nod" and vf.past_of("nod") == "nodded"
    assert vf.is_past_only("walked") and not vf.is_past_only("read")  # `read` is also the base
    assert "smiles" in vf.noun_plural and "thinks" not in vf.noun_plural


def test_scene_tenses_and_summary():
    doc = build_document(PAST_SCENE + "\n\n* * *\n\n" + PRESENT_SCENE)
    assert [s.tense for s in scenes(doc)] == [PAST, PRESENT]
    t = narration_tense(doc)
    assert t["scenes"] == {PAST: 1, PRESENT: 1}
    assert t["past_verbs"] >= 10 and t["present_verbs"] >= 10


def test_dialogue_and_italics_are_not_narration():
    text = '"She walks home," he said. *She never listens*, he thought. He walked on.'
    doc = build_document(text)
    p = doc.paragraphs[0]
    assert [v.word for v in paragraph_verbs(p.text, p.analysis)] == ["said", "thought", "walked"]


def test_and_joined_verbs_and_subjects():
    doc = build_document("The night-porter nods and takes the key. Now she wants to stay. His hands over his face.")
    p = doc.paragraphs[0]
    got = [(v.word, v.tense, v.joined_to >= 0) for v in paragraph_verbs(p.text, p.analysis)]
    assert ("nods", PRESENT, False) in got and ("takes", PRESENT, True) in got and ("wants", PRESENT, False) in got
    assert all(w != "over" for w, _, _ in got)


def test_summary_reports_tense():
    from betareader.config import Config
    from betareader.engine import Engine

    eng = Engine(Config())
    doc = build_document(PAST_SCENE)
    summary = eng.summarize(doc, eng.check(doc).findings)
    assert summary["style"]["tense"]["narration"] == PAST
