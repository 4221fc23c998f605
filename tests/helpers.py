"""Shared test helpers (imported by test modules; pytest puts tests/ on sys.path)."""

import pathlib
import tomllib

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
