"""Dialogue: the analysis (quotations linked to tags and beats) and the DLG rules.

Every sentence here was written for these tests.  Rule cases are written once with straight
double quotes and checked in four forms: straight double, curly double, straight single
(British) and curly single.  The conversions change one character for one character, so
excerpt spans are the same in every form.  British forms are followed by a few correct
single-quote speeches (``_BRITISH_TAIL``) so the story's dialogue level is single quotes.
"""

from __future__ import annotations

import re

import pytest

from betareader.analysis.dialogue import BEAT, TAG, THOUGHT, Speech, speeches
from betareader.config import Config
from betareader.engine import Engine
from betareader.fix import apply_fixes
from betareader.model import APOSTROPHE, DOUBLE, SINGLE, build_document
from betareader.rules import REGISTRY
from betareader.rules.base import CRAFT, ERROR

# --------------------------------------------------------------------------- helpers

_BRITISH_TAIL = "\n\n'Come in,' he said.\n\n'Thanks,' she said.\n\n'Sit down,' he said."

_ENGINES: dict[tuple, Engine] = {}


def run(text: str, select=("DLG",), dialect: str = "en-US", fmt: str = "txt"):
    key = (tuple(select), dialect)
    if key not in _ENGINES:
        _ENGINES[key] = Engine(Config(select=list(select), dialect=dialect))
    return _ENGINES[key].check_text(text, format=fmt)


def found(text: str, code: str | None = None, select=("DLG",), **kw):
    res = run(text, select=select, **kw)
    return [f for f in res.findings if code is None or f.code == code]


def excerpts(text: str, findings) -> list[str]:
    return [text[f.start : f.end] for f in findings]


def errors(text: str, select=("DLG",), **kw) -> list[tuple[str, str, str]]:
    """(code, excerpt, message) of every error-kind finding."""
    return [
        (f.code, text[f.start : f.end], f.message)
        for f in found(text, select=select, **kw)
        if REGISTRY.get(f.code).kind == ERROR
    ]


def _opens(text: str, i: int) -> bool:
    prev = text[i - 1] if i else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    return (prev == "" or prev.isspace() or prev in "—(") and nxt != "" and not nxt.isspace()


def to_curly(text: str) -> str:
    """Straight double quotes to curly ones; every single straight quote becomes ’."""
    out = []
    for i, ch in enumerate(text):
        if ch == '"':
            out.append("“" if _opens(text, i) else "”")
        elif ch == "'":
            out.append("’")
        else:
            out.append(ch)
    return "".join(out)


def to_british(text: str, curly: bool = False) -> str:
    """Double-quote dialogue (without apostrophes) to single-quote dialogue."""
    assert "'" not in text
    out = []
    for i, ch in enumerate(text):
        if ch == '"':
            out.append(("‘" if _opens(text, i) else "’") if curly else "'")
        else:
            out.append(ch)
    tail = _BRITISH_TAIL.replace("'", "’").replace("\n’", "\n‘") if curly else _BRITISH_TAIL
    return "".join(out) + tail


def forms(text: str) -> dict[str, str]:
    """The quote styles a straight double-quote case is checked in."""
    out = {"straight": text, "curly": to_curly(text)}
    if "'" not in text:
        out["british"] = to_british(text)
        out["british-curly"] = to_british(text, curly=True)
    return out


def convert(form: str, text: str) -> str:
    return forms(text)[form]


def speeches_of(text: str, paragraph: int = 0) -> tuple[str, tuple[Speech, ...]]:
    """The text of one paragraph and its speeches at the story's dialogue level."""
    doc = build_document(text)
    p = doc.paragraphs[paragraph]
    return p.text, speeches(p.analysis, doc.style.dialogue_level)


def quoted(ptext: str, sp: Speech) -> str:
    end = sp.close + 1 if sp.close is not None else len(ptext)
    return ptext[sp.open : end]


def span(ptext: str, s: tuple[int, int]) -> str:
    return ptext[s[0] : s[1]]


# --------------------------------------------------------------------------- the analysis


def test_forms_helper_is_length_preserving():
    text = '"I don\'t"—she stepped back—"know."'
    assert to_curly(text) == "“I don’t”—she stepped back—“know.”"
    assert to_british('"Wait—" he said.', curly=True).startswith("‘Wait—’ he said.")
    for t in forms('"If you go," she said, "take the dog."').values():
        assert t.startswith(("\"If", "“If", "'If", "‘If"))
        assert len(t.split("\n\n")[0]) == len('"If you go," she said, "take the dog."')


