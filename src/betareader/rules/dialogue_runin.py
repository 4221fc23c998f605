"""Speech run into the narration (DLG010, DLG011): the forms writers type when a scene's speech
and action pour into one paragraph without the marks between them; and quotation marks turned the
wrong way (DLG012).

Both read :func:`betareader.analysis.dialogue.run_in` and :func:`~betareader.analysis.dialogue.speech_like`:
a quotation counts as a line of speech, rather than a phrase quoted inside a sentence (`began to
"show off"`, `the word "yes"`), only when it opens with a word speech starts with (`yeah`, `it's`,
`what`, `I`…) and says more than a word.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from ..analysis.dialogue import run_in, runs_together, speech_like, speeches, title_like, verb_kind
from ..model.quotes import OPEN
from ..model.scan import skip_back
from .base import ALWAYS, SAFE, UNSAFE, Edit, register
from .dialogue import _DialogueRule, _level

_ENDS = ".!?…"
#: words after which a quotation is part of the sentence, a tag after it notwithstanding
#: ("several miles below "Cave Hollow," Tom said")
_PHRASE_BEFORE = frozenset(
    """the a an his her their my your our its of in on at to from into onto by with
    without for below above beyond near past under over behind toward towards through across around about
    like as than and or but nor named called titled labelled labeled marked read reads says say word words
    sign signs""".split()
)
_CLOSING_QUOTES = "\"”’'"


@register
class SpeechRunIn(_DialogueRule):
    """A line of speech run into the narration before it: no full stop (or, after a speech
    verb, no comma) before the opening quotation mark.

    ## What it does
    Finds a quotation that follows a word of narration with only a space between, when the
    quotation reads as a line of speech: it starts with a word speech starts with (`yeah`,
    `it's`, `what`, `I`, `hey`…) and says more than a word. `Mara turned "it's fine, really."`
    and `Mara said "it's fine."` are flagged; a phrase quoted inside a sentence (`he called it
    "home"`, `she began to "show off"`, `the word "yes"`) is not.

    ## Why it matters
    A beat and the line after it are two sentences: the beat ends with a full stop and the speech
    starts with a capital (`Mara turned. "It's fine."`). After a speech verb the tag introduces
    the speech with a comma (`Mara said, "It's fine."`). Without them the reader cannot tell
    where the narration stops and the character starts talking, and a scene's whole exchange
    runs together.

    ## Example
    `Sam nodded "yeah, we did."` becomes `Sam nodded. "Yeah, we did."`;
    `Sam said "yeah, we did."` becomes `Sam said, "Yeah, we did."`

    ## Fix safety
    Unsafe: the mark (a full stop, or a colon, or a comma after a speech verb) is the writer's
    choice, and the fix also capitalises the speech's first word.
    """

    code = "DLG010"
    name = "speech-run-in"
    fix_availability = ALWAYS
    fix_applicability = UNSAFE

    def check_paragraph(self, para, ctx):
        text = para.text
        level = _level(ctx)
        # a capitalised line after a word of narration is also how a quoted exclamation is set
        # inside a sentence ("with a glad "Welcome home!""): it is flagged only in a paragraph
        # that runs speech into narration elsewhere too (a lowercase line, a line with no end mark)
        habit = runs_together(text, para.analysis, level)
        for sp in speeches(para.analysis, level):
            q = sp.quotation
            r = run_in(text, q)
            if r is None:
                continue
            a = sp.attribution
            # a quotation a speech tag follows is a line of speech, whatever its words
            tagged = (a is not None and a.kind == "tag" and a.position == "after" and q.close is not None
                      and r.first[0].isupper() and text[r.word_start : r.word_end].lower() not in _PHRASE_BEFORE
                      and verb_kind(text[r.word_start : r.word_end].lower()) not in ("speech", "thought", "both"))
            if not tagged:
                if not speech_like(text, q, r.first, loose=habit, after_name=r.after_name):
                    continue
                if r.first[0].isupper() and (not habit or title_like(text[q.open + 1 : q.close or len(text)])):
                    continue
            before = text[r.word_start : r.word_end]
            tag = verb_kind(before.lower()) in ("speech", "thought")
            mark = "," if tag else "."
            edits = [Edit(r.word_end, r.word_end, mark)]
            lower = r.first[0].islower() and not _is_i(r.first)  # (a lowercase "i" is TYP007's)
            if lower:
                edits.append(Edit(r.first_start, r.first_start + 1, r.first[0].upper()))
            what = "a comma after the speech verb" if tag else "a full stop after the narration"
            cap = " and a capital to start the speech" if lower else ""
            yield self.finding(r.word_start, r.first_start + 1,
                               f"This line of speech runs into the words before it: it needs {what}{cap}.",
                               edits=edits, suggestions=(mark,))


@register
class SpeechLowercaseStart(_DialogueRule):
    """A line of speech that starts a sentence with a lowercase letter.

    ## What it does
    Finds a quotation that opens a paragraph, or follows a full stop, a question or exclamation
    mark or another quotation, whose first word is in lowercase when the quotation reads as a line
    of speech (it starts with a word speech starts with and says more than a word, or asks or
    exclaims): `"yeah, I know."`, `He left. "where to?"`, and after a comma that ends a clause of
    narration opening with its speaker and verb (`She asked him, "so what now?"`); when that
    verb is an action, not speech (`Nan nodded at the boy, "no, pet."`), the comma is wrong too:
    the action is its own sentence. The second half of a split quotation
    (`"If you go," she said, "take the dog."`) follows a comma and is left alone, and so is a
    phrase quoted at the start of a sentence (`"spaghetti" is hard to spell`).

    ## Why it matters
    A line of speech is a sentence: its first word takes a capital, wherever the quotation mark
    stands.

    ## Example
    `"yeah, I know," she said.` becomes `"Yeah, I know," she said.`; `Nan nodded at the boy, "no,
    pet."` becomes `Nan nodded at the boy. "No, pet."`

    ## Fix safety
    Safe: only the first letter is capitalised. Unsafe after an action: the comma becomes a full
    stop, and the writer may have meant a tag (`she said to her, "No, dear."`) instead.
    """

    code = "DLG011"
    name = "speech-lowercase-start"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    def check_paragraph(self, para, ctx):
        text = para.text
        a = para.analysis
        level = _level(ctx)
        closes = {q.close for q in a.quotations if q.close is not None}
        habit = None
        last_close = -1  # where the previous quotation closed: narration runs from there
        for sp in speeches(a, level):
            q = sp.quotation
            o = q.open
            prev, last_close = last_close, (q.close if q.close is not None else len(text))
            if o is None:
                continue
            beat_comma = None  # the comma after a beat, before the speech ("Nan nodded at the boy, "no"")
            if not _starts_a_sentence(text, o, closes):
                verb = _after_narration_comma(text, a.sentences, o, prev)
                if verb is None:
                    continue
                if verb_kind(verb) in (None, "beat") and text[skip_back(text, o) - 1] == ",":
                    beat_comma = skip_back(text, o) - 1
            first = _first_word(text, o + 1)
            if first is None:
                continue
            s, w = first
            if not w[0].islower() or _is_i(w):
                continue  # (a lowercase "i" is TYP007's)
            if not speech_like(text, q, w):
                if habit is None:
                    habit = runs_together(text, a, level)
                if not (habit and speech_like(text, q, w, loose=True)):
                    continue
            if beat_comma is not None:
                yield self.finding(beat_comma, s + len(w), "An action is its own sentence: a full stop after it, "
                                   "and a capital to start the speech.",
                                   edits=[Edit(beat_comma, beat_comma + 1, "."), Edit(s, s + 1, w[0].upper())],
                                   applicability=UNSAFE, suggestions=(".",))
                continue
            yield self.finding(s, s + len(w), "A line of speech starts with a capital.", w[0].upper() + w[1:])


def _starts_a_sentence(text: str, o: int, closes: set[int]) -> bool:
    """Does a quotation opening at ``o`` start a sentence: at the paragraph's start, after an end
    mark (with closing quotes or emphasis marks between), or after another quotation's close?"""
    j = skip_back(text, o)
    if j == 0:
        return True
    c = text[j - 1]
    if c in _ENDS:
        return True
    if c in _CLOSING_QUOTES or c in "*_":
        if j - 1 in closes:
            # after another quotation: unless that one ended on a comma (the sentence goes on)
            return j < 2 or text[j - 2] != ","
        k = j - 1
        while k > 0 and text[k - 1] in _CLOSING_QUOTES + "*_":
            k -= 1
        return k == 0 or text[k - 1] in _ENDS
    return False


