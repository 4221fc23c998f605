"""Typography and mechanics (TYP): spacing, dashes, ellipses, doubled words, capitals, quotes.

Each rule is a small class; its docstring is its documentation (``betareader explain CODE``).
"""

from __future__ import annotations

import re

from ..model import CLOSE, DOUBLE, OPEN, SINGLE, Document
from ..model.paragraph import ABBREVIATIONS, ellipses
from ..model.scan import run_start, skip_back
from .base import ALWAYS, CRAFT, NEVER, SAFE, UNSAFE, Edit, Rule, register

_SPACED_ELLIPSIS_RE = re.compile(r"\.(?: \.){2,}")


def _in_spans(pos: int, spans) -> bool:
    return any(s <= pos < e for s, e in spans)


@register
class SpaceBeforePunctuation(Rule):
    """Space before a comma, period, question mark, exclamation mark, semicolon or colon.

    ## What it does
    Finds spaces between a word and the punctuation that follows it: `word ,`, `word .`,
    `word ?`, `word !`, `word ;`, `word :`.

    ## Why it matters
    English sets these marks tight against the word before them. A stray space looks like
    a typo and, in a web browser or e-reader, can push the mark to the start of a new line.

    ## Example
    `She waved , then left .` becomes `She waved, then left.`

    Not flagged: spaced ellipses (`wait . . . what`), decimals (`.5`), emoticons (`:)`).
    Spacing before an ellipsis is checked by TYP005 against the story's own style.

    ## Fix safety
    Safe: the fix deletes the space and nothing else.
    """

    code = "TYP001"
    name = "space-before-punctuation"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    _re = re.compile(r"(?<=[^\s.…])([ \t\u00a0]+)([,.;:!?])(?=[\s\"”’'*_)\]!?,.;:]|$)")

    def check_paragraph(self, para, ctx):
        text = para.text
        if not any(c in text for c in " \t\u00a0"):
            return
        spaced = [m.span() for m in _SPACED_ELLIPSIS_RE.finditer(text)] if ". ." in text else []
        markup = para.analysis.markup
        for m in self._re.finditer(text):
            mark = m.group(2)
            ps = m.start(2)
            if mark in ":;" and text[ps + 1 : ps + 2] in ("(", ")"):
                continue  # an emoticon
            if mark == "." and text.startswith("..", ps):
                continue  # an ellipsis: TYP005
            if spaced and _in_spans(ps, spaced):
                continue
            if markup and _in_spans(ps, markup):
                continue
            yield self.finding(m.start(1), m.end(1), f"Space before '{mark}'.", "")


@register
class SpaceInsideQuotes(Rule):
    """Space just inside quotation marks.

    ## What it does
    Finds whitespace right after an opening quotation mark or right before a closing one:
    `" Hello "`, `“ Hello”`, `'Hello '`.

    ## Why it matters
    Quotation marks hug the words they enclose. A space inside them reads as a typo, and
    straight quotes next to a space are turned the wrong way by smart-quote software.

    ## Example
    `" Hello there, " she said.` becomes `"Hello there," she said.`

    Only quotations whose opening and closing marks are both found in the paragraph are
    checked, so a stray inch mark (`5"`) or a multi-paragraph speech never fires. A space
    after a dash or an ellipsis before the closing mark (`"I was— "`) is flagged too.

    ## Fix safety
    Safe: the fix deletes the whitespace and nothing else.
    """

    code = "TYP002"
    name = "space-inside-quotes"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    def check_paragraph(self, para, ctx):
        text = para.text
        for q in para.analysis.quotations:
            if q.open is None or q.close is None or q.close <= q.open + 1:
                continue
            i = q.open + 1
            j = i
            while j < q.close and text[j] in " \t":
                j += 1
            if j > i and j < q.close:
                yield self.finding(i, j, "Space after the opening quotation mark.", "")
            k = q.close
            h = k
            while h > j and text[h - 1] in " \t":
                h -= 1
            if h < k and h > q.open + 1:
                yield self.finding(h, k, "Space before the closing quotation mark.", "")


