"""Marks in the wrong place around a quotation that asks or exclaims (DLG015, DLG016)."""

from __future__ import annotations

import re

from ..analysis.dialogue import QUESTION_VERBS, TAG, speeches
from .base import ALWAYS, SAFE, UNSAFE, Edit, register
from .dialogue import _DialogueRule, _level

#: a question or exclamation mark, the closing quotation mark, then a comma or a full stop
_AFTER_RE = re.compile(r"[?!][*_]{0,2}[\"”’']([,.])(?![.\w])")


@register
class MarkAfterQuestion(_DialogueRule):
    """A comma or a full stop after a quotation that already ends with `?` or `!`.

    ## What it does
    Finds `"Where is it?", he asked.`, `"Go!", she said.` and `"Where?".`: the quotation's
    own question or exclamation mark already does the comma's or the full stop's job, in
    American and British usage alike. Not flagged: an ellipsis after it (`"Go!"...`).

    ## Why it matters
    A question mark or an exclamation mark before the closing quotation mark takes the place
    of the comma before a tag and of the sentence's full stop. The doubled mark looks like a
    typo.

    ## Example
    `"Where is it?", he asked.` becomes `"Where is it?" he asked.`

    ## Fix safety
    Safe: only the extra comma or full stop is removed.
    """

    code = "DLG015"
    name = "mark-after-question"
    fix_availability = ALWAYS
    fix_applicability = SAFE

    def check_paragraph(self, para, ctx):
        text = para.text
        if "?" not in text and "!" not in text:
            return
        closes = {q.close for q in para.analysis.quotations if q.close is not None}
        for m in _AFTER_RE.finditer(text):
            close = m.start(1) - 1
            if close not in closes:
                continue
            mark = m.group(1)
            what = "comma" if mark == "," else "full stop"
            yield self.finding(close, m.end(1), f"The quotation's own '{text[m.start()]}' does the {what}'s job: "
                               f"drop the {what}.", edits=[Edit(close + 1, m.end(1), "")], suggestions=(text[close],))


#: a comma inside the closing mark, a tag, and a question mark after the tag
_TAG_QUESTION_RE = re.compile(r"[ \t]*\?(?=[*_]{0,2}[ \t]*(?:$|[\"“‘A-Z]))")


@register
class QuestionMarkAfterTag(_DialogueRule):
    """A question mark after the tag instead of inside the quotation: `"Where is it," he asked?`.

    ## What it does
    Finds a tag that follows a quotation ending in a comma and ends with `?` itself
    (`"Where is it," he asked?`, `"Are you coming," said Mara?`): the question is the
    quotation's, so its mark goes inside, in place of the comma.

    ## Why it matters
    The tag is a statement about the speech; the question mark belongs to the words spoken,
    and readers hear the line as a question only when the mark is there.

    ## Example
    `"Where is it," he asked?` becomes `"Where is it?" he asked.`

    ## Fix safety
    Unsafe: the writer may have meant the tag's sentence to go on.
    """

    code = "DLG016"
    name = "question-mark-after-tag"
    fix_availability = ALWAYS
    fix_applicability = UNSAFE

    def check_paragraph(self, para, ctx):
        text = para.text
        if "?" not in text:
            return
        for sp in speeches(para.analysis, _level(ctx)):
            a = sp.attribution
            if a is None or a.kind != TAG or a.position != "after" or sp.end_mark != ",":
                continue
            end = max(a.verb_span[1], a.subject_span[1])
            m = _TAG_QUESTION_RE.match(text, end)
            if m is None:
                continue
            q = text.find("?", end, m.end())
            mark_at = sp.close - 1
            if a.verb not in QUESTION_VERBS and a.verb not in ("say", "whisper", "mutter", "call", "shout", "cry"):
                continue
            yield self.finding(q, q + 1, "The question mark goes inside the quotation, in place of its comma.",
                               edits=[Edit(mark_at, mark_at + 1, "?"), Edit(m.start(), m.end(), ".")],
                               suggestions=("?",), applicability=UNSAFE)