@pytest.mark.parametrize("form", ["straight", "curly", "british", "british-curly"])
def test_tag_after(form):
    ptext, (sp,) = speeches_of(convert(form, '"Stay," she said.'))
    assert quoted(ptext, sp)[1:-1] == "Stay,"
    assert sp.end_mark == ","
    a = sp.attribution
    assert (a.kind, a.verb, a.verb_class, a.subject, a.position, a.inverted) == (
        TAG, "say", "speech", "she", "after", False,
    )
    assert span(ptext, a.subject_span) == "she" and span(ptext, a.verb_span) == "said"
    assert a.pronoun and a.speaker == "she"
    assert not sp.continues_sentence


@pytest.mark.parametrize("form", ["straight", "curly", "british", "british-curly"])
def test_tag_inverted(form):
    ptext, (sp,) = speeches_of(convert(form, '"Stay," said Maya.'))
    a = sp.attribution
    assert (a.kind, a.verb, a.subject, a.position, a.inverted) == (TAG, "say", "Maya", "after", True)
    assert span(ptext, a.verb_span) == "said" and span(ptext, a.subject_span) == "Maya"
    assert not a.pronoun and a.speaker == "Maya"


@pytest.mark.parametrize("form", ["straight", "curly", "british", "british-curly"])
@pytest.mark.parametrize(
    "text,subject,verb,base",
    [
        ('She said, "Stay."', "She", "said", "say"),
        ('Maya whispered: "Stay."', "Maya", "whispered", "whisper"),
        ('She said quietly, "Stay."', "She", "said", "say"),
    ],
)
def test_tag_before(form, text, subject, verb, base):
    ptext, (sp,) = speeches_of(convert(form, text))
    assert quoted(ptext, sp)[1:-1] == "Stay."
    assert sp.end_mark == "."
    a = sp.attribution
    assert (a.kind, a.verb, a.subject, a.position, a.inverted) == (TAG, base, subject, "before", False)
    assert span(ptext, a.subject_span) == subject and span(ptext, a.verb_span) == verb
    assert not sp.continues_sentence
    assert errors(convert(form, text)) == []


@pytest.mark.parametrize("form", ["straight", "curly", "british", "british-curly"])
def test_tag_in_the_middle_of_a_split_quote(form):
    text = convert(form, '"If you go," she said, "take the dog."')
    ptext, (first, second) = speeches_of(text)
    assert quoted(ptext, first)[1:-1] == "If you go,"
    assert quoted(ptext, second)[1:-1] == "take the dog."
    assert first.attribution.position == "after" and not first.continues_sentence
    assert second.continues_sentence
    a = second.attribution
    assert (a.kind, a.verb, a.subject, a.position) == (TAG, "say", "she", "middle")
    # the same tag, the same words
    assert a.subject_span == first.attribution.subject_span
    assert errors(text) == []


@pytest.mark.parametrize("form", ["straight", "curly", "british", "british-curly"])
def test_new_sentence_after_tag_is_not_a_split_quote(form):
    text = convert(form, '"Go," she said. "Take the dog."')
    ptext, (first, second) = speeches_of(text)
    assert first.attribution.position == "after"
    assert not second.continues_sentence
    assert second.attribution is None
    assert errors(text) == []


@pytest.mark.parametrize(
    "text",
    [
        '"I don\'t"—she stepped back—"know."',
        "“I don’t”—she stepped back—“know.”",
        "'I don't'—she stepped back—'know.'" + _BRITISH_TAIL,
        "‘I don’t’—she stepped back—‘know.’" + to_british("", curly=True),
    ],
)
def test_interruption_by_an_action_with_em_dashes(text):
    ptext, sps = speeches_of(text)
    assert [quoted(ptext, sp)[1:-1] for sp in sps] == ["I don’t" if "’t" in ptext else "I don't", "know."]
    assert all(sp.attribution is None for sp in sps)
    assert not any(sp.continues_sentence for sp in sps)
    for dialect in ("en-US", "en-GB"):
        assert [(f.code, text[f.start : f.end]) for f in found(text, select=("DLG", "TYP"), dialect=dialect)] == []


@pytest.mark.parametrize(
    "text,inner",
    [
        ('"She said \'never,\' and left," Tom said.', "never,"),
        ("“She said ‘never,’ and left,” Tom said.", "never,"),
        ("'She said \"never,\" and left,' Tom said." + _BRITISH_TAIL, "never,"),
        ("‘She said “never,” and left,’ Tom said." + to_british("", curly=True), "never,"),
    ],
)
def test_nested_quotes_one_outer_speech_tagged_to_the_outer_speaker(text, inner):
    doc = build_document(text)
    p = doc.paragraphs[0]
    ptext, sps = speeches_of(text)
    (sp,) = sps
    assert quoted(ptext, sp)[1:-1].startswith("She said")
    assert sp.end_mark == ","
    a = sp.attribution
    assert (a.kind, a.verb, a.subject, a.position) == (TAG, "say", "Tom", "after")
    # the inner quotation is there, one level down, and is not a speech of its own
    nested = [q for q in p.analysis.quotations if q.depth == 1]
    assert len(nested) == 1
    assert ptext[nested[0].open + 1 : nested[0].close] == inner
    assert errors(text, select=("DLG", "TYP")) == []


