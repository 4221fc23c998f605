"""What a batch does when an input goes wrong, locally and on Dask: one line, the same rows in
both runners, nothing read twice, nothing left behind by a refused run."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from betareader.batch import run as batch_run
from betareader.batch.inputs import TableOptions
from betareader.batch.output import read_works
from betareader.batch.review import config_key
from betareader.batch.run import BatchOptions, run_batch
from betareader.errors import BetareaderError, InputError

STORY = "Nell walked down to the harbour before breakfast. The boats rocked at their moorings.\n"
KEYS = [("id", "ascending"), ("level", "descending"), ("chapter", "ascending")]


def _run(inputs, out, **kw):
    opts = BatchOptions(output=str(out), key=config_key(), **kw)
    report = run_batch([str(i) for i in inputs], opts)
    return report, read_works(str(Path(out) / "works.parquet")).sort_by(KEYS)


@pytest.mark.parametrize("runner", [{"jobs": 1}, {"jobs": 2, "dask": "local", "partition": 1}], ids=["local", "dask"])
def test_an_output_folder_inside_the_input_folder_is_not_read(tmp_path, monkeypatch, runner):
    if "dask" in runner:
        pytest.importorskip("distributed")
    for i in range(4):
        (tmp_path / f"s{i}.txt").write_text(f"Story {i}. " + STORY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    first, table = _run(["."], "out", **runner)
    assert first.works == 4 and sorted(table.column("id").to_pylist()) == ["s0.txt", "s1.txt", "s2.txt", "s3.txt"]
    again, table = _run(["."], "out", resume=True, **runner)  # the parts written are not works
    assert again.works == 0 and again.skipped == 4 and table.num_rows == 4


def test_odd_rows_and_names_become_rows(tmp_path):
    (tmp_path / "extra.csv").write_text("id,text\nr1,One line of story here.\nr2,Two lines here.,surplus,more\n",
                                        encoding="utf-8")
    odd = os.fsencode(str(tmp_path / "folder")) + b"/caf\xe9.txt"
    os.mkdir(tmp_path / "folder")
    with open(odd, "wb") as fh:
        fh.write(STORY.encode())
    report, table = _run([tmp_path / "extra.csv", tmp_path / "folder"], tmp_path / "out", jobs=1)
    rows = {r["id"]: r for r in table.to_pylist()}
    assert report.works == 3 and rows["r2"]["extra_fields"] == "surplus, more" and rows["r1"]["extra_fields"] is None
    assert "caf\ufffd.txt" in rows and rows["caf\ufffd.txt"]["error"] is None


def _damaged_parquet(path: Path) -> None:
    """Three row groups of two works, the last one's text data overwritten with garbage."""
    rows = [{"id": f"p{i}", "text": f"Work {i}. " + STORY * 3} for i in range(6)]
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=2, compression="NONE", use_dictionary=False)
    col = pq.ParquetFile(path).metadata.row_group(2).column(1)
    data = bytearray(path.read_bytes())
    start = col.data_page_offset  # the page header: the file's metadata at its end stays intact
    data[start:start + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("runner", [{"jobs": 1}, {"jobs": 2, "dask": "local", "partition": 2}], ids=["local", "dask"])
def test_a_dump_that_fails_half_way_stops_with_one_line_and_keeps_what_was_done(tmp_path, runner):
    if "dask" in runner:
        pytest.importorskip("distributed")
    dump = tmp_path / "damaged.parquet"
    _damaged_parquet(dump)
    with pytest.raises(InputError) as err:
        _run([dump], tmp_path / "out", table=TableOptions(), **runner)
    msg = str(err.value)
    assert msg.startswith(f"{dump}: ") and "\n" not in msg and msg.isprintable()
    done = read_works(str(tmp_path / "out" / "works.parquet"))
    if "dask" in runner:  # a row group a partition: the first two were reviewed and kept
        assert "works reviewed before it are in" in msg and "--resume" in msg
        assert 0 < done.num_rows <= 4 and set(done.column("id").to_pylist()) <= {"p0", "p1", "p2", "p3"}
    else:  # read 256 rows at a time: the damage is met before the first work
        assert done.num_rows == 0


def test_a_refused_dask_run_leaves_no_parts(tmp_path):
    pytest.importorskip("distributed")
    for i in range(3):
        (tmp_path / f"s{i}.txt").write_text(STORY, encoding="utf-8")
    with open(tmp_path / "late.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text"])
        w.writerows([[f"r{i}", STORY] for i in range(50)])
    with open(tmp_path / "late.csv", "ab") as fh:
        fh.write(b"r99,caf\xe9 au lait\n")  # not UTF-8, at the end of the dump
    with pytest.raises(InputError, match="not UTF-8"):
        _run([tmp_path], tmp_path / "out", jobs=2, dask="local", partition=1)
    assert not list((tmp_path / "out" / "works.parquet").glob("*.parquet"))


def test_a_scheduler_without_workers_is_refused(tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    monkeypatch.setattr(batch_run, "WAIT_FOR_WORKERS", 3)
    sfile = tmp_path / "scheduler.json"
    proc = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
                             "--no-dashboard", "--scheduler-file", str(sfile)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while not sfile.exists() and time.time() < deadline:
            time.sleep(0.2)
        time.sleep(0.3)
        import json

        address = json.loads(sfile.read_text())["address"]
        (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
        with pytest.raises(BetareaderError, match="has no workers"):
            _run([tmp_path / "a.txt"], tmp_path / "out", dask=address)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
