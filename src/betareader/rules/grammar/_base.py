"""What every GRM rule shares: regular-expression fragments for word edges and the space between words, mentions (a word quoted as a word), the rule base classes ``_GrammarRule`` (pre-filter, protected spans, the part-of-speech stage) and ``_PatternRule`` (rules made of ``Pattern`` rows)."""

from __future__ import annotations

import re
import weakref
from typing import Callable, NamedTuple

from ...analysis import tagger
from ...model.memo import LRU
from ...model.scan import skip_back
from ...model.words import cased, overlaps, protected_spans
from ..base import ALWAYS, SAFE, Rule

_A = "['’]"  # an apostrophe, straight or curly
_B = r"(?<![\w'’-])"  # start of a word
_E = r"(?![\w'’-])"  # end of a word (not followed by more word, an apostrophe or a hyphen)
_E_NOHYPHEN = r"(?![\w'’]|-\w)"

#: Between two words: spaces or one line break (hard-wrapped text), and emphasis marks
#: ("It's *you're* fault").
_S = r"[*_]{0,2}(?:[ \t]+|[ \t]*\r?\n[ \t]*)[*_]{0,2}"
_MENTION_STRIP = frozenset(" \t,.!?;:…*_")

#: how much punctuation a quoted mention may carry before its word (`"...alot"`)
_MENTION_SLACK = 12


def _letter_before(text: str, i: int) -> bool:
    """Is there a letter just before ``i``, spaces and tabs apart (``re.search(r"[^\\W\\d_][ \\t]*\\Z",
    text[:i])``, looking back only over the spaces)?"""
    j = skip_back(text, i, " \t", space=False)
    return j > 0 and text[j - 1].isalnum() and not text[j - 1].isdecimal()


def _is_mention(para, s: int, e: int) -> bool:
    """Is text[s:e] a word quoted or italicised as a word (`he wrote "alot"`, `*your*`)?"""
    text = para.text
    a = para.analysis
    target = text[s:e].strip().lower()
    # a quotation that holds nothing but the word (and a little punctuation) opens just before it
    for q in (a.quotations_opening(s - len(target) - _MENTION_SLACK, s) if a.quotations else ()):
        if q.close is not None and e <= q.close + 1:
            lo, hi = q.open + 1, q.close
            while lo < hi and text[lo] in _MENTION_STRIP:
                lo += 1
            while hi > lo and text[hi - 1] in _MENTION_STRIP:
                hi -= 1
            # a quoted word inside a sentence ("he wrote 'alot'"), not a one-word line of speech
            # (lowercasing never shortens, so a longer inside cannot equal the word)
            if hi - lo <= len(target) and text[lo:hi].lower() == target and _letter_before(text, q.open):
                return True
    # italics are usually stress ("It's *you're* fault" is still wrong), so an italicised word is a
    # mention only after "the word", "spelled" and the like
    before = text[max(0, s - 30) : s].lower()
    if re.search(r"\b(?:the words?|the phrase|spelt|spelled|spelling|misspelled|misspelling|typo|typed|wrote)"
                 r"\s*[\"“‘'*_]*\s*\Z", before):
        return True
    return False


def _sentence_starts(para):
    """Where each sentence of the paragraph starts, after its opening quotes, brackets and emphasis
    (the rules whose patterns only open a sentence try them there, not at every position)."""
    text = para.text
    for s, e in para.analysis.sentences:
        while s < e and text[s] in " \t\"“‘'(*_":
            s += 1
        yield s


def _is_name(ctx, word: str) -> bool:
    """A story's name (asked of the context, which records the question) or a personal
    dictionary word."""
    return word in ctx.config_words() or ctx.is_name(word)


def _names_key(ctx) -> tuple:
    return tuple(sorted(ctx.config_words()))


#: candidates of one rule in one paragraph that the part-of-speech stage looks at, at most
MAX_POS_CANDIDATES = 1000


