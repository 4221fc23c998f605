"""Dialogue: each quotation linked to its attribution (a tag, an action beat, or none).

A *tag* is a speaker and a speech verb attached to the quotation (``she said``, ``said
Maya``, ``Mr. Bennet replied``), before or after it.  A *beat* is a separate sentence of
action (``She smiled.``).  The analysis reads one paragraph (relative offsets) and the
story's dialogue quote level, so it is cached per paragraph like the rest of the model.

Speech, beat, both and thought verbs are data files in ``betareader/data/dialogue``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import NamedTuple
from importlib import resources

from ..model.memo import LRU
from ..model.paragraph import ParagraphAnalysis
from ..model.quotes import Quotation
from ..model.scan import skip_back

TAG = "tag"
BEAT = "beat"
THOUGHT = "thought"


def _load(name: str) -> dict[str, str]:
    """Map every form of every verb in a data file to its base form."""
    text = (resources.files("betareader") / "data" / "dialogue" / name).read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].split()
        if line:
            for form in line:
                out[form] = line[0]
    return out


SPEECH_VERBS = _load("speech_verbs.txt")
BEAT_VERBS = _load("beat_verbs.txt")
BOTH_VERBS = _load("both_verbs.txt")
THOUGHT_VERBS = _load("thought_verbs.txt")
#: verbs that ask a question: a missing mark before them is probably '?'
QUESTION_VERBS = frozenset({"ask", "inquire", "enquire", "wonder", "demand"})
#: speech verbs that are also common motion or other verbs: their tag must end at once
#: (punctuation, an adverb, "as", "with"), never "returned to the kitchen"
_AMBIGUOUS = frozenset(
    "return continue begin add offer answer read write order call cry echo counter correct "
    "mouth object sing chant recite command instruct urge prompt".split()
)

PRONOUNS = frozenset("he she they i we you it".split())
_GENDER = {"he": "m", "she": "f", "him": "m", "her": "f"}

#: Titles before a name (Mr. Bennet, Aunt March), shared with the rules that compare speakers.
TITLES = frozenset(
    "Mr Mrs Ms Mx Dr Miss Lady Lord Sir Madam Madame Professor Prof Aunt Uncle Captain Capt Father "
    "Mother Sister Brother Master Mistress King Queen Prince Princess Saint St".split()
)
_TITLE = r"(?:" + "|".join(sorted(TITLES, key=len, reverse=True)) + r")\.?"
_NAME = rf"(?!(?:The|His|Her|Their|My|Your|Our|A|An)\b)(?:{_TITLE}\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?"
#: the words a descriptor opens with
_DETS = frozenset("the his her their my your our".split())
_DET = "(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in sorted(_DETS)) + ")"
#: "the taller man", "his mother", "the village's old baker", "the Mayor", "the R-rated Heroine"
_DESCRIPTOR = rf"{_DET}\s+(?:[A-Za-z][\w'’-]*\s+){{0,3}}[A-Za-z][\w-]*"
_SUBJECT = rf"(?P<subj>(?i:he|she|they|i|we|you|it)\b|{_NAME}|{_DESCRIPTOR})"
_ADVERB = r"(?:[a-z]+ly\s+)?"
_VERB = r"(?P<verb>[a-z][a-z-]*)"

# after a closing quote: "…" she said / "…" Maya said softly / "…" the taller man said
# (matched at the closing quote with ``match(text, pos, endpos)``, the text never copied)
_AFTER_RE = re.compile(rf"[ \t]+{_SUBJECT}\s+{_ADVERB}{_VERB}")
#: the same with a descriptor of exactly n words before its noun, tried in turn when the greedy
#: match took the verb into the descriptor ("the old woman gasped out": verb "out")
_DESC_AFTER_RES = tuple(
    re.compile(rf"[ \t]+(?P<subj>{_DET}\s+(?:[A-Za-z][\w'’-]*\s+){{{n}}}"
               rf"[A-Za-z][\w-]*)\s+{_ADVERB}{_VERB}")
    for n in range(4)
)
# inverted: "…" said Maya / "…" said she / "…" replied Mr. Bennet
_INVERTED_RE = re.compile(rf"[ \t]+(?P<verb>[A-Za-z][a-z-]*)\s+{_SUBJECT}")
# before an opening quote: She said, "…" / Maya whispered: "…"
_BEFORE_RE = re.compile(
    rf"(?:^|(?<=[.!?…—]\s)|(?<=[.!?…][\"”’']\s)){_SUBJECT}\s+{_ADVERB}{_VERB}(?P<rest>[^.!?\"“”]*?)[,:]\s*$"
)
_PREPS = frozenset(
    "to at with into over across from through under against as before after without while in on "
    "toward towards behind beside between above below around".split()
)
_MOTION_PREPS = frozenset("to into onto toward towards across over through from on".split())
#: "out" after a verb: the words forced out ("panted out", "choked out")
_OUT_RE = re.compile(r"[ \t]+out\b")
#: verbs of both kinds that "out" does not make speech ("laughed out loud", "breathed out")
_OUT_NOT_SPEECH = frozenset("laugh laughed laughs laughing breathe breathed breathes breathing".split())
#: speech verbs that name the person spoken to: "he told her", "she asked Sam"
_TAKES_OBJECT = frozenset("tell ask remind warn assure reassure promise inform beg urge order instruct".split())
_OBJECTS = frozenset("her him them me us you".split())
#: of those, the ones that need the person: a tag of theirs names them ("she told him, ...")
_NEEDS_OBJECT = frozenset("tell inform remind".split())
_BREAK_RE = re.compile(r"[.;:!?…—–\"“”]")
_TAG_END_RE = re.compile(r"\s*(?:[a-z]+ly\b)?\s*(?P<next>[,.!?;:—–…\"“”'‘]|[A-Za-z]+|$)")


@dataclass(frozen=True, slots=True)
class Attribution:
    kind: str  # TAG, BEAT or THOUGHT
    verb: str  # base form
    verb_class: str  # "speech", "both", "thought" or "beat" (see verb_kind)
    verb_span: tuple[int, int]
    subject: str
    subject_span: tuple[int, int]
    position: str  # "after", "before", or "middle" (the tag between two parts of a split quote)
    inverted: bool = False

    @property
    def pronoun(self) -> bool:
        return self.subject.lower() in PRONOUNS

    @property
    def speaker(self) -> str:
        """The speaker as written: a name, a lowercased pronoun, or a descriptor."""
        return self.subject.lower() if self.pronoun else self.subject


@dataclass(frozen=True, slots=True)
class Speech:
    """One quotation at the story's dialogue level, with what surrounds it."""

    quotation: Quotation
    end_mark: str  # the character just inside the closing mark ('' when there is none)
    attribution: Attribution | None
    continues_sentence: bool  # a split quote: "If you go," she said, "take the dog."

    @property
    def open(self) -> int | None:
        return self.quotation.open

    @property
    def close(self) -> int | None:
        return self.quotation.close