@register
class SpaceOutsideQuotes(Rule):
    """No space between a quotation and the word outside it: `"Dad!"I said`, `she said"Wait."`.

    ## What it does
    Finds a closing quotation mark with a letter or digit right after it, and an opening one
    with a letter or digit right before it, for double quotation marks whose opening and
    closing marks are both found in the paragraph. Single marks are left alone (an apostrophe
    may stand there), and so are quotations inside words that are one (`"ism"s`).

    ## Why it matters
    A quotation is set off from the words around it by a space; without one, the tag or the
    next sentence runs into the speech and the reader has to untangle them.

    ## Example
    `"Dad!"I said, and he laughed"Sorry."` becomes `"Dad!" I said, and he laughed "Sorry."`

    ## Fix safety
    Safe: the fix inserts one space and nothing else.
    """

    code = "TYP019"
    name = "space-outside-quotes"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    def check_paragraph(self, para, ctx):
        text = para.text
        n = len(text)
        for q in para.analysis.quotations:
            if q.open is None or q.close is None or q.level != DOUBLE or q.close <= q.open + 1:
                continue
            c = q.close
            if c + 1 < n and text[c + 1].isalnum() and text[c - 1] in ".,!?…—-":
                # (a closing mark after the speech's own punctuation: `"Dad!"I`; `"ism"s` has none)
                yield self.finding(c, c + 1, "No space after the closing quotation mark.",
                                   edits=(Edit(c + 1, c + 1, " "),))
            o = q.open
            if o > 0 and text[o - 1].isalnum() and text[o + 1].isupper():
                yield self.finding(o, o + 1, "No space before the opening quotation mark.",
                                   edits=(Edit(o, o, " "),))


@register
class HyphenAsDash(Rule):
    """A hyphen or double hyphen used where a dash belongs.

    ## What it does
    Finds hyphens doing a dash's job: cut-off speech (`"I was-"`, `"Wait-" she said`,
    `"I- I can't"`, `"Stop, Mara-!"`), speech that picks up mid-sentence (`"-and another
    thing"`), a spaced hyphen between words (`word - word`) and a double hyphen
    (`word--word`, `word -- word`). The fix uses the story's own dash style: a closed em
    dash (`word—word`) by default, or the spaced em or en dash (`word – word`) when that is
    what the story uses.

    ## Why it matters
    A hyphen joins words (`well-known`); a dash separates or interrupts them. Readers see
    `I was-` as a broken word, and publishers and archives render dashes, not hyphens.

    ## Example
    `"I was-" she began. It was cold - too cold.` becomes
    `"I was—" she began. It was cold—too cold.`

    Never flagged: hyphenated words (`half-empty`), stutters (`W-what`), number ranges
    (`1-2`), suspended hyphens (`pre- and post-war`), a word broken at a line end in
    hard-wrapped text, en and em dashes the story already uses.

    ## Fix safety
    Safe: only the hyphens (and the spaces around a spaced hyphen) are replaced.
    """

    code = "TYP003"
    name = "hyphen-as-dash"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    # word-, word--, word---, followed by a closing quote/markup then space or end, or by a space
    _cutoff = re.compile(r"(?<=[^\W\d_])(-{1,3})(?=[\"”’'*_]*(?:[ \t]|$)|[\"”’'*_]+[,.!?]|[!?]+(?:[\"”’'*_ \t]|$))")
    # a line of speech that starts mid-word or mid-sentence: "-this is better"
    _opening = re.compile(r"(?:(?<=^)|(?<=[ \t]))[*_]{0,2}[\"“][*_]{0,2}(-{1,3})(?=[^\W\d_])")
    _spaced = re.compile(r"(?<=[^\W\d_\"”’'*_.,!?])([ \t]+)(-{1,3})([ \t]+)(?=(?:[\"“‘'][ \t]+|[\"“‘'*_])?[^\W\d_])")  # `- " then` too: TYP002's fix makes it `- "then`
    _closed_double = re.compile(r"(?<=[^\W_])(-{2,3})(?=[^\W_]|[\"“‘'*_][^\W\d_])")
    _suspended = re.compile(r"[ \t]+(?:and|or|nor|to|&|through)[ \t]+[^\W\d_]+-[^\W\d_]", re.I)

    def cache_key(self, ctx):
        return (ctx.doc.style.dash if ctx.doc.style else "—",)

    def check_paragraph(self, para, ctx):
        text = para.text
        if "-" not in text:
            return
        dash = ctx.doc.style.dash if ctx.doc.style else "—"
        bare = dash.strip()
        seen = set()
        for m in self._spaced.finditer(text):
            seen.add(m.start(2))
            yield self.finding(
                m.start(1), m.end(3), "A hyphen used as a dash: use a dash here.", dash if len(dash) > 1 else bare
            )
        for m in self._closed_double.finditer(text):
            if m.start(1) in seen:
                continue
            seen.add(m.start(1))
            yield self.finding(m.start(1), m.end(1), "A double hyphen used as a dash: use a dash.", bare)
        for m in self._opening.finditer(text):
            seen.add(m.start(1))
            yield self.finding(m.start(1), m.end(1), "Speech that picks up mid-sentence opens with a dash, not a hyphen.",
                               bare)
        for m in self._cutoff.finditer(text):
            s, e = m.span(1)
            if s in seen:
                continue
            if m.start(1) == 0:
                continue
            rest = text[e:]
            if self._suspended.match(rest):
                continue
            # hyphen at a line break inside a hard-wrapped paragraph: a broken word
            if rest[:1] in ("\n", "\r") or (rest[:1] in " \t" and rest.lstrip(" \t")[:1] in ("\n", "\r")):
                continue
            after_quote = text[e:e + 1] in "\"”’'*_" and text[e:e + 1] != ""
            msg = (
                "Cut-off speech takes a dash, not a hyphen."
                if after_quote
                else "A hyphen used as a dash: use a dash here."
            )
            if after_quote or e >= len(text):
                yield self.finding(s, e, msg, bare)
            else:
                # "I- I can't": the hyphen and the space after it become the dash
                j = e
                while j < len(text) and text[j] in " \t":
                    j += 1
                repl = bare if dash == "—" else dash.rstrip() + " "
                yield self.finding(s, j, msg, repl if dash != "—" else bare)


