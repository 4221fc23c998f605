"""``betareader fix``: safe fixes written back atomically with a backup, encodings and line
endings kept, Word formatting kept, refusals in one line with exit 2."""

import subprocess
import sys

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from betareader import fix as fixing
from betareader.config import Config
from betareader.engine import Engine

STORY = (
    "Wren climbed the the stairs two at a time , her lantern swinging.\n\n"
    '"Is anyone up here ?" she called. She had alot of questions.\n'
)
FIXED = (
    "Wren climbed the stairs two at a time, her lantern swinging.\n\n"
    '"Is anyone up here?" she called. She had a lot of questions.\n'
)


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "betareader", *args], capture_output=True, input=stdin)


def test_fix_writes_the_fixed_text_and_a_backup(tmp_path):
    story = tmp_path / "story.txt"
    story.write_bytes(STORY.encode())
    proc = run("fix", str(story))
    assert proc.returncode == 0, proc.stderr
    assert story.read_text(encoding="utf-8") == FIXED
    assert (tmp_path / "story.txt.bak").read_bytes() == STORY.encode()
    out = proc.stdout.decode()
    assert out.startswith(f"--- {story}\n+++ {story} (fixed)\n")
    assert "-Wren climbed the the stairs" in out and "+Wren climbed the stairs" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.txt", "story.txt.bak"]  # no temp files left
    again = run("fix", str(story))
    assert again.returncode == 0 and b"nothing to fix" in again.stderr
    assert story.read_text(encoding="utf-8") == FIXED


def test_diff_alone_writes_nothing(tmp_path):
    story = tmp_path / "story.md"
    story.write_bytes(STORY.encode())
    proc = run("fix", str(story), "--diff")
    assert proc.returncode == 1
    assert b"+Wren climbed the stairs" in proc.stdout
    assert story.read_bytes() == STORY.encode()
    assert [p.name for p in tmp_path.iterdir()] == ["story.md"]


def test_no_backup(tmp_path):
    story = tmp_path / "story.txt"
    story.write_bytes(STORY.encode())
    assert run("fix", str(story), "--no-backup").returncode == 0
    assert [p.name for p in tmp_path.iterdir()] == ["story.txt"]


@pytest.mark.parametrize("encoding,bom,newline", [
    ("utf-8", b"", "\r\n"),
    ("utf-8", b"\xef\xbb\xbf", "\n"),
    ("utf-16-le", b"\xff\xfe", "\r\n"),
    ("cp1252", b"", "\n"),
])
def test_encoding_bom_and_line_endings_are_kept(tmp_path, encoding, bom, newline):
    story = tmp_path / "story.txt"
    text = STORY.replace("questions", "questions \u2014 caf\u00e9") .replace("\n", newline)
    story.write_bytes(bom + text.encode(encoding))
    proc = run("fix", str(story))
    assert proc.returncode == 0, proc.stderr
    want = FIXED.replace("questions", "questions \u2014 caf\u00e9").replace("\n", newline)
    assert story.read_bytes() == bom + want.encode(encoding)


def test_select_and_ignore(tmp_path):
    story = tmp_path / "story.txt"
    story.write_bytes(STORY.encode())
    assert run("fix", str(story), "--select", "TYP006").returncode == 0
    assert story.read_text() == STORY.replace("the the", "the")
    story.write_bytes(STORY.encode())
    assert run("fix", str(story), "--ignore", "TYP,GRM").returncode == 0
    assert b"nothing to fix" in run("fix", str(story), "--ignore", "TYP,GRM").stderr


def test_changed_on_disk_is_refused(tmp_path):
    story = tmp_path / "story.txt"
    story.write_bytes(STORY.encode())
    result = fixing.plan(str(story), Engine(Config()))
    assert result.applied
    story.write_bytes(STORY.encode() + b"\nA new line the author typed meanwhile.\n")
    with pytest.raises(fixing.ChangedOnDisk, match="changed on disk"):
        fixing.write(result)
    assert story.read_bytes().endswith(b"meanwhile.\n")
    assert [p.name for p in tmp_path.iterdir()] == ["story.txt"]


