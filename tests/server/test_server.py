"""The local web app: /api/check speaks the CLI's JSON contract, re-checks use the engine's
cache, bodies are limited, the page is locked down, and ``serve`` stays on loopback unless told."""

import hashlib
import json
import os
import re
import subprocess
import sys
import warnings

import pytest
from click.testing import CliRunner

from betareader.cli import cli
from betareader.config import Config
from betareader.engine import Engine
from betareader.report import json_report
from betareader.report.file_report import FileReport
from betareader.server import check_host, create_app, is_loopback

with warnings.catch_warnings():  # starlette's test client warns about its httpx transport
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

BASE = "http://127.0.0.1:8765"  # the server answers only to loopback Host names

STORY = (
    "# Chapter One\n\n"
    "Mara walked into the kitchen , where the kettle was already singing.\n\n"
    '"I did\'nt know you were home," she said.\n\n'
    "Tomas shrugged. He had been their all morning, waiting for the the post.\n\n"
    "Outside, the rain kept on, grey and patient, against the window.\n"
)


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(), base_url=BASE) as c:
        yield c


def _expected(text: str, fmt: str = "txt") -> dict:
    res = Engine(Config()).check_text(text, format=fmt, path="<request>")
    return json_report.to_dict([FileReport("<request>", fmt, res.doc, res.findings, res.summary)])


def _check(client, text: str, **extra):
    r = client.post("/api/check", json={"text": text, **extra})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    return r


def test_check_returns_the_engines_findings_in_the_cli_contract(client):
    r = _check(client, STORY, format="md")
    got = r.json()
    assert got == _expected(STORY, "md")
    codes = {f["code"] for f in got["files"][0]["findings"]}
    assert {"TYP001", "TYP006"} <= codes  # the space before the comma, "the the"
    # byte for byte what `betareader check - --format json` prints (bar the path)
    cli_out = CliRunner().invoke(cli, ["check", "-", "--format", "json", "--input-format", "md"], input=STORY)
    assert cli_out.exit_code == 1, cli_out.output
    assert r.text == cli_out.stdout.replace('"path": "<stdin>"', '"path": "<request>"')


def test_recheck_after_one_paragraph_edit(client):
    app = client.app
    text = STORY.replace("Mara", "Ilse")  # paragraphs the module's other checks did not cache
    first = _check(client, text).json()["files"][0]["findings"]
    engine = app.state.engines.get([], [])
    assert engine is app.state.engines.get([], [])  # the same engine serves every request
    cached = len(engine._cache)
    # an edit in the last paragraph that keeps the story's vocabulary (GRM003 and DLG005 key their
    # cache on the document's word set, so a new word re-runs every paragraph: see the report)
    edited = text.replace("Outside, the rain", "Outside , the rain")
    second = _check(client, edited).json()
    assert second == _expected(edited)
    assert len(engine._cache) == cached + 1  # only the edited paragraph was analysed again
    findings = second["files"][0]["findings"]
    at = edited.index("Outside ,") + len("Outside")
    assert [(f["code"], f["start"]) for f in findings if (f["code"], f["excerpt"], f["line"]) not in
            {(g["code"], g["excerpt"], g["line"]) for g in first}] == [("TYP001", at)]
    assert len(findings) == len(first) + 1
    for f in findings:  # findings after the edit moved with the text
        assert edited[f["start"]:f["end"]] == f["excerpt"]
    # an edit that brings a new word: still the same findings as a fresh engine
    misspelt = edited.replace("grey and patient", "grey and pateint")
    third = _check(client, misspelt).json()
    assert third == _expected(misspelt)
    assert any(f["excerpt"] == "pateint" for f in third["files"][0]["findings"])


def test_select_and_ignore(client):
    only = _check(client, STORY, select=["TYP001"]).json()["files"][0]["findings"]
    assert [f["code"] for f in only] == ["TYP001"]
    without = _check(client, STORY, ignore=["TYP"]).json()["files"][0]["findings"]
    assert without and not any(f["code"].startswith("TYP") for f in without)
    bad = client.post("/api/check", json={"text": STORY, "select": ["NOPE1"]})
    assert bad.status_code == 400 and "matches no rule" in bad.json()["error"]
    assert client.post("/api/check", json={"text": STORY, "format": "docx"}).status_code == 422


def test_oversize_body_is_refused_with_json():
    with TestClient(create_app(max_body=2000), base_url=BASE) as small:
        r = small.post("/api/check", json={"text": "word " * 1000})
        assert r.status_code == 413 and "limit" in r.json()["error"]
        # no Content-Length (chunked): counted as it arrives
        r = small.post("/api/check", content=iter([b'{"text": "', b"x" * 3000, b'"}']),
                       headers={"content-type": "application/json"})
        assert r.status_code == 413
        assert small.post("/api/check", json={"text": "A short line."}).status_code == 200


