"""Regenerate the rules' documentation from the rule registry: docs/rules.md,
docs/betareader.example.toml and the rules table in README.md."""

import pathlib

from betareader.catalog import example_config, rules_markdown, with_readme_rules

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main() -> None:
    (ROOT / "docs" / "rules.md").write_text(rules_markdown(), encoding="utf-8")
    (ROOT / "docs" / "betareader.example.toml").write_text(example_config(), encoding="utf-8")
    readme = ROOT / "README.md"
    readme.write_text(with_readme_rules(readme.read_text(encoding="utf-8")), encoding="utf-8")
    print("wrote docs/rules.md, docs/betareader.example.toml and the rules table in README.md")


if __name__ == "__main__":
    main()
