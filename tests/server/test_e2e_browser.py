"""The editor page end to end: the real ``betareader serve`` (a subprocess with its own data
folder and dictionary in tmp) driven by headless Chromium through Playwright.

One server and one browser serve the whole module; every test has its own browser context.
The tests skip only when there is no Chromium executable (.ci/run installs Debian's).
"""

from __future__ import annotations

import html
import os
import re
import time
import zipfile
from pathlib import Path

import pytest
from e2e_helpers import CHROMIUM, CHROMIUM_ARGS, Session, have_chromium, start_server, stop_server

pytestmark = pytest.mark.skipif(not have_chromium(), reason=f"no Chromium executable ({CHROMIUM}): "
                                "install Debian's chromium package to run the browser tests")

ROOT = Path(__file__).resolve().parents[2]

# Five paragraphs with planted errors: "the the" (TYP006), "stone ," (TYP001), "i think" (TYP007),
# "alot" (GRM002).
PLANTED = (
    "Nell carried the lantern down to the the cellar, counting the steps as she went.\n\n"
    "The cellar smelled of apples and wet stone , and somewhere a tap was dripping.\n\n"
    "When she reached the bottom, i think she heard her brother laughing upstairs.\n\n"
    "He had told her alot of stories about the cellar, and none of them were kind.\n\n"
    "She set the lantern on a barrel and looked for the jar of plums her mother wanted."
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = start_server(tmp_path_factory.mktemp("e2e"))
    yield s
    stop_server(s)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
    finally:
        pw.stop()


@pytest.fixture
def session(server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, accept_downloads=True)
    context.set_default_timeout(30_000)
    s = Session(context.new_page(), server)
    s.attach()
    s.page.on("dialog", lambda d: (s.dialogs.append(d.message), d.accept() if s.accept_dialogs else d.dismiss()))
    yield s
    context.close()


def _one(findings, code, excerpt=None):
    hits = [f for f in findings if f["code"] == code and (excerpt is None or f["excerpt"] == excerpt)]
    assert len(hits) == 1, (code, excerpt, findings)
    return hits[0]


def _eventually(predicate, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def _apply(text: str, fix: dict) -> str:
    for e in sorted(fix["edits"], key=lambda e: e["start"], reverse=True):
        text = text[: e["start"]] + e["text"] + text[e["end"]:]
    return text


# -- 1. start-up -------------------------------------------------------------------------------


def test_the_page_opens_the_sample_story_marked_up_and_talks_only_to_its_server(session, server):
    server.reset()
    response = session.page.goto(server.url)
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and "connect-src 'self'" in csp
    session.settle(0)

    reviews = server.api("GET", "/api/reviews")
    assert [r["name"] for r in reviews] == ["sample_story.md"]
    assert session.review_id() == reviews[0]["id"]
    assert session.text() == (ROOT / "src/betareader/data/sample_story.md").read_text(encoding="utf-8")
    marks = session.marks()
    assert len(marks) > 10
    assert {"k-error", "k-craft"} <= {m["cls"] for m in marks}
    assert "the the" in [m["text"] for m in marks]  # the sample's planted "the the"
    listed = session.listed()
    assert len(listed) > 10 and session.page.inner_text("#count") == f"({len(listed)})"
    assert {f["fp"] for f in listed} == {f["fingerprint"] for f in server.findings(session.text())}
    session.assert_backdrop_matches()
    assert re.search(r"[\d,]+ words · \d+ errors? · \d+ craft notes? · checked in \d+ ms · saved",
                     session.page.inner_text("#status"))

    # the filters: errors off leaves the craft notes, marks and list alike
    n_errors = sum(m["cls"] == "k-error" for m in marks)
    session.page.uncheck('#filters input[data-kind="error"]')
    assert {m["cls"] for m in session.marks()} == {"k-craft"}
    assert session.page.locator("#finding-list li.k-error").count() == 0
    session.page.check('#filters input[data-kind="error"]')
    assert sum(m["cls"] == "k-error" for m in session.marks()) == n_errors
    session.page.uncheck('#filters input[data-family="TYP"]')
    assert "TYP" not in {f["code"][:3] for f in session.listed()}
    session.page.check('#filters input[data-family="TYP"]')
    assert len(session.listed()) == len(listed)

    # the beta letter
    session.tab("letter")
    assert session.page.locator("#strengths li:not(.note)").count() >= 1
    assert session.page.locator("#priorities li:not(.note)").count() >= 1
    assert session.page.locator("#figures dt").count() >= 3
    session.wait_for("() => [...document.querySelectorAll('#charts img')].every((i) => i.complete)")

    assert len(session.requests) >= 6
    session.assert_clean()
    assert session.dialogs == []


def test_the_beta_letter_shows_its_charts(session, server):
    server.reset()
    session.open()
    session.tab("letter")
    session.wait_for("() => [...document.querySelectorAll('#charts img')].every((i) => i.complete)")
    charts = session.page.evaluate("""() => [...document.querySelectorAll('#charts img')].map(
        (i) => [i.alt, i.naturalWidth > 0])""")
    assert charts == [["Sentence length across the story", True], ["Dialogue share per chapter or scene", True],
                      ["Most overused words", True]]
    session.assert_clean()


# -- 2. accept, ignore, reload, edit elsewhere ---------------------------------------------------


def test_accept_ignore_survive_a_reload_and_an_edit_elsewhere(session, server):
    session.open()
    session.new_story(PLANTED)
    rid = session.review_id()
    session.assert_backdrop_matches()
    findings = server.findings(PLANTED)
    twice = _one(findings, "TYP006", "the the")
    pronoun = _one(findings, "TYP007", "i")
    assert {f["fp"] for f in session.listed()} == {f["fingerprint"] for f in findings}

    # clicking the highlighted words opens their card
    session.click_text_at(twice["fingerprint"])
    assert session.card() == twice["fingerprint"]
    assert session.page.inner_text("#card-code") == "TYP006"
    assert session.page.inner_text("#card-excerpt") == "the the"
    assert session.page.get_attribute("#accept", "title") == "“ the” → nothing"
    n = session.checked()
    session.page.click("#accept")
    session.settle(n)
    fixed = _apply(PLANTED, twice["fix"])
    assert fixed.startswith("Nell carried the lantern down to the cellar, counting")
    assert session.text() == fixed
    assert "TYP006" not in {f["code"] for f in session.listed()}
    assert "the the" not in [m["text"] for m in session.marks()]
    assert server.api("GET", f"/api/reviews/{rid}")["text"] == fixed  # saved with the check
    # the browser's own undo takes an accepted fix back, and redo applies it again
    n = session.checked()
    session.page.keyboard.press("Control+z")
    session.settle(n)
    assert session.text() == PLANTED
    n = session.checked()
    session.page.keyboard.press("Control+Shift+z")
    session.settle(n)
    assert session.text() == fixed
    # the page logs the accepted fix without waiting for the answer
    assert _eventually(lambda: server.api("GET", f"/api/reviews/{rid}")["accepted"] == 1)

    # ignore "i" (chosen in the list): it leaves the list and the text, and joins the ignored list
    pronoun_fp = _one(server.findings(fixed), "TYP007", "i")["fingerprint"]
    assert pronoun_fp == pronoun["fingerprint"]  # the fix elsewhere kept its fingerprint
    session.page.click(f'#finding-list li[data-fp="{pronoun_fp}"]')
    assert session.page.inner_text("#card-code") == "TYP007"
    session.page.click("#ignore")
    session.wait_for("() => document.getElementById('ignored-count').textContent === '1'")
    assert pronoun_fp not in {f["fp"] for f in session.listed()}
    assert pronoun_fp not in {m["fp"] for m in session.marks()}
    assert session.page.locator("#card").is_hidden()
    session.page.click("#ignored-box summary")
    assert re.fullmatch(r"TYP007 i show again", session.page.inner_text("#ignored-list li").strip())

    # a reload opens the same review, edited, with the ignore still applied (from the store)
    session.page.reload()
    session.settle(0)
    assert session.review_id() == rid and session.text() == fixed
    assert session.page.inner_text("#ignored-count") == "1"
    shown = {f["fp"] for f in session.listed()}
    assert pronoun_fp not in shown and pronoun_fp in {f["fingerprint"] for f in server.findings(fixed)}
    assert _one(server.findings(fixed), "TYP001")["fingerprint"] in shown
    session.assert_backdrop_matches()

    # type at the end of the last paragraph: the ignored finding keeps its fingerprint, stays hidden
    n = session.checked()
    session.page.focus("#text")
    session.page.evaluate("() => { const t = document.getElementById('text'); t.setSelectionRange(t.value.length, t.value.length); }")
    session.page.keyboard.type(" The shelf was empty.")
    session.settle(n)
    edited = fixed + " The shelf was empty."
    assert session.text() == edited
    assert server.api("GET", f"/api/reviews/{rid}")["text"] == edited
    assert pronoun_fp in {f["fingerprint"] for f in server.findings(edited)}
    shown = session.listed()
    assert pronoun_fp not in {f["fp"] for f in shown}
    assert {"TYP001", "GRM002"} <= {f["code"] for f in shown}
    session.assert_backdrop_matches()
    session.assert_clean()


def test_offsets_hold_across_astral_characters_and_a_fix(session, server):
    """The server counts code points, the page UTF-16 units: marks sit on their words after
    emoji and other characters outside the BMP, and a fix lands exactly."""
    story = ("🕯️ Nell 𝒲rote the the date on the 🍎 crate , slowly.\n\n"
             "Then 😀😀 she said i think and went upstairs.")
    session.open()
    session.new_story(story)
    findings = server.findings(story)
    marks = {m["fp"]: m["text"] for m in session.marks()}
    for f in findings:
        if f["kind"] == "error":
            assert marks[f["fingerprint"]] == f["excerpt"]
    twice = _one(findings, "TYP006", "the the")
    session.click_text_at(twice["fingerprint"])
    assert session.card() == twice["fingerprint"]
    n = session.checked()
    session.page.click("#accept")
    session.settle(n)
    assert session.text() == _apply(story, twice["fix"]) == story.replace("the the", "the", 1)
    session.assert_backdrop_matches()
    session.assert_clean()


def test_a_click_anywhere_on_a_mark_opens_its_card(session, server):
    session.open()
    session.new_story(PLANTED)
    for code, excerpt in (("TYP007", "i"), ("TYP001", " ")):
        f = _one(server.findings(PLANTED), code, excerpt)
        for where in (0.25, 0.75):
            session.page.keyboard.press("Escape")
            assert session.card() is None
            session.click_text_at(f["fingerprint"], where)
            assert session.card() == f["fingerprint"], (code, where)


def test_the_last_keystrokes_are_saved_when_the_page_is_left(session, server):
    session.open()
    session.new_story(PLANTED)
    rid = session.review_id()
    session.page.focus("#text")
    session.page.evaluate("() => { const t = document.getElementById('text'); t.setSelectionRange(0, 0); }")
    session.page.keyboard.type("Late. ")
    session.page.reload()  # before the debounced check: the page sends it as it unloads
    session.settle(0)
    assert session.review_id() == rid
    assert session.text() == "Late. " + PLANTED
    session.assert_clean()


def test_an_ignore_made_while_a_check_is_on_its_way_holds(session, server):
    session.open()
    session.new_story(PLANTED)
    pronoun = _one(server.findings(PLANTED), "TYP007", "i")["fingerprint"]
    held = []

    release = []

    def hold(route):  # the server answers now (before the ignore); the answer arrives later
        if release:
            route.continue_()  # (once released, checks go straight through)
        else:
            held.append((route, route.fetch()))

    session.page.route("**/check", hold)
    session.page.focus("#text")
    session.page.evaluate("() => { const t = document.getElementById('text'); t.setSelectionRange(t.value.length, t.value.length); }")
    session.page.keyboard.type(" Done.")
    session.wait_for("() => document.getElementById('status').textContent.startsWith('editing')")
    deadline = 100
    while not held and deadline:  # the debounced check goes out
        session.page.wait_for_timeout(50)
        deadline -= 1
    assert held
    session.page.click(f'#finding-list li[data-fp="{pronoun}"]')
    session.page.click("#ignore")
    session.wait_for("() => document.getElementById('ignored-count').textContent === '1'")
    assert pronoun not in {f["fp"] for f in session.listed()}
    n = session.checked()
    # the answer made before the ignore arrives first; the check the ignore asks for (if it went out
    # while the route held it) after it, and any later one goes straight through
    release.append(True)
    # a check asked for while the route still held checks may reach `hold` late (its fetch yields
    # to the event loop): keep letting through whatever is held until the page has settled
    for _ in range(1500):
        while held:
            route, response = held.pop(0)
            route.fulfill(response=response)
        now, status = session.page.evaluate(
            "() => [document.body.dataset.checked || '0', document.getElementById('status').textContent]")
        if int(now) > n and not status.startswith("editing"):
            break
        session.page.wait_for_timeout(20)
    session.settle(n)
    assert session.page.inner_text("#ignored-count") == "1"
    assert pronoun not in {f["fp"] for f in session.listed()}
    assert pronoun not in {m["fp"] for m in session.marks()}


# -- 3. the page's dictionary --------------------------------------------------------------------


INVENTED = (
    "The old woman pulled a vrelkish from her basket and set it on the table.\n\n"
    "Nobody in the village had seen one before, and nobody wanted to touch it."
)


def test_add_to_dictionary_and_remove_again(session, server):
    session.open()
    session.new_story(INVENTED)
    spl = [f for f in session.listed() if f["code"].startswith("SPL")]
    assert [f["excerpt"] for f in spl] == ["vrelkish"]
    fp = spl[0]["fp"]
    session.click_text_at(fp)
    assert session.card() == fp
    assert session.page.inner_text("#add-word") == "Add “vrelkish” to dictionary"
    n = session.checked()
    session.page.click("#add-word")
    n = session.settle(n)
    assert not [f for f in session.listed() if f["code"].startswith("SPL")]
    assert "vrelkish" not in [m["text"] for m in session.marks()]
    assert server.api("GET", "/api/dictionary") == ["vrelkish"]
    session.tab("dictionary")
    assert session.page.locator("#word-list li span").all_inner_texts() == ["vrelkish"]

    session.page.click("#word-list li button")
    session.settle(n)
    assert session.page.locator("#word-list li").count() == 0
    assert server.api("GET", "/api/dictionary") == []
    assert [f["excerpt"] for f in session.listed() if f["code"].startswith("SPL")] == ["vrelkish"]
    assert "vrelkish" in [m["text"] for m in session.marks()]
    session.assert_clean()


# -- 4. exports ----------------------------------------------------------------------------------


EXPORTED = (
    "Tom & Jerry <3 was scrawled on the cellar door in chalk.\n\n"
    "Nell read it twice , then rubbed it out with her sleeve.\n\n"
    "She did not know who had written it, and she did not want to know."
)


def test_exports_txt_docx_comments_and_html(session, server, tmp_path):
    import docx

    session.open()
    session.new_story(EXPORTED)
    # typed and exported at once: the export waits for the check that saves the text
    session.page.focus("#text")
    session.page.evaluate("() => { const t = document.getElementById('text'); t.setSelectionRange(t.value.length, t.value.length); }")
    session.page.keyboard.type(" Not yet.")
    txt = session.download("txt", tmp_path / "story.txt").read_text(encoding="utf-8")
    assert txt == session.text() == EXPORTED + " Not yet."
    paragraphs = txt.split("\n\n")

    d = docx.Document(str(session.download("docx", tmp_path / "story.docx")))
    assert [p.text for p in d.paragraphs if p.text.strip()] == paragraphs

    commented = session.download("comments", tmp_path / "review.docx")
    with zipfile.ZipFile(commented) as z:
        comments = z.read("word/comments.xml").decode("utf-8")
    assert comments.count("<w:comment ") >= 1
    assert "TYP001" in comments  # "twice ," has a space before its comma

    report = session.download("html", tmp_path / "review.html").read_text(encoding="utf-8")
    assert "Tom &amp; Jerry &lt;3 was scrawled" in report and "Jerry <3" not in report
    assert html.escape(paragraphs[2], quote=False) in report
    session.assert_clean()


# -- 5. opening files ----------------------------------------------------------------------------


AO3_PAGE = """<!DOCTYPE html>
<html><head><meta charset="UTF-8"><title>The Lantern - quillandsalt - Archive of Our Own</title></head>
<body>
<div id="preface">
  <p class="message"><b>The Lantern</b><br/>Posted originally on the <a href="http://archiveofourown.org/">Archive of Our Own</a> at <a href="http://archiveofourown.org/works/1">http://archiveofourown.org/works/1</a>.</p>
  <div class="meta">
    <dl class="tags">
      <dt>Rating:</dt><dd><a href="http://archiveofourown.org/tags/General">General Audiences</a></dd>
      <dt>Fandom:</dt><dd><a href="http://archiveofourown.org/tags/x">Cellar Tales</a></dd>
    </dl>
    <h1>The Lantern</h1>
    <div class="byline">by <a rel="author" href="http://archiveofourown.org/users/quillandsalt">quillandsalt</a></div>
    <p>Summary</p>
    <blockquote class="userstuff"><p>Nell goes down to the cellar.</p></blockquote>
  </div>
</div>
<div id="chapters" class="userstuff">
<div class="userstuff">
<p>Orla held the lantern high while the stairs creaked under her boots.</p>
<p>At the bottom the air was cold, and the the jars glittered on their shelves.</p>
</div>
</div>
<div id="afterword">
  <p class="message">Please <a href="http://archiveofourown.org/works/1#comments">drop by the archive and comment</a> to let the author know if you enjoyed their work!</p>
</div>
</body></html>
"""


def test_open_a_docx_and_an_ao3_download(session, server, tmp_path):
    import docx

    session.open()
    paragraphs = ["Orla counted the jars twice before she trusted the number.",
                  "There were eleven , and her mother had sworn there were twelve."]
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    path = tmp_path / "Eleven Jars.docx"
    d.save(str(path))
    n = session.checked()
    session.page.set_input_files("#file-input", str(path))
    session.settle(n)
    assert session.text() == "\n\n".join(paragraphs)
    assert session.page.locator("#review-picker option:checked").inner_text().startswith("Eleven Jars.docx")
    assert "TYP001" in {f["code"] for f in session.listed()}
    session.assert_backdrop_matches()

    path = tmp_path / "The Lantern.html"
    path.write_text(AO3_PAGE, encoding="utf-8")
    n = session.checked()
    session.page.set_input_files("#file-input", str(path))
    session.settle(n)
    text = session.text()
    assert "Orla held the lantern high while the stairs creaked under her boots." in text
    assert text.index("Orla held") < text.index("At the bottom the air was cold")
    for boilerplate in ("Posted originally", "drop by the archive", "General Audiences", "Rating"):
        assert boilerplate not in text
    assert "TYP006" in {f["code"] for f in session.listed()}
    assert session.page.locator("#review-picker option:checked").inner_text().startswith("The Lantern.html")
    session.assert_backdrop_matches()

    # a file dropped on the page
    n = session.checked()
    session.page.evaluate("""() => {
        const dt = new DataTransfer();
        dt.items.add(new File(['Dropped at dawn , the letter lay on the mat.\\n'], 'letter.md', {type: 'text/markdown'}));
        for (const type of ['dragenter', 'dragover', 'drop'])
            document.getElementById('editor').dispatchEvent(new DragEvent(type, {dataTransfer: dt, bubbles: true, cancelable: true}));
    }""")
    session.settle(n)
    assert session.text() == "Dropped at dawn , the letter lay on the mat.\n"
    assert session.page.locator("#drop-hint").is_hidden()
    assert session.page.locator("#review-picker option:checked").inner_text().startswith("letter.md")
    assert "TYP001" in {f["code"] for f in session.listed()}
    session.assert_clean()


# -- 6. hostile text stays text ------------------------------------------------------------------


HOSTILE = (
    "Nell wrote <script>window.__pwned=1</script> on the slate , and laughed.\n\n"
    'Then she drew <img src=x onerror="window.__pwned=2"> beside it.\n\n'
    "Her brother added [link](javascript:window.__pwned=3) and "
    '<a href="javascript:window.__pwned=4">click</a> underneath, and the the chalk broke.'
)

#: JavaScript run in a page: every element that could run script or fetch something, outside
#: the page's own script and chart images
_ACTIVE = """(root) => {
  const bad = [];
  for (const el of (root || document).querySelectorAll('*')) {
    if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName) && !(el.tagName === 'SCRIPT' && el.src.endsWith('/assets/editor.js'))) bad.push(el.outerHTML);
    if (el.tagName === 'IMG' && !(el.closest('#charts') && /\\/api\\/reviews\\/[0-9a-f]+\\/charts\\//.test(el.src))) bad.push(el.outerHTML);
    for (const a of el.attributes) {
      if (/^on/i.test(a.name) || /^\\s*javascript:/i.test(a.value)) bad.push(el.outerHTML.slice(0, 200));
    }
  }
  return bad;
}"""


def test_story_text_that_looks_like_html_stays_inert(session, server, tmp_path):
    session.open()
    session.new_story(HOSTILE)
    assert session.text() == HOSTILE
    backdrop = session.page.evaluate("() => document.getElementById('backdrop').textContent")
    assert backdrop == HOSTILE + "\u200b\n"
    assert {"TYP001", "TYP006"} <= {f["code"] for f in session.listed()}
    # open every finding's card and the beta letter: their texts quote the story too
    for fp in [f["fp"] for f in session.listed()]:
        session.page.click(f'#finding-list li[data-fp="{fp}"]')
        assert session.card() == fp
    session.tab("letter")
    session.wait_for("() => [...document.querySelectorAll('#charts img')].every((i) => i.complete)")
    assert session.page.evaluate("() => window.__pwned") is None
    assert session.page.evaluate("""() => [...document.querySelectorAll(
        '#backdrop *:not(mark):not(span.anchor:empty), #side script, #side a')].map((e) => e.outerHTML)""") == []
    assert session.page.evaluate(_ACTIVE, None) == []
    assert not [u for u in session.requests if re.search(r"/x$|javascript:", u)]
    assert session.dialogs == []
    # charts a short story has too little text for answer 404, which Chromium logs
    session.assert_clean(allow_console=[r"status of 404 .*/charts/[a-z-]+\.svg"])

    # the HTML report, opened from a file: nothing of the story runs or loads there either
    report = session.download("html", tmp_path / "hostile-review.html")
    body = report.read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in body
    page = session.page.context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append(d.message), d.dismiss()))
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(report.as_uri())
    page.wait_for_load_state("load")
    assert page.evaluate("() => window.__pwned") is None
    assert [u for u in requests if u != report.as_uri()] == []
    scripts = page.evaluate("() => [...document.scripts].map((s) => s.src + s.textContent)")
    assert len(scripts) <= 1 and not any("__pwned" in s for s in scripts)  # only the report's own
    active = page.evaluate(_ACTIVE.replace("el.tagName === 'SCRIPT' && el.src.endsWith('/assets/editor.js')",
                                           "el.tagName === 'SCRIPT' && !el.textContent.includes('__pwned')"), None)
    assert active == []
    assert "<script>window.__pwned=1</script>" in page.inner_text("body")
    assert errors == []
    page.close()