def test_changed_on_disk_exit_code(tmp_path, monkeypatch, capsys):
    """Through the command: the file is edited after it was read; exit 2, one line, untouched."""
    from betareader.cli import main

    story = tmp_path / "story.txt"
    story.write_bytes(STORY.encode())
    real_plan = fixing.plan

    def plan_then_edit(*args, **kwargs):
        result = real_plan(*args, **kwargs)
        story.write_bytes(b"Someone saved the file meanwhile , see.\n")
        return result

    monkeypatch.setattr(fixing, "plan", plan_then_edit)
    with pytest.raises(SystemExit) as exc:
        main(["fix", str(story)])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "changed on disk" in err
    assert story.read_bytes() == b"Someone saved the file meanwhile , see.\n"


@pytest.mark.parametrize("name,data,message", [
    ("story.html", b"<html><body><p>The the cat , sat.</p></body></html>", "cannot write HTML"),
    ("story.odt", b"PK\x03\x04not really", "cannot write ODT"),
    ("story.epub", b"PK\x03\x04not really", "cannot write EPUB"),
    ("story.txt", b"\x00\x01\x02binary\x00\xff" * 20, "binary"),
    ("story.docx", b"not a zip at all", "not a valid Word file"),
])
def test_refusals_are_one_line_and_leave_the_file(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    proc = run("fix", str(path))
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert err.count("\n") == 1 and message in err, err
    assert path.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_missing_file_and_stdin(tmp_path):
    proc = run("fix", str(tmp_path / "nope.txt"))
    assert proc.returncode == 2 and proc.stderr.decode().count("\n") == 1 and b"no such file" in proc.stderr
    proc = run("fix", "-", stdin=b"the the")
    assert proc.returncode == 2 and b"standard input" in proc.stderr


# --- Word --------------------------------------------------------------------------------


def _styled(path):
    d = docx.Document()
    d.add_paragraph("Night Shift", style="Title")
    p = d.add_paragraph(style="Quote")
    p.add_run("Wren climbed ")
    b = p.add_run("the the")
    b.bold = True
    p.add_run(" stairs two at a ")
    i = p.add_run("time , and waited.")
    i.italic = True
    p2 = d.add_paragraph()
    p2.add_run("She had al")
    p2.add_run("ot").bold = True
    p2.add_run(" of questions.")
    d.save(path)
    return path


def _runs(path):
    return [(p.style.name, [(r.text, r.bold, r.italic) for r in p.runs]) for p in docx.Document(str(path)).paragraphs]


def test_fix_word_file_keeps_formatting(tmp_path):
    path = _styled(tmp_path / "story.docx")
    original = path.read_bytes()
    proc = run("fix", str(path))
    assert proc.returncode == 0, proc.stderr
    assert b"+*Wren climbed the stairs two at a time, and waited.*" in proc.stdout  # Quote is an italic style
    assert _runs(path) == [
        ("Title", [("Night Shift", None, None)]),
        ("Quote", [("Wren climbed ", None, None), ("the", True, None), (" stairs two at a ", None, None),
                   ("time, and waited.", None, True)]),
        # an edit over three runs: the replacement in the first, the others trimmed
        ("Normal", [("She had a lot", None, None), ("", True, None), (" of questions.", None, None)]),
    ]
    assert (tmp_path / "story.docx.bak").read_bytes() == original
    assert b"nothing to fix" in run("fix", str(path)).stderr


def test_fix_word_diff_writes_nothing(tmp_path):
    path = _styled(tmp_path / "story.docx")
    original = path.read_bytes()
    proc = run("fix", str(path), "--diff")
    assert proc.returncode == 1 and b"(text)" in proc.stdout
    assert path.read_bytes() == original


# --- property: safe fixes touch only their edits and converge in one pass ---------------

WORDS = ["the", "cat", "sat", "on", "mat", "she", "said", "Wren", "ran", "home", "and", "a", "it", "was",
         "dark", "i", "alot", "their", "could", "of", "then", "I"]
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS).map(lambda w: f"{w} {w}"),  # a doubled word
    st.sampled_from([",", ".", "!", "?", " ,", " .", "...", "....", "-", "--", "—", ";"]),
    st.sampled_from(['"', "'", "“", "”", "‘", "’"]),
    st.sampled_from([" ", " ", " ", "  ", "\n", "\n\n"]),
    # a quotation with spaces inside and spaced punctuation after it: `" the " ,`
    st.builds(lambda q, w, p: f"{q[0]} {w} {q[1]}{p}", st.sampled_from([('"', '"'), ("“", "”"), ("'", "'"), ("‘", "’")]),
              st.sampled_from(WORDS), st.sampled_from([" ,", " .", ",", ".", "  ,", " , ", " . ", "", " ?"])),
)
STORIES = st.lists(PIECES, min_size=1, max_size=60).map(lambda ps: " ".join(ps).strip() + "\n").filter(
    lambda s: any(c.isalpha() for c in s))

