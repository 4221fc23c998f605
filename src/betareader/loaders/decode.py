"""Read a plain-text or Markdown story and decode it to one exact string.

The decoded text is what every later stage indexes, so it is kept exactly as
stored: a leading byte-order mark is removed, and nothing else is changed (no
line-ending or Unicode normalisation).

Order of decisions:

1. Empty input and oversize input are refused.
2. A UTF-32 or UTF-16 byte-order mark decides the encoding (UTF-32 is checked
   first, because ``FF FE 00 00`` also starts like UTF-16 LE). Decoded text
   holding NUL or many control characters is refused as binary.
3. Otherwise binary input (known magic numbers, NUL bytes, many control bytes)
   is refused *before* the permissive Windows-1252 fallback.
4. A UTF-8 byte-order mark means UTF-8 (``utf-8-sig``). Without one, valid
   UTF-8 is read as UTF-8 and anything else as strict Windows-1252 with a
   note, or refused if even that fails.

Every problem is raised as an ``InputError`` with a one-line message that names
the file.
"""

from __future__ import annotations

import math
import os
import re
import stat
import sys
from dataclasses import dataclass

from betareader.errors import InputError

MAX_INPUT_BYTES = 50 * 1024 * 1024  # 50 MiB: oversize input is refused

STDIN_NAME = "<stdin>"

CP1252_NOTE = "not valid UTF-8: read as Windows-1252 (cp1252)"

_UTF8_BOM = b"\xef\xbb\xbf"
# (mark, codec for the rest). UTF-32 first: FF FE 00 00 also starts like UTF-16 LE.
_WIDE_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)

_BINARY_MAGIC: tuple[bytes, ...] = (
    b"%PDF",
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"\x7fELF",
)
_ZIP_MAGIC: tuple[bytes, ...] = (b"PK\x03\x04", b"PK\x05\x06")  # archive, empty archive

# C0 control characters that do not occur in ordinary text (all but \t \n \r \f).
_CONTROLS = "".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r\f")
_CONTROL_BYTES = _CONTROLS.encode("ascii")
_MAX_CONTROL_SHARE = 0.10


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str  # exactly as decoded: BOM removed, line endings kept, nothing else changed
    encoding: str  # "utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "cp1252"
    notes: tuple[str, ...] = ()  # user-facing notes about how the text was read


def decode_bytes(data: bytes, name: str) -> Decoded:
    """Decode the raw bytes of a story called ``name``. Raises InputError."""
    if not data:
        raise InputError(f"{name}: the file is empty")
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(_too_big(name, len(data)))

    decoded = _decode_utf16_32(data, name)
    if decoded is None:
        _refuse_binary(data, name)
        decoded = _decode_8bit(data, name)

    if _is_blank(decoded.text):
        raise InputError(f"{name}: the file is empty")
    return decoded


def read_input(path: str) -> tuple[Decoded, bytes]:
    """Read a path, or '-' for stdin (sys.stdin.buffer); return decoded text and the raw bytes. Raises InputError."""
    if path == "-":
        data = _read_stdin()
        name = STDIN_NAME
    else:
        data = _read_file(path)
        name = path
    return decode_bytes(data, name), data


def read_bytes(path: str) -> tuple[bytes, str]:
    """The raw bytes of a path, or '-' for stdin, and the name to report (size-capped). Raises InputError."""
    if path == "-":
        return _read_stdin(), STDIN_NAME
    return _read_file(path), path


def _decode_utf16_32(data: bytes, name: str) -> Decoded | None:
    """Decode input with a UTF-32 or UTF-16 byte-order mark; None if it has neither."""
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):
            break
    else:
        return None
    family = codec[:6].upper()  # "UTF-16" or "UTF-32"
    try:
        text = data[len(bom):].decode(codec)
    except UnicodeDecodeError:
        raise InputError(f"{name}: the file starts with a {family} byte-order mark but is not valid {family}") from None
    if "\x00" in text or _control_share(text) > _MAX_CONTROL_SHARE:
        raise InputError(f"{name}: this looks like a binary file, not text")
    return Decoded(text, codec)


