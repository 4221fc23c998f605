"""``betareader lsp``: a real client (pytest-lsp) talks to ``python -m betareader lsp`` over stdio.

One server serves most tests (each opens its own document); the position-encoding test starts
more.  Every server gets its own personal dictionary and data folder (``BETAREADER_DICTIONARY``,
``BETAREADER_DATA_DIR``).  Expected positions and the client's side of edits are computed here,
independently of the server's :class:`~betareader.editors.lsp.Lines`.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Union

import pytest
import pytest_asyncio
from lsprotocol import types as lsp
from pygls.protocol import default_converter
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES

#: the async tests share the module's event loop (and so its server)
aio = pytest.mark.asyncio(loop_scope="module")

SERVER = [sys.executable, "-m", "betareader", "lsp"]
TIMEOUT = 120  # seconds: the first check loads the lexicon and spaCy

#: an invented chapter: a misspelling, a doubled word, a missing comma before a closing quote
#: with a tag after it, a filter word; the characters' names must not be flagged
CHAPTER = """\
# Chapter Three: The Lantern Road

Marisol Vantreck had walked the lantern road since dawn, and her boots were soaked through. Behind her, Quill kept pace without complaint, though the satchel on his shoulder clinked with every step.

"We should stop at the the mill," Quill said. "Old Brannagh owes me a favour."

Marisol felt the wind change before she saw the clouds. She noticed that the river had risen, brown and quick, and she wondered whether the bridge at Esker Ford would still be standing.

"If it's gone, we'll go round by the quarry" she said, and shifted the lantern to her other hand.

They reached the mill at dusk. Brannagh was waiting in the doorway with a lamp and a scowl, and the smell of baking bread drifted out past him into the rain. Quill grinned at him and said nothing.

Marisol recieved the key from Brannagh without a word.
"""
NAMES = {"Marisol", "Vantreck", "Quill", "Brannagh", "Esker"}
#: an emoji (two UTF-16 units, four UTF-8 bytes) and combining marks before a misspelling
ASTRAL = "Zoë 🙂 smiled at the cafe\u0301 sign, and she recieved her coffee.\n\nIt was enough 🙂.\n"


# --------------------------------------------------------------------------- the client


class Client(LanguageClient):
    """pytest-lsp's client, keeping every publishDiagnostics in order."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.published: list[lsp.PublishDiagnosticsParams] = []
        self.event = asyncio.Event()


def _converter():
    """pygls' converter, telling a Command from a CodeAction that carries one by the type of
    ``command`` (a string in a Command), as editors do; lsprotocol's looks only for the key."""
    conv = default_converter()

    def command_or_action(obj, _):
        return conv.structure(obj, lsp.Command if isinstance(obj.get("command"), str) else lsp.CodeAction)

    conv.register_structure_hook(Union[lsp.Command, lsp.CodeAction], command_or_action)
    return conv


def _make_client() -> Client:
    client = Client(converter_factory=_converter)
    for method, func in DEFAULT_CLIENT_FEATURES.items():
        if method != lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS:
            client.feature(method)(func)

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def published(ls: Client, params: lsp.PublishDiagnosticsParams) -> None:
        ls.published.append(params)
        ls.diagnostics[params.uri] = params.diagnostics
        ls.event.set()

    return client


async def next_publish(client: Client, uri: str, after: int, version: int | None = None) -> lsp.PublishDiagnosticsParams:
    """The first diagnostics for ``uri`` (of ``version`` if given) published after the first
    ``after`` notifications."""

    async def scan():
        while True:
            for p in client.published[after:]:
                if p.uri == uri and (version is None or p.version == version):
                    return p
            client.event.clear()
            await client.event.wait()

    return await asyncio.wait_for(scan(), TIMEOUT)


def capabilities(encodings: list[str] | None = None, document_changes: bool = True) -> lsp.ClientCapabilities:
    return lsp.ClientCapabilities(
        general=lsp.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
        workspace=lsp.WorkspaceClientCapabilities(
            workspace_edit=lsp.WorkspaceEditClientCapabilities(document_changes=document_changes),
            did_change_configuration=lsp.DidChangeConfigurationClientCapabilities()),
        text_document=lsp.TextDocumentClientCapabilities(
            publish_diagnostics=lsp.PublishDiagnosticsClientCapabilities(version_support=True, data_support=True),
            hover=lsp.HoverClientCapabilities(content_format=[lsp.MarkupKind.Markdown])),
    )


