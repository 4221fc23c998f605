"""The language server (``betareader lsp``): betareader's findings in any editor that speaks LSP.

It talks JSON-RPC over standard input and output (pygls 2, lsprotocol) and reviews Markdown and
plain-text documents (``.md``, ``.markdown``, ``.txt``; language ids ``markdown``, ``plaintext``):
diagnostics as the writer types, quick fixes, a "fix all safe findings" source action, "add to
dictionary", "ignore here" / "ignore in this file", and the rule's documentation on hover.

Design:

- **Documents.** The server keeps each open document's text itself (pygls' own copy is skipped:
  its line splitting counts more characters than LSP's ``\\n``, ``\\r\\n`` and ``\\r`` as line
  breaks) and applies incremental changes with :class:`Lines`, the document's line starts, which
  also turns the engine's code-point offsets into positions in the negotiated encoding
  (``general.positionEncodings``: UTF-8 whenever the client offers it, else the client's first
  choice pygls supports, else UTF-16) by one bisect and one C-level ``encode`` per position, and
  by none at all when the text gives the encodings no reason to differ (ASCII; no astral
  characters in UTF-16).
- **Checks.** One :class:`~betareader.engine.Engine` per configuration (rules, dialect,
  severities, words), kept across checks, so that after a keystroke its per-paragraph cache
  re-runs only the changed paragraph; ``check(doc, summary=False)`` skips the beta letter.  A
  check runs in a thread (``asyncio.to_thread``) after ``debounceMs``; while it runs, changes only
  update the text, and when it ends a check of the latest text follows.  Diagnostics are published
  with the version they were computed for, and never for a text that has changed since.  The
  part-of-speech tagger runs in this process (``BETAREADER_TAGGER_PROCESS=0``): spaCy stays loaded
  between checks instead of a helper process being started for each check of a long text.
  After the first check, ``gc.freeze()`` puts the loaded word lists and models out of the cyclic
  collector's sight: a full collection otherwise paused a keystroke's check by about 100 ms.
- **Configuration.** The nearest ``betareader.toml`` (or ``pyproject.toml`` with
  ``[tool.betareader]``) above the document, the personal dictionary (the file ``betareader check``
  and ``add-word`` use; re-read when it changes), and the client's settings, from
  ``initializationOptions``, ``workspace/didChangeConfiguration`` or ``workspace/configuration``
  (section ``betareader``: ``select``, ``ignore``, ``dialect``, ``debounceMs``).  A bad setting or
  file is a ``window/showMessage`` warning, never a crash.
- **Ignores.** "Ignore CODE here" (the finding's fingerprint, which survives edits elsewhere) and
  "Ignore CODE in this file" are kept per document URI in ``lsp-ignored.json`` in the user data
  folder (``$BETAREADER_DATA_DIR`` when set, as for ``betareader serve``'s store).
- **Failures.** A check that raises is logged (``window/logMessage``) and publishes nothing; the
  server's own log goes to standard error one line at a time (``BETAREADER_DEBUG=1``: tracebacks).
"""

from __future__ import annotations

import asyncio
import gc
import json
import logging
import os
import re
import sys
import tempfile
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.uris import to_fs_path

from .. import __version__
from ..config import DIALECTS, Config, find_config, load_config_file, validate_selector
from ..engine import Engine
from ..errors import BetareaderError, ConfigError
from ..fix.apply import apply_edits, select_edits
from ..model import build_document
from ..report.file_report import fingerprint
from ..rules import REGISTRY
from ..rules.base import CRAFT, SAFE, Edit, Finding
from ..spelling import personal

log = logging.getLogger("betareader.lsp")

NAME = "betareader"
SOURCE = "betareader"
#: debounce before a check (ms): none by default, since a check already coalesces the changes
#: made while it runs; in benchmarks/lsp_latency.py a 20 ms wait only added 20 ms to each edit
DEFAULT_DEBOUNCE_MS = 0
MAX_DEBOUNCE_MS = 5000
#: the language ids reviewed, and their document format
LANGUAGES = {"markdown": "md", "plaintext": "txt", "text": "txt"}
EXTENSIONS = {".md": "md", ".markdown": "md", ".txt": "txt"}
CMD_ADD_WORD = "betareader.addWord"
CMD_IGNORE_FINDING = "betareader.ignoreFinding"
CMD_IGNORE_RULE = "betareader.ignoreRule"
FIX_ALL_KIND = f"{lsp.CodeActionKind.SourceFixAll.value}.{NAME}"
IGNORES_FILE = "lsp-ignored.json"
#: fingerprints kept per document at most (past this, a writer is ignoring a rule: turn it off)
MAX_IGNORES = 20_000
#: engines kept (one per configuration in use)
MAX_ENGINES = 4
#: how long a code action or hover waits for a running check of the latest text (seconds)
SETTLE_SECONDS = 3.0
#: the spelling rules whose word a writer may add to the dictionary (SPL006 is a stray letter)
_NO_ADD_WORD = {"SPL006"}