@pytest.mark.parametrize(
    "text,words",
    [
        ('"Rock \'n\' roll in the \'90s was goin\' places," she said.', ["'n'", "'90s", "goin'"]),
        ("“Rock ’n’ roll in the ’90s was goin’ places,” she said.", ["’n’", "’90s", "goin’"]),
    ],
)
def test_apostrophes_at_word_edges_inside_double_quote_dialogue(text, words):
    doc = build_document(text)
    p = doc.paragraphs[0]
    ptext, (sp,) = speeches_of(text)
    assert quoted(ptext, sp) == ptext[: ptext.index(" she")]
    assert sp.end_mark == ","
    assert (sp.attribution.kind, sp.attribution.subject) == (TAG, "she")
    singles = [m for m in p.analysis.marks if m.level == SINGLE]
    assert len(singles) == 4 and all(m.role == APOSTROPHE for m in singles)
    for w in words:
        assert w in quoted(ptext, sp)
    assert errors(text, select=("DLG", "TYP")) == []


@pytest.mark.parametrize("curly", [False, True])
@pytest.mark.parametrize(
    "line,body",
    [
        ("'The students' books are here,' she said.", "The students' books are here,"),
        ("'Rock 'n' roll in the '90s was goin' places,' she said.", "Rock 'n' roll in the '90s was goin' places,"),
        ("'Me an' the lads was fishin' till dark,' he said.", "Me an' the lads was fishin' till dark,"),
    ],
)
def test_apostrophes_at_word_edges_inside_british_dialogue(line, body, curly):
    text = line + _BRITISH_TAIL
    if curly:
        text = "‘" + text[1:].replace("'", "’").replace("\n’", "\n‘")
        body = body.replace("'", "’")
    doc = build_document(text)
    assert doc.style.dialogue_level == SINGLE
    ptext, (sp,) = speeches_of(text)
    assert quoted(ptext, sp)[1:-1] == body
    assert sp.end_mark == ","
    assert (sp.attribution.kind, sp.attribution.verb, sp.attribution.position) == (TAG, "say", "after")
    assert errors(text, select=("DLG", "TYP"), dialect="en-GB") == []


def test_multi_paragraph_speech_analysis_and_no_errors():
    text = (
        '"The first thing you learn," Gran said, "is patience.\n\n'
        '"The second thing is salt. Always salt.\n\n'
        '"And the third is never to tell anyone the first two."'
    )
    doc = build_document(text)
    assert [p.continues for p in doc.paragraphs] == [True, True, False]
    ptext, (first, second) = speeches_of(text)
    assert second.close is None and second.continues_sentence
    assert second.attribution.position == "middle"
    assert errors(text, select=("DLG", "TYP")) == []


@pytest.mark.parametrize("dialect", ["en-US", "en-GB"])
@pytest.mark.parametrize(
    "text",
    [
        # curly
        "“The first thing you learn,” Gran said, “is patience.\n\n"
        "“The second thing is salt. Always salt.\n\n"
        "“And the third is never to tell anyone the first two.”",
        # British, with its own short exchange after
        "'Listen,' said Harry. 'The boat isn't coming.\n\n"
        "'The captain sold the route to a man from the mainland.\n\n"
        "'So we walk.'\n\n'Fine,' she said.\n\n'Good,' he said.",
    ],
)
def test_multi_paragraph_speech_other_styles_no_errors(text, dialect):
    doc = build_document(text)
    assert doc.paragraphs[0].continues and doc.paragraphs[1].continues
    assert errors(text, select=("DLG", "TYP"), dialect=dialect) == []


def test_question_mark_before_tag():
    ptext, (sp,) = speeches_of('"Why?" she asked.')
    assert sp.end_mark == "?" and sp.attribution.verb == "ask" and sp.attribution.subject == "she"
    assert found('"Why?" she asked.') == []
    text = '"Why?" He asked.'
    (f,) = found(text)
    assert (f.code, text[f.start : f.end]) == ("DLG002", "He")


