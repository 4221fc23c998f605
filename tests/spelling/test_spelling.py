"""The fiction-aware speller: what it must never flag, what it learns from the story, the personal
dictionary, and the error/craft split."""

import os
import subprocess
import sys
from importlib import resources

import pytest

from betareader.rules.base import Context
from betareader.rules.spelling import spelling_pass
from betareader.spelling import policy
from betareader.spelling.lexicon import fold, get_lexicon
from betareader.spelling.personal import change_words, read_words

from helpers import check


def spl(text, codes=("SPL001", "SPL002", "SPL003", "SPL004"), **cfg):
    res = check(text, select=list(codes), **cfg)
    return [text[f.start : f.end] for f in res.findings]


def craft(text):
    return spl(text, codes=("SPL005",))


# ---------------------------------------------------------------- never flagged (issue 4, item 3)

@pytest.mark.parametrize("text", [
    "\"W-what? I-I didn't. Th-this is b-b-bad,\" she stammered.",
    "\"Nooooo,\" he wailed. \"Sooo tired. Pleeeease. Whyyyy?\"",
    "Hm. Hmm. Mm. Mmph. Shh. Shhh. Psst. Tsk. Ugh. Argh. Huh. Oof. Ahh. Eww. Pfft. Hmph.",
    "\"Y'all gonna come? Ain't nothin' wrong with 'em. Lemme see, kinda, dunno, c'mon.\"",
    "\"Fuck. Shit. This is fucking bullshit, you motherfucker,\" she said. His cock, her clit, the blowjob.",
    "Mail me at someone@example.com or see https://archiveofourown.org/works/12345 and www.example.org/abc.",
    "\"WHAT ARE YOU DOING?\" she yelled. \"GET OUT!\" The FBI and NASA agreed.",
    "A well-worn, half-forgotten, seventy-three-year-old, devil-may-care hat.",
    "She realised the colour of the theatre; he realized the color of the theater.",
    "The café, the naïve fiancée, the résumé, Zoë's piñata.",
])
def test_never_flagged(text):
    assert spl(text) == []
    assert craft(text) == []


def test_dialect_voice_is_not_an_error():
    text = "\"Tha' knows nowt o' th' sperrit,\" said Martha, \"an' I'm goin' home wi' Dickon.\""
    assert spl(text) == []
    assert craft(text) == ["sperrit"]  # asked about, not called wrong


# ---------------------------------------------------------------- what it does flag

def test_typos_in_narration_and_plain_speech():
    text = "She didn't recieve teh letter. \"I beleive you,\" he said."
    assert spl(text) == ["recieve", "teh", "beleive"]


def test_suggestions_are_ranked_and_the_fix_is_unsafe():
    (f,) = check("She didn't recieve the letter.", select=["SPL001"]).findings
    assert f.suggestions[0] == "receive"
    assert f.fix.applicability == "unsafe"


def test_learned_names_capitalised_possessive_and_address():
    text = ("Odhran laughed. \"Odhran, come here,\" said Maya. Odhran's coat was wet. "
            "Maya's boots too. Then Quidditch, and Hogwarts.")
    assert spl(text) == []


def test_repeated_coinage_is_the_storys_own_but_a_one_off_is_asked_about():
    assert spl("The glimmerwort grew. She picked glimmerwort. More glimmerwort.") == []
    assert craft("The glimmerwort grew.") == ["glimmerwort"]


def test_rare_spelling_of_a_frequent_name():
    text = " ".join(["Hermione smiled."] * 12) + " Hermoine frowned."
    res = check(text, select=["SPL001", "SPL002"])
    assert [(f.code, text[f.start:f.end]) for f in res.findings] == [("SPL002", "Hermoine")]
    assert res.findings[0].suggestions == ("Hermione",)


def test_personal_dictionary_from_config_words():
    text = "The flumbrigax glowed and the recieve light dimmed."
    assert spl(text, words={"recieve"}) == []
    assert craft(text) == ["flumbrigax"]


def test_run_together_and_contractions():
    assert spl("They looked at eachother; I dont know, she did'nt.") == ["eachother", "dont", "did'nt"]


def test_sentence_start_slip_is_flagged_but_a_name_there_is_not():
    assert spl("It rained. Becuase of it, we stayed.") == ["Becuase"]
    assert spl("It rained. Odhran stayed in.") == []


# ---------------------------------------------------------------- model and caching

