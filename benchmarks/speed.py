#!/usr/bin/env python3
"""Speed and memory of a full check: betareader against Harper and proselint.

Run by hand (not part of the test suite), from the repository root:

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/speed.py                  # Pride and Prejudice
    .venv/bin/python benchmarks/speed.py --scenario all --repeat 5
    .venv/bin/python benchmarks/speed.py --file story.txt --repeat 5
    .venv/bin/python benchmarks/speed.py --tools betareader

Scenarios: ``chapter`` (a new 2,000-word chapter each run, cut from another corpus book:
betareader has never tagged it), ``recheck`` (one chapter, a different paragraph edited
each run: betareader's disk cache is warm, as for a writer checking again), ``book`` (the
novel, betareader's tag store emptied before each run) and ``epic`` (500,000 words of
corpus books one after another, tag store emptied).  betareader's built data (its pickles)
stays in the scenario's cache folder, as after the first run of an install.

Each tool checks the whole text in a separate process, so interpreter start-up,
imports and dictionary loading are part of its time. Every tool gets one warm-up
run that is not counted, then ``--repeat`` timed runs, interleaved across tools.
Peak RSS is the larger of ``os.wait4``'s and the sampled sum over the process and its
children (betareader's helper and forked processes). See benchmarks/README.md.

Unix only (``os.wait4``). Uses only the standard library, plus ``rich`` for the
table when it is importable.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"
DEFAULT_BOOK = Path("fiction") / "jane-austen_pride-and-prejudice.txt"
DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "speed.json"

TOOL_NAMES = ("betareader", "harper", "proselint")
BENCH_HINT = "not installed (pip install -e .[bench])"

# Harper (harper-py 0.2.0): one Linter with the default dialect (American) and the
# default rule configuration, one lint() call over the whole text; print the count.
HARPER_SCRIPT = """\
import sys
from harper import Dialect, Language, Linter
with open(sys.argv[1], encoding="utf-8") as f:
    text = f.read()
linter = Linter(Dialect.AMERICAN)
lints = linter.lint(text, language=Language(sys.argv[2]))
print(len(lints))
"""

# proselint 0.16 stops after `max_errors` lints (1000 by default); a full check needs
# the cap lifted. Everything else stays at its default.
PROSELINT_CONFIG = {"max_errors": 1_000_000_000}


# --------------------------------------------------------------------------- running


@dataclass
class Run:
    """One process: wall time, peak RSS, CPU time and what it printed."""

    wall_s: float
    peak_rss_mb: float | None
    cpu_s: float | None
    exit_code: int | None
    timed_out: bool
    own_peak_rss_mb: float | None = None
    helper_peak_rss_mb: float | None = None
    stdout: str = field(default="", repr=False)
    stderr: str = field(default="", repr=False)


class TreeRSS:
    """Samples the resident memory of a process and all its descendants together (Linux
    ``/proc``), every 10 ms, and keeps the largest sum: a helper process's memory counts while
    it is alive.  Elsewhere it reports 0 and the process's own ``ru_maxrss`` stands alone."""

    def __init__(self, pid: int, interval: float = 0.01) -> None:
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        if os.path.isdir(f"/proc/{pid}"):
            self._thread.start()

    def _tree(self, pid: int) -> list[int]:
        out, todo = [], [pid]
        while todo:
            p = todo.pop()
            out.append(p)
            try:
                for task in os.listdir(f"/proc/{p}/task"):
                    with open(f"/proc/{p}/task/{task}/children") as fh:
                        todo.extend(int(c) for c in fh.read().split())
            except OSError:
                pass
        return out

    @staticmethod
    def _rss_kb(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except (OSError, ValueError):
            pass
        return 0

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, sum(self._rss_kb(p) for p in self._tree(self.pid)))
            self._stop.wait(self.interval)

    def stop(self) -> float:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        return self.peak_kb / 1024


def _maxrss_mb(ru_maxrss: int) -> float:
    # Linux and the BSDs report KiB; macOS reports bytes.
    scale = 1 if sys.platform == "darwin" else 1024
    return ru_maxrss * scale / (1024 * 1024)


