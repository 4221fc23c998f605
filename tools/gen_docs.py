"""Regenerate docs/rules.md and docs/betareader.example.toml from the rule registry."""

import pathlib

from betareader.catalog import example_config, rules_markdown

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main() -> None:
    (ROOT / "docs" / "rules.md").write_text(rules_markdown(), encoding="utf-8")
    (ROOT / "docs" / "betareader.example.toml").write_text(example_config(), encoding="utf-8")
    print("wrote docs/rules.md and docs/betareader.example.toml")


if __name__ == "__main__":
    main()
