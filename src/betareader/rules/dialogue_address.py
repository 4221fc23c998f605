"""Direct address in dialogue (DLG013): the comma that sets off the person spoken to."""

from __future__ import annotations

import re

from ..analysis.dialogue import speeches
from .base import ALWAYS, UNSAFE, Edit, register
from .dialogue import _DialogueRule, _level

#: what a line of speech opens with before the person spoken to ("Hello dear", "Calm down Mara")
_OPENERS = (
    r"hello|hi|hey|thanks|thank[ \t]+you|bye|goodbye|good[ \t]+(?:morning|night|evening|afternoon|luck)|morning|"
    r"yes|yeah|yep|no|nope|okay|ok|sorry|welcome|well[ \t]+done|come[ \t]+on|calm[ \t]+down|wake[ \t]+up|"
    r"hurry[ \t]+up|hold[ \t]+on|hang[ \t]+on|wait|please|alright|all[ \t]+right|listen|look|honestly"
)
#: words for the person spoken to (after an optional adjective: "pretty girl", "old man")
_TERMS = (
    r"dear|sir|ma'am|ma’am|madam|mum|mom|mummy|mommy|dad|daddy|papa|mama|love|darling|honey|sweetie|sweetheart|"
    r"mate|kid|kiddo|boss|buddy|pal|dude|guys|boys|girls|girl|boy|lads|ladies|gentlemen|son|everyone|everybody|folks"
)
_ADDRESS = (
    r"(?:you[ \t]+(?:two|three|four|guys|lot|all)|(?:(?:my|pretty|little|old|young|dear|sweet)[ \t]+)?(?:" + _TERMS + r")"
    r"|(?-i:(?:Mr|Mrs|Ms|Miss|Dr|Professor|Captain|Aunt|Uncle)\.?[ \t]+[A-Z][a-z][\w'’-]*)"
    r"|(?-i:[A-Z][a-z][\w'’-]*))"
)
_END = r"(?=[ \t]*(?:[,.!?;:…\"”’*_]|$))"
#: an opener and the person spoken to, with no comma between
_OPENER_RE = re.compile(r"(?i)(?<![\w'’-])(" + _OPENERS + r")[ \t]+(" + _ADDRESS + r")" + _END)
#: a story's name opening a clause, then "you're", "I'm"...: "Tobias you're late again"
_NAME_CLAUSE_RE = re.compile(r"(?:(?<=[\"“,…—])[ \t]*)[*_]*([A-Z][a-z][\w'’-]*)[ \t]+(?=(?:you|you're|you’re|you'll|you’ll|"
                             r"I'm|I’m|I|we|we're|we’re)\b)")
#: "for you Tobias." / "love to sir!"
_AFTER_YOU_RE = re.compile(r"(?<![\w'’-])(you)[ \t]+([A-Z][a-z][\w'’-]*)" + r"(?=[ \t]*[.!?])")
_SIR_RE = re.compile(r"(?<![\w'’-])(for|to|with)[ \t]+(sir|ma'am|ma’am|madam)(?=[ \t]*[.!?])")
#: an endearment or a title closing a clause of speech with no comma before it: "That's right dear,"
_TERM_END_RE = re.compile(r"(?<=[A-Za-z])[ \t]+(dear|darling|sweetheart|sweetie|honey|sir|ma'am|ma’am|madam|kiddo|"
                          r"buddy|dude)(?=[ \t]*[,.!?]|[ \t]*$)")
