"""Findings in structured inputs say where their paragraph is in the file (archive member, HTML
line, Word paragraph), in the JSON contract and the terminal report; plain text says nothing."""

import json

import docx
from click.testing import CliRunner

from betareader.cli import cli


def _json(path):
    out = CliRunner().invoke(cli, ["check", str(path), "--format", "json"])
    assert out.exit_code in (0, 1), out.output
    return json.loads(out.stdout)["files"][0]


def test_word_findings_name_their_paragraph(tmp_path):
    d = docx.Document()
    d.add_paragraph("The first paragraph is fine.")
    d.add_paragraph("")
    d.add_paragraph("She waited for the the kettle.")
    path = tmp_path / "story.docx"
    d.save(path)
    f = next(f for f in _json(path)["findings"] if f["code"] == "TYP006")
    assert f["source"] == {"part": "word/document.xml", "paragraph": 3}  # the empty one counts in Word's numbering
    out = CliRunner().invoke(cli, ["check", str(path)])
    assert "[paragraph 3]" in out.stdout


def test_html_findings_name_their_line(tmp_path):
    path = tmp_path / "story.html"
    path.write_text("<html><body>\n<p>All is well here.</p>\n\n<p>She waited for the the kettle.</p>\n</body></html>\n",
                    encoding="utf-8")
    f = next(f for f in _json(path)["findings"] if f["code"] == "TYP006")
    assert f["source"]["line"] == 4 and f["source"]["column"] >= 1 and "part" not in f["source"]
    out = CliRunner().invoke(cli, ["check", str(path)])
    assert "[file line 4]" in out.stdout


def test_plain_text_findings_have_no_source(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("She waited for the the kettle.\n", encoding="utf-8")
    assert all("source" not in f for f in _json(path)["findings"])