_NEWLINE_RE = re.compile(r"\r\n|\r|\n")  # LSP's line breaks, and the document model's
UTF8, UTF16, UTF32 = (lsp.PositionEncodingKind.Utf8.value, lsp.PositionEncodingKind.Utf16.value,
                      lsp.PositionEncodingKind.Utf32.value)


# --------------------------------------------------------------------------- positions


def _units(s: str, encoding: str) -> int:
    """Code units of ``s`` in ``encoding``."""
    if encoding == UTF8:
        return len(s.encode("utf-8", "surrogatepass"))
    if encoding == UTF16:
        return len(s.encode("utf-16-le", "surrogatepass")) // 2
    return len(s)


def _index(line: str, units: int, encoding: str) -> int:
    """The code-point index in ``line`` of a column of ``units`` code units (a column inside a
    character moves to its end; past the end of the line, the end)."""
    if encoding == UTF32:
        return min(units, len(line))
    n = 0
    for i, ch in enumerate(line):
        if n >= units:
            return i
        o = ord(ch)
        n += (1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4) if encoding == UTF8 else (2 if o > 0xFFFF else 1)
    return len(line)


class Lines:
    """The line starts of one text, and conversions between its code-point offsets and LSP
    positions in ``encoding``."""

    __slots__ = ("text", "encoding", "starts", "simple")

    def __init__(self, text: str, encoding: str) -> None:
        self.text = text
        self.encoding = encoding
        if "\r" in text:
            self.starts = [0, *(m.end() for m in _NEWLINE_RE.finditer(text))]
        else:  # the usual case, several times faster than the regular expression
            starts, find = [0], text.find
            i = find("\n")
            while i >= 0:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self.starts = starts
        # are code points code units here (no conversion needed)?  In UTF-16, unless a character
        # takes two units (the text's UTF-16 is then longer than two bytes a character)
        self.simple = encoding == UTF32 or text.isascii() or (
            encoding == UTF16 and len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text))

    def position(self, offset: int) -> lsp.Position:
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        col = offset - start if self.simple else _units(self.text[start:offset], self.encoding)
        return lsp.Position(line=line, character=col)

    def range(self, start: int, end: int) -> lsp.Range:
        return lsp.Range(start=self.position(start), end=self.position(end))

    def line_end(self, line: int) -> int:
        """Where line ``line``'s content ends (before its line break)."""
        if line + 1 >= len(self.starts):
            return len(self.text)
        nxt = self.starts[line + 1]
        return nxt - (2 if self.text.startswith("\r\n", nxt - 2) else 1)

    def offset(self, pos: lsp.Position) -> int:
        """The code-point offset of a client position (clamped to the text)."""
        if pos.line < 0:
            return 0
        if pos.line >= len(self.starts):
            return len(self.text)
        start, end = self.starts[pos.line], self.line_end(pos.line)
        if self.simple:
            return start + min(max(pos.character, 0), end - start)
        return start + _index(self.text[start:end], max(pos.character, 0), self.encoding)


