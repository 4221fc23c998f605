"""Meta-tests: the registry, the rules' docs, their fixtures and the default config agree."""

import pathlib
import tomllib

import pytest

from betareader.catalog import example_config, rules_markdown, with_readme_rules
from betareader.config import parse_config
from betareader.rules import REGISTRY
from betareader.rules.base import ALWAYS, CRAFT, DOC_HEADINGS, KINDS, NEVER, SAFE, SEVERITIES, SOMETIMES, UNSAFE

from helpers import FIXTURES, check, load_fixture

ROOT = pathlib.Path(__file__).resolve().parents[2]
RULES = list(REGISTRY)


def test_registry_has_rules_with_unique_names():
    assert len(RULES) >= 11
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_metadata(rule):
    assert rule.kind in KINDS
    assert rule.severity in SEVERITIES
    assert rule.fix_availability in (NEVER, SOMETIMES, ALWAYS)
    if rule.fix_availability == NEVER:
        assert rule.fix_applicability is None
    else:
        assert rule.fix_applicability in (SAFE, UNSAFE)
    assert rule.scope in ("paragraph", "document")
    assert rule.name == rule.name.lower() and " " not in rule.name
    if rule.kind == CRAFT:
        assert rule.severity != "error", "craft notes are advice, never error severity"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_docs_have_headings(rule):
    doc = rule.doc()
    assert doc.split("\n", 1)[0].strip(), "first line is the summary"
    positions = []
    for h in DOC_HEADINGS:
        marker = f"## {h}"
        assert marker in doc, f"{rule.code} docs lack '{h}'"
        positions.append(doc.index(marker))
        body = doc[doc.index(marker) + len(marker):].split("\n## ", 1)[0]
        assert body.strip(), f"{rule.code}: '{h}' is empty"
    assert positions == sorted(positions)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_fixtures_that_fire_and_that_do_not(rule):
    path = FIXTURES / f"{rule.code}.toml"
    assert path.exists(), f"missing fixture file {path.name}"
    data = load_fixture(rule.code)
    assert set(data) <= {"fire", "clean"}
    assert len(data.get("fire", [])) >= 2
    assert len(data.get("clean", [])) >= 2


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_fix_availability_claim_holds_on_fixtures(rule):
    """'always' rules fix every finding; 'never' rules fix none; a fix is the rule's
    applicability or more cautious (unsafe), never safer."""
    fixes = []
    for case in load_fixture(rule.code)["fire"]:
        fixes += [f.fix for f in check(case["text"], select=[rule.code]).findings if f.code == rule.code]
    assert fixes
    if rule.fix_availability == ALWAYS:
        assert all(fx is not None for fx in fixes)
    if rule.fix_availability == NEVER:
        assert all(fx is None for fx in fixes)
    if rule.fix_availability == SOMETIMES:
        assert any(fx is not None for fx in fixes)
    for fx in fixes:
        if fx is not None:
            assert fx.applicability in (rule.fix_applicability, UNSAFE)
            assert fx.edits


def test_fixture_files_all_belong_to_rules():
    codes = {r.code for r in RULES}
    assert {p.stem for p in FIXTURES.glob("*.toml")} <= codes


def test_docs_rules_md_in_step():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: run python tools/gen_docs.py"
    )


def test_example_config_in_step_and_valid():
    text = (ROOT / "docs" / "betareader.example.toml").read_text(encoding="utf-8")
    assert text == example_config(), "docs/betareader.example.toml is stale: run python tools/gen_docs.py"
    cfg = parse_config(tomllib.loads(text), "example")
    assert sorted(cfg.select) == sorted(r.code for r in RULES if r.default_enabled)
    for r in RULES:
        assert f"# {r.code} = " in text


def test_readme_rules_table_in_step():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert with_readme_rules(readme) == readme, "README.md's rules table is stale: run python tools/gen_docs.py"


def test_readme_lists_every_rule_family_prefix():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for prefix in {r.code[:3] for r in RULES}:
        assert prefix in readme


def test_default_selection_is_default_enabled():
    assert [r.code for r in REGISTRY.select(None)] == [r.code for r in RULES if r.default_enabled]


def test_selectors_by_specificity():
    sel = [r.code for r in REGISTRY.select(["TYP"], ["TYP003"])]
    assert "TYP003" not in sel and "TYP001" in sel
    sel = [r.code for r in REGISTRY.select(["TYP003"], ["TYP"])]
    assert sel == ["TYP003"]
    assert [r.code for r in REGISTRY.select(["ALL"])] == [r.code for r in RULES]


def test_readme_starts_with_the_two_setup_commands():
    """The first installs and reviews the sample story, ending on the editor page (which opens the
    sample story when nothing is saved yet); the second installs and runs the test suite."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert len(block) == 2
    first, second = block
    assert first.startswith("python3 -m venv .venv && . .venv/bin/activate && pip install -e . && ")
    assert first.endswith("betareader demo && betareader serve --open")
    assert second == "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && pytest"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert second in ci