def run_once(cmd: list[str], *, cwd: str, env: dict[str, str], timeout: float) -> Run:
    """Run `cmd` to completion (or SIGKILL it after `timeout` seconds)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        lock = threading.Lock()
        state = {"exited": False, "timed_out": False}
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, cwd=cwd, env=env
        )

        def kill_on_timeout() -> None:
            with lock:
                if not state["exited"]:
                    state["timed_out"] = True
                    os.kill(proc.pid, signal.SIGKILL)

        sampler = TreeRSS(proc.pid)
        timer = threading.Timer(timeout, kill_on_timeout)
        timer.daemon = True
        timer.start()
        try:
            if hasattr(os, "waitid"):
                # Wait without reaping, so the timer can never signal a reused pid.
                os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
                wall = time.perf_counter() - start
                with lock:
                    state["exited"] = True
                _, status, rusage = os.wait4(proc.pid, 0)
            else:
                _, status, rusage = os.wait4(proc.pid, 0)
                wall = time.perf_counter() - start
                with lock:
                    state["exited"] = True
        except BaseException:  # Ctrl-C: don't leave the child running
            with lock:
                state["exited"] = True
            try:
                os.kill(proc.pid, signal.SIGKILL)
                os.wait4(proc.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            proc.returncode = -signal.SIGKILL
            raise
        finally:
            timer.cancel()
        # Tell Popen the child is reaped, so it never waits on the pid again.
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        peak = _maxrss_mb(rusage.ru_maxrss)
        tree_peak = sampler.stop()
        helper_kb = 0
        stats_file = env.get("BETAREADER_STATS_FILE")
        if stats_file:
            try:
                with open(stats_file, encoding="utf-8") as fh:
                    helper_kb = int(json.load(fh).get("worker_peak_rss_kb") or 0)
                os.unlink(stats_file)
            except (OSError, ValueError):
                helper_kb = 0
        return Run(
            wall_s=wall,
            # the process's own exact peak, or the sampled peak of it and its helpers together
            peak_rss_mb=max(peak, tree_peak),
            own_peak_rss_mb=peak,
            helper_peak_rss_mb=_maxrss_mb(helper_kb) if helper_kb else None,
            cpu_s=rusage.ru_utime + rusage.ru_stime,
            exit_code=proc.returncode,
            timed_out=state["timed_out"],
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
        )


# --------------------------------------------------------------------------- tools


@dataclass
class Tool:
    """How to run one tool and read its number of findings."""

    name: str
    command: Callable[[bool, Path], list[str]]  # arguments: is this the warm-up run? the text
    ok_codes: tuple[int, ...]
    count: Callable[[Run], int | None]
    env: dict[str, str]
    version: str | None = None
    api: str = ""
    unavailable: str | None = None  # why it can't run, if it can't
    counts_timed_runs: bool = True  # False: findings are read from the warm-up only


def _dist_version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def _module_present(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def count_betareader_findings(data: Any) -> int | None:
    """Number of findings in betareader's JSON report, whatever its exact shape."""
    if isinstance(data, list):
        return len(data)
    if not isinstance(data, dict):
        return None
    for key in ("findings", "diagnostics", "issues", "lints", "errors"):
        if isinstance(data.get(key), list):
            return len(data[key])
    for key in ("files", "documents", "reports", "results"):
        items = data.get(key)
        if isinstance(items, list) and items and all(isinstance(i, dict) for i in items):
            counts = [count_betareader_findings(i) for i in items]
            if all(c is not None for c in counts):
                return sum(counts)  # type: ignore[arg-type]
    summary = data.get("summary")
    if isinstance(summary, dict):
        for key in ("findings", "total", "count"):
            if isinstance(summary.get(key), int):
                return summary[key]
    return None


def br_report_path(workdir: Path) -> Path:
    return workdir / "betareader-report.json"


def br_report_written(workdir: Path) -> bool:
    path = br_report_path(workdir)
    return path.is_file() and path.stat().st_size > 0


