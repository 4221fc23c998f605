"""The inputs cut into partitions that a Dask worker reads by itself.

On a cluster the client does not read the works: it plans small descriptions of where they are
(:class:`Partition`: a few files of a folder, a range of a zip archive's members, a run of a CSV
or JSON Lines dump's rows from a seek position, some row groups of a Parquet file), and each worker
reads its partition from storage it shares with the client, reviews the works and writes their
rows as Parquet part files itself.  Only the plan and a few counts cross the network.

:func:`read_partition` yields exactly the works :func:`~.inputs.iter_works` yields for the same
stretch of input (ids, row numbers, metadata, errors), so the rows do not depend on where they
were read.  Planning a text dump reads it through once on the client, to find where every
partition's first row starts (CSV fields may hold line breaks, so byte ranges cut at newlines
would split rows); a Parquet dump is cut at its row groups, as Dask's own ``read_parquet`` does.
"""

from __future__ import annotations

import csv
import itertools
import os
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import InputError
from ..loaders import FORMATS
from .inputs import (
    STORY_EXTENSIONS,
    TABLE_EXTENSIONS,
    TableOptions,
    Work,
    input_files,
    json_line_work,
    no_column,
    one_file,
    reading,
    row_work,
    zip_works,
)

#: the most works a partition holds (fewer when the corpus is small: every worker gets some)
PARTITION_WORKS = 256


@dataclass(frozen=True, slots=True)
class Partition:
    """Where a partition's works are.  ``kind``: ``files`` (``files``: (path, id) pairs of story
    files), ``zip`` (members ``start:stop`` of the archive ``path``), ``csv``/``tsv``/``jsonl``
    (``count`` rows or lines from the position ``start`` of ``path``, the first numbered
    ``first``; ``header``: the CSV's column names) or ``parquet`` (row groups ``start:stop``)."""

    kind: str
    path: str = ""
    rel: str = ""
    start: int = 0
    stop: int | None = None
    count: int = 0
    first: int = 1
    header: tuple[str, ...] = ()
    files: tuple[tuple[str, str], ...] = ()


def plan(inputs: list[str], table: TableOptions = TableOptions(), size: int = PARTITION_WORKS,
         skip: str | None = None) -> Iterator[Partition]:
    """The partitions of ``inputs``, in input order, each of at most ``size`` works (a Parquet
    row group bigger than that is one partition); ``skip``: a folder left out (the output)."""
    if table.format not in FORMATS:
        raise InputError(f"unknown text format {table.format!r}")
    size = max(1, size)
    files: list[tuple[str, str]] = []
    for path, rel in input_files(inputs, skip):
        ext = os.path.splitext(path)[1].lower()
        if ext == ".zip" or ext in TABLE_EXTENSIONS:
            if files:
                yield Partition("files", files=tuple(files))
                files = []
            yield from (_plan_zip(path, rel, size) if ext == ".zip" else _plan_table(path, TABLE_EXTENSIONS[ext], table, size))
            continue
        files.append((path, rel))
        if len(files) >= size:
            yield Partition("files", files=tuple(files))
            files = []
    if files:
        yield Partition("files", files=tuple(files))


def check(inputs: list[str], table: TableOptions = TableOptions(), skip: str | None = None) -> None:
    """Raises the :class:`InputError` that planning ``inputs`` would meet (an unreadable dump, a
    missing text column), reading each dump through once and holding no list of files, so a run
    can be refused before any work is sent."""
    if table.format not in FORMATS:
        raise InputError(f"unknown text format {table.format!r}")
    for path, _rel in input_files(inputs, skip):
        ext = os.path.splitext(path)[1].lower()
        if ext in TABLE_EXTENSIONS:
            for _part in _plan_table(path, TABLE_EXTENSIONS[ext], table, sys.maxsize):
                pass