async def start(home: Path, caps: lsp.ClientCapabilities, options: dict | None = None) -> tuple[Client, lsp.InitializeResult]:
    env = {**os.environ, "BETAREADER_DICTIONARY": str(home / "dictionary.txt"),
           "BETAREADER_DATA_DIR": str(home / "data")}
    client = await ClientServerConfig(server_command=SERVER, client_factory=_make_client, server_env=env).start()
    result = await client.initialize_session(lsp.InitializeParams(
        capabilities=caps, initialization_options=options if options is not None else {"betareader": {"debounceMs": 0}}))
    return client, result


async def stop(client: Client) -> None:
    await client.shutdown_session()
    await client.stop()


@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("lsp-home")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def client(home):
    c, result = await start(home, capabilities())
    assert result.capabilities.position_encoding in (None, lsp.PositionEncodingKind.Utf16)
    yield c
    await stop(c)


# --------------------------------------------------------------------------- positions, independently


def line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]


def units(s: str, encoding: str) -> int:
    if encoding == "utf-8":
        return len(s.encode("utf-8"))
    if encoding == "utf-16":
        return sum(2 if ord(c) > 0xFFFF else 1 for c in s)
    return len(s)


def to_position(text: str, offset: int, encoding: str = "utf-16") -> tuple[int, int]:
    starts = line_starts(text)
    line = max(i for i, s in enumerate(starts) if s <= offset)
    return line, units(text[starts[line]:offset], encoding)


def to_offset(text: str, pos: lsp.Position, encoding: str = "utf-16") -> int:
    start = line_starts(text)[pos.line]
    n, i = 0, start
    while n < pos.character:
        n += units(text[i], encoding)
        i += 1
    assert n == pos.character, "a position inside a character"
    return i


def rng(r: lsp.Range) -> tuple[tuple[int, int], tuple[int, int]]:
    return (r.start.line, r.start.character), (r.end.line, r.end.character)


def apply(text: str, edits: list[lsp.TextEdit], encoding: str = "utf-16") -> str:
    spans = sorted((to_offset(text, e.range.start, encoding), to_offset(text, e.range.end, encoding), e.new_text)
                   for e in edits)
    for s, t, new in reversed(spans):
        text = text[:s] + new + text[t:]
    return text


def edits_of(action: lsp.CodeAction, uri: str) -> list[lsp.TextEdit]:
    edit = action.edit
    if edit.document_changes:
        (change,) = edit.document_changes
        assert change.text_document.uri == uri
        return list(change.edits)
    return list(edit.changes[uri])


def codes(p: lsp.PublishDiagnosticsParams) -> list[str]:
    return sorted(str(d.code) for d in p.diagnostics)


async def open_doc(client: Client, path: Path, text: str, language: str = "markdown") -> tuple[str, lsp.PublishDiagnosticsParams]:
    path.write_text(text, encoding="utf-8")
    uri = from_fs_path(str(path))
    n = len(client.published)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, language, 1, text)))
    return uri, await next_publish(client, uri, n, 1)


async def change(client: Client, uri: str, version: int, changes: list) -> lsp.PublishDiagnosticsParams:
    n = len(client.published)
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), changes))
    return await next_publish(client, uri, n, version)


async def actions(client: Client, uri: str, r: lsp.Range, only=None) -> list[lsp.CodeAction]:
    got = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri), range=r,
        context=lsp.CodeActionContext(diagnostics=[], only=only)))
    return list(got or [])


def diag(p: lsp.PublishDiagnosticsParams, code: str) -> lsp.Diagnostic:
    (d,) = [d for d in p.diagnostics if d.code == code]
    return d


# --------------------------------------------------------------------------- tests


