#!/usr/bin/env python3
"""Same findings before and after a change: snapshots of ``betareader check --format json`` on
every book of the fiction corpus and on the bundled demo story, and a comparison of two
snapshots.

    # before the change (any checkout: --src points at its src/ folder)
    python tools/same_findings.py snapshot /tmp/before --src /tmp/old-checkout/src
    # after it
    python tools/same_findings.py snapshot /tmp/after
    python tools/same_findings.py compare /tmp/before /tmp/after

``compare`` prints, per text, the findings only in one snapshot (code, span, message, fix) and
whether the summaries differ, and exits 1 when any finding differs (0 when every text has the
same findings, byte for byte).  A refactoring should leave it at 0; a change that means to alter
findings shows exactly which.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEMO = REPO / "src" / "betareader" / "data" / "sample_story.md"


def _texts(corpus: Path) -> list[Path]:
    books = sorted((corpus / "fiction").glob("*.txt")) if (corpus / "fiction").is_dir() else []
    return [DEMO, *books]


def _check(src: Path, path: Path, out: Path) -> str:
    env = dict(os.environ, PYTHONPATH=str(src), BETAREADER_DICTIONARY=os.devnull)
    run = subprocess.run(
        [sys.executable, "-m", "betareader", "check", "--format", "json", str(path)],
        capture_output=True, text=True, env=env, cwd=str(out),
    )
    if run.returncode not in (0, 1):
        raise SystemExit(f"{path.name}: betareader exited {run.returncode}: {run.stderr.strip()[-300:]}")
    (out / (path.stem + ".json")).write_text(run.stdout, encoding="utf-8")
    return path.name


def snapshot(out: Path, src: Path, corpus: Path, jobs: int) -> int:
    out.mkdir(parents=True, exist_ok=True)
    texts = _texts(corpus)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for name in pool.map(lambda p: _check(src, p, out), texts):
            print(f"  {name}", flush=True)
    print(f"{len(texts)} texts -> {out}")
    return 0


def _key(f: dict) -> str:
    return json.dumps({k: f.get(k) for k in ("code", "start", "end", "severity", "message", "suggestions", "fix")},
                      sort_keys=True, ensure_ascii=False)


def compare(a: Path, b: Path) -> int:
    differ = 0
    total = 0
    for pa in sorted(a.glob("*.json")):
        pb = b / pa.name
        if not pb.exists():
            print(f"{pa.stem}: missing from {b}")
            differ += 1
            continue
        fa = json.loads(pa.read_text(encoding="utf-8"))["files"][0]
        fb = json.loads(pb.read_text(encoding="utf-8"))["files"][0]
        ka = [_key(f) for f in fa["findings"]]
        kb = [_key(f) for f in fb["findings"]]
        total += len(ka)
        only_a = sorted(set(ka) - set(kb))
        only_b = sorted(set(kb) - set(ka))
        same_summary = fa["summary"] == fb["summary"]
        if ka == kb:
            print(f"{pa.stem}: {len(ka)} findings, identical; summary {'identical' if same_summary else 'differs'}")
            continue
        differ += 1
        print(f"{pa.stem}: {len(ka)} -> {len(kb)} findings; summary {'identical' if same_summary else 'differs'}")
        for k in only_a:
            print(f"  - {k}")
        for k in only_b:
            print(f"  + {k}")
        if not only_a and not only_b:
            print("  (same findings in another order)")
    print(f"\n{total} findings compared; {differ} text(s) differ")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("snapshot", help="check every text and keep the JSON")
    s.add_argument("out", type=Path)
    s.add_argument("--src", type=Path, default=REPO / "src", help="the src/ folder of the checkout to run")
    s.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    s.add_argument("--jobs", type=int, default=2)
    c = sub.add_parser("compare", help="compare two snapshots")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    args = ap.parse_args(argv)
    if args.cmd == "snapshot":
        return snapshot(args.out.resolve(), args.src.resolve(), args.corpus, args.jobs)
    return compare(args.a, args.b)


if __name__ == "__main__":
    sys.exit(main())