def make_tools(workdir: Path, cache_dir: Path | None = None) -> dict[str, Tool]:
    """The three tools; each command is made for one run's text (``command(warmup, path)``).
    betareader's disk cache goes to ``cache_dir`` (its pickles and its tag store)."""
    py = sys.executable
    base_env = dict(os.environ)
    tools: dict[str, Tool] = {}

    # betareader: the real CLI, exactly as a user runs it. The timed runs write the
    # report to os.devnull; the warm-up writes it to a file so the findings can be
    # counted.
    br_report = br_report_path(workdir)
    br_env = dict(base_env)
    src = str(REPO_ROOT / "src")  # measure this working copy even if not installed
    br_env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, base_env.get("PYTHONPATH")]))
    # betareader tags long texts in a helper process: it writes that process's peak RSS here at
    # exit, and run_once adds it to the parent's (the peak of both together is at most the sum)
    br_env["BETAREADER_STATS_FILE"] = str(workdir / "betareader-run-stats.json")
    br_env["BETAREADER_CACHE_DIR"] = str(cache_dir) if cache_dir else "off"
    # an installed betareader has its byte code compiled (pip does it), as Harper's and proselint's
    # packages do: let the warm-up write the working copy's, whatever this shell says
    br_env.pop("PYTHONDONTWRITEBYTECODE", None)

    def br_command(warmup: bool, text_path: Path) -> list[str]:
        out = str(br_report) if warmup else os.devnull
        return [py, "-m", "betareader", "check", "--format", "json", "--output", out,
                str(text_path)]

    def br_count(_run: Run) -> int | None:
        try:
            return count_betareader_findings(json.loads(br_report.read_text("utf-8")))
        except (OSError, ValueError):
            return None

    tools["betareader"] = Tool(
        name="betareader",
        command=br_command,
        ok_codes=(0, 1),
        count=br_count,
        env=br_env,
        version=_dist_version("betareader"),
        api="python -m betareader check --format json --output <devnull> FILE",
        counts_timed_runs=False,
    )

    # Harper through harper-py, in an inline `python -c` script.
    def harper_lang(text_path: Path) -> str:
        return "markdown" if text_path.suffix.lower() in {".md", ".markdown"} else "plaintext"

    def harper_count(run: Run) -> int | None:
        lines = run.stdout.split()
        return int(lines[-1]) if lines and lines[-1].isdigit() else None

    tools["harper"] = Tool(
        name="harper",
        command=lambda _w, text_path: [py, "-c", HARPER_SCRIPT, str(text_path), harper_lang(text_path)],
        ok_codes=(0,),
        count=harper_count,
        env=base_env,
        version=_dist_version("harper-py"),
        api=("harper.Linter(harper.Dialect.AMERICAN).lint(text, "
             "language=harper.Language('plaintext')); len(...)"),
        unavailable=None if _module_present("harper") and _dist_version("harper-py")
        else BENCH_HINT,
    )

    # proselint 0.16's own CLI with JSON output; findings counted from that JSON.
    cfg = workdir / "proselint-config.json"
    cfg.write_text(json.dumps(PROSELINT_CONFIG), "utf-8")

    def proselint_count(run: Run) -> int | None:
        try:
            result = json.loads(run.stdout)["result"]
        except (ValueError, KeyError, TypeError):
            return None
        total = 0
        for entry in result.values():
            if "diagnostics" not in entry:
                return None  # {"error": ...}: the file could not be linted
            total += len(entry["diagnostics"])
        return total

    tools["proselint"] = Tool(
        name="proselint",
        command=lambda _w, text_path: [py, "-m", "proselint", "check", "--output-format", "json",
                                       "--config", str(cfg), str(text_path)],
        ok_codes=(0, 1),
        count=proselint_count,
        env=base_env,
        version=_dist_version("proselint"),
        api=("python -m proselint check --output-format json --config CFG FILE  "
             f"(CFG = {json.dumps(PROSELINT_CONFIG)})"),
        unavailable=None if _module_present("proselint") and _dist_version("proselint")
        else BENCH_HINT,
    )
    return tools


# --------------------------------------------------------------------------- results


@dataclass
class Result:
    name: str
    version: str | None
    api: str
    status: str = "ok"
    runs: list[dict[str, Any]] = field(default_factory=list)
    warmup: dict[str, Any] | None = None
    median_s: float | None = None
    min_s: float | None = None
    max_s: float | None = None
    words_per_s: float | None = None
    peak_rss_mb: float | None = None
    median_cpu_s: float | None = None
    findings: int | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def _last_line(text: str) -> str:
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return lines[-1][:160] if lines else ""


