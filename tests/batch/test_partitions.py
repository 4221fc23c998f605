"""The partitions a Dask worker reads by itself give exactly the works the local runner reads:
every input shape, cut at every size, including CSV cells with line breaks, a byte-order mark,
blank and broken JSON lines, Parquet row groups, and zip members that are not stories."""

from __future__ import annotations

import csv
import json
import zipfile

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from betareader.batch.inputs import TableOptions, iter_works
from betareader.batch.partitions import Partition, plan, read_partition
from betareader.errors import InputError

from test_batch import STORIES, TABLE, _corpus

ROWS = [
    {"work_id": f"m{i}", "x": str(i),
     "text": f"The first line of story {i}.\r\n\r\nThe \"second\" one, with commas,\nand a café, a naïve résumé {i}."}
    for i in range(23)
]


def _key(w):
    return (w.id, w.source, w.format, w.text, w.data, w.meta, w.error)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("parts")
    got = _corpus(root)
    with open(root / "bom.csv", "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["work_id", "text", "x"])
        w.writeheader()
        for i, r in enumerate(ROWS):
            w.writerow(r)
            if i % 5 == 0:
                fh.write("\r\n")  # a blank line between rows: skipped, not numbered
    with open(root / "tabs.tsv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["work_id", "text", "x"], delimiter="\t")
        w.writeheader()
        w.writerows(ROWS)
    with open(root / "lines.jsonl", "w", encoding="utf-8-sig") as fh:
        for r in ROWS:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n\n")
        fh.write("[1, 2]\n{broken\n\n")
    pq.write_table(pa.Table.from_pylist(ROWS), root / "groups.parquet", row_group_size=5)
    with zipfile.ZipFile(root / "mixed.zip", "w") as zf:
        for i in range(7):
            zf.writestr(f"ch{i}/", "")
            zf.writestr(f"ch{i}/text.md", f"# Chapter {i}\n\n{STORIES['storm.txt']}")
            zf.writestr(f"ch{i}/cover.png", b"\x89PNG")
    (root / "broken.zip").write_bytes(b"PK\x03\x04 not a zip")
    return got + [str(root / n) for n in ("bom.csv", "tabs.tsv", "lines.jsonl", "groups.parquet", "mixed.zip",
                                          "broken.zip")]


@pytest.mark.parametrize("size", [1, 2, 3, 5, 7, 11, 256])
def test_partitions_read_exactly_the_works_of_the_inputs(inputs, size):
    want = [_key(w) for w in iter_works(inputs, TABLE)]
    parts = list(plan(inputs, TABLE, size))
    got = []
    for p in parts:
        works = [_key(w) for w in read_partition(p, TABLE)]
        if p.kind != "parquet":  # a Parquet row group is never split
            assert len(works) <= size
        got += works
    assert got == want
    assert len(want) > 100
    if size == 1:
        assert len(parts) >= len(want) - 23  # every work alone, but for the 5-row Parquet groups


def test_a_partition_is_small_and_picklable(inputs):
    import pickle

    for p in plan(inputs, TABLE, 4):
        assert isinstance(p, Partition)
        assert len(pickle.dumps(p)) < 4_000  # where the works are, never the works


def test_planning_refuses_what_the_local_runner_refuses(tmp_path):
    bad = tmp_path / "nocol.csv"
    bad.write_text("id,body\n1,hello\n", encoding="utf-8")
    with pytest.raises(InputError, match="no 'text' column"):
        list(plan([str(bad)], TableOptions()))
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes('{"id": "1", "text": "caf\u00e9"}\n'.encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        list(plan([str(latin)], TableOptions()))
    with pytest.raises(InputError, match="no such file"):
        list(plan([str(tmp_path / "missing")], TableOptions()))


def test_check_meets_the_errors_planning_would_meet(inputs, tmp_path):
    from betareader.batch.partitions import check

    check(inputs, TABLE)  # every shape of the corpus plans cleanly
    bad = tmp_path / "late.jsonl"
    bad.write_bytes(b'{"id": "1", "text": "one"}\n' * 3 + b'{"id": "2", "text": "caf\xe9"}\n')
    with pytest.raises(InputError, match="not UTF-8"):
        check([str(tmp_path)], TableOptions())
