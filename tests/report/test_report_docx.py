"""The Word report: one margin comment per finding, anchored on exactly its words, the
author's formatting kept for a .docx input, a clean document for other inputs."""

import io
import json
import subprocess
import sys
import zipfile

import docx
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from docx.shared import RGBColor
from lxml import etree

from betareader.loaders import load
from betareader.report import docx_report
from betareader.report.file_report import FileReport
from betareader.rules.base import Finding

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

STORY = """# The Lighthouse Keeper

Wren climbed the the stairs two at a time , her lantern swinging.

"Is anyone up here ?" she called. Nobody answered, so she kept going.

* * *

The lamp room was cold. *Of course it is,* she thought, and i set the lantern down.

She had alot of questions and no one to ask.
"""


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "betareader", *args], capture_output=True, input=stdin)


def comments_of(path) -> dict[int, str]:
    """Comment id -> its text, from word/comments.xml."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/comments.xml"))
    out = {}
    for c in root.findall("w:comment", NS):
        out[int(c.get(f"{{{W}}}id"))] = "\n".join("".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
                                                 for p in c.findall("w:p", NS))
    return out


def anchored_text(path) -> dict[int, str]:
    """Comment id -> the text between its commentRangeStart and commentRangeEnd, in document order."""
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    open_ids: set[int] = set()
    out: dict[int, list[str]] = {}
    for el in root.iter():
        if el.tag == f"{{{W}}}commentRangeStart":
            i = int(el.get(f"{{{W}}}id"))
            open_ids.add(i)
            out[i] = []
        elif el.tag == f"{{{W}}}commentRangeEnd":
            open_ids.discard(int(el.get(f"{{{W}}}id")))
        elif el.tag == f"{{{W}}}t":
            for i in open_ids:
                out[i].append(el.text or "")
    return {i: "".join(v) for i, v in out.items()}


def findings_json(path, fmt=None) -> list[dict]:
    args = ["check", str(path), "--format", "json"] + (["--input-format", fmt] if fmt else [])
    proc = run(*args)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)["files"][0]["findings"]


def check_comments(report_path, findings):
    comments = comments_of(report_path)
    anchors = anchored_text(report_path)
    letters = [i for i, t in comments.items() if t.startswith(docx_report.LETTER_TITLE)]
    assert len(letters) == 1
    per_finding = {i: t for i, t in comments.items() if i not in letters}
    # exactly one comment per finding, in the order of the findings (sorted by start)
    assert len(per_finding) == len(findings)
    ordered = sorted(findings, key=lambda f: (f["start"], f["end"], f["code"]))
    for (cid, text), f in zip(sorted(per_finding.items()), ordered):
        assert text.startswith(f"{f['code']} {f['name']} ({f['kind']}): {f['message']}")
        if f["excerpt"]:
            assert anchors[cid].replace("*", "") == f["excerpt"].replace("*", ""), (f, anchors[cid])
    return per_finding


def test_markdown_story_becomes_a_commented_word_file(tmp_path):
    story = tmp_path / "story.md"
    story.write_text(STORY, encoding="utf-8")
    out = tmp_path / "review.docx"
    proc = run("check", str(story), "--format", "docx", "--output", str(out))
    assert proc.returncode == 1, proc.stderr  # it has errors
    assert proc.stdout == b""
    findings = findings_json(story)
    codes = {f["code"] for f in findings}
    assert {"TYP006", "TYP001", "TYP007", "GRM002"} <= codes
    comments = check_comments(out, findings)
    doubled = next(t for t in comments.values() if t.startswith("TYP006"))
    assert "Fix: delete" in doubled or "Fix:" in doubled
    d = docx.Document(str(out))
    # structure: heading style, centred scene break, italics as italic runs without the marks
    assert d.paragraphs[0].style.name.startswith("Heading") and d.paragraphs[0].text == "The Lighthouse Keeper"
    brk = next(p for p in d.paragraphs if p.text == "* * *")
    assert brk.alignment is not None
    thought = next(p for p in d.paragraphs if "Of course it is," in p.text)
    assert "*" not in thought.text
    assert any(r.italic and r.text == "Of course it is," for r in thought.runs)
    assert all(c.author == "betareader" for c in d.comments)


def test_every_comment_text_has_fix_or_suggestions(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("She had alot of time.\n\nHe went their yesterday.\n", encoding="utf-8")
    out = tmp_path / "r.docx"
    run("check", str(story), "--format", "docx", "-o", str(out))
    texts = [t for t in comments_of(out).values() if not t.startswith(docx_report.LETTER_TITLE)]
    alot = next(t for t in texts if t.startswith("GRM002"))
    assert "Fix: “alot” → “a lot”" in alot


def _styled_docx(path):
    d = docx.Document()
    d.add_paragraph("Night Shift", style="Title")
    d.add_heading("Chapter One", level=1)
    p = d.add_paragraph(style="Quote")
    p.add_run("Wren climbed ")
    b = p.add_run("the the")
    b.bold = True
    b.font.color.rgb = RGBColor(0xC0, 0x10, 0x20)
    p.add_run(" stairs two at a time")
    i = p.add_run(" , and waited.")
    i.italic = True
    p2 = d.add_paragraph()
    p2.add_run("She had ")
    p2.add_run("a").bold = True
    p2.add_run("lot of questions , and i knew it.")
    d.save(path)
    return path


def _char_formats(document) -> list[list[tuple]]:
    """Per paragraph: its style and each character with its run's bold, italic, colour and style."""
    out = []
    for p in document.paragraphs:
        chars = [(p.style.name,)]
        for r in p.runs:
            fmt = (r.bold, r.italic, str(r.font.color.rgb) if r.font.color and r.font.color.type else None,
                   r.style.name if r.style is not None else None)
            if r.style is not None and r.style.name == "Comment Reference":
                continue
            chars.extend((c, *fmt) for c in r.text)
        out.append(chars)
    return out