def verb_kind(form: str) -> str | None:
    """'speech', 'beat', 'both' or 'thought' for a verb form, or None."""
    if form in BOTH_VERBS:
        return "both"
    if form in THOUGHT_VERBS and form not in ("thinking",):
        return "thought"
    if form in SPEECH_VERBS:
        return "speech"
    if form in BEAT_VERBS:
        return "beat"
    return None


def _tag_continues_ok(verb: str, text: str, pos: int, end: int) -> bool:
    """Does what follows the verb (``text[pos:end]``) let it be a tag (not 'said nothing',
    'returned to the car')?"""
    m = _TAG_END_RE.match(text, pos, end)
    if not m:
        return False
    nxt = m.group("next")
    if not nxt or not nxt[0].isalpha():
        return True
    low = nxt.lower()
    base = SPEECH_VERBS.get(verb, BOTH_VERBS.get(verb, verb))
    if base in _TAKES_OBJECT and (low in _OBJECTS or (nxt[0].isupper() and nxt not in ("I", "The", "A"))):
        # "he told her.", "Sam asked Maya quietly.": the person spoken to, then the tag ends
        after = _TAG_END_RE.match(text, m.end("next"), end)
        return after is not None and not after.group("next")[:1].isalpha()
    if base in _AMBIGUOUS:
        # "cried in a choked voice", "called without turning", but not "returned to the car"
        if low in _MOTION_PREPS:
            return low == "to" and base in ("call", "cry")
        return low in _PREPS or low in ("again", "finally")
    return low in _PREPS or low in ("and", "but", "then", "again", "finally", "at")


def _after_match(text: str, start: int, end: int):
    """The match of a tag or beat after a quotation: :data:`_AFTER_RE`'s, or, when its verb is no
    verb of speech, thought or action and its subject is a descriptor, the first of
    :data:`_DESC_AFTER_RES` whose verb is one."""
    m = _AFTER_RE.match(text, start, end)
    if m is None or verb_kind(m.group("verb")) is not None or m.group("subj").split()[0].lower() not in _DETS:
        return m
    for rx in _DESC_AFTER_RES:
        d = rx.match(text, start, end)
        if d is not None and verb_kind(d.group("verb")) is not None:
            return d
    return m