def apply_change(text: str, lines: Lines, change: Any) -> str:
    """``text`` after one ``textDocument/didChange`` content change (incremental or whole)."""
    rng = getattr(change, "range", None)
    if rng is None:
        return change.text
    s, e = lines.offset(rng.start), lines.offset(rng.end)
    if e < s:
        s, e = e, s
    return text[:s] + change.text + text[e:]


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True)
class Settings:
    """The client's settings (section ``betareader``)."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    dialect: str | None = None
    debounce_ms: float = DEFAULT_DEBOUNCE_MS


_SETTING_KEYS = {"select", "ignore", "dialect", "debounceMs"}


def _section(raw: Any) -> dict | None:
    """The ``betareader`` section of a settings object (or the object itself when it holds the
    keys directly); None when it says nothing about betareader."""
    if not isinstance(raw, dict):
        return None
    inner = raw.get(NAME)
    if isinstance(inner, dict):
        return inner
    if NAME not in raw and _SETTING_KEYS & set(raw):
        return raw
    return None


def parse_settings(raw: dict, base: Settings = Settings()) -> tuple[Settings, list[str]]:
    """Settings from a ``betareader`` section, and the problems found (each one left out)."""
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key in sorted(set(raw) - _SETTING_KEYS):
        problems.append(f"unknown setting '{NAME}.{key}' (known: {', '.join(sorted(_SETTING_KEYS))})")
    for key, attr in (("select", "select"), ("ignore", "ignore")):
        if key not in raw or raw[key] is None:
            continue
        value = raw[key]
        if isinstance(value, str):
            value = [v for v in value.replace(",", " ").split() if v]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(f"'{NAME}.{key}' must be a list of rule codes or prefixes")
            continue
        good = []
        for sel in value:
            try:
                validate_selector(sel, f"{NAME}.{key}")
                good.append(sel.upper())
            except ConfigError as exc:
                problems.append(str(exc))
        values[attr] = tuple(good) if (good or key == "ignore") else None
    if raw.get("dialect") is not None:
        if raw["dialect"] in DIALECTS:
            values["dialect"] = raw["dialect"]
        else:
            problems.append(f"'{NAME}.dialect' must be one of {', '.join(DIALECTS)}")
    if raw.get("debounceMs") is not None:
        ms = raw["debounceMs"]
        if isinstance(ms, (int, float)) and not isinstance(ms, bool) and 0 <= ms <= MAX_DEBOUNCE_MS:
            values["debounce_ms"] = float(ms)
        else:
            problems.append(f"'{NAME}.debounceMs' must be a number of milliseconds from 0 to {MAX_DEBOUNCE_MS}")
    merged = {"select": base.select, "ignore": base.ignore, "dialect": base.dialect, "debounce_ms": base.debounce_ms}
    merged.update(values)
    return Settings(**merged), problems


# --------------------------------------------------------------------------- ignores


class Ignores:
    """Ignored findings (fingerprints) and rules (codes) per document URI, kept in a small JSON
    file, written atomically on every change."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or personal.data_dir() / IGNORES_FILE
        self.problem: str | None = None
        self._docs: dict[str, dict[str, list[str]]] = {}
        self._load()

    def _load(self) -> None:
        """Read the file (again: another editor's server may have written it meanwhile)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            self.problem = f"cannot read the ignored findings {self.path} ({exc}); starting with none"
            return
        docs = data.get("documents", {}) if isinstance(data, dict) else {}
        self._docs = {}
        for uri, entry in docs.items() if isinstance(docs, dict) else ():
            if isinstance(uri, str) and isinstance(entry, dict):
                self._docs[uri] = {k: [v for v in entry[k] if isinstance(v, str)]
                                   for k in ("fingerprints", "codes") if isinstance(entry.get(k), list)}

    def fingerprints(self, uri: str) -> frozenset[str]:
        return frozenset(self._docs.get(uri, {}).get("fingerprints", ()))

    def codes(self, uri: str) -> frozenset[str]:
        return frozenset(self._docs.get(uri, {}).get("codes", ()))

    def add(self, uri: str, kind: str, value: str) -> bool:
        """Add a fingerprint or code (``kind``: "fingerprints" or "codes"); False if already there."""
        self._load()
        entry = self._docs.setdefault(uri, {})
        values = entry.setdefault(kind, [])
        if value in values:
            return False
        values.append(value)
        del values[:-MAX_IGNORES]
        self._save()
        return True

    def _save(self) -> None:
        body = json.dumps({"schema": 1, "documents": self._docs}, ensure_ascii=False, indent=1)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".lsp-ignored.", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(body + "\n")
            os.replace(tmp, self.path)
        except OSError as exc:
            raise BetareaderError(f"cannot write the ignored findings {self.path} ({exc.strerror or exc})") from None


# --------------------------------------------------------------------------- findings


@dataclass(slots=True)
class Item:
    """One finding of a checked text, its fingerprint and its diagnostic."""

    finding: Finding
    fingerprint: str
    diagnostic: lsp.Diagnostic


def severity_of(f: Finding) -> lsp.DiagnosticSeverity:
    """Errors: Error (severity "error"), else Warning; craft notes: Hint (severity "info"), else
    Information."""
    rule = REGISTRY.get(f.code)
    sev = f.severity or (rule.severity if rule else "error")
    if rule is not None and rule.kind == CRAFT:
        return lsp.DiagnosticSeverity.Hint if sev == "info" else lsp.DiagnosticSeverity.Information
    return lsp.DiagnosticSeverity.Error if sev == "error" else lsp.DiagnosticSeverity.Warning


def _fix_ok(f: Finding) -> bool:
    """Does ``f`` have a fix whose edits do not overlap (a client refuses overlapping edits)?"""
    if f.fix is None or not f.fix.edits:
        return False
    edits = sorted(f.fix.edits, key=lambda e: (e.start, e.end))
    return all(a.end <= b.start and not (a.start == a.end == b.start) for a, b in zip(edits, edits[1:]))


def _text_edit(e: Edit, lines: Lines) -> lsp.TextEdit:
    return lsp.TextEdit(range=lines.range(e.start, e.end), new_text=e.text)


def make_items(findings: list[Finding], lines: Lines) -> list[Item]:
    """The diagnostics of ``findings`` over ``lines.text``: ``data`` holds the fingerprint, the
    suggestions, the fix's edits (LSP ranges) and whether it is safe, and a spelling finding's word."""
    text = lines.text
    out = []
    for f in findings:
        fp = fingerprint(f, text)
        data: dict[str, Any] = {"fingerprint": fp}
        if f.suggestions:
            data["suggestions"] = list(f.suggestions)
        if _fix_ok(f):
            data["fix"] = {"safe": f.fix.applicability == SAFE,
                           "edits": [{"range": _range_json(lines, e.start, e.end), "newText": e.text}
                                     for e in f.fix.edits]}
        if f.code.startswith("SPL"):
            data["word"] = text[f.start : f.end]
        diag = lsp.Diagnostic(range=lines.range(f.start, f.end), message=f.message, severity=severity_of(f),
                              code=f.code, source=SOURCE, data=data)
        out.append(Item(f, fp, diag))
    return out


def _range_json(lines: Lines, start: int, end: int) -> dict:
    a, b = lines.position(start), lines.position(end)
    return {"start": {"line": a.line, "character": a.character}, "end": {"line": b.line, "character": b.character}}


def check_text(engine: Engine, text: str, fmt: str, path: str | None, lines: Lines) -> list[Item]:
    """Check ``text`` (runs in a worker thread)."""
    doc = build_document(text, format=fmt, path=path)
    return make_items(engine.check(doc, summary=False).findings, lines)


def _show(s: str, limit: int = 40) -> str:
    s = s.replace("\r\n", "↵").replace("\n", "↵").replace("\r", "↵")
    return s if len(s) <= limit else s[: limit - 1] + "…"


def _change_title(text: str, f: Finding, edits: list[Edit]) -> str:
    """``Replace 'x' with 'y'`` (or Insert, Delete) over the finding's words and the edits."""
    a = min([f.start] + [e.start for e in edits])
    b = max([f.end] + [e.end for e in edits])
    old = text[a:b]
    new = apply_edits(old, [Edit(e.start - a, e.end - a, e.text) for e in sorted(edits, key=lambda e: (e.start, e.end))])
    if not old:
        return f"Insert '{_show(new)}'"
    if not new:
        return f"Delete '{_show(old)}'"
    return f"Replace '{_show(old)}' with '{_show(new)}'"


