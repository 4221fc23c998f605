"""``betareader batch`` as a user runs it: a subprocess, its summary lines, its refusals (exit
status 2, one line, no traceback), and inputs left untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow.parquet as pq

from helpers import betareader

STORY = ("The rain had stopped by the time Maya reached the harbour. She stood under the awning of the "
         "closed fish shop and watched the boats knock against each other.\n\n\"You came,\" said Odhran.\n")


def _digest(folder: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_batch_writes_parquet_and_says_what_it_did(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "one.txt").write_text(STORY, encoding="utf-8")
    (src / "two.md").write_text("# Chapter 1\n\n" + STORY + "\n# Chapter 2\n\n" + STORY, encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    before = _digest(src)
    r = betareader("batch", str(src), "-o", str(tmp_path / "out"), "--jobs", "1", "--findings", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    out = r.stdout.decode()
    assert out.startswith("reviewed 3 works in ") and "on this process" in out and "1 could not be read" in out
    assert "findings" in out and "wrote " in out
    assert b"Traceback" not in r.stderr
    rows = pq.read_table(tmp_path / "out" / "works.parquet").to_pylist()
    assert sorted((x["id"], x["level"]) for x in rows) == [
        ("empty.txt", "work"), ("one.txt", "work"), ("two.md", "chapter"), ("two.md", "chapter"), ("two.md", "work")]
    assert next(x for x in rows if x["id"] == "empty.txt")["error"]
    assert _digest(src) == before  # the inputs are only ever read


def test_batch_refusals_are_one_line(tmp_path):
    (tmp_path / "one.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "dump.csv").write_text("id,body\n1,hello there\n", encoding="utf-8")
    cases = [
        (["batch", "missing-folder", "-o", "out"], "no such file or folder"),
        (["batch", "dump.csv", "-o", "out2"], "no 'text' column"),
        (["batch", "one.txt", "-o", "out3", "--dask", "tcp://127.0.0.1:9"], "cannot reach the Dask scheduler"),
        (["batch", "one.txt", "-o", "out4", "--dask", "nowhere"], "not a Dask scheduler address"),
        (["batch", "missing.txt", "-o", "out5", "--dask", "local", "-j", "1"], "no such file or folder"),
        (["batch", "one.txt", "-o", "out6", "--partition-size", "4"], "--partition-size is for runs on Dask"),
    ]
    for args, needle in cases:
        r = betareader(*args, cwd=tmp_path, timeout=120)
        err = r.stderr.decode()
        assert r.returncode == 2, (args, err)
        assert err.startswith("betareader: error: ") and needle in err and err.count("\n") == 1, err
    ok = betareader("batch", "one.txt", "-o", "done", "-j", "1", cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    again = betareader("batch", "one.txt", "-o", "done", "-j", "1", cwd=tmp_path)
    assert again.returncode == 2 and b"--resume" in again.stderr
    resumed = betareader("batch", "one.txt", "-o", "done", "-j", "1", "--resume", cwd=tmp_path)
    assert resumed.returncode == 0 and b"1 already done" in resumed.stdout