def judge(tool: Tool, run: Run, timeout: float) -> str:
    """"ok", or why this run doesn't count.

    Python itself exits with 1 for an uncaught exception and for ``-m`` on a package
    without ``__main__``, and 1 is also "findings found" for betareader and proselint,
    so stderr is read as well as the exit code.
    """
    if run.timed_out:
        return f"timeout (>{timeout:g} s)"
    err = run.stderr
    last = _last_line(err)
    if run.exit_code != 0 and tool.name == "betareader":
        if "cannot be directly executed" in err or "No module named betareader" in err:
            return "not available (no `python -m betareader` yet)"
        if ("ModuleNotFoundError" in last or "ImportError" in last) and "betareader" in last:
            return f"not available ({last[:100]})"
    if run.exit_code != 0 and ("ModuleNotFoundError" in last or "ImportError" in last):
        return BENCH_HINT if tool.name != "betareader" else f"failed ({last})"
    if run.exit_code in tool.ok_codes and "Traceback (most recent call last)" not in err:
        return "ok"
    return f"failed (exit {run.exit_code}: {last or 'no message'})"


def run_dict(run: Run, findings: int | None) -> dict[str, Any]:
    d = asdict(run)
    del d["stdout"], d["stderr"]
    d["findings"] = findings
    return d


def benchmark(tools: dict[str, Tool], selected: list[str], *, repeat: int, timeout: float,
              words: int, workdir: Path, texts: list[Path] | None = None, warmup_text: Path | None = None,
              before_br: Callable[[], None] | None = None) -> dict[str, Result]:
    """One uncounted warm-up run per tool (on ``warmup_text``), then ``repeat`` timed runs
    interleaved across tools, run ``i`` on ``texts[i % len(texts)]``; ``before_br()`` is called
    before each of betareader's timed runs (a scenario empties its tag store there)."""
    texts = texts or [warmup_text]
    warmup_text = warmup_text or texts[0]
    results = {name: Result(name, tools[name].version, tools[name].api) for name in selected}
    active: list[str] = []
    for name in selected:
        tool, res = tools[name], results[name]
        if tool.unavailable:
            res.status = tool.unavailable
            continue
        log(f"{name}: warm-up ...")
        run = run_once(tool.command(True, warmup_text), cwd=str(workdir), env=tool.env, timeout=timeout)
        res.status = judge(tool, run, timeout)
        found = tool.count(run) if res.ok else None
        if res.ok and found is None and tool.name != "betareader":
            res.status = f"failed (could not read its output: {_last_line(run.stdout)!r})"
        if res.ok and tool.name == "betareader" and not br_report_written(workdir):
            res.status = f"failed (no JSON report written: {_last_line(run.stderr)})"
        res.warmup = run_dict(run, found)
        log(f"{name}: warm-up {run.wall_s:.2f} s, {res.status}")
        if res.ok:
            res.findings = res.warmup["findings"]
            active.append(name)

    for i in range(1, repeat + 1):
        for name in list(active):
            tool, res = tools[name], results[name]
            if name == "betareader" and before_br is not None:
                before_br()
            run = run_once(tool.command(False, texts[(i - 1) % len(texts)]), cwd=str(workdir), env=tool.env,
                           timeout=timeout)
            status = judge(tool, run, timeout)
            found = tool.count(run) if status == "ok" and tool.counts_timed_runs else None
            res.runs.append(run_dict(run, found))
            log(f"{name}: run {i}/{repeat} {run.wall_s:.2f} s, "
                f"{run.peak_rss_mb or 0:.0f} MB, {status}")
            if status != "ok":
                res.status = status
                active.remove(name)
            elif found is not None:
                res.findings = found

    for res in results.values():
        if not res.ok or not res.runs:
            continue
        times = [r["wall_s"] for r in res.runs]
        res.median_s = statistics.median(times)
        res.min_s, res.max_s = min(times), max(times)
        res.words_per_s = words / res.median_s if res.median_s > 0 else None
        rss = [r["peak_rss_mb"] for r in res.runs if r["peak_rss_mb"] is not None]
        res.peak_rss_mb = max(rss) if rss else None
        cpu = [r["cpu_s"] for r in res.runs if r["cpu_s"] is not None]
        res.median_cpu_s = statistics.median(cpu) if cpu else None
    return results


