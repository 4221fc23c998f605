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
import stat
import threading
import time
from pathlib import Path

from ..spelling.personal import data_dir

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


def default_path() -> Path:
    return data_dir() / FILE_NAME


class StoreError(Exception):
    """The store cannot be opened (its folder or file cannot be made, or a newer betareader's)."""


class _Incompatible(Exception):
    """The file is a database, but not one this betareader made or can use."""


#: every table's columns, in order, as :data:`_SCHEMA` makes them
_COLUMNS = {
    "review": ["id", "name", "format", "text", "structure", "created", "updated"],
    "ignored": ["review", "fingerprint", "code", "excerpt", "created"],
    "accepted": ["review", "code", "before", "after", "created"],
    "word": ["word", "created"],
}


class Store:
    """The page's storage.  ``path`` None: in memory only (``--no-store``).

    Opening checks the file before anything is written to it: a file SQLite cannot read, one
    that fails its integrity check, or one whose tables are not betareader's is moved aside
    (``betareader.sqlite3.broken-<date>``, with its journal files) and a fresh store started,
    which :attr:`notes` says; one made by a newer betareader is refused (:class:`StoreError`),
    since moving it would hide the newer version's work.  The store's folder is created private
    (0700) when it does not exist; an existing folder keeps its permissions (a note says when
    other users can read it).  The file is created private (0600); an existing one is made
    private through its own descriptor, never through a symbolic link."""

    def __init__(self, path: Path | str | None) -> None:
        self.path = Path(path) if path is not None else None
        self.notes: list[str] = []
        self._lock = threading.Lock()
        if self.path is None:
            self._db = self._connect(":memory:")
            self._prepare()
            return
        self._make_folder(self.path.parent)
        self._make_file(self.path)
        try:
            self._db = self._connect(str(self.path))
            self._prepare()
        except _Incompatible as exc:
            self._move_aside(str(exc))
        except sqlite3.DatabaseError as exc:
            self._move_aside(f"SQLite cannot read it: {exc}")

    # -- opening ---------------------------------------------------------------------------------

    @staticmethod
    def _connect(where: str) -> sqlite3.Connection:
        return sqlite3.connect(where, check_same_thread=False, isolation_level=None)

    def _make_folder(self, folder: Path) -> None:
        try:
            if not folder.exists() and not folder.is_symlink():
                folder.mkdir(parents=True, mode=0o700)
                return
            st = folder.stat()
        except OSError as exc:
            raise StoreError(f"{folder}: cannot make the folder for the review store ({exc.strerror or exc})") from None
        if not stat.S_ISDIR(st.st_mode):
            raise StoreError(f"{folder}: not a folder, so the review store cannot be kept there")
        if st.st_mode & 0o077:
            self.notes.append(f"the folder {folder} can be read by other users (mode {stat.S_IMODE(st.st_mode):o}); "
                              "betareader keeps your stories in it and has not changed that")

    def _make_file(self, path: Path) -> None:
        try:
            if path.is_symlink():
                return  # used as it is: its target's permissions are the owner's business
            fd = os.open(path, os.O_RDONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
            try:
                st = os.fstat(fd)
                if not stat.S_ISREG(st.st_mode):
                    raise StoreError(f"{path}: not a regular file, so it cannot hold the review store")
                if st.st_mode & 0o077:
                    os.fchmod(fd, 0o600)  # the stories are private
            finally:
                os.close(fd)
        except StoreError:
            raise
        except OSError as exc:
            raise StoreError(f"{path}: cannot open the review store ({exc.strerror or exc})") from None

    def _prepare(self) -> None:
        """Check the database and create the tables (in an empty one)."""
        db = self._db
        ok = db.execute("PRAGMA quick_check").fetchone()
        if not ok or ok[0] != "ok":
            raise _Incompatible(f"its integrity check failed ({ok[0] if ok else 'no answer'})")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: made by a newer betareader (schema {version}); "
                             "run that version, or move the file away to start a new store")
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if version == 0 and tables - _COLUMNS.keys():
            raise _Incompatible(f"it holds tables betareader does not make ({', '.join(sorted(tables - _COLUMNS.keys()))})")
        for table, columns in _COLUMNS.items():
            if table in tables:
                have = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
                if have != columns:
                    raise _Incompatible(f"its table {table!r} has other columns ({', '.join(have)})")
            elif version == SCHEMA_VERSION:
                raise _Incompatible(f"its table {table!r} is missing")
        db.execute("PRAGMA foreign_keys = ON")
        db.executescript(_SCHEMA)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _move_aside(self, why: str) -> None:
        """Keep the unusable file under another name and start a fresh store in its place."""
        try:
            self._db.close()
        except Exception:  # it may never have opened
            pass
        stamp = time.strftime("%Y-%m-%dT%H%M%S")
        moved = self.path.with_name(f"{self.path.name}.broken-{stamp}")
        try:
            for suffix in ("", "-wal", "-shm", "-journal"):
                src = Path(str(self.path) + suffix)
                if src.exists() or src.is_symlink():
                    os.replace(src, Path(str(moved) + suffix))
            self._make_file(self.path)
            self._db = self._connect(str(self.path))
            self._prepare()
        except (OSError, sqlite3.Error, _Incompatible) as exc:
            raise StoreError(f"{self.path}: the review store is unusable ({why}) and could not be moved aside "
                             f"({getattr(exc, 'strerror', None) or exc})") from None
        self.notes.append(f"the review store {self.path} was unusable ({why}): kept as {moved}, "
                          "and a new, empty store started")

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

    def rename(self, rid: str, name: str) -> bool:
        with self._lock:
            cur = self._db.execute("UPDATE review SET name = ? WHERE id = ?", (name, rid))
        return cur.rowcount == 1

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