def _attribution_after(text: str, start: int, end: int) -> Attribution | None:
    for inverted in (False, True):
        m = _INVERTED_RE.match(text, start, end) if inverted else _after_match(text, start, end)
        if not m:
            continue
        verb = m.group("verb")
        if inverted:
            verb = verb.lower()
        kind = verb_kind(verb)
        if kind is None:
            continue
        subj = m.group("subj")
        if inverted and kind not in ("speech", "thought", "both"):
            continue
        if inverted and subj.split()[0].lower() in _DETS and kind == "beat":
            continue
        out = None if inverted or verb in _OUT_NOT_SPEECH else _OUT_RE.match(text, m.end(), end)
        if out is not None and kind == "both":
            kind = "speech"  # "panted out", "sobbed out": words forced out are spoken
            if not _tag_continues_ok(verb, text, out.end(), end):
                continue
        elif not inverted and kind in ("speech", "thought", "both") and not _tag_continues_ok(verb, text, m.end(), end):
            if not (kind == "speech" and out is not None and _tag_continues_ok(verb, text, out.end(), end)):
                continue  # (but "gasped out", "choked out" are tags)
        akind = {"speech": TAG, "both": TAG, "thought": THOUGHT, "beat": BEAT}[kind]
        table = {"speech": SPEECH_VERBS, "both": BOTH_VERBS, "thought": THOUGHT_VERBS, "beat": BEAT_VERBS}[kind]
        return Attribution(
            akind,
            table.get(verb) or BOTH_VERBS[verb],
            kind,
            m.span("verb"),
            subj,
            m.span("subj"),
            "after",
            inverted,
        )
    return None


def _attribution_before(text: str, end: int) -> Attribution | None:
    j = skip_back(text, end)
    if j == 0 or text[j - 1] not in ",:":
        return None  # a tag before a quotation ends on a comma or a colon (_BEFORE_RE's end)
    seg_start = max(0, end - 160)
    seg = text[seg_start:end]
    m = _BEFORE_RE.search(seg)
    if not m:
        return None
    verb = m.group("verb")
    kind = verb_kind(verb)
    if kind not in ("speech", "thought", "both"):
        return None
    if SPEECH_VERBS.get(verb) in _NEEDS_OBJECT and m.group("rest").split()[:1] not in ([w] for w in _OBJECTS):
        return None  # "Having told how she did it, Jo added, ..." is no tag of "told"
    return Attribution(
        THOUGHT if kind == "thought" else TAG,
        (THOUGHT_VERBS if kind == "thought" else SPEECH_VERBS if kind == "speech" else BOTH_VERBS)[verb],
        kind,
        (seg_start + m.start("verb"), seg_start + m.end("verb")),
        m.group("subj"),
        (seg_start + m.start("subj"), seg_start + m.end("subj")),
        "before",
    )


def _analyze(text: str, quotations: tuple[Quotation, ...], level: str) -> tuple[Speech, ...]:
    outer = [q for q in quotations if q.level == level and q.depth == 0]
    speeches: list[Speech] = []
    n = len(text)
    next_open = [n] * len(outer)  # where the next quotation after each one opens (or the end)
    for k in range(len(outer) - 2, -1, -1):
        o = outer[k + 1].open
        next_open[k] = o if o is not None else next_open[k + 1]
    prev_attr: Attribution | None = None
    prev_close_end = None
    for k, q in enumerate(outer):
        end_mark = ""
        if q.close is not None and q.close > (q.open if q.open is not None else -1) + 1:
            end_mark = text[q.close - 1]
        attr = None
        continues = False
        if q.close is not None:
            attr = _attribution_after(text, q.close + 1, next_open[k])
        if q.open is not None and prev_attr is not None and prev_attr.position == "after" and prev_close_end is not None:
            # "If you go," she said, "take the dog." -- the tag between two quotations, with
            # at most a short phrase after it and no sentence break
            tail = text[max(prev_attr.verb_span[1], prev_attr.subject_span[1]) : q.open].rstrip()
            if (
                tail.endswith(",")
                and speeches
                and speeches[-1].end_mark == ","
                and not _BREAK_RE.search(tail[:-1])
                and len(tail.split()) <= 4
            ):
                continues = True
                if attr is None:
                    attr = replace(prev_attr, position="middle")
        if attr is None and not continues and q.open is not None:
            before = _attribution_before(text, q.open)
            if before is not None and (prev_close_end is None or before.subject_span[0] >= prev_close_end):
                attr = before
        speeches.append(Speech(q, end_mark, attr, continues))
        prev_attr = attr if attr is not None and attr.position == "after" else None
        prev_close_end = q.close + 1 if q.close is not None else None
    return tuple(speeches)


