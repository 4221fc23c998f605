"""Input formats: AO3 HTML, any HTML, EPUB (AO3, FanFicFare, any), DOCX and ODT.

The story in tests/fixtures/formats/story.md is saved in every format (the binary ones are
built here by fixtures/formats/builders.py); each must give the same error findings.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from betareader.config import Config
from betareader.engine import Engine
from betareader.errors import InputError
from betareader.loaders import input_format, load
from betareader.model import HEADING, NOTE, SCENE_BREAK, TEXT, TITLE
from betareader.model.blocks import Block, build_from_blocks
from betareader.rules.spelling import metadata_words
from fixtures.formats import builders

FORMATS = builders.FORMATS
STORY_ERRORS = [
    ("DLG001", "."), ("DLG002", "She"), ("GRM001", "of"), ("TYP006", "the the"),
    ("SPL001", "recieve"), ("GRM006", "Its"), ("GRM008", "then"),
]


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """The story in every format: name -> path."""
    d = tmp_path_factory.mktemp("formats")
    return {
        "txt": FORMATS / "story.txt",
        "md": FORMATS / "story.md",
        "ao3-html": FORMATS / "ao3_work.html",
        "ao3-epub": builders.ao3_epub(d / "ao3.epub"),
        "fanficfare-epub": builders.fanficfare_epub(d / "fff.epub"),
        "plain-epub": builders.plain_epub(d / "plain.epub"),
        "docx": builders.story_docx(d / "story.docx"),
        "odt": builders.story_odt(d / "story.odt"),
    }


@pytest.fixture(scope="module")
def engine():
    return Engine(Config())


def errors(engine, path) -> list[tuple[str, str]]:
    src = load(str(path))
    doc = src.document()
    assert doc.text == src.text
    result = engine.check(doc)
    by_code = {r.code: r for r in engine.rules}
    return [(f.code, doc.text[f.start:f.end]) for f in result.findings if by_code[f.code].kind == "error"]


@pytest.mark.parametrize("name", ["txt", "md", "ao3-html", "ao3-epub", "fanficfare-epub", "plain-epub", "docx", "odt"])
def test_same_error_findings_in_every_format(saved, engine, name):
    assert errors(engine, saved[name]) == STORY_ERRORS


@pytest.mark.parametrize("name", ["ao3-html", "ao3-epub", "fanficfare-epub", "plain-epub", "docx", "odt"])
def test_structure(saved, name):
    src = load(str(saved[name]))
    doc = src.document()
    kinds = [p.kind for p in doc.paragraphs]
    assert kinds.count(TITLE) == 1
    assert [p.text for p in doc.paragraphs if p.kind == HEADING] == ["Chapter 1: Salt", "Chapter 2: Glass"]
    assert [c.title for c in doc.chapters][-2:] == ["Chapter 1: Salt", "Chapter 2: Glass"]
    assert kinds.count(SCENE_BREAK) == 1
    story = [p.text for p in doc.story_paragraphs]
    assert len(story) == 8
    assert story[3].startswith("*I should of locked the door,* Maya thought.")  # italics kept as emphasis
    thought = doc.story_paragraphs[3]
    assert [thought.text[s:e] for s, e in thought.analysis.emphasis] == ["I should of locked the door,"]
    # every paragraph maps back to where it came from in the file
    for p in doc.paragraphs:
        origin = src.locate(p.start)
        assert origin is not None and origin.describe()
    assert src.locate(doc.story_paragraphs[0].start) == src.blocks[kinds.index(TEXT)].origin


def test_ao3_html_preface_chapters_afterword(saved):
    src = load(str(saved["ao3-html"]))
    doc = src.document()
    meta = doc.metadata
    assert meta["title"] == "The Lighthouse Keeper" and meta["authors"] == ["quillandsalt"]
    assert meta["fandoms"] == ["Original Work"]
    assert meta["relationships"] == ["Maya/Tamsin"]
    assert meta["characters"] == ["Maya", "Tamsin", "Odhran"]
    assert meta["tags"] == ["Lighthouses", "Storms", "Selkiewyrd"]
    assert meta["rating"] == ["General Audiences"] and meta["language"] == "English"
    assert meta["summary"] == "Two keepers, one storm, and a great deal of *broken* glass."
    notes = [p.text for p in doc.paragraphs if p.kind == NOTE]
    assert notes == ["Two keepers, one storm, and a great deal of *broken* glass.",
                     "Written for a prompt about the sea.", "The first night at the lighthouse.",
                     "More soon.", "Thank you for reading."]
    # AO3's own words are not the author's: no labels, no boilerplate, no tags in the text
    for boilerplate in ("Posted originally", "Summary", "Chapter Notes", "End Notes", "drop by the archive",
                        "See the end", "Preface", "Afterword", "General Audiences", "Published:", "by quillandsalt"):
        assert boilerplate not in src.text
    # the chapter end notes sit at the end of chapter 1, the work's end notes at the end
    ch1 = doc.chapters[1]
    assert doc.paragraphs[ch1.paragraphs[-1]].text == "More soon."


def test_ao3_one_chapter_work(tmp_path):
    html = (FORMATS / "ao3_work.html").read_text(encoding="utf-8")
    start = html.index('<div id="chapters"')
    end = html.index('<div id="afterword">')
    one = html[:start] + ('<div id="chapters" class="userstuff">\n<div class="userstuff">\n'
                          "<p>Maya lit the lamp.</p>\n<p>The sea was calm.</p>\n</div>\n</div>\n") + html[end:]
    path = tmp_path / "one.html"
    path.write_text(one, encoding="utf-8")
    doc = load(str(path)).document()
    assert [p.text for p in doc.story_paragraphs] == ["Maya lit the lamp.", "The sea was calm."]
    assert not [p for p in doc.paragraphs if p.kind == HEADING]


def test_tags_teach_the_speller(saved, engine, tmp_path):
    """A word of the work's own is learnt from its tags (AO3 and FanFicFare)."""
    line = "Odhran rowed out to them, singing old songs about the selkiewyrd."
    md = tmp_path / "story.md"
    md.write_text(builders.STORY_MD.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")
    html = (FORMATS / "ao3_work.html").read_text(encoding="utf-8")
    html = html.replace("there were more then yesterday.</p>", f"there were more then yesterday.</p>\n<p>{line}</p>")
    ao3 = tmp_path / "story.html"
    ao3.write_text(html, encoding="utf-8")

    def spelling(path):
        doc = load(str(path)).document()
        return [(f.code, doc.text[f.start:f.end]) for f in engine.check(doc).findings if f.code.startswith("SPL")]

    assert spelling(md) == [("SPL001", "recieve"), ("SPL005", "selkiewyrd")]
    assert spelling(ao3) == [("SPL001", "recieve")]
    assert {"Odhran", "Selkiewyrd", "Maya", "Tamsin"} <= metadata_words(load(str(ao3)).document())
    fff = load(str(saved["fanficfare-epub"])).document()
    assert {"Odhran", "Selkiewyrd", "Maya", "Tamsin"} <= metadata_words(fff)


def test_notes_are_spell_checked_but_get_no_craft_notes(engine, tmp_path):
    html = (FORMATS / "ao3_work.html").read_text(encoding="utf-8")
    cliche = "Maya let out a breath she didn't know she was holding."
    html = html.replace("Written for a prompt about the sea.", "Writen for a prompt. " + cliche)
    path = tmp_path / "notes.html"
    path.write_text(html, encoding="utf-8")
    doc = load(str(path)).document()
    engine_all = Engine(Config().merged(["ALL"], []))
    found = engine_all.check(doc).findings
    note = next(p for p in doc.paragraphs if p.kind == NOTE and "Writen" in p.text)
    in_note = [f.code for f in found if note.start <= f.start < note.end]
    assert "SPL001" in in_note
    assert "CRF010" not in in_note
    # the same cliché in story text is noted
    story = tmp_path / "story.md"
    story.write_text(cliche + "\n", encoding="utf-8")
    assert "CRF010" in [f.code for f in engine_all.check(load(str(story)).document()).findings]


def test_fanficfare_title_page_and_skipped_pages(saved):
    src = load(str(saved["fanficfare-epub"]))
    meta = src.metadata
    assert meta["source"] == "fanficfare"
    assert meta["fandoms"] == ["Original Work"] and meta["genre"] == ["Drama"]
    assert meta["relationships"] == ["Maya/Tamsin"] and meta["characters"] == ["Maya", "Tamsin", "Odhran"]
    assert meta["tags"] == ["Selkiewyrd"] and meta["authors"] == ["quillandsalt"]
    doc = src.document()
    assert [p.text for p in doc.paragraphs if p.kind == NOTE] == ["Two keepers, one storm."]
    for skipped in ("Table of Contents", "Update Log", "Status:", "Words:", "Category"):
        assert skipped not in src.text


def test_ao3_epub_metadata_and_calibre_italics(saved):
    src = load(str(saved["ao3-epub"]))
    assert src.metadata["source"] == "ao3"
    assert src.metadata["characters"] == ["Maya", "Tamsin", "Odhran"]
    assert "Posted originally" not in src.text and "drop by the archive" not in src.text
    assert "*I should of locked the door,*" in src.text  # <span class="calibre7"> is italic by the stylesheet


def test_generic_html_google_docs_export(tmp_path):
    """Google Docs' HTML: italics by class in a <style>, headings, centred asterisks."""
    html = """<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type">
<style type="text/css">.c2{font-style:italic}.c4{text-align:center}.c1{font-weight:700}</style></head>
<body class="c5 doc-content"><h1 class="c3"><span>Harbour Lights</span></h1>
<p class="c0"><span>Maya waited. </span><span class="c2">Not again,</span><span> she thought.</span></p>
<p class="c0 c4"><span>* * *</span></p><p class="c0"><span></span></p>
<p class="c0"><span class="c1">Bold</span><span>&nbsp;and then the tide came in&hellip;</span></p></body></html>"""
    path = tmp_path / "export.html"
    path.write_text(html, encoding="utf-8")
    src = load(str(path))
    doc = src.document()
    assert src.text == ("Harbour Lights\n\nMaya waited. *Not again,* she thought.\n\n* * *\n\n"
                        "Bold\u00a0and then the tide came in…")
    assert [p.kind for p in doc.paragraphs] == [HEADING, TEXT, SCENE_BREAK, TEXT]  # one h1: a heading, as in Markdown


def test_html_breaks_lists_pre_and_hidden(tmp_path):
    html = """<body><div>First line<br>second line<br/><br/>New paragraph</div>
<ul><li>One</li><li>Two <i>and</i> three</li></ul><pre>keep   this
  shape</pre><p hidden>secret</p><p style="display: none">also secret</p>
<p>un<i>believ</i>able <em> spaced </em>.</p><p>#</p></body>"""
    path = tmp_path / "page.htm"
    path.write_text(html, encoding="utf-8")
    src = load(str(path))
    assert src.text == ("First line\nsecond line\n\nNew paragraph\n\nOne\n\nTwo *and* three\n\n"
                        "keep   this\nshape\n\nunbelievable *spaced* .\n\n#")


def test_docx_details(tmp_path):
    import docx
    from docx.enum.text import WD_BREAK

    d = docx.Document()
    d.add_heading("Prologue", level=1)
    p = d.add_paragraph("She stopped.")
    p.add_run().add_break(WD_BREAK.LINE)
    p.add_run("Then she ran.")
    p = d.add_paragraph("Two  spaces ")
    r = p.add_run("kept")
    r.italic = True
    d.add_paragraph("#")
    quote = d.add_paragraph("A whole italic paragraph.", style="Quote")  # the Quote style is italic
    table = d.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "In a table."
    path = tmp_path / "details.docx"
    d.save(path)
    src = load(str(path))
    doc = src.document()
    assert src.text == ("Prologue\n\nShe stopped.\nThen she ran.\n\nTwo  spaces *kept*\n\n#\n\n"
                        "*A whole italic paragraph.*\n\nIn a table.")
    assert [p.kind for p in doc.paragraphs] == [HEADING, TEXT, TEXT, SCENE_BREAK, TEXT, TEXT]
    assert quote is not None


def test_blocks_entry_point_keeps_offsets_and_kinds():
    blocks = [Block("Title", TITLE, 1), Block("A/N: thanks!"), Block("Chapter One"), Block("She ran."),
              Block("~~~"), Block("  "), Block("Notes", NOTE)]
    doc = build_from_blocks(blocks, format="docx", metadata={"title": "Title"})
    assert doc.text == "Title\n\nA/N: thanks!\n\nChapter One\n\nShe ran.\n\n~~~\n\nNotes"
    assert [p.kind for p in doc.paragraphs] == [TITLE, NOTE, HEADING, TEXT, SCENE_BREAK, NOTE]
    for p in doc.paragraphs:
        assert doc.text[p.start:p.end] == p.text
    assert doc.metadata == {"title": "Title"}


def test_input_format_by_extension():
    assert input_format("a.HTML") == "html" and input_format("a.xhtml") == "html"
    assert input_format("a.epub") == "epub" and input_format("a.docx") == "docx" and input_format("a.odt") == "odt"
    with pytest.raises(InputError, match="PDF files are not supported"):
        input_format("a.pdf")
    with pytest.raises(InputError, match="not supported"):
        input_format("a.doc")


def _run(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "betareader", *args], capture_output=True, input=stdin,
                          env={**os.environ, "BETAREADER_NO_TAGGER": "1"}, timeout=120)