def test_word_input_keeps_the_authors_formatting(tmp_path):
    src = _styled_docx(tmp_path / "story.docx")
    before = src.read_bytes()
    out = tmp_path / "review.docx"
    proc = run("check", str(src), "--format", "docx", "--output", str(out))
    assert proc.returncode == 1, proc.stderr
    findings = findings_json(src)
    assert {"TYP006", "TYP001"} <= {f["code"] for f in findings}
    check_comments(out, findings)
    assert _char_formats(docx.Document(str(out))) == _char_formats(docx.Document(str(src)))
    assert src.read_bytes() == before  # the input is only read
    # the doubled words in the bold red run are the anchor, split out of their neighbours
    anchors = anchored_text(out)
    assert "the the" in anchors.values()


def test_overlapping_and_cross_paragraph_findings_each_get_a_comment(tmp_path):
    story = tmp_path / "s.txt"
    story.write_text("One two three four.\n\nFive six seven.\n", encoding="utf-8")
    src = load(str(story))
    doc = src.document()
    text = doc.text
    a, b = text.index("two"), text.index("four")
    findings = [
        Finding("TYP006", a, b, "first"),
        Finding("TYP001", text.index("three"), text.index("six") + 3, "crosses the paragraph break"),
        Finding("TYP007", a, a + 3, "inside the first"),
        Finding("TYP004", text.index("seven"), text.index("seven"), "an empty span"),
    ]
    r = FileReport(src.path, src.format, doc, findings, {}, ())
    out = tmp_path / "r.docx"
    assert docx_report.write([r], str(out)) == 4
    comments = comments_of(out)
    anchors = anchored_text(out)
    by_msg = {t.split(": ", 1)[1].split("\n")[0]: anchors[i] for i, t in comments.items() if ": " in t}
    assert by_msg["first"] == "two three "
    assert by_msg["crosses the paragraph break"] == "three four."
    assert by_msg["inside the first"] == "two"
    assert by_msg["an empty span"] in ("s", " ")  # widened to a neighbouring character
    assert len(comments) == 5  # the letter too


def test_docx_needs_an_output_file(tmp_path):
    story = tmp_path / "s.txt"
    story.write_text("A short story , told.\n", encoding="utf-8")
    proc = run("check", str(story), "--format", "docx")
    assert proc.returncode == 2
    assert proc.stderr.decode().count("\n") == 1 and "--output" in proc.stderr.decode()