_TERM_END_WORDS = frozenset("dear darling sweetheart sweetie honey sir ma'am ma’am madam kiddo buddy dude".split())
_SIR_WORDS = frozenset("sir ma'am ma’am madam".split())
#: words before such a term that make it part of the sentence: "my dear", "oh dear", "the honey"
_TERM_END_NOT_AFTER = frozenset(
    """my your his her our their the a an this that oh yes no yeah nope dear very so too poor old little
    young sweet good of to for with at by from on in and or but like as than some any no, oh, sir madam""".split()
)
#: terms that are also adjectives or things ("dear", "honey") or objects ("tell sir"): set off only
#: after a word that ends a clause of speech ("That's right dear", "Come here honey")
_AMBIGUOUS_TERMS = frozenset("dear honey sir ma'am ma’am madam".split())
_CLAUSE_FINAL = frozenset(
    "right okay ok alright sorry thanks here now then please fine soon later again away home back up down out "
    "tonight today tomorrow morning night".split()
)
_TERM_END_NOT_AFTER |= frozenset("it me him them us you".split())
#: capitalised words that follow "oh" or "thank" without being anyone spoken to
_NOT_NAMES = frozenset(
    "God Lord Christ Jesus Heaven Heavens Hell Goodness Gosh I OK Okay Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday January February March April May June July August September October November December "
    "Christmas Easter Halloween Today Tonight Tomorrow Yesterday".split()
)
#: titles that address someone whether or not the story has used them as names yet
_TITLES = frozenset("Mr Mrs Ms Miss Dr Doctor Professor Captain Sir Madam Ma'am Ma’am Master Mister Lady Aunt Uncle".split())
_TERM_WORDS = frozenset(_TERMS.split("|"))
#: words after "no" that are more often a noun it qualifies ("No boy!", "no girls allowed") than someone spoken to
_NO_NOUNS = frozenset("boy boys girl girls kid son mate boss guys lads ladies gentlemen everyone everybody folks love".split())
#: verbs whose object is followed by a name that is not addressed: "stop calling you Dora"
_NAMING_RE = re.compile(r"(?i)(?:call|calls|called|calling|name|named|naming|dub|dubbed)[*_]*[ \t]+$")
_CLAUSE_END = frozenset(".!?…,—–;:")


#: words an opener may follow and still open the clause: "I'm sorry Mara", "Oh sorry Tobias"
_LEAD_RE = re.compile(r"(?i)(?:^|(?<=[\s\"“*_,.!?…—]))(?:I'm|I’m|I[ \t]+am|we're|we’re|quite|oh|very|so|ah|um|uh|all)[ \t]+$")


def _clause_start(text: str, lo: int, i: int) -> bool:
    """Does position ``i`` open a clause of the speech that starts at ``lo`` (or follow only a
    word like "I'm" or "oh" that does)?"""
    for _ in range(2):
        j = i
        while j > lo and text[j - 1] in " \t*_":
            j -= 1
        if j == lo or text[j - 1] in _CLAUSE_END:
            return True
        m = _LEAD_RE.search(text, max(lo, i - 12), i)
        if m is None:
            return False
        i = m.start()
    return False


_CLAUSE_MARK_RE = re.compile(r"[.!?…,—–;:]")
_LEAD_AT_RE = re.compile(r"(?i)(?:I'm|I’m|I[ \t]+am|we're|we’re|quite|oh|very|so|ah|um|uh|all)[ \t]+")


def _skip_space(text: str, i: int, hi: int) -> int:
    while i < hi and text[i] in " \t*_":
        i += 1
    return i


def _openers_at_clause_starts(text: str, lo: int, hi: int):
    """Matches of :data:`_OPENER_RE` at the start of each clause of the speech ``lo``..``hi``, or
    after a word like "I'm" or "oh" there (so a speech costs a few anchored tries, not a search)."""
    starts = [lo] + [m.end() for m in _CLAUSE_MARK_RE.finditer(text, lo, hi)]
    for st in starts:
        p = _skip_space(text, st, hi)
        for _ in range(3):
            m = _OPENER_RE.match(text, p, hi)
            if m is not None:
                yield m
                break
            lead = _LEAD_AT_RE.match(text, p, hi)
            if lead is None:
                break
            p = lead.end()


