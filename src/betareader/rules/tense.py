"""Narration tense slips (GRM023), passages told in the other tense (CRF023) and a scene that keeps
sliding between tenses (CRF024).

Both read :mod:`betareader.analysis.tense`: each scene's narration tense from its narration verbs,
and which of them are in the other tense."""

from __future__ import annotations

import re

from ..analysis import tagger
from ..analysis.tense import PAST, PRESENT, Verb, paragraph_verbs, scenes
from ..analysis.verbs import verb_forms
from ..model.memo import LRU
from ..model.words import cased
from .base import ALWAYS, NEVER, UNSAFE, CraftRule, Rule, register

#: paragraphs in a row told wholly in the other tense, with this many such verbs between them, or
#: one paragraph with more than :data:`SLIP_MOST`, are a passage (craft), not slips
PASSAGE_VERBS = 12
SLIP_MOST = 3
#: a scene drifts (CRF024) when this many of its paragraphs, within :data:`DRIFT_SPAN` paragraphs
#: in a row, hold confirmed slips: a habit, not one error
DRIFT_PARAGRAPHS = 3
DRIFT_SPAN = 6
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})


def _other(tense: str) -> str:
    return PRESENT if tense == PAST else PAST


def _classify_paragraphs(scene):
    """For a scene with a clear tense: (paragraph, slips, kind) for each paragraph holding
    action verbs in the other tense, ``kind`` "slip" or "passage"; the passages' runs are
    grouped as lists of such triples."""
    tense = scene.tense
    other = _other(tense)
    marks = []  # per paragraph with verbs: "same", "mixed", "other"
    for p, verbs in scene.paragraphs:
        o = [v for v in verbs if v.tense == other]
        s = [v for v in verbs if v.tense == tense]
        if not verbs:
            marks.append(None)
        elif not o:
            marks.append("same")
        elif s:
            marks.append("mixed")
        else:
            marks.append("other")
    # runs of paragraphs wholly in the other tense (paragraphs without narration verbs between them
    # do not break a run)
    run_len = [0] * len(marks)  # other-tense verbs in the run a paragraph belongs to
    i = 0
    while i < len(marks):
        if marks[i] != "other":
            i += 1
            continue
        j, members, n = i, [], 0
        while j < len(marks) and marks[j] in ("other", None):
            if marks[j] == "other":
                members.append(j)
                n += sum(1 for v in scene.paragraphs[j][1] if v.tense == other)
            j += 1
        for k in members:
            run_len[k] = n
        i = j
    slips, passages = [], []
    run: list = []
    for k, ((p, verbs), mark) in enumerate(zip(scene.paragraphs, marks)):
        if mark not in ("mixed", "other"):
            if mark == "same" and run:
                passages.append(run)
                run = []
            continue
        flag = [v for v in verbs if v.tense == other and v.flaggable]
        if mark == "mixed":
            n_other = sum(1 for v in verbs if v.tense == other)
            if n_other >= 3 and n_other > len(verbs) - n_other:
                run.append((p, verbs))  # mostly in the other tense: a passage with a few verbs of the scene's
                continue
            if tense == PAST or any(v.joined_to >= 0 and verbs[v.joined_to].tense == tense for v in flag):
                slips.append((p, [v for v in flag if tense == PAST or v.joined_to >= 0]))
            continue
        # wholly in the other tense: a present paragraph in a past scene is a slip when short and
        # alone; a past one in a present scene is usually backstory
        n_other = sum(1 for v in verbs if v.tense == other)
        if tense == PAST and run_len[k] < PASSAGE_VERBS and n_other <= SLIP_MOST:
            slips.append((p, flag))
        else:
            run.append((p, verbs))
    if run:
        passages.append(run)
    return slips, passages


def _confirmed(items: list[tuple]) -> set[tuple[int, int]]:
    """(paragraph id, verb start) of the candidate verbs the tagger reads as finite verbs of the
    tense the extraction gave them (`the back windows` is a noun)."""
    if not items:
        return set()
    by_para: dict[int, tuple] = {}
    for p, v, parent in items:
        by_para.setdefault(id(p), (p, {}))[1][v.start] = v
        if parent is not None:
            by_para[id(p)][1][parent.start] = parent
    tagger.prefetch([(p.text, p.analysis.sentences, s) for p, vs in by_para.values() for s in vs])
    out = set()
    for p, vs in by_para.values():
        wins = tagger.tokens_at(p.text, p.analysis.sentences, list(vs))
        for v in vs.values():
            # the verb's tag in its own window, or in its subject's verb's window (`Tom leans on
            # the rail by the door and points`: eight words on, `points` is read as a noun)
            for key in (v.start, *(u.start for u in vs.values() if u.start < v.start)):
                tag = next((t.tag for t in wins.get(key) or () if t.start == v.start), None)
                if (v.tense == PRESENT and tag in _PRESENT_TAGS) or (v.tense == PAST and tag == "VBD"):
                    out.add((id(p), v.start))
                    break
    return out


