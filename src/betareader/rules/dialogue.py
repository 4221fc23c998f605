"""Dialogue punctuation (DLG): fiction's conventions, where generic checkers fail.

Every rule reads the dialogue analysis (:mod:`betareader.analysis.dialogue`): each quotation
at the story's dialogue level with its tag or beat.
"""

from __future__ import annotations

import re
from collections import Counter

from ..analysis.dialogue import BEAT, QUESTION_VERBS, SPEECH_STARTERS, TAG, THOUGHT, TITLES, run_in, runs_together, speech_like, speeches, title_like, verb_kind
from ..model import DOUBLE, SINGLE
from ..model.scan import skip_back
from .base import ALWAYS, CRAFT, NEVER, SAFE, UNSAFE, Edit, Rule, register

_CLOSERS = ",?!…—–-"
_DETERMINERS = frozenset("The His Her Their My Your Our".split())


def _level(ctx) -> str:
    return ctx.doc.style.dialogue_level if ctx.doc.style else DOUBLE


def _lower_first(s: str) -> str:
    return s[:1].lower() + s[1:]


def _upper_first(s: str) -> str:
    return s[:1].upper() + s[1:]


class _DialogueRule(Rule):
    def cache_key(self, ctx):
        return (ctx.dialect, _level(ctx))


@register
class PeriodBeforeTag(_DialogueRule):
    """A period closing a quotation that a dialogue tag follows.

    ## What it does
    Finds a quotation ending in a period followed by a tag, a speaker and a verb of speech:
    `"Stay." she said.`, `"Stay." Maya said.`, `"Stay." She said.`, `"Stay." said Maya.`, and a
    thought in the other marks with its tag (`'Odd.' thought Ollie` in a story whose speech is
    in double quotes).
    Verbs that can be speech or action (laughed, sighed) are left alone, since
    `"Fine." She laughed.` is a correct action beat; so is a verb with an object
    (`"Stay." She said nothing.`).

    ## Why it matters
    A tag belongs to the sentence of the quotation it attributes, so the quotation ends with
    a comma, and the tag goes on in lowercase. The period splits one sentence in two.

    ## Example
    `"Stay." she said.` becomes `"Stay," she said.`; `"Stay." She said.` becomes
    `"Stay," she said.`

    ## Fix safety
    Safe: the period becomes a comma, and a capitalised pronoun (or inverted verb) in the
    tag is lowercased. Names keep their capital.
    """

    code = "DLG001"
    name = "period-before-tag"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    def check_paragraph(self, para, ctx):
        text = para.text
        level = _level(ctx)
        other = SINGLE if level == DOUBLE else DOUBLE
        # thoughts may take the other marks ('Odd.' thought Ollie, in a story whose speech is in
        # double quotes): there only a thought's tag is read
        for sp in (*speeches(para.analysis, level),
                   *(x for x in speeches(para.analysis, other) if x.attribution is not None
                     and x.attribution.verb_class == "thought" and x.attribution.inverted)):
            a = sp.attribution
            if a is None or a.position != "after" or a.verb_class not in ("speech", "thought") or sp.end_mark != ".":
                continue
            dot = sp.close - 1
            if dot > 0 and text[dot - 1] in ".…":
                continue  # an ellipsis: trailing off
            if not _starts_like_speech(text, sp.quotation) or _introduces_quote(text, a):
                continue
            edits = [Edit(dot, dot + 1, ",")]
            first = a.verb_span if a.inverted else a.subject_span
            word = text[first[0] : first[1]]
            lead = word.split()[0] if word else ""
            if word[:1].isupper() and (a.inverted or (a.pronoun and word != "I") or lead in _DETERMINERS):
                edits.append(Edit(first[0], first[0] + 1, word[0].lower()))
            yield self.finding(
                dot,
                dot + 1,
                "A quotation followed by a dialogue tag ends with a comma, not a period.",
                edits=edits,
                suggestions=(",",),
            )