@register
class VocativeComma(_DialogueRule):
    """The person spoken to, in a line of speech, without the comma that sets them off.

    ## What it does
    Finds a line of speech that opens with a greeting or a word like `yes`, `sorry`, `wait`,
    `calm down`, `well done` followed straight by the person spoken to, with no comma:
    `"Hello dear."`, `"Hey Mum, look."`, `"Calm down Mara, we'll find it."`, `"Thank you
    Ollie."`; a name of the story opening a clause before `you`/`I`/`we` (`"Mara you're late."`);
    and `you` + a name, or `sir`/`madam` after `for`/`to`, at the end of a sentence (`"This is
    for you Mara."`, `"I'd love to sir!"`). Only inside quotations; `Oh God` and `thank God` are
    not addresses.

    ## Why it matters
    A name or `dear` that addresses someone is set off by commas; without them the reader may
    take it as part of the sentence (`"Let's eat Grandma"`), and the line reads as breathless.

    ## Example
    `"Morning dear," said the baker.` becomes `"Morning, dear," said the baker.`

    ## Fix safety
    Unsafe: the comma is almost always right, but a name can be the object of the words before it.
    """

    code = "DLG013"
    name = "vocative-comma"
    fix_availability = ALWAYS
    fix_applicability = UNSAFE

    def cache_key(self, ctx):
        return (ctx.dialect, _level(ctx))

    def check_paragraph(self, para, ctx):
        text = para.text
        if not para.analysis.quotations:
            return
        seen: set[int] = set()
        lines = [sp.quotation for sp in speeches(para.analysis, _level(ctx)) if sp.quotation.open is not None]
        if not lines:
            return
        words = para.analysis.lowercase_words
        terms_end = not _TERM_END_WORDS.isdisjoint(words)
        after_you = "you" in words
        sir = not _SIR_WORDS.isdisjoint(words)
        for k, q in enumerate(lines):
            # an unclosed quotation runs to the next one (not to the paragraph's end, which would
            # make a paragraph of unclosed quotations quadratic)
            lo = q.open + 1
            hi = q.close if q.close is not None else len(text)
            if k + 1 < len(lines):
                hi = min(hi, lines[k + 1].open)
            for rx in (_OPENER_RE, _AFTER_YOU_RE if after_you else None, _SIR_RE if sir else None):
                if rx is None:
                    continue
                # an opener only counts at a clause's start: tried there alone, not searched for
                matches = _openers_at_clause_starts(text, lo, hi) if rx is _OPENER_RE else rx.finditer(text, lo, hi)
                for m in matches:
                    if m.group(2) in _NOT_NAMES or m.end(1) in seen:
                        continue
                    word = m.group(2)
                    opener = m.group(1).lower()
                    if rx is _OPENER_RE and not _clause_start(text, lo, m.start()):
                        continue
                    if opener == "no" and word.lower() in _NO_NOUNS:
                        continue
                    if opener in ("yes", "no") and word.lower() in ("sir", "ma'am", "ma’am"):
                        continue  # "Yes sir" is an idiom published books print without the comma
                    if rx is _AFTER_YOU_RE and (word in _TITLES or _NAMING_RE.search(text, lo, m.start())):
                        continue
                    if (word[:1].isupper() and word.lower() not in _TERM_WORDS and word not in _TITLES
                            and word.split()[0].rstrip(".") not in _TITLES and not ctx.is_name(word)):
                        continue
                    seen.add(m.end(1))
                    yield self._comma(m.start(1), m.end(1), m.end(2))
            for m in (_TERM_END_RE.finditer(text, lo, hi) if terms_end else ()):
                before = text[max(lo, m.start() - 20) : m.start()].split()
                prev = before[-1].strip("*_") if before else ""
                if not prev or not prev[0].islower() or prev.lower() in _TERM_END_NOT_AFTER or m.start(1) in seen:
                    continue  # ("Anne dear" is one address; "my dear", "oh dear" are no address at all)
                if m.group(1).lower() in _AMBIGUOUS_TERMS and prev.lower() not in _CLAUSE_FINAL:
                    continue  # "a funny dear", "made it dear", "I love honey"
                if m.start() - lo < 2:
                    continue
                seen.add(m.start(1))
                yield self.finding(m.start(), m.end(1), "The person spoken to is set off with a comma.",
                                   edits=[Edit(m.start(), m.start(), ",")], suggestions=(",",))
            for m in _NAME_CLAUSE_RE.finditer(text, lo, hi):
                name = m.group(1)
                if name in _NOT_NAMES or not ctx.is_name(name) or m.end(1) in seen:
                    continue
                seen.add(m.end(1))
                yield self._comma(m.start(1), m.end(1), m.end(1))

    def _comma(self, s: int, at: int, e: int):
        return self.finding(s, e, "The person spoken to is set off with a comma.",
                            edits=[Edit(at, at, ",")], suggestions=(",",))
