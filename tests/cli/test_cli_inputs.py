"""The command line on awkward inputs, run as a subprocess exactly as a user would.

Every refusal is exit status 2 with one line on stderr (``betareader: error: ...``) and
no traceback; every readable input is reported with offsets into the decoded text; the
input file is never modified.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import zipfile
from importlib import resources
from pathlib import Path

import pytest

from betareader.rules import REGISTRY
from helpers import betareader

OLD_MTIME_NS = 1_000_000_000_000_000_000  # 2001-09-09: any write would change it

FINDING_KEYS = {
    "code", "name", "kind", "severity", "start", "end", "line", "column", "excerpt", "fingerprint", "message",
    "suggestions", "fix",
}
DOC_HEADINGS = ("What it does", "Why it matters", "Example", "Fix safety")

CLEAN = "She put the cup down. It was cold outside, and the door was shut.\n"
DOUBLED = "She put the the cup down. It was cold outside.\n"


# --- helpers -------------------------------------------------------------------


def write(tmp_path: Path, data: bytes, name: str = "story.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    return path


def snapshot(path: Path) -> tuple[int, int, str]:
    st = path.stat()
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return st.st_mtime_ns, st.st_size, h.hexdigest()


def check_file(path: Path, *args: str, cwd: Path | None = None, **kw) -> subprocess.CompletedProcess:
    """Run ``check`` on a file and assert the file is left exactly as it was."""
    before = snapshot(path)
    proc = betareader("check", *args, str(path), cwd=cwd or path.parent, **kw)
    assert snapshot(path) == before, "the input file was modified"
    return proc


def assert_one_line_error(proc: subprocess.CompletedProcess, *needles: str) -> str:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err
    assert err.endswith("\n") and err.count("\n") == 1, f"not one line: {err!r}"
    assert err.startswith("betareader: error: "), err
    for needle in needles:
        assert needle in err, (needle, err)
    assert proc.stdout == b""
    return err


def report(proc: subprocess.CompletedProcess, codes: tuple[int, ...] = (0, 1)) -> dict:
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode in codes, (proc.returncode, err)
    assert "Traceback" not in err and err == "", err
    return json.loads(proc.stdout.decode("utf-8"))


def findings(data: dict, code: str | None = None) -> list[dict]:
    fs = data["files"][0]["findings"]
    return [f for f in fs if code is None or f["code"] == code]


def assert_excerpts_index(data: dict, text: str) -> None:
    """Every finding's offsets index ``text`` (the decoded text) and agree with its excerpt."""
    for f in findings(data):
        assert 0 <= f["start"] < f["end"] <= len(text)
        assert f["excerpt"] == text[f["start"] : f["end"]], f


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# --- refused input -------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"", "the file is empty"),
        (b"  \r\n\t\n   \n", "the file is empty"),
        (b"\xef\xbb\xbf \n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary"),
        (random.Random(7).randbytes(4096) + b"\x00\x00\x00", "binary"),
        (b"She put the cup down.\x00 It was cold.\n", "binary"),
        (b"caf\xe9 \x93quoted\x94 \x81 and \x8d end.\n", "neither UTF-8 nor Windows-1252"),
    ],
    ids=["empty", "whitespace", "bom-only", "png", "random-bytes", "nul-in-text", "undecodable"],
)
def test_refused_content(tmp_path, data, needle):
    path = write(tmp_path, data)
    assert_one_line_error(check_file(path), str(path), needle)


def test_zip_file_named_txt(tmp_path):
    path = tmp_path / "story.txt"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document>She put the cup down.</w:document>")
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    assert_one_line_error(check_file(path), "zip archive")


def test_broken_docx_is_refused(tmp_path):
    # a zip with a document part but no [Content_Types].xml is not a Word file
    path = tmp_path / "story.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document>She put the cup down.</w:document>")
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    assert_one_line_error(check_file(path), "not a valid Word file")


def test_missing_file(tmp_path):
    proc = betareader("check", str(tmp_path / "nope.txt"), cwd=tmp_path)
    assert_one_line_error(proc, "no such file")


def test_directory(tmp_path):
    (tmp_path / "chapters").mkdir()
    proc = betareader("check", str(tmp_path / "chapters"), cwd=tmp_path)
    assert_one_line_error(proc, "this is a directory")


