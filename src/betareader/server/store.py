"""Where the local page keeps a writer's work: reviews, ignored findings, accepted fixes and
the page's dictionary, in one SQLite database.

The database lives in the user data folder (``platformdirs``: ``~/.local/share/betareader/
betareader.sqlite3`` on Linux), or in ``$BETAREADER_DATA_DIR`` when set.  ``betareader serve
--no-store`` keeps everything in memory instead (nothing is written to disk; the work lasts as
long as the server).  :meth:`Store.delete_all` is the page's "delete my data" button: it
removes every row and, for a file, compacts it so no deleted text lingers in free pages.

One connection is shared by the server's threads behind a lock; every write is its own
transaction.  Nothing here knows about HTTP.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import threading
import time
from pathlib import Path

ENV = "BETAREADER_DATA_DIR"
FILE_NAME = "betareader.sqlite3"
SCHEMA_VERSION = 1
#: kept per review at most (a writer ignoring more than this is ignoring a rule: turn it off)
MAX_IGNORES = 20_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS review (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    format TEXT NOT NULL,
    text TEXT NOT NULL,
    structure TEXT,
    created REAL NOT NULL,
    updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS ignored (
    review TEXT NOT NULL REFERENCES review(id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL,
    code TEXT NOT NULL,
    excerpt TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (review, fingerprint)
);
CREATE TABLE IF NOT EXISTS accepted (
    review TEXT NOT NULL REFERENCES review(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    before TEXT NOT NULL,
    after TEXT NOT NULL,
    created REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS word (
    word TEXT PRIMARY KEY,
    created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS accepted_review ON accepted(review);
"""


def data_dir() -> Path:
    env = os.environ.get(ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("betareader", appauthor=False)


def default_path() -> Path:
    return data_dir() / FILE_NAME


class StoreError(Exception):
    """The database cannot be opened or is not betareader's."""


class Store:
    """The page's storage.  ``path`` None: in memory only (``--no-store``)."""

    def __init__(self, path: Path | str | None) -> None:
        self.path = Path(path) if path is not None else None
        self._lock = threading.Lock()
        try:
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.chmod(self.path.parent, 0o700)
                except OSError:
                    pass
            self._db = sqlite3.connect(str(self.path) if self.path else ":memory:", check_same_thread=False,
                                       isolation_level=None)
            if self.path is not None:
                try:
                    os.chmod(self.path, 0o600)  # the stories are private
                except OSError:
                    pass
            self._db.execute("PRAGMA foreign_keys = ON")
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                raise StoreError(f"{self.path}: made by a newer betareader (schema {version})")
            self._db.executescript(_SCHEMA)
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a betareader database ({exc})") from None

    @property
    def persistent(self) -> bool:
        return self.path is not None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- reviews ---------------------------------------------------------------------------

    def create_review(self, name: str, format: str, text: str, structure: dict | None = None) -> dict:
        rid = secrets.token_hex(8)
        now = time.time()
        with self._lock:
            self._db.execute("INSERT INTO review VALUES (?, ?, ?, ?, ?, ?, ?)",
                             (rid, name, format, text, _dump(structure), now, now))
        return self.review(rid)  # type: ignore[return-value]

    def review(self, rid: str) -> dict | None:
        with self._lock:
            row = self._db.execute("SELECT id, name, format, text, structure, created, updated FROM review "
                                   "WHERE id = ?", (rid,)).fetchone()
            if row is None:
                return None
            ignored = self._db.execute("SELECT fingerprint, code, excerpt FROM ignored WHERE review = ? "
                                       "ORDER BY created", (rid,)).fetchall()
            accepted = self._db.execute("SELECT COUNT(*) FROM accepted WHERE review = ?", (rid,)).fetchone()[0]
        return {
            "id": row[0], "name": row[1], "format": row[2], "text": row[3],
            "structure": json.loads(row[4]) if row[4] else None,
            "created": row[5], "updated": row[6],
            "ignored": [{"fingerprint": f, "code": c, "excerpt": e} for f, c, e in ignored],
            "accepted": accepted,
        }

    def reviews(self) -> list[dict]:
        """Every review, most recently changed first, without its text."""
        with self._lock:
            rows = self._db.execute("SELECT id, name, format, length(text), updated FROM review "
                                    "ORDER BY updated DESC").fetchall()
        return [{"id": i, "name": n, "format": f, "characters": c, "updated": u} for i, n, f, c, u in rows]

    def save_text(self, rid: str, text: str) -> bool:
        with self._lock:
            cur = self._db.execute("UPDATE review SET text = ?, updated = ? WHERE id = ?", (text, time.time(), rid))
        return cur.rowcount == 1

    def delete_review(self, rid: str) -> bool:
        with self._lock:
            cur = self._db.execute("DELETE FROM review WHERE id = ?", (rid,))
        return cur.rowcount == 1

    # -- ignores and accepted fixes ----------------------------------------------------------

    def ignore(self, rid: str, fingerprint: str, code: str, excerpt: str) -> bool:
        with self._lock:
            if self._db.execute("SELECT 1 FROM review WHERE id = ?", (rid,)).fetchone() is None:
                return False
            n = self._db.execute("SELECT COUNT(*) FROM ignored WHERE review = ?", (rid,)).fetchone()[0]
            if n >= MAX_IGNORES:
                return False
            self._db.execute("INSERT OR REPLACE INTO ignored VALUES (?, ?, ?, ?, ?)",
                             (rid, fingerprint, code, excerpt[:200], time.time()))
        return True

    def unignore(self, rid: str, fingerprint: str) -> bool:
        with self._lock:
            cur = self._db.execute("DELETE FROM ignored WHERE review = ? AND fingerprint = ?", (rid, fingerprint))
        return cur.rowcount == 1

    def accepted(self, rid: str, code: str, before: str, after: str) -> bool:
        with self._lock:
            if self._db.execute("SELECT 1 FROM review WHERE id = ?", (rid,)).fetchone() is None:
                return False
            self._db.execute("INSERT INTO accepted VALUES (?, ?, ?, ?, ?)",
                             (rid, code, before[:200], after[:200], time.time()))
        return True

    # -- the page's dictionary ---------------------------------------------------------------

    def words(self) -> set[str]:
        with self._lock:
            return {w for (w,) in self._db.execute("SELECT word FROM word")}

    def add_word(self, word: str) -> None:
        with self._lock:
            self._db.execute("INSERT OR IGNORE INTO word VALUES (?, ?)", (word, time.time()))

    def remove_word(self, word: str) -> bool:
        with self._lock:
            cur = self._db.execute("DELETE FROM word WHERE word = ?", (word,))
        return cur.rowcount == 1

    # -- everything ----------------------------------------------------------------------------

    def delete_all(self) -> None:
        """Remove every review, ignore, accepted fix and word; compact a file so nothing lingers."""
        with self._lock:
            self._db.execute("DELETE FROM review")  # ignores and accepted fixes cascade (foreign keys on)
            self._db.execute("DELETE FROM word")
            if self.path is not None:
                self._db.execute("VACUUM")


def _dump(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def open_store(no_store: bool = False, path: Path | str | None = None) -> Store:
    """The server's store: in memory with ``no_store``, else ``path`` or the default file."""
    if no_store:
        return Store(None)
    return Store(path if path is not None else default_path())
