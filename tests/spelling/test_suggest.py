"""Spelling suggestions: ranking, case and possessives, odd input, the weighted distance, margins."""

import math

import pytest

from betareader.spelling import suggest as sg
from betareader.spelling.lexicon import get_lexicon
from betareader.spelling.suggest import (
    Suggester,
    Weights,
    get_suggester,
    margin,
    ranked,
    split_possessive,
    suggest,
    weighted_osa,
)


@pytest.mark.parametrize("wrong, right", [
    ("recieve", "receive"),
    ("teh", "the"),
    ("definately", "definitely"),
    ("seperate", "separate"),
    ("occured", "occurred"),
    ("untill", "until"),
    ("thier", "their"),
    ("becuase", "because"),
    ("goverment", "government"),
    ("tommorow", "tomorrow"),
    ("accomodate", "accommodate"),
    ("neccessary", "necessary"),
    ("wierd", "weird"),
    ("jsut", "just"),
    ("dont", "don't"),
])
def test_common_misspellings_rank_first(wrong, right):
    assert suggest(wrong)[0] == right


def test_edit_distance_three_is_searched_when_little_is_near():
    # ``necasery`` is 3 edits from ``necessary``; nothing useful is within 2.
    assert "necessary" in suggest("necasery")


@pytest.mark.parametrize("wrong, first", [
    ("Hermoine", "Hermione"),
    ("Recieve", "Receive"),
    ("RECIEVE", "RECEIVE"),
    ("TEH", "THE"),
    ("Teh", "The"),
    ("Dont", "Don't"),
])
def test_case_pattern_is_restored(wrong, first):
    assert suggest(wrong)[0] == first


def test_mixed_case_counts_as_title_when_first_letter_is_capital():
    assert suggest("HerMoine")[0] == "Hermione"
    assert suggest("hERMOINE")[0] == "hermione"


@pytest.mark.parametrize("wrong, first", [
    ("Hermoine's", "Hermione's"),
    ("Hermoine’s", "Hermione’s"),
    ("recieve's", "receive's"),
    ("HERMOINE'S", "HERMIONE'S"),
])
def test_possessive_is_kept_with_its_apostrophe(wrong, first):
    assert suggest(wrong)[0] == first


def test_split_possessive():
    assert split_possessive("Hermoine's") == ("Hermoine", "'s")
    assert split_possessive("Hermoine’S") == ("Hermoine", "’S")
    assert split_possessive("teh") == ("teh", "")
    assert split_possessive("'s") == ("'s", "")


@pytest.mark.parametrize("word", ["", " ", "123", "teh123", "well-known", "two words", "...", "'s", "-",
                                  "x" * 31, "\u2019", "_"])
def test_odd_input_gets_nothing(word):
    assert suggest(word) == []
    assert ranked(word) == []
    assert margin(word) is None


def test_n_limits_the_list():
    assert suggest("teh", 0) == []
    assert suggest("teh", -3) == []
    assert len(suggest("teh", 1)) == 1
    assert len(suggest("teh", 3)) == 3
    assert suggest("teh", 3) == suggest("teh", 10)[:3]
    assert len(suggest("teh", 50)) <= sg.KEEP


@pytest.mark.parametrize("word", ["the", "The", "THE", "receive", "Hermione", "Hermione's", "a", "I", "don't",
                                  "cafe", "café"])
def test_never_suggests_the_word_itself(word):
    out = suggest(word, 25)
    assert word not in out
    assert len(out) == len(set(out))


def test_accents_cost_nothing():
    assert suggest("cafe")[0] == "café"


def test_results_are_deterministic_across_instances():
    words = ["teh", "recieve", "definately", "wich", "alot", "lones", "Hermoine's"]
    fresh = Suggester(get_lexicon())
    assert [fresh.ranked(w, 10) for w in words] == [get_suggester().ranked(w, 10) for w in words]
    fresh.clear_cache()
    assert [fresh.suggest(w, 10) for w in words] == [suggest(w, 10) for w in words]


def test_scores_descend_and_ties_break_alphabetically():
    out = ranked("wich", 25)
    keys = [(-s.score, s.word) for s in out]
    assert keys == sorted(keys)


def test_margin_is_lead_of_first_over_second():
    best = ranked("recieve", 2)
    assert margin("recieve") == pytest.approx(best[0].score - best[1].score)
    assert margin("recieve") > 3  # a clear case
    assert margin("wich") < margin("recieve")  # which / wish / with: less clear


def test_margin_with_a_single_candidate_is_infinite():
    class One(Suggester):
        def candidates(self, key):
            return {"receive"}

    one = One(get_lexicon())
    assert one.suggest("recieve") == ["receive"]
    assert math.isinf(one.margin("recieve"))


def test_pool_leaves_out_possessives_rare_words_and_stray_letters():
    index = get_suggester().index
    pool = {w for bucket in index.by_length.values() for w in bucket}
    assert "receive" in pool and "a" in pool and "i" in pool
    assert "b" not in pool
    assert not any(w.endswith("'s") for w in pool)
    lex = get_lexicon()
    assert all(lex.zipf(w) >= sg.MIN_ZIPF for w in pool)
    assert index.size == len(pool)


class TestWeightedOsa:
    W = Weights(transposition=0.3, doubling=0.5, vowel=0.85)

    def test_identity_and_empty(self):
        assert weighted_osa("word", "word", self.W) == 0
        assert weighted_osa("", "abc", self.W) == 3
        assert weighted_osa("abc", "", self.W) == 3

    def test_cheap_edits(self):
        assert weighted_osa("recieve", "receive", self.W) == pytest.approx(0.3)  # transposition
        assert weighted_osa("untill", "until", self.W) == pytest.approx(0.5)  # undoubling
        assert weighted_osa("occured", "occurred", self.W) == pytest.approx(0.5)  # doubling
        assert weighted_osa("seperate", "separate", self.W) == pytest.approx(0.85)  # vowel for vowel
        assert weighted_osa("cat", "cut", self.W) == pytest.approx(0.85)
        assert weighted_osa("cat", "cot", Weights(vowel=1.0)) == 1

    def test_plain_costs_are_osa(self):
        plain = Weights(transposition=1, doubling=1, vowel=1)
        assert weighted_osa("kitten", "sitting", plain) == 3
        assert weighted_osa("ca", "abc", plain) == 3  # OSA, not unrestricted Damerau (2)
        assert weighted_osa("abcd", "acbd", plain) == 1

    def test_symmetric_under_plain_costs(self):
        plain = Weights(transposition=1, doubling=1, vowel=1)
        for a, b in [("definately", "definitely"), ("teh", "the"), ("abc", "xyz"), ("a", "abcd")]:
            assert weighted_osa(a, b, plain) == weighted_osa(b, a, plain)