def speeches(analysis: ParagraphAnalysis, level: str) -> tuple[Speech, ...]:
    """The paragraph's outer quotations at the dialogue level, with their attributions; kept
    with the (cached) paragraph analysis, so a paragraph of many quotations is not hashed
    quotation by quotation each time a rule asks."""
    if not analysis.quotations:
        return ()
    memo = analysis._speeches
    if memo is None:
        memo = analysis._speeches = {}
    got = memo.get(level)
    if got is None:
        got = memo[level] = _analyze(analysis.text, analysis.quotations, level)
    return got


def gender(word: str) -> str | None:
    return _GENDER.get(word.lower())


_PARAGRAPHS = LRU(20_000)


def _paragraph_dialogue(a: ParagraphAnalysis, level: str) -> tuple:
    """One paragraph's share of :func:`dialogue_summary`: (words in dialogue, lines, the speakers of
    its attributed lines in order, the verbs of its tags and thoughts in order); remembered per
    paragraph text and dialogue level."""
    from ..model.paragraph import WORD_RE

    key = (a.text, level)
    got = _PARAGRAPHS.get(key)
    if got is not None:
        return got
    n = len(a.text)
    dwords = lines = 0
    speakers, verbs = [], []
    counted = 0  # words are counted once, where unclosed quotations overlap (each runs to the end)
    for sp in speeches(a, level):
        q = sp.quotation
        lo = max(q.open + 1 if q.open is not None else 0, counted)
        hi = q.close if q.close is not None else n
        if lo < hi:
            dwords += len(WORD_RE.findall(a.text, lo, hi))
            counted = hi
        if sp.continues_sentence:
            continue
        lines += 1
        att = sp.attribution
        if att is not None:
            speakers.append(att.speaker)
            if att.kind in (TAG, THOUGHT):
                verbs.append(att.verb)
    got = (dwords, lines, tuple(speakers), tuple(verbs))
    _PARAGRAPHS.put(key, got)
    return got


def dialogue_summary(doc) -> dict:
    """Lines per speaker, tag verbs with counts and the share of words in dialogue, per chapter
    and for the whole story (the JSON ``summary.dialogue``)."""
    from collections import Counter

    level = doc.style.dialogue_level if doc.style else "double"
    chapters = []
    total = {"lines": 0, "words": 0, "dialogue_words": 0}
    all_speakers: Counter = Counter()
    all_verbs: Counter = Counter()
    for ch in doc.chapters:
        lines = 0
        words = 0
        dwords = 0
        speakers: Counter = Counter()
        verbs: Counter = Counter()
        for i in ch.paragraphs:
            p = doc.paragraphs[i]
            if p.kind != "text":
                continue
            a = p.analysis
            words += a.words
            if not a.quotations:
                continue
            pd, pl, pspeakers, pverbs = _paragraph_dialogue(a, level)
            dwords += pd
            lines += pl
            for s in pspeakers:  # in the paragraph's order, so that ties keep the story's order
                speakers[s] += 1
            for v in pverbs:
                verbs[v] += 1
        chapters.append(
            {
                "chapter": ch.index,
                "title": ch.title,
                "lines": lines,
                "words": words,
                "dialogue_words": dwords,
                "dialogue_share": round(dwords / words, 3) if words else 0.0,
                "speakers": dict(speakers.most_common()),
                "tag_verbs": dict(verbs.most_common()),
            }
        )
        total["lines"] += lines
        total["words"] += words
        total["dialogue_words"] += dwords
        all_speakers.update(speakers)
        all_verbs.update(verbs)
    total["dialogue_share"] = round(total["dialogue_words"] / total["words"], 3) if total["words"] else 0.0
    total["speakers"] = dict(all_speakers.most_common())
    total["tag_verbs"] = dict(all_verbs.most_common())
    total["quotes"] = level
    return {"total": total, "chapters": chapters}


# --- speech run into the narration ----------------------------------------------------------------
def _word_set(name: str) -> frozenset[str]:
    text = (resources.files("betareader") / "data" / "dialogue" / name).read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