@pytest.mark.parametrize(
    "text,fixed",
    [
        ('"Stay." Maya said.', '"Stay," Maya said.'),
        ('"Stay." She said.', '"Stay," she said.'),
    ],
)
def test_name_tag_keeps_capital_pronoun_tag_is_lowercased(text, fixed):
    ptext, (sp,) = speeches_of(text)
    assert sp.attribution.kind == TAG and sp.attribution.position == "after"
    fs = found(text)
    assert [f.code for f in fs] == ["DLG001"]
    assert apply_fixes(text, fs)[0] == fixed
    assert apply_fixes(text, fs, unsafe=True)[0] == fixed


def test_beat_with_speech_verb_later_in_the_sentence():
    text = '"Fine," she smiled and said.'
    ptext, (sp,) = speeches_of(text)
    assert (sp.attribution.kind, sp.attribution.verb) == (BEAT, "smile")
    assert found(text, "DLG004") == []
    assert errors(text) == []
    # the beat alone is the error
    text = '"Fine," she smiled.'
    assert excerpts(text, found(text, "DLG004")) == [","]


@pytest.mark.parametrize("text", ['"Fine," she laughed.', '"Fine." She laughed.', '"Why?" She laughed.'])
def test_verbs_that_are_both_speech_and_action_fire_nothing(text):
    ptext, (sp,) = speeches_of(text)
    assert sp.attribution.verb == "laugh" and sp.attribution.verb_class == "both"
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    ['"Stay." She said nothing.', '"Stay." She returned to the kitchen.', '"Stay." She answered the phone.'],
)
def test_tag_verb_with_an_object_is_not_a_tag(text):
    ptext, (sp,) = speeches_of(text)
    assert sp.attribution is None
    assert found(text) == []


def test_a_beat_is_analysed_as_a_beat():
    ptext, (sp,) = speeches_of('"Stay." Maya turned.')
    a = sp.attribution
    assert (a.kind, a.verb, a.verb_class, a.subject, a.position) == (BEAT, "turn", "beat", "Maya", "after")
    assert found('"Stay." Maya turned.') == []


def test_descriptor_tags():
    ptext, (sp,) = speeches_of('"Stay," said the old man.')
    assert (sp.attribution.subject, sp.attribution.inverted) == ("the old man", True)
    ptext, (sp,) = speeches_of('"Stay," Mr. Bennet replied.')
    assert (sp.attribution.subject, sp.attribution.verb) == ("Mr. Bennet", "reply")


def test_thought_tag():
    ptext, (sp,) = speeches_of("\"What now?\" she thought.")
    assert (sp.attribution.kind, sp.attribution.verb) == (THOUGHT, "think")


# --------------------------------------------------------------------------- rule cases

FORMS = ["straight", "curly", "british", "british-curly"]