# --------------------------------------------------------------------------- the server


@dataclass(eq=False)
class OpenDoc:
    uri: str
    path: str | None
    fmt: str
    text: str
    version: int | None
    lines: Lines
    rev: int = 0  # bumped on every change of the text
    items: list[Item] = field(default_factory=list)
    items_rev: int = -1  # the rev the items describe
    task: asyncio.Task | None = None
    dirty: bool = False
    closed: bool = False

    @property
    def current(self) -> bool:
        return self.items_rev == self.rev


class Protocol(LanguageServerProtocol):
    """pygls' protocol with UTF-8 preferred whenever the client offers it, and with the server
    keeping the open documents' text itself (see the module docstring)."""

    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(self, params: lsp.InitializeParams):
        general = params.capabilities.general if params.capabilities else None
        if general is not None and general.position_encodings:
            general.position_encodings = sorted(general.position_encodings, key=lambda e: e != UTF8)
        return (yield from super().lsp_initialize(params))

    @lsp_method(lsp.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: lsp.DidOpenTextDocumentParams):
        yield from self._user(lsp.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams):
        yield from self._user(lsp.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: lsp.DidCloseTextDocumentParams):
        yield from self._user(lsp.TEXT_DOCUMENT_DID_CLOSE, params)

    def _user(self, method: str, params: Any):
        handler = self.fm.features.get(method)
        if handler is not None:
            yield handler, (params,), None