@aio
async def test_diagnostics_match_betareader_check(client, tmp_path, home):
    path = tmp_path / "chapter.md"
    uri, pub = await open_doc(client, path, CHAPTER)
    assert pub.version == 1
    env = {**os.environ, "BETAREADER_DICTIONARY": str(home / "dictionary.txt")}
    out = subprocess.run([sys.executable, "-m", "betareader", "check", str(path), "--format", "json"],
                         capture_output=True, text=True, env=env, cwd=tmp_path, timeout=TIMEOUT)
    assert out.returncode == 1, out.stderr
    findings = json.loads(out.stdout)["files"][0]["findings"]
    want = sorted((f["code"], (to_position(CHAPTER, f["start"]), to_position(CHAPTER, f["end"])), f["message"],
                   f["fingerprint"]) for f in findings)
    got = sorted((d.code, rng(d.range), d.message, d.data["fingerprint"]) for d in pub.diagnostics)
    assert got == want
    assert {"SPL001", "TYP006", "DLG003", "CRF011"} <= set(codes(pub))
    words = {CHAPTER[f["start"]:f["end"]] for f in findings}
    assert not words & NAMES, "a character's name was flagged"
    assert {d.source for d in pub.diagnostics} == {"betareader"}
    sev = {d.code: d.severity for d in pub.diagnostics}
    assert sev["TYP006"] == sev["SPL001"] == lsp.DiagnosticSeverity.Error
    assert sev["CRF011"] == lsp.DiagnosticSeverity.Hint  # a craft note of severity info
    spl = diag(pub, "SPL001")
    assert spl.data["word"] == "recieved" and "received" in spl.data["suggestions"]
    assert spl.data["fix"]["safe"] is False
    assert diag(pub, "TYP006").data["fix"]["safe"] is True


@aio
async def test_did_change_of_one_paragraph_updates_the_diagnostics(client, tmp_path):
    uri, pub = await open_doc(client, tmp_path / "change.md", CHAPTER)
    spl = diag(pub, "SPL001")
    # retype the misspelt word (an incremental change of that paragraph only)
    pub2 = await change(client, uri, 2, [lsp.TextDocumentContentChangePartial(range=spl.range, text="received")])
    assert "SPL001" not in codes(pub2)
    assert sorted(rng(d.range) for d in pub2.diagnostics) == sorted(
        rng(d.range) for d in pub.diagnostics if d.code != "SPL001")
    # a new paragraph above everything: every later diagnostic moves down two lines
    top = lsp.Range(start=lsp.Position(1, 0), end=lsp.Position(1, 0))
    pub3 = await change(client, uri, 3, [lsp.TextDocumentContentChangePartial(range=top, text="\nShe dont care.\n")])
    assert diag(pub3, "SPL004").range.start.line == 2
    moved = sorted((d.code, d.range.start.line - 2, d.range.start.character) for d in pub3.diagnostics if d.code != "SPL004")
    assert moved == sorted((d.code, d.range.start.line, d.range.start.character) for d in pub2.diagnostics)


@aio
async def test_rapid_changes_publish_only_the_latest_version(client, tmp_path):
    """Changes sent without waiting: a check's result is published only for the version it
    checked, each publication describes its version's text, and the last one is the latest."""
    # a longer text (so that changes may come while a check runs), the misspelling in its last line
    text = CHAPTER.replace("Marisol recieved", "Marisol took").split("\n", 1)[1] * 12 + "Quill recieved it.\n"
    uri, pub = await open_doc(client, tmp_path / "rapid.md", text)
    spl = diag(pub, "SPL001")
    n = len(client.published)
    words = ["received", "recieved"] * 5 + ["received"]  # versions 2..12
    for v, word in enumerate(words, start=2):
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=v),
            [lsp.TextDocumentContentChangePartial(range=spl.range, text=word)]))
    await next_publish(client, uri, n, len(words) + 1)
    seen = [p for p in client.published[n:] if p.uri == uri]
    assert [p.version for p in seen] == sorted(p.version for p in seen)
    for p in seen:  # each describes the text of its own version
        assert ("SPL001" in codes(p)) == (words[p.version - 2] == "recieved"), p.version


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_lines_convert_offsets_and_positions(encoding):
    """The server's conversions against this file's: every line break LSP knows (and only those),
    astral characters, combining marks; positions past a line's end are clamped to it."""
    from betareader.editors.lsp import Lines, apply_change

    text = "Zoë 🙂 said\r\nthe cafe\u0301\rwas 🙂🙂 shut.\nAnd\u2028then\x0cnot.\n"
    lines = Lines(text, encoding)
    assert lines.starts == line_starts(text) and len(lines.starts) == 5  # U+2028 and form feed are not breaks
    for offset in range(len(text) + 1):
        if text[offset - 1 : offset + 1] == "\r\n":
            continue  # between \r and \n: no position of its own
        pos = lines.position(offset)
        assert (pos.line, pos.character) == to_position(text, offset, encoding)
        assert lines.offset(pos) == offset
    assert lines.offset(lsp.Position(0, 999)) == text.index("\r\n")
    assert lines.offset(lsp.Position(99, 0)) == len(text)
    r = lsp.Range(start=lsp.Position(*to_position(text, 15, encoding)), end=lsp.Position(*to_position(text, 20, encoding)))
    assert apply_change(text, lines, lsp.TextDocumentContentChangePartial(range=r, text="X")) == text[:15] + "X" + text[20:]