@register
class CapitalisedTagPronoun(_DialogueRule):
    """A dialogue tag starting with a capitalised pronoun after `, ? ! … —`.

    ## What it does
    Finds tags like `"Stay," She said.` and `"Why?" He asked.`: the quotation ends with a
    comma, question or exclamation mark, ellipsis or dash, and the tag's pronoun is
    capitalised. `I` is always a capital and is left alone; so are names, and verbs that
    can be action beats (`"Why?" She laughed.`).

    ## Why it matters
    The tag continues the quotation's sentence, even after `?` or `!`, so it is lowercase.

    ## Example
    `"Why?" He asked.` becomes `"Why?" he asked.`

    ## Fix safety
    Safe: only the pronoun's first letter changes.
    """

    code = "DLG002"
    name = "capitalised-tag-pronoun"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    def check_paragraph(self, para, ctx):
        text = para.text
        heading = None  # a heading written as a line of text ("XVI. “I Won’t!” Said Mary"): asked once, when needed
        for sp in speeches(para.analysis, _level(ctx)):
            a = sp.attribution
            if a is None or a.position != "after" or a.verb_class not in ("speech", "thought"):
                continue
            trailing_dots = sp.end_mark == "." and text[sp.close - 3 : sp.close] == "..."
            if not sp.end_mark or (sp.end_mark not in _CLOSERS and not trailing_dots):
                continue
            if a.inverted and sp.end_mark in ",?!":  # "Now?" Asked the Captain.
                s, e = a.verb_span
                word = text[s:e]
                if word[0].isupper():
                    if heading is None:
                        heading = title_like(text)
                    if heading:
                        return
                    yield self.finding(s, e, f"The tag goes on in lowercase after the quotation: '{word.lower()}'.",
                                       word.lower())
                continue
            s, e = a.subject_span
            word = text[s:e]
            lead = word.split()[0]
            if a.inverted:
                continue
            if (a.pronoun and word != "I" and word[0].isupper()) or (lead in _DETERMINERS and (sp.end_mark in ",?!…" or trailing_dots)):
                # "Why?" He asked. / "Wait..." The young man said.
                if heading is None:
                    heading = title_like(text)
                if heading:
                    return
                yield self.finding(
                    s, s + len(lead), f"The tag goes on in lowercase after the quotation: '{lead.lower()}'.",
                    lead.lower(),
                )


_INTRO_RE = re.compile(r"(?:\s+[a-z]+ly)?\s*(?::|,\s*[\"“‘'][*_]*(?![a-z]))")


def _introduces_quote(text: str, a) -> bool:
    """Is the tag really the next quotation's tag (`She answered, "I'll take it."`)?"""
    return _INTRO_RE.match(text, a.verb_span[1] if not a.inverted else a.subject_span[1]) is not None


#: what may stand just before a quotation that starts a sentence (spaces and emphasis marks between)
_SPEECH_FOLLOWS = frozenset(".!?…:;—–\"”’'*_")


#: words after a closing quotation that go on with the sentence it is part of
_GOES_ON = frozenset("and or but as if than then so while when because before after until".split())


def _first_of(text: str, q) -> str:
    m = _FIRST_RE.match(text, q.open + 1) if q.open is not None else None
    return m.group(1) if m else ""


_FIRST_RE = re.compile(r"[*_]*([A-Za-z][A-Za-z'’]*)")


def _starts_like_speech(text: str, q) -> bool:
    """Is the quotation at the start of a sentence (not a quoted word inside narration)?  It
    opens the paragraph or follows an end mark, a colon, a dash or another quote, with only
    spaces and emphasis marks between; looked for backwards, so a paragraph of a thousand
    quotations costs a thousand short looks, not a thousand scans from its start."""
    if q.open is None:
        return False
    o = q.open
    if o > 0 and text[o - 1] in "*_":
        return True  # an emphasis mark is itself one of the marks that may come before
    j = skip_back(text, o)
    return j == 0 or text[j - 1] in _SPEECH_FOLLOWS


