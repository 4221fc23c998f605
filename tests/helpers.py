"""Shared test helpers (imported by test modules; pytest puts tests/ on sys.path)."""

import os
import pathlib
import subprocess
import sys
import tomllib
from pathlib import Path

from betareader.config import Config
from betareader.engine import Engine

FIXTURES = pathlib.Path(__file__).parent / "fixtures" / "rules"


def load_fixture(code: str) -> dict:
    with open(FIXTURES / f"{code}.toml", "rb") as fh:
        return tomllib.load(fh)


def check(text: str, select=("ALL",), fmt="txt", **cfg):
    return Engine(Config(select=list(select), **cfg)).check_text(text, format=fmt)


def record_paragraph_checks(monkeypatch, rule) -> list[str]:
    """The texts of the paragraphs ``rule`` checks from now on (appended as it checks them)."""
    calls: list[str] = []
    original = type(rule).check_paragraph

    def spy(self, para, ctx):
        calls.append(para.text)
        return original(self, para, ctx)

    monkeypatch.setattr(type(rule), "check_paragraph", spy)
    return calls


def betareader(*args: str, cwd: Path, stdin: bytes | None = None, env: dict | None = None,
               timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``betareader ARGS`` as a user would (a subprocess of this interpreter), without
    ``BETAREADER_DEBUG``; stdin empty unless given."""
    full_env = {k: v for k, v in os.environ.items() if k != "BETAREADER_DEBUG"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "betareader", *args],
        cwd=cwd,
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=full_env,
        timeout=timeout,
    )