class BetareaderServer(LanguageServer):
    """The server's state: open documents, engines, settings, ignores."""

    def __init__(self, freeze_gc: bool = False) -> None:
        super().__init__(NAME, __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
                         protocol_cls=Protocol)
        self.docs: dict[str, OpenDoc] = {}
        self.settings = Settings()
        self.init_settings = Settings()
        self.encoding = UTF16
        self._engines: OrderedDict[tuple, Engine] = OrderedDict()
        self._config_of_folder: dict[Path, Path | None] = {}
        self._config_files: dict[Path, tuple[tuple | None, Config]] = {}
        self._personal: tuple[tuple[int, int] | None, frozenset[str]] | None = None
        self._ignores: Ignores | None = None
        self._warned: set[str] = set()
        self.warming: asyncio.Future | None = None  # the warm-up (the lexicon, the tagger)
        self.freeze_gc = freeze_gc  # gc.freeze() after the first check (a process of its own)

    # messages --------------------------------------------------------------------
    def warn(self, message: str, once: bool = False) -> None:
        """A ``window/showMessage`` warning (``once``: only the first time this message is seen)."""
        if once:
            if message in self._warned:
                return
            self._warned.add(message)
        log.warning("%s", message)
        self.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Warning, message=f"betareader: {message}"))

    def log_to_client(self, message: str, kind: lsp.MessageType = lsp.MessageType.Error) -> None:
        log.warning("%s", message)
        self.window_log_message(lsp.LogMessageParams(type=kind, message=f"betareader: {message}"))

    # settings --------------------------------------------------------------------
    def apply_settings(self, raw: Any, initial: bool = False) -> bool:
        """Take the client's settings (a ``betareader`` section); True when they changed."""
        section = _section(raw)
        if section is None:
            return False
        new, problems = parse_settings(section, Settings() if initial else self.init_settings)
        for p in problems:
            self.warn(p)
        if initial:
            self.init_settings = new
        changed = new != self.settings
        self.settings = new
        return changed

    # configuration ---------------------------------------------------------------
    def _file_config(self, doc: OpenDoc) -> Config:
        if doc.path:
            folder = Path(doc.path).parent
        else:  # an unsaved document: the workspace's configuration
            try:
                root = self.workspace.root_path
            except RuntimeError:  # not initialized
                root = None
            if not root:
                return Config()
            folder = Path(root)
        if folder not in self._config_of_folder:
            try:
                self._config_of_folder[folder] = find_config(folder)
            except OSError:
                self._config_of_folder[folder] = None
        path = self._config_of_folder[folder]
        if path is None:
            return Config()
        try:
            st = path.stat()
            mtime = (st.st_mtime_ns, st.st_size)
        except OSError:
            mtime = None
        cached = self._config_files.get(path)
        if cached is not None and cached[0] == mtime:
            return cached[1]
        try:
            cfg = load_config_file(path)
        except BetareaderError as exc:
            self.warn(f"{exc} (using the default configuration)", once=True)
            cfg = Config()
        self._config_files[path] = (mtime, cfg)
        return cfg

    def personal_words(self) -> frozenset[str]:
        """The personal dictionary, re-read when its file changes."""
        path = personal.dictionary_path()
        try:
            st = path.stat()
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = None
        if self._personal is None or self._personal[0] != stamp:
            try:
                words = frozenset(personal.read_words(path))
            except ConfigError as exc:
                self.warn(str(exc), once=True)
                words = frozenset()
            self._personal = (stamp, words)
        return self._personal[1]

    def engine_for(self, doc: OpenDoc) -> Engine:
        s = self.settings
        cfg = self._file_config(doc).merged(list(s.select) if s.select else None, list(s.ignore))
        if s.dialect:
            cfg.dialect = s.dialect
        cfg.words |= self.personal_words()
        key = (tuple(cfg.select) if cfg.select is not None else None, tuple(cfg.ignore), cfg.dialect,
               tuple(sorted(cfg.severity.items())), frozenset(cfg.words))
        engine = self._engines.get(key)
        if engine is None:
            engine = self._engines[key] = Engine(cfg)
            while len(self._engines) > MAX_ENGINES:
                self._engines.popitem(last=False)
        else:
            self._engines.move_to_end(key)
        return engine

    def forget_config(self) -> None:
        """Look for configuration files again (settings changed: the writer may have made one)."""
        self._config_of_folder.clear()
        self._config_files.clear()
        self._personal = None

    @property
    def ignores(self) -> Ignores:
        if self._ignores is None:
            self._ignores = Ignores()
            if self._ignores.problem:
                self.warn(self._ignores.problem)
        return self._ignores

    # checking --------------------------------------------------------------------
    def schedule(self, doc: OpenDoc) -> None:
        """Check ``doc`` soon (its latest text), unless a check is running: it checks again when done."""
        doc.dirty = True
        if doc.task is None or doc.task.done():
            doc.task = asyncio.get_running_loop().create_task(self._run(doc))

    def recheck_all(self) -> None:
        for doc in list(self.docs.values()):
            self.schedule(doc)

    async def _run(self, doc: OpenDoc) -> None:
        while doc.dirty and not doc.closed:
            await asyncio.sleep(self.settings.debounce_ms / 1000)
            if doc.closed:
                return
            if self.warming is not None and not self.warming.done():
                await asyncio.shield(self.warming)  # it loads what the check needs: no loading twice
                continue  # (changes may have come meanwhile)
            doc.dirty = False
            rev, text, lines = doc.rev, doc.text, doc.lines
            try:
                engine = self.engine_for(doc)
                items = await asyncio.to_thread(check_text, engine, text, doc.fmt, doc.path, lines)
            except Exception as exc:  # a bug or a broken file: say so, publish nothing, keep serving
                if os.environ.get("BETAREADER_DEBUG"):
                    log.exception("check failed")
                self.log_to_client(f"the check of {doc.uri} failed: {type(exc).__name__}: {_one_line(exc)}")
                continue
            if doc.closed or doc.rev != rev:
                continue  # stale: the text changed meanwhile (dirty is set: the latest is checked next)
            doc.items, doc.items_rev = items, rev
            self.publish(doc)
            if self.freeze_gc:
                # the lexicon, spaCy and the rules' tables are loaded for good now: out of the
                # collector's sight, a full collection no longer walks them (a 100 ms pause mid-typing)
                self.freeze_gc = False
                gc.freeze()

    def visible(self, doc: OpenDoc) -> list[Item]:
        """The current items without the ignored ones."""
        if not doc.items:
            return []
        ign = self.ignores
        fps, codes = ign.fingerprints(doc.uri), ign.codes(doc.uri)
        if not fps and not codes:
            return doc.items
        return [i for i in doc.items if i.fingerprint not in fps and i.finding.code not in codes]

    def publish(self, doc: OpenDoc) -> None:
        if not doc.current or doc.closed:
            return
        diags = [i.diagnostic for i in self.visible(doc)]
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=doc.uri, diagnostics=diags, version=doc.version))

    async def settled(self, doc: OpenDoc) -> bool:
        """Wait (a little) for a running or pending check; True when the items describe the text."""
        if doc.dirty and (doc.task is None or doc.task.done()):
            self.schedule(doc)
        task = doc.task
        if task is not None and not task.done() and not doc.current:
            try:
                await asyncio.wait_for(asyncio.shield(task), SETTLE_SECONDS)
            except (asyncio.TimeoutError, asyncio.CancelledError):
                pass
        return doc.current


_BLOCK_START_RE = re.compile(r"\s*(?:#|>|\||[-*+]\s|\d+[.)]\s|```|~~~)")