@aio
async def test_a_check_of_a_text_changed_meanwhile_is_not_published(monkeypatch, tmp_path):
    """In-process, with a check that waits for the test: changes that come while a check runs
    only update the text; that check's result is dropped and the latest text is checked next."""
    from betareader.editors import lsp as server_mod

    server = server_mod.create_server()
    loop = asyncio.get_running_loop()
    started: list[str] = []
    published: list[lsp.PublishDiagnosticsParams] = []
    began, done = asyncio.Event(), asyncio.Event()
    release = threading.Semaphore(0)

    def blocked_check(engine, text, fmt, path, lines):
        started.append(text)
        loop.call_soon_threadsafe(began.set)
        release.acquire(timeout=TIMEOUT)
        return []

    def publish(params):
        published.append(params)
        done.set()

    monkeypatch.setattr(server_mod, "check_text", blocked_check)
    monkeypatch.setattr(server, "text_document_publish_diagnostics", publish)
    features = server.protocol.fm.features
    uri = from_fs_path(str(tmp_path / "a.md"))
    try:
        features[lsp.TEXT_DOCUMENT_DID_OPEN](lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "markdown", 1, "One.")))
        await asyncio.wait_for(began.wait(), TIMEOUT)
        began.clear()
        for v, text in ((2, "Two."), (3, "Three.")):
            features[lsp.TEXT_DOCUMENT_DID_CHANGE](lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(uri=uri, version=v), [lsp.TextDocumentContentChangeWholeDocument(text)]))
        release.release()  # the check of version 1 ends: its text is stale
        await asyncio.wait_for(began.wait(), TIMEOUT)
        assert started == ["One.", "Three."] and published == []
        release.release()
        await asyncio.wait_for(done.wait(), TIMEOUT)
        assert [(p.uri, p.version) for p in published] == [(uri, 3)]
        await server.docs[uri].task
    finally:
        release.release()
        release.release()


@aio
async def test_a_failed_check_is_logged_and_publishes_nothing(monkeypatch, tmp_path):
    """In-process: a check that raises is a window/logMessage, nothing is published, and the
    next change is checked as usual."""
    from betareader.editors import lsp as server_mod

    server = server_mod.create_server()
    logged, published = asyncio.Queue(), asyncio.Queue()
    real = server_mod.check_text

    def failing_once(engine, text, fmt, path, lines):
        if text.startswith("Boom"):
            raise RuntimeError("the rules fell over")
        return real(engine, text, fmt, path, lines)

    monkeypatch.setattr(server_mod, "check_text", failing_once)
    monkeypatch.setattr(server, "window_log_message", logged.put_nowait)
    monkeypatch.setattr(server, "text_document_publish_diagnostics", published.put_nowait)
    features = server.protocol.fm.features
    uri = from_fs_path(str(tmp_path / "b.md"))
    features[lsp.TEXT_DOCUMENT_DID_OPEN](lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "markdown", 1, "Boom.")))
    msg = await asyncio.wait_for(logged.get(), TIMEOUT)
    assert msg.type == lsp.MessageType.Error and "RuntimeError: the rules fell over" in msg.message
    features[lsp.TEXT_DOCUMENT_DID_CHANGE](lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=2), [lsp.TextDocumentContentChangeWholeDocument("She recieved it.")]))
    pub = await asyncio.wait_for(published.get(), TIMEOUT)
    assert pub.version == 2 and codes(pub) == ["SPL001"]
    assert published.empty()  # nothing for version 1
    await server.docs[uri].task