@register
class TooManyDots(Rule):
    """Dots that are neither a full stop nor an ellipsis: four or more, or two after a word.

    ## What it does
    Finds runs of four or more periods (`....`, `.....`), doubled ellipsis characters
    (`……`), periods run together with an ellipsis character (`…..`, `...…`), and two dots
    after a word (`by the fire..`), a full stop typed twice or an ellipsis one dot short.

    ## Why it matters
    An ellipsis has exactly three dots. Extra dots don't add more pause; they look like a
    stuck key. (A period followed by an ellipsis at the end of a sentence is written
    `word.…` or `word. . . .`, which are not flagged.)

    ## Example
    `She waited.....` becomes `She waited...` (or `waited…` in a story that uses the
    ellipsis character).

    ## Fix safety
    Safe for five or more dots. For exactly four dots the fix is unsafe: the writer may
    have meant a period followed by an ellipsis; for two, a full stop or an ellipsis.
    """

    code = "TYP004"
    name = "too-many-dots"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    _re = re.compile(r"[.…]{2,}")

    def cache_key(self, ctx):
        return (_ellipsis_form(ctx.doc),)

    def check_paragraph(self, para, ctx):
        text = para.text
        if ".." not in text and "…" not in text:
            return
        form = _ellipsis_form(ctx.doc)
        for m in self._re.finditer(text):
            tok = m.group(0)
            n = tok.count(".") + 3 * tok.count("…")
            if tok == ".." and _two_dots_at(text, m.start(), m.end()):
                yield self.finding(m.start(), m.end(), "Two dots: a full stop has one, an ellipsis three.", ".",
                                   applicability=UNSAFE, suggestions=(".", form))
                continue
            if n <= 3 or tok == ".…":
                continue  # an ellipsis, or a period and an ellipsis (word.… Next)
            if "…" in tok or n >= 5:
                yield self.finding(m.start(), m.end(), f"{_dots(tok)} dots: an ellipsis has three.", form)
            else:
                yield self.finding(
                    m.start(),
                    m.end(),
                    "Four dots: an ellipsis has three (or write a period and then an ellipsis).",
                    form,
                    applicability=UNSAFE,
                )


