"""LanguageTool's HTTP API v2 on ``betareader serve`` (issue 18).

The client tests run the real server in a subprocess and talk to it with ``language_tool_python``
(PyPI), a LanguageTool client no one here wrote, and with plain HTTP as the browser add-on does;
what the client sees is compared with ``betareader check --format json`` on the same text.
"""

from __future__ import annotations

import json
import urllib.parse
import warnings

import pytest

from betareader.editors import languagetool as lt
from betareader.rules import REGISTRY
from helpers import Served, betareader

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

# my own lines: an emoji and a combining accent (e + U+0301) before the errors, so that UTF-16
# offsets, code points and bytes all differ
STORY = (
    "Author's note: thank you all 🙂🙂 for the kudos! Cafe\u0301 AU, as promised.\n\n"
    "Wren walked into teh kitchen and and put the kettle on. \"You're late\" Wren said.\n\n"
    "Tobias shrugged. \"The train was slow, i swear.\" He felt tired. 🚂 It was alot of waiting.\n"
)


def _span16(text: str, offset: int, length: int) -> str:
    raw = text.encode("utf-16-le")
    return raw[2 * offset: 2 * (offset + length)].decode("utf-16-le")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lt")
    (tmp / "dictionary.txt").write_text("Tobias\nkerfuffle\n", encoding="utf-8")
    s = Served(tmp)
    s.tmp = tmp
    yield s
    s.stop()


def _post(served, params: dict, headers: dict | None = None, path: str = "/v2/check"):
    import http.client

    c = http.client.HTTPConnection("127.0.0.1", served.port, timeout=120)
    try:
        body = urllib.parse.urlencode(params).encode()
        c.request("POST", path, body=body, headers={"Content-Type": "application/x-www-form-urlencoded", **(headers or {})})
        r = c.getresponse()
        return r.status, dict(r.getheaders()), r.read()
    finally:
        c.close()


def _cli_findings(served, text: str) -> list[tuple[str, int, int]]:
    path = served.tmp / "chapter.txt"
    path.write_text(text, encoding="utf-8")
    env = {"BETAREADER_DICTIONARY": str(served.tmp / "dictionary.txt"), "BETAREADER_DATA_DIR": str(served.data)}
    out = betareader("check", "--format", "json", str(path), cwd=served.tmp, env=env)
    files = json.loads(out.stdout)["files"]
    return sorted((f["code"], f["start"], f["end"]) for f in files[0]["findings"])


# --- a real client ------------------------------------------------------------------------------

def test_language_tool_python_gets_the_findings_of_check_at_the_right_places(served):
    import language_tool_python

    tool = language_tool_python.LanguageTool("en-US", remote_server=f"http://127.0.0.1:{served.port}")
    try:
        matches = tool.check(STORY)
    finally:
        tool.close()
    got = sorted((m.rule_id, m.offset, m.offset + m.error_length) for m in matches)
    assert got == _cli_findings(served, STORY)
    by_code = {m.rule_id: m for m in matches}
    # the client turned LanguageTool's UTF-16 offsets back into Python's: the words are right
    assert STORY[by_code["SPL001"].offset:][:3] == "teh"
    assert by_code["SPL001"].replacements[0] == "the"
    assert by_code["SPL001"].category == "TYPOS" and by_code["SPL001"].rule_issue_type == "misspelling"
    assert STORY[by_code["GRM002"].offset:][:4] == "alot"
    assert "Tobias" not in {STORY[m.offset:m.offset + m.error_length] for m in matches}  # the dictionary's word
    # language_tool_python applies the replacements: the misspelling and the doubled word go
    fixed = language_tool_python.utils.correct(STORY, [by_code["SPL001"], by_code["TYP006"]])
    assert "into the kitchen and put" in fixed


def test_offsets_are_utf16_code_units(served):
    status, headers, body = _post(served, {"text": STORY, "language": "en-US"})
    assert status == 200 and headers["content-type"] == "application/json"  # exactly: langtool.el compares it
    assert int(headers["content-length"]) == len(body)
    answer = json.loads(body)
    spans = {m["rule"]["id"]: _span16(STORY, m["offset"], m["length"]) for m in answer["matches"]}
    assert spans["SPL001"] == "teh"
    assert spans["TYP006"] == "and and"
    assert spans["TYP007"] == "i"
    assert spans["GRM002"] == "alot"
    teh = next(m for m in answer["matches"] if m["rule"]["id"] == "SPL001")
    assert teh["offset"] == STORY.index("teh") + 2  # two emoji before it: two more UTF-16 units
    ctx = teh["context"]
    assert _span16(ctx["text"], ctx["offset"], ctx["length"]) == "teh"
    assert "teh kitchen" in teh["sentence"]
    assert answer["software"]["apiVersion"] == 1
    assert answer["language"]["code"] == "en-US" and answer["language"]["detectedLanguage"]["code"] == "en-US"
    for m in answer["matches"]:
        assert set(m) >= {"message", "shortMessage", "replacements", "offset", "length", "context",
                          "sentence", "type", "rule"}
        assert set(m["rule"]) >= {"id", "description", "issueType", "category"}
        assert m["rule"]["category"]["id"] in lt.CATEGORIES


