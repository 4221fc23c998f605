"""The grammar package's shared logic, apart from any one rule's fixtures: the word helpers it
borrows from the model, the pattern rows and their windows, the sentence and clause look-ups."""

from __future__ import annotations

import re

from betareader.config import Config
from betareader.engine import Engine
from betareader.model import build_document
from betareader.model.words import at_sentence_start, cased, clause_start, next_word, prev_word, protected_spans
from betareader.rules.base import SAFE, UNSAFE, Context
from betareader.rules.grammar._base import Pattern, _PatternRule, _rx, _windows
from betareader.rules.grammar.then_than import _Matches, _sentence_start_index


def test_word_helpers():
    text = "She said, *then* he left.  “Go” — now."
    assert prev_word(text, text.index("said") + 4) == "said"
    assert prev_word(text, text.index(",")) == "said"
    assert next_word(text, text.index(", ") + 1) == "then"  # across spaces and emphasis marks
    assert at_sentence_start(text, 0)
    assert at_sentence_start(text, text.index("Go"))  # after an opening quote
    assert not at_sentence_start(text, text.index("he"))
    assert clause_start(text, text.index("*then*"))  # after a comma
    assert at_sentence_start("Mr. Hale came.", 4) is False  # an abbreviation, not a full stop


def test_cased_follows_the_word_it_replaces():
    assert cased("then", "than") == "than"
    assert cased("Then", "than") == "Than"
    assert cased("THEN", "than") == "THAN"
    assert cased("I", "me") == "Me"  # one capital letter is a capitalised word, not shouting


def test_protected_spans_cover_urls_addresses_handles_and_code():
    text = "See https://example.com/its-a-test, mail me@example.org, ping @its_me or `its`."
    spans = protected_spans(text)
    covered = "".join(text[s:e] + "|" for s, e in spans)
    for piece in ("https://example.com/its-a-test", "me@example.org", "@its_me", "`its`"):
        assert piece in covered
    assert protected_spans("No links here, its fine.") == ()


def test_windows_merge_around_every_needle():
    text = "a" * 50 + " loose " + "b" * 200 + " loose " + "c" * 10
    wins = _windows(text, ("loose",), 20)
    assert len(wins) == 2 and all(text[s:e].count("loose") == 1 for s, e in wins)
    assert _windows(text, ("loose",), 200) == [(0, len(text))]  # overlapping windows merge
    assert _windows(text, (), 20) == [(0, len(text))]  # no needles: the whole text


class _Toy(_PatternRule):
    """A pattern rule made up for this test (never registered)."""

    code = "GRM999"
    name = "toy"
    needles = ("teh",)
    patterns = (
        Pattern(_rx(r"\b(teh)␣cat\b"), 1, "the", "'{w}' → '{r}'"),
        Pattern(_rx(r"\b(teh)\b"), 1, lambda m: "tea", "'{w}' → '{r}'", check=lambda t, m: "cup" in t,
                applicability=UNSAFE),
    )


def _scan(rule, text):
    doc = build_document(text)
    return list(rule.scan(doc.paragraphs[0], Context(doc=doc)))


def test_pattern_rows_in_order_cased_checked_and_with_their_applicability():
    assert Pattern(re.compile("x"), 0, "y", "m").check is None
    assert Pattern(re.compile("x"), 0, "y", "m").applicability == SAFE
    (f,) = _scan(_Toy(), "Teh cat sat.")
    assert (f.suggestions, f.fix.applicability, f.message) == (("The",), SAFE, "'Teh' → 'The'")
    assert _scan(_Toy(), "I drank teh.") == []  # the second row's check fails: no cup
    (g,) = _scan(_Toy(), "A cup of teh.")
    assert (g.suggestions, g.fix.applicability) == (("tea",), UNSAFE)
    assert len(_scan(_Toy(), "Teh cat and a cup.")) == 1  # a word is claimed by the first row only


def test_sentence_start_index_and_matches_within_a_span():
    doc = build_document("It rained. If you go then come back. More then ever.")
    p = doc.paragraphs[0]
    assert _sentence_start_index(p, 0) == 0
    assert _sentence_start_index(p, p.text.index("then")) == p.text.index("If")
    found = _Matches(re.compile(r"\b(?:if|when)\b", re.I), p.text)
    assert found.within(p.text.index("If"), p.text.index("then"))
    assert not found.within(p.text.index("More"), len(p.text))


def test_the_rules_read_the_paragraph_not_the_story_cache_key():
    """GRM rules cache on the dialect (and the personal words where a name matters): the same
    paragraph gives the same findings in two stories."""
    engine = Engine(Config(select=["GRM"]))
    a = engine.check_text("She was taller then him.\n\nMara left.").findings
    b = engine.check_text("She was taller then him.\n\nTomas stayed.").findings
    assert [(f.code, f.start) for f in a if f.start < 25] == [(f.code, f.start) for f in b if f.start < 25] == [
        ("GRM008", 15)]
