"""The beta letter states only what was checked, and its examples can be found (issue 16)."""

from helpers import check

from betareader.config import Config
from betareader.craft.letter import _base
from betareader.craft.wording import quote
from betareader.engine import Engine
from betareader.model.document import build_document

CHAPTER = "\n\n".join(
    ["Mara walked to the harbour in the early light, thinking about the boats and the long winter ahead. " * 5]
    + ["Thats what she told herself, and she definately believed it as the gulls wheeled over the quay. " * 3]
    + ["The ferry came in late, and the men on the quay shouted to each other over the noise of the engine. " * 3]
)


def _lines(res) -> list[str]:
    return [n["text"] for n in res.summary["strengths"] + res.summary["priorities"]]


def test_letter_speaks_only_of_the_families_checked():
    res = check(CHAPTER, select=("TYP",))
    assert not any("spelling" in line.lower() or "grammar" in line.lower() for line in _lines(res))
    assert not any(line.startswith("Your text is clean") for line in _lines(res))
    full = check(CHAPTER)
    assert any(f.code.startswith("SPL") for f in full.findings)


def _base_lines(text: str, select) -> list[str]:
    engine = Engine(Config(select=list(select)))
    res = engine.check_text(text)
    rules = {r.code: r for r in engine.rules}
    words = sum(p.analysis.words for p in res.doc.story_paragraphs)
    return [n.text for n in _base(res.doc, res.findings, words, rules).notes]


def test_letter_claims_a_family_clean_only_when_it_ran():
    clean = CHAPTER.replace("Thats", "That's").replace("definately", "definitely")
    assert not any("No spelling errors" in line for line in _base_lines(clean, ("TYP",)))
    assert any("No spelling errors" in line for line in _base_lines(clean, ("ALL",)))


def test_example_of_a_lone_mark_shows_the_words_around_it():
    text = "'Ere, you can't sit there,' said the guard.\nNext line."
    doc = build_document(text)
    i = text.index(",'") + 1
    assert quote(doc, i, i + 1) == "can't sit there,' said the guard."
    assert quote(doc, 1, 4) == "'Ere, you can't"  # a short word too, within its line
    assert quote(doc, 10, 15) == "can't"  # a word of five letters or more says enough