def _two_dots_at(text: str, s: int, e: int) -> bool:
    """Are the two dots at ``s``..``e`` a doubled full stop after a word ("a fire.. Then"),
    not a range ("1..5"), a path ("../") or part of a spaced ellipsis?"""
    if s == 0 or not text[s - 1].isalpha():
        return False
    nxt = text[e : e + 1]
    return nxt == "" or nxt in " \t\n\r\"”’'*_)"


def _dots(tok: str) -> str:
    n = tok.count(".") + 3 * tok.count("…")
    if "…" in tok:
        return f"{n} dots' worth"
    return {4: "Four", 5: "Five", 6: "Six"}.get(n, str(n))


def _ellipsis_form(doc: Document) -> str:
    counts = dict(doc.style.ellipsis_counts) if doc.style else {}
    return "…" if counts.get("ell_char", 0) > counts.get("ell_dots", 0) else "..."


@register
class EllipsisSpacing(Rule):
    """An ellipsis spaced differently from the rest of the story.

    ## What it does
    Learns how the story spaces its ellipses between words (`word... word`,
    `word ... word`, `word...word`) and flags the ones that break that habit. A habit needs
    at least three ellipses and a 75% majority; a story with no clear habit is left alone.

    ## Why it matters
    Any consistent style is fine; a mixture looks careless, and a space before the dots
    lets them wrap onto the next line on their own.

    ## Example
    In a story that writes `wait... what`, the line `It was just ...nice.` becomes
    `It was just... nice.`

    ## Fix safety
    Safe: only spaces next to the ellipsis are added or removed.
    """

    code = "TYP005"
    name = "ellipsis-spacing"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    def cache_key(self, ctx):
        st = ctx.doc.style
        return (st.ellipsis_space_before, st.ellipsis_space_after) if st else (None, None)

    def check_paragraph(self, para, ctx):
        st = ctx.doc.style
        if st is None or (st.ellipsis_space_before is None and st.ellipsis_space_after is None):
            return
        text = para.text
        if "." not in text and "…" not in text:
            return
        for s, e, form, before, after in ellipses(text):
            if form == "long":
                continue
            edits = []
            if before == "space" and st.ellipsis_space_before is False:
                edits.append(Edit(s - 1, s, ""))
            elif before == "closed" and st.ellipsis_space_before is True:
                edits.append(Edit(s, s, " "))
            if after == "space" and st.ellipsis_space_after is False:
                edits.append(Edit(e, e + 1, ""))
            elif after == "closed" and st.ellipsis_space_after is True:
                edits.append(Edit(e, e, " "))
            if not edits:
                continue
            fs = min(s, *(x.start for x in edits))
            fe = max(e, *(x.end for x in edits))
            new = _apply_local(text, edits)[fs:fe + sum(len(x.text) - (x.end - x.start) for x in edits)]
            yield self.finding(
                fs,
                fe,
                "This ellipsis is spaced differently from the others in the story "
                f"(the story writes {_habit_example(st)}).",
                suggestions=(new,),
                edits=edits,
            )


def _apply_local(text: str, edits) -> str:
    out = text
    for ed in sorted(edits, key=lambda x: x.start, reverse=True):
        out = out[: ed.start] + ed.text + out[ed.end :]
    return out


def _habit_example(st) -> str:
    b = " " if st.ellipsis_space_before else ""
    a = "" if st.ellipsis_space_after is False else " "
    return f"'word{b}...{a}word'"


