"""The editor page's API: reviews kept in SQLite, checks that save the text, ignores by
fingerprint, accepted fixes, the page's dictionary, imports of every format, exports, charts,
the delete button, and requests from other sites refused."""

import io
import sqlite3
import warnings
import zipfile
from pathlib import Path

import docx
import pytest

from betareader.server import create_app
from betareader.server.store import Store, open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

BASE = "http://127.0.0.1:8765"
FORMATS = Path(__file__).resolve().parents[1] / "fixtures" / "formats"

STORY = (
    "# Chapter One\n\n"
    "Mara walked into the kitchen , where the kettle was already singing.\n\n"
    "Tomas shrugged. He waited for the the post, reading about Quillonby.\n\n"
    "Quillonby was the village where Mara had grown up, far from the sea.\n"
)


@pytest.fixture()
def store(tmp_path):
    s = Store(tmp_path / "data" / "betareader.sqlite3")
    yield s
    s.close()


@pytest.fixture()
def client(store):
    with TestClient(create_app(store), base_url=BASE) as c:
        yield c


def new_review(client, text=STORY, name="chapter.md"):
    r = client.post("/api/reviews", json={"text": text, "name": name})
    assert r.status_code == 200, r.text
    return r.json()


def check(client, rid, text):
    r = client.post(f"/api/reviews/{rid}/check", json={"text": text})
    assert r.status_code == 200, r.text
    return r.json()


def codes(result):
    return [(f["code"], f["excerpt"]) for f in result["file"]["findings"]]


def test_a_review_keeps_its_text_with_every_check(client, store, tmp_path):
    rev = new_review(client)
    first = check(client, rev["id"], STORY)
    assert ("TYP001", " ") in codes(first) and ("TYP006", "the the") in codes(first)
    assert first["ignored"] == [] and first["file"]["words"] > 30
    for f in first["file"]["findings"]:
        assert STORY[f["start"]:f["end"]] == f["excerpt"] and len(f["fingerprint"]) == 16
    edited = STORY.replace("kitchen ,", "kitchen,")
    second = check(client, rev["id"], edited)
    assert ("TYP001", " ") not in codes(second)
    assert client.get(f"/api/reviews/{rev['id']}").json()["text"] == edited
    # a new server on the same file finds it (the tab was closed, the server restarted)
    with TestClient(create_app(Store(store.path)), base_url=BASE) as again:
        listed = again.get("/api/reviews").json()
        assert [r["id"] for r in listed] == [rev["id"]] and listed[0]["name"] == "chapter.md"
        assert again.get(f"/api/reviews/{rev['id']}").json()["text"] == edited
    assert oct(store.path.stat().st_mode & 0o777) == "0o600"


def test_reviews_are_listed_latest_first_and_deleted_one_by_one(client):
    a = new_review(client, "One story.\n", "a.txt")
    b = new_review(client, "Another story.\n", "b.txt")
    check(client, a["id"], "One story, edited.\n")
    assert [r["id"] for r in client.get("/api/reviews").json()] == [a["id"], b["id"]]
    assert client.delete(f"/api/reviews/{a['id']}").status_code == 200
    assert client.get(f"/api/reviews/{a['id']}").status_code == 404
    assert client.delete(f"/api/reviews/{a['id']}").status_code == 404
    assert client.post(f"/api/reviews/{a['id']}/check", json={"text": "x"}).status_code == 404


def test_an_ignored_finding_stays_ignored_after_edits_elsewhere(client):
    rev = new_review(client)
    res = check(client, rev["id"], STORY)
    dup = next(f for f in res["file"]["findings"] if f["code"] == "TYP006")
    r = client.post(f"/api/reviews/{rev['id']}/ignore",
                    json={"fingerprint": dup["fingerprint"], "code": dup["code"], "excerpt": dup["excerpt"]})
    assert r.status_code == 200
    edited = "A new opening line.\n\n" + STORY.replace("kitchen ,", "kitchen,")
    res2 = check(client, rev["id"], edited)
    # an ignored finding is gone from the answer: its list, its counts and its letter
    assert not any(f["code"] == "TYP006" for f in res2["file"]["findings"])
    assert "TYP006" not in res2["file"]["summary"]["by_code"] and dup["fingerprint"] in res2["ignored"]
    assert res2["file"]["summary"]["errors"] == res["file"]["summary"]["errors"] - 2  # the "the the" and the "kitchen ,"
    got = client.get(f"/api/reviews/{rev['id']}").json()
    assert got["ignored"] == [{"fingerprint": dup["fingerprint"], "code": "TYP006", "excerpt": "the the"}]
    assert client.delete(f"/api/reviews/{rev['id']}/ignore/{dup['fingerprint']}").status_code == 200
    res3 = check(client, rev["id"], edited)
    assert res3["ignored"] == []
    again = next(f for f in res3["file"]["findings"] if f["code"] == "TYP006")
    assert again["fingerprint"] == dup["fingerprint"] and again["start"] != dup["start"]
    bad = client.post(f"/api/reviews/{rev['id']}/ignore", json={"fingerprint": "<script>", "code": "TYP006"})
    assert bad.status_code == 422