@register
class MissingPunctuationBeforeClose(_DialogueRule):
    """No punctuation before the closing quotation mark when a tag or a new sentence follows.

    ## What it does
    Finds spoken lines that end with a bare word: `"Stay" she said.`, `'Go away' he thought.`,
    `"I'm tired" The door slammed.`, and a line of speech that ends its paragraph, or that
    another line follows at once, with no end mark at all (`"Well, I don't know"`, `"I was
    with them" "Why?"`). Only quotations that start a sentence are checked, so a
    quoted word inside narration (`he called it "home" and left`) is not.

    ## Why it matters
    The closing mark needs the quotation's own punctuation: a comma before a tag, or the
    sentence's end mark before a new sentence. Without it the reader runs speech and
    narration together.

    ## Example
    `"Stay" she said.` becomes `"Stay," she said.`; `"I'm tired" The door slammed.` becomes
    `"I'm tired." The door slammed.`

    ## Fix safety
    Safe when a speech tag follows (a comma). Unsafe otherwise: before a question tag the
    mark is probably `?`, and before a new sentence it may be `.`, `?` or `!`.
    """

    code = "DLG003"
    name = "missing-punctuation-before-close"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    _next_cap = re.compile(r"[ \t]+[*_]*([A-Z][\w'’]*)")
    _next_lower = re.compile(r"[ \t]+[*_]*([a-z][\w'’]*)")

    @staticmethod
    def _ends_paragraph(text: str, i: int) -> bool:
        """Only spaces and emphasis marks from ``i`` to the paragraph's end."""
        n = len(text)
        while i < n and text[i] in " \t*_":
            i += 1
        return i == n

    @staticmethod
    def _next_open(text: str, i: int, opens: frozenset[int]) -> bool:
        """Does a quotation open at ``i``, after spaces only (at least one)?"""
        j = i
        while j < len(text) and text[j] in " \t":
            j += 1
        return j > i and j in opens

    @staticmethod
    def _run_in_speech(para, sp, level: str, habit):
        """(the run-in, the paragraph's habit) when the quotation of ``sp``, which does not start
        a sentence, is a line of speech run into the narration before it; (None, habit) when it
        reads as a quoted phrase.  ``habit`` (does the paragraph run speech together?) is worked
        out only when needed and handed back for the next quotation."""
        text = para.text
        q = sp.quotation
        if q.open is None:
            return None, habit
        inner = text[q.open + 1 : q.close]
        run = run_in(text, q)
        if run is None:
            # after an object pronoun, a long line that a tag follows or that sits in a paragraph
            # running speech together: `happy for her "we should have known it all along" she said`
            run = run_in(text, q, after_object=True)
            if run is None or len(inner) < 15 or len(inner.split()) < 4 or title_like(inner):
                return None, habit
            a = sp.attribution
            if a is not None and a.position == "after" and a.kind in (TAG, THOUGHT):
                return run, habit
            if habit is None:
                habit = runs_together(text, para.analysis, level)
            return (run if habit else None), habit
        if not speech_like(text, q, run.first, after_name=run.after_name):
            if habit is None:
                habit = runs_together(text, para.analysis, level)
            if not (habit and speech_like(text, q, run.first, loose=True)) or title_like(inner):
                return None, habit
        return run, habit

    def check_paragraph(self, para, ctx):
        text = para.text
        level = _level(ctx)
        habit = None
        opens = frozenset(sp.quotation.open for sp in speeches(para.analysis, level) if sp.quotation.open is not None)
        for sp in speeches(para.analysis, level):
            q = sp.quotation
            if q.close is None or not sp.end_mark:
                continue
            if not sp.end_mark.isalnum():
                k = q.close  # a bare word in emphasis: "back *home*"
                lo = q.open + 1 if q.open is not None else 0
                while k > lo and text[k - 1] in "*_":
                    k -= 1
                if k == q.close or k == lo or not text[k - 1].isalnum():
                    continue
            run = None
            if not _starts_like_speech(text, q):
                run, habit = self._run_in_speech(para, sp, level, habit)
                if run is None:
                    continue
            a = sp.attribution
            pos = q.close
            if a is not None and a.position == "after" and a.kind in (TAG, THOUGHT):
                if a.verb in QUESTION_VERBS:
                    yield self.finding(pos - 1, pos + 1, "A question before its tag needs a question mark.",
                                       edits=[Edit(pos, pos, "?")], applicability=UNSAFE, suggestions=("?",))
                else:
                    unsafe = a.verb_class == "both"
                    yield self.finding(pos - 1, pos + 1, "A comma goes before the closing quotation mark when a tag follows.",
                                       edits=[Edit(pos, pos, ",")], applicability=UNSAFE if unsafe else SAFE,
                                       suggestions=(",",))
                continue
            m = self._next_cap.match(text, q.close + 1)
            if m:
                edits = [Edit(pos, pos, ".")]
                yield self.finding(pos - 1, pos + 1, "The quotation needs its end mark before the next sentence starts.",
                                   edits=edits, applicability=UNSAFE, suggestions=(".", "?", "!"))
            elif a is not None and a.kind == BEAT and a.pronoun and text[a.subject_span[0]].islower():
                s = a.subject_span[0]
                yield self.finding(pos - 1, pos + 1, "The quotation needs its end mark before the action beat.",
                                   edits=[Edit(pos, pos, "."), Edit(s, s + 1, text[s].upper())],
                                   applicability=UNSAFE, suggestions=(".",))
            elif a is None and self._next_open(text, q.close + 1, opens):
                # another line of speech straight after this one: "back *home*" "why not stay"
                yield self.finding(pos - 1, pos + 1, "The line of speech needs its end mark before the next one starts.",
                                   edits=[Edit(pos, pos, ".")], applicability=UNSAFE, suggestions=(".", "?", "!"))
            elif a is None and self._ends_paragraph(text, q.close + 1):
                first = run.first if run else _first_of(text, q)
                inner = text[q.open + 1 : q.close]
                if habit or speech_like(text, q, first) or (
                        len(inner.split()) >= 3 and first.lower().replace("’", "'") in SPEECH_STARTERS
                        and not title_like(inner)):
                    # the last line of the paragraph, with nothing after it: its end mark is missing
                    yield self.finding(pos - 1, pos + 1, "The line of speech needs its end mark before the closing quotation mark.",
                                       edits=[Edit(pos, pos, ".")], applicability=UNSAFE, suggestions=(".", "?", "!"))
            elif a is None and (habit or speech_like(text, q, run.first if run else _first_of(text, q))):
                m = self._next_lower.match(text, q.close + 1)
                if m and m.group(1) not in _GOES_ON:
                    s = m.start(1)  # a line of speech, then a new sentence of narration in lowercase
                    yield self.finding(pos - 1, s + 1, "The quotation needs its end mark, and the sentence after it a capital.",
                                       edits=[Edit(pos, pos, "."), Edit(s, s + 1, text[s].upper())],
                                       applicability=UNSAFE, suggestions=(".",))


