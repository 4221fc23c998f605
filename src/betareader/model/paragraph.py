"""Per-paragraph analysis: a pure function of one paragraph's text, cached by that text.

Everything here uses offsets relative to the paragraph.  Because the result depends on
the paragraph alone, an edit re-analyses only the paragraphs it touched.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from heapq import heappop, heappush

from . import memo
from .quotes import CLOSE, DOUBLE, Quotation, QuoteMark, analyze_quotes
from .scan import chunks, delimited, emphasis_spans, findall_chunked, run_start

Span = tuple[int, int]

#: Word tokens: letters with inner apostrophes or hyphens (don't, W-what, well-known), numbers.
WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,:]\d+)*[^\W\d_]*")
TOKEN_RE = re.compile(WORD_RE.pattern + r"|\S")


ELLIPSIS_RE = re.compile(r"[.…]*…[.…]*|\.{3,}|\.(?: \.){2,}")
_DASH_RE = re.compile(r"(\s?)([—–])(\s?)")

#: Abbreviations that stand before a number ("No. 5", "vol. ii", "ch. 3").
NUMBER_ABBREVIATIONS = frozenset("no nos vol vols ch chap pp p fig op".split())

#: Abbreviations after which a period does not end a sentence (lower-cased, without the period).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr st jr sr prof capt col gen lt sgt cpl rev fr hon gov pres sen rep
    vs etc eg ie al approx dept est inc ltd co corp ave blvd rd mt ft
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    a.m p.m e.g i.e u.s u.k ph.d esq viz cf ibid op ft lb lbs oz yd yds hr hrs sq qt pt gr
    esp incl misc vol vols ch chap pg pp fig yr yrs wk wks min mins sec secs
    """.split()
)

MID_CAPS_RE = re.compile(
    r"(?=[A-Z])"  # first, so that the lookbehinds run only before a capital (4x faster, same matches)
    r"(?:(?<=[a-z,;] )|(?<=Mr\. )|(?<=Mrs\. )|(?<=Ms\. )|(?<=Dr\. )|(?<=St\. )|(?<=[,?!][\"”’'] ))"
    r"([A-Z][a-z]+(?:['’-][A-Za-z]+)?)(?![\w'’-])"
)
LOWER_WORD_RE = re.compile(r"(?<![\w'’-])([a-z]+(?:['’-][a-z]+)?)(?![\w'’-])")

#: a sentence's last marks and the quotes or brackets closing on it, before a space; a run of
#: marks is tried from its first character only and never backtracks (linear on ``!!!!…``)
_SENT_END_RE = re.compile(r"(?:(?<![.!?])[.!?]++|…)[\"”’'\)\]*_]*+(?=\s)")


