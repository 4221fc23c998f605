"""The batch's Parquet output: ``DIR/works.parquet/`` (one row per work and per chapter) and,
with ``--findings``, ``DIR/findings.parquet/`` (one row per finding), each a folder of part files
(``part-<run>-<n>.parquet``) that DuckDB, pandas, polars, pyarrow and Dask read as one table.

Rows are written as they come, a part file every :data:`ROWS_PER_PART` rows, so the output never
sits in memory.  A resumed run adds parts of its own and never rewrites the old ones.  Parts may
differ in their metadata columns (one dump has ``fandom``, another ``rating``): read them with
``union_by_name`` (DuckDB) or ``pyarrow.dataset`` with a unified schema.
"""

from __future__ import annotations

import os
import uuid

import pyarrow as pa
import pyarrow.parquet as pq

from .review import FAMILY_COLUMNS

ROWS_PER_PART = 2_000

_CODES = pa.list_(pa.struct([("code", pa.string()), ("kind", pa.string()), ("count", pa.int32())]))
#: the fixed columns of works.parquet, in order; metadata columns follow as strings
WORK_FIELDS = [
    pa.field("id", pa.string()), pa.field("level", pa.string()), pa.field("chapter", pa.int32()),
    pa.field("chapter_title", pa.string()), pa.field("source", pa.string()), pa.field("format", pa.string()),
    pa.field("content_hash", pa.string()), pa.field("error", pa.string()), pa.field("words", pa.int64()),
    pa.field("errors", pa.int32()), pa.field("craft", pa.int32()), pa.field("errors_per_10k", pa.float64()),
    pa.field("craft_per_10k", pa.float64()),
    *[pa.field(f"{f}_per_10k", pa.float64()) for f in FAMILY_COLUMNS],
    pa.field("codes", _CODES), pa.field("dialogue_share", pa.float64()), pa.field("narration_tense", pa.string()),
    pa.field("flesch_reading_ease", pa.float64()), pa.field("flesch_kincaid_grade", pa.float64()),
    pa.field("top_overused", pa.list_(pa.string())),
]
FINDING_FIELDS = [
    pa.field("id", pa.string()), pa.field("chapter", pa.int32()), pa.field("code", pa.string()),
    pa.field("kind", pa.string()), pa.field("start", pa.int64()), pa.field("end", pa.int64()),
    pa.field("excerpt", pa.string()), pa.field("message", pa.string()),
]
_FIXED = {f.name for f in WORK_FIELDS}


def works_table(rows: list[dict]) -> pa.Table:
    """``rows`` as a table: the fixed columns, then every metadata column any row has (strings,
    null where a row has none), sorted by name."""
    extra = sorted({k for r in rows for k in r if k not in _FIXED})
    schema = pa.schema(WORK_FIELDS + [pa.field(k, pa.string()) for k in extra])
    return pa.Table.from_pylist(rows, schema=schema)


def findings_table(rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=pa.schema(FINDING_FIELDS))


class PartWriter:
    """Buffers rows and writes them to ``folder`` a part file at a time."""

    def __init__(self, folder: str, make_table, run: str | None = None, rows_per_part: int = ROWS_PER_PART) -> None:
        self.folder = folder
        self.make_table = make_table
        self.run = run or uuid.uuid4().hex[:8]
        self.rows_per_part = rows_per_part
        self.buffer: list[dict] = []
        self.parts = 0
        self.rows = 0
        os.makedirs(folder, exist_ok=True)

    def add(self, rows: list[dict]) -> None:
        self.buffer.extend(rows)
        if len(self.buffer) >= self.rows_per_part:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        write_part(self.folder, self.make_table(self.buffer), self.run, self.parts)
        self.parts += 1
        self.rows += len(self.buffer)
        self.buffer = []


def write_part(folder: str, table: pa.Table, run: str, n: int) -> str:
    """Writes ``table`` as the part ``n`` of the run ``run`` in ``folder``; a part is there whole
    or not at all (written beside, then renamed)."""
    path = os.path.join(folder, f"part-{run}-{n:05d}.parquet")
    tmp = path + ".tmp"
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)
    return path


def parts(folder: str, columns: list[str] | None = None):
    """Each part file of ``folder`` (none if it does not exist), in name order, as a table of
    ``columns`` (all when None): one part in memory at a time."""
    if not os.path.isdir(folder):
        return
    for name in sorted(os.listdir(folder)):
        if name.endswith(".parquet"):
            yield pq.read_table(os.path.join(folder, name), columns=columns)


def done_hashes(folder: str) -> set[str]:
    """The content hashes of the works an earlier run wrote (its work-level rows without an
    error), for ``--resume``; reads those columns only."""
    out: set[str] = set()
    for t in parts(folder, ["content_hash", "level", "error"]):
        for h, level, err in zip(t.column("content_hash").to_pylist(), t.column("level").to_pylist(),
                                 t.column("error").to_pylist()):
            if level == "work" and err is None:
                out.add(h)
    return out


def read_works(folder: str) -> pa.Table:
    """All of ``folder``'s parts as one table (metadata columns unified by name)."""
    tables = list(parts(folder))
    if not tables:
        return works_table([])
    return pa.concat_tables(tables, promote_options="default") if len(tables) > 1 else tables[0]


__all__ = ["PartWriter", "write_part", "works_table", "findings_table", "parts", "done_hashes", "read_works"]