# (id, code, text, excerpts, fixed with safe fixes only, fixed with unsafe fixes too)
FIRES = [
    # DLG001 period before a tag
    ("dlg001-pronoun", "DLG001", '"Stay." she said.', ["."], '"Stay," she said.', '"Stay," she said.'),
    ("dlg001-name", "DLG001", '"Stay." Maya said.', ["."], '"Stay," Maya said.', '"Stay," Maya said.'),
    ("dlg001-cap-pronoun", "DLG001", '"Stay." She said.', ["."], '"Stay," she said.', '"Stay," she said.'),
    ("dlg001-inverted", "DLG001", '"Stay." said Maya.', ["."], '"Stay," said Maya.', '"Stay," said Maya.'),
    ("dlg001-i", "DLG001", '"Stay." I said.', ["."], '"Stay," I said.', '"Stay," I said.'),
    ("dlg001-prep", "DLG001", '"Stay." She said to him.', ["."], '"Stay," she said to him.', '"Stay," she said to him.'),
    # DLG002 capitalised pronoun in the tag
    ("dlg002-question", "DLG002", '"Why?" He asked.', ["He"], '"Why?" he asked.', '"Why?" he asked.'),
    ("dlg002-comma", "DLG002", '"Stay," She said.', ["She"], '"Stay," she said.', '"Stay," she said.'),
    ("dlg002-exclamation", "DLG002", '"Now!" She shouted.', ["She"], '"Now!" she shouted.', '"Now!" she shouted.'),
    ("dlg002-dash", "DLG002", '"Wait—" He said.', ["He"], '"Wait—" he said.', '"Wait—" he said.'),
    ("dlg002-ellipsis", "DLG002", '"Stay…" She said.', ["She"], '"Stay…" she said.', '"Stay…" she said.'),
    # DLG003 missing punctuation before the closing mark
    ("dlg003-tag", "DLG003", '"Stay" she said.', ['y"'], '"Stay," she said.', '"Stay," she said.'),
    ("dlg003-question", "DLG003", '"Why" she asked.', ['y"'], '"Why" she asked.', '"Why?" she asked.'),
    ("dlg003-demand", "DLG003", '"Where are you going" she demanded.', ['g"'],
     '"Where are you going" she demanded.', '"Where are you going?" she demanded.'),
    ("dlg003-new-sentence", "DLG003", '"I\'m tired" The door slammed.', ['d"'],
     '"I\'m tired" The door slammed.', '"I\'m tired." The door slammed.'),
    ("dlg003-both-verb", "DLG003", '"Go away" he laughed.', ['y"'], '"Go away" he laughed.', '"Go away," he laughed.'),
    ("dlg003-beat", "DLG003", '"Go away" she smiled.', ['y"'], '"Go away" she smiled.', '"Go away." She smiled.'),
    # DLG004 a beat punctuated as a tag
    ("dlg004-pronoun", "DLG004", '"Fine," she smiled.', [","], '"Fine," she smiled.', '"Fine." She smiled.'),
    ("dlg004-name", "DLG004", '"Fine," Maya smiled.', [","], '"Fine," Maya smiled.', '"Fine." Maya smiled.'),
    ("dlg004-question", "DLG004", '"Why?" she smiled.', ["she"], '"Why?" she smiled.', '"Why?" She smiled.'),
    # DLG005 split quote continuing with a capital ("take" is written in lowercase elsewhere)
    ("dlg005", "DLG005", '"If you go," she said, "Take the dog." I take the dog everywhere.', ["Take"],
     '"If you go," she said, "take the dog." I take the dog everywhere.',
     '"If you go," she said, "take the dog." I take the dog everywhere.'),
    # DLG006 two speakers in one paragraph (no fix)
    ("dlg006-names", "DLG006", '"Hi," Maya said. "Hello," Tamsin said.', ['"'],
     '"Hi," Maya said. "Hello," Tamsin said.', '"Hi," Maya said. "Hello," Tamsin said.'),
    ("dlg006-pronouns", "DLG006", '"Hi," he said. "Hello," she said.', ['"'],
     '"Hi," he said. "Hello," she said.', '"Hi," he said. "Hello," she said.'),
    ("dlg006-i-and-he", "DLG006", '"Hi," I said. "Hello," he said.', ['"'],
     '"Hi," I said. "Hello," he said.', '"Hi," I said. "Hello," he said.'),
    # DLG007 punctuation outside the closing mark (en-US)
    ("dlg007-period", "DLG007", '"Stay". She left.', ['".'], '"Stay." She left.', '"Stay." She left.'),
    ("dlg007-narration", "DLG007", 'He said "stay".', ['".'], 'He said "stay."', 'He said "stay."'),
    ("dlg007-split", "DLG007", '"Wait for me", she said, "and bring the map".', ['",', '".'],
     '"Wait for me," she said, "and bring the map."', '"Wait for me," she said, "and bring the map."'),
    # DLG008 stuttered name (the name appears elsewhere mid-sentence)
    ("dlg008", "DLG008", '"H-harry?" she whispered. Nobody had seen Harry for a week.', ["H-harry"],
     '"H-Harry?" she whispered. Nobody had seen Harry for a week.',
     '"H-Harry?" she whispered. Nobody had seen Harry for a week.'),
    ("dlg008-triple", "DLG008", '"T-t-tom?" she asked, and then Tom came in.', ["T-t-tom"],
     '"T-t-Tom?" she asked, and then Tom came in.', '"T-t-Tom?" she asked, and then Tom came in.'),
]

