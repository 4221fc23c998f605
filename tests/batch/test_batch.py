"""Batch review: a small generated corpus (texts written for these tests) in every input shape,
through this process, a local process pool, a Dask LocalCluster and a real ``dask scheduler``
with two ``dask worker`` processes on loopback; all four must write the same rows."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from betareader.batch.inputs import TableOptions, iter_works
from betareader.batch.output import read_works
from betareader.batch.review import config_key
from betareader.batch.run import BatchOptions, run_batch
from betareader.config import Config
from betareader.engine import Engine

STORIES = {
    "harbour.txt": (
        "Nell walked down to the harbour before breakfast. The boats rocked at their moorings, and the gulls "
        "argued over a crate of fish heads. She bought a paper from the kiosk and folded it under her arm.\n\n"
        "Tobias waited by the harbour wall. He waved when he saw her and pushed himself upright.\n\n"
        "\"Your early,\" he said.\n\n"
        "Nell shrugged and looked out at the water. The fog lifted from the point while she watched, and for a "
        "moment the whole bay was silver.\n"
    ),
    "storm.txt": (
        "The storm came in off the sea at four. Mara tied the shutters and carried the lamps down from the "
        "attic. She filled every pan in the kitchen with water and set them in a row along the dresser.\n\n"
        "She brought the hens in from the yard and shut them in the scullery, where they complained alot and "
        "then settled. The first rain hit the window like a handful of gravel.\n\n"
        "By seven the power went. She sat in the kitchen with the lamp and the hens and listened to the roof.\n"
    ),
    "garden.md": (
        "# Chapter 1: Seeds\n\n"
        "Priya planted the beans on a Tuesday, because her grandmother had always planted on a Tuesday. "
        "The soil was cold and heavy, and it clung to her gloves.\n\n"
        "\"Too early,\" said the man from next door, leaning on the fence.\n\n"
        "# Chapter 2: Frost\n\n"
        "The frost came on Thursday. Priya stood at the window with her tea and looked at the bare rows, "
        "and she decided that the man next door would never, ever know.\n"
    ),
}
ROWS = [
    {"work_id": "w1", "text": STORIES["harbour.txt"], "fandom": "Harbour Tales", "author": "anna"},
    {"work_id": "w2", "text": STORIES["storm.txt"], "fandom": "Storm Stories", "author": "anna"},
    {"work_id": "w3", "text": "   ", "fandom": "Storm Stories", "author": "ben"},  # an empty text: an error row
]


def _corpus(root: Path) -> list[str]:
    """Every input shape: a folder, a zip archive, CSV, JSON Lines and Parquet dumps, a broken .docx."""
    folder = root / "folder"
    folder.mkdir()
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "notes.toml").write_text("not = 'a story'\n", encoding="utf-8")  # not a story: skipped
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    with zipfile.ZipFile(root / "archive.zip", "w") as zf:
        zf.writestr("stories/harbour.txt", STORIES["harbour.txt"])
        zf.writestr("stories/garden.md", STORIES["garden.md"])
        zf.writestr("../evil.txt", "a path that climbs out")
    with open(root / "dump.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["work_id", "text", "fandom", "author"])
        w.writeheader()
        w.writerows(ROWS)
    with open(root / "dump.jsonl", "w", encoding="utf-8") as fh:
        for r in ROWS[:2]:
            fh.write(json.dumps({**r, "work_id": r["work_id"] + "j"}) + "\n")
        fh.write("{not json\n")
    pq.write_table(pa.Table.from_pylist([{**r, "work_id": r["work_id"] + "p"} for r in ROWS[:2]]), root / "dump.parquet")
    return [str(folder), str(root / "archive.zip"), str(root / "dump.csv"), str(root / "dump.jsonl"),
            str(root / "dump.parquet")]


TABLE = TableOptions(text_column="text", id_column="work_id")
KEYS = [("id", "ascending"), ("level", "descending"), ("chapter", "ascending")]


def _run(inputs, out, **kw) -> tuple:
    opts = BatchOptions(output=str(out), key=config_key(), table=TABLE, findings=True, **kw)
    report = run_batch(inputs, opts)
    return report, read_works(str(out / "works.parquet")).sort_by(KEYS), out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    return root, _corpus(root)


@pytest.fixture(scope="module")
def local_one(corpus, tmp_path_factory):
    root, inputs = corpus
    return _run(inputs, tmp_path_factory.mktemp("out") / "one", jobs=1)


def test_every_input_shape_gives_its_works(corpus):
    _root, inputs = corpus
    works = list(iter_works(inputs, TABLE))
    ids = [w.id for w in works]
    assert ids[:4] == ["broken.docx", "garden.md", "harbour.txt", "storm.txt"]  # the folder, sorted
    assert "archive.zip/stories/harbour.txt" in ids and "archive.zip/stories/garden.md" in ids
    assert {"w1", "w2", "w3", "w1j", "w2j", "w1p", "w2p"} <= set(ids)
    bad = {w.id: w.error for w in works if w.error}
    assert bad["archive.zip/../evil.txt"].startswith("refused")
    assert "empty" in bad["w3"] and "not JSON" in bad["dump.jsonl#3"]
    w1 = next(w for w in works if w.id == "w1")
    assert w1.meta == {"fandom": "Harbour Tales", "author": "anna"} and w1.text == STORIES["harbour.txt"]


def test_rows_measure_what_check_measures(local_one):
    report, table, _out = local_one
    rows = {(r["id"], r["level"], r["chapter"]): r for r in table.to_pylist()}
    assert report.works == 15 and report.failed == 4  # broken.docx, ../evil.txt, w3, the bad JSON line
    res = Engine(Config()).check_text(STORIES["storm.txt"])
    row = rows[("storm.txt", "work", None)]
    assert row["error"] is None
    assert row["errors"] == res.summary["errors"] and row["craft"] == res.summary["craft"]
    assert {c["code"]: c["count"] for c in row["codes"]} == res.summary["by_code"]
    assert row["words"] == res.summary["stats"]["text"]["words"]
    assert row["errors_per_10k"] == round(10_000 * row["errors"] / row["words"], 3)
    assert row["narration_tense"] == res.summary["style"]["tense"]["narration"]
    assert row["dialogue_share"] == res.summary["stats"]["pacing"]["dialogue_share"]
    assert row["flesch_reading_ease"] == res.summary["stats"]["readability"]["flesch_reading_ease"]
    assert row["errors"] >= 1  # "alot"
    # the dump's other columns are metadata; a work from a file has none
    assert rows[("w1", "work", None)]["fandom"] == "Harbour Tales" and rows[("w1", "work", None)]["author"] == "anna"
    assert rows[("harbour.txt", "work", None)]["fandom"] is None
    # a work with two chapters has a row for each, and their counts add up to the work's
    chapters = [r for k, r in rows.items() if k[0] == "garden.md" and k[1] == "chapter"]
    whole = rows[("garden.md", "work", None)]
    assert [c["chapter_title"] for c in chapters] == ["Chapter 1: Seeds", "Chapter 2: Frost"]
    assert sum(c["errors"] + c["craft"] for c in chapters) == whole["errors"] + whole["craft"]
    # a bad work is a row with its error, never the end of the batch
    assert rows[("broken.docx", "work", None)]["error"] and rows[("w3", "work", None)]["words"] == 0


def test_findings_table_matches_the_counts(local_one):
    report, table, out = local_one
    found = read_works(str(out / "findings.parquet")).to_pylist()
    assert report.findings == len(found) > 0
    per_work: dict = {}
    for f in found:
        per_work.setdefault(f["id"], {}).setdefault(f["code"], 0)
        per_work[f["id"]][f["code"]] += 1
    for r in table.to_pylist():
        if r["level"] == "work" and r["error"] is None:
            assert per_work.get(r["id"], {}) == {c["code"]: c["count"] for c in r["codes"]}, r["id"]
    text = STORIES["storm.txt"]
    for f in found:
        if f["id"] == "storm.txt":
            assert f["excerpt"] == text[f["start"]:f["end"]][:200]


def test_local_pool_dask_local_and_a_real_scheduler_write_the_same_rows(corpus, local_one, tmp_path, monkeypatch):
    pytest.importorskip("distributed")
    from betareader.batch import run as batch_run

    _root, inputs = corpus
    _report, one, _out = local_one
    _r2, pool, _ = _run(inputs, tmp_path / "pool", jobs=2)
    assert pool.equals(one)

    # on Dask, this process only plans: the workers read the works and write the parts
    def not_here(*_a, **_k):
        raise AssertionError("the client read a work or wrote a part")

    for name in ("iter_works", "read_partition", "write_part", "review"):
        monkeypatch.setattr(batch_run, name, not_here)
    env = dict(os.environ)
    r3, dask_local, out3 = _run(inputs, tmp_path / "dask-local", jobs=2, dask="local")
    assert dask_local.equals(one)
    assert dict(os.environ) == env  # the LocalCluster's settings do not stay in this process
    assert r3.parts == len(os.listdir(out3 / "works.parquet")) >= 5  # folder, zip, and a part per dump
    with _scheduler_and_two_workers(tmp_path) as address:
        # two works a partition: the folder, the zip and every dump are cut between the workers
        r4, remote, out4 = _run(inputs, tmp_path / "dask-remote", dask=address, partition=2)
    assert remote.equals(one)
    assert r4.runner.startswith(f"the Dask scheduler at {address} (") and "about 2 works" in r4.runner
    assert r4.parts == len(os.listdir(out4 / "works.parquet")) >= 9
    assert (r4.works, r4.rows, r4.failed, r4.findings) == (_report.works, _report.rows, _report.failed, _report.findings)
    findings = pq.read_table(out4 / "findings.parquet").sort_by([("id", "ascending"), ("chapter", "ascending"),
                                                                 ("start", "ascending"), ("code", "ascending")])
    local_findings = pq.read_table(_out / "findings.parquet").sort_by([("id", "ascending"), ("chapter", "ascending"),
                                                                       ("start", "ascending"), ("code", "ascending")])
    assert findings.equals(local_findings)


def test_dask_workers_that_cannot_see_the_inputs_are_refused(tmp_path):
    pytest.importorskip("distributed")
    from betareader.batch import run as batch_run

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(STORIES["harbour.txt"], encoding="utf-8")
    assert batch_run._worker_sees([str(folder)], [str(folder)]) is None
    assert batch_run._worker_sees([str(tmp_path / "elsewhere")], []) == str(tmp_path / "elsewhere")
    assert batch_run._worker_sees([], [str(tmp_path / "nowhere")]) == str(tmp_path / "nowhere")
    assert [batch_run.partition_size(n, 2) for n in (None, 1, 9, 1_000, 1_000_000)] == [64, 1, 2, 125, 256]


class _scheduler_and_two_workers:
    """``dask scheduler`` and two ``dask worker`` processes on loopback, stopped on exit."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.procs: list[subprocess.Popen] = []

    def __enter__(self) -> str:
        dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
        sfile = self.tmp / "scheduler.json"
        env = dict(os.environ)
        self.procs.append(subprocess.Popen(
            dask + ["--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file", str(sfile)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env))
        deadline = time.time() + 60
        while not sfile.exists() and time.time() < deadline:
            time.sleep(0.2)
        assert sfile.exists(), "the scheduler did not start"
        time.sleep(0.3)
        address = json.loads(sfile.read_text())["address"]
        for _ in range(2):
            self.procs.append(subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nworkers", "1", "--nthreads", "1",
                 "--no-dashboard", "--host", "127.0.0.1"],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env))
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=90)
        return address

    def __exit__(self, *exc) -> None:
        for p in reversed(self.procs):
            p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()