def read_partition(part: Partition, table: TableOptions = TableOptions()) -> Iterator[Work]:
    """The works of ``part``, as :func:`~.inputs.iter_works` yields them."""
    if part.kind == "files":
        for path, rel in part.files:
            yield from one_file(path, table, rel)
    elif part.kind == "zip":
        yield from zip_works(part.path, part.rel, part.start, part.stop)
    elif part.kind in ("csv", "tsv"):
        with reading(part.path):
            csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
            with open(part.path, encoding="utf-8-sig", newline="") as fh:
                fh.seek(part.start)
                reader = csv.DictReader(fh, fieldnames=list(part.header), delimiter="\t" if part.kind == "tsv" else ",")
                for n, row in enumerate(itertools.islice(reader, part.count), part.first):
                    yield row_work(row, n, part.path, table)
    elif part.kind == "jsonl":
        with reading(part.path):
            with open(part.path, encoding="utf-8-sig") as fh:
                fh.seek(part.start)
                for n, line in enumerate(itertools.islice(iter(fh.readline, ""), part.count), part.first):
                    if line.strip():
                        yield json_line_work(line, n, part.path, table)
    elif part.kind == "parquet":
        import pyarrow.parquet as pq

        with reading(part.path):
            pf = pq.ParquetFile(part.path)
            n = part.first - 1
            for batch in pf.iter_batches(batch_size=256, row_groups=list(range(part.start, part.stop))):
                for row in batch.to_pylist():
                    n += 1
                    yield row_work(row, n, part.path, table)
    else:
        raise ValueError(f"unknown partition kind {part.kind!r}")


def _plan_zip(path: str, rel: str, size: int) -> Iterator[Partition]:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (OSError, zipfile.BadZipFile):
        yield Partition("zip", path=path, rel=rel)  # read by the worker: one row with the error
        return
    start = 0
    n = 0
    for i, info in enumerate(infos):
        if not info.is_dir() and os.path.splitext(info.filename)[1].lower() in STORY_EXTENSIONS:
            n += 1
            if n == size:
                yield Partition("zip", path=path, rel=rel, start=start, stop=i + 1)
                start, n = i + 1, 0
    if n or start == 0:
        yield Partition("zip", path=path, rel=rel, start=start, stop=None)


def _plan_table(path: str, kind: str, table: TableOptions, size: int) -> Iterator[Partition]:
    with reading(path):
        if kind in ("csv", "tsv"):
            csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
            with open(path, encoding="utf-8-sig", newline="") as fh:
                # readline, not iteration: tell() works between rows, and the reader takes one
                # line at a time, so after a row the position is where the next row starts
                reader = csv.DictReader(iter(fh.readline, ""), delimiter="\t" if kind == "tsv" else ",")
                header = reader.fieldnames
                if header is None or table.text_column not in header:
                    raise no_column(path, table.text_column, header)
                start, first, n = fh.tell(), 1, 0
                for _row in reader:
                    n += 1
                    if n == size:
                        yield Partition(kind, path=path, start=start, count=n, first=first, header=tuple(header))
                        start, first, n = fh.tell(), first + n, 0
                if n:
                    yield Partition(kind, path=path, start=start, count=n, first=first, header=tuple(header))
        elif kind == "jsonl":
            with open(path, encoding="utf-8-sig") as fh:
                start, first, n, works = fh.tell(), 1, 0, 0
                for line in iter(fh.readline, ""):
                    n += 1
                    works += bool(line.strip())
                    if works == size:
                        yield Partition(kind, path=path, start=start, count=n, first=first)
                        start, first, n, works = fh.tell(), first + n, 0, 0
                if works:
                    yield Partition(kind, path=path, start=start, count=n, first=first)
        else:
            import pyarrow.parquet as pq

            pf = pq.ParquetFile(path)
            names = pf.schema_arrow.names
            if table.text_column not in names:
                raise no_column(path, table.text_column, names)
            md = pf.metadata
            start, first, rows = 0, 1, 0
            for g in range(md.num_row_groups):
                got = md.row_group(g).num_rows
                if rows and rows + got > size:
                    yield Partition(kind, path=path, start=start, stop=g, first=first)
                    start, first, rows = g, first + rows, 0
                rows += got
            if rows:
                yield Partition(kind, path=path, start=start, stop=md.num_row_groups, first=first)


__all__ = ["Partition", "plan", "check", "read_partition", "PARTITION_WORKS"]