@register
class BeatAsTag(_DialogueRule):
    """An action beat punctuated as a dialogue tag (`"Fine," she smiled.`).

    ## What it does
    Finds a quotation joined by a comma (or by `?`/`!` with a lowercase pronoun) to an action
    that is not speech: smiled, grinned, nodded, shrugged, frowned, winked... Verbs that can
    be both (laughed, sighed, snorted) are left alone, and so is a beat followed by a speech
    verb in the same clause (`"Fine," she smiled and said`).

    ## Why it matters
    You can't smile words. A beat is its own sentence: the quotation ends with a period (or
    its own `?`/`!`) and the beat starts with a capital.

    ## Example
    `"Fine," she smiled.` becomes `"Fine." She smiled.`

    ## Fix safety
    Unsafe: the writer may have meant a tag with a speech verb (`"Fine," she said,
    smiling.`) instead.
    """

    code = "DLG004"
    name = "beat-as-tag"
    fix_availability = ALWAYS
    fix_applicability = UNSAFE

    _particle = re.compile(r"\s+out\b")
    _speech_later = re.compile(r"[^.!?\"“”]*?\b(?:and|as|then)\s+(?:[a-z]+ly\s+)?([a-z]+)\b")

    def check_paragraph(self, para, ctx):
        text = para.text
        for sp in speeches(para.analysis, _level(ctx)):
            a = sp.attribution
            if a is None or a.kind != BEAT or a.position != "after" or a.inverted:
                continue
            s, e = a.subject_span
            subj = text[s:e]
            m = self._speech_later.match(text, a.verb_span[1])
            if m and verb_kind(m.group(1)) in ("speech", "both", "thought"):
                continue
            if a.verb == "point" and self._particle.match(text, a.verb_span[1]):
                continue  # "pointed out" is speech
            if sp.end_mark == ",":
                edits = [Edit(sp.close - 1, sp.close, ".")]
                if subj[0].islower():
                    edits.append(Edit(s, s + 1, subj[0].upper()))
                yield self.finding(sp.close - 1, sp.close,
                                   f"'{text[a.verb_span[0]:a.verb_span[1]]}' is an action, not speech: "
                                   "end the quotation with a period and start the beat with a capital.",
                                   edits=edits)
            elif (sp.end_mark in ("?", "!", "…") or text[sp.close - 3 : sp.close] == "...") and a.pronoun and subj[0].islower():
                yield self.finding(s, e, f"'{text[a.verb_span[0]:a.verb_span[1]]}' is an action, not speech: "
                                   "the beat is a new sentence with a capital.",
                                   edits=[Edit(s, s + 1, subj[0].upper())])


