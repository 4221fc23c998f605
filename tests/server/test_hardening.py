"""Hostile and odd conditions around the checks (issue 13): the server under slow or greedy
clients, a damaged store, ``fix`` through links, inputs that are not files.

The server tests run the real ``betareader serve`` in a subprocess and talk to it over real
sockets (the way a browser, curl or a misbehaving client would); the rest run the command line
as a user does.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import sqlite3
import stat
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import pytest

from betareader.server.store import SCHEMA_VERSION, Store, StoreError
from helpers import Served, betareader

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

BASE = "http://127.0.0.1:8765"


# --- a real server ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def served(tmp_path_factory):
    s = Served(tmp_path_factory.mktemp("served"), "--check-seconds", "3",
               env={"BETAREADER_HEADER_SECONDS": "1"})
    yield s
    s.stop()


def _open(served) -> socket.socket:
    return socket.create_connection(("127.0.0.1", served.port), timeout=30)


def _closed_by_server(sock: socket.socket) -> bool:
    """Read until the server closes the connection (True) or 30 s pass (False)."""
    try:
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                return True
    except (socket.timeout, TimeoutError):
        return False
    except ConnectionResetError:
        return True
    finally:
        sock.close()


def test_a_client_that_sends_its_headers_slowly_is_cut_off(served):
    socks = []
    for _ in range(20):
        s = _open(served)
        s.sendall(b"GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # and never the blank line
        socks.append(s)
    assert all(_closed_by_server(s) for s in socks)
    status, _, _ = served.request("GET", "/api/state")  # the server still answers everyone else
    assert status == 200


def test_a_byte_at_a_time_does_not_keep_a_connection(served):
    s = _open(served)
    for b in b"GET /api/state HTTP/1.1\r\n":
        try:
            s.sendall(bytes([b]))
        except OSError:
            break
        time.sleep(0.2)
    assert _closed_by_server(s)


def test_an_idle_kept_alive_connection_is_closed(served):
    s = _open(served)
    s.sendall(b"GET /api/state HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert _closed_by_server(s)  # the answer, then (idle) the close


def test_a_413_reaches_a_client_still_sending_on_a_kept_alive_connection(served):
    """The client sends a body over the limit in one go on a connection it has used before: it
    must read the 413, not a reset connection (the server reads and drops the rest first)."""
    body = b'{"text": "' + b"x" * (6 * 1024 * 1024) + b'"}'
    for _ in range(3):
        c = http.client.HTTPConnection("127.0.0.1", served.port, timeout=60)
        c.request("GET", "/api/state")
        c.getresponse().read()
        c.request("POST", "/api/check", body=body, headers={"Content-Type": "application/json"})
        r = c.getresponse()
        assert r.status == 413
        assert "limit" in json.loads(r.read())["error"]
        c.close()


def test_a_long_check_is_stopped_with_a_clear_answer_and_holds_up_no_one(served):
    # two megabytes of sentences: over the server's three-second budget on any machine here
    story = ("Mara walked to the door and then she waited. " * 46_000)[: 2_000_000]
    answers: dict = {}

    def big():
        answers["big"] = served.request("POST", "/api/check", {"text": story})
        answers["big_done"] = time.monotonic()

    t = threading.Thread(target=big)
    t.start()
    time.sleep(0.5)  # the big check is under way
    status, _, body = served.request("POST", "/api/check", {"text": "She said hi."})
    small_done = time.monotonic()
    t.join()
    assert status == 200 and json.loads(body)["files"][0]["words"] == 3
    assert small_done < answers["big_done"]  # answered while the big one still ran
    status, headers, body = answers["big"]
    assert status == 503
    assert "stopped after 3 seconds" in json.loads(body)["error"]
    assert headers["x-content-type-options"] == "nosniff" and "default-src 'none'" in headers["content-security-policy"]


@pytest.mark.parametrize("headers", [
    [("Origin", "http://evil.example"), ("Origin", "http://127.0.0.1:PORT")],
    [("Origin", "https://127.0.0.1:PORT")],
    [("Host", "127.0.0.1:PORT"), ("Host", "evil.example")],
])
def test_duplicate_or_wrong_scheme_origins_are_refused(served, headers):
    c = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    c.putrequest("POST", "/api/reviews", skip_host=any(k == "Host" for k, _ in headers))
    for k, v in headers:
        c.putheader(k, v.replace("PORT", str(served.port)))
    body = b'{"text": "x"}'
    c.putheader("Content-Type", "application/json")
    c.putheader("Content-Length", str(len(body)))
    c.endheaders(body)
    r = c.getresponse()
    assert r.status in (400, 403)
    c.close()
    assert served.request("GET", "/api/reviews")[2] == b"[]"


def test_an_unexpected_error_is_a_json_500_with_the_security_headers(tmp_path):
    from betareader.server import create_app

    store = Store(None)
    app = create_app(store)

    def broken():
        raise RuntimeError("a bug")

    store.reviews = broken
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as c:
        r = c.get("/api/reviews")
    assert r.status_code == 500
    assert r.json()["error"].startswith("internal error")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in r.headers["content-security-policy"]


def test_a_store_that_fails_while_serving_is_a_503_not_a_500(tmp_path):
    from betareader.server import create_app

    store = Store(tmp_path / "s.sqlite3")
    with TestClient(create_app(store), base_url=BASE) as c:
        store._db.close()  # the file went away under the server, say
        r = c.post("/api/reviews", json={"text": "A story."})
        assert r.status_code == 503 and "store" in r.json()["error"]
        r = c.delete("/api/store")
        assert r.status_code == 503


# --- the store at start-up ------------------------------------------------------------------------

def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for i in range(100, len(data), 7):
        data[i] = 0xA5
    path.write_bytes(bytes(data))


def _filled_store(path: Path) -> None:
    s = Store(path)
    for i in range(50):
        s.create_review(f"r{i}", "txt", "A story of some length. " * 200)
    s.close()


def test_a_damaged_store_is_moved_aside_and_writes_work(tmp_path):
    path = tmp_path / "betareader.sqlite3"
    _filled_store(path)
    _damage(path)
    s = Store(path)
    assert s.notes and "kept as" in s.notes[0]
    assert list(tmp_path.glob("betareader.sqlite3.broken-*"))
    s.create_review("new", "txt", "A story.")
    s.delete_all()  # "Delete my data" works


def test_a_database_of_another_program_is_moved_aside(tmp_path):
    path = tmp_path / "betareader.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE cookies (name TEXT, value TEXT)")
    s = Store(path)
    assert "cookies" in s.notes[0]
    s.add_word("Odhran")


def test_a_store_with_other_columns_is_moved_aside(tmp_path):
    path = tmp_path / "betareader.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE review (id TEXT PRIMARY KEY, body TEXT)")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    s = Store(path)
    assert "review" in s.notes[0]
    s.create_review("x", "txt", "A story.")


def test_a_newer_store_is_refused_and_serve_says_so_in_one_line(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    path = data / "betareader.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(StoreError, match="newer betareader"):
        Store(path)
    proc = betareader("serve", "--port", "0", cwd=tmp_path, env={"BETAREADER_DATA_DIR": str(data)}, timeout=60)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.count("\n") == 1 and str(path) in err
    assert b"serving on" not in proc.stdout  # never announced
    with sqlite3.connect(path) as db:  # and left alone
        assert db.execute("PRAGMA user_version").fetchone()[0] == 99


def test_the_data_folder_pointing_at_a_file_is_a_usage_error(tmp_path):
    f = tmp_path / "afile"
    f.write_text("x")
    proc = betareader("serve", "--port", "0", cwd=tmp_path, env={"BETAREADER_DATA_DIR": str(f)}, timeout=60)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and err.count("\n") == 1 and "Traceback" not in err
    assert f.read_text() == "x"


def test_the_store_never_chmods_through_a_symlink(tmp_path):
    elsewhere = tmp_path / "elsewhere.sqlite3"
    Store(elsewhere).close()
    os.chmod(elsewhere, 0o644)
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "betareader.sqlite3").symlink_to(elsewhere)
    Store(folder / "betareader.sqlite3").close()
    assert stat.S_IMODE(os.stat(elsewhere).st_mode) == 0o644


def test_an_existing_folder_keeps_its_permissions_with_a_warning(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o755)
    s = Store(folder / "betareader.sqlite3")
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o755
    assert any("can be read by other users" in n for n in s.notes)
    assert stat.S_IMODE(os.stat(folder / "betareader.sqlite3").st_mode) == 0o600


def test_a_new_folder_and_file_are_private(tmp_path):
    folder = tmp_path / "new" / "data"
    Store(folder / "betareader.sqlite3").close()
    assert stat.S_IMODE(os.stat(folder).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(folder / "betareader.sqlite3").st_mode) == 0o600


# --- fix and links ------------------------------------------------------------------------------

STORY = "She put the the cup down.\n"
FIXED = "She put the cup down.\n"


def test_fix_writes_through_a_symlink(tmp_path):
    real = tmp_path / "real" / "story.md"
    real.parent.mkdir()
    real.write_text(STORY)
    link = tmp_path / "story.md"
    link.symlink_to(real)
    proc = betareader("fix", str(link), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and real.read_text() == FIXED
    assert b"link" in proc.stderr and str(real).encode() in proc.stderr
    assert (tmp_path / "story.md.bak").read_text() == STORY


def test_fix_keeps_hard_links(tmp_path):
    a = tmp_path / "story.md"
    a.write_text(STORY)
    b = tmp_path / "also.md"
    os.link(a, b)
    proc = betareader("fix", str(a), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert a.read_text() == b.read_text() == FIXED
    assert os.stat(a).st_ino == os.stat(b).st_ino and os.stat(a).st_nlink == 2
    assert not list(tmp_path.glob(".betareader-*"))


def test_a_backup_that_is_a_folder_leaves_no_temporary_file(tmp_path):
    story = tmp_path / "story.md"
    story.write_text(STORY)
    (tmp_path / "story.md.bak").mkdir()
    proc = betareader("fix", str(story), cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.decode().count("\n") == 1
    assert story.read_text() == STORY
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.md", "story.md.bak"]


def test_a_write_refused_by_the_system_is_exit_2_in_one_line(tmp_path, monkeypatch, capsys):
    """(As root, a read-only folder does not refuse a write: the refusal is simulated where the
    temporary file is made.)"""
    import betareader.fix.writeback as fixing
    from betareader.cli import main

    story = tmp_path / "story.md"
    story.write_text(STORY)

    def refused(*a, **k):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fixing.tempfile, "mkstemp", refused)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        main(["fix", "--no-backup", str(story)])
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert "Permission denied" in err and err.strip().count("\n") == 0 and "Traceback" not in err
    assert story.read_text() == STORY


# --- inputs that are not files ---------------------------------------------------------------------

def test_a_named_pipe_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    proc = betareader("check", str(fifo), cwd=tmp_path, timeout=60)
    err = proc.stderr.decode()
    assert proc.returncode == 2 and "named pipe" in err and err.count("\n") == 1


def test_a_device_is_refused(tmp_path):
    proc = betareader("check", "/dev/zero", cwd=tmp_path, timeout=60)
    assert proc.returncode == 2 and b"device" in proc.stderr


def test_standard_input_and_process_substitution_still_work(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    proc = betareader("check", "-", cwd=tmp_path, stdin=STORY.encode())
    assert proc.returncode == 1 and b"TYP006" in proc.stdout
    bash = subprocess.run(["bash", "-c", f'"{sys.executable}" -m betareader check <(cat "{story}")'],
                          capture_output=True, timeout=120)
    assert bash.returncode == 1, bash.stderr
    assert b"TYP006" in bash.stdout