@dataclass(slots=True, eq=False)
class ParagraphAnalysis:
    """What every rule may read about one paragraph (relative offsets)."""

    text: str
    markup: tuple[Span, ...]
    emphasis: tuple[Span, ...]
    sentences: tuple[Span, ...]
    marks: tuple[QuoteMark, ...]
    quotations: tuple[Quotation, ...]
    words: int
    features: Counter = field(default_factory=Counter)
    _tokens: tuple[Span, ...] | None = None
    _lowercase: tuple[str, ...] | None = None
    _mid_caps: tuple[str, ...] | None = None
    _innermost: tuple[tuple[int, ...], tuple[Quotation | None, ...]] | None = None
    _markup_union: tuple[tuple[int, ...], tuple[int, ...]] | None = None
    _opens: tuple[tuple[int, int], ...] | None = None
    _speeches: dict | None = None  # dialogue level -> speeches (analysis/dialogue.py)

    @property
    def lowercase_words(self) -> tuple[str, ...]:
        """The distinct words this paragraph writes in lowercase (for ``Document.lowercase_words``),
        interned: kept with the cached analysis, they cost a pointer each."""
        if self._lowercase is None:
            self._lowercase = tuple(map(sys.intern, dict.fromkeys(findall_chunked(LOWER_WORD_RE, self.text))))
        return self._lowercase

    @property
    def mid_caps(self) -> tuple[str, ...]:
        """The distinct capitalised words this paragraph uses mid-sentence (for ``Document.names``)."""
        if self._mid_caps is None:
            self._mid_caps = tuple(map(sys.intern, dict.fromkeys(findall_chunked(MID_CAPS_RE, self.text))))
        return self._mid_caps

    def emphasis_marked(self) -> list[tuple[int, int, int]]:
        """Each emphasised span with the width of its delimiters, ``(start, end, width)``: 1 for
        ``*italics*``, 2 for ``**bold**`` (the delimiters stand right outside the span)."""
        widths = {me: me - ms for ms, me in self.markup}
        return [(s, e, widths[s]) for s, e in self.emphasis if s in widths]

    @property
    def tokens(self) -> tuple[Span, ...]:
        """Word and punctuation tokens as (start, end) spans, built on first use."""
        if self._tokens is None:
            self._tokens = tuple(m.span() for m in TOKEN_RE.finditer(self.text))
        return self._tokens

    def in_markup(self, pos: int) -> bool:
        markup = self.markup
        if not markup:
            return False
        if self._markup_union is None:  # the spans merged (a comment may hold emphasis marks)
            starts: list[int] = []
            ends: list[int] = []
            for s, e in markup:  # sorted
                if ends and s <= ends[-1]:
                    ends[-1] = max(ends[-1], e)
                else:
                    starts.append(s)
                    ends.append(e)
            self._markup_union = (tuple(starts), tuple(ends))
        starts, ends = self._markup_union
        k = bisect_right(starts, pos) - 1
        return k >= 0 and pos < ends[k]

    def quotation_at(self, pos: int) -> Quotation | None:
        """The innermost quotation containing ``pos``, if any: of those that hold it, the
        deepest, and of equally deep ones the last opened.  A bisection in a table built on
        first use, so a paragraph of many quotations costs no scan of them all per question."""
        if self._innermost is None:
            self._innermost = _innermost_table(self.quotations, len(self.text))
        starts, owners = self._innermost
        k = bisect_right(starts, pos) - 1
        return owners[k] if k >= 0 else None

    def quotations_opening(self, lo: int, hi: int) -> list[Quotation]:
        """The quotations whose opening mark is at ``lo`` or after and before ``hi``."""
        if self._opens is None:
            self._opens = tuple(sorted((q.open, i) for i, q in enumerate(self.quotations) if q.open is not None))
        opens = self._opens
        k = bisect_left(opens, (lo, -1))
        out = []
        while k < len(opens) and opens[k][0] < hi:
            out.append(self.quotations[opens[k][1]])
            k += 1
        return out

    def in_dialogue(self, pos: int) -> bool:
        return self.quotation_at(pos) is not None


def _count_words(text: str) -> int:
    """``len(WORD_RE.findall(text))``, a megabyte at a time."""
    if len(text) < (1 << 20):
        return len(WORD_RE.findall(text))
    return sum(len(WORD_RE.findall(text, lo, hi)) for lo, hi in chunks(text))


def _innermost_table(quotations: tuple[Quotation, ...], n: int):
    """(starts, owners): from ``starts[k]`` up to the next start, the innermost quotation is
    ``owners[k]`` (None where no quotation is): a sweep over the quotations' starts and ends with
    a heap of the open ones by (depth, order), so O(q log q) however they overlap."""
    events: list[tuple[int, int, int]] = []  # (position, 1 start / 0 end, index)
    for i, q in enumerate(quotations):
        s, e = q.start, q.end(n)
        if s < e:
            events.append((s, 1, i))
            events.append((e, 0, i))
    events.sort()
    starts: list[int] = []
    owners: list[Quotation | None] = []
    heap: list[tuple[int, int]] = []  # (-depth, -index): the deepest, then the latest, on top
    ended: set[int] = set()
    k = 0
    while k < len(events):
        pos = events[k][0]
        while k < len(events) and events[k][0] == pos:
            _, kind, i = events[k]
            if kind:
                heappush(heap, (-quotations[i].depth, -i))
            else:
                ended.add(i)
            k += 1
        while heap and -heap[0][1] in ended:
            heappop(heap)
        owner = quotations[-heap[0][1]] if heap else None
        if owners and owners[-1] is owner:
            continue
        starts.append(pos)
        owners.append(owner)
    return tuple(starts), tuple(owners)