_ENGINE = []


def _engine():
    if not _ENGINE:
        _ENGINE.append(Engine(Config()))
    return _ENGINE[0]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(story=STORIES, crlf=st.booleans())
def test_safe_fixes_change_only_their_edits_and_converge(tmp_path_factory, story, crlf):
    if crlf:
        story = story.replace("\n", "\r\n")
    folder = tmp_path_factory.mktemp("prop")
    path = folder / "story.txt"
    path.write_bytes(story.encode("utf-8"))
    result = fixing.plan(str(path), _engine())
    if not result.applied:
        assert result.new_text == story
        return
    fixing.write(result)
    new = path.read_bytes().decode("utf-8")
    # each pass changes only its edits: outside them, its output holds its input, piece by piece
    texts = [t for t, _ in result.rounds] + [new]
    for (old, edits), out in zip(result.rounds, texts[1:]):
        pos = prev = 0
        for e in edits:
            assert prev <= e.start <= e.end
            gap = old[prev : e.start]
            assert out[pos : pos + len(gap)] == gap
            pos += len(gap)
            assert out[pos : pos + len(e.text)] == e.text
            pos += len(e.text)
            prev = e.end
        assert out[pos:] == old[prev:]
    # the backup is the original, and a second pass finds nothing left to fix
    assert (folder / "story.txt.bak").read_bytes() == story.encode("utf-8")
    again = fixing.plan(str(path), _engine())
    assert not again.applied, (story, new, [(e.start, e.end, e.text) for e in again.applied])


#: doubled words included (TYP006 deletes only the repeat, so `i i` and `alot alot` are fixed in
#: one pass with TYP007's and GRM002's fixes of the first word); no loose quotation marks: a fix can change how a stray straight quote pairs (`' i ' , , ' ‘ the ’ ,` ->
#: `'I',, ' ‘the,’` where TYP002 then sees `' ‘the,’` as a quotation: a known chain)
ONE_PASS_STORIES = st.lists(st.one_of(*(p for i, p in enumerate(PIECES.original_strategies) if i != 3)),
                            min_size=1, max_size=60).map(lambda ps: " ".join(ps).strip() + "\n").filter(
    lambda s: any(c.isalpha() for c in s))


