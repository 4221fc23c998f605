"""Tests for betareader.loaders.decode: reading and decoding plain-text stories."""

from __future__ import annotations

import dataclasses
import io
import os
import sys
import types

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from betareader.errors import BetareaderError, InputError
from betareader.loaders import decode
from betareader.loaders.decode import MAX_INPUT_BYTES, Decoded, decode_bytes, read_input

CP1252_NOTE = "not valid UTF-8: read as Windows-1252 (cp1252)"
BINARY = "this looks like a binary file, not text"


def raises_input_error(data: bytes, name: str = "story.txt") -> str:
    """Decode data that must be refused; return the message after checking it is one line naming the file."""
    with pytest.raises(InputError) as info:
        decode_bytes(data, name)
    message = str(info.value)
    assert message.startswith(f"{name}: ")
    assert "\n" not in message
    return message


def write(tmp_path, data: bytes, filename: str = "story.txt") -> str:
    path = tmp_path / filename
    path.write_bytes(data)
    return str(path)


def fake_stdin(monkeypatch, data: bytes) -> io.BytesIO:
    buffer = io.BytesIO(data)
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(buffer=buffer))
    return buffer


# --- the API -----------------------------------------------------------------


def test_limit_is_50_mib():
    assert MAX_INPUT_BYTES == 50 * 1024 * 1024


def test_decoded_is_frozen_and_slotted():
    decoded = Decoded("text", "utf-8", ())
    with pytest.raises(dataclasses.FrozenInstanceError):
        decoded.text = "other"  # type: ignore[misc]
    assert not hasattr(decoded, "__dict__")


def test_input_error_is_a_betareader_error():
    assert issubclass(InputError, BetareaderError)


# --- UTF-8 and line endings --------------------------------------------------


def test_plain_utf8():
    decoded = decode_bytes("Ça va, “Mira”? 😀\n".encode(), "story.txt")
    assert decoded == Decoded("Ça va, “Mira”? 😀\n", "utf-8", ())


@pytest.mark.parametrize("text", ["one\r\ntwo\r\n", "one\rtwo\r", "one\r\ntwo\nthree\rfour"])
def test_line_endings_are_kept(text):
    assert decode_bytes(text.encode(), "story.txt").text == text


def test_unicode_is_not_normalised():
    text = "cafe\u0301 and caf\u00e9"  # decomposed and composed é
    assert decode_bytes(text.encode(), "story.txt").text == text


# --- byte-order marks --------------------------------------------------------


def test_utf8_bom_is_removed():
    decoded = decode_bytes(b"\xef\xbb\xbfHello\r\nworld", "story.txt")
    assert decoded == Decoded("Hello\r\nworld", "utf-8-sig", ())


def test_only_the_first_utf8_bom_is_removed():
    assert decode_bytes(b"\xef\xbb\xbf\xef\xbb\xbfHi", "story.txt").text == "\ufeffHi"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
    ],
)
def test_utf16_and_utf32_boms(bom, codec):
    text = "Hello,\r\n“world” 😀"
    decoded = decode_bytes(bom + text.encode(codec), "story.txt")
    assert decoded == Decoded(text, codec, ())


def test_utf32_le_bom_wins_over_utf16_le():
    data = b"\xff\xfe\x00\x00" + "Hi".encode("utf-32-le")  # also starts with the UTF-16 LE mark
    assert decode_bytes(data, "story.txt") == Decoded("Hi", "utf-32-le", ())


@pytest.mark.parametrize(
    ("data", "family"),
    [
        (b"\xff\xfeH\x00i", "UTF-16"),  # odd number of bytes
        (b"\xff\xfe\x00\xd8a\x00", "UTF-16"),  # lone surrogate
        (b"\xff\xfe\x00\x00H\x00\x00", "UTF-32"),  # length not a multiple of 4
        (b"\xef\xbb\xbfcaf\xe9", "UTF-8"),  # BOM says UTF-8, but the rest is not
    ],
)
def test_invalid_text_after_a_bom(data, family):
    message = raises_input_error(data)
    assert message == f"story.txt: the file starts with a {family} byte-order mark but is not valid {family}"


# --- Windows-1252 fallback ---------------------------------------------------


def test_cp1252_fallback_with_note():
    decoded = decode_bytes(b"caf\xe9 \x93quoted\x94 \x96 dash\r\n", "story.txt")
    assert decoded.text == "café “quoted” – dash\r\n"
    assert decoded.encoding == "cp1252"
    assert decoded.notes == (CP1252_NOTE,)


@pytest.mark.parametrize("byte", [0x81, 0x8D, 0x8F, 0x90, 0x9D])
def test_undefined_cp1252_bytes(byte):
    message = raises_input_error(b"caf\xe9 " + bytes([byte]) + b" end")
    assert message == "story.txt: the text is neither UTF-8 nor Windows-1252; save it as UTF-8"