# -- 7. delete my data ---------------------------------------------------------------------------


def test_delete_my_data_empties_the_store_and_the_file(session, server):
    marker = "Quillifrondescent" + os.urandom(4).hex()
    session.open()
    session.new_story(f"The lighthouse keeper was called {marker}, and nobody believed it.\n\n"
                      f"{marker} kept a diary , every day of his life.")
    rid = session.review_id()
    tsp = _one(server.findings(session.text()), "TYP001")
    session.page.click(f'#finding-list li[data-fp="{tsp["fingerprint"]}"]')
    session.page.click("#ignore")
    session.wait_for("() => document.getElementById('ignored-count').textContent === '1'")
    server.api("POST", "/api/dictionary", {"word": marker})
    assert marker.encode() in server.db_bytes()  # the test can see a trace when there is one

    session.accept_dialogs = True
    n = session.checked()
    session.page.click("#delete-all")
    session.settle(n)
    session.wait_for("() => document.getElementById('status').textContent === 'Your data was deleted.'")
    assert len(session.dialogs) == 1 and "cannot be undone" in session.dialogs[0]
    reviews = server.api("GET", "/api/reviews")
    assert [r["name"] for r in reviews] == ["sample_story.md"] and reviews[0]["id"] != rid
    assert session.review_id() == reviews[0]["id"]
    assert server.api("GET", "/api/dictionary") == []
    assert session.page.locator("#word-list li").count() == 0
    assert session.page.inner_text("#ignored-count") == "0"
    assert session.text().startswith("# Side B, Chapter 3")
    data = server.db_bytes()
    assert marker.encode() not in data and marker.encode("utf-16-le") not in data
    assert b"lighthouse keeper" not in data
    session.assert_clean()


