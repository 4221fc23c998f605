"""The works a batch reads, one at a time: files and folders in every format ``check`` reads,
zip archives of them, and tabular dumps (CSV, JSON Lines, Parquet) with a text column.

Nothing is read ahead: :func:`iter_works` yields one :class:`Work` at a time (a tabular dump is
read row by row, Parquet a record batch at a time), so a corpus of millions of works costs the
memory of a few.  A work that cannot be read (an unreadable member, an empty text cell) is still
yielded, with its ``error`` set: the batch records it and goes on.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sys
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..errors import InputError
from ..loaders import FORMATS, LATER, STRUCTURED_EXTENSIONS, TEXT_EXTENSIONS
from ..loaders.archive import MAX_MEMBER_BYTES, MAX_RATIO, RATIO_FLOOR, _unsafe_name

#: the extensions of the story files a folder or a zip archive is searched for
STORY_EXTENSIONS = {ext: fmt for ext, fmt in {**TEXT_EXTENSIONS, **STRUCTURED_EXTENSIONS}.items() if ext}
TABLE_EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
#: the longest text cell a tabular dump may hold (the limit ``check`` has for one file)
MAX_CELL_CHARS = 50 * 1024 * 1024


@dataclass(slots=True)
class Work:
    """One work to review: its id, where it came from, its content (text, or a file's bytes and
    format) and its metadata (the dump's other columns, as strings)."""

    id: str
    source: str
    format: str = "txt"
    text: str | None = None
    data: bytes | None = None
    meta: dict[str, str] = field(default_factory=dict)
    error: str | None = None

    def __post_init__(self) -> None:
        # a file name that is not UTF-8 (os.fsdecode's surrogates), or a JSON "\ud800" escape:
        # Parquet strings must be valid UTF-8, so such characters become U+FFFD
        self.id, self.source = _valid(self.id), _valid(self.source)
        if self.text is not None:
            self.text = _valid(self.text)
        if self.meta:
            self.meta = {_valid(k): _valid(v) for k, v in self.meta.items()}

    def content_hash(self) -> str:
        """A hash of the work's content and format (``--resume`` skips works already reviewed)."""
        h = hashlib.blake2b(digest_size=16)
        h.update(self.format.encode())
        h.update(b"\0")
        if self.text is not None:
            h.update(self.text.encode("utf-8", "surrogatepass"))
        elif self.data is not None:
            h.update(self.data)
        else:
            h.update(("error:" + (self.error or "")).encode())
        return h.hexdigest()


def _valid(s: str) -> str:
    """``s`` with any lone surrogate replaced by U+FFFD (it is already valid UTF-8 almost always)."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        try:  # a file name's undecodable bytes, escaped by os.fsdecode: one U+FFFD a byte
            return s.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        except UnicodeEncodeError:  # a lone surrogate of another kind
            return s.encode("utf-8", "surrogatepass").decode("utf-8", "replace")


@dataclass(frozen=True, slots=True)
class TableOptions:
    text_column: str = "text"
    id_column: str | None = "id"
    format: str = "txt"  # what the text cells are: txt, md or html


def iter_works(inputs: list[str], table: TableOptions = TableOptions(), skip: str | None = None) -> Iterator[Work]:
    """Every work of ``inputs`` in order: a folder's story files sorted by path, a zip archive's
    members in archive order, a dump's rows in file order."""
    for path, rel in input_files(inputs, skip):
        yield from one_file(path, table, rel)


def input_files(inputs: list[str], skip: str | None = None) -> Iterator[tuple[str, str]]:
    """Each input file as (path, the name its works' ids start with): a folder's story files,
    zip archives and dumps, sorted by path; a file as given.  ``skip``: a folder left out of the
    walk (the batch's own output, when it lies inside an input folder)."""
    for path in inputs:
        if os.path.isdir(path):
            for root, dirs, files in os.walk(path):
                if skip is not None:
                    dirs[:] = [d for d in dirs if os.path.join(root, d) != skip]
                dirs.sort()
                for name in sorted(files):
                    full = os.path.join(root, name)
                    ext = os.path.splitext(name)[1].lower()
                    if ext in STORY_EXTENSIONS or ext == ".zip" or ext in TABLE_EXTENSIONS:
                        yield full, os.path.relpath(full, path)
            continue
        if not os.path.exists(path):
            raise InputError(f"{path}: no such file or folder")
        yield path, os.path.basename(path)


def count_works(inputs: list[str], table: TableOptions = TableOptions(), skip: str | None = None) -> int | None:
    """How many works :func:`iter_works` will yield, when that is cheap to know (files, folders,
    zip archives, Parquet's row counts); None when a text dump would have to be read through."""
    n = 0
    for p, _rel in input_files(inputs, skip):
        ext = os.path.splitext(p)[1].lower()
        if ext == ".zip":
            try:
                with zipfile.ZipFile(p) as zf:
                    n += sum(1 for i in zf.infolist() if not i.is_dir()
                             and os.path.splitext(i.filename)[1].lower() in STORY_EXTENSIONS)
            except (OSError, zipfile.BadZipFile):
                n += 1
        elif ext == ".parquet":
            try:
                import pyarrow.parquet as pq

                n += pq.ParquetFile(p).metadata.num_rows
            except Exception:  # an unreadable file: reported as one bad work
                n += 1
        elif ext in TABLE_EXTENSIONS:
            return None
        else:
            n += 1
    return n


def one_file(path: str, table: TableOptions, rel: str) -> Iterator[Work]:
    ext = os.path.splitext(path)[1].lower()
    if ext == ".zip":
        yield from zip_works(path, rel)
    elif ext in TABLE_EXTENSIONS:
        yield from _table(path, TABLE_EXTENSIONS[ext], table)
    elif ext in LATER:
        yield Work(id=rel, source=path, error=f"{LATER[ext]} files are not supported")
    else:
        fmt = STORY_EXTENSIONS.get(ext, "txt")
        try:
            size = os.path.getsize(path)
            if size > MAX_MEMBER_BYTES:
                raise OSError(f"{size // (1024 * 1024)} MB, over the {MAX_MEMBER_BYTES // (1024 * 1024)} MB limit")
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            yield Work(id=rel, source=path, format=fmt, error=f"cannot read the file ({getattr(exc, 'strerror', None) or exc})")
            return
        yield Work(id=rel, source=path, format=fmt, data=data)


def zip_works(path: str, rel: str, start: int = 0, stop: int | None = None) -> Iterator[Work]:
    """The story files of a zip archive (of its members ``start:stop``), read one member at a time
    (never the whole archive), each with the loaders' limits: no unsafe member name, no member
    over the size cap or compressed past the zip-bomb ratio."""
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        if start == 0:
            yield Work(id=rel, source=path, error=f"not a readable zip archive ({exc})")
        return
    with zf:
        for info in zf.infolist()[start:stop]:
            ext = os.path.splitext(info.filename)[1].lower()
            if info.is_dir() or ext not in STORY_EXTENSIONS:
                continue
            wid = f"{rel}/{info.filename}"
            fmt = STORY_EXTENSIONS[ext]
            if _unsafe_name(info.filename):
                yield Work(id=wid, source=path, format=fmt, error="refused: an unsafe member name")
                continue
            if info.flag_bits & 0x1:
                yield Work(id=wid, source=path, format=fmt, error="the member is encrypted")
                continue
            size = info.file_size
            if size > MAX_MEMBER_BYTES or (size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1)):
                yield Work(id=wid, source=path, format=fmt, error="refused: the member unpacks past the size limits")
                continue
            try:
                with zf.open(info) as fh:
                    data = fh.read(MAX_MEMBER_BYTES + 1)
            except Exception as exc:  # zlib errors, bad CRC: this member only
                yield Work(id=wid, source=path, format=fmt, error=f"the member is damaged ({exc})")
                continue
            yield Work(id=wid, source=path, format=fmt, data=data)


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, (list, tuple)):
        return ", ".join(_cell(x) for x in v)
    return str(v)