def ratios(results: dict[str, Result]) -> dict[str, dict[str, Any]]:
    """betareader's time and memory over each peer's, with a sentence for each."""
    br = results.get("betareader")
    out: dict[str, dict[str, Any]] = {}
    if br is None:
        return out
    for name, peer in results.items():
        if name == "betareader":
            continue
        entry: dict[str, Any] = {"time_ratio": None, "rss_ratio": None,
                                 "time": None, "memory": None}
        if not br.ok or not peer.ok:
            why = f"betareader {br.status}" if not br.ok else f"{name} {peer.status}"
            entry["time"] = entry["memory"] = f"no ratio: {why}"
            out[name] = entry
            continue
        if br.median_s and peer.median_s:
            r = br.median_s / peer.median_s
            entry["time_ratio"] = r
            entry["time"] = (f"betareader is {1 / r:.1f}x faster than {name}" if r < 0.95
                             else f"betareader is {r:.1f}x slower than {name}" if r > 1.05
                             else f"betareader takes about as long as {name} ({r:.2f}x)")
        if br.peak_rss_mb and peer.peak_rss_mb:
            r = br.peak_rss_mb / peer.peak_rss_mb
            entry["rss_ratio"] = r
            entry["memory"] = (
                f"betareader uses {1 / r:.1f}x less memory than {name}" if r < 0.95
                else f"betareader uses {r:.1f}x more memory than {name}" if r > 1.05
                else f"betareader uses about as much memory as {name} ({r:.2f}x)")
        out[name] = entry
    return out


# --------------------------------------------------------------------------- output


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _fmt(value: float | int | None, spec: str) -> str:
    return "—" if value is None else format(value, spec)


def table_rows(results: dict[str, Result]) -> tuple[list[str], list[list[str]]]:
    head = ["tool", "version", "time (median)", "min–max", "words/s", "peak RSS",
            "findings", "status"]
    rows = []
    for res in results.values():
        rows.append([
            res.name,
            res.version or "—",
            _fmt(res.median_s, ".2f") + (" s" if res.median_s is not None else ""),
            (f"{res.min_s:.2f}–{res.max_s:.2f}" if res.min_s is not None else "—"),
            _fmt(res.words_per_s, ",.0f"),
            _fmt(res.peak_rss_mb, ".0f") + (" MB" if res.peak_rss_mb is not None else ""),
            _fmt(res.findings, ",d"),
            res.status,
        ])
    return head, rows


def print_table(results: dict[str, Result], plain: bool) -> None:
    head, rows = table_rows(results)
    right = {2, 3, 4, 5, 6}
    if not plain and sys.stdout.isatty():
        try:
            from rich.console import Console
            from rich.table import Table
        except ImportError:
            plain = True
        else:
            table = Table()
            for i, h in enumerate(head):
                table.add_column(h, justify="right" if i in right else "left",
                                 no_wrap=i != len(head) - 1)
            for row in rows:
                table.add_row(*row)
            Console().print(table)
            return
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    print(line(head))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))


def environment() -> dict[str, Any]:
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "executable": sys.executable,
        "platform": platform.platform(),
        "machine": platform.machine(),
        "processor": platform.processor() or None,
        "cpu_count": os.cpu_count(),
        "cpus_usable": affinity,
    }


def proselint_config_files() -> list[str]:
    """User or system proselint config files, which the proselint CLI also reads."""
    home = Path.home()
    xdg = Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config")
    candidates = [Path("/etc/proselintrc"), home / ".proselintrc.json",
                  xdg / "proselint" / "config.json"]
    return [str(p) for p in candidates if p.is_file()]


# --------------------------------------------------------------------------- main


