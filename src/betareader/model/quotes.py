"""Quotation marks: telling opening and closing quotes from apostrophes, and pairing them.

Works on one paragraph's text and returns positions relative to it, so the result
depends on that text alone and can be cached per paragraph.

Straight marks (``"`` and ``'``) are classified by what stands on each side of them;
curly marks by their glyph, except ``’``/``‘`` which double as apostrophes.  The
single-quote decisions follow what writers actually type:

* between two letters or digits: an apostrophe (``don't``, ``rock'n'roll``);
* at the start of a word: an apostrophe when the word is a known elision (``'em``,
  ``'cause``, ``'90s``, ``'n'``), otherwise an opening quote;
* at the end of a word after a letter (``goin'``, ``students'``): a closing quote only
  when a single quote is open and no later mark in the paragraph can close it more
  plausibly (one after punctuation, as in ``,'``); otherwise an apostrophe.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE = "double"
SINGLE = "single"

OPEN = "open"
CLOSE = "close"
APOSTROPHE = "apostrophe"

#: Words that start with an apostrophe standing for dropped letters.
ELISIONS = frozenset(
    """
    em cause cos coz cuz bout round nother til till tis twas twere twill twould
    n nuff kay sup ello ere ave ead ome im er e ow ope alf appen eard ad ee ard un uns
    scuse spect cept fraid gainst mongst midst neath tween twixt member course nough
    specially ppose spose pon ye y ya yer fessor cuter coon possum gator cept ittle
    """.split()
)

#: Words that end with an apostrophe standing for dropped letters (besides -in' for -ing).
FINAL_ELISIONS = frozenset("th o an wi i e ol fro ta ma pa tha yo".split())

_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_WORD_BEFORE = re.compile(r"([^\W_]+)$")
_WORD_AFTER = re.compile(r"[^\W_]+")

# Characters after which a straight double quote opens.
_OPENERS_BEFORE = set(" \t\r\n([{<—–-/*_“‘\"'\u00a0\u2009\u200a")
# Characters before which a straight double quote closes.
_CLOSERS_AFTER = set(" \t\r\n.,;:!?)]}>—–-/*_…”’\"'\u00a0\u2009\u200a")
_PUNCT_BEFORE_CLOSE = set(".,;:!?…—–-)]*_")


@dataclass(frozen=True, slots=True)
class QuoteMark:
    """One quotation-mark character: its position (relative to the paragraph) and role."""

    pos: int
    char: str
    role: str  # OPEN, CLOSE or APOSTROPHE
    level: str  # DOUBLE or SINGLE
    straight: bool


@dataclass(frozen=True, slots=True)
class Quotation:
    """A quotation inside one paragraph; ``open``/``close`` are mark positions or None when missing."""

    open: int | None
    close: int | None
    level: str
    depth: int  # 0 for an outer quotation, 1 for a quote inside it, ...

    @property
    def start(self) -> int:
        return self.open if self.open is not None else 0

    def end(self, paragraph_length: int) -> int:
        return self.close + 1 if self.close is not None else paragraph_length


def _elided_before(text: str, i: int) -> bool:
    """Is the word ending at the mark ``i`` one that drops letters (goin', th', o')?"""
    m = _WORD_BEFORE.search(text, max(0, i - 30), i)
    if not m:
        return False
    w = m.group(1).lower()
    return (w.endswith("in") and len(w) > 3) or w in FINAL_ELISIONS


def _is_word_char(ch: str) -> bool:
    return bool(ch) and _LETTER_OR_DIGIT.match(ch) is not None


def _single_role(text: str, i: int) -> str:
    """Classify a single quote mark at ``i`` without pairing context: OPEN, APOSTROPHE or 'final'."""
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    ch = text[i]
    prev_word = _is_word_char(prev)
    next_word = _is_word_char(nxt)
    if prev_word and next_word:
        return APOSTROPHE
    if next_word:
        m = _WORD_AFTER.match(text, i + 1)
        word = m.group(0).lower() if m else ""
        if text[i + 1 : i + 3].isdigit() and not text[i + 3 : i + 4].isdigit():  # '90s, '08
            return APOSTROPHE
        if word in ELISIONS:
            after = text[m.end()] if m and m.end() < len(text) else ""
            # 'n' in rock 'n' roll; 'em, 'cause ... (a quote would rarely open on these words)
            if word == "n" and after not in ("'", "’"):
                return OPEN
            return APOSTROPHE
        return OPEN if ch != "’" or not prev_word else APOSTROPHE
    if prev_word:
        if i >= 3 and text[i - 1] in "nN" and text[i - 2] in "'’" and text[i - 3] in " \t":
            return APOSTROPHE  # the second mark of rock 'n' roll
        return "final"
    if prev in _PUNCT_BEFORE_CLOSE and prev != "":
        return CLOSE
    # Isolated mark: a space (or the paragraph edge) before, and no word after
    return "isolated"


def analyze_quotes(text: str) -> tuple[list[QuoteMark], list[Quotation]]:
    """Classify every quote mark in ``text`` (one paragraph) and pair them into quotations.

    A single quote that opens inside a paragraph with double quotes and is never closed was
    an elision the word list doesn't know (``'ard``, ``'Fessor``): the paragraph is read again
    with that mark as an apostrophe.  The paragraph's first mark is exempt, since it may open
    a British-style speech that runs on into the next paragraph.
    """
    marks, quotations = _analyze(text, frozenset())
    if quotations and any(q.open is None and q.level == SINGLE for q in quotations):
        merged = _merged_openers(text, marks, quotations)
        if merged:
            marks, quotations = _analyze(text, frozenset(), merged)
    if quotations and any(m.level == DOUBLE for m in marks):
        first = marks[0].pos
        stray = frozenset(
            q.open for q in quotations
            if q.level == SINGLE and q.close is None and q.open is not None and q.open != first
            and text[q.open] != "‘"
        )
        if stray:
            marks, quotations = _analyze(text, stray)
    return marks, quotations


def _merged_openers(text: str, marks: list[QuoteMark], quotations: list[Quotation]) -> frozenset[int]:
    """Single marks read as an elision's apostrophe (`'Ere`, `'Tis`, `'Course`) that also open a
    quotation: the writer typed one mark for both (`'Tis late,' said he.`).  Such a mark starts a
    sentence, and a closing mark with no opening one follows it with no other single quotation
    mark between."""
    stray_closes = {q.close for q in quotations if q.open is None and q.level == SINGLE}
    out = []
    candidate = None
    for m in marks:
        if m.level != SINGLE:
            continue
        if m.role == APOSTROPHE:
            i = m.pos
            if i + 1 < len(text) and _is_word_char(text[i + 1]) and (i == 0 or not _is_word_char(text[i - 1])):
                j = i
                while j > 0 and text[j - 1] in " \t":
                    j -= 1
                if j == 0 or text[j - 1] in ".!?…:—–\"”'’":
                    candidate = i
            continue
        if m.pos in stray_closes and candidate is not None:
            out.append(candidate)
        candidate = None
    return frozenset(out)


class _Stack:
    """The open quotations, innermost last, with how many of each level are open (so that asking
    costs no scan of a stack that a row of straight quotes can make thousands deep); closing
    appends to ``quotations``."""

    def __init__(self, quotations: list[Quotation]) -> None:
        self.open: list[tuple[int, str]] = []  # (open position, level)
        self.count = {DOUBLE: 0, SINGLE: 0}
        self.quotations = quotations

    def __len__(self) -> int:
        return len(self.open)

    def push(self, pos: int, level: str) -> None:
        self.open.append((pos, level))
        self.count[level] += 1

    def top_is(self, level: str) -> bool:
        return bool(self.open) and self.open[-1][1] == level

    def leave_open(self) -> None:
        """The innermost quotation ends without its closing mark."""
        o, lv = self.open.pop()
        self.count[lv] -= 1
        self.quotations.append(Quotation(o, None, lv, len(self.open)))

    def close(self, pos: int, level: str) -> bool:
        """Close the innermost open quotation of this level at ``pos``, leaving inner ones of the
        other level open first; False when none of this level is open."""
        if not self.count[level]:
            return False
        while self.open[-1][1] != level:
            self.leave_open()
        o, lv = self.open.pop()
        self.count[lv] -= 1
        self.quotations.append(Quotation(o, pos, lv, len(self.open)))
        return True


def _lookahead(text: str, positions: list[int], single_roles: dict[int, str],
               force_apostrophe: frozenset[int]) -> tuple[list[bool], list[bool]]:
    """What the look-ahead of a final single mark finds, for every mark at once (one sweep back
    from the end, not a scan forward per mark): ``later_closer[idx]`` says whether a later mark
    closes (a CLOSE, or a "final" not after a dropped-letter word); ``next_close[idx]`` whether
    the first later mark that decides anything is a CLOSE."""
    n = len(positions)
    lc = [False] * n
    nc = [False] * n
    any_later = False
    decided = False  # the outcome of the first deciding mark after the one looked from
    for k in range(n - 1, -1, -1):
        lc[k] = any_later
        nc[k] = decided
        j = positions[k]
        r = single_roles.get(j)
        forced = j in force_apostrophe
        if not forced and (r == CLOSE or (r == "final" and not _elided_before(text, j))):
            any_later = True
        if r is None:
            if text[j] in "“" or (text[j] == '"' and j > 0 and text[j - 1].isspace()):
                decided = False  # a new double quotation opens first: stop looking
            continue
        if forced or (r == "final" and _elided_before(text, j)):
            continue
        if r == OPEN or r == "isolated" or r == "final":
            decided = False
        elif r == CLOSE:
            decided = True
    return lc, nc


def _analyze(text: str, force_apostrophe: frozenset[int],
             force_open: frozenset[int] = frozenset()) -> tuple[list[QuoteMark], list[Quotation]]:
    positions = [m.start() for m in _QUOTE_CHARS.finditer(text)]
    if not positions:
        return [], []
    marks: list[QuoteMark] = []
    quotations: list[Quotation] = []
    stack = _Stack(quotations)

    # Pre-compute the tentative roles of single marks for look-ahead.
    single_roles: dict[int, str] = {}
    for i in positions:
        if text[i] in "'‘’":
            single_roles[i] = _single_role(text, i)

    # what the look-ahead of a final single mark finds (computed on first need)
    later_closer: list[bool] | None = None
    next_close: list[bool] | None = None

    for idx, i in enumerate(positions):
        ch = text[i]
        if ch in "\"“”":
            straight = ch == '"'
            if ch == "“":
                role = OPEN
            elif ch == "”":
                prev = text[i - 1] if i > 0 else ""
                nxt = text[i + 1] if i + 1 < len(text) else ""
                # A mis-typed opening quote: ” at the start of a word with nothing open.
                if (not prev or prev.isspace()) and _is_word_char(nxt) and not stack.count[DOUBLE]:
                    role = OPEN
                else:
                    role = CLOSE
            else:
                prev = text[i - 1] if i > 0 else ""
                nxt = text[i + 1] if i + 1 < len(text) else ""
                opener = prev == "" or prev in _OPENERS_BEFORE
                closer = nxt == "" or nxt in _CLOSERS_AFTER
                double_open = stack.count[DOUBLE] > 0
                if opener and not closer:
                    role = OPEN
                elif closer and not opener:
                    role = CLOSE
                else:
                    role = CLOSE if double_open else OPEN
                if role == OPEN and double_open and prev in "\"'’”" and prev != "":
                    role = CLOSE
            if role == OPEN:
                if ch == "“" and stack.top_is(DOUBLE):
                    stack.leave_open()  # “ cannot nest in “: the earlier quotation was left open
                stack.push(i, DOUBLE)
            elif not stack.close(i, DOUBLE):
                quotations.append(Quotation(None, i, DOUBLE, len(stack)))
            marks.append(QuoteMark(i, ch, role, DOUBLE, straight))
            continue

        straight = ch == "'"
        role = single_roles[i]
        if i in force_apostrophe:
            role = APOSTROPHE
        elif i in force_open:
            role = OPEN
        elif role == "isolated":
            if ch == "‘":
                role = OPEN
            elif stack.count[SINGLE] > 0:
                role = CLOSE
            else:
                role = OPEN if straight else APOSTROPHE
        elif role == "final":
            if not stack.count[SINGLE]:
                role = APOSTROPHE
            else:
                role = CLOSE
                # Look ahead: a later mark that closes after punctuation is the likelier closer,
                # unless a new quotation opens before it.  Dropped-letter words are skipped.
                if later_closer is None:
                    later_closer, next_close = _lookahead(text, positions, single_roles, force_apostrophe)
                if _elided_before(text, i):
                    # a dropped-letter word (givin', th') closes only if nothing later can
                    if later_closer[idx]:
                        role = APOSTROPHE
                elif next_close[idx]:
                    role = APOSTROPHE  # the next deciding mark closes after punctuation
        elif role == CLOSE and not stack.count[SINGLE]:
            # A closing single after punctuation with nothing open: a stray close.
            pass
        elif role == OPEN and ch == "’":
            role = APOSTROPHE
        if role == OPEN:
            stack.push(i, SINGLE)
        elif role == CLOSE:
            if not stack.close(i, SINGLE):
                quotations.append(Quotation(None, i, SINGLE, len(stack)))
        marks.append(QuoteMark(i, ch, role, SINGLE, straight))

    while stack.open:
        stack.leave_open()
    quotations.sort(key=lambda q: (q.start, q.depth))
    return marks, quotations


_QUOTE_CHARS = re.compile("[\"“”'‘’]")


def _has_quote(text: str) -> bool:
    return _QUOTE_CHARS.search(text) is not None
