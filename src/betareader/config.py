"""Configuration: ``betareader.toml`` or ``[tool.betareader]`` in ``pyproject.toml``.

Keys::

    select = ["TYP", "DLG"]        # rule selectors (codes, prefixes or "ALL"); default: rules on by default
    ignore = ["TYP006"]            # selectors to turn off
    dialect = "en-GB"              # "auto" (default: read from the story's spellings), "en-US" or "en-GB"
    dictionary = "words.txt"       # personal word list, one word per line (relative to the config file)
    words = ["Hermione", "Nott"]   # personal dictionary entries inline

    [severity]                     # per-rule severity overrides: "error", "warning" or "info"
    TYP009 = "info"

The file is found from the first input's folder upwards, or given with ``--config``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .rules.base import SEVERITIES

DIALECTS = ("auto", "en-US", "en-GB")
_KEYS = {"select", "ignore", "dialect", "dictionary", "words", "severity"}


@dataclass
class Config:
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    dialect: str = "auto"  # the story's own, read from its spellings (model.document._dialect)
    severity: dict[str, str] = field(default_factory=dict)
    words: set[str] = field(default_factory=set)
    path: Path | None = None

    def merged(self, select: list[str] | None, ignore: list[str] | None) -> "Config":
        """A copy with command-line selectors applied on top (select replaces, ignore adds)."""
        return Config(
            select=select if select else self.select,
            ignore=self.ignore + (ignore or []),
            dialect=self.dialect,
            severity=dict(self.severity),
            words=set(self.words),
            path=self.path,
        )


def _as_list(value, key: str, where: str) -> list[str]:
    if isinstance(value, str):
        value = [v for v in value.replace(",", " ").split() if v]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: '{key}' must be a list of strings")
    return value


def parse_config(data: dict, where: str, base: Path | None = None) -> Config:
    from .rules import REGISTRY

    unknown = set(data) - _KEYS
    if unknown:
        raise ConfigError(f"{where}: unknown key(s): {', '.join(sorted(unknown))}")
    cfg = Config(path=Path(where) if base else None)
    if "select" in data:
        cfg.select = _as_list(data["select"], "select", where)
    if "ignore" in data:
        cfg.ignore = _as_list(data["ignore"], "ignore", where)
    for sel in (cfg.select or []) + cfg.ignore:
        validate_selector(sel, where)
    if "dialect" in data:
        if data["dialect"] not in DIALECTS:
            raise ConfigError(f"{where}: dialect must be one of {', '.join(DIALECTS)}")
        cfg.dialect = data["dialect"]
    sev = data.get("severity", {})
    if not isinstance(sev, dict):
        raise ConfigError(f"{where}: [severity] must be a table of CODE = \"error\"|\"warning\"|\"info\"")
    for code, level in sev.items():
        if REGISTRY.get(code) is None:
            raise ConfigError(f"{where}: [severity] names an unknown rule {code}")
        if level not in SEVERITIES:
            raise ConfigError(f"{where}: severity of {code} must be one of {', '.join(SEVERITIES)}")
        cfg.severity[code.upper()] = level
    if "words" in data:
        cfg.words.update(_as_list(data["words"], "words", where))
    if "dictionary" in data:
        if not isinstance(data["dictionary"], str):
            raise ConfigError(f"{where}: 'dictionary' must be a file path")
        dpath = Path(data["dictionary"])
        if base is not None and not dpath.is_absolute():
            dpath = base / dpath
        try:
            lines = dpath.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise ConfigError(f"{where}: cannot read dictionary {dpath}: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise ConfigError(f"{where}: dictionary {dpath} is not UTF-8") from None
        cfg.words.update(w.strip() for w in lines if w.strip() and not w.lstrip().startswith("#"))
    return cfg


def validate_selector(sel: str, where: str = "selector") -> None:
    from .rules import REGISTRY

    s = sel.upper()
    if s == "ALL" or any(code.startswith(s) for code in REGISTRY.codes()):
        return
    raise ConfigError(f"{where}: '{sel}' matches no rule (see 'betareader rules')")


def load_config_file(path: Path) -> Config:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc.strerror or exc})") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("betareader", {})
    return parse_config(data, str(path), base=path.parent)


def find_config(start: Path) -> Path | None:
    """The nearest betareader.toml, or pyproject.toml with [tool.betareader], from ``start`` up."""
    start = start.resolve()
    folder = start if start.is_dir() else start.parent
    for d in (folder, *folder.parents):
        cand = d / "betareader.toml"
        if cand.is_file():
            return cand
        py = d / "pyproject.toml"
        if py.is_file():
            try:
                if "betareader" in tomllib.loads(py.read_text(encoding="utf-8")).get("tool", {}):
                    return py
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                pass
    return None


def resolve_config(explicit: str | None, first_input: str | None) -> Config:
    if explicit:
        return load_config_file(Path(explicit))
    if first_input and first_input != "-":
        found = find_config(Path(first_input))
        if found:
            return load_config_file(found)
    found = find_config(Path.cwd())
    return load_config_file(found) if found else Config()