SCENARIOS = ("chapter", "recheck", "book", "epic")
CHAPTER_WORDS = 2_000
EPIC_WORDS = 500_000


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="Time a full check with betareader, Harper and proselint, each as a separate "
                    "process, on a new chapter, a re-checked chapter, a novel and a 500,000-word work.")
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                   help=f"corpus folder (default: {DEFAULT_CORPUS}); the novel is "
                        f"{DEFAULT_BOOK} inside it, chapters and the long work are cut from its fiction/")
    p.add_argument("--file", type=Path,
                   help="the 'book' scenario checks this text instead of the corpus novel")
    p.add_argument("--scenario", nargs="+", default=["book"], metavar="NAME",
                   help="chapter: a new 2,000-word chapter each run (cold: its tags never seen); "
                        "recheck: one chapter, a different paragraph edited each run (betareader's "
                        "disk cache warm); book: the novel, tags cold; epic: 500,000 words of corpus "
                        "books one after another, tags cold; all: the four (default: book)")
    p.add_argument("--repeat", type=int, default=3,
                   help="timed runs per tool, after one uncounted warm-up (default: 3)")
    p.add_argument("--timeout", type=float, default=600.0,
                   help="seconds before a run is killed and reported as a timeout "
                        "(default: 600)")
    p.add_argument("--tools", nargs="+", default=list(TOOL_NAMES), metavar="TOOL",
                   help="tools to run, space- or comma-separated "
                        f"(default: {' '.join(TOOL_NAMES)})")
    p.add_argument("--json", type=Path, default=DEFAULT_JSON, dest="json_path",
                   help=f"where to write the results (default: {DEFAULT_JSON})")
    p.add_argument("--plain", action="store_true",
                   help="plain-text table even on a terminal with rich installed")
    args = p.parse_args(argv)

    names: list[str] = []
    for item in args.tools:
        for name in filter(None, (s.strip().lower() for s in item.split(","))):
            if name not in TOOL_NAMES:
                p.error(f"unknown tool {name!r}; choose from {', '.join(TOOL_NAMES)}")
            if name not in names:
                names.append(name)
    if not names:
        p.error("--tools needs at least one tool")
    args.tools = [n for n in TOOL_NAMES if n in names]  # betareader first, for the ratios
    scen: list[str] = []
    for item in args.scenario:
        for name in filter(None, (s.strip().lower() for s in item.split(","))):
            if name == "all":
                scen += [n for n in SCENARIOS if n not in scen]
            elif name not in SCENARIOS:
                p.error(f"unknown scenario {name!r}; choose from {', '.join(SCENARIOS)} or all")
            elif name not in scen:
                scen.append(name)
    args.scenario = [n for n in SCENARIOS if n in scen]
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    if args.timeout <= 0:
        p.error("--timeout must be positive")
    return args


# --------------------------------------------------------------------------- scenarios


@dataclass
class Scenario:
    """What one scenario checks: a text per timed run (``texts``), the warm-up's text, and
    whether betareader's tag store is emptied before each timed run (``cold``)."""

    name: str
    title: str
    texts: list[Path]
    warmup: Path
    cold: bool

    @property
    def words(self) -> int:
        return int(statistics.median(len(p.read_text("utf-8").split()) for p in self.texts))


def _paragraphs(path: Path) -> list[str]:
    return [p for p in path.read_text("utf-8").split("\n\n") if p.strip()]


def _cut(paras: list[str], at: float, words: int) -> str:
    """About ``words`` words of whole paragraphs, starting ``at`` (a fraction) into the text."""
    out, n = [], 0
    for p in paras[int(len(paras) * at):] + paras:
        out.append(p)
        n += len(p.split())
        if n >= words:
            break
    return "\n\n".join(out) + "\n"


def _books(corpus: Path) -> list[Path]:
    return sorted((corpus / "fiction").glob("*.txt"))


