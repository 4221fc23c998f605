"""Open zip-based inputs (EPUB, DOCX, ODT) safely, before any library reads them.

Every check runs on the archive's central directory before a single member is
decompressed, and every member is read with a hard cap, so a hostile file costs a
bounded amount of memory and time:

* not a zip, a truncated or corrupt zip, an encrypted member: refused;
* more than :data:`MAX_MEMBERS` members;
* a member name that is absolute, has a drive letter, a backslash or a ``..`` part
  (path traversal), or holds control characters (nothing is ever written to disk, but
  such a name only occurs in a crafted file);
* a member over :data:`MAX_MEMBER_BYTES` uncompressed, or all members together over
  :data:`MAX_TOTAL_BYTES` (zip bombs);
* a member whose uncompressed size is over :data:`MAX_RATIO` times its compressed size
  (ordinary text compresses 3-10 times; bombs a thousand times and more), once it is
  bigger than :data:`RATIO_FLOOR`;
* XML that declares entities (billion laughs, external entities): checked with
  defusedxml on every member that has a document type declaration, whatever its name.

Python's zipfile never returns more bytes than a member's declared size and checks the
CRC, so a member cannot inflate past the sizes checked here. Each problem is an
``InputError`` with a one-line message naming the file.
"""

from __future__ import annotations

import io
import re
import zipfile

from ..errors import InputError

MAX_MEMBERS = 10_000
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # one member, uncompressed
MAX_TOTAL_BYTES = 256 * 1024 * 1024  # all members, uncompressed
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024  # members smaller than this are not ratio-checked

_BAD_NAME_RE = re.compile(r"[\x00-\x1f\x7f]")


def _mb(n: int) -> str:
    """A size for messages: whole MB, or KB under one MB."""
    if n < 1024 * 1024:
        return f"{-(-n // 1024)} KB"
    return f"{n / (1024 * 1024):.0f} MB"


def _unsafe_name(name: str) -> bool:
    if not name or _BAD_NAME_RE.search(name) or "\\" in name:
        return True
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        return True
    return any(part == ".." for part in name.split("/"))


class SafeZip:
    """A checked zip archive held in memory. ``kind`` names the format in messages ("EPUB")."""

    def __init__(self, data: bytes, name: str, kind: str) -> None:
        self.name = name
        self.kind = kind
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zf.infolist()
        except zipfile.BadZipFile as exc:
            raise InputError(f"{name}: not a valid {kind} file (a broken zip archive: {exc})") from None
        except (OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise InputError(f"{name}: not a valid {kind} file (cannot read the zip archive: {exc})") from None
        if len(infos) > MAX_MEMBERS:
            raise InputError(f"{name}: the {kind} file has {len(infos)} members, over the limit of {MAX_MEMBERS}")
        total = 0
        for info in infos:
            if _unsafe_name(info.filename):
                raise InputError(f"{name}: refused: the {kind} file holds a member with an unsafe name ({info.filename!r})")
            if info.flag_bits & 0x1:
                raise InputError(f"{name}: the {kind} file is encrypted ({info.filename})")
            size = info.file_size
            if size > MAX_MEMBER_BYTES:
                raise InputError(f"{name}: refused: {info.filename} in the {kind} file unpacks to {_mb(size)}, "
                                 f"over the {_mb(MAX_MEMBER_BYTES)} limit for one member")
            if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
                raise InputError(f"{name}: refused: {info.filename} in the {kind} file is compressed "
                                 f"{size // max(info.compress_size, 1)} to 1 (a zip bomb?)")
            total += size
            if total > MAX_TOTAL_BYTES:
                raise InputError(f"{name}: refused: the {kind} file unpacks to over {_mb(MAX_TOTAL_BYTES)}")
        self.infos = {i.filename: i for i in infos if not i.is_dir()}

    def names(self) -> list[str]:
        return list(self.infos)

    def has(self, member: str) -> bool:
        return member in self.infos

    def read(self, member: str) -> bytes:
        info = self.infos.get(member)
        if info is None:
            raise InputError(f"{self.name}: not a valid {self.kind} file ({member} is missing)")
        try:
            with self.zf.open(info) as fh:
                data = fh.read(MAX_MEMBER_BYTES + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as exc:
            raise InputError(f"{self.name}: not a valid {self.kind} file ({member} is damaged: {exc})") from None
        except Exception as exc:  # zlib.error and friends from a corrupt stream
            raise InputError(f"{self.name}: not a valid {self.kind} file ({member} is damaged: {exc})") from None
        if len(data) > MAX_MEMBER_BYTES:  # cannot happen with a consistent header; belt and braces
            raise InputError(f"{self.name}: refused: {member} in the {self.kind} file is over the size limit")
        return data

    def screen_xml_members(self) -> None:
        """Read every member once (CRC and stream checks) and refuse entity declarations in any
        that is XML, whatever its name says (a manifest may call ``chapter.txt`` XHTML)."""
        for member in self.infos:
            screen_xml(self.read(member), f"{self.name}: {member}")


def screen_xml(data: bytes, where: str) -> None:
    """Refuse XML that declares entities or refers to external ones (defusedxml decides).

    Entities can only be declared in a document type declaration, so XML without one
    (and not in a wide encoding, where the bytes would not show it) needs no parse.
    """
    head = data[:4]
    wide = head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head
    if not wide and b"<!DOCTYPE" not in data and b"<!doctype" not in data and b"<!ENTITY" not in data:
        return
    import xml.etree.ElementTree as ET

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise InputError(f"{where}: refused: the XML declares entities (an XML bomb or an external entity)") from None
    except (ET.ParseError, ValueError, UnicodeError):
        # not well-formed (XHTML with HTML entities, say): the HTML parser that reads it next
        # does not resolve entity declarations either, so nothing to refuse here
        if b"<!ENTITY" in data or b"<\x00!\x00E\x00N\x00T\x00I\x00T\x00Y" in data:
            raise InputError(f"{where}: refused: the XML declares entities (an XML bomb or an external entity)") from None