class _GrammarRule(Rule):
    """Shared plumbing: a cheap pre-filter, protected spans, mentions."""

    fix_availability = ALWAYS
    fix_applicability = SAFE
    #: lowercase strings one of which must occur in the paragraph for the rule to run
    needles: tuple[str, ...] = ()
    #: skip findings inside dialogue (dialect is a character's voice)
    narration_only = False

    def cache_key(self, ctx):
        return (ctx.dialect,)

    #: words the part-of-speech stage looks at (group 1 is the word), or None
    pos_re: re.Pattern | None = None

    def check_paragraph(self, para, ctx):
        text = para.text
        if self.needles:
            low = text.lower()
            if not any(n in low for n in self.needles):
                return
        prot = None  # URLs and the like, found only when there is a finding to check
        a = para.analysis
        found = list(self.scan(para, ctx))
        if self.pos_re is not None:
            self._prefetch(ctx)
            done = {f.start for f in found}
            found += [f for f in self._pos_scan(para, ctx) if f.start not in done]
        for f in found:
            if prot is None:
                prot = protected_spans(text)
            if prot and overlaps(prot, f.start, f.end):
                continue
            if a.markup and any(s <= f.start < e for s, e in a.markup if text[s:e].startswith("<!--")):
                continue
            if self.narration_only and a.quotations and a.in_dialogue(f.start):
                continue
            if _is_mention(para, f.start, f.end):
                continue
            yield f

    def scan(self, para, ctx):
        return ()

    # the part-of-speech stage -------------------------------------------------------------
    def pos_candidates(self, text: str) -> list:
        """Matches of ``pos_re`` worth tagging (cheap filters only): the first
        :data:`MAX_POS_CANDIDATES` of a paragraph (a paragraph has a handful; one with thousands
        is a pasted blob, whose tagging would cost memory in proportion to it)."""
        out = []
        for m in self.pos_re.finditer(text):
            if self.pos_worth(text, m):
                out.append(m)
                if len(out) >= MAX_POS_CANDIDATES:
                    break
        return out

    def pos_worth(self, text: str, m) -> bool:
        """A cheap look at the neighbouring words: is a decision by tags possible at all?"""
        return True

    def pos_item(self, m):
        """What to tag for ``m``: its position, or (start, end, replacement) to tag a
        same-length replacement of the word instead (the reading to test)."""
        return m.start(1)

    def pos_decide(self, text: str, toks: list, i: int, m, ctx):
        """A finding for the candidate ``m`` whose first token is ``toks[i]``, or None."""
        return None

    def pos_alt_item(self, text: str, m):
        """A second reading to tag for ``m`` (an item as :meth:`pos_item` returns), or None:
        a written possessive read as the contraction ("its" tagged as "it's")."""
        return None

    def pos_decide_alt(self, text: str, toks: list, i: int, m, ctx):
        """Like :meth:`pos_decide`, on the tags of :meth:`pos_alt_item`'s reading, when
        :meth:`pos_decide` found nothing."""
        return None

    def _pos_items(self, text: str, m) -> list:
        alt = self.pos_alt_item(text, m)
        return [self.pos_item(m)] if alt is None else [self.pos_item(m), alt]

    def _cands(self, text: str) -> list:
        """:meth:`pos_candidates`, remembered by the paragraph's text (the prefetch and the scan
        both ask, and a re-check asks again only about edited paragraphs)."""
        memo = _POS_CANDS.get(self.code)
        if memo is None:
            memo = _POS_CANDS.setdefault(self.code, LRU(POS_ITEMS_PER_RULE))
        got = memo.get(text)
        if got is None:
            got = self.pos_candidates(text)
            memo.put(text, got)
        return got

    def _pos_scan(self, para, ctx):
        text = para.text
        cands = self._cands(text)
        if not cands:
            return
        items = [self._pos_items(text, m) for m in cands]
        windows = tagger.tokens_at(text, para.analysis.sentences, [it for its in items for it in its])
        for m, its in zip(cands, items):
            f = None
            for n, item in enumerate(its):
                toks = windows.get(item)
                if not toks:
                    continue
                i = next((k for k, t in enumerate(toks) if t.start == m.start(1)), None)
                if i is None:
                    continue
                f = (self.pos_decide if n == 0 else self.pos_decide_alt)(text, toks, i, m, ctx)
                if f is not None:
                    break
            if f is not None:
                yield f

    def prepare(self, ctx) -> None:
        if self.pos_re is not None:
            self._prefetch(ctx)

    def _prefetch(self, ctx) -> None:
        """Tag the windows of every candidate in the document in one batch (the first time a
        document is seen); later paragraphs then find their windows in the tagger's cache."""
        doc = ctx.doc
        seen = getattr(self, "_prefetched", None)
        if seen is not None and seen() is doc:
            return
        self._prefetched = weakref.ref(doc)  # weak: the rule must not keep the last document alive
        memo = _POS_ITEMS.get(self.code)
        if memo is None:
            memo = _POS_ITEMS.setdefault(self.code, LRU(POS_ITEMS_PER_RULE))
        items = []
        needles = self.needles
        for p in doc.paragraphs:
            if p.kind not in self.kinds:
                continue
            if memo.get(p.text) is not None:
                # a pure function of the text, remembered: its windows were handed to the tagger
                # when it was first seen, so a re-check after an edit hands over only the edits'
                continue
            low = p.text.lower()
            if needles and not any(n in low for n in needles):
                mine = ()
            else:
                mine = tuple(item for m in self._cands(p.text) for item in self._pos_items(p.text, m))
            memo.put(p.text, mine)
            sentences = p.analysis.sentences
            items.extend((p.text, sentences, item) for item in mine)
        tagger.prefetch(items)


#: rule code -> (paragraph text -> the items :meth:`_GrammarRule._prefetch` hands to the tagger)
_POS_ITEMS: dict[str, LRU] = {}
#: rule code -> (paragraph text -> its part-of-speech candidates, :meth:`_GrammarRule._cands`)
_POS_CANDS: dict[str, LRU] = {}
POS_ITEMS_PER_RULE = 20_000

