"""The HTML report: one self-contained page (nothing from the network, only its own hashed
script and style), every piece of story text escaped, one highlight per finding, the beta letter,
inline SVG charts, chapter sections, and the same bytes for the same input."""

import base64
import hashlib
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from betareader.config import Config
from betareader.engine import Engine
from betareader.model import build_document
from betareader.report import html as html_report
from betareader.report.file_report import FileReport
from betareader.rules.base import Edit, Finding, Fix

EVIL = """# Chapter One: <script>alert(1)</script>

She typed <script>alert(1)</script> into the the box , and then <img src=x onerror=alert(1)> appeared on the screen.

"Click [here](javascript:alert(1)) ," he said, "or read https://example.com/evil?a=1&b=2 instead."

Maya looked at the the screen for a long time. She did not click anything, because she was not a fool, and the storm outside kept rattling the windows.

# Chapter Two

"Fine," Maya said. "I'll look at <a href="http://example.org/x">this</a> tomorrow ."

She closed the laptop and went to bed, and the rain went on all night.
"""

STORY_URLS = ["https://example.com/evil?a=1&b=2", "http://example.org/x"]


def report_for(text: str, fmt: str = "md", extra: tuple = ()) -> FileReport:
    doc = build_document(text, format=fmt, path="story.md")
    res = Engine(Config()).check(doc)
    return FileReport("story.md", fmt, doc, list(res.findings) + list(extra), res.summary, ())


