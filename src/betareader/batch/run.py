"""Running a batch: the works reviewed in this process (one job), in a local process pool, or on
a Dask cluster, and their rows written to Parquet.

Locally, this process streams the works from the inputs to the pool (at most
:data:`IN_FLIGHT_PER_WORKER` chunks per worker waiting or running at once) and writes the rows a
part file at a time.  On Dask, it only plans partitions of the inputs (:mod:`.partitions`): each
worker reads its partition from shared storage, reviews it and writes its own part files
(:func:`review_partition`), so neither the texts nor the rows pass through the client and the
cluster scales past what one machine's disk and network would feed.  Memory stays bounded
either way, whatever the corpus size.  Every runner calls the same per-work function
(:func:`~.review.review`) on the same works, so local and Dask runs write the same rows.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from ..errors import BetareaderError, InputError
from .inputs import TableOptions, Work, count_works, iter_works
from .output import PartWriter, done_hashes, findings_table, works_table, write_part
from .partitions import PARTITION_WORKS, Partition, check, plan, read_partition
from .review import review

#: works per task: enough to make a task's overhead small, few enough to keep workers busy
CHUNK = 4
#: chunks waiting or running per worker
IN_FLIGHT_PER_WORKER = 3
#: seconds to wait for a Dask scheduler's first worker
WAIT_FOR_WORKERS = 30


class DoneHashes:
    """The content hashes ``--resume`` skips, as one object for Dask to send (a bare set is sent
    element by element: 7 s for 100,000 hashes, against well under one this way)."""

    __slots__ = ("hashes",)

    def __init__(self, hashes: set[str]) -> None:
        self.hashes = hashes

    def __contains__(self, h: str) -> bool:
        return h in self.hashes

    def __bool__(self) -> bool:
        return bool(self.hashes)

    def __getstate__(self):
        return self.hashes

    def __setstate__(self, state) -> None:
        self.hashes = state


def review_chunk(works: list[Work], key: tuple, findings: bool) -> list[dict]:
    """Review each work of a chunk (the task every runner sends)."""
    return [review(w, key, findings) for w in works]


@dataclass
class BatchOptions:
    output: str
    jobs: int = 1
    findings: bool = False
    resume: bool = False
    key: tuple = ()
    dask: str | None = None  # None: local; "local": a LocalCluster; else a scheduler's address
    partition: int | None = None  # works per Dask partition (None: chosen from the corpus size)
    progress: bool = False
    table: TableOptions = field(default_factory=TableOptions)


@dataclass
class BatchReport:
    works: int = 0
    rows: int = 0
    failed: int = 0
    skipped: int = 0
    findings: int = 0
    seconds: float = 0.0
    parts: int = 0
    runner: str = ""


def _chunks(works: Iterable[Work], size: int) -> Iterator[list[Work]]:
    chunk: list[Work] = []
    for w in works:
        chunk.append(w)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_batch(inputs: list[str], opts: BatchOptions) -> BatchReport:
    # absolute paths: a Dask worker's working folder is not ours, and every runner must write
    # the same ``source``
    inputs = [os.path.abspath(p) for p in inputs]
    opts = replace(opts, output=os.path.abspath(opts.output))
    for p in inputs:
        if not os.path.exists(p):
            raise InputError(f"{p}: no such file or folder")
    works_dir = os.path.join(opts.output, "works.parquet")
    findings_dir = os.path.join(opts.output, "findings.parquet")
    if os.path.isdir(works_dir) and any(n.endswith(".parquet") for n in os.listdir(works_dir)) and not opts.resume:
        raise BetareaderError(f"{works_dir} already holds results: --resume to continue it, or choose another --output")
    done = done_hashes(works_dir) if opts.resume else set()
    report = BatchReport()
    skip = opts.output  # an output folder inside an input folder is not read as input
    total = count_works(inputs, opts.table, skip)

    bar = _Progress(opts.progress, total)

    def todo() -> Iterator[Work]:
        for w in iter_works(inputs, opts.table, skip):
            if done and w.content_hash() in done:
                report.skipped += 1
                bar.advance(1)
                continue
            yield w

    def take(results: list[dict]) -> None:
        for r in results:
            writer.add(r["rows"])
            report.works += 1
            report.rows += len(r["rows"])
            report.failed += r["rows"][0]["error"] is not None
            if fwriter is not None:
                fwriter.add(r["findings"])
                report.findings += len(r["findings"])
        bar.advance(len(results))

    writer = PartWriter(works_dir, works_table)
    fwriter = PartWriter(findings_dir, findings_table, run=writer.run) if opts.findings else None
    t0 = time.perf_counter()
    try:
        with bar:
            if opts.dask:
                # the workers read the inputs and write the parts themselves
                report.runner = _run_dask(inputs, opts, report, bar, done, writer.run, total)
            elif opts.jobs <= 1:
                report.runner = "this process"
                for chunk in _chunks(todo(), 1):
                    take(review_chunk(chunk, opts.key, opts.findings))
            else:
                report.runner = _run_pool(todo(), opts, take)
    except BetareaderError as exc:
        # a dump that turns out unreadable half-way: keep what was reviewed, say how to go on
        writer.flush()
        if fwriter is not None:
            fwriter.flush()
        if report.works:
            raise type(exc)(f"{exc} ({report.works:,} works reviewed before it are in {works_dir}: "
                            "--resume goes on from there once the input is fixed)") from None
        raise
    writer.flush()
    if fwriter is not None:
        fwriter.flush()
    report.parts += writer.parts
    report.seconds = time.perf_counter() - t0
    return report


def _run_pool(works: Iterator[Work], opts: BatchOptions, take) -> str:
    import multiprocessing as mp
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    window = opts.jobs * IN_FLIGHT_PER_WORKER
    # spawn: a clean interpreter per worker (no thread or lock of this process carried over);
    # each imports betareader once and builds its engine on its first work
    with ProcessPoolExecutor(max_workers=opts.jobs, mp_context=mp.get_context("spawn")) as pool:
        pending = set()
        for chunk in _chunks(works, CHUNK):
            pending.add(pool.submit(review_chunk, chunk, opts.key, opts.findings))
            if len(pending) >= window:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for f in finished:
                    take(f.result())
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in finished:
                take(f.result())
    return f"a local pool of {opts.jobs} processes"


def review_partition(part: Partition, table: TableOptions, key: tuple, findings: bool, output: str, run: str,
                     index: int, done: "DoneHashes | set[str] | None" = None) -> dict:
    """The task a Dask worker runs: reads its partition of the inputs from shared storage, reviews
    each work (skipping those in ``done``), and writes the rows as part ``index`` of
    ``output``'s tables itself.  Returns the counts only."""
    rows: list[dict] = []
    frows: list[dict] = []
    got = dict(works=0, rows=0, failed=0, skipped=0, findings=0, parts=0, fatal=None, input_error=False)
    folders = [os.path.join(output, "works.parquet")] + ([os.path.join(output, "findings.parquet")] if findings else [])
    missing = _worker_sees([part.path] if part.path else [p for p, _ in part.files[:1]], folders)
    if missing:  # a worker that joined after the check, on storage the others do not share
        got["fatal"] = _unreachable(_worker_address(), missing)
        return got
    try:
        for w in read_partition(part, table):
            if done and w.content_hash() in done:
                got["skipped"] += 1
                continue
            r = review(w, key, findings)
            rows += r["rows"]
            got["works"] += 1
            got["failed"] += r["rows"][0]["error"] is not None
            if findings:
                frows += r["findings"]
        got["rows"], got["findings"] = len(rows), len(frows)
        if rows:
            write_part(os.path.join(output, "works.parquet"), works_table(rows), run, index)
            got["parts"] = 1
        if frows:
            write_part(os.path.join(output, "findings.parquet"), findings_table(frows), run, index)
    except InputError as exc:  # an unreadable dump: the batch stops, with this message
        got.update(fatal=str(exc), input_error=True, works=0, rows=0, failed=0, findings=0, parts=0)
    except Exception as exc:  # a bug: its message and where, since a traceback stays on the worker
        import traceback

        where = traceback.extract_tb(exc.__traceback__)[-1]
        got.update(fatal=f"internal error on a Dask worker: {type(exc).__name__}: {exc} "
                         f"({os.path.basename(where.filename)}:{where.lineno})",
                   works=0, rows=0, failed=0, findings=0, parts=0)
    return got


