"""The Markdown report (letter, findings per chapter with line:column, story text escaped) and
SARIF 2.1.0 (required fields, code-point regions that match the document, fixes)."""

import json
import re
import subprocess
import sys

from markdown_it import MarkdownIt

from betareader.config import Config
from betareader.engine import Engine
from betareader.model import build_document
from betareader.report import markdown as md_report
from betareader.report import sarif
from betareader.report.file_report import FileReport
from betareader.rules import REGISTRY
from betareader.rules.base import Edit, Finding, Fix

STORY = """# Chapter One

🙂🙂 She typed the the word *twice* , and a [link](javascript:alert(1)) appeared beside bold text.

"It's `code` | not a table ," he said, and i laughed at <b>$5</b> & ~tilde~ things.

Maya walked to the window and looked out at the rain for a long, long time before she spoke again.

# Chapter Two

"Fine," Maya said quietly. "We will see tomorrow ."
"""


def report_for(text: str, fmt: str = "md", extra: tuple = ()) -> FileReport:
    doc = build_document(text, format=fmt, path="story.md")
    res = Engine(Config()).check(doc)
    return FileReport("story.md", fmt, doc, list(res.findings) + list(extra), res.summary, ())


# --------------------------------------------------------------------------- Markdown
def test_markdown_structure_and_positions():
    r = report_for(STORY)
    out = md_report.render([r])
    assert out.startswith("# betareader report: story.md\n")
    assert "## Findings" in out and "### Chapter One" in out and "### Chapter Two" in out
    if r.summary.get("priorities"):
        assert "## Beta letter" in out and "### What would help most" in out
    lines = re.findall(r"^- \*\*(\d+):(\d+)\*\* `([A-Z]{3}\d{3})`", out, re.M)
    assert len(lines) == len(r.findings) >= 4
    expected = sorted((r.doc.line_col(f.start), f.code) for f in r.findings)
    assert sorted(((int(a), int(b)), c) for a, b, c in lines) == expected
    # findings come under their own chapter
    two = out.split("### Chapter Two", 1)[1]
    assert "tomorrow" in two and "the the" not in two
    # each fix is shown
    assert "fix: “the the” → “the”" in out


def test_markdown_story_text_is_escaped():
    r = report_for(STORY)
    out = md_report.render([r])
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(out)
    # nothing from the story became markup
    assert "<a " not in html and "<b>" not in html and "<script" not in html
    assert "<em>twice</em>" not in html and "<s>" not in html
    assert "<code>code</code>" not in html
    # and the story's characters survive as text
    assert "*twice*" in html and "[link](javascript:alert(1))" in html and "&lt;b&gt;$5&lt;/b&gt; &amp; ~tilde~" in html
    assert "`code` | not a table" in html


def test_markdown_hostile_messages_escaped():
    bad = Finding("SPL001", 0, 4, "'<img src=x onerror=alert(1)>' [x](javascript:alert(1))", suggestions=("*x*",))
    r = report_for("Some words here, plain and simple, in one short line.\n", "txt", extra=(bad,))
    html = MarkdownIt("commonmark").render(md_report.render([r]))
    assert "<img" not in html and "<a " not in html and "<em>" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_markdown_escape_every_special():
    for ch in "\\`*_[]<>|~$&":
        assert md_report.escape(f"a{ch}b") == f"a\\{ch}b"
    assert md_report.escape("line\nnext") == "line⏎next"


# --------------------------------------------------------------------------- SARIF
def check_region(doc, reg: dict, start: int, end: int) -> None:
    sl, sc = doc.line_col(start)
    el, ec = doc.line_col(end)
    assert (reg["startLine"], reg["startColumn"], reg["endLine"], reg["endColumn"]) == (sl, sc, el, ec)
    assert (reg["charOffset"], reg["charLength"]) == (start, end - start)
    assert sl >= 1 and sc >= 1


