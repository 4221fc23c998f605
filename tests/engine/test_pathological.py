"""Every per-paragraph pass is linear: a megabyte of one pathological paragraph finishes.

Not a timing assertion: each input runs in its own process with a generous bound (120 s, where
a linear check takes a few seconds and a quadratic one hours), so a shared, slow machine does not
fail it.  The inputs are the named cases of ``benchmarks/pathological.py`` (which measures their
growth) and, to find the next quadratic pattern before a writer does, short units drawn at random
from punctuation and letters, repeated to a third of a megabyte.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "benchmarks" / "pathological.py"
BOUND = 120  # seconds per input; a linear megabyte takes a few


def _cases() -> list[str]:
    spec = importlib.util.spec_from_file_location("pathological", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return list(mod.CASES)


def _run(args: list[str]) -> tuple[str, str | None]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    try:
        proc = subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, timeout=BOUND, env=env)
    except subprocess.TimeoutExpired:
        return args[1], f"did not finish within {BOUND} s"
    if proc.returncode != 0:
        return args[1], proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
    return args[1], None


def test_a_megabyte_of_every_pathological_paragraph_finishes():
    jobs = [["--child", name, "1000000"] for name in _cases()]
    with ThreadPoolExecutor(max_workers=2) as pool:
        failed = {name: why for name, why in pool.map(_run, jobs) if why}
    assert not failed


_UNIT = st.text(alphabet=st.sampled_from(list(".!?,;:'\"“”‘’*_-—…()[]<>/#~ aA1\n")), min_size=1, max_size=4)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_UNIT)
def test_a_random_unit_repeated_finishes(unit):
    name, why = _run(["--child", "unit:" + unit.encode("unicode_escape").decode("ascii"), "300000"])
    assert why is None, (unit, why)
