#!/usr/bin/env python3
"""Spelling suggestions: betareader against Hunspell and pyspellchecker, top-1 and top-5.

Run by hand (not part of the test suite), from the repository root:

    .venv/bin/pip install -e '.[bench]'          # pyspellchecker==0.9.1
    apt-get install hunspell hunspell-en-us       # optional: Hunspell is skipped without it
    .venv/bin/python benchmarks/spelling.py --corpus ../shared/corpus
    .venv/bin/python benchmarks/spelling.py --limit 3000                 # Birkbeck sampled
    .venv/bin/python benchmarks/spelling.py --skip pyspellchecker --files norvig1,norvig2

Test files (``spelling/`` in the corpus; nothing from them is stored in the repository):
Norvig's ``norvig/spell-testset1.txt`` and ``spell-testset2.txt`` (``right: wrong wrong``) and
Mitton's ``mitton/aspell.dat``, ``wikipedia.dat`` and ``birkbeck.dat`` (``$right`` then one
misspelling a line). Pairs with ``_`` (multi-word), an unknown target (``?``) or a misspelling
that only differs in case are dropped: 270 / 400 / 514 / 2,439 / 35,348 pairs are left.
betareader's weights were tuned on Norvig set 1 and Aspell only; Norvig set 2, Wikipedia and
Birkbeck are held out.

Each tool gets every distinct misspelling once and is scored per pair, case-insensitively:
top-1 when its first suggestion is the target, top-5 when the target is among its first five.
A misspelling the tool *accepts* as a word, or one it has no suggestion for, is a miss: that is
what a writer would see. Two subsets are reported:

- **all pairs**;
- **non-word pairs**: only the misspellings that betareader's lexicon does not know (real-word
  errors such as ``hown`` are out of reach of any dictionary speller, and the lexicons differ
  in what they accept; this subset measures the suggestions rather than the word list).

Tools, all in this process except Hunspell:

- **betareader**: ``Suggester.suggest(word, 5)`` for words ``Lexicon.known`` rejects. The
  lexicon and the index are built before timing (their cost is reported on its own line); the
  ranking cache is cleared before each file.
- **Hunspell** (Debian ``hunspell`` + ``hunspell-en-us``, SCOWL-70 en_US): one ``hunspell -d
  en_US -a`` process per file with every word on its own ``^``-prefixed line; ``*``/``+``/``-``
  is accepted, ``&`` gives suggestions, ``#`` none. Its time includes the process start.
- **pyspellchecker** 0.9.1: ``SpellChecker(language="en", distance=2)``; a word is accepted
  when ``word in checker``, otherwise its ``candidates`` are ranked by frequency (as
  ``correction`` does), ties alphabetically. About 0.1 s a word: sample Birkbeck with
  ``--limit`` or leave it out with ``--skip pyspellchecker``.

``--limit N`` samples at most N pairs per file (seeded, the same pairs for every tool), so
``--limit 3000`` keeps the four small files whole and samples Birkbeck.

Prints a table and a margin table (per file: how often betareader's first suggestion is right
when it leads the second by at least m points, see ``suggest.margin``), and writes everything,
with each tool's misses, to ``benchmarks/results/spelling.json``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "src"))

from betareader.spelling.lexicon import get_lexicon  # noqa: E402
from betareader.spelling.suggest import Suggester  # noqa: E402

DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"
DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "spelling.json"

#: name -> (path inside the corpus, format)
FILES: dict[str, tuple[str, str]] = {
    "norvig1": ("spelling/norvig/spell-testset1.txt", "norvig"),
    "norvig2": ("spelling/norvig/spell-testset2.txt", "norvig"),
    "aspell": ("spelling/mitton/aspell.dat", "mitton"),
    "wikipedia": ("spelling/mitton/wikipedia.dat", "mitton"),
    "birkbeck": ("spelling/mitton/birkbeck.dat", "mitton"),
}
TUNED_ON = ("norvig1", "aspell")
TOOL_NAMES = ("betareader", "hunspell", "pyspellchecker")
MARGINS = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0)
MISSES_KEPT = 300

#: word -> suggestions (best first), or None when the tool accepts the word
Answers = dict[str, "list[str] | None"]


# --------------------------------------------------------------------------- test files


def read_pairs(path: Path, fmt: str) -> list[tuple[str, str]]:
    """(misspelling, target) pairs in file order, after the filters in the module doc."""
    raw: list[tuple[str, str]] = []
    if fmt == "norvig":
        for line in path.read_text(encoding="utf-8").splitlines():
            if ":" in line:
                right, wrongs = line.split(":", 1)
                raw += [(w.strip(), right.strip()) for w in wrongs.split()]
    else:
        right = None
        for line in path.read_text(encoding="latin-1").splitlines():
            line = line.strip()
            if not line:
                continue
            if line.startswith("$"):
                right = line[1:]
            elif right is not None:
                raw.append((line.split()[0], right))
    return [(w, r) for w, r in raw
            if "_" not in w and "_" not in r and r != "?" and w.lower() != r.lower()]


def sample(pairs: list[tuple[str, str]], limit: int | None, seed: int) -> list[tuple[str, str]]:
    if limit is None or len(pairs) <= limit:
        return pairs
    return random.Random(seed).sample(pairs, limit)


# --------------------------------------------------------------------------- tools


@dataclass
class Run:
    answers: Answers
    seconds: float
    words: int
    note: str = ""


def run_betareader(words: list[str], suggester: Suggester) -> Run:
    lex = suggester.lexicon
    suggester.clear_cache()
    t = time.perf_counter()
    answers: Answers = {w: None if lex.known(w) else suggester.suggest(w, 5) for w in words}
    return Run(answers, time.perf_counter() - t, len(words))


def hunspell_binary() -> str | None:
    return shutil.which("hunspell")


def run_hunspell(words: list[str], dictionary: str) -> Run:
    """One ``hunspell -a`` process for all ``words``."""
    words = [w for w in words if w.strip()]
    text = "".join("^" + w + "\n" for w in words)
    env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8")
    t = time.perf_counter()
    proc = subprocess.run(["hunspell", "-d", dictionary, "-a"], input=text, capture_output=True,
                          text=True, encoding="utf-8", env=env, check=True)
    seconds = time.perf_counter() - t
    body = proc.stdout.split("\n", 1)[1] if "\n" in proc.stdout else ""
    groups = body.split("\n\n")
    if len(groups) < len(words):
        raise RuntimeError(f"hunspell answered {len(groups)} lines for {len(words)} words")
    answers: Answers = {}
    for w, group in zip(words, groups):
        answer: list[str] | None = None  # every token accepted (*, +, -)
        for line in group.split("\n"):
            if line.startswith("#"):
                answer = []
                break
            if line.startswith("&"):
                answer = [s.strip() for s in line.split(":", 1)[1].split(",")]
                break
        answers[w] = answer
    return Run(answers, seconds, len(words))


def load_pyspellchecker() -> Callable[[list[str]], Run]:
    from spellchecker import SpellChecker

    checker = SpellChecker(language="en", distance=2)

    def run(words: list[str]) -> Run:
        t = time.perf_counter()
        answers: Answers = {}
        for w in words:
            low = w.lower()
            if low in checker:
                answers[w] = None
                continue
            cands = checker.candidates(low) or set()
            answers[w] = sorted(cands, key=lambda c: (-checker.word_usage_frequency(c), c))[:5]
        return Run(answers, time.perf_counter() - t, len(words))

    return run


# --------------------------------------------------------------------------- scoring


def score(pairs: list[tuple[str, str]], answers: Answers) -> dict:
    top1 = top5 = accepted = empty = 0
    misses = []
    for wrong, right in pairs:
        got = answers.get(wrong)
        if got is None:
            accepted += 1
        elif not got:
            empty += 1
        low = [s.lower() for s in got or ()]
        target = right.lower()
        if low[:1] == [target]:
            top1 += 1
        if target in low[:5]:
            top5 += 1
        elif len(misses) < MISSES_KEPT:
            misses.append([wrong, right, "accepted" if got is None else got[:5]])
    n = len(pairs)
    return {"pairs": n, "top1": round(top1 / n, 3) if n else None, "top5": round(top5 / n, 3) if n else None,
            "accepted": accepted, "no_suggestion": empty, "misses_top5": misses}


def margin_table(pairs: list[tuple[str, str]], suggester: Suggester) -> list[dict]:
    """For each margin m: share of non-word pairs whose lead is >= m, and top-1 accuracy there."""
    rows = []
    data = []
    for wrong, right in pairs:
        ranked = suggester.ranked(wrong, 2)
        if not ranked:
            continue
        lead = suggester.margin(wrong)
        data.append((lead, ranked[0].word.lower() == right.lower()))
    for m in MARGINS:
        kept = [ok for lead, ok in data if lead is not None and lead >= m]
        rows.append({"margin": m, "share": round(len(kept) / len(pairs), 3) if pairs else None,
                     "top1": round(sum(kept) / len(kept), 3) if kept else None})
    return rows


# --------------------------------------------------------------------------- output


def print_table(head: list[str], rows: list[list[str]], right: set[int]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    print(line(head))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))


def fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def environment() -> dict:
    def version(dist: str) -> str | None:
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            return None

    hun = None
    if hunspell_binary():
        out = subprocess.run(["hunspell", "-v"], capture_output=True, text=True).stdout
        hun = out.splitlines()[0] if out else "unknown"
    return {
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "rapidfuzz": version("rapidfuzz"),
        "jellyfish": version("jellyfish"),
        "pyspellchecker": version("pyspellchecker"),
        "hunspell": hun,
    }


# --------------------------------------------------------------------------- main


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description="Top-1/top-5 suggestion accuracy: betareader, Hunspell and "
                                            "pyspellchecker on Norvig's and Mitton's test files.")
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                   help=f"corpus folder with spelling/ (default: {DEFAULT_CORPUS})")
    p.add_argument("--files", default=",".join(FILES),
                   help=f"test files, comma-separated (default: {','.join(FILES)})")
    p.add_argument("--limit", type=int, default=None,
                   help="at most N pairs per file, a seeded sample shared by all tools (default: all)")
    p.add_argument("--seed", type=int, default=0, help="seed for --limit (default: 0)")
    p.add_argument("--skip", default="", help=f"tools to leave out, comma-separated ({', '.join(TOOL_NAMES)})")
    p.add_argument("--hunspell-dict", default="en_US",
                   help="dictionary for hunspell -d (default: en_US, Debian's hunspell-en-us)")
    p.add_argument("--json", type=Path, default=DEFAULT_JSON, dest="json_path",
                   help=f"where to write the results (default: {DEFAULT_JSON})")
    args = p.parse_args(argv)
    args.files = [f.strip() for f in args.files.split(",") if f.strip()]
    for f in args.files:
        if f not in FILES:
            p.error(f"unknown file {f!r}; choose from {', '.join(FILES)}")
    args.skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    for s in args.skip:
        if s not in TOOL_NAMES:
            p.error(f"unknown tool {s!r}; choose from {', '.join(TOOL_NAMES)}")
    if args.limit is not None and args.limit < 1:
        p.error("--limit must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    corpus = args.corpus.expanduser().resolve()
    files = {}
    for name in args.files:
        path = corpus / FILES[name][0]
        if not path.is_file():
            print(f"spelling.py: no such file: {path}", file=sys.stderr)
            return 2
        files[name] = sample(read_pairs(path, FILES[name][1]), args.limit, args.seed)

    env = environment()
    print(f"Python {env['python']} on {env['platform']}, {env['cpu_count']} CPUs; rapidfuzz {env['rapidfuzz']}, "
          f"jellyfish {env['jellyfish']}, pyspellchecker {env['pyspellchecker'] or 'not installed'}")
    print("Pairs: " + ", ".join(f"{n} {len(p):,}" for n, p in files.items())
          + (f" (--limit {args.limit}, seed {args.seed})" if args.limit else ""))

    tools: list[str] = []
    notes: dict[str, str] = {}
    # betareader: lexicon and index built (and measured) before any timing.
    tracemalloc.start()
    t = time.perf_counter()
    lexicon = get_lexicon()
    lexicon.words, lexicon.zipf_table  # noqa: B018 - load now
    t_lex = time.perf_counter() - t
    mem_lex = tracemalloc.get_traced_memory()[0]
    suggester = Suggester(lexicon)
    t = time.perf_counter()
    suggester.index  # noqa: B018 - build now
    t_index = time.perf_counter() - t
    mem_index = tracemalloc.get_traced_memory()[0] - mem_lex
    tracemalloc.stop()
    build = {"lexicon_s": round(t_lex, 3), "index_s": round(t_index, 3), "pool_words": suggester.index.size,
             "lexicon_mb": round(mem_lex / 2**20, 1), "index_mb": round(mem_index / 2**20, 1)}
    print(f"betareader: lexicon {t_lex:.2f} s ({mem_lex / 2**20:.0f} MB traced), index {t_index:.2f} s "
          f"({mem_index / 2**20:.0f} MB traced, {suggester.index.size:,} words; timings with tracemalloc on)")
    if "betareader" not in args.skip:
        tools.append("betareader")
    if "hunspell" not in args.skip:
        if hunspell_binary():
            tools.append("hunspell")
        else:
            notes["hunspell"] = "skipped: no hunspell binary (apt-get install hunspell hunspell-en-us)"
    pysc = None
    if "pyspellchecker" not in args.skip:
        try:
            t = time.perf_counter()
            pysc = load_pyspellchecker()
            print(f"pyspellchecker: loaded in {time.perf_counter() - t:.2f} s")
            tools.append("pyspellchecker")
        except ImportError:
            notes["pyspellchecker"] = "skipped: not installed (pip install -e .[bench])"
    for tool, note in notes.items():
        print(f"Note: {tool} {note}")
    print(flush=True)

    results: dict[str, dict] = {}
    for name, pairs in files.items():
        words = sorted({w for w, _ in pairs})
        nonword = [(w, r) for w, r in pairs if not lexicon.known(w)]
        results[name] = {"pairs": len(pairs), "nonword_pairs": len(nonword), "unique_words": len(words),
                         "tools": {}}
        for tool in tools:
            if tool == "betareader":
                run = run_betareader(words, suggester)
            elif tool == "hunspell":
                run = run_hunspell(words, args.hunspell_dict)
            else:
                run = pysc(words)
            entry = {"all": score(pairs, run.answers), "nonword": score(nonword, run.answers),
                     "seconds": round(run.seconds, 3), "ms_per_word": round(run.seconds / max(1, run.words) * 1e3, 2)}
            results[name]["tools"][tool] = entry
            print(f"{name:10} {tool:15} top-1 {fmt(entry['all']['top1'])}  top-5 {fmt(entry['all']['top5'])}  "
                  f"{entry['ms_per_word']:.2f} ms/word", flush=True)

    margins = {}
    if "betareader" in tools:
        margins = {name: margin_table([(w, r) for w, r in pairs if not lexicon.known(w)], suggester)
                   for name, pairs in files.items()}

    print()
    head = ["file", "tool", "pairs", "top-1", "top-5", "accepted", "non-word", "nw top-1", "nw top-5", "ms/word"]
    rows = []
    for name, res in results.items():
        for tool, e in res["tools"].items():
            rows.append([name + (" (tuned)" if name in TUNED_ON else ""), tool, f"{res['pairs']:,}",
                         fmt(e["all"]["top1"]), fmt(e["all"]["top5"]), f"{e['all']['accepted']:,}",
                         f"{res['nonword_pairs']:,}", fmt(e["nonword"]["top1"]), fmt(e["nonword"]["top5"]),
                         f"{e['ms_per_word']:.2f}"])
    print_table(head, rows, {2, 3, 4, 5, 6, 7, 8, 9})
    if margins:
        print("\nbetareader margin: share of non-word pairs whose first suggestion leads the second by at least "
              "m points, and top-1 accuracy on those")
        names = list(margins)
        print_table(["lead ≥ m"] + names,
                    [[f"{m:g}"] + [f"{fmt(margins[n][i]['share'])} / {fmt(margins[n][i]['top1'])}" for n in names]
                     for i, m in enumerate(MARGINS)], set(range(len(names) + 1)))
    for tool, note in notes.items():
        print(f"Note: {tool} {note}")

    w = suggester.weights
    report = {
        "benchmark": "spelling",
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "environment": env,
        "settings": {"files": args.files, "limit": args.limit, "seed": args.seed, "tools": tools,
                     "hunspell_dict": args.hunspell_dict, "tuned_on": list(TUNED_ON)},
        "betareader": {"build": build, "weights": w.__dict__, "min_zipf": suggester.min_zipf,
                       "widen_below": suggester.widen_below},
        "notes": notes,
        "results": results,
        "margins": margins,
    }
    json_path = args.json_path.expanduser()
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nWrote {json_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