def test_accepted_fixes_are_counted(client):
    rev = new_review(client)
    for _ in range(2):
        r = client.post(f"/api/reviews/{rev['id']}/accepted", json={"code": "TYP006", "before": "the the", "after": ""})
        assert r.status_code == 200
    assert r.json()["accepted"] == 2 and client.get(f"/api/reviews/{rev['id']}").json()["accepted"] == 2
    assert client.post("/api/reviews/0000/accepted", json={"code": "X"}).status_code == 404


def test_teaching_a_word_stops_it_being_flagged(client):
    text = "Mara looked at the glowing thrimbleweed by the door and sighed at it.\n"
    rev = new_review(client, text)
    spl = lambda: [c for c in codes(check(client, rev["id"], text)) if c[0].startswith("SPL")]  # noqa: E731
    assert [c[1] for c in spl()] == ["thrimbleweed"]
    assert client.post("/api/dictionary", json={"word": "thrimbleweed"}).status_code == 200
    assert client.get("/api/dictionary").json() == ["thrimbleweed"]
    assert not [c for c in codes(check(client, rev["id"], text)) if c[0].startswith("SPL")]
    assert client.delete("/api/dictionary/thrimbleweed").status_code == 200
    spl = lambda: [c for c in codes(check(client, rev["id"], text)) if c[0].startswith("SPL")]  # noqa: E731
    assert [c[1] for c in spl()] == ["thrimbleweed"]
    assert client.post("/api/dictionary", json={"word": "two words"}).status_code == 400
    assert client.post("/api/dictionary", json={"word": "<b>"}).status_code == 400
    assert client.delete("/api/dictionary/nothere").status_code == 404