def row_work(row: dict, n: int, path: str, table: TableOptions) -> Work:
    col, idc = table.text_column, table.id_column
    wid = _cell(row.get(idc)) if idc and row.get(idc) not in (None, "") else f"{os.path.basename(path)}#{n}"
    # a CSV row with more fields than the header: csv keeps the rest under the key None
    meta = {("extra_fields" if k is None else str(k)): _cell(v) for k, v in row.items() if k not in (col, idc)}
    if col not in row:
        return Work(id=wid, source=path, format=table.format, meta=meta, error=f"no {col!r} column")
    text = row[col]
    if not isinstance(text, str) or not text.strip():
        return Work(id=wid, source=path, format=table.format, meta=meta, error="the text cell is empty")
    if len(text) > MAX_CELL_CHARS:
        return Work(id=wid, source=path, format=table.format, meta=meta, error="the text cell is over the size limit")
    if table.format in ("txt", "md"):
        return Work(id=wid, source=path, format=table.format, text=text, meta=meta)
    return Work(id=wid, source=path, format=table.format, data=text.encode("utf-8"), meta=meta)


def json_line_work(line: str, n: int, path: str, table: TableOptions) -> Work:
    """The work of line ``n`` of a JSON Lines dump (a row with its error when it is not an object)."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        return Work(id=f"{os.path.basename(path)}#{n}", source=path, error=f"not JSON ({exc.msg})")
    if not isinstance(row, dict):
        return Work(id=f"{os.path.basename(path)}#{n}", source=path, error="a JSON line that is not an object")
    return row_work(row, n, path, table)


def _one_line(exc) -> str:
    """A library's message on one line, without control characters."""
    return " ".join("".join(c if c.isprintable() else " " for c in str(exc)).split())