# -- 8. a picture for the README -------------------------------------------------------------------


def test_step_through_findings_with_f8_and_the_arrows(session, server):
    session.open()
    session.new_story(PLANTED)
    order = [f["fingerprint"] for f in sorted(server.findings(PLANTED), key=lambda f: (f["start"], f["end"]))]
    session.page.focus("#text")
    session.page.evaluate("() => document.getElementById('text').setSelectionRange(0, 0)")
    session.page.keyboard.press("F8")
    assert session.card() == order[0]
    session.page.click("#card-next")
    assert session.card() == order[1]
    session.page.click("#card-prev")
    session.page.click("#card-prev")
    assert session.card() == order[-1]  # it wraps around
    session.page.keyboard.press("Shift+F8")
    assert session.card() == order[-2]
    session.assert_clean()


def _long_work(chapters: int = 8, paragraphs: int = 64) -> str:
    """A made-up work of about 27,000 words in chapters, long enough for the page to show one
    chapter at a time."""
    import random

    rng = random.Random(7)
    who = ["Nell", "Tomas", "the ferryman", "her aunt", "the old dog", "Marguerite"]
    did = ["walked along the quay", "counted the crates twice", "looked out over the grey water",
           "mended the torn sail", "waited for the morning post", "wrote a long letter home"]
    how = ["before the tide turned", "while the gulls argued overhead", "as the lamps were lit",
           "without a word to anyone", "until the light was gone", "in the cold of the early morning"]
    out = []
    for c in range(1, chapters + 1):
        out.append(f"# Chapter {c}")
        for _ in range(paragraphs):
            out.append(" ".join(f"{rng.choice(who)} {rng.choice(did)} {rng.choice(how)}.".capitalize()
                                for _ in range(5)))
    return "\n\n".join(out)