def _after_narration_comma(text: str, sentences, o: int, prev_close: int) -> str | None:
    """Does the quotation opening at ``o`` follow a comma or colon that ends a clause of narration
    opening its sentence with a speaker and a verb and no other comma (`Nan nodded at the boy,
    "no, pet"`), with no
    quotation earlier in that sentence (not the second half of a split quotation, nor a phrase
    quoted inside a longer sentence: `as the cook said, "had found his master"`)?  The clause's verb
    if so, None if not."""
    j = skip_back(text, o)
    if j < 2 or text[j - 1] not in ",:" or not text[j - 2].isalpha():
        return None
    k = bisect_right(sentences, (o, _INF)) - 1
    if k < 0:
        return None
    s0 = sentences[k][0]
    if prev_close >= 0 and (prev_close >= s0 or not text[prev_close + 1 : s0].strip()):
        return None  # ("Holmes!" I whispered, "what on earth": the tag of the quotation before)
    m = _CLAUSE_RE.match(text, s0, j - 1)
    if m is None:
        return None
    verb = m.group("verb")
    return verb if verb_kind(verb) is not None or verb.endswith(("ed", "s")) else None


_INF = float("inf")
#: a sentence that opens with its speaker and a verb: "Nan nodded at the boy", "Tom laughed"
_CLAUSE_RE = re.compile(
    r"[*_]*(?:(?:He|She|They|I|We)|(?!(?:The|His|Her|Their|My|Your|Our|A|An|As|If|When|While|Then|But|And)\b)[A-Z][a-z]+)"
    r"\s+(?:[a-z]+ly\s+)?(?P<verb>[a-z]+)\b[^.!?;,\"“”]*\Z"
)