def test_annotated_text_keeps_offsets_right_around_the_markup(served):
    parts = [{"markup": "<p>", "interpretAs": ""}, {"text": "Wren walked into "},
             {"markup": "<b data-x=\"🙂\">"}, {"text": "teh"}, {"markup": "</b>"},
             {"text": " kitchen."}, {"markup": "</p><p>", "interpretAs": "\n\n"},
             {"text": "It was alot of waiting."}, {"markup": "</p>"}]
    original = "".join(p.get("text", p.get("markup")) for p in parts)
    status, _, body = _post(served, {"data": json.dumps({"annotation": parts}), "language": "en-US"})
    assert status == 200
    spans = {m["rule"]["id"]: _span16(original, m["offset"], m["length"]) for m in json.loads(body)["matches"]}
    assert spans == {"SPL001": "teh", "GRM002": "alot"}


def test_personal_words_rules_and_categories(served):
    text = "Tobias found a kerfufle in teh hall. He felt sad."

    def codes(**params):
        status, _, body = _post(served, {"text": text, "language": "en-GB", **params})
        assert status == 200, body
        return sorted(m["rule"]["id"] for m in json.loads(body)["matches"])

    everything = codes()
    assert "SPL001" in everything and "CRF012" in everything  # a misspelling, a feeling named
    assert "CRF012" not in codes(disabledCategories="STYLE") and "SPL001" in codes(disabledCategories="STYLE")
    assert "CRF012" not in codes(disabledCategories="CRAFT,RULE_ID_BY_MISTAKE")
    assert "SPL001" not in codes(disabledRules="SPL001,WHITESPACE_RULE")  # LanguageTool's own ids are skipped
    assert set(codes(enabledRules="SPL001", enabledOnly="true")) == {"SPL001"}
    assert set(codes(enabledCategories="STYLE", enabledOnly="true")) <= {r.code for r in REGISTRY if r.code.startswith("CRF")}
    assert codes(enabledRules="UPPERCASE_SENTENCE_START", enabledOnly="true") == []
    assert codes(level="picky") == everything


def test_language_auto_and_the_languages_list(served):
    status, _, body = served.request("GET", "/v2/languages")
    langs = json.loads(body)
    assert status == 200 and {"name": "English (GB)", "code": "en", "longCode": "en-GB"} in langs
    status, _, body = _post(served, {"text": "She realised the colour was wrong, and teh tea was cold.", "language": "auto"})
    answer = json.loads(body)
    assert answer["language"]["detectedLanguage"]["code"] == "en-GB"  # the story's own spellings
    assert "SPL001" in [m["rule"]["id"] for m in answer["matches"]]
    german = ("Der Hund ist heute sehr müde und schläft den ganzen Tag im Garten hinter dem alten Haus, "
              "während die Kinder draußen spielen.")
    french = ("Le chat est assis sur le tapis et regarde la fenêtre pendant que la pluie tombe doucement "
              "sur le jardin derrière la vieille maison.")  # French shares many words with English's lexicon
    for other in (german, french):
        answer = json.loads(_post(served, {"text": other, "language": "auto"})[2])
        assert answer["matches"] == [] and answer["language"]["detectedLanguage"]["code"] == "zz"
    status, _, body = _post(served, {"text": german, "language": "de-DE"})  # LibreOffice sends every paragraph's
    assert status == 200 and json.loads(body)["matches"] == []
    assert json.loads(body)["language"]["detectedLanguage"]["code"] == "zz"
    status, _, body = _post(served, {"text": german, "language": "not a language"})
    assert status == 400 and body.startswith(b"Error: 'not a language' is not a language code")


@pytest.mark.parametrize("params", [{"language": "en-US"}, {"text": "x"}, {"data": "{", "language": "en-US"},
                                    {"data": '{"annotation": [{"nothing": 1}]}', "language": "en-US"},
                                    {"text": "x", "language": "en-US", "enabledOnly": "true"}])
def test_bad_requests_are_a_400_in_one_line(served, params):
    status, _, body = _post(served, params)
    assert status == 400 and body.startswith(b"Error: ") and b"\n" not in body.strip()


# --- who may call -------------------------------------------------------------------------------

@pytest.mark.parametrize("origin", ["chrome-extension://abcdefghijklmnop", "moz-extension://1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d",
                                    "safari-web-extension://ABCDEF12-3456", "app://obsidian.md"])