def test_a_long_work_is_edited_one_chapter_at_a_time(session, server):
    base = _long_work()
    ch2, ch6 = base.index("# Chapter 2"), base.index("# Chapter 6")
    p2 = base.index("\n\n", ch2) + 2  # chapter 2's first paragraph
    p6 = base.index("\n\n", ch6) + 2
    text = base[:p6] + "It was the the end of it all. " + base[p6:]
    text = text[:p2] + "She stood up , slowly. " + text[p2:]
    assert len(text) > 150_000
    session.open()
    session.new_story(text)
    # one chapter in the text box, the whole work on the server
    session.wait_for("() => document.querySelector('#chapters button.current') !== null")
    assert session.text().startswith("# Chapter 1") and "# Chapter 2" not in session.text()
    assert session.page.inner_text("#chapters button.current") == "Chapter 1"
    assert session.page.locator("#chapter-list li.whole button").count() == 1
    session.assert_backdrop_matches()

    # chapter 6 from the list of chapters; accept the doubled word's fix there
    session.page.click("#chapter-list button:text-is('Chapter 6')")
    assert session.text().startswith("# Chapter 6") and "# Chapter 7" not in session.text()
    twice = _one(server.findings(text), "TYP006", "the the")
    session.click_text_at(twice["fingerprint"])
    assert session.card() == twice["fingerprint"]
    n = session.checked()
    session.page.click("#accept")
    session.settle(n)
    fixed = _apply(text, twice["fix"])
    rid = session.review_id()
    assert server.api("GET", f"/api/reviews/{rid}")["text"] == fixed
    session.assert_backdrop_matches()

    # a finding of chapter 2 chosen in the list brings chapter 2 into the text box
    space = _one(server.findings(fixed), "TYP001")
    session.page.click(f'#finding-list li[data-fp="{space["fingerprint"]}"]')
    assert session.page.inner_text("#card-code") == "TYP001"
    assert session.text().startswith("# Chapter 2") and session.page.inner_text("#chapters button.current") == "Chapter 2"
    assert session.page.locator(f'#backdrop mark[data-fp="{space["fingerprint"]}"]').count() == 1

    # typing at the end of chapter 2 lands just before chapter 3 in the whole text
    n = session.checked()
    session.page.focus("#text")
    session.page.evaluate("() => { const t = document.getElementById('text'); t.setSelectionRange(t.value.length, t.value.length); }")
    session.page.keyboard.type(" The end.")
    session.settle(n)
    at = fixed.index("\n\n# Chapter 3")
    assert server.api("GET", f"/api/reviews/{rid}")["text"] == fixed[:at] + " The end." + fixed[at:]
    session.assert_backdrop_matches()

    # the whole story again
    session.page.click("#chapter-list li.whole button")
    assert session.text() == fixed[:at] + " The end." + fixed[at:]
    session.assert_clean()