def build_scenarios(names: list[str], corpus: Path, book: Path, workdir: Path, repeat: int) -> list[Scenario]:
    out = []
    books = _books(corpus)
    if ("chapter" in names or "epic" in names) and not books:
        raise SystemExit(f"speed.py: no books in {corpus / 'fiction'}")
    for name in names:
        if name == "chapter":  # a new chapter each run: the middle 2,000 words of another book
            texts = []
            for i in range(repeat):
                path = workdir / f"chapter-{i}.txt"
                path.write_text(_cut(_paragraphs(books[(i + 1) % len(books)]), 0.5, CHAPTER_WORDS), "utf-8")
                texts.append(path)
            warm = workdir / "chapter-warmup.txt"
            warm.write_text(_cut(_paragraphs(books[0]), 0.25, CHAPTER_WORDS), "utf-8")
            out.append(Scenario(name, "a new 2,000-word chapter each run, tags cold", texts, warm, True))
        elif name == "recheck":  # the same chapter, one paragraph edited each run, the cache warm
            paras = _cut(_paragraphs(book), 0.5, CHAPTER_WORDS).strip().split("\n\n")
            warm = workdir / "recheck-0.txt"
            warm.write_text("\n\n".join(paras) + "\n", "utf-8")
            texts = []
            for i in range(1, repeat + 1):
                k = (i * 7) % len(paras)
                paras = list(paras)
                paras[k] = paras[k] + f" And so it went on, {i} times over."
                path = workdir / f"recheck-{i}.txt"
                path.write_text("\n\n".join(paras) + "\n", "utf-8")
                texts.append(path)
            out.append(Scenario(name, "one 2,000-word chapter re-checked, a paragraph edited each run "
                                      "(betareader's disk cache warm)", texts, warm, False))
        elif name == "book":
            out.append(Scenario(name, f"{book.name}, tags cold", [book], book, True))
        elif name == "epic":  # corpus books one after another, to 500,000 words
            parts, n = [], 0
            for b in books * 2:
                t = b.read_text("utf-8")
                parts.append(t)
                n += len(t.split())
                if n >= EPIC_WORDS:
                    break
            path = workdir / "epic.txt"
            path.write_text("\n\n".join(parts), "utf-8")
            out.append(Scenario(name, f"{n:,} words: {len(parts)} corpus books one after another, tags cold",
                                [path], path, True))
    return out


def _empty_tags(cache_dir: Path) -> Callable[[], None]:
    def empty() -> None:
        for p in cache_dir.glob("tags-*.sqlite*"):
            p.unlink()
    return empty


def targets(by_name: dict[str, dict[str, Result]]) -> list[dict[str, Any]]:
    """Issue 19's targets, each with this run's figure."""
    def med(scen: str, tool: str) -> float | None:
        r = by_name.get(scen, {}).get(tool)
        return r.median_s if r is not None and r.ok else None

    def peak(scen: str) -> float | None:
        r = by_name.get(scen, {}).get("betareader")
        return r.peak_rss_mb if r is not None and r.ok else None

    def ratio(a, b):
        return a / b if a is not None and b else None

    rows = []

    def row(what, value, limit, unit):
        rows.append({"target": what, "value": value, "limit": limit, "unit": unit,
                     "met": None if value is None else value <= limit})

    for scen in ("chapter", "recheck"):
        if scen in by_name:
            row(f"{scen}: betareader's time", med(scen, "betareader"), 0.5, "s")
            row(f"{scen}: betareader / Harper", ratio(med(scen, "betareader"), med(scen, "harper")), 0.4, "x")
    if "book" in by_name:
        row("book: betareader / proselint", ratio(med("book", "betareader"), med("book", "proselint")), 1.0, "x")
        row("book: betareader's peak memory", peak("book"), 200, "MB")
    if "epic" in by_name:
        row("epic: betareader's time / book's", ratio(med("epic", "betareader"), med("book", "betareader")), 5.0, "x")
        row("epic: betareader's peak memory", peak("epic"), 400, "MB")
    return rows


TAGGER_SCRIPT = """
import json, sys
from betareader.analysis import tagger
from betareader.engine import Engine
text = open(sys.argv[1], encoding="utf-8").read()
Engine().check_text(text)
print(json.dumps(tagger.stats()))
"""