#: Doubled words that are usually deliberate.
_DOUBLE_OK = frozenset(
    """
    had that is do in on her out up off over down by very really so too much many far more long ago bye night knock ha ho hee he
    haha blah tut tsk there now well no yes go come dear hush chop pretty please again round
    never ever little big boo choo cha la na da dum tick tock bang boom rah hip woof meow
    quack baa moo oink ding dong beep buzz zoom vroom hey oh ah aah ooh uh um er mm hm hmm
    yeah yay nope sorry wait stop run help faster harder closer more deeper better bad
    """.split()
)
#: first names that are also words, so "Will will" is a name and a verb
_NAME_WORDS = frozenset(
    "will may can bill pat mark rob sue june april august grace hope faith joy rose jack frank art "
    "bob dawn drew gene guy ray rich sandy skip wade chase hunter rusty cliff pearl ruby violet "
    "lily iris ivy holly summer autumn harry sky max miles rowan ash river".split()
)
_DIALOGUE_DOUBLE_FLAG = frozenset(
    "the a an of to at for with from into onto than your their its my".split()
)


@register
class DoubledWord(Rule):
    """The same word twice in a row (`the the`).

    ## What it does
    Finds a word repeated with only a space between: `the the`, `to to`. In dialogue,
    repetition is often deliberate (`"no, no, no"`, `"very very"`, a stammer), so there it
    only fires on articles and prepositions (`"give it to to me"`). Words that are commonly
    doubled on purpose (`had had`, `that that`, `bye bye`, `there there`, `very very`) and
    capitalised pairs (`Bora Bora`) are never flagged, nor a name followed by the word it
    also is (`Will will notice`, `May may come`).

    ## Why it matters
    A doubled word is one of the most common slips when a sentence is rewritten, and the eye
    skips over it when proofreading one's own text.

    ## Example
    `She put the the cup down.` becomes `She put the cup down.`

    ## Fix safety
    Safe: the fix removes the repeats (`the the the` becomes `the`) and the spaces before them.
    """

    code = "TYP006"
    name = "doubled-word"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    _re = re.compile(
        r"(?<![\w'’-])([^\W\d_]+)((?:(?:[ \t]+|[ \t]*\r?\n[ \t]*)\1)+)(?![\w'’]|-[^\W\d_])", re.I
    )

    def check_paragraph(self, para, ctx):
        text = para.text
        a = para.analysis
        for m in self._re.finditer(text):
            w1 = m.group(1)
            w2 = m.group(2).lstrip()
            low = w1.lower()
            if low in _DOUBLE_OK or (w2[0].isupper() and low not in _DIALOGUE_DOUBLE_FLAG):
                continue
            if w1[0].isupper() and w2[0].islower() and (low in _NAME_WORDS or ctx.is_name(w1)):
                continue  # a name and the word it is: "Will will notice", "May may come"
            if a.quotations and a.in_dialogue(m.start(1)) and low not in _DIALOGUE_DOUBLE_FLAG:
                continue
            times = m.group(0).lower().split().count(low)
            what = "twice" if times == 2 else f"{times} times"
            # the fix deletes only the repeats, so a fix on the first word (`alot`, `i`) can go
            # in the same pass without overlapping this one
            yield self.finding(m.start(1), m.end(2), f"'{w1}' {what} in a row.", suggestions=(w1,),
                               edits=[Edit(m.end(1), m.end(2), "")])


@register
class LowercaseI(Rule):
    """The pronoun `I` written in lowercase.

    ## What it does
    Finds a standalone lowercase `i` used as the pronoun, alone or in a contraction:
    `i know`, `i'm`, `i'll`, `i've`, `i'd`. Not flagged: `i.e.`, list markers like `(i)`,
    the letter in `dot the i's`, a Roman numeral after a word that numbers (`page i`, `Step i`),
    and authors' notes, which are chat.

    ## Why it matters
    The pronoun I is always a capital in English; lowercase `i` reads as texting shorthand
    or a typo.

    ## Example
    `"i don't know," she said. i'm tired.` becomes `"I don't know," she said. I'm tired.`

    ## Fix safety
    Safe: only the letter is capitalised.
    """

    code = "TYP007"
    name = "lowercase-i"
    fix_availability = ALWAYS
    fix_applicability = SAFE
    kinds = frozenset({"text"})  # an author's note is chat: "tbh i did not expect this"

    _re = re.compile(r"(?<![\w.\-(/])(?<![^\W\d_]['’])i(?=['’](?:m|ll|ve|d)\b|[ \t\r\n,;:!?\"”*_…—]|\.(?!\w)|$)")

    def check_paragraph(self, para, ctx):
        text = para.text
        for m in self._re.finditer(text):
            s = m.start()
            nxt = text[s + 1 : s + 2]
            if nxt == ")":
                continue
            if _NUMBERED_RE.search(text, max(0, s - 12), s):
                continue  # a Roman numeral: page i, Step i, part i
            yield self.finding(s, s + 1, "The pronoun 'I' is always a capital.", "I")


