#!/usr/bin/env python3
"""Batch review throughput and memory (``betareader batch``), run by hand:

    .venv/bin/python benchmarks/batch.py --corpus ../shared/corpus            # everything
    .venv/bin/python benchmarks/batch.py --corpus ../shared/corpus --only throughput --works 40
    .venv/bin/python benchmarks/batch.py --corpus ../shared/corpus --only memory --small 1000,20000

**Throughput**: the clean public-domain books of ``fiction/`` cut into works of 2,000-5,000 words
(at paragraph breaks), written to a temporary folder, then reviewed by ``betareader batch`` as a
user runs it (a subprocess each): in one process (``-j 1``), a local pool of 2 processes, and a real
``dask scheduler`` with two ``dask worker`` processes on loopback.  Printed: works per hour from the
command's own clock and from the wall clock (start-up included), the Dask overhead as a ratio to
the local pool of the same size, and, from the measured CPU seconds per work, the cores (and
machines of this machine's size) that would review one million works in a day.

**Memory**: a JSON Lines dump of N small works (about 150-300 words each, cut from the books) per
run, reviewed by a local pool of 2 and by a Dask LocalCluster of 2 workers (``--dask local``, whose
workers read and write their own partitions); the peak resident memory of the whole process tree
(the command and its workers, sampled every 0.2 s with psutil) for each N.  The target: flat within 20% from
1,000 to 20,000 works.

Texts are read from the corpus at run time and written only to a temporary folder.  Figures go to
``benchmarks/results/batch.json`` (numbers only).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = [sys.executable, "-m", "betareader"]


def _paragraphs(corpus: Path) -> list[tuple[str, list[str]]]:
    books = sorted((corpus / "fiction").glob("*.txt"))
    if not books:
        raise SystemExit(f"batch.py: no books in {corpus / 'fiction'}")
    out = []
    for b in books:
        paras = [p.strip() for p in re.split(r"\n\s*\n", b.read_text(encoding="utf-8")) if p.strip()]
        out.append((b.stem, paras))
    return out


def _cut(paras: list[str], lo: int, hi: int) -> list[str]:
    """Consecutive paragraphs joined into works of ``lo``-``hi`` words, their lengths spread evenly
    over the range (each work closes at the next of four targets between ``lo`` and ``hi``)."""
    targets = [lo + (hi - lo) * k // 4 for k in range(4)]
    works, cur, n = [], [], 0
    for p in paras:
        w = len(p.split())
        if n + w > hi and n >= lo or n >= targets[len(works) % 4]:
            works.append("\n\n".join(cur))
            cur, n = [], 0
        cur.append(p)
        n += w
    if n >= lo:
        works.append("\n\n".join(cur))
    return works


def _tree_rss(pid: int) -> int:
    import psutil

    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def _run(args: list[str], sample: bool = False) -> dict:
    """Run ``betareader ARGS``; its summary line's works/s, the wall time and (``sample``) the
    peak RSS of its process tree."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("BETAREADER_CACHE_DIR", "off")
    t0 = time.perf_counter()
    p = subprocess.Popen(BIN + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    peak = [0]
    if sample:
        def watch():
            while p.poll() is None:
                peak[0] = max(peak[0], _tree_rss(p.pid))
                time.sleep(0.2)
        th = threading.Thread(target=watch, daemon=True)
        th.start()
    out, err = p.communicate()
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit(f"batch.py: betareader {' '.join(args)} failed: {err.decode()[-500:]}")
    line = out.decode().splitlines()[0]
    m = re.search(r"reviewed ([\d,]+) works in ([\d.]+) s", line)
    works, secs = int(m.group(1).replace(",", "")), float(m.group(2))
    return {"works": works, "seconds": secs, "wall": wall, "peak_mb": round(peak[0] / 2**20, 1) if sample else None,
            "line": line}


class _Cluster:
    """A real ``dask scheduler`` and two ``dask worker`` processes on loopback."""

    def __init__(self, tmp: Path) -> None:
        self.tmp, self.procs = tmp, []

    def __enter__(self) -> str:
        sfile = self.tmp / "scheduler.json"
        self.procs.append(subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
             "--no-dashboard", "--scheduler-file", str(sfile)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        while not sfile.exists():
            time.sleep(0.2)
        time.sleep(0.3)
        address = json.loads(sfile.read_text())["address"]
        for _ in range(2):
            self.procs.append(subprocess.Popen(
                [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nworkers", "1", "--nthreads", "1",
                 "--no-dashboard", "--host", "127.0.0.1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                env={**os.environ, "BETAREADER_CACHE_DIR": "off"}))
        from distributed import Client

        with Client(address, timeout=60) as c:
            c.wait_for_workers(2, timeout=120)
        return address

    def __exit__(self, *exc) -> None:
        for p in reversed(self.procs):
            p.terminate()
        for p in self.procs:
            p.wait(timeout=30)


def throughput(corpus: Path, n_works: int, tmp: Path) -> dict:
    works = []
    for _stem, paras in _paragraphs(corpus):
        works += _cut(paras, 2_000, 5_000)
    step = max(1, len(works) // n_works)
    works = works[::step][:n_works]
    folder = tmp / "works"
    folder.mkdir()
    for i, w in enumerate(works):
        (folder / f"work-{i:04d}.txt").write_text(w, encoding="utf-8")
    words = sum(len(w.split()) for w in works)
    print(f"throughput: {len(works)} works of 2,000-5,000 words ({words:,} words, mean {words // len(works):,}), "
          f"cut from the corpus books")
    runs = {}
    for name, args in (("local, 1 process", ["-j", "1"]), ("local, 2 processes", ["-j", "2"])):
        runs[name] = _run(["batch", str(folder), "-o", str(tmp / name.replace(" ", "_").replace(",", "")), *args])
    with _Cluster(tmp) as address:
        runs["dask, 2 workers (loopback)"] = _run(["batch", str(folder), "-o", str(tmp / "dask"), "--dask", address])
    print(f"  {'runner':<28} {'works/hour':>11} {'(wall clock)':>13} {'s/work':>8}")
    for name, r in runs.items():
        r["per_hour"] = round(3600 * r["works"] / r["seconds"])
        r["per_hour_wall"] = round(3600 * r["works"] / r["wall"])
        print(f"  {name:<28} {r['per_hour']:>11,} {r['per_hour_wall']:>13,} {r['seconds'] / r['works']:>8.2f}")
    local2, dask2 = runs["local, 2 processes"], runs["dask, 2 workers (loopback)"]
    overhead = dask2["seconds"] / local2["seconds"]
    print(f"  Dask overhead: {overhead:.2f}x the local pool's time for the same 2 processes")
    per_work = runs["local, 1 process"]["seconds"] / runs["local, 1 process"]["works"]  # one core's seconds
    cores = 1_000_000 * per_work / 86_400
    ncpu = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    print(f"  one million works a day: {per_work:.2f} core-seconds a work -> {math.ceil(cores):,} cores busy all day "
          f"({math.ceil(cores / ncpu):,} machines like this one, {ncpu} cores; {math.ceil(cores / 16):,} of 16 cores), "
          f"for works of this length ({words // len(works):,} words on average)")
    return {"works": len(works), "words": words, "runs": {k: {kk: vv for kk, vv in v.items() if kk != "line"}
                                                           for k, v in runs.items()},
            "dask_overhead": round(overhead, 3), "core_seconds_per_work": round(per_work, 3),
            "cores_for_a_million_a_day": round(cores)}


def memory(corpus: Path, sizes: list[int], tmp: Path, runners: list[str] = ("local",)) -> dict:
    small = []
    for _stem, paras in _paragraphs(corpus):
        small += _cut(paras, 150, 300)
    print(f"memory: works of 150-300 words ({len(small):,} distinct, repeated with a serial number to make N)")
    out: dict = {}
    for n in sizes:
        dump = tmp / f"dump-{n}.jsonl"
        with open(dump, "w", encoding="utf-8") as fh:
            for i in range(n):
                # each work distinct (its own first line), so nothing is skipped or cached across works
                fh.write(json.dumps({"id": f"w{i}", "text": f"Work {i}.\n\n" + small[i % len(small)],
                                     "group": f"g{i % 7}"}) + "\n")
        for runner in runners:
            extra = ["--dask", "local"] if runner == "dask" else []
            r = _run(["batch", str(dump), "-o", str(tmp / f"mem-{runner}-{n}"), "-j", "2", *extra], sample=True)
            got = {"peak_mb": r["peak_mb"], "seconds": r["seconds"], "works_per_s": round(r["works"] / r["seconds"], 1)}
            if runner == "local":
                out[n] = got
            else:
                out.setdefault(runner, {})[n] = got
            who = "its 2 workers" if runner == "local" else "its Dask LocalCluster of 2 workers"
            print(f"  {n:>7,} works, {runner}: peak {got['peak_mb']:,.0f} MB for the command and {who}, "
                  f"{got['seconds']:.0f} s ({got['works_per_s']} works/s)")
    if len(sizes) >= 2:
        for runner in runners:
            table = out if runner == "local" else out[runner]
            a, b = table[sizes[0]]["peak_mb"], table[sizes[-1]]["peak_mb"]
            print(f"  {runner}: {sizes[-1]:,} against {sizes[0]:,} works: {b / a:.2f}x the memory (target: within 1.20x)")
    return {str(k): ({str(n): x for n, x in v.items()} if k in runners else v) for k, v in out.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    ap.add_argument("--only", choices=["throughput", "memory"])
    ap.add_argument("--works", type=int, default=40, help="works for the throughput runs")
    ap.add_argument("--small", default="1000,20000", help="work counts for the memory runs")
    ap.add_argument("--memory-runners", default="local,dask",
                    help="runners for the memory runs: local (a pool of 2), dask (--dask local, 2 workers)")
    ap.add_argument("--output", type=Path, default=REPO / "benchmarks" / "results" / "batch.json")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="betareader-batch-"))
    results: dict = {"benchmark": "batch", "date": time.strftime("%Y-%m-%d")}
    try:
        if args.only in (None, "throughput"):
            results["throughput"] = throughput(args.corpus, args.works, tmp)
        if args.only in (None, "memory"):
            results["memory"] = memory(args.corpus, [int(x) for x in args.small.split(",")], tmp,
                                       args.memory_runners.split(","))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