def _pending(doc) -> list:
    """(paragraph, verb, scene) of every candidate slip, before the tagger confirms it."""
    pending = []
    for sc in scenes(doc):
        if sc.tense not in (PAST, PRESENT):
            continue
        slips, _ = _classify_paragraphs(sc)
        for p, verbs in slips:
            for v in verbs:
                pending.append((p, v, sc))
    return pending


def _prefetch_slips(doc) -> None:
    items = []
    for p, v, _sc in _pending(doc):
        items.append((p.text, p.analysis.sentences, v.start))
        parent = _parent(p, v)
        if parent is not None:
            items.append((p.text, p.analysis.sentences, parent.start))
    if items:
        tagger.prefetch(items)


def _parent(p, v: Verb) -> Verb | None:
    """The verb ``v`` is joined to by `and`, if any."""
    if v.joined_to < 0:
        return None
    return paragraph_verbs(p.text, p.analysis)[v.joined_to]


def _replacement(v: Verb) -> str | None:
    if v.word[:1] in "'’":  # a contracted perfect: `he's worn` -> `he'd worn`
        return v.word[0] + "d"
    vf = verb_forms()
    if v.tense == PRESENT:
        base = vf.third.get(v.word, v.word) if not v.plural else v.word
        new = vf.past_of(base)
    else:
        base = vf.past.get(v.word)
        if base is None:
            return None
        new = base if v.plural else vf.third_of(base)
    return new


@register
class TenseSlip(Rule):
    """A narration verb that slips into the other tense: `She walks to the window and saw the rain.`

    ## What it does
    Decides each scene's narration tense from its narration verbs: finite verbs right after a
    third-person subject (`she`, `they`, a story name, `the dog`) outside dialogue, italics and
    markup. When at least three quarters of a scene's verbs (and ten or more) share one tense,
    it finds the action verbs in the other tense: in a past-tense scene, a present verb in a
    paragraph that is otherwise past (`Mara smiled and nods.`), or a short paragraph of at
    most three present verbs between past ones (`Tom shakes his head.`); in a present-tense
    scene, only a past verb joined by `and` to a present one (`She walks in and saw him.`),
    since past verbs in a present story are mostly backstory. The tagger confirms each verb
    (`the back windows` is a noun). Forms of `be`, `have` and `do` count towards the scene's
    tense but are never flagged (`the house is old` may be a general truth), and neither are
    verbs of saying with `they` (`as they say`) or of standing and lying after a noun (`the
    castle stands on a hill`). Three or more such paragraphs in a row are a passage told in
    the other tense, for CRF023, not slips. A present perfect contracted onto its subject in a
    past scene is a slip wherever it stands (`the coat he's worn` -> `he'd worn`). And in speech as
    in narration, one subject with two verbs joined by `and` in two tenses (`they mock me in
    public and cheated me`) has its present verb put in the past.

    ## Why it matters
    A reader follows the story's tense without noticing it until it slips; then they stop to
    wonder whether time has jumped. Slipping tenses are among the commonest notes beta readers
    give on fan fiction.

    ## Example
    In a past-tense scene, `Mara shakes her head and pulls off her gloves.` becomes `Mara
    shook her head and pulled off her gloves.`

    ## Fix safety
    Unsafe: the verb is put in the scene's tense (`shakes` -> `shook`), but only the writer
    knows whether the scene or the sentence is in the tense meant.
    """

    code = "GRM023"
    name = "tense-slip"
    scope = "document"
    #: asks the tagger to confirm its slips: the engine calls :meth:`prepare` with the other
    #: tagging rules and runs it after the helper process has answered
    uses_tagger = True
    fix_availability = ALWAYS
    fix_applicability = UNSAFE
    kinds = frozenset({"text"})

    def prepare(self, ctx) -> None:
        """Hand the tagger the candidate slips' windows before the rules run (a helper-process
        tagger answers them with the other rules' windows, before it exits)."""
        _prefetch_slips(ctx.doc)

    def check_document(self, doc, ctx):
        pending = _pending(doc)
        ok = _confirmed([(p, v, _parent(p, v)) for p, v, _ in pending])
        done = set()
        for p, v, sc in pending:
            if (id(p), v.start) not in ok:
                continue
            new = _replacement(v)
            word = p.text[v.start:v.end]
            if word[:1] in "'’":
                word = p.text[max(0, v.start - len(v.subject_word)):v.end]  # `he's`, for the message
            msg = (f"`{word}` is {v.tense} tense, but this scene is told in the {sc.tense} "
                   f"({sc.past} past and {sc.present} present narration verbs)")
            done.add(p.start + v.start)
            if new and new[:1] in "'’":
                yield self.finding(p.start + v.start, p.start + v.end, msg + f": `{v.subject_word}{new}`?", new)
            elif new:
                yield self.finding(p.start + v.start, p.start + v.end, msg + f": `{cased(word, new)}`?",
                                   cased(word, new))
            else:
                yield self.finding(p.start + v.start, p.start + v.end, msg)
        # one subject, two verbs joined by `and` in two tenses, in speech as in narration:
        # `they mock me in public and cheated me`
        for p in doc.paragraphs:
            if p.kind != "text" or p.oversize:
                continue
            for start, end, first, second, new in _mixed_pairs(p.text):
                if p.start + start not in done:
                    yield self.finding(
                        p.start + start, p.start + end,
                        f"`{first}` and `{second}` share a subject but not a tense: `{cased(first, new)}`?",
                        cased(first, new))


