"""The bundled sample story against its answer key: every planted mistake of a built rule
family is found, and nothing on the 'must not flag' list gets an error."""

import re
from importlib import resources

import pytest

from betareader.config import Config
from betareader.engine import Engine
from betareader.rules import REGISTRY

DATA = resources.files("betareader") / "data"
STORY = (DATA / "sample_story.md").read_text(encoding="utf-8")
KEY = (DATA / "sample_story.KEY.md").read_text(encoding="utf-8")
#: categories of the key whose rules exist (all of them: 1-11)
BUILT = {str(n) for n in range(1, 12)}
LATER: set[str] = set()

_ROW = re.compile(r"^\| (\d+) \| [\d,]+ \| `(.+?)` \|.*\| ([^|]+?) \|$", re.M)
_OK_ROW = re.compile(r"^\| [\d,]+ \| `(.+?)` \|", re.M)


def _findings():
    return Engine(Config()).check_text(STORY, format="md").findings


FINDINGS = _findings()
rows = _ROW.findall(KEY)
planted = [(cat, snip) for cat, snip, _ in rows]
built = [(cat, snip) for cat, snip, note in rows if cat in BUILT and note not in LATER]
must_not = _OK_ROW.findall(KEY.split("## Must not flag", 1)[1])


def test_key_parsed():
    assert len(planted) >= 25 and len(must_not) >= 30
    assert len(built) == len(planted)


def test_typos_get_the_right_first_suggestion():
    for wrong, right in (("teh", "the"), ("recieve", "receive")):
        start = STORY.index(wrong)
        (f,) = [f for f in FINDINGS if f.start == start and f.code == "SPL001"]
        assert f.suggestions[0] == right


@pytest.mark.parametrize("cat,snippet", built, ids=lambda x: str(x))
def test_planted_mistake_is_found(cat, snippet):
    start = STORY.index(snippet)
    end = start + len(snippet)
    hits = [f for f in FINDINGS if f.start < end and start < f.end]
    assert hits, f"category {cat}: nothing reported in {snippet!r}"


@pytest.mark.parametrize("snippet", must_not)
def test_correct_text_is_not_called_an_error(snippet):
    for m in re.finditer(re.escape(snippet), STORY):
        errors = [
            (f.code, STORY[f.start:f.end]) for f in FINDINGS
            if f.start < m.end() and m.start() < f.end and REGISTRY.get(f.code).kind == "error"
            and not any(STORY.find(p) <= f.start < STORY.find(p) + len(p) for _, p in planted)
        ]
        assert not errors, f"{snippet!r} got {errors}"