def test_valid_utf8_has_no_notes():
    assert decode_bytes("naïve".encode(), "story.txt").notes == ()


# --- binary input ------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"Hello\x00world",
        b"caf\xe9\x00",  # NUL is reported as binary even though cp1252 would decode it
        b"\x81\x00",  # ... and before the undefined-byte error
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        b"\xff\xd8\xff\xe0\x00\x10JFIF",
        b"GIF89a\x01\x00\x01\x00",
        b"GIF87a",
        b"\x7fELF\x02\x01\x01",
    ],
)
def test_binary_input(data):
    assert raises_input_error(data) == f"story.txt: {BINARY}"


@pytest.mark.parametrize("data", [b"PK\x03\x04\x14\x00\x06\x00", b"PK\x05\x06" + b"\x00" * 18])
def test_zip_archive(data):
    message = raises_input_error(data, "story.docx")
    assert message == "story.docx: this is a zip archive (a .docx or .epub?), not plain text"


def test_many_control_bytes_are_binary():
    assert raises_input_error(b"abcdefgh\x01\x02") == f"story.txt: {BINARY}"  # 20% control bytes


def test_a_few_control_bytes_are_text():
    data = b"a" * 95 + b"\x1b\x1a\x0b\x07\x08"  # exactly 5%
    assert decode_bytes(data, "story.txt").text == data.decode()


def test_tab_newline_return_formfeed_are_not_control_bytes():
    data = b"a\t\n\r\f" * 10
    assert decode_bytes(data, "story.txt").text == data.decode()


def test_nul_inside_utf16_text_is_binary():
    data = b"\xff\xfe" + "Hello\x00world".encode("utf-16-le")
    assert raises_input_error(data) == f"story.txt: {BINARY}"


def test_many_controls_inside_utf16_text_are_binary():
    data = b"\xfe\xff" + "ab\x01\x02\x03".encode("utf-16-be")
    assert raises_input_error(data) == f"story.txt: {BINARY}"


def test_bomless_utf16_is_binary():
    assert raises_input_error("Hello".encode("utf-16-le")) == f"story.txt: {BINARY}"


# --- empty input -------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \r\n\t\n  \f",
        b"\xef\xbb\xbf",
        b"\xef\xbb\xbf \n",
        b"\xef\xbb\xbf\xef\xbb\xbf\n",  # whitespace and stray BOMs only
        b"\xff\xfe",
        b"\xfe\xff\x00 \x00\n",
        b"\xff\xfe\x00\x00",
        "\u00a0\u2003\n".encode(),  # Unicode spaces
    ],
)
def test_empty_input(data):
    assert raises_input_error(data) == "story.txt: the file is empty"


def test_empty_file(tmp_path):
    path = write(tmp_path, b"")
    with pytest.raises(InputError, match="^.*story.txt: the file is empty$"):
        read_input(path)


def test_whitespace_only_file(tmp_path):
    path = write(tmp_path, b"\r\n \n\t")
    with pytest.raises(InputError) as info:
        read_input(path)
    assert str(info.value) == f"{path}: the file is empty"


# --- reading files -----------------------------------------------------------


def test_read_input_returns_decoded_text_and_raw_bytes(tmp_path):
    raw = b"\xef\xbb\xbfChapter 1\r\n\r\nIt was late."
    decoded, data = read_input(write(tmp_path, raw))
    assert data == raw
    assert decoded == Decoded("Chapter 1\r\n\r\nIt was late.", "utf-8-sig", ())


def test_missing_file(tmp_path):
    path = str(tmp_path / "nope.txt")
    with pytest.raises(InputError) as info:
        read_input(path)
    assert str(info.value) == f"{path}: no such file"


def test_directory(tmp_path):
    with pytest.raises(InputError) as info:
        read_input(str(tmp_path))
    assert str(info.value) == f"{tmp_path}: this is a directory, not a file"


def test_permission_denied_simulated(tmp_path, monkeypatch):
    path = write(tmp_path, b"text")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(decode, "open", denied, raising=False)
    with pytest.raises(InputError) as info:
        read_input(path)
    assert str(info.value) == f"{path}: permission denied"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_permission_denied_real(tmp_path):
    path = write(tmp_path, b"text")
    os.chmod(path, 0)
    try:
        with pytest.raises(InputError) as info:
            read_input(path)
        assert str(info.value) == f"{path}: permission denied"
    finally:
        os.chmod(path, 0o600)


def test_other_os_error(tmp_path, monkeypatch):
    path = write(tmp_path, b"text")

    def broken(*args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(decode, "open", broken, raising=False)
    with pytest.raises(InputError) as info:
        read_input(path)
    assert str(info.value) == f"{path}: cannot read the file (Input/output error)"


@pytest.mark.parametrize(
    "raw",
    [
        b"Plain\r\ntext\n",
        b"\xef\xbb\xbfBOM text",
        b"caf\xe9 cp1252",
        b"\x81 undefined",
        b"\x89PNG\r\n\x1a\n",
        b"",
    ],
)
def test_read_input_never_modifies_the_file(tmp_path, raw):
    path = write(tmp_path, raw)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))  # a fixed, old mtime any write would change
    before = os.stat(path)
    try:
        read_input(path)
    except InputError:
        pass
    after = os.stat(path)
    assert after.st_mtime_ns == before.st_mtime_ns == 1_000_000_000
    assert after.st_size == before.st_size
    with open(path, "rb") as f:
        assert f.read() == raw


