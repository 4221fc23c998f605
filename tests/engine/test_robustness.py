"""No ordinary text crashes a check: a writer's typo (a missed full stop, a capital in the wrong
place, an apostrophe in a name) must get a report, never an internal error.

Three layers: the inputs that crashed before (issue 13), a property test that writes
fiction-like text (names, pronouns at sentence starts and mid-sentence, quotes of every kind,
apostrophes, missed full stops, paragraphs, headings, scene breaks) and runs the full default
check on it, and the clean fiction corpus with sentence-final punctuation removed at random.
"""

from __future__ import annotations

import gzip
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from betareader.config import Config
from betareader.engine import Engine

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "fiction"
EXCERPTS = REPO / "tests" / "fixtures" / "fiction"


@pytest.fixture(scope="module")
def engine():
    return Engine(Config())


def _check_ok(engine, text: str):
    """The full default check, and what every finding must be: inside the text, its excerpt the
    text it points at, fixes inside it too."""
    result = engine.check_text(text)
    n = len(text)
    for f in result.findings:
        assert 0 <= f.start <= f.end <= n, f
        if f.fix is not None:
            for e in f.fix.edits:
                assert 0 <= e.start <= e.end <= n, f
    assert isinstance(result.summary, dict)
    return result


# --- the inputs that crashed ----------------------------------------------------------------

CRASHED = [
    "She kept waiting He thought about it.",
    "She wanted to know.\n\nIt was here in She'arim.",
    # the same shapes, written here: a capitalised pronoun after a missed full stop, and a name
    # that starts like a pronoun, with interior verbs after both
    "Mara kept waiting She wondered why. He knew.",
    "He hoped so.\n\nHe'lena thought it over. She'arim felt far away.",
    "His coat was wet He felt the cold. Her'a smiled.",
    "\"Wait,\" He said. She thought He knew.",
]


@pytest.mark.parametrize("text", CRASHED)
def test_texts_that_crashed_the_character_analysis(engine, text):
    _check_ok(engine, text)


def test_a_missed_full_stop_gets_a_report_from_the_command_line(tmp_path):
    from helpers import betareader

    path = tmp_path / "story.txt"
    path.write_text(CRASHED[0] + "\n", encoding="utf-8")
    proc = betareader("check", "--format", "json", str(path), cwd=tmp_path)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    assert b"internal error" not in proc.stderr


# --- fiction-like text ----------------------------------------------------------------------

NAMES = ["Mara", "Ollie", "Whitcombe", "She'arim", "He'lena", "O'Brien", "Ana-Lucía", "Jo", "Mr. Hale", "Dr. Ng"]
PRONOUNS = ["he", "she", "He", "She", "him", "her", "his", "hers", "they", "I", "it", "It"]
VERBS = ["said", "thought", "felt", "knew", "wondered", "smiled", "turned", "asked", "whispered", "hoped",
         "walked", "laid", "lay", "kept waiting", "wanted to know", "sighed", "nodded", "realised"]
WORDS = ["the", "door", "cold", "quietly", "then", "than", "its", "it's", "their", "there", "a", "an", "hour",
         "taller", "man", "blonde", "eyes", "W-what", "goin'", "'em", "alot", "teh", "recieve", "Shhh", "hm"]
END = [".", "!", "?", "", "", "", "…", "...", "—", "-", ",", "?!"]
OPEN = ['"', "“", "'", "‘", "", "*", "_"]
CLOSE = ['"', "”", "'", "’", "", "*", "_"]


@st.composite
def sentence(draw):
    subject = draw(st.sampled_from(NAMES + PRONOUNS + ["He", "She", "The taller man", "the blonde"]))
    words = [subject, draw(st.sampled_from(VERBS))]
    words += draw(st.lists(st.sampled_from(WORDS + NAMES + PRONOUNS), max_size=4))
    s = " ".join(words) + draw(st.sampled_from(END))
    if draw(st.booleans()):  # speech, with a tag or a beat, balanced or not
        o, c = draw(st.sampled_from(OPEN)), draw(st.sampled_from(CLOSE))
        tag = draw(st.sampled_from(["", " she said.", " He said.", " Mara smiled.", " said Ollie", " he asked?"]))
        s = f"{o}{s}{c}{tag}"
    return s


@st.composite
def fiction(draw):
    paragraphs = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["text"] * 6 + ["heading", "break", "note"]))
        if kind == "heading":
            paragraphs.append(draw(st.sampled_from(["# Chapter One", "Chapter 2", "II."])))
        elif kind == "break":
            paragraphs.append(draw(st.sampled_from(["***", "* * *", "~~~"])))
        elif kind == "note":
            paragraphs.append("A/N: " + draw(sentence()))
        else:
            glue = draw(st.sampled_from([" ", " ", "  ", "\n"]))
            paragraphs.append(glue.join(draw(st.lists(sentence(), min_size=1, max_size=5))))
    return draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n"])).join(paragraphs)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fiction())
def test_fiction_like_text_never_crashes_the_check(engine, text):
    _check_ok(engine, text)


# --- clean fiction with sentence ends taken out ----------------------------------------------

def _books() -> list[tuple[str, str]]:
    if CORPUS.is_dir():
        return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.txt"))]
    return [(p.name, gzip.decompress(p.read_bytes()).decode("utf-8")) for p in sorted(EXCERPTS.glob("*.txt.gz"))]


_SENTENCE_END = re.compile(r"[.!?](?=[”’\"']?\s+[“‘\"']?[A-Z])")


def _drop_sentence_ends(text: str, seed: int, share: float = 0.3) -> str:
    """About ``share`` of the full stops, exclamation and question marks before a capital, removed."""
    rnd = random.Random(seed)
    return _SENTENCE_END.sub(lambda m: "" if rnd.random() < share else m.group(), text)


@pytest.mark.parametrize("name,text", _books(), ids=lambda v: v if isinstance(v, str) and v.endswith(("txt", "gz")) else "")
def test_fiction_with_missing_sentence_ends_never_crashes(engine, name, text):
    broken = _drop_sentence_ends(text, seed=len(name))
    assert broken != text
    _check_ok(engine, broken)


def test_the_excerpts_are_there_for_a_machine_without_the_corpus():
    assert len(list(EXCERPTS.glob("*.txt.gz"))) == 8