def _shorthand() -> frozenset[str]:
    from ..spelling.policy import shorthand_words  # (the speller's data, read once when first asked)

    return shorthand_words()


#: words a number follows, so an "i" after them is a Roman numeral ("page i", "Step i")
_NUMBERED_RE = re.compile(
    r"(?<![\w'’-])(?i:page|pages|step|steps|part|book|act|scene|chapter|volume|vol\.?|ch\.?|appendix|figure|"
    r"section|phase|stage|level|round|class|type|article|psalm|canto|item|no\.|pg\.?|p\.)[ \t]+\Z"
)


#: Units abbreviated with a period after a number ("five ft. seven in. in height").
_UNITS = frozenset("in ft yd mi oz lb st cm mm km kg".split())
_NUMBER_WORD_BEFORE = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half|a few)$", re.I
)


def _number_before(text: str, end: int) -> bool:
    """Does a number (``5``, ``five``, ``a few``) end just before ``end``, with only spaces and
    fractions between?  Looks back over those only, never over the whole text."""
    j = skip_back(text, end, "½¼¾")
    if j > 0 and text[j - 1].isdecimal():
        return True
    return _NUMBER_WORD_BEFORE.search(text, max(0, j - 8), j) is not None


@register
class SentenceLowercaseStart(Rule):
    """A sentence that starts with a lowercase letter.

    ## What it does
    Finds a lowercase letter starting a sentence after a period and a space in the same
    paragraph (`She left. then she came back.`). A paragraph that starts in lowercase is
    left alone (verse, and paragraphs continuing a sentence, do that on purpose).

    Not flagged: after abbreviations (`Mr.`, `etc.`, `a.m.`) and initials, after an
    ellipsis (trailing-off speech goes on in lowercase), after `?` or `!` (an unquoted
    thought or an exclamation may go on: `Why me? she wondered.`), after a closing quote
    or italics (dialogue tags are DLG rules), words with inner capitals (`iPhone`), and a
    paragraph that continues a sentence left open by the previous one. Authors' notes are chat and
    are left alone, and so is a sentence that opens with internet shorthand (`ngl`, `tbh`).

    ## Why it matters
    A capital marks a new sentence. A lowercase start usually means a period that should
    have been a comma, or a missed capital.

    ## Example
    `She left. then she came back.` becomes `She left. Then she came back.`

    ## Fix safety
    Unsafe: capitalising is one possible fix; the period may instead have been meant as a
    comma.
    """

    code = "TYP008"
    name = "sentence-lowercase-start"
    fix_availability = ALWAYS
    fix_applicability = UNSAFE
    kinds = frozenset({"text"})  # an author's note is chat: "ngl this took forever"

    _after_period = re.compile(r"(?<=[^\W_)\]])\.([ \t]+|[ \t]*\r?\n[ \t]*)([a-z][^\W\d_]*)")

    def cache_key(self, ctx):
        return ()

    def check_paragraph(self, para, ctx):
        text = para.text
        for m in self._after_period.finditer(text):
            word = m.group(2)
            if any(c.isupper() for c in word):
                continue
            if word.lower() in _shorthand():
                continue  # "ngl this took forever": shorthand is lowercase by convention
            ms = m.start()
            wb = run_start(text, ms, ".'’")  # the word before the full stop
            if wb < ms:
                prev = text[wb:ms].lower()
                core = prev.rsplit(".", 1)[-1] if "." in prev else prev
                if prev in ABBREVIATIONS or core in ABBREVIATIONS or len(core) <= 1 or "." in prev:
                    continue
                if core in _UNITS and _number_before(text, wb):
                    continue
                if any(c.isdigit() for c in prev):
                    continue
            s = m.start(2)
            yield self.finding(s, s + 1, "This sentence starts with a lowercase letter.", word[0].upper())