def test_default_limit_is_five_megabytes(client):
    body = json.dumps({"text": "a" * (5 * 1024 * 1024)}).encode()
    r = client.post("/api/check", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 413 and r.json() == {"error": "request body over the limit of 5 MB"}


def test_rules_endpoints(client):
    listed = client.get("/api/rules").json()
    cli_rules = json.loads(CliRunner().invoke(cli, ["rules", "--format", "json"]).stdout)
    assert listed == cli_rules and len(listed) > 10
    one = client.get("/api/rules/spl001")
    assert one.status_code == 200
    body = one.json()
    assert body["code"] == "SPL001" and "## What it does" in body["docs"]
    missing = client.get("/api/rules/XYZ999")
    assert missing.status_code == 404 and "XYZ999" in missing.json()["error"]


def test_sample_report_is_self_contained_and_locked_down(client):
    r = client.get("/sample")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", csp) and "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "access-control-allow-origin" not in r.headers
    assert "sample_story.md" in r.text and r.text.count("<mark") > 10  # the planted mistakes
    links = re.findall(r"""(?:src|href)\s*=\s*["']?\s*([^"'\s>]*)""", r.text, re.I)
    assert links and all(v.startswith("#") for v in links), [v for v in links if not v.startswith("#")]
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").json()["paths"].keys() >= {"/api/check", "/api/rules"}


def test_editor_page_loads_only_its_own_assets(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    csp = r.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp and "connect-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "frame-ancestors 'none'" in csp
    links = re.findall(r"""(?:src|href)\s*=\s*["']?\s*([^"'\s>]*)""", r.text, re.I)
    assert sorted(links) == ["/assets/editor.css", "/assets/editor.js"]
    tags = re.findall(r"<[a-z][^>]*>", r.text, re.I)
    assert not [t for t in tags if re.search(r"\son\w+\s*=", t, re.I)]  # no inline handlers
    assert not re.search(r"<script(?![^>]*\bsrc=)", r.text) and "<style" not in r.text  # no inline code
    for name, kind in (("editor.js", "javascript"), ("editor.css", "css")):
        a = client.get("/assets/" + name)
        assert a.status_code == 200 and kind in a.headers["content-type"] and a.headers["x-content-type-options"] == "nosniff"
    js = client.get("/assets/editor.js").text
    assert "innerHTML" not in js and "eval(" not in js and "http://" not in js and "https://" not in js
    assert client.get("/assets/../app.py").status_code == 404 and client.get("/assets/nope.js").status_code == 404


def test_no_cors(client):
    r = client.options("/api/check", headers={"Origin": "http://evil.example",
                                               "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in r.headers
    r = client.post("/api/check", json={"text": "Fine."}, headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in r.headers


def test_markup_in_a_story_comes_back_as_json_data(client):
    text = ('She typed <script>alert(1)</script> into the box , laughing.\n\n'
            '<img src=x onerror="alert(2)"> and <a href="javascript:alert(3)">a link</a> , too.\n')
    r = _check(client, text)
    assert r.headers["content-type"] == "application/json"
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["content-security-policy"].startswith("default-src 'none'")
    got = r.json()["files"][0]
    assert got["text_sha256"] == hashlib.sha256(text.encode()).hexdigest()
    for f in got["findings"]:
        assert text[f["start"]:f["end"]] == f["excerpt"]
    assert any(f["code"] == "TYP001" for f in got["findings"])


@pytest.mark.parametrize("host", ["127.0.0.1", "127.3.2.1", "localhost", "::1", "[::1]", "LOCALHOST"])
def test_loopback_hosts_are_allowed(host):
    assert is_loopback(host) and check_host(host, False) is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "10.0.0.1", "example.com", "my-laptop"])
def test_other_hosts_need_allow_remote(host):
    reason = check_host(host, False)
    assert reason and "--allow-remote" in reason and "\n" not in reason
    assert check_host(host, True) is None


def test_serve_refuses_a_public_address_without_the_flag():
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("betareader: error: refusing to listen on 0.0.0.0")


def test_serve_really_serves_on_loopback(tmp_path):
    import httpx

    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "betareader", "serve", "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert m, (line, proc.stderr.read() if proc.poll() is not None else "")
        url = m.group(0)
        for _ in range(100):
            try:
                r = httpx.get(url + "api/rules/TYP001", timeout=5)
                break
            except httpx.ConnectError:
                import time

                time.sleep(0.1)
        assert r.status_code == 200 and r.json()["code"] == "TYP001"
        r = httpx.post(url + "api/check", json={"text": "A space , here."}, timeout=30)
        assert [f["code"] for f in r.json()["files"][0]["findings"]] == ["TYP001"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_the_cli_does_not_load_the_web_stack():
    code = ("import sys; from betareader.cli import cli; import betareader.server; "
            "print(sorted(m for m in ('fastapi', 'uvicorn', 'starlette') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