@contextmanager
def reading(path: str):
    """Turns each way reading a dump can fail into a one-line :class:`InputError`."""
    try:
        yield
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason})") from None
    except csv.Error as exc:
        raise InputError(f"{path}: not a readable CSV file ({_one_line(exc)})") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({_one_line(exc.strerror or exc)})") from None
    except InputError:
        raise
    except Exception as exc:  # pyarrow's errors for a broken Parquet file
        raise InputError(f"{path}: not a readable Parquet file ({_one_line(exc)})") from None


def no_column(path: str, column: str, names) -> InputError:
    return InputError(f"{path}: no {column!r} column (columns: {', '.join(names or []) or 'none'}); "
                      "name it with --text-column")


def _table(path: str, kind: str, table: TableOptions) -> Iterator[Work]:
    if table.format not in FORMATS:
        raise InputError(f"unknown text format {table.format!r}")
    with reading(path):
        if kind in ("csv", "tsv"):
            csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
            with open(path, encoding="utf-8-sig", newline="") as fh:
                reader = csv.DictReader(fh, delimiter="\t" if kind == "tsv" else ",")
                if reader.fieldnames is None or table.text_column not in reader.fieldnames:
                    raise no_column(path, table.text_column, reader.fieldnames)
                for n, row in enumerate(reader, 1):
                    yield row_work(row, n, path, table)
        elif kind == "jsonl":
            with open(path, encoding="utf-8-sig") as fh:
                for n, line in enumerate(fh, 1):
                    if line.strip():
                        yield json_line_work(line, n, path, table)
        else:
            import pyarrow.parquet as pq

            pf = pq.ParquetFile(path)
            names = pf.schema_arrow.names
            if table.text_column not in names:
                raise no_column(path, table.text_column, names)
            n = 0
            for batch in pf.iter_batches(batch_size=256):
                for row in batch.to_pylist():
                    n += 1
                    yield row_work(row, n, path, table)


__all__ = ["Work", "TableOptions", "iter_works", "input_files", "count_works", "STORY_EXTENSIONS", "TABLE_EXTENSIONS"]
