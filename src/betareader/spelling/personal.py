"""The personal dictionary: the words a writer has taught betareader, kept in one plain file.

``betareader add-word WORD...`` appends to it; every check reads it. Its place is the user's
configuration folder (``platformdirs``: ``~/.config/betareader/dictionary.txt`` on Linux), or
``$BETAREADER_DICTIONARY`` when set.  A project's own words go in ``betareader.toml``
(``words = [...]`` or ``dictionary = "words.txt"``) instead.  One word a line; ``#`` starts a
comment; blank lines are ignored.  The file is written atomically and never truncated by accident.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from ..errors import ConfigError

ENV = "BETAREADER_DICTIONARY"
#: the environment variable that moves the data folder (:func:`data_dir`)
DATA_ENV = "BETAREADER_DATA_DIR"
#: what a dictionary entry may be: letters with apostrophes, hyphens or periods inside
WORD_RE = re.compile(r"^[^\W\d_](?:[\w'’.-]*[^\W_])?$")
MAX_WORD = 64


def dictionary_path() -> Path:
    env = os.environ.get(ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path("betareader", appauthor=False) / "dictionary.txt"


def data_dir() -> Path:
    """The user's data folder, where ``betareader serve`` keeps its store and ``betareader lsp``
    its ignores (``$BETAREADER_DATA_DIR`` when set)."""
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("betareader", appauthor=False)


def read_words(path: Path | None = None) -> set[str]:
    """The words in the personal dictionary (an empty set when there is no file yet)."""
    path = path or dictionary_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return set()
    except OSError as exc:
        raise ConfigError(f"cannot read the personal dictionary {path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(f"the personal dictionary {path} is not UTF-8") from None
    return {w.strip() for w in text.splitlines() if w.strip() and not w.lstrip().startswith("#")}


def check_word(word: str) -> str:
    w = word.strip()
    if not w or len(w) > MAX_WORD or not WORD_RE.match(w):
        raise ConfigError(f"not a word: {word!r} (letters, with ' - . inside; at most {MAX_WORD} characters)")
    return w


def change_words(add: list[str], remove: list[str] = (), path: Path | None = None) -> tuple[Path, list[str], list[str]]:
    """Add and remove words; returns the file and the words actually added and removed."""
    path = path or dictionary_path()
    add = [check_word(w) for w in add]
    remove = [check_word(w) for w in remove]
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines() if path.exists() else []
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the personal dictionary {path}: {exc}") from None
    present = {ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")}
    added = [w for w in dict.fromkeys(add) if w not in present]
    removed = [w for w in dict.fromkeys(remove) if w in present]
    if not added and not removed:
        return path, [], []
    drop = set(removed)
    out = [ln for ln in lines if ln.strip() not in drop] + added
    if not lines:
        out.insert(0, "# betareader personal dictionary: one word a line")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".dictionary.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\n".join(out) + "\n")
        os.replace(tmp, path)
    except OSError as exc:
        raise ConfigError(f"cannot write the personal dictionary {path}: {exc.strerror or exc}") from None
    return path, added, removed