@register
class SplitQuoteCapital(_DialogueRule):
    """A split quotation that continues the same sentence with a capital.

    ## What it does
    Finds `"If you go," she said, "Take the dog."`: the first part ends with a comma, the tag
    ends with a comma, so the second part continues the sentence. Its first word is
    flagged when it is an ordinary word the story also writes in lowercase; names, `I` and
    words the story only ever capitalises are left alone.

    ## Why it matters
    A capital after the tag tells the reader a new sentence starts, when the speaker is
    still in the middle of one.

    ## Example
    `"If you go," she said, "Take the dog."` becomes `"If you go," she said, "take the dog."`

    ## Fix safety
    Safe: only the first letter changes.
    """

    code = "DLG005"
    name = "split-quote-capital"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    _first_word = re.compile(r"[*_]*([A-Z][a-z]*(?:['’][a-z]+)?)\b")

    def cache_key(self, ctx):
        return (ctx.dialect, _level(ctx))

    def check_paragraph(self, para, ctx):
        text = para.text
        sps = speeches(para.analysis, _level(ctx))
        for k, sp in enumerate(sps):
            if not sp.continues_sentence or sp.open is None or k == 0:
                continue
            if not _starts_like_speech(text, sps[k - 1].quotation):
                continue  # the first part is a quoted word inside narration
            m = self._first_word.match(text, sp.open + 1)
            if not m:
                continue
            word = m.group(1)
            if word == "I" or word.startswith(("I'", "I’")) or word in _TITLES or ctx.is_name(word):
                continue
            if not ctx.uses_lowercase(word.lower()):
                continue
            s = m.start(1)
            yield self.finding(s, m.end(1), "The quotation continues the sentence the tag interrupted: lowercase.",
                               edits=[Edit(s, s + 1, word[0].lower())], suggestions=(_lower_first(word),))


_TITLES = TITLES


