"""The terminal on first use (issue 16): wrapped lines keep their indent, `rules` shows whole names
at 80 columns, `explain` piped keeps the documentation's lines, `-o FILE` says where it wrote, and
no rule floods a report."""

from __future__ import annotations

import io
import json
from pathlib import Path

from helpers import betareader
from rich.console import Console

from betareader.config import Config
from betareader.engine import MAX_FINDINGS_PER_RULE, Engine
from betareader.model.document import build_document
from betareader.report.file_report import FileReport
from betareader.report.terminal import render
from betareader.rules import REGISTRY


def _render(text: str, width: int) -> list[str]:
    doc = build_document(text)
    res = Engine(Config()).check(doc)
    buf = io.StringIO()
    render(Console(file=buf, width=width, no_color=True, highlight=False),
           [FileReport("story.txt", "txt", doc, res.findings, res.summary)])
    return buf.getvalue().splitlines()


def test_wrapped_messages_keep_their_indent():
    text = ("She put the the cup down on the long oak table by the window, and the rain went on and on "
            "against the glass while the kettle sang.")
    lines = _render(text, 50)
    fix = next(i for i, line in enumerate(lines) if line.lstrip().startswith("fix:"))
    # the fix's second line starts under its first word, not at the margin
    indent = lines[fix].index("fix:") + len("fix: ")
    assert lines[fix + 1].startswith(" " * indent) and lines[fix + 1][indent] != " "
    assert all(line == line.rstrip() for line in lines)  # no padding to the terminal's width


def test_rules_at_80_columns_shows_whole_names(tmp_path: Path):
    out = betareader("rules", cwd=tmp_path, env={"COLUMNS": "80"}).stdout.decode()
    lines = out.splitlines()
    for r in REGISTRY:
        assert any(line.startswith(f"{r.code} {r.name} ") for line in lines), r.code
    assert max(len(line) for line in lines) <= 80


def test_explain_piped_keeps_the_documentation_lines(tmp_path: Path):
    out = betareader("explain", "DLG003", cwd=tmp_path).stdout.decode()
    doc = REGISTRY.get("DLG003").doc()
    example = doc[doc.index("## Example"):doc.index("## Fix safety")].strip()
    assert example in out  # line for line, as written
    assert all(line == line.rstrip() for line in out.splitlines())


def test_output_file_says_where_it_wrote(tmp_path: Path):
    (tmp_path / "story.txt").write_text("She put the the cup down.\n", encoding="utf-8")
    res = betareader("check", "story.txt", "--format", "json", "-o", "out.json", cwd=tmp_path)
    assert res.returncode == 1
    assert res.stderr.decode().strip() == "betareader: wrote the json report to out.json"
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["files"]


def test_no_rule_floods_a_report(tmp_path: Path):
    (tmp_path / "story.txt").write_text("She put the the cup down. " * (MAX_FINDINGS_PER_RULE + 500),
                                        encoding="utf-8")
    res = betareader("check", "story.txt", "--format", "json", cwd=tmp_path)
    f = json.loads(res.stdout)["files"][0]
    assert sum(1 for x in f["findings"] if x["code"] == "TYP006") == MAX_FINDINGS_PER_RULE
    assert f["notes"] == [f"TYP006 found {MAX_FINDINGS_PER_RULE + 500:,} places; "
                          f"only the first {MAX_FINDINGS_PER_RULE:,} are listed"]


def test_a_long_input_says_what_it_is_doing_on_a_terminal(tmp_path: Path):
    import os
    import subprocess
    import sys

    story = tmp_path / "long.txt"
    story.write_text("She walked to the harbour and back again. " * 60_000, encoding="utf-8")
    master, slave = os.openpty()  # stderr is a terminal: the progress shows there
    env = {k: v for k, v in os.environ.items() if k != "BETAREADER_DEBUG"}
    proc = subprocess.Popen([sys.executable, "-m", "betareader", "check", str(story), "--format", "json",
                             "-o", str(tmp_path / "out.json")], stdout=subprocess.DEVNULL, stderr=slave,
                            cwd=tmp_path, env=env)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed its end
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=600)
    os.close(master)
    shown = b"".join(chunks).decode("utf-8", "replace")
    assert "Reading long.txt into paragraphs" in shown  # building the model of a long work
    assert "Reading long.txt" in shown.replace("into paragraphs", "")  # then the check's progress bar
