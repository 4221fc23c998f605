"""What betareader builds once and keeps on disk between runs, in the user's cache folder.

A check starts a new process, and a new process would otherwise rebuild, from the bundled data,
structures that are the same on every run: the verb-form tables, the common words by length the
speller's one-slip test reads, the cliché automaton.  Built once, they are kept as pickles and
read back in a few milliseconds (:func:`load_or_build`).  The tagger keeps the tags of the windows
it has read (``analysis/tagstore.py``), so a chapter checked again after an edit loads spaCy only
when an edit made a new window.

Where: ``platformdirs``' user cache folder (``~/.cache/betareader`` on Linux), or
``$BETAREADER_CACHE_DIR``; ``BETAREADER_CACHE_DIR=off`` (or ``0``, or empty) turns every disk cache
off.  ``betareader cache`` shows the folder and its size, ``betareader cache --clear`` empties it.

Keys: a pickle's file name carries a hash of betareader's version, Python's version, the builder
module's source and the data files it reads (their bytes, not their dates), so an upgrade, an
edited data file or an edited builder makes a new entry and never reads a stale one; older
entries of the same name are removed when a new one is written.  Nothing in the cache is text of
a story: the pickles hold bundled data only, and the tag store holds hashes of windows and their
tags.  Any error reading or writing (a read-only home, a full disk, a damaged file) is silent:
the structure is built in memory as if there were no cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import Callable, TypeVar

from . import __version__

T = TypeVar("T")

ENV = "BETAREADER_CACHE_DIR"
_OFF = {"", "0", "off", "none", "false", "no"}


def cache_dir() -> Path | None:
    """The cache folder, or None when caching is off."""
    env = os.environ.get(ENV)
    if env is not None:
        if env.strip().lower() in _OFF:
            return None
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("betareader", appauthor=False)


def data_bytes(*parts: str) -> bytes:
    """The bytes of a bundled data file (``data_bytes("grammar", "verb_forms.txt")``)."""
    return resources.files("betareader").joinpath("data", *parts).read_bytes()


def fingerprint(*blobs: bytes | str) -> str:
    """A short hash of betareader's and Python's versions and of ``blobs``."""
    h = hashlib.blake2b(digest_size=12)
    h.update(f"{__version__}|{sys.version_info[0]}.{sys.version_info[1]}|{pickle.HIGHEST_PROTOCOL}".encode())
    for b in blobs:
        b = b.encode("utf-8") if isinstance(b, str) else b
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


def module_source(module_file: str) -> bytes:
    """The source of a module (its ``__file__``), for a key that changes when its builder does."""
    try:
        return Path(module_file).read_bytes()
    except OSError:
        return module_file.encode()


def load_or_build(name: str, key: str, build: Callable[[], T]) -> T:
    """The object cached as ``name`` with ``key`` (see :func:`fingerprint`), or ``build()``'s,
    written to the cache for the next run."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / "data" / f"{name}-{key}.pickle"
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except FileNotFoundError:
        pass
    except Exception:  # damaged or from an incompatible build: rebuilt below
        pass
    obj = build()
    _write(path, name, obj)
    return obj


def _write(path: Path, name: str, obj) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{name}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(obj, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # atomic: another process reads the old file or the new one
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        for old in path.parent.glob(f"{name}-*.pickle"):
            if old != path:
                try:
                    old.unlink()
                except OSError:
                    pass
    except Exception:
        pass  # a cache that cannot be written is no cache: nothing else changes


def _ours(folder: Path) -> list[Path]:
    """The files betareader writes in the cache folder (and only those: the folder may be one the
    user named, with other things in it)."""
    found = list(folder.glob("tags-*.sqlite*"))
    data = folder / "data"
    if data.is_dir():
        found += list(data.glob("*.pickle")) + list(data.glob(".*.tmp"))
    return found


def usage() -> tuple[Path | None, int, int]:
    """(folder, files, bytes) of the cache."""
    folder = cache_dir()
    if folder is None or not folder.is_dir():
        return folder, 0, 0
    files = size = 0
    for p in _ours(folder):
        try:
            size += p.stat().st_size
            files += 1
        except OSError:
            pass
    return folder, files, size


def clear() -> int:
    """Remove what betareader keeps in the cache folder; the number of files removed."""
    folder = cache_dir()
    if folder is None or not folder.is_dir():
        return 0
    n = 0
    for p in _ours(folder):
        try:
            p.unlink()
            n += 1
        except OSError:
            pass
    try:
        (folder / "data").rmdir()
    except OSError:
        pass
    return n