_MIXED = LRU(20_000)


def _mixed_pairs(text: str) -> tuple:
    """(start, end, present verb, past verb, its past) of each pair :func:`_mixed_pair` finds in
    a paragraph; a pure function of the text, remembered, so a re-check redoes only the edits."""
    found = _MIXED.get(text)
    if found is None:
        found = ()
        if " and " in text:
            found = tuple((m.start(2), m.end(2), f[0], m.group(4), f[1])
                          for m in _MIXED_AND_RE.finditer(text) if (f := _mixed_pair(text, m)) is not None)
        _MIXED.put(text, found)
    return found


#: a pronoun, its verb (group 2), up to six words with no clause in them (group 3), `and`, a verb (group 4)
_MIXED_AND_RE = re.compile(r"(?<![\w'’-])(he|she|they|we|I|you|He|She|They|We|You)[ \t]+([a-z]+)"
                           r"((?:[ \t]+[a-z'’]+){0,6}?)[ \t]+and[ \t]+([a-z]+)(?![\w'’-])")
_CLAUSE_INSIDE_RE = re.compile(r"[,;.!?]|(?<![\w'’-])(?:that|who|which|when|if|because|what|he|she|they|I|we|you|it|"
                               r"to|will|would|can|could|should|must|might|may|was|were|is|are|has|have|had|"
                               r"do|does|did|am|be|been)(?![\w'’-])")
_NOT_PRESENT = frozenset("still like even back near just only well need dare used ought".split())


def _mixed_pair(text: str, m) -> tuple[str, str] | None:
    """(the present verb, its past) when ``m`` joins a present and a past verb of one subject."""
    vf = verb_forms()
    subj, v1, mid, v2 = m.group(1).lower(), m.group(2), m.group(3), m.group(4)
    plural = subj in ("they", "we", "i", "you")
    if v1 in _NOT_PRESENT or not vf.is_past_only(v2) or _CLAUSE_INSIDE_RE.search(mid):
        return None
    if plural:
        if v1 not in vf.forms or v1 in vf.past or v1 in ("have", "do", "be"):
            return None
        base = v1
    else:
        if v1 not in vf.third or v1 in vf.noun_plural or v1 in ("has", "does", "is"):
            return None
        base = vf.third[v1]
    if re.match(r"[ \t]+by(?![\w'’-])", text[m.end(4):]):
        return None  # `she seeks for and wounded by …`: a participle
    new = vf.past_of(base)
    return (v1, new) if new else None



