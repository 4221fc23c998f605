"""Hostile inputs: zip bombs, path traversal, oversize members, broken archives, XML
entities, scripts in HTML. Each archive is refused in one line with exit status 2, no
traceback, and the input file is never changed."""

from __future__ import annotations

import hashlib
import io
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from betareader.errors import InputError
from betareader.loaders import archive, load
from fixtures.formats import builders


def _run(*args):
    return subprocess.run([sys.executable, "-m", "betareader", *args], capture_output=True,
                          env={**os.environ, "BETAREADER_NO_TAGGER": "1"}, timeout=120)


def refused(path: Path, *needles: str) -> str:
    """Check the file with the CLI: one-line error, exit 2, the file unchanged."""
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    proc = _run("check", str(path))
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2, (proc.returncode, err)
    assert "Traceback" not in err
    assert err.startswith("betareader: error: ") and err.count("\n") == 1, err
    for needle in needles:
        assert needle in err, (needle, err)
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before
    text = _run("text", str(path))
    assert text.returncode == 2 and b"Traceback" not in text.stderr
    return err


def docx_bytes(tmp_path) -> bytes:
    return builders.story_docx(tmp_path / "ok.docx").read_bytes()


def rezip(data: bytes, change) -> bytes:
    """Copy an archive, passing each (name, bytes) through ``change`` (None drops it; a list adds)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            result = change(info.filename, src.read(info))
            for name, body in (result if isinstance(result, list) else [result] if result else []):
                dst.writestr(name, body)
    return out.getvalue()


def lie_about_size(data: bytes, member: str, size: int) -> bytes:
    """Rewrite the uncompressed size of ``member`` in the central directory (a lying header)."""
    buf = bytearray(data)
    pos = 0
    target = member.encode()
    while (pos := buf.find(b"PK\x01\x02", pos)) != -1:
        name_len = struct.unpack_from("<H", buf, pos + 28)[0]
        if bytes(buf[pos + 46:pos + 46 + name_len]) == target:
            struct.pack_into("<I", buf, pos + 24, size)
            return bytes(buf)
        pos += 4
    raise AssertionError(member)


def test_zip_bomb_by_ratio(tmp_path):
    data = rezip(docx_bytes(tmp_path), lambda n, b: [(n, b)] + ([("word/media/bomb.bin", b"\0" * (8 * 1024 * 1024))]
                                                               if n == "word/document.xml" else []))
    path = tmp_path / "bomb.docx"
    path.write_bytes(data)
    refused(path, "bomb.bin", "to 1 (a zip bomb?)")


def test_zip_bomb_declared_size(tmp_path):
    """A header claiming 4 GB: refused from the central directory, nothing inflated."""
    path = tmp_path / "huge.docx"
    path.write_bytes(lie_about_size(docx_bytes(tmp_path), "word/document.xml", 0xFFFFFFF0))
    refused(path, "word/document.xml", "over the 64 MB limit for one member")


def test_total_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 20_000)
    path = tmp_path / "many.docx"
    path.write_bytes(rezip(docx_bytes(tmp_path), lambda n, b: [(n, b)] + [
        (f"word/media/pad{i}.bin", os.urandom(4000)) for i in range(8)] if n == "word/document.xml" else [(n, b)]))
    with pytest.raises(InputError, match="unpacks to over"):
        load(str(path))


def test_oversize_member(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "MAX_MEMBER_BYTES", 50_000)
    path = tmp_path / "big.epub"
    builders.fanficfare_epub(path)
    data = rezip(path.read_bytes(), lambda n, b: (n, b + b"<!--" + os.urandom(60_000).hex().encode() + b"-->")
                 if n.endswith("file0001.xhtml") else (n, b))
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"file0001\.xhtml in the EPUB file unpacks to \d+ KB, over the 49 KB limit for one member"):
        load(str(path))


@pytest.mark.parametrize("evil", ["../../evil.xhtml", "/etc/passwd", "OEBPS/../../x.css", "..\\..\\win.ini", "C:/x.xml"])
def test_path_traversal_member_names(tmp_path, evil):
    path = tmp_path / "evil.epub"
    builders.fanficfare_epub(path)
    path.write_bytes(rezip(path.read_bytes(), lambda n, b: [(n, b), (evil, b"x")] if n == "mimetype" else (n, b)))
    refused(path, "unsafe name")


@pytest.mark.parametrize("kind", ["docx", "epub", "odt"])
def test_broken_zip(tmp_path, kind):
    good = {"docx": lambda p: builders.story_docx(p), "epub": builders.ao3_epub, "odt": builders.story_odt}[kind]
    data = good(tmp_path / f"good.{kind}").read_bytes()
    path = tmp_path / f"broken.{kind}"
    path.write_bytes(data[: len(data) // 2])
    refused(path, "not a valid")
    path.write_bytes(b"PK\x03\x04" + b"garbage" * 10)
    refused(path, "not a valid")


def test_not_a_zip_at_all(tmp_path):
    path = tmp_path / "story.docx"
    path.write_text("Just some text with the wrong name.", encoding="utf-8")
    refused(path, "not a valid Word file")
    empty = tmp_path / "empty.epub"
    empty.write_bytes(b"")
    refused(empty, "empty")


def test_corrupt_member_stream(tmp_path):
    """A member whose compressed bytes are damaged (CRC or inflate error) is refused."""
    data = bytearray(docx_bytes(tmp_path))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 10, start + 40):
        data[i] ^= 0xFF
    path = tmp_path / "corrupt.docx"
    path.write_bytes(bytes(data))
    refused(path, "not a valid Word file")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>"""


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_xml_entities_refused(tmp_path, xml):
    path = tmp_path / "entities.docx"
    path.write_bytes(rezip(docx_bytes(tmp_path), lambda n, b: (n, xml if n == "word/document.xml" else b)))
    refused(path, "declares entities")


