"""summary.dialogue in the report: lines per speaker, tag verbs, dialogue share, per chapter."""

from betareader.config import Config
from betareader.engine import Engine

STORY = """# Chapter 1

"Hello," Maya said. She smiled.

"Hi," Tamsin whispered. "If you go," she said, "take the dog."

The rain went on and on and on and on outside the shop all afternoon.

# Chapter 2

"Stay," said Maya.

"Why?" Tamsin asked.
"""


def test_dialogue_summary_per_chapter_and_total():
    res = Engine(Config()).check_text(STORY, format="md")
    d = res.summary["dialogue"]
    ch1, ch2 = d["chapters"]
    assert ch1["title"] == "Chapter 1" and ch2["title"] == "Chapter 2"
    # the second part of the split quote is not a new line
    assert ch1["lines"] == 3
    assert ch1["speakers"] == {"Maya": 1, "Tamsin": 1, "she": 1}
    assert ch1["tag_verbs"] == {"say": 2, "whisper": 1}
    assert ch1["dialogue_words"] == len("Hello Hi If you go take the dog".split())
    assert ch1["words"] == res.doc.words - ch2["words"]
    assert 0 < ch1["dialogue_share"] < 1
    assert ch2["speakers"] == {"Maya": 1, "Tamsin": 1}
    assert ch2["tag_verbs"] == {"say": 1, "ask": 1}
    assert ch2["dialogue_share"] == round(2 / 6, 3)
    total = d["total"]
    assert total["lines"] == 5 and total["tag_verbs"]["say"] == 3 and total["quotes"] == "double"