@register
class StackedPunctuation(Rule):
    """Stacked exclamation and question marks (`!!`, `?!?!`, `...?!`).

    ## What it does
    Finds two or more exclamation marks or question marks in a row, runs of three or more
    mixed ones, and an ellipsis followed by two or more of them. A single `?!` is left
    alone. The message counts how many the story has.

    ## Why it matters
    Piled-up marks tell the reader how to feel instead of letting the words do it, and in
    published fiction they are rare. One is usually enough; let the dialogue and the
    action carry the intensity.

    ## Example
    `"You did WHAT?!?!"` reads stronger as `"You did what?"` with the reaction shown in
    the next beat.

    ## Fix safety
    No fix: which mark to keep is the writer's choice.
    """

    code = "TYP009"
    name = "stacked-punctuation"
    kind = CRAFT
    severity = "info"
    scope = "document"
    fix_availability = NEVER

    _re = re.compile(r"(?:\.\.\.|…)[!?]{2,}|[!?]*(?:!!|\?\?|\?!\?|!\?!)[!?]*")

    def check_document(self, doc, ctx):
        hits = []
        for p in doc.paragraphs:
            if p.kind not in self.kinds:
                continue
            t = p.text
            if "!" not in t and "?" not in t:
                continue
            hits.extend((p.start + m.start(), p.start + m.end()) for m in self._re.finditer(t))
        n = len(hits)
        for s, e in hits:
            yield self.finding(
                s,
                e,
                f"Stacked punctuation ({n} in this story): one mark usually says it; let the words carry the force.",
            )


@register
class UnbalancedQuotes(Rule):
    """A quotation mark with no partner in the paragraph.

    ## What it does
    Checks the quotation marks the story uses for dialogue (double, or single in British
    style) in each paragraph: an opening mark that is never closed, or a closing mark that
    was never opened. A speech that runs over several paragraphs is allowed: each of its
    paragraphs opens with a quotation mark and only the last closes it. A closing mark
    right after a digit (`5"`, an inch mark) is not a quote.

    ## Why it matters
    A missing quotation mark makes the reader lose track of who is speaking, and which
    words are speech and which are narration.

    ## Example
    `"Don't do anything I wouldn't do. She winked.` needs its closing mark:
    `"Don't do anything I wouldn't do." She winked.`

    ## Fix safety
    No fix: where the missing mark belongs is the writer's call.
    """

    code = "TYP010"
    name = "unbalanced-quotes"
    fix_availability = NEVER
    scope = "document"

    WINDOW = 20  # paragraphs to look ahead for the end of a speech that runs on

    def check_document(self, doc, ctx):
        level = doc.style.dialogue_level if doc.style else DOUBLE
        paras = [p for p in doc.paragraphs if p.kind in self.kinds or p.kind in ("scene_break", "heading", "title")]

        def outer(p):
            return [q for q in p.analysis.quotations if q.level == level and q.depth == 0] if p.kind in self.kinds else []

        def first_event(p):
            """'open' if the paragraph's first outer mark opens a quotation, 'close' if it closes
            one it never opened, None if it has no outer marks, 'break' at a scene or chapter break."""
            if p.kind not in self.kinds:
                return "break"
            qs = outer(p)
            if not qs:
                return None
            first = min(qs, key=lambda q: q.open if q.open is not None else q.close)
            return "close" if first.open is None else "open"

        inside = False  # a quotation from an earlier paragraph is still open
        for i, p in enumerate(paras):
            if p.kind not in self.kinds:
                inside = False
                continue
            text = p.text
            qs = outer(p)
            for k, q in enumerate(qs):
                if q.close is None and q.open is not None:
                    # only the paragraph's last quotation can run on into the next paragraph
                    if k == len(qs) - 1 and self._continues(paras, i, first_event):
                        continue
                    yield self.finding(
                        p.start + q.open, p.start + q.open + 1, "This quotation is never closed."
                    )
                elif q.open is None and q.close is not None:
                    if inside:
                        continue
                    if q.close > 0 and (text[q.close - 1].isdigit() or text[q.close - 1].isspace()):
                        continue  # an inch or ditto mark
                    yield self.finding(
                        p.start + q.close,
                        p.start + q.close + 1,
                        "This closing quotation mark has no opening mark.",
                    )
            if qs:
                last = max(qs, key=lambda q: q.open if q.open is not None else q.close)
                inside = last.close is None
            # a paragraph without marks keeps the state (a letter or verse quoted over paragraphs)

    def _continues(self, paras, i, first_event) -> bool:
        """Does the quotation left open in paras[i] go on in the following paragraphs?"""
        for q in paras[i + 1 : i + 1 + self.WINDOW]:
            ev = first_event(q)
            if ev == "break":
                return False
            if ev == "close":
                return True
            if ev == "open":
                # the traditional form: the next paragraph of the speech starts by opening again
                return paras[i].continues
        return False