def test_pride_and_prejudice_excerpt_every_finding_commented(tmp_path):
    """A public-domain excerpt read as plain text: every finding has exactly one comment."""
    import pathlib

    book = pathlib.Path("/work/shared/corpus/fiction/jane-austen_pride-and-prejudice.txt")
    if not book.exists():
        pytest.skip("corpus not available")
    text = book.read_text(encoding="utf-8")[:60_000]
    story = tmp_path / "pp.txt"
    story.write_text(text + "\n\nShe had alot of time , and the the garden.\n", encoding="utf-8")
    out = tmp_path / "pp.docx"
    run("check", str(story), "--format", "docx", "-o", str(out))
    check_comments(out, findings_json(story))


@pytest.mark.parametrize("name", ["ao3_work.html", "ao3.epub", "story.odt", "story.docx"])
def test_other_formats(tmp_path, name):
    """HTML, EPUB and ODT stories become a clean Word document; a Word story is commented in place."""
    import pathlib

    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "formats"))
    import builders

    formats = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "formats"
    path = {"ao3_work.html": lambda: formats / "ao3_work.html", "ao3.epub": lambda: builders.ao3_epub(tmp_path / "ao3.epub"),
            "story.odt": lambda: builders.story_odt(tmp_path / "story.odt"),
            "story.docx": lambda: builders.story_docx(tmp_path / "story.docx")}[name]()
    out = tmp_path / "review.docx"
    proc = run("check", str(path), "--format", "docx", "-o", str(out))
    assert proc.returncode in (0, 1), proc.stderr
    findings = findings_json(path)
    assert findings
    check_comments(out, findings)
    import os

    assert os.stat(out).st_mode & 0o044  # readable like any new file, not mkstemp's 0600


RUN_TEXT = st.text(alphabet="ab *,.\t\n", min_size=0, max_size=8)


@settings(max_examples=150, deadline=None)
@given(runs=st.lists(st.tuples(RUN_TEXT, st.booleans()), min_size=1, max_size=8))
@example(runs=[("a", True), (" *\n", False)])  # a closing italic mark once took the file's own star
def test_word_map_points_every_character_at_its_source(runs):
    """For any runs (italic or not, with spaces, tabs, breaks and literal stars), each character
    of the text the loader reads maps back to the same character in the file, except the
    ``*`` the loader writes around italics."""
    from betareader.loaders.word import open_docx

    d = docx.Document()
    p = d.add_paragraph()
    for text, italic in runs:
        r = p.add_run(text)
        r.italic = italic or None
    buf = io.BytesIO()
    d.save(buf)
    mapped = open_docx(buf.getvalue(), "x.docx")
    for m in mapped.paragraphs:
        text = m.block.text
        assert len(m.offsets) == len(text)
        assert any(o is not None for o in m.offsets)
        seen = [o for o in m.offsets if o is not None]
        assert seen == sorted(set(seen))
        for c, o in zip(text, m.offsets):
            if o is None:
                assert c == "*"
                continue
            el, k = m.chars[o]
            src = el.text[k] if k is not None else str(el)
            assert c == src or (c == " " and src in "\t")


def test_markdown_bold_and_italics_become_word_formatting(tmp_path):
    import docx

    from betareader.config import Config
    from betareader.engine import Engine
    from betareader.report import docx_report
    from betareader.report.file_report import FileReport

    text = "**A/N:** thanks!\n\nShe said it was *very* late, and **nobody** came."
    res = Engine(Config()).check_text(text, format="md")
    d, _ = docx_report._clean_document(FileReport("s.md", "md", res.doc, res.findings, res.summary))
    out = tmp_path / "s.docx"
    d.save(out)
    runs = [(r.text, bool(r.bold), bool(r.italic)) for p in docx.Document(out).paragraphs for r in p.runs]
    assert ("A/N:", True, False) in runs and ("very", False, True) in runs
    assert ("nobody", True, False) in runs
    assert not any("*" in t for t, _, _ in runs)