def test_sarif_required_fields_and_regions():
    fix = Finding("TYP006", 3, 8, "made up", fix=Fix((Edit(3, 5, "X"), Edit(6, 8, "")), "unsafe"))
    r = report_for(STORY, extra=(fix,))
    data = json.loads(sarif.render([r]))
    assert data["version"] == "2.1.0" and data["$schema"].endswith("sarif-2.1.0.json")
    assert isinstance(data["runs"], list) and len(data["runs"]) == 1
    run = data["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert driver["name"] == "betareader"
    rules = driver["rules"]
    ids = [x["id"] for x in rules]
    assert ids == sorted({f.code for f in r.findings})
    for rd in rules:
        rule = REGISTRY.get(rd["id"])
        assert rd["name"] == rule.name
        assert rd["shortDescription"]["text"] == rule.summary_line()
        assert rd["fullDescription"]["text"] and "##" not in rd["fullDescription"]["text"]
        assert "## Why it matters" in rd["help"]["text"]
        assert rd["defaultConfiguration"]["level"] in ("error", "warning", "note")
    results = run["results"]
    assert len(results) == len(r.findings)
    doc = r.doc
    by_span = sorted(r.findings, key=lambda f: (f.start, f.end, f.code))
    for res, f in zip(results, by_span):
        rule = REGISTRY.get(f.code)
        assert res["ruleId"] == f.code and rules[res["ruleIndex"]]["id"] == f.code
        assert res["message"]["text"] == f.message
        if rule.kind == "craft":
            assert res["level"] == "note"
        else:
            assert res["level"] == ("error" if (f.severity or rule.severity) == "error" else "warning")
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == "story.md"
        check_region(doc, loc["region"], f.start, f.end)
        assert loc["region"]["snippet"]["text"] == doc.text[f.start:f.end]
        if f.fix is not None:
            (change,) = res["fixes"][0]["artifactChanges"]
            reps = change["replacements"]
            edits = sorted(f.fix.edits, key=lambda e: (e.start, e.end))
            assert len(reps) == len(edits)
            for rep, e in zip(reps, edits):
                check_region(doc, rep["deletedRegion"], e.start, e.end)
                assert rep["insertedContent"]["text"] == e.text
        else:
            assert "fixes" not in res
    assert any("fixes" in res for res in results)


def test_sarif_columns_are_code_points():
    """Two emoji (each one code point, two UTF-16 units) before the finding on its line."""
    r = report_for(STORY)
    doc = r.doc
    data = sarif.to_dict([r])
    dup = next(res for res in data["runs"][0]["results"] if res["ruleId"] == "TYP006")
    reg = dup["locations"][0]["physicalLocation"]["region"]
    line_text = doc.text.splitlines()[reg["startLine"] - 1]
    assert line_text.startswith("🙂🙂")
    assert line_text[reg["startColumn"] - 1 : reg["endColumn"] - 1] == "the the"


def test_sarif_cli_and_several_files(tmp_path):
    a = tmp_path / "a b.txt"
    a.write_text("It was a a dark night , and the rain fell.\n", encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("A clean line of text with nothing wrong in it at all.\n", encoding="utf-8")
    out = tmp_path / "r.sarif"
    res = subprocess.run([sys.executable, "-m", "betareader", "check", str(a), str(b), "--format", "sarif",
                          "-o", str(out)], capture_output=True)
    assert res.returncode == 1, res.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    run = data["runs"][0]
    assert [x["location"]["uri"] for x in run["artifacts"]] == [a.as_uri(), b.as_uri()]
    assert "%20" in run["artifacts"][0]["location"]["uri"]
    assert {res["locations"][0]["physicalLocation"]["artifactLocation"]["index"] for res in run["results"]} == {0}
    assert len(run["results"]) >= 2


def test_markdown_cli(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("It was a a dark night , and the rain fell.\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "betareader", "check", str(a), "--format", "markdown"],
                         capture_output=True, text=True)
    assert res.returncode == 1
    assert "`TYP006`" in res.stdout and "**1:" in res.stdout