# derandomized: the suite runs the same 300 stories every time, so a run can't fail on a chain
# nobody has seen; explore with other seeds by hand (pytest --hypothesis-seed=N, with derandomize
# switched off) when changing a rule's fix (30 seeds clean on 2026-11-30)
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(story=ONE_PASS_STORIES)
def test_safe_fixes_converge_in_one_pass(story):
    """Rule level, without ``fix``'s extra passes: once every safe fix is applied, checking the
    fixed text again offers no safe fix (no fix makes another possible, none is left behind)."""
    from betareader.fix import apply_fixes

    findings = _engine().check_text(story).findings
    fixed, _n = apply_fixes(story, findings)
    # GRM011 (their/there) reads the words around it, and a fix next to it can change them
    # (`" their " ,` -> `"their,"`; `their alot` -> `their a lot`): a known chain, left to fix's passes
    again = [f for f in _engine().check_text(fixed).findings
             if f.fix is not None and f.fix.applicability == "safe" and f.code != "GRM011"]
    assert not again, (story, fixed, [(f.code, fixed[f.start:f.end], f.fix.edits) for f in again])


@pytest.mark.parametrize("story,fixed", [
    ('" the " , she said.\n', '"the," she said.\n'),  # TYP002 + TYP001 + DLG007 in one fix
    ("\"Stay\". ? she said.\n", "\"Stay\". ? she said.\n"),  # DLG007 leaves a pile of marks alone
    ("She said i i would, and alot alot more.\n", "She said I would, and a lot more.\n"),  # TYP006 + TYP007/GRM002
    ("a a alot\n", "a alot\n"),  # TYP006; GRM002's fix after an article is unsafe, and GRM003 leaves alot to it
])
def test_one_pass_regressions(story, fixed):
    from betareader.fix import apply_fixes

    out, _n = apply_fixes(story, _engine().check_text(story).findings)
    assert out == fixed
    assert not [f for f in _engine().check_text(out).findings if f.fix is not None and f.fix.applicability == "safe"]


def _bold_flags(path) -> tuple[str, list]:
    """The text as the loader reads it (paragraphs joined by a blank line) and, per character,
    whether it is bold (None for the blank lines between paragraphs)."""
    text, flags = [], []
    for p in docx.Document(str(path)).paragraphs:
        chars = [(c, bool(r.bold)) for r in p.runs for c in r.text]
        if not "".join(c for c, _ in chars).strip():
            continue
        if text:
            text.append("\n\n")
            flags.extend([None, None])
        text.extend(c for c, _ in chars)
        flags.extend(b for _, b in chars)
    return "".join(text), flags


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(story=STORIES, cuts=st.lists(st.integers(min_value=1, max_value=12), min_size=1, max_size=30))
def test_word_fixes_keep_the_formatting_of_everything_else(tmp_path_factory, story, cuts):
    """A random story in random bold and plain runs: after fix, the Word file reads as the
    fixed text, every character outside the edits keeps its boldness, and nothing is left."""
    paragraphs = [p.strip() for p in story.replace("\r", "").split("\n") if p.strip()]
    if not paragraphs:
        return
    folder = tmp_path_factory.mktemp("wordprop")
    path = folder / "story.docx"
    d = docx.Document()
    n = 0
    for para in paragraphs:
        p = d.add_paragraph()
        pos = 0
        while pos < len(para):
            step = cuts[n % len(cuts)]
            r = p.add_run(para[pos : pos + step])
            r.bold = bool(n % 2) or None
            pos += step
            n += 1
    d.save(path)
    before_text, flags = _bold_flags(path)
    result = fixing.plan(str(path), _engine())
    assert result.old_text == before_text
    if not result.applied:
        return
    fixing.write(result)
    after_text, after_flags = _bold_flags(path)
    assert after_text == result.new_text
    # carry the flags through each pass: characters between edits keep theirs
    cur = flags
    for (old, edits) in result.rounds:
        nxt, prev = [], 0
        for e in edits:
            nxt.extend(cur[prev : e.start])
            nxt.extend(["?"] * len(e.text))  # written into the run the edit starts in
            prev = e.end
        nxt.extend(cur[prev:])
        cur = nxt
    assert len(cur) == len(after_flags)
    assert all(want == "?" or want == got for want, got in zip(cur, after_flags))
    assert not fixing.plan(str(path), _engine()).applied