def test_paragraph_stage_is_cached_and_an_edit_rechecks_one_paragraph():
    paras = [f"Paragraph {i} says the wizzard walked far." for i in range(30)]
    check("\n\n".join(paras), select=["SPL001"])
    before = policy.paragraph_spelling.cache_info()
    paras[7] = "Paragraph 7 says the wizard walked farr."
    check("\n\n".join(paras), select=["SPL001"])
    after = policy.paragraph_spelling.cache_info()
    assert after.misses - before.misses == 1


def test_offsets_point_at_the_word_as_loaded():
    text = "Line one.\r\n\r\n“Ünïcode” then recieve — and teh end."
    res = check(text, select=["SPL001"])
    assert [text[f.start:f.end] for f in res.findings] == ["recieve", "teh"]


def test_error_and_craft_verdicts():
    doc_text = "\"I seen it,\" he said. \"It weren't nothin' but a varmint, an' a sperrit.\" She sighed."
    res = check(doc_text, select=["SPL"])
    kinds = {doc_text[f.start:f.end]: f.code for f in res.findings}
    assert kinds == {"sperrit": "SPL005"}


# ---------------------------------------------------------------- data

def test_vendored_word_lists():
    lex = get_lexicon()
    assert len(lex.words) == 344_283 and len(lex.rare) == 4_226
    assert len(lex.zipf_table) == 132_611
    assert lex.zipf("the") > 7 and lex.zipf("recieve") == 0.0
    for w in ("colour", "color", "realise", "realize", "don't", "théâtre" if False else "theatre"):
        assert lex.known(w), w
    for w in ("teh", "recieve", "alot", "definately", "belive", "fealing"):
        assert not lex.known(w), w
    base = resources.files("betareader").joinpath("data", "spelling")
    for name in ("LICENSE-SCOWL.txt", "ATTRIBUTION-wordfreq.txt"):
        assert base.joinpath(name).read_text(encoding="utf-8").strip()
    assert fold("Café’s") == "cafe's"


# ---------------------------------------------------------------- personal dictionary and add-word

def test_change_words_adds_once_removes_and_keeps_comments(tmp_path):
    d = tmp_path / "words.txt"
    d.write_text("# mine\nOdhran\n", encoding="utf-8")
    _, added, _ = change_words(["Maya", "Odhran", "Maya"], path=d)
    assert added == ["Maya"]
    _, _, removed = change_words([], ["Odhran"], path=d)
    assert removed == ["Odhran"]
    assert d.read_text(encoding="utf-8") == "# mine\nMaya\n"
    assert read_words(d) == {"Maya"}


def test_add_word_cli_then_check_uses_it(tmp_path):
    env = dict(os.environ, BETAREADER_DICTIONARY=str(tmp_path / "d" / "dictionary.txt"))
    story = tmp_path / "s.txt"
    story.write_text("The zarquon glowed, and she didn't recieve it.", encoding="utf-8")
    run = lambda *a: subprocess.run([sys.executable, "-m", "betareader", *a], capture_output=True, env=env, timeout=120)
    p = run("add-word", "recieve")
    assert p.returncode == 0 and b"added 1 word" in p.stdout
    p = run("check", "--select", "SPL001", str(story))
    assert p.returncode == 0, p.stdout
    p = run("add-word", "two words")
    assert p.returncode == 2 and p.stderr.startswith(b"betareader: error: not a word")


def test_metadata_tags_teach_the_speller():
    from betareader.engine import Engine
    from betareader.config import Config
    from betareader.model import build_document

    text = "Hermione glanced at Dracos. The nargles were back, said the glimbering Luna."
    doc = build_document(text)
    doc.metadata = {"characters": ["Draco Malfoy"], "tags": ["Nargles", "glimbering"],
                    "relationships": ["Hermione Granger/Draco Malfoy"]}
    found = [text[f.start:f.end] for f in Engine(Config(select=["SPL"])).check(doc).findings]
    assert "glimbering" not in found and "nargles" not in found


def test_rare_shadow_words_are_slips_in_narration_but_voice_in_speech():
    assert spl("She didn't belive him.") == ["belive"]
    assert spl("\"Yes, marm,\" he said.") == []
    assert "marm" in get_lexicon().rare


def test_three_of_a_letter_where_two_make_a_word_is_a_slip():
    assert spl("She counted threee apples.") == ["threee"]
    assert spl("\"Nooooo! Whaaat? Sooo tired,\" she said.") == []