def test_screenshot_of_the_sample_story(session, server, tmp_path):
    server.reset()
    session.page.set_viewport_size({"width": 1400, "height": 900})
    session.open()
    # a finding's card open, as a writer sees it after clicking a mark
    fp = next(m["fp"] for m in session.marks() if m["text"] == "the the")
    session.click_text_at(fp)
    assert session.card() == fp
    session.page.evaluate("() => document.activeElement.blur()")
    session.page.locator("#editor-pane").evaluate("(p) => p.scrollTop = 0")
    if os.environ.get("BETAREADER_SCREENSHOT") == "1":
        out = ROOT / "benchmarks" / "results" / "editor.png"
        out.parent.mkdir(parents=True, exist_ok=True)
    else:
        out = tmp_path / "editor.png"
    session.page.screenshot(path=str(out))
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 20_000
    session.assert_clean()


# -- first use (issue 16) ------------------------------------------------------------------------


def test_an_error_opening_a_file_shows_in_a_banner_when_the_story_is_scrolled(session, server, tmp_path):
    session.open()
    session.page.evaluate("() => { const p = document.getElementById('editor-pane'); p.scrollTop = p.scrollHeight; }")
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 this is not a real Word file")
    session.page.set_input_files("#file-input", str(bad))
    session.wait_for("() => !document.getElementById('error').hidden")
    box = session.page.locator("#error").bounding_box()
    bar = session.page.locator("#bar").bounding_box()
    assert box is not None and box["y"] >= bar["y"] + bar["height"] - 1 and box["y"] < 200  # under the bar, on screen
    assert "docx" in session.page.inner_text("#error").lower() or "word" in session.page.inner_text("#error").lower()