# (id, code, text): the rule must not fire, nor any other DLG error rule
CLEAN = [
    ("dlg001-comma", "DLG001", '"Stay," she said.'),
    ("dlg001-beat", "DLG001", '"Stay." She smiled.'),
    ("dlg001-object", "DLG001", '"Stay." She said nothing.'),
    ("dlg001-both", "DLG001", '"Fine." She laughed.'),
    ("dlg001-ellipsis", "DLG001", '"I was..." she said.'),
    ("dlg001-motion", "DLG001", '"Stay." She returned to the kitchen.'),
    ("dlg001-before", "DLG001", 'She said, "Stay."'),
    ("dlg002-lower", "DLG002", '"Why?" she asked.'),
    ("dlg002-i", "DLG002", '"Why?" I asked.'),
    ("dlg002-name", "DLG002", '"Why?" Maya asked.'),
    ("dlg002-both", "DLG002", '"Why?" She laughed.'),
    ("dlg002-beat", "DLG002", '"Why?" She smiled.'),
    ("dlg002-dash", "DLG002", '"Wait—" he said.'),
    ("dlg003-comma", "DLG003", '"Stay," she said.'),
    ("dlg003-quoted-word", "DLG003", 'He called it "home" and left.'),
    ("dlg003-quoted-word-2", "DLG003", 'The sign on the door said "Closed" and nothing else.'),
    ("dlg003-period", "DLG003", '"Stay." The door slammed.'),
    ("dlg004-tag", "DLG004", '"Fine," she said.'),
    ("dlg004-speech-later", "DLG004", '"Fine," she smiled and said.'),
    ("dlg004-both", "DLG004", '"Fine," she laughed.'),
    ("dlg004-period", "DLG004", '"Fine." She smiled.'),
    ("dlg004-phrasal", "DLG004", '"Fine," she pointed out.'),
    ("dlg005-lower", "DLG005", '"If you go," she said, "take the dog." I take the dog everywhere.'),
    ("dlg005-name", "DLG005", '"If you see him," she said, "Harry will know." She went to find Harry before dawn.'),
    ("dlg005-i", "DLG005", '"If you go," she said, "I go too." I go everywhere with you.'),
    ("dlg005-new-sentence", "DLG005", '"Go," she said. "Take the dog." I take the dog everywhere.'),
    ("dlg006-name-pronoun", "DLG006", '"Hi," Maya said. "Hello," she said.'),
    ("dlg006-inverted-then-pronoun", "DLG006", '"Hi," said Holmes. "Come in," he added.'),
    ("dlg006-same-name", "DLG006", '"Hi," Maya said. "Hello," Maya said again.'),
    ("dlg006-descriptor", "DLG006", '"Hi," the taller man said. "Hello," Maya said.'),
    ("dlg006-split", "DLG006", '"If you go," she said, "take the dog."'),
    ("dlg007-inside", "DLG007", '"Stay." She left.'),
    ("dlg007-inside-comma", "DLG007", '"Stay," she said.'),
    ("dlg008-what", "DLG008", '"W-what?" she asked. What Harry wanted, nobody knew.'),
    ("dlg008-i", "DLG008", '"I-I can\'t," she said.'),
    ("dlg008-no-name-elsewhere", "DLG008", '"H-harry?" she whispered.'),
]


def _params(cases):
    return [
        pytest.param(form, *case[1:], id=f"{case[0]}-{form}")
        for case in cases
        for form in FORMS
        if form in forms(case[2])
    ]


@pytest.mark.parametrize("form,code,text,expected,safe_fixed,unsafe_fixed", _params(FIRES))
def test_rule_fires(form, code, text, expected, safe_fixed, unsafe_fixed):
    straight = found(text, code)
    assert excerpts(text, straight) == expected, f"{code} on {text!r}"
    if form == "straight":
        mine = straight
        fixed_safe, fixed_unsafe = safe_fixed, unsafe_fixed
        variant = text
    else:
        variant = convert(form, text)
        mine = found(variant, code)
        # one character for one character: the same spans in every quote style
        assert [(f.start, f.end) for f in mine] == [(f.start, f.end) for f in straight]
        fixed_safe, fixed_unsafe = convert(form, safe_fixed), convert(form, unsafe_fixed)
    assert apply_fixes(variant, mine)[0] == fixed_safe
    assert apply_fixes(variant, mine, unsafe=True)[0] == fixed_unsafe
    # nothing fixable is left for the rule, and the fixed text raises no other DLG error
    after = [f for f in found(fixed_unsafe, code) if f.fix is not None]
    assert after == []
    if REGISTRY.get(code).fix_availability == "never":
        assert all(f.fix is None for f in mine)
    else:
        others = [e for e in errors(fixed_unsafe) if e[0] != code]
        assert others == []


@pytest.mark.parametrize("form,code,text", _params(CLEAN))
def test_rule_does_not_fire(form, code, text):
    variant = text if form == "straight" else convert(form, text)
    assert excerpts(variant, found(variant, code)) == []
    assert errors(variant) == []


FIX_SAFETY = {
    "DLG001": {"safe"},
    "DLG002": {"safe"},
    "DLG004": {"unsafe"},
    "DLG005": {"safe"},
    "DLG007": {"safe"},
    "DLG008": {"safe"},
}


@pytest.mark.parametrize("code,safety", sorted(FIX_SAFETY.items()))
def test_fix_applicability(code, safety):
    for case in FIRES:
        if case[1] == code:
            assert {f.fix.applicability for f in found(case[2], code)} == safety, case[0]


def test_dlg003_fix_applicability_by_case():
    assert [f.fix.applicability for f in found('"Stay" she said.', "DLG003")] == ["safe"]
    assert [f.fix.applicability for f in found('"Why" she asked.', "DLG003")] == ["unsafe"]
    assert [f.fix.applicability for f in found('"Go away" he laughed.', "DLG003")] == ["unsafe"]
    assert [f.fix.applicability for f in found('"Go away" she smiled.', "DLG003")] == ["unsafe"]
    (f,) = found('"I\'m tired" The door slammed.', "DLG003")
    assert f.fix.applicability == "unsafe" and set(f.suggestions) == {".", "?", "!"}