class Page(HTMLParser):
    """Tags with attributes, script and style bodies, the text of the story blocks, and mark
    nesting (each </mark> must close an open <mark>)."""

    VOID = {"meta", "input", "br", "img", "link", "path", "use", "rect", "circle", "line", "polyline", "polygon", "stop", "ellipse"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.scripts = []
        self.styles = []
        self.stack = []
        self.in_text = 0
        self.depth = 0
        self.story = []
        self._cur = None
        self.unbalanced = 0
        self.data = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._cur = (tag, [])
        if tag == "div" and ("class", "text") in attrs:
            self.in_text = 1
            self.story.append([])
        elif self.in_text and tag not in self.VOID:
            self.in_text += 1
        if tag == "mark":
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._cur:
            (self.scripts if tag == "script" else self.styles).append("".join(self._cur[1]))
            self._cur = None
        if self.in_text:
            self.in_text -= 1
        if tag == "mark":
            if not self.stack:
                self.unbalanced += 1
            else:
                self.stack.pop()

    def handle_data(self, data):
        if self._cur:
            self._cur[1].append(data)
        else:
            self.data.append(data)
        if self.in_text:
            self.story[-1].append(data)


def parse(page: str) -> Page:
    p = Page()
    p.feed(page)
    p.close()
    return p


def sha(s: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"


@pytest.fixture(scope="module")
def evil():
    r = report_for(EVIL)
    return r, html_report.render([r])


def test_nothing_external(evil):
    r, page = evil
    p = parse(page)
    for tag, attrs in p.tags:
        assert tag not in ("img", "iframe", "object", "embed", "link", "base", "form", "audio", "video", "source"), tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name not in ("src", "srcset", "action", "formaction", "style", "xmlns", "background", "poster"), (tag, name)
            if name in ("href", "xlink:href"):
                assert value.startswith("#"), (tag, value)
            assert "javascript:" not in (value or "").lower(), (tag, name, value)
            assert "url(" not in (value or "") or re.fullmatch(r"url\(#[\w-]+\)", value), (tag, name, value)
    # the story's URLs appear, but only as text (or in a tooltip's text), never in markup
    assert "example.com/evil" in page
    def urls(s):
        return len(re.findall(r"(?i)https?:|//|javascript:", s))

    inert = sum(urls(d) for d in p.data) + sum(urls(a.get("title", "")) for _, a in p.tags)
    assert inert >= 3 and urls(page) == inert
    assert not any(urls(s) for s in p.scripts + p.styles)
    assert "@import" not in page and "url(http" not in page


def test_one_script_of_its_own_and_a_strict_csp(evil):
    _, page = evil
    p = parse(page)
    assert page.count("<script") == 1
    scripts = [a for t, a in p.tags if t == "script"]
    assert scripts == [{}]
    csp = next(a["content"] for t, a in p.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";") if d.strip())
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == sha(p.scripts[0])
    assert directives["style-src"] == sha(p.styles[0])
    for d in ("img-src", "connect-src", "font-src", "base-uri", "form-action"):
        assert directives[d] == "'none'"
    assert "unsafe-inline" not in csp and "http" not in csp
    # the CSP meta comes before the style and the script
    assert page.index("Content-Security-Policy") < page.index("<style")


def test_story_text_is_escaped(evil):
    r, page = evil
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert '<a href="http' not in page
    text = "".join("".join(s) for s in parse(page).story)
    assert '<a href="http://example.org/x">this</a>' in text and "[here](javascript:alert(1))" in text
    # the chapter title (story text) too
    assert "Chapter One: &lt;script&gt;" in page


def test_text_kept_whole_and_one_highlight_per_finding(evil):
    r, page = evil
    p = parse(page)
    assert "".join("".join(s) for s in p.story) == r.doc.text
    ids = re.findall(r'<mark id="(f[\w-]+)"', page)
    assert len(ids) == len(r.findings) == len(set(ids)) and len(ids) >= 4
    assert p.unbalanced == 0 and p.stack == []
    # each finding has its detail, with rule code, name and message
    for f in r.findings:
        assert f.code in page
    assert page.count('<li id="d0-') == len(r.findings)


def test_hostile_finding_text_escaped():
    """Messages, suggestions and fixes come from the story too: all escaped."""
    doc_text = "She typed a strange word here and left.\n"
    bad = Finding("SPL001", 10, 17, "'<img src=x onerror=alert(1)>' is odd",
                  suggestions=("<b>x</b>",))
    fixed = Finding("TYP006", 2, 7, "<script>alert(2)</script>",
                    fix=Fix((Edit(2, 7, "<script>alert(3)</script>"),), "safe"))
    r = report_for(doc_text, "txt", extra=(bad, fixed))
    page = html_report.render([r])
    assert page.count("<script") == 1
    assert "<img" not in page and "<b>x</b>" not in page
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in page and "&lt;b&gt;x&lt;/b&gt;" in page


def test_overlapping_and_empty_spans_nest():
    text = "abcdefghijklmnopqrstuvwxyz and more words here.\n"
    extra = (Finding("TYP006", 5, 15, "one"), Finding("SPL001", 10, 20, "two"),
             Finding("TYP001", 12, 12, "three"), Finding("GRM001", 10, 15, "four"))
    r = report_for(text, "txt", extra=extra)
    page = html_report.render([r])
    p = parse(page)
    assert p.unbalanced == 0 and p.stack == []
    assert "".join("".join(s) for s in p.story) == text
    assert len(re.findall(r'<mark id="f', page)) == len(r.findings)
    assert 'class="f cont' in page  # the span crossing another's end goes on as a continuation


def test_letter_charts_filters_and_chapters(evil):
    r, page = evil
    letter = r.summary["priorities"]
    assert letter and "Your beta letter" in page
    from html import escape

    for p in letter:
        assert escape(p["text"]) in page
    assert page.count("<svg") >= 2
    assert "Sentence length across the story" in page and "Dialogue share per" in page
    assert 'data-filter="error"' in page and 'data-filter="TYP"' in page
    # two chapters: an index and a section each, findings listed under their chapter
    assert '<nav class="card index"' in page
    assert 'href="#s0-0"' in page and 'href="#s0-1"' in page
    assert '<section id="s0-1"' in page


def test_svg_is_clean(evil):
    _, page = evil
    svgs = re.findall(r"<svg.*?</svg>", page, re.S)
    assert len(svgs) >= 2
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # several charts never share an id
    for svg in svgs:
        assert "<?xml" not in svg and "<!DOCTYPE" not in svg and "<style" not in svg
        assert "<metadata" not in svg and "<text" not in svg  # glyphs as paths: no fonts


def test_deterministic(evil):
    r, page = evil
    assert html_report.render([r]) == page


def test_deterministic_across_processes(tmp_path):
    story = tmp_path / "s.md"
    story.write_text(EVIL, encoding="utf-8")
    outs = []
    for i, seed in enumerate(("1", "2")):
        out = tmp_path / f"r{i}.html"
        env = {"PYTHONHASHSEED": seed, "BETAREADER_NO_TAGGER": "1"}
        import os

        subprocess.run([sys.executable, "-m", "betareader", "check", str(story), "--format", "html", "-o", str(out)],
                       env={**os.environ, **env}, check=False, capture_output=True)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] and b"<svg" in outs[0]