def _docx_bytes() -> bytes:
    d = docx.Document()
    d.add_heading("Chapter One", level=1)
    p = d.add_paragraph("Mara walked in , ")
    p.add_run("slowly").italic = True
    p.add_run(", and sat down.")
    d.add_paragraph("She waited for the the kettle.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_import_a_word_file(client):
    r = client.post("/api/reviews/import", params={"name": "My Story.docx"}, content=_docx_bytes(),
                    headers={"Content-Type": "application/octet-stream"})
    assert r.status_code == 200, r.text
    rev = r.json()
    assert rev["name"] == "My Story.docx" and rev["text"].startswith("Chapter One\n\nMara walked in , *slowly*")
    res = check(client, rev["id"], rev["text"])
    assert {("TYP001", " "), ("TYP006", "the the")} <= set(codes(res))
    assert [c["title"] for c in res["file"]["summary"]["chapters"]] == ["Chapter One"]


def test_an_imported_ao3_work_keeps_its_notes_apart_after_edits(client):
    html = (FORMATS / "ao3_work.html").read_bytes()
    r = client.post("/api/reviews/import", params={"name": "work.html"}, content=html,
                    headers={"Content-Type": "application/octet-stream"})
    assert r.status_code == 200, r.text
    rev = r.json()
    kinds = {b[1] for b in rev["structure"]["blocks"]}
    assert "note" in kinds
    text = rev["text"]
    res = check(client, rev["id"], text)
    notes = res["file"]["summary"]["notes"]
    assert notes
    # edit a story paragraph: the notes are still notes, and still get no craft notes
    story_para = max(text.split("\n\n"), key=len)
    edited = text.replace(story_para, story_para + " She smiled.")
    res2 = check(client, rev["id"], edited)
    assert len(res2["file"]["summary"]["notes"]) == len(notes)
    # ... also while a space is being typed at the end of a note (the text is between two words)
    first_note = text[notes[0]["start"]:notes[0]["end"]]
    typing = edited.replace(first_note, first_note + " ", 1)
    res3 = check(client, rev["id"], typing)
    assert len(res3["file"]["summary"]["notes"]) == len(notes)
    for n in res2["file"]["summary"]["notes"]:
        assert not [f for f in res2["file"]["findings"]
                    if f["kind"] == "craft" and n["start"] <= f["start"] < n["end"]]


@pytest.mark.parametrize(("name", "data", "message"), [
    ("broken.docx", b"PK\x03\x04 not really a zip", "docx"),
    ("story.pdf", b"%PDF-1.4", "PDF"),
    ("empty.txt", b"", "empty"),
    ("binary.txt", b"\x00\x01\x02" * 100, "binary"),
])
def test_bad_files_get_a_one_line_error(client, name, data, message):
    r = client.post("/api/reviews/import", params={"name": name}, content=data,
                    headers={"Content-Type": "application/octet-stream"})
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    assert message.lower() in err.lower() and "\n" not in err and "Traceback" not in err
    assert client.get("/api/reviews").json() == []


def test_zip_bomb_is_refused(client):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<" + b"a" * (80 * 1024 * 1024) + b">")
    r = client.post("/api/reviews/import", params={"name": "bomb.docx"}, content=buf.getvalue(),
                    headers={"Content-Type": "application/octet-stream"})
    assert r.status_code == 400 and "\n" not in r.json()["error"]


def test_import_needs_octet_stream_and_a_sane_name(client):
    r = client.post("/api/reviews/import", params={"name": "a.txt"}, content=b"Hello there.",
                    headers={"Content-Type": "text/plain"})
    assert r.status_code == 415
    r = client.post("/api/reviews/import", params={"name": "../../etc/passwd.txt"}, content=b"Hello there , friend.",
                    headers={"Content-Type": "application/octet-stream"})
    assert r.status_code == 200 and "/" not in r.json()["name"] and ".." not in r.json()["name"]


def test_exports(client):
    rev = new_review(client, STORY, "chapter.md")
    check(client, rev["id"], STORY)
    base = f"/api/reviews/{rev['id']}/export"
    txt = client.get(base, params={"format": "txt"})
    assert txt.status_code == 200 and txt.text == STORY
    assert 'attachment; filename="chapter.txt"' in txt.headers["content-disposition"]
    md = client.get(base, params={"format": "md"})
    assert md.text == STORY and "chapter.md" in md.headers["content-disposition"]
    plain = docx.Document(io.BytesIO(client.get(base, params={"format": "docx"}).content))
    assert [p.text for p in plain.paragraphs][:2] == ["Chapter One", "Mara walked into the kitchen , where the kettle was already singing."]
    with zipfile.ZipFile(io.BytesIO(client.get(base, params={"format": "docx"}).content)) as z:
        assert "word/comments.xml" not in z.namelist()
    commented = client.get(base, params={"format": "comments"})
    with zipfile.ZipFile(io.BytesIO(commented.content)) as z:
        assert z.read("word/comments.xml").count(b"<w:comment ") >= 3
    assert "chapter-review.docx" in commented.headers["content-disposition"]
    html = client.get(base, params={"format": "html"})
    assert html.status_code == 200 and "Quillonby" in html.text and "attachment" in html.headers["content-disposition"]
    assert client.get(base, params={"format": "exe"}).status_code == 422


def test_exports_never_read_a_file_of_the_server(client, tmp_path, monkeypatch):
    """A review named like a Word file is exported from its own text, never from a file of
    that name where the server runs."""
    monkeypatch.chdir(tmp_path)
    d = docx.Document()
    d.add_paragraph("SECRET FROM DISK")
    d.save(tmp_path / "victim.docx")
    rev = client.post("/api/reviews/import", params={"name": "victim.docx"}, content=_docx_bytes(),
                      headers={"Content-Type": "application/octet-stream"}).json()
    out = client.get(f"/api/reviews/{rev['id']}/export", params={"format": "comments"}).content
    with zipfile.ZipFile(io.BytesIO(out)) as z:
        assert b"SECRET FROM DISK" not in z.read("word/document.xml")


def test_charts_are_svg_images(client):
    text = "\n\n".join(f"Sentence {i} is here. " * (i % 5 + 1) + "She said nothing." for i in range(60))
    rev = new_review(client, text)
    r = client.get(f"/api/reviews/{rev['id']}/charts/sentence-length.svg")
    assert r.status_code == 200 and r.headers["content-type"].startswith("image/svg+xml")
    assert r.text.lstrip().startswith("<svg") or "<svg" in r.text[:300]
    assert "<script" not in r.text
    assert client.get(f"/api/reviews/{rev['id']}/charts/nope.svg").status_code == 404


def test_delete_everything_leaves_no_trace_on_disk(client, store):
    marker = "Zqxwvutsmarker " * 50
    rev = new_review(client, "She wrote " + marker + "on the wall.\n")
    client.post("/api/dictionary", json={"word": "Zqxwvutsmarker"})
    res = check(client, rev["id"], "She wrote " + marker + "on the wall , twice.\n")
    f = res["file"]["findings"][0]
    client.post(f"/api/reviews/{rev['id']}/ignore", json={"fingerprint": f["fingerprint"], "code": f["code"], "excerpt": marker})
    assert b"Zqxwvutsmarker" in store.path.read_bytes() or Path(str(store.path) + "-wal").exists()
    assert client.delete("/api/store").status_code == 200
    assert client.get("/api/reviews").json() == [] and client.get("/api/dictionary").json() == []
    assert b"Zqxwvutsmarker" not in store.path.read_bytes()
    with sqlite3.connect(store.path) as db:
        assert db.execute("SELECT COUNT(*) FROM ignored").fetchone()[0] == 0


def test_no_store_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("BETAREADER_DATA_DIR", str(tmp_path / "data"))
    s = open_store(no_store=True)
    assert not s.persistent
    with TestClient(create_app(s), base_url=BASE) as c:
        rev = new_review(c)
        check(c, rev["id"], STORY)
        assert c.get("/api/state").json()["persistent"] is False
    assert not (tmp_path / "data").exists()


def test_a_file_that_is_no_database_is_moved_aside(tmp_path):
    bad = tmp_path / "betareader.sqlite3"
    junk = b"this is not a database at all" * 100
    bad.write_bytes(junk)
    s = Store(bad)
    kept = list(tmp_path.glob("betareader.sqlite3.broken-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == junk
    assert s.notes and str(kept[0]) in s.notes[0]
    s.create_review("x", "txt", "A story.")
    assert len(s.reviews()) == 1


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
    {"Host": "evil.example"},
    {"Host": "rebound.example:8765", "Origin": "http://rebound.example:8765"},
])
def test_requests_from_other_sites_are_refused(client, headers):
    r = client.post("/api/reviews", json={"text": "x"}, headers=headers)
    assert r.status_code == 403 and "refused" in r.json()["error"]
    assert client.get("/api/reviews").json() == []
    assert client.delete("/api/store", headers=headers).status_code == 403


def test_same_origin_requests_are_accepted(client):
    r = client.post("/api/reviews", json={"text": "x"}, headers={"Origin": BASE})
    assert r.status_code == 200


def test_a_form_post_cannot_create_a_review(client):
    """A cross-site form can only send form or text bodies; the API takes JSON only."""
    r = client.post("/api/reviews", content=b'{"text": "x"}', headers={"Content-Type": "text/plain"})
    assert r.status_code in (415, 422)
    assert client.get("/api/reviews").json() == []


def test_allow_remote_lets_other_hosts_in(store):
    with TestClient(create_app(store, allow_remote=True), base_url="http://my-laptop.lan:8765") as c:
        assert c.get("/api/state").status_code == 200


def test_openapi_documents_the_review_api(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/reviews", "/api/reviews/import", "/api/reviews/{rid}/check", "/api/reviews/{rid}/ignore",
            "/api/reviews/{rid}/export", "/api/dictionary", "/api/store"} <= paths.keys()


def test_ignored_findings_leave_the_letter_and_the_exports(client):
    rev = new_review(client)
    res = check(client, rev["id"], STORY)
    dup = next(f for f in res["file"]["findings"] if f["code"] == "TYP006")
    assert any("doubled word" in p["text"] for p in res["file"]["summary"]["priorities"])
    client.post(f"/api/reviews/{rev['id']}/ignore",
                json={"fingerprint": dup["fingerprint"], "code": dup["code"], "excerpt": dup["excerpt"]})
    res2 = check(client, rev["id"], STORY)
    assert not any("doubled word" in p["text"] for p in res2["file"]["summary"]["priorities"])
    page = client.get(f"/api/reviews/{rev['id']}/export", params={"format": "html"}).text
    assert "TYP006" not in page
    import io
    import zipfile

    data = client.get(f"/api/reviews/{rev['id']}/export", params={"format": "comments"}).content
    comments = zipfile.ZipFile(io.BytesIO(data)).read("word/comments.xml").decode()
    assert "TYP006" not in comments and "TYP001" in comments



def test_one_dictionary_for_the_page_and_the_command_line(client):
    from betareader.spelling.personal import change_words, read_words

    change_words(["Quellbrook"])  # as `betareader add-word Quellbrook` does
    try:
        assert "Quellbrook" in client.get("/api/dictionary").json()
        assert client.post("/api/dictionary", json={"word": "thrimbleweed"}).status_code == 200
        assert "thrimbleweed" in read_words()  # `betareader check` reads it from now on
        assert client.delete("/api/dictionary/thrimbleweed").status_code == 200
        assert "thrimbleweed" not in read_words()
        assert client.delete("/api/dictionary/Quellbrook").status_code == 200  # removable from the page too
        assert "Quellbrook" not in read_words()
        change_words(["Quellbrook"])
        client.post("/api/dictionary", json={"word": "thrimbleweed"})
        assert client.delete("/api/store").status_code == 200
        # delete-everything takes the page's words; the one added on the command line stays
        assert read_words() >= {"Quellbrook"} and "thrimbleweed" not in read_words()
    finally:
        change_words([], ["Quellbrook", "thrimbleweed"])