def test_dlg006_points_at_the_second_speech_and_has_no_fix():
    text = '"Hi," Maya said. "Hello," Tamsin said.'
    (f,) = found(text, "DLG006")
    assert f.start == text.index('"Hello')
    assert f.fix is None
    assert "Tamsin" in f.message and "Maya" in f.message


@pytest.mark.parametrize(
    "text",
    [
        '"Stay". She left.',
        'He said "stay".',
        '"Wait for me", she said, "and bring the map".',
        "“Stay”. She left.",
        "'Stay'. She left." + _BRITISH_TAIL,
        "'Wait for me', she said, 'and bring the map'." + _BRITISH_TAIL,
    ],
)
def test_dlg007_is_silent_in_british_english(text):
    assert found(text, "DLG007", dialect="en-GB") == []
    assert found(text, "DLG007", dialect="en-US") != []


def test_dlg007_on_british_single_quotes_in_american_english():
    text = "'Stay', she said." + _BRITISH_TAIL
    fs = found(text, "DLG007")
    assert excerpts(text, fs) == ["',"]
    assert apply_fixes(text, fs)[0] == "'Stay,' she said." + _BRITISH_TAIL


def test_dlg008_never_fires_on_ordinary_stutters():
    text = '"W-what?" Harry asked. "W-why would you say that?"\n\nHarry sat down. "I-I don\'t know," he said.'
    assert found(text, "DLG008") == []


def test_dlg005_character_named_mid_sentence_in_another_paragraph():
    text = (
        '"If you see him," she said, "Odhran will know."\n\n'
        "She had gone to find Odhran before dawn, and she would take the dog."
    )
    assert found(text, "DLG005") == []
    # an ordinary word the story writes in lowercase does fire
    text2 = text.replace("Odhran will know", "Take the dog")
    assert excerpts(text2, found(text2, "DLG005")) == ["Take"]


# --------------------------------------------------------------------------- DLG009

_ITALIC_STORY = (
    "*I hate this,* she thought.\n\n"
    "*Not again,* he thought as the bell rang.\n\n"
    "*Almost there,* Maya thought.\n\n"
    "{odd} she thought.\n\n"
    '"Come on," Tom said.'
)


@pytest.mark.parametrize("fmt", ["md", "txt"])
@pytest.mark.parametrize("odd", ["'What now?'", "‘What now?’"])
def test_dlg009_italics_majority_single_quote_thought(odd, fmt):
    text = _ITALIC_STORY.format(odd=odd)
    res = run(text, select=("DLG",), fmt=fmt)
    fs = [f for f in res.findings if f.code == "DLG009"]
    assert excerpts(text, fs) == [odd]
    (f,) = fs
    assert "italics 3, single quotes 1" in f.message
    assert "mostly uses italics" in f.message
    assert f.fix is None and f.severity == "info"
    assert REGISTRY.get("DLG009").kind == CRAFT
    # a craft note only: no error-kind finding in the story
    assert errors(text, fmt=fmt) == []


def test_dlg009_counts_each_minority_use():
    text = _ITALIC_STORY.format(odd="'What now?'") + "\n\n'Too late,' she thought."
    fs = found(text, "DLG009", fmt="md")
    assert excerpts(text, fs) == ["'What now?'", "'Too late,'"]
    assert all("italics 3, single quotes 2" in f.message for f in fs)


def test_dlg009_one_convention_is_silent():
    text = _ITALIC_STORY.format(odd="*What now?*")
    assert found(text, "DLG009", fmt="md") == []
    text2 = "'What now?' she thought.\n\n'Too late,' he thought.\n\n\"Come on,\" Tom said."
    assert found(text2, "DLG009") == []


def test_dlg009_colons_majority():
    text = (
        "::Can you hear me?:: she sent.\n\n::Loud and clear.:: he sent back.\n\n"
        "::Good.:: she sent.\n\n'Stop shouting,' he thought.\n\n\"Fine,\" she said."
    )
    fs = found(text, "DLG009")
    assert excerpts(text, fs) == ["'Stop shouting,'"]
    assert "::colons:: 3, single quotes 1" in fs[0].message


# --------------------------------------------------------------------------- a correct story

