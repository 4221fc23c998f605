"""The speller's word-shape tests: letter trigrams no English word has, and typing slips."""

import numpy as np
import pytest

from betareader.spelling.shape import NEIGHBOURS, garbled, rarest_trigram, typing_slip


def test_keyboard_neighbours_are_symmetric_and_staggered():
    assert NEIGHBOURS["g"] == frozenset("ftyhvb")
    assert NEIGHBOURS["a"] == frozenset("qwsz")
    assert NEIGHBOURS["m"] == frozenset("njk")
    for c, near in NEIGHBOURS.items():
        assert c not in near
        assert all(c in NEIGHBOURS[d] for d in near)


@pytest.mark.parametrize("word", ["mllyall", "hwihc", "qtuie", "hvea", "kwno", "maiht", "owudl"])
def test_garbled_typing_has_trigrams_no_english_word_has(word):
    assert garbled(word, 1)


@pytest.mark.parametrize("word", ["sperrit", "effalunt", "bleeve", "wunnot", "tremenjusly", "hogwarts",
                                  "quidditch", "thrimbleweed", "gonna", "whatcha"])
def test_dialect_and_coinages_keep_english_letter_patterns(word):
    assert not garbled(word, 2)


def test_words_outside_a_to_z_are_not_judged_by_their_letters():
    assert rarest_trigram("café") > 60000 and rarest_trigram("Iy") > 60000 and rarest_trigram("don't") > 60000


@pytest.mark.parametrize(("slip", "word"), [("beacuse", "because"), ("thsi", "this"), ("anf", "and"),
                                             ("whwn", "when"), ("teh", "the"), ("wjat", "what")])
def test_typing_slips_of_common_words(slip, word):
    assert typing_slip(slip) == word


@pytest.mark.parametrize("word", ["poond", "righty", "sperrit", "nowt", "hev", "the"])
def test_dialect_respellings_are_not_typing_slips(word):
    """A vowel for a vowel is how dialect respells a sound; a letter at the end is a suffix."""
    assert typing_slip(word) is None


def test_the_trigram_table_is_what_the_builder_writes(tmp_path):
    """tools/build_spelling_data.py --trigrams-only rebuilds the vendored table byte for byte."""
    import subprocess
    import sys
    from importlib import resources
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    data = resources.files("betareader").joinpath("data/spelling")
    out = tmp_path / "spelling"
    out.mkdir()
    for name in ("words.txt.gz", "zipf.tsv.gz"):
        (out / name).write_bytes(data.joinpath(name).read_bytes())
    subprocess.run([sys.executable, str(root / "tools" / "build_spelling_data.py"), "--trigrams-only", "--out", str(out)],
                   check=True)
    assert np.array_equal(np.load(out / "trigrams.npy"), np.load(data.joinpath("trigrams.npy").open("rb")))


def test_a_drawn_out_vowel_is_no_swap():
    """Yorkshire ``wheer``, ``theer``: the vowel drawn out, as dialect writes it, not two keys struck out of
    order; ``beacuse`` and ``thsi`` still are."""
    assert typing_slip("wheer", swaps_only=True) is None and typing_slip("theer", swaps_only=True) is None
    assert typing_slip("beacuse", swaps_only=True) == "because" and typing_slip("thsi", swaps_only=True) == "this"