@pytest.mark.parametrize("name", ["ao3-html", "fanficfare-epub", "docx", "odt"])
def test_cli_text_and_check(saved, name):
    path = saved[name]
    before = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    text = _run("text", str(path))
    assert text.returncode == 0, text.stderr
    assert text.stdout.decode("utf-8") == load(str(path)).text
    check = _run("check", str(path), "--format", "json", "--select", "TYP,DLG")
    assert check.returncode == 1, check.stderr
    assert b'"TYP006"' in check.stdout
    assert hashlib.sha256(Path(path).read_bytes()).hexdigest() == before


def test_cli_stdin_with_input_format(saved):
    data = Path(saved["docx"]).read_bytes()
    proc = _run("text", "-", "--input-format", "docx", stdin=data)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode("utf-8").startswith("The Lighthouse Keeper\n\nChapter 1: Salt\n\n")


def test_epub3_written_by_ebooklib_skips_navigation(tmp_path):
    """An EPUB 3 with its navigation document in the spine (as ebooklib and Sigil write it)."""
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("id-1")
    book.set_title("Harbour Lights")
    book.set_language("en")
    book.add_author("quillandsalt")
    book.add_metadata("DC", "subject", "Selkiewyrd")
    c1 = epub.EpubHtml(title="One", file_name="one.xhtml", lang="en")
    c1.content = "<h1>One</h1><p>Maya waited by the <i>lamp</i>.</p><p>The tide turned.</p>"
    c2 = epub.EpubHtml(title="Two", file_name="two.xhtml", lang="en")
    c2.content = "<h1>Two</h1><p>Tamsin rowed home.</p>"
    for c in (c1, c2):
        book.add_item(c)
    book.toc = [c1, c2]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", c1, c2]
    path = tmp_path / "ebooklib.epub"
    epub.write_epub(str(path), book)
    src = load(str(path))
    assert src.text == "One\n\nMaya waited by the *lamp*.\n\nThe tide turned.\n\nTwo\n\nTamsin rowed home."
    assert src.metadata == {"title": "Harbour Lights", "authors": ["quillandsalt"], "tags": ["Selkiewyrd"]}
    doc = src.document()
    assert [c.title for c in doc.chapters] == ["One", "Two"]


def test_word_save_as_web_page(tmp_path):
    """Word's own HTML: MsoNormal paragraphs, o:p, conditional comments, &nbsp; spacers."""
    html = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]-->
<style><!-- p.MsoNormal {margin:0in;} --></style></head>
<body lang=EN-US style='tab-interval:.5in'><div class=WordSection1>
<p class=MsoNormal>Maya said, <i>not again</i>, and left.<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoNormal align=center style='text-align:center'>* * *<o:p></o:p></p>
<p class=MsoNormal><![if !supportLists]>1.<![endif]>Tamsin stayed.<o:p></o:p></p>
</div></body></html>"""
    path = tmp_path / "word.htm"
    path.write_bytes(html.encode("cp1252"))
    src = load(str(path))
    assert src.text == "Maya said, *not again*, and left.\n\n* * *\n\n1.Tamsin stayed."
    assert [p.kind for p in src.document().paragraphs] == [TEXT, SCENE_BREAK, TEXT]
