"""``betareader fix``: plan and write: apply the safe fixes (and with ``unsafe``, the unsafe ones) to a file.

Plain text and Markdown are written back in their own encoding (a byte-order mark kept)
with their own line endings: the fixed text is the read text with the edits applied, and
nothing outside the edits changes. A Word file is edited inside its runs, so formatting
survives: an edit inside one run replaces characters of that run; an edit over several
runs puts the replacement in the first and removes the characters from the others. The
Word file written is read back and its text must equal the fixed text, paragraph by
paragraph; a paragraph where it does not (never expected) is left as it was and its fixes
are counted as not applied. HTML, EPUB and ODT are not written back.

The file is written atomically (a temporary file in the same folder, then ``os.replace``)
after a backup of the original bytes (``FILE.bak``, replaced if it exists), and not at all
if it changed on disk since it was read (its bytes are compared right before replacing).
"""

from __future__ import annotations

import difflib
import hashlib
import io
import os
import shutil
import tempfile
from bisect import bisect_right
from copy import deepcopy
from dataclasses import dataclass, field

from ..errors import BetareaderError, InputError
from ..rules.base import Edit
from .apply import apply_edits, select_edits

WRITABLE = ("txt", "md", "docx")
#: passes over the text: a fix can make another one possible (``" the " ,`` -> ``"the",`` -> ``"the,"``)
MAX_ROUNDS = 4
_BOMS = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00",
         "utf-32-be": b"\x00\x00\xfe\xff"}
_FORMAT_NAMES = {"html": "HTML", "epub": "EPUB", "odt": "ODT"}


class ChangedOnDisk(BetareaderError):
    pass


@dataclass
class FixResult:
    path: str
    format: str
    old_text: str
    new_text: str
    #: each pass: the text it read and the edits it made (a fix can make another fixable)
    rounds: list[tuple[str, list[Edit]]]
    #: fixes found but not applied (overlapping an applied one, or not writable here)
    left: int
    new_bytes: bytes | None
    raw: bytes
    notes: list[str] = field(default_factory=list)

    @property
    def applied(self) -> list[Edit]:
        return [e for _text, edits in self.rounds for e in edits]

    def diff(self) -> str:
        label = self.path if self.format != "docx" else f"{self.path} (text)"
        lines = difflib.unified_diff(
            self.old_text.splitlines(keepends=True), self.new_text.splitlines(keepends=True),
            fromfile=label, tofile=f"{label} (fixed)",
        )
        out = []
        for ln in lines:
            out.append(ln if ln.endswith("\n") else ln + "\n\\ No newline at end of file\n")
        return "".join(out).replace("\r\n", "\n").replace("\r", "\n")


def _fixable(findings, unsafe: bool) -> int:
    return sum(1 for f in findings if f.fix is not None and (unsafe or f.fix.applicability == "safe"))


def plan(path: str, engine, unsafe: bool = False, input_format: str | None = None) -> FixResult:
    """Read ``path``, check it and work out the fixed text and bytes (nothing is written)."""
    from ..loaders import input_format as format_of
    from ..loaders.decode import read_bytes

    if path == "-":
        raise InputError("fix needs a file to write back, not standard input")
    fmt = input_format or format_of(path)
    if fmt not in WRITABLE:
        raise InputError(f"{path}: fix cannot write {_FORMAT_NAMES.get(fmt, fmt)} files back; "
                         "use 'betareader check' and make the changes in your editor")
    raw, _name = read_bytes(path)
    if fmt == "docx":
        return _plan_docx(path, raw, engine, unsafe)
    return _plan_text(path, fmt, raw, engine, unsafe)