def test_the_card_shows_what_accept_changes_and_renders_the_rule(session, server):
    session.open()
    session.new_story('"Stay." She said, and the door closed behind her before anyone could answer.')
    f = _one(server.findings('"Stay." She said, and the door closed behind her before anyone could answer.'), "DLG001")
    item = session.page.locator(f'#finding-list li[data-fp="{f["fingerprint"]}"]')
    # the list shows the words around a lone mark, not a bare "."
    assert item.locator(".excerpt").inner_text().startswith('"Stay.')
    item.click()
    preview = session.page.locator("#card-fix")
    assert preview.is_visible()
    assert preview.locator(".before del").all_inner_texts() == [".", "S"]
    assert preview.locator(".after ins").all_inner_texts() == [",", "s"]
    session.page.click("#card-docs summary")
    docs = session.page.locator("#card-docs-body")
    assert docs.locator("code").count() >= 1 and "`" not in docs.inner_text()
    session.assert_clean()


def test_pasted_reviews_get_names_and_the_picker_keeps_up(session, server):
    session.open()
    n = session.checked()
    session.page.click("#new-review")
    session.settle(n)
    picked = lambda: session.page.evaluate(  # noqa: E731
        "() => { const s = document.getElementById('review-picker'); return s.options[s.selectedIndex].text; }")
    assert re.fullmatch(r"Untitled \d+ \(0 characters\)", picked())
    text = "The lighthouse keeper counted the gulls every morning before the fog came in."
    n = session.checked()
    session.page.fill("#text", text)
    session.settle(n)
    session.wait_for(f"() => document.getElementById('review-picker').selectedOptions[0].text.includes('({len(text)} characters)')")
    assert picked().startswith("The lighthouse keeper counted the gulls... (77 characters)")