def _speaker_key(a) -> str | None:
    """A comparable speaker: a name's first word (without a title), or a pronoun's gender."""
    subj = a.subject
    low = subj.lower()
    if a.pronoun:
        if low in ("he", "she"):
            return "pronoun:" + low
        if low == "i":
            return "pronoun:i"
        return None
    first = subj.split()[0].rstrip(".")
    if first.lower() in ("the", "his", "her", "their", "my", "your", "our"):
        return None
    words = [w for w in subj.replace(".", " ").split() if w[:1].isupper()]
    if not words:
        return None
    title = words[0] if words[0] in _TITLES and len(words) > 1 else ""
    rest = [w for w in words if w not in _TITLES]
    return "name:" + (rest[-1] if rest else words[-1]) + ("|" + title if title else "")


def _different_speakers(a: str, b: str) -> bool:
    """Names are compared with names and pronouns with pronouns; two names differ when their
    last words differ, or when both carry different titles (Mr. and Mrs. Bennet)."""
    ta, _, va = a.partition(":")
    tb, _, vb = b.partition(":")
    if ta != tb:
        return False
    if ta == "pronoun":
        return va != vb
    na, _, tia = va.partition("|")
    nb, _, tib = vb.partition("|")
    return na != nb or bool(tia and tib and tia != tib)


@register
class TwoSpeakersOneParagraph(_DialogueRule):
    """Two different speakers' lines in one paragraph.

    ## What it does
    Finds a paragraph where quotations are tagged to different speakers: two different
    names (`"Hi," Maya said. "Hello," Tamsin said.`), or two different pronouns (`he` and
    `she`, `I` and `he`). A name and a pronoun are never compared (`said Holmes` ... `he
    added` may be one speaker); lines without a tag, and descriptors such as `the taller
    man`, are not counted.

    ## Why it matters
    New speaker, new paragraph: readers use paragraph breaks to follow who is talking, and
    two voices in one paragraph make them go back and check.

    ## Example
    `"Hi," Maya said. "Hello," Tamsin said.` becomes two paragraphs:
    `"Hi," Maya said.` / `"Hello," Tamsin said.`

    ## Fix safety
    No fix: where to break the paragraph is the writer's choice.
    """

    code = "DLG006"
    name = "two-speakers-one-paragraph"
    fix_availability = NEVER

    def check_paragraph(self, para, ctx):
        first = None
        for sp in speeches(para.analysis, _level(ctx)):
            a = sp.attribution
            if a is None or a.kind not in (TAG, THOUGHT) or sp.continues_sentence:
                continue
            key = _speaker_key(a)
            if key is None:
                continue
            if first is None:
                first = (key, a)
            elif _different_speakers(first[0], key):
                # names are compared with names and pronouns with pronouns: "Holmes" and "he"
                # may be the same person
                s = sp.open if sp.open is not None else a.subject_span[0]
                yield self.finding(
                    s, s + 1,
                    f"A second speaker ({a.subject}) after {first[1].subject} in the same paragraph: "
                    "start a new paragraph for a new speaker.",
                )
                return


@register
class PunctuationOutsideQuotes(_DialogueRule):
    """A period or comma placed after the closing quotation mark (American usage).

    ## What it does
    With `dialect = "en-US"` (the default), finds `"Stay".` and `"Stay", she said`: a period or
    comma right after a closing quotation mark whose quotation ends in a word, also with stray
    spaces around the mark (`" stay " .`); not where more punctuation follows. British usage
    (`dialect = "en-GB"`) places them by sense, so the rule is silent there.

    ## Why it matters
    American usage always puts periods and commas inside the closing quotation mark; a mark
    outside looks like a typo to American readers and editors.

    ## Example
    `She said "stay".` becomes `She said "stay."`

    ## Fix safety
    Safe: the mark moves inside the quotation mark (and stray spaces next to it go).
    """

    code = "DLG007"
    name = "punctuation-outside-quotes"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    def check_paragraph(self, para, ctx):
        if ctx.dialect != "en-US":
            return
        text = para.text
        n = len(text)
        for q in para.analysis.quotations:
            if q.open is None or q.close is None or q.close + 1 >= n:
                continue
            h = q.close  # spaces just inside the closing mark (TYP002) go too
            while h > q.open + 1 and text[h - 1] in " \t":
                h -= 1
            p = q.close + 1  # and spaces before the mark (TYP001)
            while p < n and text[p] in " \t\u00a0":
                p += 1
            if p >= n or text[p] not in ".," or not text[h - 1].isalnum():
                continue
            mark = text[p]
            after = text[p + 1 : p + 2]
            if after == "." or after.isalnum():
                continue  # an ellipsis or a number, not sentence punctuation
            if p > q.close + 1 and not _spaced_mark_is_punctuation(text, p, para):
                continue
            if _STACKED_AFTER_RE.match(text, p + 1):
                continue  # `"Stay". ?`: a pile of marks is the writer's to sort out (TYP009)
            quote = text[q.close]
            yield self.finding(
                h, p + 1,
                f"In American usage the {'period' if mark == '.' else 'comma'} goes inside the closing quotation mark.",
                mark + quote,
            )