#: Contractions tagged as the possessive they may stand for (padded to the same length), so the
#: tagger reads the words after them as it would after the possessive: "wagged it's tail" is
#: tagged as "wagged its  tail".  A written "there" is tagged as "their" for the same reason.


def _replace(rule: Rule, text: str, s: int, e: int, repl: str, message: str, applicability: str = SAFE):
    return rule.finding(s, e, message, cased(text[s:e], repl), applicability=applicability)


class Pattern(NamedTuple):
    """One row of a :class:`_PatternRule`: where ``rx`` matches, its ``group`` is the wrong word.

    ``replacement`` is a string (cased like the matched group) or a callable of the match;
    ``message`` is formatted with ``w`` (the word written) and ``r`` (the replacement); the
    finding stands only when ``check(text, match)``, if given, is true."""

    rx: re.Pattern | LazyPattern
    group: int
    replacement: str | Callable[[re.Match], str]
    message: str
    check: Callable[[str, re.Match], bool] | None = None
    applicability: str = SAFE
    #: a lowercase string the match always contains: the row is tried only near it (the rule's
    #: ``needles`` otherwise), so a rule of many rows does not scan the whole paragraph with each
    needle: str | tuple[str, ...] | None = None


class _PatternRule(_GrammarRule):
    """A rule made of :class:`Pattern` rows, tried in order; the first to claim a word wins."""

    patterns: tuple[Pattern, ...] = ()
    WINDOW = 90  # characters around each needle that the patterns look at

    def scan(self, para, ctx):
        text = para.text
        seen = set()
        windows = None  # the rule's own windows, made only for rows that have no needle
        hits = None  # row needle -> where it occurs (one pass of an automaton over the paragraph)
        near: dict = {}
        for pat in self.patterns:
            group = pat.group
            if pat.needle is None:
                if windows is None:
                    windows = _windows(text, self.needles, self.WINDOW)
                spans = windows
            else:
                spans = near.get(pat.needle)
                if spans is None:
                    if hits is None:
                        hits = _row_needle_hits(type(self), text)
                    ns = (pat.needle,) if isinstance(pat.needle, str) else pat.needle
                    spans = near[pat.needle] = _spans([(i, len(n)) for n in ns for i in hits.get(n, ())],
                                                      len(text), self.WINDOW)
            for m in (m for ws, we in spans for m in pat.rx.finditer(text, ws, we)):
                s, e = m.span(group)
                if s in seen:
                    continue
                if pat.check is not None and not pat.check(text, m):
                    continue
                new = pat.replacement(m) if callable(pat.replacement) else cased(m.group(group), pat.replacement)
                seen.add(s)
                msg = pat.message.format(w=m.group(group), r=new)
                yield self.finding(s, e, msg, new, applicability=pat.applicability)


_AUTOMATA: dict[type, object] = {}


def _row_needle_hits(cls, text: str) -> dict[str, list[int]]:
    """Where each row needle of the rule ``cls`` occurs in ``text`` (lowercased), found in one pass."""
    import ahocorasick

    auto = _AUTOMATA.get(cls)
    if auto is None:
        auto = ahocorasick.Automaton()
        for pat in cls.patterns:
            if pat.needle is not None:
                for n in (pat.needle,) if isinstance(pat.needle, str) else pat.needle:
                    auto.add_word(n, n)
        auto.make_automaton()
        _AUTOMATA[cls] = auto
    hits: dict[str, list[int]] = {}
    for end, n in auto.iter(text.lower()):
        hits.setdefault(n, []).append(end - len(n) + 1)
    return hits


def _spans(starts: list[tuple[int, int]], n: int, width: int) -> list[tuple[int, int]]:
    """Merged spans of ``width`` characters around each (start, length)."""
    out: list[tuple[int, int]] = []
    for s, k in sorted(starts):
        a, b = max(0, s - width), min(n, s + k + width)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _windows(text: str, needles: tuple[str, ...], width: int) -> list[tuple[int, int]]:
    """Merged spans of ``width`` characters around each occurrence of a needle (the whole text
    when there are no needles): the patterns only need to look near their target word."""
    if not needles:
        return [(0, len(text))]
    low = text.lower()
    spans = []
    for n in needles:
        i = low.find(n)
        while i >= 0:
            spans.append((max(0, i - width), min(len(text), i + len(n) + width)))
            i = low.find(n, i + 1)
    spans.sort()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


class LazyPattern:
    """A regular expression compiled the first time it is used: most of the grammar rules'
    patterns wait behind a needle (`site`, `where`...) that a chapter may never contain, and
    compiling all of them cost a third of a second of every start.  Reads like the compiled
    pattern it stands for (``finditer``, ``search``, ``pattern``...)."""

    __slots__ = ("source", "flags", "_compiled")

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags
        self._compiled: re.Pattern | None = None

    def compiled(self) -> re.Pattern:
        rx = self._compiled
        if rx is None:
            rx = self._compiled = re.compile(self.source, self.flags)
        return rx

    def __getattr__(self, name: str):
        return getattr(self.compiled(), name)


def _rx(pattern: str) -> LazyPattern:
    return LazyPattern(pattern.replace("␣", _S), re.I)