@aio
async def test_quick_fix_removes_the_diagnostic(client, tmp_path):
    uri, pub = await open_doc(client, tmp_path / "quick.md", CHAPTER)
    d = diag(pub, "TYP006")
    got = await actions(client, uri, d.range)
    fix = [a for a in got if a.is_preferred]
    assert len(fix) == 1 and fix[0].kind == lsp.CodeActionKind.QuickFix
    assert fix[0].title == "Replace 'the the' with 'the' (TYP006)"
    assert [x.code for x in fix[0].diagnostics] == ["TYP006"]
    assert fix[0].edit.document_changes[0].text_document.version == 1
    edits = edits_of(fix[0], uri)
    fixed = apply(CHAPTER, edits)
    assert "at the mill" in fixed and "the the" not in fixed
    pub2 = await change(client, uri, 2, [lsp.TextDocumentContentChangePartial(range=e.range, text=e.new_text)
                                         for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True)])
    assert "TYP006" not in codes(pub2)
    # the misspelling: an unsafe fix (not preferred), another suggestion, add to dictionary, ignore
    titles = [a.title for a in await actions(client, uri, diag(pub2, "SPL001").range)]
    assert "Replace 'recieved' with 'received' (SPL001, check the meaning)" in titles
    assert "Replace 'recieved' with 'relieved' (SPL001, check the meaning)" in titles
    assert {"Add 'recieved' to dictionary", "Ignore SPL001 here", "Ignore SPL001 in this file"} <= set(titles)


@aio
async def test_ignore_in_this_paragraph_writes_the_directive_comment(client, tmp_path):
    uri, pub = await open_doc(client, tmp_path / "directive.md", CHAPTER)
    (act,) = [a for a in await actions(client, uri, diag(pub, "SPL001").range)
              if a.title == "Ignore SPL001 in this paragraph (a comment in the file)"]
    commented = apply(CHAPTER, edits_of(act, uri))
    assert "\n\n<!-- betareader: ignore SPL001 -->\nMarisol recieved the key" in commented
    pub2 = await change(client, uri, 2, [lsp.TextDocumentContentChangeWholeDocument(text=commented)])
    assert "SPL001" not in codes(pub2) and "TYP006" in codes(pub2)
    # a second rule joins the comment already there
    (act2,) = [a for a in await actions(client, uri, diag(pub2, "TYP006").range)
               if a.title.startswith("Ignore TYP006 in this paragraph")]
    both = apply(commented, edits_of(act2, uri))
    assert both.count("<!-- betareader: ignore") == 2  # one above each paragraph
    assert '<!-- betareader: ignore TYP006 -->\n"We should stop' in both
    # plain text has no comments: no such action there
    uri_txt, pub_txt = await open_doc(client, tmp_path / "directive.txt", CHAPTER, language="plaintext")
    assert not [a for a in await actions(client, uri_txt, diag(pub_txt, "SPL001").range) if "comment" in a.title]


def test_directive_edit_merges_and_keeps_line_endings():
    from betareader.editors.lsp import directive_edit
    from betareader.fix.apply import apply_edits

    text = "A.\r\n\r\n<!-- betareader: ignore TYP006 -->\r\nWren saw teh cat and and.\r\n"
    e = directive_edit(text, text.index("teh"), "SPL001")
    fixed = apply_edits(text, [e])
    assert fixed == "A.\r\n\r\n<!-- betareader: ignore TYP006 SPL001 -->\r\nWren saw teh cat and and.\r\n"
    assert directive_edit(fixed, fixed.index("teh"), "SPL001") is None
    everything = "<!-- betareader: ignore -->\nteh\n"
    assert directive_edit(everything, everything.index("teh"), "SPL001") is None


@aio
async def test_fix_all_applies_the_safe_fixes(client, tmp_path):
    uri, pub = await open_doc(client, tmp_path / "fixall.md", CHAPTER)
    whole = lsp.Range(start=lsp.Position(0, 0), end=lsp.Position(0, 0))
    (fix_all,) = await actions(client, uri, whole, only=[lsp.CodeActionKind.SourceFixAll])
    assert fix_all.kind == "source.fixAll.betareader"
    assert fix_all.title == "Fix all safe betareader findings in this file"
    fixed = apply(CHAPTER, edits_of(fix_all, uri))
    assert "the the" not in fixed and 'quarry," she said' in fixed and "recieved" in fixed  # unsafe: kept
    pub2 = await change(client, uri, 2, [lsp.TextDocumentContentChangeWholeDocument(text=fixed)])
    assert not {"TYP006", "DLG003"} & set(codes(pub2)) and "SPL001" in codes(pub2)
    # only quick fixes asked for: no fix-all
    assert all(a.kind == lsp.CodeActionKind.QuickFix
               for a in await actions(client, uri, diag(pub2, "SPL001").range, only=[lsp.CodeActionKind.QuickFix]))