@pytest.mark.parametrize("runner", [{"jobs": 1}, {"jobs": 1, "dask": "local"}], ids=["local", "dask"])
def test_resume_reviews_only_new_works(tmp_path, runner):
    if "dask" in runner:
        pytest.importorskip("distributed")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(STORIES["harbour.txt"], encoding="utf-8")
    (folder / "b.txt").write_text(STORIES["storm.txt"], encoding="utf-8")
    out = tmp_path / "out"
    first, _, _ = _run([str(folder)], out, **runner)
    assert first.works == 2 and first.skipped == 0
    (folder / "c.md").write_text(STORIES["garden.md"], encoding="utf-8")
    with pytest.raises(Exception, match="--resume"):
        _run([str(folder)], out, **runner)
    second, table, _ = _run([str(folder)], out, **runner, resume=True)
    assert second.works == 1 and second.skipped == 2
    assert sorted(r["id"] for r in table.to_pylist() if r["level"] == "work") == ["a.txt", "b.txt", "c.md"]


#: the README's example: the ten most common error codes per fandom, per 10,000 words
README_QUERY = """
WITH w AS (SELECT * FROM read_parquet('OUT/works.parquet/*.parquet', union_by_name = true)
           WHERE level = 'work' AND error IS NULL),
     words AS (SELECT fandom, sum(words) AS words FROM w GROUP BY fandom),
     codes AS (SELECT fandom, c.code AS code, sum(c.count) AS n
               FROM (SELECT fandom, unnest(codes) AS c FROM w) WHERE c.kind = 'error' GROUP BY fandom, code)
SELECT fandom, code, round(10000.0 * n / words, 1) AS per_10k
FROM codes JOIN words USING (fandom)
QUALIFY row_number() OVER (PARTITION BY fandom ORDER BY n DESC, code) <= 10
ORDER BY fandom, per_10k DESC, code
"""


