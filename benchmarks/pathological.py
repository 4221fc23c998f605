#!/usr/bin/env python3
"""Pathological inputs: does a full check grow linearly with the input?

Run by hand (not part of the test suite), from the repository root:

    .venv/bin/python benchmarks/pathological.py                  # the named cases, 10k/100k/1M characters
    .venv/bin/python benchmarks/pathological.py --grid           # every punctuation mark in six shapes
    .venv/bin/python benchmarks/pathological.py --memory         # the 50 MB cases: time and peak memory
    .venv/bin/python benchmarks/pathological.py --cases dots,stars-word --sizes 10000,100000
    .venv/bin/python benchmarks/pathological.py --per-rule --cases prose-paragraph   # where the time goes

Each input is one paragraph (a run of one short unit, repeated to the size), checked with the
default rules in a fresh process: the process first checks a short text (so the lexicon and
the other lazily loaded data are in memory), then the timed check of the input, exactly as
``betareader check`` runs it (the tagger's helper process included).  The peer in every row is
ordinary prose of the same size, one paragraph, checked the same way in the same run: a case
is linear when 10x the input costs at most 12x the time, and its cost beside prose says how
much a pathological input costs beyond ordinary text.

Peak memory is the process tree's (the process's own ``ru_maxrss``, or the sampled sum of it
and its helper).  ``--memory`` runs ``betareader check`` itself on each 50 MB case written to a
file, as a user would, and prints its peak memory beside the input's size.  Results go to
``benchmarks/results/pathological.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import string
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
DEFAULT_JSON = HERE / "results" / "pathological.json"

_PROSE_WORDS = (
    "the she he said and then was her his to of a in it that had not for on with as at but they "
    "you him from would could there have been were looked back door over into about like what "
    "know thought eyes hand before than more only just time down away room face still something "
    "Mara Ollie Whitcombe walked turned quietly smiled nothing behind another always again"
).split()


def _prose(n: int, seed: int = 1, sentence: int = 0) -> str:
    """Ordinary-looking words (with names, 'then' and 'than', which several rules look at) up
    to ``n`` characters; with ``sentence``, a full stop after every ``sentence`` words.  Past a
    megabyte, a megabyte of them repeated (so that making the input costs no memory of its own)."""
    if n > 1_000_000:
        block = _prose(1_000_000, seed, sentence) + " "
        return (block * (n // len(block) + 1))[:n].rstrip()
    rnd = random.Random(seed)
    out: list[str] = []
    size = 0
    k = 0
    while size < n:
        w = rnd.choice(_PROSE_WORDS)
        k += 1
        if sentence and k % sentence == 0:
            w += "."
        elif sentence and k % sentence == 1:
            w = w[:1].upper() + w[1:]
        out.append(w)
        size += len(w) + 1
    return " ".join(out)[:n].rstrip()


def _repeat(unit: str):
    return lambda n: (unit * (n // len(unit) + 1))[:n]


#: name -> (what it is, generator of n characters).  The first is the peer.
CASES: dict[str, tuple[str, object]] = {
    "prose-paragraph": ("ordinary words, one paragraph with no full stop (the peer)", _prose),
    "prose-sentences": ("ordinary words, a full stop every 12 words", lambda n: _prose(n, sentence=12)),
    "dots": ("a run of full stops", _repeat(".")),
    "bangs": ("a run of exclamation marks", _repeat("!")),
    "questions": ("a run of question marks", _repeat("?")),
    "mixed-ends": ("full stops, exclamation and question marks", _repeat(".!?")),
    "dot-word": ("a.a.a.", _repeat("a.")),
    "spaced-dots": (". . .", _repeat(". ")),
    "ellipsis-chars": ("a run of …", _repeat("…")),
    "straight-double": ('a run of "', _repeat('"')),
    "straight-single": ("a run of '", _repeat("'")),
    "curly-double": ("a run of “", _repeat("“")),
    "quoted-words": ('"a "a "a', _repeat('"a ')),
    "quotes-no-space": ('"Hi""Hi""Hi"', _repeat('"Hi"')),
    "quote-apostrophes": ("'a 'a 'a", _repeat("'a ")),
    "dialogue-lines": ('"Hi," she said. "Go." He left.', _repeat('"Hi," she said. "Go." He left. ')),
    "stars-word": ("*a *a *a (emphasis never closed)", _repeat("*a ")),
    "underscores-word": ("_a _a _a", _repeat("_a ")),
    "stars": ("a run of *", _repeat("*")),
    "emphasis-words": ("*a* *a* (emphasis closed)", _repeat("*a* ")),
    "quoted-closed": ('"a" "a" (quotations closed)', _repeat('"a" ')),
    "nested-quotes": ("“a ‘b’ c” “a ‘b’ c”", _repeat("“a ‘b’ c” ")),
    "unclosed-opens": ("“a “a “a (never closed)", _repeat("“a ")),
    "comments": ("<!--<!--<!-- (comments never closed)", _repeat("<!--")),
    "lowercase-sentences": ("he left. then he left. (TYP008)", _repeat("he left. then ")),
    "stutter-I": ("I-I-I-I", _repeat("I-")),
    "stutter-word": ("W-what W-what", _repeat("W-what ")),
    "hyphens": ("a run of -", _repeat("-")),
    "hyphenated": ("a-a-a-a", _repeat("a-")),
    "dashes": ("a run of —", _repeat("—")),
    "dash-words": ("a—a—a", _repeat("a—")),
    "apostrophe-words": ("goin' goin'", _repeat("goin' ")),
    "one-word": ("one word of letters", _repeat("abcdefghij")),
    "capitals": ("one word of capitals", _repeat("A")),
    "capital-words": ("Abc Abc Abc (names)", _repeat("Abc ")),
    "pronouns": ("He She He She (capitalised pronouns)", _repeat("He She ")),
    "digits": ("a run of digits", _repeat("1")),
    "brackets": ("[[[[", _repeat("[")),
    "parentheses": ("((((", _repeat("(")),
    "commas": (",,,,", _repeat(",")),
    "then-than": ("more then more then", _repeat("more then ")),
    "its": ("it's it's", _repeat("it's ")),
    "words-a": ("a a a a", _repeat("a ")),
    "tabs": ("a\\ta\\t", _repeat("a\t")),
    "newlines": ("a line per word (hard-wrapped)", _repeat("word\n")),
    "nbsp": ("a\\u00a0a", _repeat("a\u00a0")),
    "combining": ("e + combining accent", _repeat("e\u0301")),
    "emoji": ("emoji and joiners", _repeat("\U0001f469\u200d\U0001f467 ")),
}

#: --grid: every mark in every shape (c stands for the mark).
GRID_MARKS = string.punctuation + "“”‘’—–…«»¡¿•·"
GRID_SHAPES = ("c", "c ", "ac", "ca ", "Ac", "cA ")


def grid_cases() -> dict[str, tuple[str, object]]:
    out = {}
    for c in GRID_MARKS:
        for shape in GRID_SHAPES:
            unit = shape.replace("c", c)
            out[f"grid {unit!r}"] = (f"{unit!r} repeated", _repeat(unit))
    return out


def make(name: str, n: int) -> str:
    """The case's text of ``n`` characters; ``unit:<escaped text>`` repeats any unit (the tests
    draw them at random)."""
    if name.startswith("unit:"):
        return _repeat(name[5:].encode("ascii").decode("unicode_escape"))(n)
    table = CASES if name in CASES else grid_cases()
    return table[name][1](n)


MEMORY_CASES = {
    "word-50MB": ("one 50 MB word of letters", _repeat("abcdefghij")),
    "line-50MB": ("one 50 MB line of ordinary words", _prose),
}
MEMORY_SIZE = 50 * 1024 * 1024
#: a step whose smaller time is under this many seconds is not used for the growth
NOISE_FLOOR = 0.05


# --------------------------------------------------------------------------- the child process
def _rss_mb() -> float:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def child(name: str, size: int, per_rule: bool) -> None:
    """Check one input, print one JSON line: seconds, RSS before the input was built."""
    sys.path.insert(0, str(REPO_ROOT / "src"))
    from betareader.config import Config
    from betareader.engine import Engine
    from betareader.model import build_document

    engine = Engine(Config())
    # the lexicon and the tagger loaded before the clock starts
    engine.check_text("A short warm-up. She said, \"Hello there,\" and left, more then ever.\n\nHe stayed.")
    base = _rss_mb()
    text = MEMORY_CASES[name][1](size) if name in MEMORY_CASES else make(name, size)
    t0 = time.perf_counter()
    rules: dict[str, float] = {}
    if per_rule:
        from betareader.rules.base import Context

        doc = build_document(text)
        rules["(document)"] = time.perf_counter() - t0
        ctx = Context(doc=doc, dialect=engine.config.dialect, options={"words": frozenset()})
        for r in engine.rules:
            t1 = time.perf_counter()
            if r.scope == "paragraph":
                for p in doc.paragraphs:
                    if p.kind in r.kinds:
                        list(r.check_paragraph(p, ctx))
            else:
                list(r.check_document(doc, ctx))
            rules[r.code] = time.perf_counter() - t1
    else:
        engine.check(build_document(text))
    seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "base_rss_mb": base, "chars": len(text), "rules": rules}))


# --------------------------------------------------------------------------- the parent
def _measure(name: str, size: int, timeout: float, per_rule: bool = False) -> dict:
    sys.path.insert(0, str(HERE))
    from speed import run_once

    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", name, str(size)]
    if per_rule:
        cmd.append("--per-rule")
    run = run_once(cmd, cwd=str(REPO_ROOT), env=env, timeout=timeout)
    row = {"case": name, "size": size, "peak_rss_mb": run.peak_rss_mb, "timed_out": run.timed_out}
    if run.timed_out:
        row["seconds"] = None
        return row
    if run.exit_code != 0:
        row["error"] = (run.stderr.strip().splitlines() or ["exit %s" % run.exit_code])[-1]
        row["seconds"] = None
        return row
    got = json.loads(run.stdout.strip().splitlines()[-1])
    row.update(seconds=got["seconds"], base_rss_mb=got["base_rss_mb"], rules=got["rules"])
    return row


def _cli_run(name: str, timeout: float) -> dict:
    """``betareader check --format json`` on the case written to a file, as a user runs it: the
    whole process (start-up included) and its helper, peak memory of the two together."""
    import tempfile

    sys.path.insert(0, str(HERE))
    from speed import run_once

    text = "She said hi." if name == "tiny" else MEMORY_CASES[name][1](MEMORY_SIZE)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "story.txt"
        path.write_text(text, encoding="utf-8")
        del text
        env = dict(os.environ)
        env["PYTHONPATH"] = str(REPO_ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
        run = run_once([sys.executable, "-m", "betareader", "check", "--format", "json", "--output", os.devnull,
                        str(path)], cwd=tmp, env=env, timeout=timeout)
    row = {"case": name, "size": MEMORY_SIZE, "peak_rss_mb": run.peak_rss_mb, "timed_out": run.timed_out,
           "seconds": None if run.timed_out else run.wall_s}
    if not run.timed_out and run.exit_code not in (0, 1):
        row["error"] = (run.stderr.strip().splitlines() or [f"exit {run.exit_code}"])[-1]
    return row


def _fmt_s(row: dict, timeout: float) -> str:
    if row.get("timed_out"):
        return f">{timeout:.0f} s"
    if row.get("error"):
        return "error"
    return f"{row['seconds']:.2f} s"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,100000,1000000", help="characters, comma-separated")
    ap.add_argument("--cases", default="", help="names, comma-separated (default: every named case)")
    ap.add_argument("--grid", action="store_true", help="every punctuation mark in six shapes instead")
    ap.add_argument("--memory", action="store_true", help="the 50 MB cases: time and peak memory")
    ap.add_argument("--per-rule", action="store_true", help="time the document and each rule apart")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds before a run is killed")
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.child[0], int(args.child[1]), args.per_rule)
        return 0

    results: dict = {"when": time.strftime("%Y-%m-%d %H:%M"), "python": sys.version.split()[0], "rows": []}
    worst = 0.0
    if args.memory:
        print(f"{'case':12} {'input':>8} {'time':>9} {'peak RSS':>10} {'peak/input':>11}   "
              f"(the whole 'betareader check' process tree; a 13-character story: {_cli_run('tiny', args.timeout)['peak_rss_mb']:.0f} MB)")
        for name in MEMORY_CASES:
            row = _cli_run(name, args.timeout)
            results["rows"].append(row)
            ratio = row["peak_rss_mb"] / (MEMORY_SIZE / 2**20)
            worst = max(worst, ratio)
            print(f"{name:12} {MEMORY_SIZE / 2**20:>6.0f} MB {_fmt_s(row, args.timeout):>9} "
                  f"{row['peak_rss_mb']:>7.0f} MB {ratio:>10.1f}x", flush=True)
        print(f"\nworst peak memory / input: {worst:.1f}x (target <= 10x)")
    else:
        sizes = [int(s) for s in args.sizes.split(",")]
        table = grid_cases() if args.grid else CASES
        names = [c for c in args.cases.split(",") if c] or list(table)
        peer = "prose-paragraph"
        if peer not in names and not args.per_rule:
            names.insert(0, peer)
        peer_times: dict[int, float] = {}
        head = "".join(f"{s:>11,}" for s in sizes)
        print(f"{'case':26}{head}  {'growth per 10x':>15}  {'x prose (largest)':>17}  peak RSS")
        for name in names:
            rows = [_measure(name, s, args.timeout, args.per_rule) for s in sizes]
            results["rows"].extend(rows)
            times = [r["seconds"] for r in rows]
            if name == peer:
                peer_times = {s: t for s, t in zip(sizes, times) if t}
            growth = []
            for (s1, t1), (s2, t2) in zip(zip(sizes, times), zip(sizes[1:], times[1:])):
                if t1 and t2 and t1 >= NOISE_FLOOR:
                    # per 10x of input, from this step's ratio (a step from a few milliseconds
                    # measures the clock, not the check: left out)
                    growth.append((t2 / t1) ** (1 / math.log10(s2 / s1)))
            g = max(growth) if growth else float("nan")
            if rows[-1].get("timed_out") or any(r.get("error") for r in rows):
                g = float("inf")
            worst = max(worst, g) if g == g else worst
            last = times[-1]
            vs = f"{last / peer_times[sizes[-1]]:.2f}x" if last and peer_times.get(sizes[-1]) else "-"
            cells = "".join(f"{_fmt_s(r, args.timeout):>11}" for r in rows)
            gs = "-" if g != g else f"{g:.1f}x"  # NaN: every step too fast to measure
            print(f"{name[:26]:26}{cells}  {gs:>15}  {vs:>17}  {rows[-1]['peak_rss_mb']:.0f} MB", flush=True)
            if args.per_rule:
                big = rows[-1].get("rules") or {}
                small = rows[0].get("rules") or {}
                top = sorted(big.items(), key=lambda kv: -kv[1])[:6]
                print("    " + "  ".join(f"{k} {small.get(k, 0):.3f}->{v:.3f}" for k, v in top))
        print(f"\nworst growth per 10x of input: {worst:.1f}x (linear: 10x; target <= 12x; steps from "
              f"under {NOISE_FLOOR:g} s left out, '-' when none is left)")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"results: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