def test_epub_xhtml_entities_refused(tmp_path):
    path = tmp_path / "entities.epub"
    builders.plain_epub(path)
    evil = (b'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
            b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&x;</p></body></html>')
    path.write_bytes(rezip(path.read_bytes(), lambda n, b: (n, evil if n.endswith("ch1.xhtml") else b)))
    refused(path, "declares entities")


def test_odt_entities_refused(tmp_path):
    path = tmp_path / "entities.odt"
    builders.story_odt(path)
    evil = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
            b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0">&x;'
            b'</office:document-content>')
    path.write_bytes(rezip(path.read_bytes(), lambda n, b: (n, evil if n == "content.xml" else b)))
    refused(path, "declares entities")


def test_html_scripts_never_run_nor_read(tmp_path):
    """Scripts, styles, event handlers and hidden elements: never run, never in the text."""
    marker = tmp_path / "ran"
    html = f"""<!DOCTYPE html><html><head><title>T</title>
<script>require('fs').writeFileSync({str(marker)!r}, 'x'); var secret = "SCRIPTTEXT";</script>
<style>p {{ content: "STYLETEXT"; }}</style></head>
<body onload="alert('ONLOADTEXT')"><p>Maya opened the door.<img src="x" onerror="alert('ONERRORTEXT')"></p>
<noscript>NOSCRIPTTEXT</noscript><template><p>TEMPLATETEXT</p></template>
<iframe src="javascript:alert(1)">IFRAMETEXT</iframe><svg><script>alert(2)</script><text>SVGTEXT</text></svg>
<a href="javascript:alert(3)">She left.</a><!-- COMMENTTEXT --></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    before = path.read_bytes()
    src = load(str(path))
    assert src.text == "Maya opened the door.\n\nShe left."
    proc = _run("check", str(path))
    assert proc.returncode == 0, proc.stderr
    assert not marker.exists() and path.read_bytes() == before


def test_binary_named_html_is_refused(tmp_path):
    path = tmp_path / "image.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    refused(path, "binary")


def test_html_without_story_text(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>x()</script></head><body><h1>Only a title</h1></body></html>")
    refused(path, "no story text")