def test_a_paragraph_in_another_language_is_left_alone():
    french = ("Le petit prince regardait les étoiles pendant que le renard dormait sous "
              "l'arbre, et personne ne savait pourquoi la rose pleurait encore ce soir-là.")
    assert spl(french) == [] and craft(french) == []
    assert spl("She didn't recieve it.\n\n" + french) == ["recieve"]


def test_a_text_that_is_not_english_is_not_spell_checked():
    import random

    rng = random.Random(3)
    gibberish = "\n\n".join(
        " ".join("".join(rng.choice("bcdfghjklmnpqrstvwxz") + rng.choice("aeiou") for _ in range(3)) for _ in range(6)) + "."
        for _ in range(40)
    )
    assert spl(gibberish) == [] and craft(gibberish) == []


# ---------------------------------------------------------------- story- and speaker-level dialect

def _plain_story(line: str, lines: int = 24) -> str:
    """A story of ``lines`` paragraphs of standard speech with ``line`` in the middle."""
    paras = [f"\"I put the {w} on the table,\" said Anna." for w in
             ("book", "cup", "lamp", "key", "plate", "coat", "bag", "note", "pen", "map", "box", "hat")] * 2
    paras = paras[:lines]
    paras.insert(lines // 2, line)
    return "\n\n".join(paras)


def test_in_a_story_of_plain_speech_an_odd_word_in_speech_is_a_slip():
    # one slip from a fairly common word (Zipf < 4: only an error where the characters speak plainly)
    text = _plain_story("\"I fell over the slipers,\" said Anna.")
    assert spl(text) == ["slipers"]
    # a rare SCOWL shadow word too: cors (course) is not a voice when nobody speaks dialect
    assert spl(_plain_story("\"Of cors I will,\" said Anna.")) == ["cors"]
    # too little speech to tell: asked about, not called wrong
    short = "\"I fell over the slipers,\" said Anna."
    assert spl(short) == [] and craft(short) == ["slipers"]


def test_in_a_story_with_dialect_speakers_odd_words_in_speech_stay_questions():
    dialect = "\"Tha' knows nowt o' th' moor, an' I'm goin' home wi' Dickon,\" said Martha."
    text = _plain_story("\"I fell over the slipers,\" said Anna.").replace(
        "\"I put the box on the table,\" said Anna.", dialect)
    assert policy.PLAIN_SPEECH_MAX < 1 / 25  # one dialect paragraph in 25 is enough
    assert spl(text) == [] and "slipers" in craft(text)


def test_a_dialect_speaker_s_odd_words_are_their_voice():
    # Hawk's tagged speech shows eye dialect twice: his other odd words are his voice, not slips
    paras = ["\"Tha' knows nowt o' th' boats, an' I'm goin' home,\" said Hawk.",
             "\"Ah, 'tain't nowt, an' I'm goin' 'ome,\" said Hawk.",
             "\"Yiss,\" said Hawk.",
             "\"Yiss,\" said Anna."]
    doc, ctx = _doc_ctx("\n\n".join(paras))
    starts = [p.start for p in doc.paragraphs]
    verdicts = {starts.index(s - c.start): why for s, e, c, why in spelling_pass(doc, ctx).items}
    assert verdicts == {2: "dialect in speech", 3: None}  # Hawk's "Yiss" is his voice; Anna's is a slip


def _doc_ctx(text):
    from betareader.model import build_document

    doc = build_document(text)
    return doc, Context(doc=doc, options={"words": set()})


def test_the_story_s_own_odd_words_mark_a_voice():
    # "haf" three times: Bhaer's voice; his "forgif" beside it is dialect, not a slip
    paras = ["\"I haf it here,\" said the Professor.", "\"You haf been kind,\" said the Professor.",
             "\"I haf waited, forgif me,\" said the Professor."]
    text = "\n\n".join(paras)
    assert spl(text) == []


def test_slip_of_a_very_common_word_by_cheap_edits():
    # two swaps from "think", a swap and a vowel from "said": slips, even far by plain edit distance
    assert spl("I tihkn she left. He seiad nothing.") == ["tihkn", "seiad"]
    assert policy.slip_of_common("tihkn") and not policy.slip_of_common("muckademuck")


def test_archaic_forms_and_compound_plurals_are_not_slips():
    assert spl("Because Thou savest such, and thou givest all.") == []
    assert spl("There is danger for him who taketh the tiger cub.") == []
    assert spl("One lovely mass of blue forget-me-nots grew there.") == []
    # a word far from English beside a foreign function word is part of a foreign phrase
    assert spl("Jetant son amarre au pilier, she sang.") == []


def test_three_of_a_letter_where_two_make_a_far_commoner_word_is_a_slip():
    assert spl("I have seeen it.") == ["seeen"]
    assert spl("\"Goood! Tooo late,\" she said.") == []


def test_a_word_beside_a_curly_contraction_is_not_taken_for_foreign():
    # don’t and I’ve are not accented words: "werry" beside them is no foreign phrase
    assert spl("“I don’t werry about it,” she said.") == ["werry"]
    assert spl("He wrote that I’ve sant it already.") == ["sant"]


# ---------------------------------------------------------------- letters and typing slips (spelling/shape.py)

def test_garbled_words_in_narration_are_errors_coinages_are_asked_about():
    """Letters in an order no frequent English word has, with a dictionary word close by, are a
    garbled slip; a coinage far from every word stays a question."""
    text = ("She was qtuie sure that the old boat had gone down the river before the storm came in.\n\n"
            "The flumbrigax glowed on the shelf by the window, and nobody said a word about it all night.\n\n"
            "They would hvea to wait until morning to find out where the boat had gone.")
    assert spl(text) == ["qtuie", "hvea"]
    assert craft(text) == ["flumbrigax"]
    # rare letters too, but the nearest word is far off (sluggard): a coinage, asked about
    coinage = "They sang old songs about the selkiewyrd until the fire burned low and the tide came in."
    assert spl(coinage) == [] and craft(coinage) == ["selkiewyrd"]


def test_swapped_letters_in_dialect_speech_are_errors():
    text = ("\"I'm goin' to the mill, beacuse I ain't got nothin' else,\" said Jem.\n\n"
            "\"Sas you,\" said Jem, \"an' I'm comin' too.\"")
    assert spl(text) == ["beacuse"]  # "sas" (says) is too short to call


def test_dialect_spelling_in_speech_stays_the_voice():
    text = "\"I'm goin' to see the sperrit, an' it's genuine,\" said Jem. \"Evvybody's comin'.\""
    assert spl(text) == []


def test_a_capitalised_slip_with_no_names_letters_is_no_name():
    text = "Later that night Iy went home, and Marigold followed with the lantern."
    assert spl(text) == ["Iy"]
    assert spl("The old man said he Thikns the boat will come back before the storm.") == ["Thikns"]
    assert spl("They went to Azkaban and then to Hogsmeade for the night.") == []


def test_a_cheap_slip_in_a_plain_line_of_a_dialect_story_is_an_error():
    """In a story where some characters speak dialect, a line that shows none still has its cheap
    slips of very common words called wrong; respellings two edits away stay questions."""
    from collections import Counter

    story = policy.StoryWords(Counter(), frozenset(), frozenset(), frozenset(), speech_dialect=0.2,
                              speech_paragraphs=50)
    assert not story.plain_speech

    def verdict(word):
        c = policy.Candidate(start=0, end=len(word), word=word, lower=word, reason="unknown", dialogue=True,
                             emphasis=False, capital=False, sentence_start=False, near=policy.near_common(word))
        return policy.judge(c, story, frozenset())

    assert verdict("owudl") == ("error", "slip in speech") and verdict("seiad") == ("error", "slip in speech")
    assert verdict("sperrit")[0] == "craft" and verdict("bleeve")[0] == "craft"


def test_plurals_after_a_hissing_sound_need_es():
    text = "The branchs of the old oak scraped the roof, and the boxs by the door were soaked."
    assert spl(text) == ["branchs", "boxs"]
    assert spl("The stomachs of the monarchs growled through the elations of the feast.") == []


def test_two_of_the_commonest_words_run_together():
    text = "She left the key onthe table and went out, itwas late. \"I'm goin' now,\" she said. \"Goin home.\""
    res = check(text, select=["SPL003"])
    got = [(text[f.start:f.end], f.fix.edits[0].text, f.fix.applicability) for f in res.findings]
    assert got == [("onthe", "on the", "unsafe"), ("itwas", "it was", "unsafe")]
    listed = check("They looked at eachother.", select=["SPL003"]).findings
    assert [f.fix.applicability for f in listed] == ["safe"]


def _speech_verdict(word, dialect=0, voice=1, emphasis=False, dialogue=True):
    """The speller's verdict on ``word`` in a story where some characters speak dialect."""
    from collections import Counter

    story = policy.StoryWords(Counter(), frozenset(), frozenset(), frozenset(), speech_dialect=0.2,
                              speech_paragraphs=50)
    c = policy.Candidate(start=0, end=len(word), word=word, lower=word, reason="unknown", dialogue=dialogue,
                         emphasis=emphasis, capital=False, sentence_start=False, near=policy.near_common(word),
                         dialect=dialect, voice=voice)
    return policy.judge(c, story, frozenset())


def test_a_one_off_respelling_of_a_commonest_word_in_a_plain_line_is_a_slip():
    """``abould`` (about), ``thigsn`` (things): a voice that respelt words this common would do it all
    through a character's lines. With an ending added (``thatun``, ``littlun``) it is how speech is
    written; in a line that shows a voice, or of a rarer word, it stays a question."""
    assert _speech_verdict("abould") == ("error", "slip in speech")
    assert _speech_verdict("thigsn") == ("error", "slip in speech")
    assert _speech_verdict("thatun")[0] == "craft" and _speech_verdict("littlun")[0] == "craft"
    assert _speech_verdict("abould", dialect=3)[0] == "craft"
    assert _speech_verdict("sperrit")[0] == "craft"  # spirit is not among the commonest words
    assert spl("\"I told him abould it,\" she said.") == ["abould"]
    assert spl("\"Did we run outa gas?\" he asked.") == [] and craft("\"Did we run outa gas?\" he asked.") == ["outa"]


def test_a_line_of_speech_with_three_odd_words_is_a_voice():
    assert _speech_verdict("mortyfied", dialect=3, voice=3) == (None, "voice")
    assert _speech_verdict("mortyfied", dialect=2, voice=2)[0] == "craft"
    text = "\"Me loves evvybody, an' me's tummin to tuddy my lessin,\" said the child."
    assert spl(text) == [] and craft(text) == []
    # swapped letters are still a slip there: a voice never swaps letters
    assert _speech_verdict("beacuse", dialect=3, voice=3) == ("error", "swapped letters in speech")


def test_italic_and_quoted_words_are_asked_about_only_when_they_look_like_slips():
    assert _speech_verdict("hoenst", emphasis=True, dialogue=False) == ("craft", "italic word")
    for word in ("parti", "desperandum", "abroady", "stupide"):
        assert _speech_verdict(word, emphasis=True, dialogue=False) == (None, "italic word"), word
    assert craft("She said it was *hoenst* work, and meant it.") == ["hoenst"]
    text = "He called her a good *parti*, and the \"go abroady\" trunk stood by the door."
    assert craft(text) == [] and spl(text) == []


def test_a_word_quoted_inside_speech_is_a_mention():
    text = "\"Mr. Laurence's bed would be ‘aisy,’ I think,\" said Beth."
    assert spl(text) == [] and craft(text) == []
    # a whole quoted sentence inside speech is still speech
    assert craft("\"He said, ‘Tha' knows nowt o' th' sperrit,’ an' left,\" said Martha.") == ["sperrit"]


def test_a_plural_the_lexicon_lacks_is_excused_only_for_a_rarer_noun():
    """``elations``, ``goodnights``: plurals of rarer nouns the lexicon does not list. ``thoughs``,
    ``lates``, ``togethers``: the lexicon would list the plural of a word that common if it had one."""
    assert all(policy.inflected(w) for w in ("elations", "goodnights"))
    assert not any(policy.inflected(w) for w in ("thoughs", "lates", "togethers"))
    assert spl("Even thoughs the rain was late, the lates trains ran on.") == ["thoughs", "lates"]
    assert spl("The elations of the morning faded, and they said their goodnights.") == []


def test_dialect_adverbs_in_s_are_the_voice():
    assert spl("\"I looked everywheres and anywheres, but he warn't nowheres,\" said Huck.") == []


def test_a_drawn_out_vowel_in_a_dialect_line_is_asked_about():
    text = "\"Tha' knows wheer th' robin's nest is, doesn't tha'?\" said Dickon."
    assert spl(text) == [] and craft(text) == ["wheer"]