def _sentences(text: str) -> tuple[Span, ...]:
    spans: list[Span] = []
    start = 0
    n = len(text)
    for m in _SENT_END_RE.finditer(text):
        end = m.end()
        j = end
        while j < n and text[j].isspace():
            j += 1
        if j >= n:
            break
        nxt = text[j]
        if nxt.islower():
            continue
        if m.group(0).startswith("."):
            ms = m.start()
            wb = run_start(text, ms, ".")  # the word before the full stop, with its own dots
            if wb < ms:
                w = text[wb:ms].lower().rstrip(".")
                if w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                    continue
                if w in NUMBER_ABBREVIATIONS and (nxt.isdigit() or nxt in "IVXLC"):
                    continue
        spans.append((start, end))
        start = j
    while start < n and text[start].isspace():
        start += 1
    if start < n:
        end = n
        while end > start and text[end - 1].isspace():
            end -= 1
        spans.append((start, end))
    return tuple(spans)


def ellipses(text: str):
    """Each ellipsis in ``text`` as (start, end, form, before, after).

    ``form`` is "char" (…), "dots" (...), "spaced_dots" (. . .) or "long" (four or more dots).
    ``before`` is "space" (``word ...``), "closed" (``word...``) or None when the ellipsis
    is not between words mid-sentence; ``after`` likewise (``... word`` / ``...word``).
    """
    n = len(text)
    for m in ELLIPSIS_RE.finditer(text):
        s, e = m.span()
        tok = m.group(0)
        dots = tok.count(".") + 3 * tok.count("…")
        if " " in tok:
            form = "spaced_dots"
        elif dots > 3 and tok != ".…":
            form = "long"
        else:
            form = "char" if "…" in tok else "dots"
        prev = text[s - 1] if s > 0 else ""
        nxt = text[e] if e < n else ""
        before = after = None
        if nxt == " " or nxt.isalpha():
            if prev == " " and s >= 2 and text[s - 2].isalpha():
                before = "space"
            elif prev.isalpha():
                before = "closed"
        if prev.isalpha() or prev == " ":
            if nxt == " " and e + 1 < n and text[e + 1].isalpha():
                after = "space"
            elif nxt.isalpha():
                after = "closed"
        yield s, e, form, before, after


def _features(text: str, marks: list[QuoteMark], quotations: list[Quotation]) -> Counter:
    f: Counter = Counter()
    for q in quotations:
        if q.depth == 0 and q.open is not None:
            f["open_" + q.level] += 1  # outer quotations only: they tell the dialogue style
    for mk in marks:
        if mk.level == DOUBLE:
            f["dq_straight" if mk.straight else "dq_curly"] += 1
        else:
            f["sq_straight" if mk.straight else "sq_curly"] += 1
        if mk.role == CLOSE:
            f["close_" + mk.level] += 1
    if "—" in text or "–" in text:
        for m in _DASH_RE.finditer(text):
            before, dash, after = m.groups()
            s, e = m.start(2), m.end(2)
            if s == 0 or e >= len(text):
                continue
            if before and after:
                f["em_spaced" if dash == "—" else "en_spaced"] += 1
            elif not before and not after and text[s - 1].isalnum() and text[e].isalnum():
                f["em_closed" if dash == "—" else "en_closed"] += 1
    if "." in text or "…" in text:
        for s, e, form, before, after in ellipses(text):
            # an over-long ellipsis counts as the three dots TYP004 will make of it, so fixing
            # it does not change the story's habit
            if form == "long":
                form = "char" if "…" in text[s:e] else "dots"
            f["ell_" + form] += 1
            if before:
                f["ell_" + before + "_before"] += 1
            if after:
                f["ell_" + after + "_after"] += 1
    return f


@lru_cache(maxsize=65536)
def analyze_paragraph(text: str) -> ParagraphAnalysis:
    """Analyse one paragraph.  Cached: the same text is analysed once per process."""
    markup: list[Span] = []
    emphasis: list[Span] = []
    if "<!--" in text:
        markup.extend(delimited(text, "<!--", "-->"))
    for s, e, ms in emphasis_spans(text):
        markup.append((s, s + ms))
        markup.append((e - ms, e))
        emphasis.append((s + ms, e - ms))
    marks, quotations = analyze_quotes(text)
    markup.sort()
    return ParagraphAnalysis(
        text=text,
        markup=tuple(markup),
        emphasis=tuple(emphasis),
        sentences=_sentences(text),
        marks=tuple(marks),
        quotations=tuple(quotations),
        words=_count_words(text),
        features=_features(text, marks, quotations),
    )


memo.per_text(analyze_paragraph.cache_clear)