def test_oversize_file_is_refused_by_its_size(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.write(b"It was a dark and stormy night.\n")
        f.truncate(51 * 1024 * 1024)  # sparse: the rest reads as NULs, so size must come first
    os.utime(path, ns=(OLD_MTIME_NS, OLD_MTIME_NS))
    err = assert_one_line_error(check_file(path), "over the 50 MB limit")
    assert "51 MB" in err and "binary" not in err


# --- readable input: offsets index the decoded text ---------------------------


def test_utf16_with_bom(tmp_path):
    text = "Mira smiled 😀 at him.\r\nShe put the the cup down.\r\n"  # an astral char before the finding
    path = write(tmp_path, b"\xff\xfe" + text.encode("utf-16-le"))
    data = report(check_file(path, "--format", "json"))
    assert_excerpts_index(data, text)
    (f,) = findings(data, "TYP006")
    assert f["excerpt"] == "the the" and f["start"] == text.index("the the")  # code points, not UTF-16 units
    assert (f["line"], f["column"]) == (2, 9)
    assert data["files"][0]["text_sha256"] == sha256_text(text)


def test_utf16_be_with_bom(tmp_path):
    text = "She put the the cup down.\n"
    path = write(tmp_path, b"\xfe\xff" + text.encode("utf-16-be"))
    data = report(check_file(path, "--format", "json"), codes=(1,))
    (f,) = findings(data, "TYP006")
    assert text[f["start"] : f["end"]] == f["excerpt"] == "the the"


def test_utf8_with_bom(tmp_path):
    text = "She put the the cup down.\n"
    path = write(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8"))
    data = report(check_file(path, "--format", "json"), codes=(1,))
    (f,) = findings(data, "TYP006")
    assert f["start"] == text.index("the the") == 8  # the BOM is not counted
    assert f["excerpt"] == "the the" and (f["line"], f["column"]) == (1, 9)
    assert data["files"][0]["text_sha256"] == sha256_text(text)


def test_crlf_offsets_keep_the_line_endings(tmp_path):
    raw = b"It was cold.\r\nThe wind blew.\r\n\r\nShe put the the cup down , then left.\r\n"
    path = write(tmp_path, raw)
    data = report(check_file(path, "--format", "json"), codes=(1,))
    text = raw.decode("utf-8")  # no newline translation
    assert_excerpts_index(data, text)
    (f,) = findings(data, "TYP006")
    assert f["start"] == text.index("the the") and (f["line"], f["column"]) == (4, 9)
    (g,) = findings(data, "TYP001")
    assert g["excerpt"] == " " and text[g["end"]] == ","
    for edit in g["fix"]["edits"]:
        assert text[edit["start"] : edit["end"]] == " "
    assert data["files"][0]["text_sha256"] == hashlib.sha256(raw).hexdigest()


def test_cp1252(tmp_path):
    raw = b"The caf\xe9 was warm. \x93Fine,\x94 she said \x96 and put the the cup down.\r\n"
    path = write(tmp_path, raw)
    data = report(check_file(path, "--format", "json"), codes=(1,))
    text = raw.decode("cp1252")
    assert_excerpts_index(data, text)
    assert findings(data, "TYP006")[0]["excerpt"] == "the the"
    assert any("Windows-1252" in note for note in data["files"][0]["notes"])
    assert data["files"][0]["text_sha256"] == sha256_text(text)


def test_stdin(tmp_path):
    text = "Mira waved 😀.\nShe put the the cup down.\n"
    proc = betareader("check", "--format", "json", "-", cwd=tmp_path, stdin=text.encode("utf-8"))
    data = report(proc, codes=(1,))
    assert data["files"][0]["path"] == "<stdin>"
    assert_excerpts_index(data, text)
    assert findings(data, "TYP006")[0]["excerpt"] == "the the"


def test_empty_stdin(tmp_path):
    assert_one_line_error(betareader("check", "-", cwd=tmp_path, stdin=b""), "<stdin>", "empty")


def test_huge_but_allowed_story(tmp_path):
    rnd = random.Random(3)
    words = "the a cup she said dark cold door waited Mira down left back went into room and then slowly".split()
    paras, size = [], 0
    while size < 2_000_000:
        sents = []
        for _ in range(rnd.randint(2, 6)):
            s = " ".join(rnd.choice(words) for _ in range(rnd.randint(4, 14)))
            s = s[0].upper() + s[1:] + rnd.choice(".!?.")
            sents.append(f'"{s}" she said.' if rnd.random() < 0.2 else s)
        p = " ".join(sents)
        paras.append(p)
        size += len(p) + 2
    text = "\n\n".join(paras) + "\n"
    path = write(tmp_path, text.encode("utf-8"))
    data = report(check_file(path, "--format", "json"))
    assert data["files"][0]["words"] > 300_000
    assert data["files"][0]["text_sha256"] == sha256_text(text)
    assert_excerpts_index(data, text)


# --- usage errors --------------------------------------------------------------


def test_select_nope(tmp_path):
    path = write(tmp_path, DOUBLED.encode())
    assert_one_line_error(check_file(path, "--select", "NOPE"), "NOPE")


def test_unknown_option(tmp_path):
    path = write(tmp_path, DOUBLED.encode())
    proc = check_file(path, "--no-such-option")
    err = proc.stderr.decode()
    assert proc.returncode == 2
    assert "Traceback" not in err and "--no-such-option" in err
    assert proc.stdout == b""


def test_explain(tmp_path):
    proc = betareader("explain", "TYP001", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stderr == b""
    out = proc.stdout.decode()
    assert "TYP001" in out
    for heading in DOC_HEADINGS:
        assert heading in out


def test_explain_unknown_rule(tmp_path):
    assert_one_line_error(betareader("explain", "XYZ999", cwd=tmp_path), "XYZ999")


def test_rules_json(tmp_path):
    proc = betareader("rules", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stderr == b""
    rows = json.loads(proc.stdout)
    assert [r["code"] for r in rows] == REGISTRY.codes()
    for r in rows:
        assert r["kind"] in ("error", "craft") and isinstance(r["default_enabled"], bool)


# --- the JSON report -----------------------------------------------------------


def assert_schema(data: dict) -> None:
    assert set(data) == {"betareader", "schema", "files"}
    assert isinstance(data["betareader"], str) and data["schema"] == 1
    for file in data["files"]:
        assert {"path", "format", "words", "text_sha256", "findings", "summary"} <= set(file)
        assert file["format"] in ("txt", "md") and isinstance(file["words"], int)
        assert len(file["text_sha256"]) == 64
        assert isinstance(file["summary"], dict)
        for f in file["findings"]:
            assert set(f) == FINDING_KEYS, set(f) ^ FINDING_KEYS
            assert f["code"] in REGISTRY
            assert f["kind"] in ("error", "craft") and f["severity"] in ("error", "warning", "info")
            assert all(isinstance(f[k], int) for k in ("start", "end", "line", "column"))
            assert 0 <= f["start"] < f["end"] and f["line"] >= 1 and f["column"] >= 1
            assert isinstance(f["excerpt"], str) and isinstance(f["message"], str) and f["message"]
            assert isinstance(f["suggestions"], list) and all(isinstance(s, str) for s in f["suggestions"])
            fix = f["fix"]
            if fix is not None:
                assert set(fix) == {"applicability", "edits"} and fix["applicability"] in ("safe", "unsafe")
                assert fix["edits"]
                for e in fix["edits"]:
                    assert set(e) == {"start", "end", "text"} and 0 <= e["start"] <= e["end"]


def test_demo_json(tmp_path):
    proc = betareader("demo", "--format", "json", cwd=tmp_path)
    data = report(proc, codes=(0,))  # the demo exits 0: its mistakes are planted on purpose
    assert_schema(data)
    file = data["files"][0]
    assert file["format"] == "md"
    assert any(f["kind"] == "error" for f in file["findings"])  # planted errors are reported
    sample = resources.files("betareader") / "data" / "sample_story.md"
    with resources.as_file(sample) as p:
        shown = betareader("text", str(p), cwd=tmp_path)
        assert shown.returncode == 0
        text = shown.stdout.decode("utf-8")
    assert file["text_sha256"] == hashlib.sha256(shown.stdout).hexdigest()
    assert_excerpts_index(data, text)


def test_text_sha256_matches_the_text_command(tmp_path):
    path = write(tmp_path, "Mira 😀 smiled.\r\nShe put the the cup down.\n".encode("utf-8"))
    data = report(check_file(path, "--format", "json"))
    assert_schema(data)
    shown = betareader("text", str(path), cwd=tmp_path)
    assert shown.returncode == 0 and shown.stderr == b""
    assert data["files"][0]["text_sha256"] == hashlib.sha256(shown.stdout).hexdigest()


def test_output_file(tmp_path):
    path = write(tmp_path, DOUBLED.encode())
    out = tmp_path / "report.json"
    proc = check_file(path, "--format", "json", "--output", str(out))
    assert proc.returncode == 1 and proc.stdout == b""
    assert proc.stderr.decode() == f"betareader: wrote the json report to {out}\n"  # says where it wrote
    data = json.loads(out.read_text(encoding="utf-8"))
    assert_schema(data)
    assert findings(data, "TYP006")[0]["excerpt"] == "the the"

    out_txt = tmp_path / "report.txt"
    proc = check_file(path, "--output", str(out_txt))
    assert proc.returncode == 1 and proc.stdout == b""
    assert proc.stderr.decode() == f"betareader: wrote the terminal report to {out_txt}\n"
    assert "TYP006" in out_txt.read_text(encoding="utf-8")


def test_exit_status_clean_and_error(tmp_path):
    clean = write(tmp_path, CLEAN.encode(), "clean.txt")
    proc = check_file(clean, "--format", "json")
    assert report(proc, codes=(0,))["files"][0]["findings"] == []
    proc = check_file(clean)  # the terminal report too
    assert proc.returncode == 0 and "Traceback" not in proc.stderr.decode()

    bad = write(tmp_path, DOUBLED.encode(), "bad.txt")
    data = report(check_file(bad, "--format", "json"), codes=(1,))
    assert any(f["kind"] == "error" for f in findings(data))
    proc = check_file(bad)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr.decode()


# --- the text command ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Mira smiled 😀.\r\nShe put the the cup down.\r\n\r\n“Fine,” she said…\r\n", "One\rtwo\nthree\r\n", "e\u0301 no newline"],
    ids=["crlf", "mixed-endings", "no-newline"],
)
def test_text_prints_the_text_exactly(tmp_path, text):
    raw = text.encode("utf-8")
    path = write(tmp_path, raw)
    before = snapshot(path)
    proc = betareader("text", str(path), cwd=tmp_path)
    assert snapshot(path) == before
    assert proc.returncode == 0 and proc.stderr == b""
    assert proc.stdout == raw


def test_text_drops_the_bom_only(tmp_path):
    text = "She put the cup down.\r\n"
    path = write(tmp_path, b"\xef\xbb\xbf" + text.encode("utf-8"))
    proc = betareader("text", str(path), cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout == text.encode("utf-8")


def test_text_from_stdin(tmp_path):
    raw = "Line one.\r\nLine 😀 two.\n".encode("utf-8")
    proc = betareader("text", "-", cwd=tmp_path, stdin=raw)
    assert proc.returncode == 0 and proc.stdout == raw


def test_text_refuses_binary_in_one_line(tmp_path):
    path = write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00")
    assert_one_line_error(betareader("text", str(path), cwd=tmp_path), "binary")


def test_text_is_utf8_whatever_the_stdout_encoding(tmp_path):
    raw = "Mira smiled 😀.\n".encode("utf-8")
    path = write(tmp_path, raw)
    proc = betareader("text", str(path), cwd=tmp_path, env={"PYTHONIOENCODING": "latin-1"})
    # actual: exit 3, "betareader: internal error: UnicodeEncodeError: 'latin-1' codec can't encode ..."
    assert proc.returncode == 0 and proc.stdout == raw


# --- configuration ---------------------------------------------------------------


STORY_FOR_CONFIG = "She put the the cup down , then left.\n"


def test_betareader_toml(tmp_path):
    path = write(tmp_path, STORY_FOR_CONFIG.encode())
    data = report(check_file(path, "--format", "json", cwd=tmp_path), codes=(1,))
    assert {f["code"] for f in findings(data)} >= {"TYP001", "TYP006"}
    assert {f["severity"] for f in findings(data, "TYP001")} == {"error"}

    (tmp_path / "betareader.toml").write_text('ignore = ["TYP006"]\n\n[severity]\nTYP001 = "warning"\n')
    data = report(check_file(path, "--format", "json", cwd=tmp_path))
    assert findings(data, "TYP006") == []
    assert findings(data, "TYP001") and {f["severity"] for f in findings(data, "TYP001")} == {"warning"}
    assert data["files"][0]["summary"]["by_code"].get("TYP006") is None


def test_config_is_found_from_the_input_folder(tmp_path):
    story_dir = tmp_path / "story"
    story_dir.mkdir()
    (story_dir / "betareader.toml").write_text('ignore = ["TYP006"]\n')
    path = write(story_dir, STORY_FOR_CONFIG.encode())
    data = report(check_file(path, "--format", "json", cwd=tmp_path))  # cwd has no config
    assert findings(data, "TYP006") == [] and findings(data, "TYP001")


def test_invalid_toml(tmp_path):
    (tmp_path / "betareader.toml").write_text('select = ["TYP001"\nignore = \n')
    path = write(tmp_path, STORY_FOR_CONFIG.encode())
    assert_one_line_error(check_file(path, "--format", "json", cwd=tmp_path), "betareader.toml", "invalid TOML")


def test_config_unknown_rule_in_severity(tmp_path):
    (tmp_path / "betareader.toml").write_text('[severity]\nXYZ999 = "info"\n')
    path = write(tmp_path, STORY_FOR_CONFIG.encode())
    assert_one_line_error(check_file(path, cwd=tmp_path), "XYZ999")


def test_pyproject_tool_betareader(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.betareader]\nselect = ["TYP001"]\n')
    path = write(tmp_path, STORY_FOR_CONFIG.encode())
    data = report(check_file(path, "--format", "json", cwd=tmp_path), codes=(1,))
    assert {f["code"] for f in findings(data)} == {"TYP001"}


def test_ignore_directive_covers_the_next_paragraph_only(tmp_path):
    text = (
        "She put the the cup down.\n\n"
        "<!-- betareader: ignore TYP006 -->\n\n"
        "He put the the plate down , slowly.\n\n"
        "They said the the end.\n"
    )
    path = write(tmp_path, text.encode(), "story.md")
    data = report(check_file(path, "--format", "json", cwd=tmp_path), codes=(1,))
    assert data["files"][0]["format"] == "md"
    hits = [text[: f["start"]].count("\n\n") for f in findings(data, "TYP006")]
    assert hits == [0, 3]  # paragraphs 1 and 4; the comment is paragraph 2
    # other rules still run in the suppressed paragraph
    (g,) = findings(data, "TYP001")
    assert text.index("plate") < g["start"] < text.index("slowly")


def test_one_bad_file_among_several_still_reports_the_others(tmp_path):
    good = write(tmp_path, b"Good text , here.\n", "good.txt")
    bad = write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00", "bad.txt")
    proc = betareader("check", "--format", "json", str(good), str(bad), cwd=tmp_path)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2
    assert err.count("\n") == 1 and err.startswith("betareader: error: ") and "bad.txt" in err and "binary" in err
    data = json.loads(proc.stdout)
    assert [f["path"] for f in data["files"]] == [str(good)]
    assert [f["code"] for f in data["files"][0]["findings"]] == ["TYP001"]


def test_fingerprints_survive_edits_elsewhere_and_tell_places_apart():
    """A finding's fingerprint stays the same when another paragraph changes (the page's
    "ignore" depends on it) and differs for the same mistake in another sentence."""
    from betareader.engine import Engine
    from betareader.report.file_report import fingerprint

    a = "She went to the the store.\n\nHe stayed home , alone.\n\nThey saw the the sea."
    b = "A new first paragraph.\n\n" + a.replace("He stayed", "He waited")
    r = Engine().check_text(a)
    prints = [fingerprint(f, a) for f in r.findings if f.code == "TYP006"]
    assert len(prints) == 2 and prints[0] != prints[1]
    rb = Engine().check_text(b)
    assert sorted(fingerprint(f, b) for f in rb.findings if f.code == "TYP006") == sorted(prints)