# --- size limit --------------------------------------------------------------


def test_oversize_file(tmp_path, monkeypatch):
    monkeypatch.setattr(decode, "MAX_INPUT_BYTES", 10)
    path = write(tmp_path, b"x" * 11)
    with pytest.raises(InputError) as info:
        read_input(path)
    message = str(info.value)
    assert message.startswith(f"{path}: the file is ")
    assert message.endswith(" MB, over the 0.1 MB limit")


def test_file_at_the_limit_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(decode, "MAX_INPUT_BYTES", 10)
    decoded, data = read_input(write(tmp_path, b"x" * 10))
    assert decoded.text == "x" * 10 and data == b"x" * 10


def test_oversize_message_at_the_real_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(MAX_INPUT_BYTES + 1)  # sparse: refused from its size, never read
    with pytest.raises(InputError) as info:
        read_input(str(path))
    assert str(info.value) == f"{path}: the file is 50.1 MB, over the 50 MB limit"


def test_decode_bytes_refuses_oversize(monkeypatch):
    monkeypatch.setattr(decode, "MAX_INPUT_BYTES", 4)
    assert raises_input_error(b"hello").endswith("over the 0.1 MB limit")


# --- standard input ----------------------------------------------------------


def test_stdin(monkeypatch):
    raw = b"\xff\xfe" + "From stdin\r\n".encode("utf-16-le")
    fake_stdin(monkeypatch, raw)
    decoded, data = read_input("-")
    assert data == raw
    assert decoded == Decoded("From stdin\r\n", "utf-16-le", ())


def test_stdin_errors_name_stdin(monkeypatch):
    fake_stdin(monkeypatch, b"")
    with pytest.raises(InputError) as info:
        read_input("-")
    assert str(info.value) == "<stdin>: the file is empty"


def test_stdin_oversize_reads_at_most_limit_plus_one(monkeypatch):
    monkeypatch.setattr(decode, "MAX_INPUT_BYTES", 10)
    buffer = fake_stdin(monkeypatch, b"x" * 1000)
    with pytest.raises(InputError) as info:
        read_input("-")
    assert str(info.value) == "<stdin>: the input is over the 0.1 MB limit"
    assert buffer.tell() == 11


def test_stdin_at_the_limit_is_read(monkeypatch):
    monkeypatch.setattr(decode, "MAX_INPUT_BYTES", 10)
    fake_stdin(monkeypatch, b"x" * 10)
    assert read_input("-")[0].text == "x" * 10


def test_stdin_missing(monkeypatch):
    monkeypatch.setattr(sys, "stdin", None)
    with pytest.raises(InputError, match="^<stdin>: "):
        read_input("-")


# --- round trip property -----------------------------------------------------

ALLOWED_CONTROLS = "\t\n\r\f"
ENCODERS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-sig": lambda text: text.encode("utf-8-sig"),
    "utf-16": lambda text: text.encode("utf-16"),  # BOM in native byte order
    "utf-16-le+bom": lambda text: b"\xff\xfe" + text.encode("utf-16-le"),
    "utf-16-be+bom": lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
}


def is_story_text(text: str) -> bool:
    return (
        not all(c.isspace() or c == "\ufeff" for c in text)  # not only whitespace (or stray BOMs)
        and not any(c < " " and c not in ALLOWED_CONTROLS for c in text)  # no NUL, no other C0 controls
        and not text.startswith(("%PDF", "\x7fELF", "GIF87a", "GIF89a"))  # not a binary signature
    )


@settings(max_examples=300, suppress_health_check=[HealthCheck.filter_too_much])
@given(text=st.text(min_size=1), encoding=st.sampled_from(sorted(ENCODERS)))
def test_round_trip(text, encoding):
    assume(is_story_text(text))
    # Plain UTF-8 cannot tell a leading U+FEFF from a BOM, so the BOM reading wins.
    assume(not (encoding == "utf-8" and text.startswith("\ufeff")))
    assert decode_bytes(ENCODERS[encoding](text), "story.txt").text == text


@given(text=st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1))
def test_any_utf8_text_round_trips_or_is_refused(text):
    """Any non-empty, NUL-free UTF-8 text either round-trips or is refused with an InputError."""
    data = text.encode("utf-8")
    try:
        decoded = decode_bytes(data, "story.txt")
    except InputError:
        return
    assert decoded.text == (text[1:] if text.startswith("\ufeff") else text)