def unwrapped(markdown: str) -> str:
    """``markdown`` with each paragraph on one line (the rules' docstrings are wrapped for the
    source), so that the client wraps it to its window; headings, lists, quotes, tables and code
    blocks are left as they are."""
    out: list[str] = []
    fenced = joinable = False
    for line in markdown.split("\n"):
        block = bool(_BLOCK_START_RE.match(line))
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            out.append(line)
            joinable = False
        elif not fenced and joinable and line.strip() and not block:
            out[-1] += " " + line.strip()
        else:
            out.append(line)
            joinable = not fenced and bool(line.strip()) and not line.lstrip().startswith("#")
    return "\n".join(out)


def _one_line(exc: object, limit: int = 300) -> str:
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def document_format(uri: str, language_id: str | None) -> tuple[str | None, str | None]:
    """(the file path or None, "md"/"txt", or None when the document is not reviewed)."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    lang = (language_id or "").lower()
    if lang in LANGUAGES:
        return path, LANGUAGES[lang]
    name = path or uri.split("?", 1)[0].split("#", 1)[0]
    return path, EXTENSIONS.get(os.path.splitext(name)[1].lower())


# --------------------------------------------------------------------------- features


def create_server(freeze_gc: bool = False) -> BetareaderServer:
    """The server with its features; ``freeze_gc`` when it is the process's only business."""
    server = BetareaderServer(freeze_gc)

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: BetareaderServer, params: lsp.InitializeParams) -> None:
        enc = ls.workspace.position_encoding
        ls.encoding = str(getattr(enc, "value", enc) or UTF16)
        ls.apply_settings(params.initialization_options, initial=True)

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: BetareaderServer, params: lsp.InitializedParams) -> None:
        ls.warming = asyncio.ensure_future(asyncio.to_thread(_warm_up))
        await _pull_configuration(ls)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: BetareaderServer, params: lsp.DidChangeConfigurationParams) -> None:
        ls.forget_config()
        if _section(params.settings) is not None:
            ls.apply_settings(params.settings)
        else:
            await _pull_configuration(ls)
        ls.recheck_all()

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: BetareaderServer, params: lsp.DidOpenTextDocumentParams) -> None:
        td = params.text_document
        path, fmt = document_format(td.uri, td.language_id)
        old = ls.docs.pop(td.uri, None)
        if old is not None:
            old.closed = True
        if fmt is None:
            if old is not None:  # opened again as another language: its findings go
                ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=td.uri, diagnostics=[]))
            return
        doc = OpenDoc(td.uri, path, fmt, td.text, td.version, Lines(td.text, ls.encoding))
        ls.docs[td.uri] = doc
        ls.schedule(doc)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: BetareaderServer, params: lsp.DidChangeTextDocumentParams) -> None:
        doc = ls.docs.get(params.text_document.uri)
        if doc is None:
            return
        text, lines = doc.text, doc.lines
        for change in params.content_changes:
            text = apply_change(text, lines, change)
            lines = Lines(text, ls.encoding)
        doc.text, doc.lines, doc.version = text, lines, params.text_document.version
        doc.rev += 1
        ls.schedule(doc)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: BetareaderServer, params: lsp.DidCloseTextDocumentParams) -> None:
        doc = ls.docs.pop(params.text_document.uri, None)
        if doc is None:
            return
        doc.closed = True
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=doc.uri, diagnostics=[]))

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    async def hover(ls: BetareaderServer, params: lsp.HoverParams) -> lsp.Hover | None:
        doc = ls.docs.get(params.text_document.uri)
        if doc is None or not await ls.settled(doc):
            return None
        at = doc.lines.offset(params.position)
        hits = [i for i in ls.visible(doc) if i.finding.start <= at <= i.finding.end]
        if not hits:
            return None
        parts = []
        for i in hits:
            f = i.finding
            rule = REGISTRY.get(f.code)
            sev = f.severity or (rule.severity if rule else "")
            head = (f"**{f.code}** {rule.name} ({rule.kind}" + (f", {sev}" if sev != rule.kind else "") + ")"
                    if rule else f"**{f.code}**")
            parts.append(f"{head}\n\n{f.message}" + (f"\n\n---\n\n{unwrapped(rule.doc())}" if rule else ""))
        first = min(hits, key=lambda i: i.finding.end - i.finding.start)
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)),
                         range=first.diagnostic.range)

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL_KIND], resolve_provider=False))
    async def code_action(ls: BetareaderServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
        doc = ls.docs.get(params.text_document.uri)
        if doc is None or not await ls.settled(doc):
            return None
        return code_actions(ls, doc, params)

    @server.command(CMD_ADD_WORD)
    async def add_word(ls: BetareaderServer, *args: Any) -> bool:
        word = args[0] if args and isinstance(args[0], str) else None
        if word is None:
            ls.warn(f"{CMD_ADD_WORD} takes the word to add")
            return False
        try:
            await asyncio.to_thread(personal.change_words, [word])
        except BetareaderError as exc:
            ls.warn(str(exc))
            return False
        ls._personal = None
        ls.recheck_all()
        return True

    @server.command(CMD_IGNORE_FINDING)
    def ignore_finding(ls: BetareaderServer, *args: Any) -> bool:
        return _ignore(ls, args, "fingerprints", lambda v: bool(re.fullmatch(r"[0-9a-f]{1,64}", v)))

    @server.command(CMD_IGNORE_RULE)
    def ignore_rule(ls: BetareaderServer, *args: Any) -> bool:
        return _ignore(ls, args, "codes", lambda v: REGISTRY.get(v) is not None)

    return server


def _ignore(ls: BetareaderServer, args: tuple, kind: str, valid) -> bool:
    if len(args) < 2 or not all(isinstance(a, str) for a in args[:2]) or not valid(args[1]):
        what = "rule code" if kind == "codes" else "finding's fingerprint"
        ls.warn(f"cannot ignore {args[1:2]!r}: expected a document URI and a {what}")
        return False
    uri, value = args[0], args[1].upper() if kind == "codes" else args[1]
    try:
        ls.ignores.add(uri, kind, value)
    except BetareaderError as exc:
        ls.warn(str(exc))
        return False
    doc = ls.docs.get(uri)
    if doc is not None:
        ls.publish(doc)
    return True


async def _pull_configuration(ls: BetareaderServer) -> None:
    """Ask a client that answers ``workspace/configuration`` for the ``betareader`` section."""
    ws = ls.client_capabilities.workspace if ls.client_capabilities else None
    if not (ws and ws.configuration):
        return
    try:
        got = await asyncio.wait_for(ls.workspace_configuration_async(
            lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section=NAME)])), 10)
    except Exception as exc:  # the client could not answer: keep what we have
        log.info("workspace/configuration failed: %s", exc)
        return
    if got and isinstance(got[0], dict) and got[0] and ls.apply_settings({NAME: got[0]}):
        ls.recheck_all()