def _refuse_binary(data: bytes, name: str) -> None:
    """Raise InputError if input without a UTF-16/32 mark looks like a binary file."""
    if data.startswith(_ZIP_MAGIC):
        raise InputError(f"{name}: this is a zip archive (a .docx or .epub?), not plain text")
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data:
        raise InputError(f"{name}: this looks like a binary file, not text")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls / len(data) > _MAX_CONTROL_SHARE:
        raise InputError(f"{name}: this looks like a binary file, not text")


def _decode_8bit(data: bytes, name: str) -> Decoded:
    """Decode text input without a UTF-16/32 mark: UTF-8 (with or without BOM), else strict cp1252."""
    if data.startswith(_UTF8_BOM):
        try:
            return Decoded(data[len(_UTF8_BOM):].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"{name}: the file starts with a UTF-8 byte-order mark but is not valid UTF-8") from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return Decoded(data.decode("cp1252"), "cp1252", (CP1252_NOTE,))
    except UnicodeDecodeError:
        raise InputError(f"{name}: the text is neither UTF-8 nor Windows-1252; save it as UTF-8") from None


def _control_share(text: str) -> float:
    return sum(text.count(c) for c in _CONTROLS) / len(text) if text else 0.0


def _is_blank(text: str) -> bool:
    """True if the text holds nothing but whitespace and stray BOMs (stops at the first other character)."""
    return all(c.isspace() or c == "\ufeff" for c in text)


def _mb(size: int) -> str:
    """A size in MiB rounded up to one decimal, e.g. '50 MB', '50.1 MB'."""
    return f"{math.ceil(size * 10 / (1024 * 1024)) / 10:g} MB"


#: paths that name this process's own pipes (``-`` is read as standard input; ``<(cmd)`` in
#: bash gives /dev/fd/63): read even though they are not regular files
_PIPE_PATHS = re.compile(r"^/(?:dev/fd|proc/self/fd|proc/\d+/fd)/\d+$|^/dev/stdin$")


def _not_regular(path: str) -> str | None:
    """Why ``path`` must not be opened: a named pipe (opening it waits for a writer, forever if
    none comes), a device (a terminal waits for typing, /dev/zero never ends) or a socket; None
    for a regular file, a folder (refused later, with its own message) or one of this process's
    own pipes."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # open() reports it
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode) or _PIPE_PATHS.match(path):
        return None
    what = ("a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return f"{path}: this is {what}, not a file; to check what a program writes, pipe it in: ... | betareader check -"


def _read_file(path: str) -> bytes:
    """Read a file once, in binary, never reading more than MAX_INPUT_BYTES + 1 bytes."""
    why = _not_regular(path)
    if why:
        raise InputError(why)
    try:
        with open(path, "rb") as f:
            info = os.fstat(f.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError
            regular = stat.S_ISREG(info.st_mode)
            if regular and info.st_size > MAX_INPUT_BYTES:
                raise InputError(_too_big(path, info.st_size))
            data = f.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: this is a directory, not a file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(_too_big(path, len(data) if regular else None))
    return data


def _read_stdin() -> bytes:
    """Read standard input in binary, never reading more than MAX_INPUT_BYTES + 1 bytes."""
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError(f"{STDIN_NAME}: standard input is not available")
    try:
        data = stream.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{STDIN_NAME}: cannot read standard input ({exc.strerror or exc})") from None
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(_too_big(STDIN_NAME, None))
    return data


def _too_big(name: str, size: int | None) -> str:
    limit = _mb(MAX_INPUT_BYTES)
    if size is None:  # stdin or a pipe: only the first MAX_INPUT_BYTES + 1 bytes were read
        return f"{name}: the input is over the {limit} limit"
    return f"{name}: the file is {_mb(size)}, over the {limit} limit"
