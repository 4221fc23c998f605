"""The linear-time scanning helpers find exactly what the regular expressions they replace find."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from betareader.model.scan import delimited, emphasis_spans, run_start

_EMPHASIS = re.compile(r"(?<![\w*\\])(\*\*|\*|__|_)(?=[^\s*_])(.+?)(?<=[^\s\\])\1(?![\w*])", re.S)

# texts made of the characters these patterns care about, so that the hard cases come up often
_marky = st.text(alphabet=st.sampled_from(list("*_ a\\\n.!é1-<>'’")), max_size=60)


@settings(max_examples=600)
@given(_marky)
def test_emphasis_spans_match_the_regex(text):
    want = [(m.start(), m.end(), len(m.group(1))) for m in _EMPHASIS.finditer(text)]
    assert emphasis_spans(text) == want


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from(list("<!-> a")), max_size=60))
def test_delimited_matches_the_lazy_regex(text):
    want = [m.span() for m in re.finditer(r"<!--.*?-->", text, re.S)]
    assert list(delimited(text, "<!--", "-->")) == want


@settings(max_examples=400)
@given(_marky, st.data())
def test_run_start_matches_the_anchored_regex(text, data):
    end = data.draw(st.integers(0, len(text)))
    m = re.search(r"[\w.'’]+\Z", text[:end])
    assert run_start(text, end, ".'’") == (m.start() if m else end)


def test_emphasis_cases():
    assert emphasis_spans("a *b* c") == [(2, 5, 1)]
    assert emphasis_spans("**bold** and _it_") == [(0, 8, 2), (13, 17, 1)]
    assert emphasis_spans("*a " * 1000) == []


_OLD_QUOTE_STARTS = re.compile(r"(?:^|[.!?…:;—–]|[\"”’'*_])\s*[*_]*$")


@settings(max_examples=400)
@given(st.text(alphabet=st.sampled_from(list("*_ a\n.!?…:—\"”'")), max_size=30))
def test_quote_start_context_matches_the_regex(before):
    from types import SimpleNamespace

    from betareader.rules.dialogue import _starts_like_speech

    text = before + '"Hi."'
    q = SimpleNamespace(open=len(before))
    assert _starts_like_speech(text, q) == (_OLD_QUOTE_STARTS.search(text, 0, len(before)) is not None)


_OLD_SENT_END = re.compile(r"(?:[.!?]+|…|\.\.\.)[\"”’'\)\]*_]*(?=\s)")


@settings(max_examples=600)
@given(st.text(alphabet=st.sampled_from(list(".!?… a\"”’')]*_\n")), max_size=60))
def test_sentence_end_pattern_matches_the_backtracking_one(text):
    from betareader.model.paragraph import _SENT_END_RE

    assert [m.span() for m in _SENT_END_RE.finditer(text)] == [m.span() for m in _OLD_SENT_END.finditer(text)]


_OLD_NUMBER_BEFORE = re.compile(
    r"(?:\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half|a few))[\s½¼¾]*$", re.I
)


@settings(max_examples=400)
@given(st.lists(st.sampled_from(["one", "Two", "a few", "few", "half", "5", " ", "\n", "½", "x", "done", "eleven"]),
                max_size=6))
def test_number_before_matches_the_regex(parts):
    from betareader.rules.typography import _number_before

    text = "".join(parts) + "ft"
    end = len(text) - 2
    assert _number_before(text, end) == (_OLD_NUMBER_BEFORE.search(text, 0, end) is not None)


def _old_window(text, sentence, pos, words):
    s, e = sentence
    chunks = [m.span() for m in re.compile(r"\S+").finditer(text, s, e)]
    if not chunks:
        return s, e
    i = 0
    while i < len(chunks) - 1 and chunks[i][1] <= pos:
        i += 1
    return chunks[max(0, i - words)][0], chunks[min(len(chunks) - 1, i + words)][1]


@settings(max_examples=800)
@given(st.text(alphabet=st.sampled_from(list("ab \n\t.")), max_size=40), st.data())
def test_tagger_window_matches_the_whole_sentence_scan(text, data):
    from betareader.analysis.tagger import window

    s = data.draw(st.integers(0, len(text)))
    e = data.draw(st.integers(s, len(text)))
    pos = data.draw(st.integers(0, len(text)))
    words = data.draw(st.integers(0, 3))
    assert window(text, (s, e), pos, words) == _old_window(text, (s, e), pos, words)


@settings(max_examples=300)
@given(st.lists(st.integers(0, 50), max_size=12, unique=True), st.integers(0, 60))
def test_sentence_of_matches_the_linear_scan(bounds, pos):
    from betareader.analysis.tagger import sentence_of

    b = sorted(bounds)
    sentences = tuple((b[i], b[i + 1]) for i in range(0, len(b) - 1, 2))
    want = next(((s, e) for s, e in sentences if s <= pos < e), (0, 99))
    assert sentence_of(sentences, pos, 99) == want


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list("\"“”‘’' a*_<!->")), max_size=40))
def test_quotation_and_markup_lookups_match_the_linear_scans(text):
    from betareader.model.paragraph import analyze_paragraph

    a = analyze_paragraph(text)
    n = len(text)
    for pos in range(n + 1):
        best = None
        for q in a.quotations:
            if q.start <= pos < q.end(n) and (best is None or q.depth >= best.depth):
                best = q
        assert a.quotation_at(pos) is best
        assert a.in_markup(pos) == any(s <= pos < e for s, e in a.markup)


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(list("ab A,;' -\n")), max_size=80), st.integers(1, 9))
def test_chunked_findall_finds_what_findall_finds(text, size):
    from betareader.model.paragraph import LOWER_WORD_RE, MID_CAPS_RE, WORD_RE
    from betareader.model.scan import findall_chunked

    for pattern in (WORD_RE, LOWER_WORD_RE, MID_CAPS_RE):
        assert list(findall_chunked(pattern, text, size)) == pattern.findall(text)


def _old_fingerprint(f, text):
    import hashlib

    from betareader.report.file_report import FINGERPRINT_CONTEXT

    lo = max(text.rfind("\n", 0, f.start) + 1, f.start - FINGERPRINT_CONTEXT)
    nl = text.find("\n", f.end)
    hi = min(len(text) if nl < 0 else nl, f.end + FINGERPRINT_CONTEXT)
    parts = (f.code, text[lo : f.start], text[f.start : f.end], text[f.end : hi])
    key = "\x1f".join(" ".join(p.split()) for p in parts)
    return hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list("ab\n ")), max_size=80), st.data())
def test_fingerprint_reads_only_its_context(text, data):
    from betareader.report.file_report import fingerprint
    from betareader.rules.base import Finding

    s = data.draw(st.integers(0, len(text)))
    e = data.draw(st.integers(s, len(text)))
    f = Finding("TYP001", s, e, "m")
    assert fingerprint(f, text) == _old_fingerprint(f, text)