def _warm_up() -> None:
    """Load the lexicon and the tagger before the first document arrives (in a thread)."""
    try:
        engine = Engine(Config())
        engine.check(build_document("The lantern was lit. She recieved it."), summary=False)
        if engine.uses_tagger():
            from ..analysis import tagger

            tagger.nlp()
    except Exception as exc:  # never fatal: the first check loads what it needs
        log.info("warm-up failed: %s", exc)


def _kind_wanted(kind: str, only: list | None) -> bool:
    if not only:
        return True
    kind = str(kind)
    return any(kind == str(getattr(o, "value", o)) or kind.startswith(f"{getattr(o, 'value', o)}.") for o in only)


def code_actions(ls: BetareaderServer, doc: OpenDoc, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    """Quick fixes for the findings in the range, the fix-all source action, and the commands."""
    only = params.context.only if params.context else None
    lines, text = doc.lines, doc.text
    a, b = lines.offset(params.range.start), lines.offset(params.range.end)
    visible = ls.visible(doc)
    out: list[lsp.CodeAction] = []
    changes_ok = _document_changes(ls)
    if _kind_wanted(lsp.CodeActionKind.QuickFix.value, only):
        for item in visible:
            f = item.finding
            if f.start > b or f.end < a:
                continue
            out.extend(_quick_fixes(ls, doc, item, text, changes_ok))
    if _kind_wanted(FIX_ALL_KIND, only):
        edits = select_edits([i.finding for i in visible])
        if edits:
            out.append(lsp.CodeAction(
                title="Fix all safe betareader findings in this file", kind=FIX_ALL_KIND,
                edit=_workspace_edit(doc, [_text_edit(e, lines) for e in edits], changes_ok)))
    return out


def _quick_fixes(ls: BetareaderServer, doc: OpenDoc, item: Item, text: str, changes_ok: bool) -> list[lsp.CodeAction]:
    f, diag, lines = item.finding, item.diagnostic, doc.lines
    quick = lsp.CodeActionKind.QuickFix
    out = []
    # suggestions replace the finding's words, unless the fix has a shape of its own (an inserted
    # comma, a moved mark): then they describe the fix and are not offered apart
    fixed, alternatives = None, True
    if _fix_ok(f):
        edits = list(f.fix.edits)
        safe = f.fix.applicability == SAFE
        title = _change_title(text, f, edits) + f" ({f.code}{'' if safe else ', check the meaning'})"
        out.append(lsp.CodeAction(title=title, kind=quick, diagnostics=[diag], is_preferred=safe,
                                  edit=_workspace_edit(doc, [_text_edit(e, lines) for e in edits], changes_ok)))
        alternatives = len(edits) == 1 and (edits[0].start, edits[0].end) == (f.start, f.end)
        fixed = edits[0].text
    if alternatives:
        for s in list(dict.fromkeys(f.suggestions))[:5]:
            if s == fixed:
                continue
            e = Edit(f.start, f.end, s)
            # (another suggestion is never the rule's safe choice)
            out.append(lsp.CodeAction(title=_change_title(text, f, [e]) + f" ({f.code}, check the meaning)", kind=quick,
                                      diagnostics=[diag], is_preferred=False,
                                      edit=_workspace_edit(doc, [_text_edit(e, lines)], changes_ok)))
    if f.code.startswith("SPL") and f.code not in _NO_ADD_WORD:
        word = text[f.start : f.end]
        try:
            personal.check_word(word)
        except ConfigError:
            word = ""
        if word:
            out.append(lsp.CodeAction(title=f"Add '{word}' to dictionary", kind=quick, diagnostics=[diag],
                                      command=lsp.Command(title=f"Add '{word}' to dictionary",
                                                          command=CMD_ADD_WORD, arguments=[word])))
    if doc.fmt == "md":
        edit = directive_edit(text, f.start, f.code)
        if edit is not None:
            out.append(lsp.CodeAction(title=f"Ignore {f.code} in this paragraph (a comment in the file)", kind=quick,
                                      diagnostics=[diag], edit=_workspace_edit(doc, [_text_edit(edit, lines)], changes_ok)))
    out.append(lsp.CodeAction(title=f"Ignore {f.code} here", kind=quick, diagnostics=[diag],
                              command=lsp.Command(title=f"Ignore {f.code} here", command=CMD_IGNORE_FINDING,
                                                  arguments=[doc.uri, item.fingerprint])))
    out.append(lsp.CodeAction(title=f"Ignore {f.code} in this file", kind=quick, diagnostics=[diag],
                              command=lsp.Command(title=f"Ignore {f.code} in this file", command=CMD_IGNORE_RULE,
                                                  arguments=[doc.uri, f.code])))
    return out


_BLANK_LINE_RE = re.compile(r"(?:\r\n|\r(?!\n)|\n)[ \t]*(?:\r\n|\r(?!\n)|\n)")
#: the directive comment lines that open a paragraph (the last one is the one that counts)
_DIRECTIVES_RE = re.compile(r"(?:[ \t]*<!--\s*betareader\s*:\s*ignore\b([^>]*?)\s*-->[ \t]*(\r\n|\r|\n))+", re.I)


def directive_edit(text: str, offset: int, code: str) -> Edit | None:
    """The edit that turns ``code`` off for the Markdown paragraph around ``offset`` the way a
    writer would by hand: ``<!-- betareader: ignore CODE -->`` on the line above it (README:
    Configuration), or ``code`` added to such a comment already there.  None when the
    paragraph already ignores every rule or this one."""
    start = 0
    for m in _BLANK_LINE_RE.finditer(text, max(0, offset - 20_000), offset):
        start = m.end()
    while start < offset and text[start] in " \t":
        start += 1
    m = _DIRECTIVES_RE.match(text, start)
    if m and m.end() <= offset:
        codes = m.group(1).replace(",", " ").split()
        if not codes or code in {c.upper() for c in codes}:
            return None
        last = re.findall(r"[^\r\n]*(?:\r\n|\r(?!\n)|\n)", text[start:m.end()])[-1]  # the comment that counts
        return Edit(m.end() - len(last), m.end(), f"<!-- betareader: ignore {' '.join(codes + [code])} -->{m.group(2)}")
    newline = m2.group(0) if (m2 := re.search(r"\r\n|\r|\n", text)) else "\n"
    return Edit(start, start, f"<!-- betareader: ignore {code} -->{newline}")


def _document_changes(ls: BetareaderServer) -> bool:
    ws = ls.client_capabilities.workspace if ls.client_capabilities else None
    return bool(ws and ws.workspace_edit and ws.workspace_edit.document_changes)


def _workspace_edit(doc: OpenDoc, edits: list[lsp.TextEdit], versioned: bool) -> lsp.WorkspaceEdit:
    """Edits of ``doc``, tied to its version when the client takes ``documentChanges`` (a client
    then refuses them for a text that has changed since)."""
    if versioned:
        ident = lsp.OptionalVersionedTextDocumentIdentifier(uri=doc.uri, version=doc.version)
        return lsp.WorkspaceEdit(document_changes=[lsp.TextDocumentEdit(text_document=ident, edits=edits)])
    return lsp.WorkspaceEdit(changes={doc.uri: edits})


# --------------------------------------------------------------------------- running


_TRACEBACK_RE = re.compile(r"\s*\+?\s*(?:Exception Group )?Traceback \(most recent call last\)")


class _OneLine(logging.Formatter):
    """Log records on one line, an exception as its type and message (no traceback)."""

    def format(self, record: logging.LogRecord) -> str:
        text = _TRACEBACK_RE.split(record.getMessage(), 1)[0]  # pygls puts some in its messages
        msg = f"betareader lsp: {record.levelname.lower()}: {_one_line(text)}"
        if record.exc_info and record.exc_info[1] is not None:
            msg += f" ({type(record.exc_info[1]).__name__}: {_one_line(record.exc_info[1])})"
        return msg


def serve_stdio() -> None:
    """Run the server over standard input and output until the client says exit (or goes away)."""
    # tags from this process's spaCy, kept loaded between checks: a helper process per check of a
    # long text (the CLI's way) would load spaCy again for every keystroke's check
    os.environ["BETAREADER_TAGGER_PROCESS"] = "0"
    handler = logging.StreamHandler(sys.stderr)
    if not os.environ.get("BETAREADER_DEBUG"):
        handler.setFormatter(_OneLine())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if os.environ.get("BETAREADER_DEBUG") else logging.WARNING)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the protocol stream
    create_server(freeze_gc=True).start_io(stdin, stdout)
