"""Narration tense: each scene's tense (past or present) from its narration verbs, and the verbs that
slip into the other one.

A *narration verb* is a finite verb right after its subject, outside dialogue, italics (thoughts)
and markup: `she walked`, `Mara turns`, `the dog barks`, `they settle`, and the verbs joined to
it by `and` (`turns to the door and waves`). Subjects are third person only: `he`, `she`, `they`, a
story name (``Document.names``), `Name's hand`, and `the|his|her|their|my` + one word. First and
second person are left out: letters, notes and asides written in the narration use them in the
present (`I hope this finds you well`) whatever the story's tense.

The per-paragraph extraction is a pure function of the paragraph's text, remembered by it (an edit
re-reads one paragraph); the decision per scene reads those lists and ``Document.names``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from ..model.memo import LRU
from .verbs import verb_forms

PAST = "past"
PRESENT = "present"
MIXED = "mixed"

#: a scene's narration is in one tense when at least this share of its narration verbs are
SHARE = 0.7
#: ... and it has at least this many narration verbs (fewer: the document's tense stands in)
MIN_VERBS = 10

_ADV = (r"(?:[a-z]+ly|just|then|still|also|only|never|always|now|soon|even|almost|nearly|already|"
        r"suddenly|finally|quickly|slowly|simply|barely|immediately|instantly|once|again|too)")
_W = r"[a-z]+(?:-[a-z]+)?"
#: subject (four kinds, in this order: a determiner's noun is tried before a capitalised word, so
#: `The night-porter` is not read as the name `The`) + optional adverb + a lowercase word (``verb``)
#: (all inside a lookahead, so that a failed reading at `Now she gets` does not swallow the
#: pronoun: every word start is tried)
_SUBJ_VERB_RE = re.compile(
    r"(?<![\w'’-])(?=(?:"
    r"(?P<pron>[Hh]e|[Ss]he|[Tt]hey)"
    r"|(?P<noun>(?:[Tt]he|[Hh]is|[Hh]er|[Tt]heir|[Mm]y)[ \t]+" + _W + r")"
    r"|(?P<poss>[A-Z][a-z]+['’]s[ \t]+" + _W + r")"
    r"|(?P<name>[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)"
    r")[ \t]+(?:" + _ADV + r"[ \t]+)?(?P<verb>" + _W + r")(?![\w'’-]))"
)
#: a subject, its contracted `has`/`have` (group 2: the apostrophe and letters) and a participle (group 4)
_PERFECT_RE = re.compile(r"(?<![\w'’-])(he|she|they|He|She|They)(['’](s|ve))[ \t]+(?:(?:just|already|never|ever|always|"
                         r"finally|also|only)[ \t]+)?([a-z]+)(?![\w'’-])")
#: a verb joined by `and` (or `and then`) to the verb before it, in the same sentence
_AND_VERB_RE = re.compile(r"[ \t]+and[ \t]+(?:then[ \t]+|" + _ADV + r"[ \t]+)?(" + _W + r")(?![\w'’-])")
#: what may stand between a verb and its `and`-joined verb: no new clause (no subject pronoun,
#: no quotation, no sentence end)
_CLAUSE_BREAK_RE = re.compile(r"[\"“”.!?;:—]|(?<![\w'’-])(?:he|she|they|I|we|you|it|who|which|that|"
                              r"when|while|as|because|if|before|after|until|since)(?![\w'’-])")

_BE_PAST = frozenset({"was", "were"})
_BE_PRESENT = frozenset({"is", "are"})
#: words that follow a subject but are no verb of the clause (`she and Tim`, `the old`)
_NOT_VERBS = frozenset("and or but nor of to in on at by for with as than the a an over up down out off back "
                       "through around across along away into onto under behind above below past near".split())
#: plural nouns without an -s (`the children settle`)
_PLURAL_NOUNS = frozenset("children people men women feet teeth mice geese police".split())
#: capitalised words that open sentences and are no subject (`Then comes`, `Here lies`)
_NOT_SUBJECTS = frozenset(
    "Then There Here Now So But And Or Yet Still Just Only Even Soon Once Again Thus Hence Nor "
    "If When While As Because Though Although Before After Until Since Where What Who Why How "
    "This That These Those It I We You One Everyone Someone Nobody Everybody Somebody Anyone "
    "Nothing Something Everything Anything Each Every All Both Neither Either No Not Yes Oh "
    "Mr Mrs Ms Dr Sir Lady Lord Miss Madam Mother Father Mum Mom Dad".split()
)
#: present verbs a narrator uses for what is still true of a place or a thing (`the house stands`,
#: `the road leads`): not flagged after a noun subject
_GENERAL_NOUN = frozenset(
    "stand stands lie lies belong belongs live lives go goes lead leads remain remains exist exists "
    "contain contains matter matters need needs look looks seem seems mean means run runs hang hangs "
    "face faces overlook overlooks sit sits rise rises".split()
)
#: ... and after any subject: what a thing means or seems, what people say (`as they say`)
_GENERAL = frozenset("mean means seem seems say know call".split())


class Verb(NamedTuple):
    start: int
    end: int
    word: str
    tense: str  # PAST or PRESENT
    #: an action verb the rules may call a slip (forms of be, have and do only count)
    flaggable: bool
    #: "pron", "name", "noun" (what the subject is) and its word, for names checked per document
    subject: str
    subject_word: str
    plural: bool
    #: the verb is joined by `and` to the verb before it (index into the paragraph's list), or -1
    joined_to: int = -1


_MEMO = LRU(50_000)


def _classify(word: str, plural: bool) -> tuple[str, bool] | None:
    vf = verb_forms()
    if word in _BE_PAST:
        return PAST, False
    if word in _BE_PRESENT:
        return PRESENT, False
    if word in ("had", "did"):
        return PAST, False
    if word in ("has", "have", "does", "do"):
        return PRESENT, False
    if vf.is_past_only(word):
        return PAST, True
    if not plural and word in vf.third:
        return PRESENT, True
    if plural and word in vf.base and word not in vf.past:
        return PRESENT, True
    return None


def paragraph_verbs(text: str, analysis) -> tuple[Verb, ...]:
    """The narration verbs of one paragraph (relative offsets), remembered by its text."""
    got = _MEMO.get(text)
    if got is not None:
        return got
    out: list[Verb] = []
    a = analysis
    emphasis = a.emphasis
    ends = [e for _, e in a.sentences]

    def sent_start(i: int) -> int:
        k = bisect_right(ends, i)
        return a.sentences[k][0] if k < len(ends) else 0

    for m in _SUBJ_VERB_RE.finditer(text):
        word = m.group("verb")
        if word in _NOT_VERBS:
            continue
        vs = m.start("verb")
        if out and vs <= out[-1].start:
            continue  # (already read, as a verb joined by `and`)
        if a.quotations and a.in_dialogue(vs):
            continue
        if emphasis and any(s <= vs < e for s, e in emphasis):
            continue
        if a.markup and a.in_markup(vs):
            continue
        if m.group("pron"):
            kind, subj = "pron", m.group("pron")
            plural = subj.lower() == "they"
        elif m.group("name"):
            kind, subj = "name", m.group("name")
            if subj in _NOT_SUBJECTS:
                continue
            plural = False
        else:
            kind, subj = "noun", m.group("noun") or m.group("poss")
            noun = subj.split()[-1]
            plural = (noun.endswith("s") and not noun.endswith(("ss", "us", "is"))) or noun in _PLURAL_NOUNS
        c = _classify(word, plural)
        if c is None:
            continue
        tense, flag = c
        if flag and plural and not (kind == "noun" and subj.split()[-1] in _PLURAL_NOUNS):
            # `they` is as often people in general (`They attribute it to nerves.`), and a plural
            # noun's present is the bare form, which is also a noun's or an order's
            # (`His instructions include …`); the people nouns without an -s are the exception
            # (`The children settle into their seats.`)
            flag = False
        elif flag and not _clause_start(text, m.start(), a.sentences):
            # `when a man has a grievance, he feels`, `the suffering that she seeks`: unless the
            # sentence's main clause is in the same tense (`Tom says, as Ann leaves`)
            if flag and not any(v.tense == tense and v.flaggable and v.joined_to < 0 and v.start >= sent_start(vs)
                                for v in out):
                flag = False
        elif word in _GENERAL and (kind == "noun" or plural or word in ("mean", "means", "seem", "seems")):
            flag = False
        elif kind == "noun" and word in _GENERAL_NOUN:
            flag = False
        out.append(Verb(vs, m.end("verb"), word, tense, flag, kind, subj, plural))
        # verbs joined to it by `and`, up to the end of the sentence
        k = bisect_right(ends, vs)
        stop = ends[k] if k < len(ends) else len(text)
        pos, parent = m.end("verb"), len(out) - 1
        while pos < stop:
            j = _AND_VERB_RE.search(text, pos, stop)
            if j is None or _CLAUSE_BREAK_RE.search(text, pos, j.start()):
                break
            w = j.group(1)
            cj = _classify(w, plural)
            if cj is None or not cj[1] or (a.quotations and a.in_dialogue(j.start(1))):
                break
            if cj[0] != out[parent].tense and w in verb_forms().noun_plural:
                break  # `exchanged books and puzzles`: a noun, not a verb in the other tense
            flag_j = out[parent].flaggable and w not in _GENERAL and not (kind == "noun" and w in _GENERAL_NOUN)
            out.append(Verb(j.start(1), j.end(1), w, cj[0], flag_j, kind, subj, plural, parent))
            pos = j.end(1)
    # a present perfect contracted onto its subject: `the coat he's worn` (`'s`/`'ve` + a participle
    # that is no past: `worn`, `gone`, `seen`); read wherever it stands, a relative clause included
    vf = verb_forms()
    for m in _PERFECT_RE.finditer(text):
        part = m.group(4)
        if part not in vf.participle or part in vf.past:
            continue
        cs = m.start(2)
        if a.quotations and a.in_dialogue(cs) or emphasis and any(s <= cs < e for s, e in emphasis):
            continue
        plural = m.group(1).lower() == "they"
        out.append(Verb(cs, m.end(2), m.group(2), PRESENT, True, "pron", m.group(1), plural))
    got = tuple(out)
    _MEMO.put(text, got)
    return got


#: what may stand between a sentence's start (or a closing quotation mark) and a subject that
#: opens its clause: opening quotes, emphasis marks, a comma after the quotation
_LEAD_CHARS = frozenset(" \t*_\"“‘'(,")


_LEAD_WORD_RE = re.compile(r"(?:(?:Now|Then|Suddenly|Finally|Soon|Later|Slowly|Quickly|Instead),?|[A-Z][a-z]+ly,|"
                           r"(?:Outside|Inside|Meanwhile|Afterwards|Again|Still|Overhead|Nearby|Downstairs|Upstairs|"
                           r"Below|Above|Behind|Ahead|Tonight|Today|Yesterday|Somewhere),)[ \t]*\Z")


def _clause_start(text: str, i: int, sentences) -> bool:
    """Does the subject at ``i`` open its sentence, or follow a closing quotation (a tag's
    subject: `"Thanks," Mara says`)?  Subjects after `when`, `that`, `as` and the like are
    in clauses that state what is always true as often as what happens."""
    k = bisect_right(sentences, (i, 1 << 62)) - 1
    s0 = sentences[k][0] if k >= 0 and i < sentences[k][1] else 0
    j = i
    while j > s0 and text[j - 1] in _LEAD_CHARS:
        j -= 1
    if j <= s0:
        return True
    lead = _LEAD_WORD_RE.search(text, max(s0, j - 12), j)
    if lead is not None and lead.start() <= s0 + 1:
        return True  # `Now she wants to stay.`
    return text[j - 1] in "”\"’'" and j < i


@dataclass
class Scene:
    paragraphs: list = field(default_factory=list)  # (paragraph, its verbs)
    past: int = 0
    present: int = 0
    tense: str | None = None  # PAST, PRESENT, MIXED or None (too few verbs to tell)


def _subject_ok(v: Verb, names: frozenset[str]) -> bool:
    if v.subject != "name":
        return True
    return v.subject_word in names


def scenes(doc) -> list[Scene]:
    """The document's scenes (split at headings, titles and scene breaks) with their narration
    verbs and tense; remembered on the document."""
    got = doc.__dict__.get("_tense_scenes")
    if got is not None:
        return got
    names = doc.names
    out: list[Scene] = [Scene()]
    for p in doc.paragraphs:
        if p.kind in ("heading", "title", "scene_break"):
            if out[-1].paragraphs:
                out.append(Scene())
            continue
        if p.kind != "text" or p.oversize:
            continue
        verbs = tuple(v for v in paragraph_verbs(p.text, p.analysis) if _subject_ok(v, names))
        sc = out[-1]
        sc.paragraphs.append((p, verbs))
        for v in verbs:
            if v.tense == PAST:
                sc.past += 1
            else:
                sc.present += 1
    if not out[-1].paragraphs:
        out.pop()
    total_past = sum(s.past for s in out)
    total_present = sum(s.present for s in out)
    whole = _decide(total_past, total_present)
    for s in out:
        if s.past + s.present >= MIN_VERBS:
            s.tense = _decide(s.past, s.present)
        elif whole == PAST and s.past >= s.present or whole == PRESENT and s.present >= s.past:
            s.tense = whole  # a short scene takes the story's tense, unless its own verbs lean the other way
        else:
            s.tense = None
    doc.__dict__["_tense_scenes"] = out
    return out


def _decide(past: int, present: int) -> str | None:
    n = past + present
    if n < MIN_VERBS:
        return None
    if past >= SHARE * n:
        return PAST
    if present >= SHARE * n:
        return PRESENT
    return MIXED


def narration_tense(doc) -> dict:
    """The summary's view: the story's narration tense and its verb counts."""
    sc = scenes(doc)
    past = sum(s.past for s in sc)
    present = sum(s.present for s in sc)
    return {
        "narration": _decide(past, present),
        "past_verbs": past,
        "present_verbs": present,
        "scenes": {t: sum(1 for s in sc if s.tense == t) for t in (PAST, PRESENT, MIXED) if any(s.tense == t for s in sc)},
    }