def test_browser_extensions_may_call_the_languagetool_api(served, origin):
    status, headers, body = _post(served, {"text": "Wren walked into teh kitchen.", "language": "en-US"}, {"Origin": origin})
    assert status == 200 and headers["access-control-allow-origin"] == origin
    assert [m["rule"]["id"] for m in json.loads(body)["matches"]] == ["SPL001"]
    status, headers, _ = served.request("OPTIONS", "/v2/check", headers={"Origin": origin, "Access-Control-Request-Method": "POST",
                                                                         "Access-Control-Request-Headers": "content-type"})
    assert status == 204 and headers["access-control-allow-origin"] == origin
    assert "POST" in headers["access-control-allow-methods"]


@pytest.mark.parametrize("origin", ["chrome-extension://abcdefghijklmnop", "https://evil.example", "null",
                                    "http://127.0.0.1.evil.example"])
def test_a_web_page_or_extension_cannot_reach_the_store_or_read_reviews(served, origin):
    made = served.request("POST", "/api/reviews", {"text": "A secret chapter.", "name": "secret"})
    assert made[0] in (200, 201)
    rid = json.loads(made[2])["id"]
    for method, path, body in [("GET", "/api/reviews", None), ("GET", f"/api/reviews/{rid}", None),
                               ("POST", "/api/reviews", {"text": "x"}), ("DELETE", "/api/store", None),
                               ("GET", "/api/dictionary", None), ("POST", "/api/check", {"text": "x"})]:
        status, headers, answer = served.request(method, path, body, headers={"Origin": origin})
        assert status == 403, (origin, path)
        assert b"secret" not in answer and "access-control-allow-origin" not in {k.lower() for k in headers}
    assert served.request("GET", f"/api/reviews/{rid}")[0] == 200  # still there


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "chrome-extension://", "chrome-extension://a b",
                                    "http://localhost:1", "app://obsidian.md.evil.example", "https://obsidian.md"])
def test_a_web_page_cannot_use_the_languagetool_api(served, origin):
    status, headers, _ = _post(served, {"text": "teh", "language": "en-US"}, {"Origin": origin})
    assert status == 403 and "access-control-allow-origin" not in {k.lower() for k in headers}
    status, headers, _ = served.request("OPTIONS", "/v2/check", headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
    assert status != 204 and "access-control-allow-origin" not in {k.lower() for k in headers}


def test_dns_rebinding_is_refused_for_extensions_too(served):
    import http.client

    c = http.client.HTTPConnection("127.0.0.1", served.port, timeout=30)
    c.putrequest("POST", "/v2/check", skip_host=True)
    body = b"text=teh&language=en-US"
    for k, v in (("Host", f"evil.example:{served.port}"), ("Origin", "chrome-extension://abcdefghijklmnop"),
                 ("Content-Type", "application/x-www-form-urlencoded"), ("Content-Length", str(len(body)))):
        c.putheader(k, v)
    c.endheaders(body)
    assert c.getresponse().status == 403
    c.close()


# --- the protocol, without HTTP -----------------------------------------------------------------

def test_every_rule_has_a_languagetool_category():
    for r in REGISTRY:
        cat, issue = lt.category_of(r.code)
        assert cat in lt.CATEGORIES and issue
    assert lt.category_of("CRF011")[0] == "STYLE" and lt.category_of("SPL001") == ("TYPOS", "misspelling")


def test_annotated_text_maps_plain_offsets_back_to_the_original():
    a = lt.annotated(json.dumps({"annotation": [{"text": "ab"}, {"markup": "<br/>", "interpretAs": "\n"}, {"text": "cd"}]}))
    assert a.plain == "ab\ncd" and a.original == "ab<br/>cd"
    assert [a.to_original(i) for i in range(6)] == [0, 1, 2, 7, 8, 9]
    assert a.to_original(3, end=True) == 7 and a.to_original(2, end=True) == 2
    assert a.to_original(2) == 2 and a.to_original(3) == 7  # a span starting at the break starts at its tag


def test_auto_reads_english_as_english():
    # (my own paragraphs: a short one is too short to tell, and counts as English)
    for text in ["Hi!", "Wren ran. Tobias ran after her, shouting that the tide was coming in fast and they "
                        "had to get off the sandbar before it did.",
                 '"Bonjour," said Mara, who had learned exactly one word of French on the ferry and meant to use it.']:
        assert lt.looks_english(text)


def test_utf16_counts_astral_characters_twice():
    text = "a🙂b\u0301𝒳c"
    u = lt.Utf16(text)
    assert [u(i) for i in range(len(text) + 1)] == [len(text[:i].encode("utf-16-le")) // 2 for i in range(len(text) + 1)]


def test_the_server_answers_without_a_subprocess_too():
    from betareader.config import Config
    from betareader.server.app import create_app

    client = TestClient(create_app(config=Config()), base_url="http://127.0.0.1:8081")
    r = client.get("/v2/check", params={"text": "It was alot.", "language": "en-US"})
    assert r.status_code == 200 and [m["rule"]["id"] for m in r.json()["matches"]] == ["GRM002"]