def _worker_address() -> str:
    try:
        from distributed import get_worker

        return get_worker().address
    except (ImportError, ValueError):
        return "(this process)"


def _unreachable(worker: str, path: str) -> str:
    return (f"the Dask worker {worker} cannot reach {path}: the inputs and --output must be on storage "
            "every worker shares, at the same path")


def _worker_sees(paths: list[str], folders: list[str]) -> str | None:
    """Run on each Dask worker: the first input it cannot read or output folder it cannot write
    to, or None."""
    for p in paths:
        if not os.path.exists(p):
            return p
    for folder in folders:
        if not (os.path.isdir(folder) and os.access(folder, os.W_OK)):
            return folder
    return None


def partition_size(total: int | None, workers: int) -> int:
    """Works per partition: about four partitions per worker for a small corpus (every worker
    busy, the last ones short), at most :data:`PARTITION_WORKS` for a big one."""
    if not total:
        return 64
    return max(1, min(PARTITION_WORKS, -(-total // (workers * 4))))


def _run_dask(inputs: list[str], opts: BatchOptions, report: BatchReport, bar, done: set[str], run: str,
              total: int | None) -> str:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise BetareaderError("--dask needs Dask's distributed scheduler: pip install 'betareader[dask]'") from None
    cluster = None
    # a LocalCluster writes its workers' settings into this process's environment (MALLOC_TRIM_
    # THRESHOLD_, PYTHONHASHSEED, thread limits): put it back afterwards, or every later
    # subprocess inherits them (a small malloc trim threshold makes some checks 5x slower)
    saved_env = dict(os.environ)
    if opts.dask == "local":
        # no dashboard on the usual port (a second cluster would warn that it is taken), and the
        # workers' logs quiet: a failure comes back as one line
        cluster = LocalCluster(n_workers=max(1, opts.jobs), threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=logging.CRITICAL)
        client = Client(cluster)
        where = f"a Dask LocalCluster of {max(1, opts.jobs)} workers"
    else:
        try:
            client = Client(opts.dask, timeout=10)
        except (OSError, TimeoutError) as exc:
            raise BetareaderError(f"cannot reach the Dask scheduler at {opts.dask} ({exc})") from None
        except ValueError as exc:
            raise BetareaderError(f"not a Dask scheduler address: {opts.dask} ({exc}; e.g. tcp://host:8786)") from None
        where = f"the Dask scheduler at {opts.dask}"
    try:
        try:
            client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
        except TimeoutError:
            raise BetareaderError(f"{where} has no workers (waited {WAIT_FOR_WORKERS} s): start some with "
                                  f"`dask worker {opts.dask}`") from None
        nworkers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})))
        folders = [os.path.join(opts.output, "works.parquet")]
        if opts.findings:
            folders.append(os.path.join(opts.output, "findings.parquet"))
        for worker, missing in client.run(_worker_sees, inputs, folders).items():
            if missing:
                raise BetareaderError(_unreachable(worker, missing))
        # an unreadable dump or a missing text column is found before any work is sent (each dump
        # is read through once more by the plan below), so a refused run leaves no parts behind
        check(inputs, opts.table, opts.output)
        shared = client.scatter([DoneHashes(done)], broadcast=True)[0] if done else None
        size = opts.partition or partition_size(total, nworkers)
        window = nworkers * IN_FLIGHT_PER_WORKER
        ac = as_completed()
        inflight = 0

        fatal: list[BaseException] = []

        def take(fut) -> None:
            got = fut.result()
            fut.release()
            if got["fatal"]:
                # stop sending partitions; the ones under way finish and are counted
                fatal.append((InputError if got["input_error"] else BetareaderError)(got["fatal"]))
                return
            report.works += got["works"]
            report.rows += got["rows"]
            report.failed += got["failed"]
            report.skipped += got["skipped"]
            report.findings += got["findings"]
            report.parts += got["parts"]
            bar.advance(got["works"] + got["skipped"])

        index = -1
        for index, part in enumerate(plan(inputs, opts.table, size, opts.output)):
            if fatal:
                break
            ac.add(client.submit(review_partition, part, opts.table, opts.key, opts.findings, opts.output, run,
                                 index, shared, pure=False))
            inflight += 1
            if inflight >= window:
                take(next(ac))
                inflight -= 1
        for fut in ac:
            take(fut)
        if fatal:
            raise fatal[0]
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        if os.environ != saved_env:
            os.environ.clear()
            os.environ.update(saved_env)
    parts = f"{index + 1:,} partition{'s' if index != 0 else ''}"
    return where + f" ({parts} of about {size:,} works, read and written by the workers)"


class _Progress:
    """A progress bar on standard error: works done, works per second, time left (when the
    number of works is known up front)."""

    def __init__(self, show: bool, total: int | None) -> None:
        self.show = show
        self.total = total
        self._p = None

    def __enter__(self):
        if self.show:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._p = Progress(
                TextColumn("reviewing"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} works/s"), TimeRemainingColumn(),
                console=Console(file=sys.stderr), transient=True,
            )
            self._p.start()
            self._task = self._p.add_task("works", total=self.total, rate="0.0")
            self._t0 = time.perf_counter()
        return self

    def advance(self, n: int) -> None:
        if self._p is not None:
            task = self._p.tasks[0]
            done = task.completed + n
            rate = done / max(time.perf_counter() - self._t0, 1e-9)
            self._p.update(self._task, advance=n, rate=f"{rate:.1f}")

    def __exit__(self, *exc) -> None:
        if self._p is not None:
            self._p.stop()