STORY = """\
The ferry was late, and the harbour smelled of diesel and rain.

"You said six o'clock," Maya said. She checked her watch again. "It's nearly seven."

"I said *about* six," said Odhran. He leaned against the railing. "Boats don't read timetables."

She laughed. "Nothing round here reads a timetable."

*He's stalling,* she thought. *He always stalls when he's hiding something.*

Odhran whispered, "There's somebody on the pier."

"Where?" she asked.

"By the crates." He pointed. "The man in the grey coat. He's been watching us since we got here."

"If he's watching us," Maya said, "then he already knows why we came."

"That's what worries me."

"I don't"—she stepped back from the railing—"want to be here when the ferry docks."

"You told me 'no more running,' and now you want to run?" Odhran said.

"W-wait," she said. "Did he just wave?"

The man in the grey coat lifted his hat. Maya knew the gesture at once.

"H-Harry?" she whispered.

Harry walked toward them with his hands in his pockets. He looked older, thinner, and very tired.

"I thought you'd drowned," Maya said quietly.

"Nearly did," Harry said. "Listen, both of you, because I'll only say this once.

"The boat isn't coming. The captain sold the route to a man from the mainland, and the man from the mainland sold it to somebody worse.

"So we walk. Tonight. Before the tide turns."

Odhran frowned. "Walk where?"

"Over the causeway, o' course," Harry said. "Been doin' it since the '80s. Rock 'n' roll and wet boots, that's the island life."

"You're mad," Odhran muttered.

"I'm practical," said Harry. "There's a difference, though I'll grant it's a small one."

Maya looked at the black water and then at the two men. *One night,* she thought. *I can manage one night.*

"Fine," she said. "But if we drown, I'm haunting you both."

"Fair enough." Harry grinned. "Follow me, and mind the weed. It's slippery."

They went down the steps to the causeway. The wind had dropped, and the stones shone under the moon.

"Wait…" Odhran stopped halfway across. "Do you hear that?"

"Hear what?" Maya asked.

"Nothing," he said at last. "Nothing at all. That's the problem."

Harry didn't turn round. "Keep walking," he said. "Whatever you hear, keep walking."
"""


def _curly_story(text: str) -> str:
    text = re.sub(r'(?:(?<=^)|(?<=[\s—]))"', "“", text, flags=re.M).replace('"', "”")
    return text.replace("'no more running,'", "‘no more running,’").replace("'", "’")


def _british_story(text: str) -> str:
    text = text.replace("'no more running,'", "\0")
    text = text.replace('"', "'")
    return text.replace("\0", '"no more running,"')


def test_story_is_about_forty_lines_of_varied_dialogue():
    assert len(STORY.splitlines()) >= 40
    doc = build_document(STORY, format="md")
    kinds = {
        (sp.attribution.kind, sp.attribution.position, sp.attribution.inverted)
        for p in doc.paragraphs
        for sp in speeches(p.analysis, DOUBLE)
        if sp.attribution is not None
    }
    assert {(TAG, "after", False), (TAG, "after", True), (TAG, "before", False), (TAG, "middle", False)} <= kinds
    assert (BEAT, "after", False) in kinds
    assert sum(p.continues for p in doc.paragraphs) == 2


@pytest.mark.parametrize("dialect", ["en-US", "en-GB"])
@pytest.mark.parametrize("fmt", ["md", "txt"])
@pytest.mark.parametrize("style", ["straight", "curly", "british"])
def test_correct_story_has_no_dlg_errors(style, fmt, dialect):
    text = {"straight": STORY, "curly": _curly_story(STORY), "british": _british_story(STORY)}[style]
    doc = build_document(text, format=fmt)
    assert doc.style.dialogue_level == (SINGLE if style == "british" else DOUBLE)
    assert errors(text, fmt=fmt, dialect=dialect) == []
    # the story is correct: no craft note on thoughts either, and nothing from TYP
    assert excerpts(text, found(text, fmt=fmt, dialect=dialect)) == []
    assert errors(text, select=("TYP",), fmt=fmt, dialect=dialect) == []


# ------------------------------------------------------------- regressions (bugs found, fixed)


def test_bug_dlg001_capitalised_inverted_tag():
    text = '"Stay." Said Maya.'
    fs = found(text, "DLG001")
    assert excerpts(text, fs) == ["."]
    assert apply_fixes(text, fs)[0] == '"Stay," said Maya.'


def test_bug_dlg002_three_dot_ellipsis_before_capitalised_tag():
    text = '"I was..." She said.'
    fs = found(text, "DLG002")
    assert excerpts(text, fs) == ["She"]
    assert apply_fixes(text, fs)[0] == '"I was..." she said.'


def test_bug_dlg001_capitalised_descriptor_tag():
    text = '"Stay." The old man said.'
    ptext, (sp,) = speeches_of(text)
    assert sp.attribution is not None and sp.attribution.subject == "The old man"
    fs = found(text, "DLG001")
    assert excerpts(text, fs) == ["."]
    assert apply_fixes(text, fs)[0] == '"Stay," the old man said.'