SPEECH_STARTERS = _word_set("speech_starters.txt")
QUOTE_LEAD_WORDS = _word_set("quote_lead_words.txt")
_FIRST_WORD_RE = re.compile(r"[*_]*([A-Za-z][A-Za-z'’]*)")
_INNER_MARK_RE = re.compile(r"[,?!.…]")


class RunIn(NamedTuple):
    """A quotation whose opening mark follows a word of narration with only spaces between."""

    word_start: int  # the word before the quotation
    word_end: int
    first_start: int  # the quotation's first word
    first: str

    after_name: bool  # the word before is capitalised (a name, most often)


#: object pronouns: a clause can end on one (`happy for her "we won"`), so in a paragraph that
#: runs speech into narration a long quotation after one is a line of speech too
OBJECT_PRONOUNS = frozenset("it her him them me us you".split())


def run_in(text: str, q: Quotation, after_object: bool = False) -> RunIn | None:
    """The quotation ``q`` run into the narration before it (``Sam nodded "yeah, we did"``):
    its opening mark follows a word with only spaces or tabs between, and that word is not one
    after which a quoted phrase belongs to the sentence (:data:`QUOTE_LEAD_WORDS`; with
    ``after_object``, an object pronoun may be that word); None otherwise."""
    o = q.open
    if o is None or o == 0:
        return None
    j = o
    while j > 0 and text[j - 1] in " \t":
        j -= 1
    if j == o or j == 0 or not text[j - 1].isalnum():
        return None
    k = j
    while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "'’-"):
        k -= 1
    word = text[k:j].lower().replace("’", "'")
    if (word in QUOTE_LEAD_WORDS and not (after_object and word in OBJECT_PRONOUNS)) or word.endswith("'s"):
        return None  # (a possessive: "the club's "new captain"" is a noun phrase)
    m = _FIRST_WORD_RE.match(text, o + 1)
    if m is None:
        return None
    return RunIn(k, j, m.start(1), m.group(1), text[k].isupper())


def speech_like(text: str, q: Quotation, first: str, loose: bool = False, after_name: bool = False) -> bool:
    """Does the quotation read as a line of speech rather than a quoted phrase?  It opens with a
    word speech starts with (:data:`SPEECH_STARTERS`) and says more than a word: two words or more
    with a mark inside, a question or an exclamation, or (in lowercase, not right after a
    capitalised word: `Mr. Bhaer "couldn't tell a lie"` is his predicate) three words or more.
    ``loose`` (for a paragraph that already runs speech into narration): any two words or more."""
    end = q.close if q.close is not None else len(text)
    inner = text[q.open + 1 : end].rstrip(" *_")
    body = inner.rstrip(",.…")
    words = len(body.split())
    if loose and words >= 2:
        return True
    if first.lower().replace("’", "'") not in SPEECH_STARTERS:
        return False
    if inner.endswith(("?", "!")):
        return True
    if first[:1].islower() and words >= 3 and not after_name:
        return True
    return words >= 2 and _INNER_MARK_RE.search(body) is not None


def runs_together(text: str, analysis, level: str) -> bool:
    """Does the paragraph run speech into narration: a line of speech in lowercase right after a
    word of narration (`Sam nodded "yeah, we did"`), or a quotation closing on a bare word with a
    capital after it (`"yes we did" Sam looked up`)?  In such a paragraph a quotation of two
    words or more after a word of narration is a line of speech too."""
    for sp in speeches(analysis, level):
        q = sp.quotation
        r = run_in(text, q)
        if r is not None and r.first[0].islower() and speech_like(text, q, r.first, after_name=r.after_name):
            return True
        c = q.close
        if c is not None and c > 0 and text[c - 1].isalnum() and q.open is not None and c - q.open > 12:
            j = c + 1
            while j < len(text) and text[j] in " \t":
                j += 1
            if j > c + 1 and j < len(text) and text[j].isupper() and not title_like(text[q.open + 1 : c]):
                return True
    return False


_TITLE_SMALL = frozenset("a an the of on in to at for and or but by with from as".split())


def title_like(inner: str) -> bool:
    """A title in quotation marks (`"Bingen on the Rhine"`, `"How Sockery Set a Hen"`): every word
    but the small ones capitalised."""
    n = 0
    for w in inner.split():
        if not w[:1].isalpha():
            continue
        if not w[0].isupper():
            if w.lower() not in _TITLE_SMALL:
                return False  # (a paragraph of prose stops at its first lowercase word)
            continue
        if w.lower() not in _TITLE_SMALL:
            n += 1
    return n >= 2
