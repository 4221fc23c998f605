"""The document model: paragraphs, chapters, notes, scene breaks, emphasis, sentences,
tokens and quotations (telling apostrophes from quotes)."""

import pytest

from betareader.model import (
    APOSTROPHE, CLOSE, HEADING, NOTE, OPEN, POV, SCENE_BREAK, TEXT, TITLE, analyze_paragraph,
    analyze_quotes, build_document,
)


def roles(text):
    marks, _ = analyze_quotes(text)
    return [(text[m.pos], m.role) for m in marks]


@pytest.mark.parametrize(
    "text",
    [
        "Rock 'n' roll in the '90s.",
        "Give 'em hell, 'cause we're goin' home.",
        "The students' books were on the twins' desk.",
        "It's o'clock, y'all, ain't it?",
        "Rock ’n’ roll, ’em and the ’90s.",
    ],
)
def test_apostrophes_are_not_quotes(text):
    assert all(r == APOSTROPHE for _, r in roles(text)), roles(text)


def test_single_quote_dialogue_with_possessive_inside():
    text = "'The students' books are here,' she said, 'goin' nowhere.'"
    marks, quotes = analyze_quotes(text)
    assert [(q.open, q.close) for q in quotes] == [(0, 30), (42, 57)]
    assert marks[1].role == APOSTROPHE and marks[4].role == APOSTROPHE


def test_nested_quotes_alternate():
    text = "\"She said 'never,' and left.\""
    _, quotes = analyze_quotes(text)
    assert [(q.open, q.close, q.level, q.depth) for q in quotes] == [(0, 28, "double", 0), (10, 17, "single", 1)]


def test_em_dash_interruption_pairs_two_quotations():
    text = "\"I don't\"—she stepped back—\"know.\""
    _, quotes = analyze_quotes(text)
    assert [(q.open, q.close) for q in quotes] == [(0, 8), (27, 33)]


def test_curly_and_cutoff():
    assert roles("“Hello,” he said. “I was—”") == [("“", OPEN), ("”", CLOSE), ("“", OPEN), ("”", CLOSE)]
    assert roles('"I was-"') == [('"', OPEN), ('"', CLOSE)]


def test_unclosed_and_unopened():
    _, q = analyze_quotes('"Never closed')
    assert q[0].open == 0 and q[0].close is None
    _, q = analyze_quotes('Never opened."')
    assert q[0].open is None and q[0].close == 13


def test_paragraphs_chapters_notes_and_breaks():
    text = (
        "# My Story\n\nA/N: Thanks for reading! Constructive criticism welcome.\n\n"
        "## Chapter 1\n\nShe ran. *Why?* she thought.\n\n* * *\n\n[Maya's POV]\n\nHe waited.\n\n"
        "## Chapter 2\n\nNotes: this one is short.\n\nThey met.\n\nThe end came.\n\nNotes: see you next week!"
    )
    doc = build_document(text, format="md")
    kinds = [p.kind for p in doc.paragraphs]
    assert kinds == [TITLE, NOTE, HEADING, TEXT, SCENE_BREAK, POV, TEXT, HEADING, NOTE, TEXT, TEXT, NOTE]
    assert [c.title for c in doc.chapters] == ["My Story", "Chapter 1", "Chapter 2"]
    assert doc.words == len("She ran. Why? she thought. He waited. They met. The end came.".split())
    for p in doc.paragraphs:
        assert doc.text[p.start : p.end] == p.text
    para = doc.paragraphs[3]
    assert [para.text[s:e] for s, e in para.analysis.emphasis] == ["Why?"]
    assert para.analysis.markup == ((9, 10), (14, 15))


def test_plain_text_headings_and_line_paragraphs():
    text = "Chapter 1\nShe ran.\nHe followed.\n~~~\nII\nThey met."
    doc = build_document(text)
    assert [p.kind for p in doc.paragraphs] == [HEADING, TEXT, TEXT, SCENE_BREAK, HEADING, TEXT]
    assert len(doc.chapters) == 2


def test_blank_line_blocks_keep_verse_together():
    text = "She sang:\n\n“Roses are red,\nViolets are blue.”\n\nHe clapped.\n\nThe end."
    doc = build_document(text)
    assert [p.text for p in doc.paragraphs][1] == "“Roses are red,\nViolets are blue.”"


def test_hard_wrapped_text():
    para = "This is a long line of prose that wraps at about seventy characters\nand goes on here."
    text = "\n\n".join([para] * 6)
    doc = build_document(text)
    assert len(doc.paragraphs) == 6


def test_crlf_offsets_and_line_col():
    text = "First line.\r\nSecond , line.\r\n\r\nThird."
    doc = build_document(text)
    assert doc.line_col(text.index(" ,")) == (2, 7)
    # blank lines are the usual separator here, so a single line break stays inside a paragraph
    assert [p.text for p in doc.paragraphs] == ["First line.\r\nSecond , line.", "Third."]
    lines = build_document("One.\r\nTwo.\r\nThree.\r\nFour.\r\n\r\nFive.")
    assert [p.text for p in lines.paragraphs] == ["One.", "Two.", "Three.", "Four.", "Five."]


def test_multi_paragraph_speech_is_marked():
    text = '"When I was small,\n\n"we lived by the sea."\n\nHe nodded.'
    doc = build_document(text)
    assert doc.paragraphs[0].continues and not doc.paragraphs[1].continues


def test_sentences_and_tokens():
    a = analyze_paragraph('Mr. Smith left at 9 a.m. today. "Why?" she asked. He-he laughed. W-what?')
    sents = [a.text[s:e] for s, e in a.sentences]
    assert sents == ["Mr. Smith left at 9 a.m. today.", '"Why?" she asked.', "He-he laughed.", "W-what?"]
    toks = [a.text[s:e] for s, e in a.tokens]
    assert "W-what" in toks and "Mr" in toks


def test_style_detects_single_quote_dialogue_and_dash():
    text = "'Hello,' she said – quietly.\n\n'Hi,' he said – loudly.\n\n'Bye,' she said."
    doc = build_document(text)
    assert doc.style.dialogue_level == "single"
    assert doc.style.dash == " – "


def test_comment_directive_applies_to_next_paragraph():
    text = "<!-- betareader: ignore TYP006, TYP001 -->\n\nthe the cat .\n\nthe the dog ."
    doc = build_document(text, format="md")
    assert doc.paragraphs[0].kind == "comment"
    assert doc.paragraphs[1].ignore == frozenset({"TYP006", "TYP001"})
    assert doc.paragraphs[2].ignore is None