def _is_i(word: str) -> bool:
    return word == "i" or word[:2] in ("i'", "i’")


def _first_word(text: str, i: int) -> tuple[int, str] | None:
    """(start, word) of the first word from ``i`` (emphasis marks skipped), or None."""
    n = len(text)
    while i < n and text[i] in "*_":
        i += 1
    j = i
    while j < n and (text[j].isalpha() or (text[j] in "'’" and j > i)):
        j += 1
    return (i, text[i:j]) if j > i else None


@register
class WrongWayQuote(_DialogueRule):
    """A curly quotation mark turned the wrong way: a closing mark opening a quotation (`”What`),
    or an opening mark closing one (`said.“`).

    ## What it does
    Finds `”` at the start of a word where no quotation is open (it opens one), and `“` straight
    after a word or a closing mark with a space, the end of the paragraph or punctuation after it
    (it closes one). Smart-quote features and pasting between apps produce both.

    ## Why it matters
    Readers see the shape of a quotation mark before they read the words: a mark turned the wrong
    way makes them look for the other end of a quotation that is not there.

    ## Example
    `The doctor turned. ”What is it?”` becomes `The doctor turned. “What is it?”`

    ## Fix safety
    Safe: only the mark is turned.
    """

    code = "DLG012"
    name = "wrong-way-quote"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    def check_paragraph(self, para, ctx):
        text = para.text
        if "”" not in text and "“" not in text:
            return
        n = len(text)
        for mk in para.analysis.marks:
            p = mk.pos
            if mk.char == "”" and mk.role == OPEN:
                yield self.finding(p, p + 1, "This closing quotation mark opens a quotation: turn it (“).", "“")
            elif mk.char == "“" and p > 0 and (text[p - 1].isalnum() or text[p - 1] in ".,!?…") and (
                    p + 1 == n or text[p + 1] in " \t\r\n.,;:!?—–)"):
                yield self.finding(p, p + 1, "This opening quotation mark closes a quotation: turn it (”).", "”")