@register
class TensePassage(CraftRule):
    """A passage told in the present in a scene told in the past: was the switch meant?

    ## What it does
    Reads the scene tense as GRM023 does and, in a scene told in the past, finds runs of
    paragraphs whose narration verbs are mostly in the present: paragraphs in a row with twelve
    or more such verbs between them, or one paragraph of more than three. One note per run, at
    its first sentence, with the counts. Past verbs in a present-tense scene are left alone:
    they are backstory as often as not (`Our cook quit in March.`).

    ## Why it matters
    A switch of tense for a whole passage can be deliberate (a flashback told in the present,
    a memory, a dream), but when it is not, the reader feels the story's clock jump. A beta
    reader asks whether it was meant.

    ## Example
    Three paragraphs of `She walks to the door. He follows.` in a chapter told in the past.

    ## Fix safety
    No fix: only the writer knows whether the switch was meant.
    """

    code = "CRF023"
    name = "tense-passage"
    fix_availability = NEVER

    def check_document(self, doc, ctx):
        for sc in scenes(doc):
            if sc.tense != PAST:
                continue  # (past verbs in a present-tense scene are backstory as often as not)
            _, passages = _classify_paragraphs(sc)
            for run in passages:
                verbs = [v for _, vs in run for v in vs if v.tense == PRESENT]
                if not verbs:
                    continue
                p, first = run[0][0], next(v for v in run[0][1] if v.tense == PRESENT)
                n = len(run)
                what = "this paragraph is" if n == 1 else f"these {n} paragraphs are"
                k = len(verbs)
                # the note points at the passage's first sentence, so that the letter's example reads
                s, e = next(((s, e) for s, e in p.analysis.sentences if s <= first.start < e), (first.start, first.end))
                yield self.finding(
                    p.start + s, p.start + e,
                    f"{what} told in the present tense ({k} present narration verb{'s' if k != 1 else ''}), in a "
                    f"scene told in the past ({sc.past} past and {sc.present} present verbs): was the switch meant?")


@register
class TenseDrift(CraftRule):
    """A scene told in the past that keeps sliding into the present: a habit, not one slip.

    ## What it does
    Takes the tense slips GRM023 finds (present narration verbs in a scene told in the past,
    each confirmed by the tagger) and looks for where they become a habit: three or more
    paragraphs with slips within six paragraphs in a row. One note per scene, at the first slip
    of the paragraph where that begins, with the scene's count and a few of the verbs. (Each
    slip is also an error of its own, GRM023, with its fix.)

    ## Why it matters
    One slipped verb is a typo; a chapter that slides between past and present, a few verbs a
    paragraph, blurs the story's timeline, and it is among the first things beta readers raise.
    The cure is a decision and one slow read: choose the tense and reread the chapter once just
    for its verbs.

    ## Example
    In a chapter told in the past, `She shakes her head.` … `Tom nods and takes the bag.` …
    `“Fine,” she says.` within a few paragraphs: pick one tense and keep it.

    ## Fix safety
    No fix here: GRM023 offers each verb's fix; which tense the story is in is the writer's call.
    """

    code = "CRF024"
    name = "tense-drift"
    uses_tagger = True
    letter_weight = 3.0  # the story's clock, before its line-level notes

    def prepare(self, ctx) -> None:
        _prefetch_slips(ctx.doc)

    def check_document(self, doc, ctx):
        pending = [(p, v, sc) for p, v, sc in _pending(doc) if sc.tense == PAST]
        ok = _confirmed([(p, v, _parent(p, v)) for p, v, _ in pending])
        by_scene: dict[int, tuple] = {}
        for p, v, sc in pending:
            if (id(p), v.start) in ok:
                by_scene.setdefault(id(sc), (sc, {}))[1].setdefault(id(p), (p, []))[1].append(v)
        for sc, paras in by_scene.values():
            order = {id(p): i for i, (p, _verbs) in enumerate(sc.paragraphs)}
            rows = sorted(((order[k], p, vs) for k, (p, vs) in paras.items()), key=lambda r: r[0])
            at = [r[0] for r in rows]
            start = next((j for j in range(len(rows))
                          if sum(1 for i in at[j:] if i < at[j] + DRIFT_SPAN) >= DRIFT_PARAGRAPHS), None)
            if start is None:
                continue
            _i, p, vs = rows[start]
            first = min(vs, key=lambda v: v.start)
            verbs = [p2.text[v.start:v.end] for _k, p2, vs2 in rows[start:] for v in sorted(vs2, key=lambda v: v.start)]
            n = sum(len(r[2]) for r in rows)
            examples = ", ".join(f"`{w}`" for w in dict.fromkeys(verbs[:6]))
            yield self.finding(
                p.start + first.start, p.start + first.end,
                f"From here the narration slides between past and present: {n} verb{'s' if n != 1 else ''} in the "
                f"present in {len(rows)} paragraphs of a scene told in the past ({examples}…). Choose one tense, "
                "then read the chapter once just for its verbs.")