def test_duckdb_query_of_the_readme(local_one):
    duckdb = pytest.importorskip("duckdb")
    _report, table, out = local_one
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert README_QUERY.replace("OUT/", "out/").strip() in readme
    got = duckdb.sql(README_QUERY.replace("OUT", str(out))).fetchall()
    # the same figures, computed here from the rows
    want: dict = {}
    words: dict = {}
    for r in table.to_pylist():
        if r["level"] == "work" and r["error"] is None:
            words[r["fandom"]] = words.get(r["fandom"], 0) + r["words"]
            for c in r["codes"]:
                if c["kind"] == "error":
                    want.setdefault(r["fandom"], {}).setdefault(c["code"], 0)
                    want[r["fandom"]][c["code"]] += c["count"]
    assert got and {f for f, _c, _n in got} == set(want) - {None}  # works read from files have no fandom
    for fandom, code, per_10k in got:
        assert per_10k == round(10_000 * want[fandom][code] / words[fandom], 1)


def test_summary_finds_habits_across_works(tmp_path):
    base = ["The kettle boiled while Sam read the letter again. It said alot less than she had hoped.",
            "She waited alot longer than she needed to, then went out to the garden.",
            "The beans were finally up, in two crooked rows along the fence."]
    rows = [{"id": f"a{i}", "author": "<b>anna</b>", "text": "\n\n".join(base[(i + k) % 3] for k in range(3))}
            for i in range(5)]
    rows += [{"id": f"b{i}", "author": "ben", "text": STORIES["harbour.txt"].replace("Your", "You're")} for i in range(2)]
    with open(tmp_path / "dump.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "author", "text"])
        w.writeheader()
        w.writerows(rows)
    from betareader.batch import summary

    run_batch([str(tmp_path / "dump.csv")], BatchOptions(output=str(tmp_path / "out"), key=config_key(), findings=True))
    got = summary.summarize(str(tmp_path / "out"), "author")
    groups = {g["group"]: g for g in got["groups"]}
    anna = groups["<b>anna</b>"]
    assert anna["works"] == 5 and anna["units"] == 5
    alot = next(h for h in anna["habits"] if h["example"] == "alot")
    assert alot["units"] == 5 and alot["of"] == 5 and alot["count"] == alot["example_count"] == 10
    assert not any(h["example"] == "alot" for h in groups["ben"]["habits"])
    lines = summary.terminal_lines(got)
    assert any("alot" in line and "in 5 of 5 works, 10 times" in line for line in lines)
    jpath, hpath = summary.write(got, str(tmp_path / "out"))
    page = Path(hpath).read_text(encoding="utf-8")
    assert json.loads(Path(jpath).read_text(encoding="utf-8")) == got
    assert "<b>anna</b>" not in page and "&lt;b&gt;anna&lt;/b&gt;" in page  # metadata is escaped
    assert "Content-Security-Policy" in page and "<script" not in page and "http://" not in page.replace(
        "http://www.w3.org", "") and "<svg" in page
    with pytest.raises(ValueError, match="no 'fandom' column"):
        summary.summarize(str(tmp_path / "out"), "fandom")


def test_bad_files_are_rows_with_their_error(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "latin1.txt").write_bytes("Zoë walked to the café and ordered a crêpe.\n".encode("latin-1"))
    (folder / "nul.txt").write_bytes(b"She sat down.\x00\x00 Then she stood up again and left the room.\n")
    (folder / "empty.md").write_bytes(b"")
    (folder / "bomb.epub").write_bytes(b"PK\x05\x06" + b"\x00" * 18)  # an empty, broken zip
    report, table, _ = _run([str(folder)], tmp_path / "out", jobs=1)
    rows = {r["id"]: r for r in table.to_pylist()}
    assert report.works == 5
    assert rows["binary.txt"]["error"] and rows["empty.md"]["error"] and rows["bomb.epub"]["error"]
    assert rows["latin1.txt"]["error"] is None and rows["latin1.txt"]["words"] == 9
    for r in rows.values():
        assert "Traceback" not in (r["error"] or "") and "internal error" not in (r["error"] or "")