def test_only_charts_with_something_to_show_are_asked_for(session, server):
    session.open()
    session.new_story("The fog came in. It stayed all day. Nobody went out.")
    session.tab("letter")
    # a short text: the letter says so rather than showing an empty list
    assert "few hundred words" in session.page.inner_text("#strengths")
    session.wait_for("() => [...document.querySelectorAll('#charts img')].every((i) => i.complete)")
    asked = [u for u in session.requests if "/charts/" in u]
    assert not any("overused" in u or "dialogue-share" in u for u in asked)
    session.assert_clean()  # no 404 in the console


def test_chapter_counts_are_labelled(session, server):
    session.open()
    session.new_story("# One\n\nShe put the the cup down.\n\n# Two\n\nHe went home , slowly.")
    labels = session.page.evaluate("() => [...document.querySelectorAll('#chapter-list .n')].map((n) => n.textContent)")
    assert labels == [" · 1 finding", " · 1 finding"]


def test_an_ignored_finding_leaves_the_counts_and_the_letter(session, server):
    session.open()
    text = "Mara put the the cup down on the table and looked out at the rain for a long time."
    session.new_story(text)
    f = _one(server.findings(text), "TYP006")
    session.tab("letter")
    assert "Fix the typography and punctuation error" in session.page.inner_text("#priorities")
    session.tab("findings")
    session.page.locator(f'#finding-list li[data-fp="{f["fingerprint"]}"]').click()
    n = session.checked()
    session.page.click("#ignore")
    session.settle(n)
    assert " 0 errors" in session.page.inner_text("#status")
    session.tab("letter")
    assert "error" not in session.page.inner_text("#priorities")


def test_the_dictionary_tab_shows_words_added_on_the_command_line(session, server):
    path = server.data_dir.parent / "dictionary.txt"
    before = path.read_text(encoding="utf-8") if path.exists() else None
    path.write_text("# betareader personal dictionary: one word a line\nQuellbrook\n", encoding="utf-8")
    try:
        session.open()
        session.tab("dictionary")
        assert "Quellbrook" in session.page.locator("#word-list").inner_text()
    finally:
        if before is None:
            path.unlink()
        else:
            path.write_text(before, encoding="utf-8")


def test_the_word_export_keeps_bold(session, server, tmp_path):
    import docx

    session.open()
    session.new_story("**A/N:** thanks for reading!\n\nShe said it was *very* late, and **nobody** came.")
    got = session.download("docx", tmp_path / "story.docx")
    runs = [(r.text, bool(r.bold), bool(r.italic)) for p in docx.Document(got).paragraphs for r in p.runs]
    assert ("A/N:", True, False) in runs and ("nobody", True, False) in runs and ("very", False, True) in runs