def _plan_text(path: str, fmt: str, raw: bytes, engine, unsafe: bool) -> FixResult:
    from ..loaders.decode import decode_bytes
    from ..model import build_document

    decoded = decode_bytes(raw, path)
    text = decoded.text
    crlf = "\r\n" in text and "\n" not in text.replace("\r\n", "")
    codec = _codec(decoded.encoding)
    rounds: list[tuple[str, list[Edit]]] = []
    notes: list[str] = []
    cur = text
    left = 0
    for n in range(MAX_ROUNDS + 1):
        doc = build_document(cur, format=fmt, path=path)
        findings = engine.check(doc).findings
        usable = []
        for e in select_edits(findings, unsafe=unsafe):
            t = e.text.replace("\r\n", "\n").replace("\n", "\r\n") if crlf else e.text
            try:
                t.encode(codec)
            except UnicodeEncodeError:
                line, col = doc.line_col(e.start)
                notes.append(f"the fix at {line}:{col} needs characters {decoded.encoding} cannot store; left as it is")
                continue
            usable.append(Edit(e.start, e.end, t))
        left = max(_fixable(findings, unsafe) - _findings_applied(findings, usable, unsafe), 0)
        if not usable or n == MAX_ROUNDS:
            left += len(usable)
            break
        rounds.append((cur, usable))
        cur = apply_edits(cur, usable)
    new_bytes = encode(cur, decoded.encoding)
    if decode_bytes(new_bytes, path).text != cur:  # the bytes read back as the fixed text
        raise BetareaderError(f"{path}: the fixed text would not read back the same; nothing written")
    return FixResult(path, fmt, text, cur, rounds, left, new_bytes, raw, notes)


def _findings_applied(findings, edits: list[Edit], unsafe: bool) -> int:
    chosen = {(e.start, e.end) for e in edits}
    n = 0
    for f in findings:
        if f.fix is None or (f.fix.applicability != "safe" and not unsafe):
            continue
        if f.fix.edits and all((e.start, e.end) in chosen for e in f.fix.edits):
            n += 1
    return n


def _codec(encoding: str) -> str:
    return "utf-8" if encoding == "utf-8-sig" else encoding


def encode(text: str, encoding: str) -> bytes:
    """The bytes of ``text`` in ``encoding`` as the decoder names it, byte-order mark included."""
    if encoding == "utf-8-sig":
        return b"\xef\xbb\xbf" + text.encode("utf-8", "surrogatepass")
    if encoding in _BOMS:
        return _BOMS[encoding] + text.encode(encoding)
    return text.encode(encoding)


# --- Word ------------------------------------------------------------------------------


def _plan_docx(path: str, raw: bytes, engine, unsafe: bool) -> FixResult:
    rounds: list[tuple[str, list[Edit]]] = []
    notes: list[str] = []
    data = raw
    first_text = None
    for n in range(MAX_ROUNDS + 1):
        text, new_text, data, applied, left = _docx_round(path, data, engine, unsafe, notes, last=n == MAX_ROUNDS)
        if first_text is None:
            first_text = text
        if not applied:
            break
        rounds.append((text, applied))
    return FixResult(path, "docx", first_text, new_text, rounds, left, data, raw, notes)