def spacy_cost(text_path: Path, *, timeout: float) -> dict[str, Any] | None:
    """The spaCy tagger's share of a full default check: one process with it, one without
    (``BETAREADER_NO_TAGGER=1``), and the tagger's own figures (import, load, windows tagged)."""
    out: dict[str, Any] = {}
    for key, extra in (("with_tagger", {"BETAREADER_TAGGER_PROCESS": "0"}),
                       ("without_tagger", {"BETAREADER_NO_TAGGER": "1"})):
        env = dict(os.environ, BETAREADER_CACHE_DIR="off", **extra)
        run = run_once([sys.executable, "-c", TAGGER_SCRIPT, str(text_path)], cwd=str(REPO_ROOT), env=env,
                       timeout=timeout)
        if run.exit_code != 0:
            return None
        out[key] = {"wall_s": round(run.wall_s, 3), "peak_rss_mb": run.peak_rss_mb and round(run.peak_rss_mb, 1)}
        if key == "with_tagger":
            out["tagger"] = json.loads(run.stdout.strip().splitlines()[-1] or "{}")
    return out


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    book = (args.file if args.file else args.corpus / DEFAULT_BOOK).expanduser().resolve()
    if not book.is_file():
        print(f"speed.py: no such file: {book}", file=sys.stderr)
        return 2
    try:
        book.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        print(f"speed.py: {book} is not UTF-8: {exc}", file=sys.stderr)
        return 2
    env_info = environment()

    print(f"Python {env_info['python']} ({env_info['implementation']}) on "
          f"{env_info['platform']}, {env_info['cpu_count']} CPUs"
          + (f" ({env_info['cpus_usable']} usable)"
             if env_info["cpus_usable"] not in (None, env_info["cpu_count"]) else ""))
    print(f"Runs: 1 warm-up + {args.repeat} timed per tool and scenario, timeout {args.timeout:g} s, "
          f"interpreter {sys.executable}")
    if "proselint" in args.tools and (found := proselint_config_files()):
        print(f"Note: proselint also reads {', '.join(found)}")
    print(flush=True)

    report: dict[str, Any] = {
        "benchmark": "speed",
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "environment": env_info,
        "settings": {"repeat": args.repeat, "warmup": 1, "timeout_s": args.timeout,
                     "tools": args.tools, "scenarios": args.scenario},
        "scenarios": {},
    }
    by_name: dict[str, dict[str, Result]] = {}
    with tempfile.TemporaryDirectory(prefix="betareader-speed-") as tmp:
        workdir = Path(tmp)
        for scen in build_scenarios(args.scenario, args.corpus, book, workdir, args.repeat):
            words = scen.words
            print(f"== {scen.name}: {scen.title} ({words:,} words a run)", flush=True)
            cache_dir = workdir / f"cache-{scen.name}"  # betareader's pickles and tag store
            tools = make_tools(workdir, cache_dir)
            results = benchmark(tools, args.tools, repeat=args.repeat, timeout=args.timeout, words=words,
                                workdir=workdir, texts=scen.texts, warmup_text=scen.warmup,
                                before_br=_empty_tags(cache_dir) if scen.cold else None)
            by_name[scen.name] = results
            print()
            print_table(results, args.plain)
            rel = ratios(results)
            for name, entry in rel.items():
                parts = [s for s in (entry["time"], entry["memory"]) if s]
                if entry["time_ratio"] is None and entry["rss_ratio"] is None:
                    parts = parts[:1]
                print(f"vs {name}: " + "; ".join(parts))
            print(flush=True)
            report["scenarios"][scen.name] = {
                "title": scen.title, "words": words, "texts": [p.name for p in scen.texts],
                "results": {name: asdict(res) for name, res in results.items()}, "ratios": rel,
            }
        tagger_cost = (spacy_cost(book, timeout=args.timeout)
                       if "betareader" in args.tools and "book" in args.scenario else None)
    if tagger_cost:
        w, wo = tagger_cost["with_tagger"], tagger_cost["without_tagger"]
        st = tagger_cost["tagger"]
        print(f"spaCy tagger (GRM rules), all in one process (BETAREADER_TAGGER_PROCESS=0, no cache): "
              f"{w['wall_s']:.2f} s / {w['peak_rss_mb']:.0f} MB with it, "
              f"{wo['wall_s']:.2f} s / {wo['peak_rss_mb']:.0f} MB without (BETAREADER_NO_TAGGER=1); "
              f"import {st.get('import_seconds', 0):.2f} s + load {st.get('load_seconds', 0):.2f} s, "
              f"{st.get('windows_tagged', 0)} windows ({st.get('tokens_tagged', 0)} tokens) tagged in "
              f"{st.get('tag_seconds', 0):.2f} s\n")
    report["spacy_tagger"] = tagger_cost
    goals = targets(by_name)
    if goals:
        print("Targets (issue 19), medians of this run:")
        for g in goals:
            v = "—" if g["value"] is None else f"{g['value']:.2f} {g['unit']}"
            verdict = "no figure" if g["met"] is None else ("met" if g["met"] else "NOT met")
            print(f"  {g['target']:<40} {v:>10}   (<= {g['limit']:g} {g['unit']}: {verdict})")
    report["targets"] = goals
    json_path = args.json_path.expanduser()
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"\nWrote {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