_SPACED_ELLIPSIS_RE = re.compile(r"\.(?: \.){2,}")
_STACKED_AFTER_RE = re.compile(r"[ \t\u00a0]*[,.;:!?]")


def _spaced_mark_is_punctuation(text: str, p: int, para) -> bool:
    """A mark set off by spaces after a closing quotation mark counts where TYP001 would flag the
    space before it (so the two agree, and one fix does both): followed by a space, a closing
    mark or more punctuation; not part of a spaced ellipsis; not inside markup."""
    if p + 1 < len(text) and text[p + 1] not in " \t\n\r\u00a0\"”’'*_)]!?,.;:" and not text[p + 1].isspace():
        return False
    if text[p] == "." and any(s <= p < e for s, e in (m.span() for m in _SPACED_ELLIPSIS_RE.finditer(text))):
        return False
    return not para.analysis.in_markup(p)


#: a stuttered word: a capital, up to a dozen repeats of one or two letters, then the word in lowercase
_STUTTER_RE = re.compile(r"\b([A-Z])((?:-[A-Za-z]{1,2}){0,12})-([a-z])([\w'’]+)")


@register
class StutteredNameCapital(_DialogueRule):
    """A stuttered name that lost its capital (`"H-harry?"`).

    ## What it does
    Finds a stutter whose repeated word is one of the story's names: `H-harry`, `T-t-tamsin`.
    The story's names are the capitalised words it uses mid-sentence and never in lowercase;
    ordinary stutters (`W-what`, `I-I`) are left alone.

    ## Why it matters
    A name keeps its capital in a stutter; `H-harry` reads as a typo.

    ## Example
    `"H-harry?"` becomes `"H-Harry?"`

    ## Fix safety
    Safe: only the name's first letter changes.
    """

    code = "DLG008"
    name = "stuttered-name-capital"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    def cache_key(self, ctx):
        return ()

    def check_paragraph(self, para, ctx):
        text = para.text
        if "-" not in text:
            return
        for m in _STUTTER_RE.finditer(text):
            if m.group(1).lower() != m.group(3):
                continue
            name = m.group(3).upper() + m.group(4)
            if not ctx.is_name(name) and not ctx.is_name(re.sub(r"['’]s$", "", name)):
                continue
            s = m.start(3)
            yield self.finding(m.start(), m.end(), f"The stuttered name keeps its capital: {name}.",
                               edits=[Edit(s, s + 1, m.group(3).upper())],
                               suggestions=(text[m.start():s] + name,))


_COLONS_RE = re.compile(r"::(?=\S)([^:\n]{1,300}?)(?<=\S)::")
_GUILLEMET_RE = re.compile(r"«([^«»\n]{1,300})»")
_BRACKET_RE = re.compile(r"\[([^\[\]\n]{1,300})\]")
_THOUGHT_AFTER_RE = re.compile(r"[,.]?[*_]*[ \t]+(?:(?i:he|she|they|i|we|you)|[A-Z][\w'’-]*)[ \t]+(?:[a-z]+ly[ \t]+)?(thought|wondered|thinks|wonders|mused|sent|projected)\b")