@register
class MixedQuoteStyles(Rule):
    """Straight and curly quotation marks mixed in one story.

    ## What it does
    Counts straight (`"` `'`) and curly (`“ ” ‘ ’`) marks, double and single (apostrophes
    count as single marks). When both kinds are used, one note (for double, one for single
    marks) points at the first mark of the less common kind, says how many there are and in
    how many paragraphs, and its fix converts every one of them: a habit of the story, not of
    each paragraph.

    ## Why it matters
    Either style is fine; a mix looks unpolished and usually comes from pasting between
    editors (Google Docs and Word curl quotes, phones and plain-text editors don't).

    ## Example
    In a story with 240 curly double quotes, `"Fine," she said.` becomes
    `“Fine,” she said.`

    ## Fix safety
    Unsafe: converting a straight mark needs to know whether it opens, closes or is an
    apostrophe, which betareader infers from context.
    """

    code = "TYP011"
    name = "mixed-quote-styles"
    kind = CRAFT
    severity = "info"
    scope = "document"
    fix_availability = ALWAYS
    fix_applicability = UNSAFE

    _CURLY = {(DOUBLE, OPEN): "“", (DOUBLE, CLOSE): "”", (SINGLE, OPEN): "‘", (SINGLE, CLOSE): "’"}

    def check_document(self, doc, ctx):
        st = doc.style
        if st is None:
            return
        for level, straight, curly, label in (
            (DOUBLE, st.dq_straight, st.dq_curly, "double"),
            (SINGLE, st.sq_straight, st.sq_curly, "single quotes and apostrophes"),
        ):
            if not straight or not curly:
                continue
            to_curly = curly >= straight
            minority = straight if to_curly else curly
            label = label if level == SINGLE else "double quotes"
            edits, where = [], []
            for p in doc.paragraphs:
                if p.kind not in self.kinds:
                    continue
                marks = [mk for mk in p.analysis.marks if mk.level == level and mk.straight == to_curly]
                if not marks:
                    continue
                where.append(p.start + marks[0].pos)
                for mk in marks:
                    if to_curly:
                        new = self._CURLY.get((level, mk.role), "’")
                    else:
                        new = '"' if level == DOUBLE else "'"
                    edits.append(Edit(p.start + mk.pos, p.start + mk.pos + 1, new))
            if not edits:
                continue
            kind_here = "straight" if to_curly else "curly"
            other = "curly" if to_curly else "straight"
            spread = f"in {len(where)} paragraphs, the first here" if len(where) > 1 else "all in this paragraph"
            yield self.finding(
                where[0],
                where[0] + 1,
                f"This story mixes straight ({straight}) and curly ({curly}) {label}: the {minority} {kind_here} "
                f"one(s) are {spread}; the fix makes them all {other}.",
                edits=edits,
                suggestions=tuple(sorted({e.text for e in edits})),
            )