def _docx_round(path: str, raw: bytes, engine, unsafe: bool, notes: list[str], last: bool):
    """One pass over a Word file's bytes: (text, fixed text, fixed bytes, edits applied, fixes left)."""
    from ..loaders import Source
    from ..loaders.word import load_docx, open_docx
    from ..model.blocks import join_blocks

    blocks, meta = load_docx(raw, path)
    if not any(b.kind not in ("heading", "title", "scene_break") for b in blocks):
        raise InputError(f"{path}: no story text found in the file")
    text, spans = join_blocks(blocks)
    src = Source(path=path, format="docx", text=text, encoding="zip", notes=(), blocks=tuple(blocks),
                 metadata=meta, block_starts=tuple(s for s, _ in spans))
    doc = src.document()
    findings = engine.check(doc).findings
    edits = select_edits(findings, unsafe=unsafe)
    mapped = open_docx(raw, path)
    paras = mapped.paragraphs
    if [m.block.text for m in paras] != [b.text for b in blocks]:
        raise BetareaderError(f"{path}: could not map the text back to the Word file; nothing written")
    starts = [s for s, _ in spans]

    # edits per paragraph, each in paragraph-local offsets; an edit over a paragraph break is not applied
    per_para: dict[int, list[Edit]] = {}
    for e in edits:
        i = bisect_right(starts, e.start) - 1
        if i < 0 or e.end > spans[i][1] or "\n" in e.text or "*" in e.text:
            continue
        per_para.setdefault(i, []).append(e)
    applied: list[Edit] = []
    originals = {}
    for i, es in per_para.items():
        originals[i] = deepcopy(paras[i].p)
        ok = [e for e in sorted(es, key=lambda e: (e.start, e.end), reverse=True)
              if _edit_runs(paras[i], e.start - starts[i], e.end - starts[i], e.text)]
        ok.reverse()
        applied.extend(ok)
        per_para[i] = ok
    applied.sort(key=lambda e: (e.start, e.end))

    def save() -> bytes:
        buf = io.BytesIO()
        mapped.document.save(buf)
        return buf.getvalue()

    new_bytes = save()
    back, _meta = load_docx(new_bytes, path)
    expected = [apply_edits(b.text, [Edit(e.start - s, e.end - s, e.text) for e in per_para.get(i, [])])
                for i, (b, (s, _e)) in enumerate(zip(blocks, spans))]
    if [b.text for b in back] != expected and len(back) == len(expected):
        for i, (got, want) in enumerate(zip(back, expected)):
            if got.text != want and i in originals:
                p = paras[i].p
                p.getparent().replace(p, originals[i])
                applied = [e for e in applied if e not in per_para[i]]
                expected[i] = blocks[i].text
                notes.append(f"paragraph {i + 1}: its fixes could not be written into the Word runs; left as it was")
        new_bytes = save()
        back, _meta = load_docx(new_bytes, path)
    if [b.text for b in back] != expected:
        raise BetareaderError(f"{path}: the fixed Word file would not read back as the fixed text; nothing written")
    left = max(_fixable(findings, unsafe) - _findings_applied(findings, applied, unsafe), 0)
    if not applied:
        return text, text, raw, [], left
    if last:
        return text, text, raw, [], left + len(applied)
    return text, join_blocks(back)[0], new_bytes, applied, left


_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _set_text(t, value: str) -> None:
    t.text = value
    if value != value.strip():
        t.set(_SPACE, "preserve")


def _edit_runs(para, s: int, e: int, replacement: str) -> bool:
    """Apply one paragraph-local edit inside the runs of ``para``; False if it cannot be
    written there (it touches a character the file does not have as text: an added ``*``,
    a tab or line break)."""
    offs, chars = para.offsets, para.chars
    n = len(offs)
    if s == e:  # insertion: after the character before it (same formatting), else before the next one
        if s > 0 and offs[s - 1] is not None and chars[offs[s - 1]][1] is not None:
            t, idx = chars[offs[s - 1]]
            _set_text(t, t.text[: idx + 1] + replacement + t.text[idx + 1 :])
            return True
        if s < n and offs[s] is not None and chars[offs[s]][1] is not None:
            t, idx = chars[offs[s]]
            _set_text(t, t.text[:idx] + replacement + t.text[idx:])
            return True
        return False
    ks = offs[s:e]
    if any(k is None or chars[k][1] is None for k in ks):
        return False
    if any(b != a + 1 for a, b in zip(ks, ks[1:])):
        return False
    # the characters, grouped by their w:t element (in order)
    groups: list[tuple[object, int, int]] = []
    for k in ks:
        t, idx = chars[k]
        if groups and groups[-1][0] is t:
            groups[-1] = (t, groups[-1][1], idx + 1)
        else:
            groups.append((t, idx, idx + 1))
    for n_group, (t, a, b) in enumerate(groups):
        text = t.text or ""
        _set_text(t, text[:a] + (replacement if n_group == 0 else "") + text[b:])
    return True