@aio
async def test_add_word_to_the_personal_dictionary(client, tmp_path, home):
    text = "The grellwick hissed from the rafters, and the children laughed at it.\n"
    uri, pub = await open_doc(client, tmp_path / "word.md", text)
    d = next(d for d in pub.diagnostics if str(d.code).startswith("SPL"))
    (add,) = [a for a in await actions(client, uri, d.range) if a.title == "Add 'grellwick' to dictionary"]
    assert add.command.command == "betareader.addWord"
    n = len(client.published)
    assert await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command=add.command.command, arguments=add.command.arguments)) is True
    pub2 = await next_publish(client, uri, n, 1)
    assert not [d for d in pub2.diagnostics if str(d.code).startswith("SPL")]
    assert "grellwick" in (home / "dictionary.txt").read_text(encoding="utf-8").split()
    # a word that is not one: a warning, no crash
    assert await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command="betareader.addWord", arguments=["two words"])) is False
    assert any("not a word" in m.message for m in client.messages)


@aio
async def test_ignore_here_and_in_this_file(client, tmp_path, home):
    uri, pub = await open_doc(client, tmp_path / "ignore.md", CHAPTER)
    d = diag(pub, "DLG003")
    (here,) = [a for a in await actions(client, uri, d.range) if a.title == "Ignore DLG003 here"]
    assert list(here.command.arguments) == [uri, d.data["fingerprint"]]
    n = len(client.published)
    assert await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command=here.command.command, arguments=here.command.arguments)) is True
    pub2 = await next_publish(client, uri, n, 1)
    assert codes(pub2) == sorted(c for c in codes(pub) if c != "DLG003")
    (rule,) = [a for a in await actions(client, uri, diag(pub2, "CRF011").range) if a.title == "Ignore CRF011 in this file"]
    n = len(client.published)
    await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command=rule.command.command, arguments=rule.command.arguments))
    pub3 = await next_publish(client, uri, n, 1)
    assert "CRF011" not in codes(pub3) and "DLG003" not in codes(pub3) and "SPL001" in codes(pub3)
    saved = json.loads((home / "data" / "lsp-ignored.json").read_text(encoding="utf-8"))
    assert saved["documents"][uri] == {"fingerprints": [d.data["fingerprint"]], "codes": ["CRF011"]}
    # kept when the document is closed and opened again, and when it is edited elsewhere
    n = len(client.published)
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri)))
    closed = await next_publish(client, uri, n)
    assert not closed.diagnostics
    _, again = await open_doc(client, tmp_path / "ignore.md", "A new first paragraph.\n\n" + CHAPTER)
    assert codes(again) == codes(pub3)
    # bad arguments: refused with a warning
    assert await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
        command="betareader.ignoreRule", arguments=[uri, "NOPE999"])) is False


@aio
async def test_hover_shows_the_rule_and_its_documentation(client, tmp_path):
    uri, pub = await open_doc(client, tmp_path / "hover.md", CHAPTER)
    d = diag(pub, "SPL001")
    inside = lsp.Position(d.range.start.line, d.range.start.character + 2)
    got = await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri), inside))
    assert got.contents.kind == lsp.MarkupKind.Markdown
    text = got.contents.value
    assert "**SPL001** unknown-word" in text and d.message in text
    assert "## What it does" in text and "## Why it matters" in text and "## Fix safety" in text
    assert rng(got.range) == rng(d.range)
    nowhere = await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(2, 2)))
    assert nowhere is None


@aio
async def test_other_languages_get_no_diagnostics(client, tmp_path):
    path = tmp_path / "script.py"
    path.write_text("x = 1  # she recieved teh the key\n", encoding="utf-8")
    uri = from_fs_path(str(path))
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(uri, "python", 1, path.read_text(encoding="utf-8"))))
    whole = lsp.Range(start=lsp.Position(0, 0), end=lsp.Position(1, 0))
    assert not await actions(client, uri, whole)  # answered after the didOpen was handled
    assert uri not in client.diagnostics
    # a plain-text file is reviewed (as txt)
    _, pub = await open_doc(client, tmp_path / "notes.txt", "She recieved the the key.\n", language="plaintext")
    assert {"SPL001", "TYP006"} <= set(codes(pub))