def test_cli_html_to_stdout(tmp_path):
    story = tmp_path / "s.txt"
    story.write_text("It was a a dark night , and the rain fell.\n", encoding="utf-8")
    res = subprocess.run([sys.executable, "-m", "betareader", "check", str(story), "--format", "html"],
                         capture_output=True)
    assert res.returncode == 1
    assert res.stdout.startswith(b"<!DOCTYPE html>") and res.stdout.count(b"<mark id=") >= 2


def test_no_charts_when_story_is_tiny():
    r = report_for("Hi.\n", "txt")
    page = html_report.render([r])
    assert "<svg" not in page and "<script" in page


def test_matplotlib_is_lazy():
    code = ("import sys; from betareader.cli import cli; import betareader.report.html, betareader.report.markdown, "
            "betareader.report.sarif; print('matplotlib' in sys.modules)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip() == "False"


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_in_headless_chromium(evil, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    _, page_html = evil
    path = tmp_path / "report.html"
    path.write_text(page_html, encoding="utf-8")
    requests, dialogs, console = [], [], []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: console.append(m.text))
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        page.locator("mark.f").first.click()
        pop = page.locator("#pop")
        assert pop.is_visible()
        assert re.search(r"[A-Z]{3}\d{3}", pop.inner_text())
        page.keyboard.press("Escape")
        assert not pop.is_visible()
        # the filter hides a family's list entries
        page.locator('input[data-filter="TYP"]').uncheck()
        assert page.evaluate("document.documentElement.classList.contains('hide-TYP')")
        assert not page.locator("li.fam-TYP").first.is_visible()
        browser.close()
    assert requests == [path.as_uri()]
    assert dialogs == []
    assert not [m for m in console if "Content Security Policy" in m or "Refused" in m]


def test_markdown_shows_as_formatting():
    text = ("# Chapter 3: The Lighthouse\n\n**A/N:** Thanks for reading the *last* one!\n\n"
            "She put the the cup down, and the *rain* went on. It was **very** late.\n\n"
            "The lamp was lit, and the sea was loud against the rocks below the tower.\n\n"
            "* * *\n\n**End notes:** see you next week!")
    page = html_report.render([report_for(text)])
    assert "<strong>A/N:</strong>" in page and "<em>rain</em>" in page and "<strong>very</strong>" in page
    assert '<span class="md"># </span><strong>Chapter 3: The Lighthouse</strong>' in page
    assert '<span class="md">**</span>' in page and ".text .md{display:none}" in page
    # the finding inside the formatting still has its one element, and the HTML nests properly
    assert page.count('class="f ') == page.count("</mark>") - page.count('class="f cont')


def test_finding_label_says_its_kind_once():
    page = html_report.render([report_for("She put the the cup down.\n")])
    assert "(error, error)" not in page and "(error)</span>" in page


def test_end_note_after_the_last_scene_break_is_no_scene():
    text = ("The lamp was lit, and the sea was loud against the rocks below the tower.\n\n* * *\n\n"
            "Morning came grey and cold, and Ash was still not back from the boats.\n\n* * *\n\n"
            "**End notes:** thx for reading!! see you next week")
    r = report_for(text)
    assert [p.kind for p in r.doc.paragraphs][-1] == "note"
    assert len(r.summary["stats"]["pacing"]["scenes"]) == 2