# --- writing -------------------------------------------------------------------------


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _unchanged(path: str, raw: bytes) -> None:
    try:
        with open(path, "rb") as fh:
            now = fh.read()
    except OSError as exc:
        raise ChangedOnDisk(f"{path}: cannot read it again before writing ({exc.strerror or exc}); nothing written") from None
    if _digest(now) != _digest(raw):
        raise ChangedOnDisk(f"{path}: the file changed on disk since it was read; nothing written")


def write(result: FixResult, backup: bool = True) -> str | None:
    """Write the fixed bytes over the file atomically, after a backup; the backup's path.

    A symbolic link is written through: its target gets the fixed bytes (and the link stays a
    link), :attr:`FixResult.notes` says so.  A file with several hard links is written in place,
    so every name keeps seeing the same file: the new bytes go to a temporary file first (a
    failure there leaves the story untouched), then are copied over the file's own contents.
    Any other file is replaced by a temporary file with ``os.replace``.  Nothing is written if
    the file changed on disk since it was read; an error (permissions, a full disk, a ``.bak``
    that is a folder) is one :class:`BetareaderError` line and leaves no temporary file."""
    path = result.path
    target = os.path.realpath(path)
    if target != os.path.abspath(path) and os.path.islink(path):
        result.notes.append(f"{path} is a link: writing the fixes to its target, {target}")
    _unchanged(target, result.raw)
    bak = None
    if backup:
        bak = path + ".bak"
        _atomic(bak, result.raw, target)
    try:
        links = os.stat(target).st_nlink
    except OSError as exc:
        raise BetareaderError(f"{path}: cannot write the fixes ({exc.strerror or exc}); nothing written") from None
    if links > 1:
        _write_in_place(target, result)
    else:
        _replace(target, result)
    return bak


def _temporary(folder: str, data: bytes, like: str) -> str:
    """A temporary file in ``folder`` holding ``data``, with ``like``'s permissions; removed again
    if writing it fails."""
    fd, tmp = tempfile.mkstemp(prefix=".betareader-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            shutil.copymode(like, tmp)
        except OSError:
            pass
    except BaseException:
        _remove(tmp)
        raise
    return tmp


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _replace(target: str, result: FixResult) -> None:
    _put(target, result.new_bytes, target, result.path, "the fixes",
         check=lambda: _unchanged(target, result.raw))  # right before replacing


def _write_in_place(target: str, result: FixResult) -> None:
    """Overwrite ``target``'s own contents (its other hard links see the change)."""
    tmp = None
    try:
        tmp = _temporary(os.path.dirname(target), result.new_bytes, target)  # the new bytes are safe first
        _unchanged(target, result.raw)
        with open(target, "r+b") as fh:
            fh.write(result.new_bytes)
            fh.truncate()
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise BetareaderError(f"{result.path}: cannot write the fixes ({exc.strerror or exc}); "
                              "the original is in the backup") from None
    finally:
        if tmp is not None:
            _remove(tmp)


def _atomic(target: str, data: bytes, like: str) -> None:
    _put(target, data, like, target, "the backup")


def _put(target: str, data: bytes, like: str, name: str, what: str, check=None) -> None:
    """Replace ``target`` with ``data`` atomically (a temporary file in its folder, with
    ``like``'s permissions, then ``os.replace``), ``check()`` first if given; an OSError becomes
    one line (``NAME: cannot write WHAT (why); nothing written``), and no temporary file is left
    behind."""
    tmp = None
    try:
        if os.path.isdir(target):
            raise IsADirectoryError(21, "it is a folder")
        tmp = _temporary(os.path.dirname(os.path.abspath(target)), data, like)
        if check is not None:
            check()
        os.replace(tmp, target)
        tmp = None
    except OSError as exc:
        raise BetareaderError(f"{name}: cannot write {what} ({exc.strerror or exc}); nothing written") from None
    finally:
        if tmp is not None:
            _remove(tmp)