FORMS = {
    "italics": "italics",
    "single": "single quotes",
    "double": "double quotes",
    "colons": "::colons::",
    "guillemets": "«guillemets»",
    "brackets": "[brackets]",
}


def thought_forms(para, level: str):
    """(form, start, end) for each thought or telepathy in a paragraph (relative offsets)."""
    a = para.analysis
    text = a.text
    out = []
    for s, e in a.emphasis:
        # a thought, not an emphasised word: it ends with punctuation or runs to 3+ words
        inner = text[s:e]
        if not (inner[-1:] in ",.!?…—" or len(inner.split()) >= 3):
            continue
        # the marker ends at e (+1 or +2); look for a thought tag right after
        m = _THOUGHT_AFTER_RE.match(text, e + (2 if text[e:e + 2] in ("**", "__") else 1))
        if m:
            out.append(("italics", s, e))
    if "'" in text or "‘" in text or '"' in text or "“" in text:
        for lv, form in ((SINGLE, "single"), (DOUBLE, "double")):
            for sp in speeches(a, lv):
                att = sp.attribution
                if att is not None and att.kind == THOUGHT and sp.open is not None and sp.close is not None:
                    if att.verb in ("think", "wonder", "muse", "send", "project"):
                        out.append((form, sp.open, sp.close + 1))
    if "::" in text:
        out.extend(("colons", m.start(), m.end()) for m in _COLONS_RE.finditer(text))
    if "«" in text:
        out.extend(("guillemets", m.start(), m.end()) for m in _GUILLEMET_RE.finditer(text))
    if "[" in text:
        for m in _BRACKET_RE.finditer(text):
            if _THOUGHT_AFTER_RE.match(text, m.end()):
                out.append(("brackets", m.start(), m.end()))
    return out


@register
class ThoughtConventionMixed(Rule):
    """Thoughts or telepathy written in more than one way in one story.

    ## What it does
    Counts how the story marks thoughts: italics (`*I hate this,* she thought`), single
    quotes in a double-quote story, double quotes, `::colons::`, `«guillemets»`, or
    `[brackets]` (with a thought verb). When two or more forms are used, each use of a less
    common form is pointed out with the counts of each. Guillemets count only in a story
    whose dialogue doesn't use them.

    ## Why it matters
    Any convention works if it is consistent: readers learn it in the first chapter and
    then rely on it to tell thought from speech, and telepathy from thought.

    ## Example
    In a story with twelve italic thoughts, `'What now?' she thought.` becomes
    `*What now?* she thought.`

    ## Fix safety
    No fix: converting between forms changes emphasis and markup the writer chose.
    """

    code = "DLG009"
    name = "thought-convention-mixed"
    kind = CRAFT
    severity = "info"
    scope = "document"
    fix_availability = NEVER

    def check_document(self, doc, ctx):
        level = doc.style.dialogue_level if doc.style else DOUBLE
        found = []
        for p in doc.paragraphs:
            if p.kind != "text":
                continue
            for form, s, e in thought_forms(p, level):
                if form == "double" and level == DOUBLE:
                    # quoted thoughts in a double-quote story: a form of its own
                    pass
                found.append((form, p.start + s, p.start + e))
        counts = Counter(f for f, _, _ in found)
        if len(counts) < 2:
            return
        (main, main_n), (_, second_n) = counts.most_common(2)
        if main_n == second_n:
            return  # no majority: no convention to hold the others to
        summary = ", ".join(f"{FORMS[f]} {n}" for f, n in counts.most_common())
        for form, s, e in found:
            if form == main:
                continue
            yield self.finding(
                s, e,
                f"This thought is in {FORMS[form]}, but the story mostly uses {FORMS[main]} ({summary}).",
            )