@aio
async def test_a_broken_config_file_is_a_warning(client, tmp_path):
    folder = tmp_path / "book"
    folder.mkdir()
    (folder / "betareader.toml").write_text("select = [\n", encoding="utf-8")
    _, pub = await open_doc(client, folder / "chapter.md", CHAPTER)
    assert "SPL001" in codes(pub)  # the defaults
    assert any("betareader.toml" in m.message and m.type == lsp.MessageType.Warning for m in client.messages)
    # a good one is read: its ignore list applies
    (folder / "betareader.toml").write_text('ignore = ["TYP006"]\n', encoding="utf-8")
    _, pub2 = await open_doc(client, folder / "chapter2.md", CHAPTER)
    assert "TYP006" not in codes(pub2) and "SPL001" in codes(pub2)


@aio
async def test_configuration_change_rechecks(client, tmp_path):
    uri, pub = await open_doc(client, tmp_path / "config.md", CHAPTER)
    assert "CRF011" in codes(pub)
    try:
        n = len(client.published)
        client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(
            settings={"betareader": {"ignore": ["CRF"], "debounceMs": 0}}))
        pub2 = await next_publish(client, uri, n, 1)
        assert codes(pub2) == sorted(c for c in codes(pub) if not c.startswith("CRF"))
        # a bad setting: a warning, the good ones still apply
        warned = client.protocol.wait_for_notification_async(lsp.WINDOW_SHOW_MESSAGE)
        n = len(client.published)
        client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(
            settings={"betareader": {"ignore": ["SPL", "NOPE"], "dialect": "en-AU"}}))
        msg = await asyncio.wait_for(warned, TIMEOUT)
        assert msg.type == lsp.MessageType.Warning and "NOPE" in msg.message
        pub3 = await next_publish(client, uri, n, 1)
        assert "SPL001" not in codes(pub3) and "CRF011" in codes(pub3)
    finally:
        n = len(client.published)
        client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings={"betareader": {}}))
        restored = await next_publish(client, uri, n, 1)
    assert codes(restored) == codes(pub)


@aio
@pytest.mark.parametrize("offered, encoding", [(["utf-16"], "utf-16"), (["utf-16", "utf-8"], "utf-8"),
                                               (["utf-32"], "utf-32")])
async def test_position_encodings(tmp_path, offered, encoding):
    """Ranges, edits and incremental changes count in the negotiated encoding, past an emoji
    (two UTF-16 units) and combining marks on the same line."""
    c, result = await start(tmp_path, capabilities(offered, document_changes=False))
    try:
        assert result.capabilities.position_encoding == encoding
        uri, pub = await open_doc(c, tmp_path / "astral.md", ASTRAL)
        d = diag(pub, "SPL001")
        s = ASTRAL.index("recieved")
        assert rng(d.range) == (to_position(ASTRAL, s, encoding), to_position(ASTRAL, s + 8, encoding))
        if encoding != "utf-32":
            assert d.range.start.character != s  # the encodings do differ here
        (fix,) = [a for a in await actions(c, uri, d.range) if a.title.startswith("Replace 'recieved' with 'received'")]
        fixed = apply(ASTRAL, edits_of(fix, uri), encoding)
        assert fixed == ASTRAL.replace("recieved", "received")
        # an incremental change after the emoji, in this encoding: "she " -> "Zoë "
        she = ASTRAL.index("she recieved")
        r = lsp.Range(start=lsp.Position(*to_position(ASTRAL, she, encoding)),
                      end=lsp.Position(*to_position(ASTRAL, she + 3, encoding)))
        pub2 = await change(c, uri, 2, [lsp.TextDocumentContentChangePartial(range=r, text="Zoë")])
        text2 = ASTRAL.replace("she recieved", "Zoë recieved")
        s2 = text2.index("recieved")
        assert rng(diag(pub2, "SPL001").range) == (to_position(text2, s2, encoding), to_position(text2, s2 + 8, encoding))
        # a hover just inside the word
        at = diag(pub2, "SPL001").range.start
        got = await c.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri),
                                                                lsp.Position(at.line, at.character + 1)))
        assert got is not None and "SPL001" in got.contents.value
    finally:
        await stop(c)
