"""What the rhythm measures say: long sentences, same-length runs, scenes of low variety, walls of
text (read by the CRF030–CRF034 rules), and the ``rhythm``, ``pacing`` and ``readability`` stats
and letter lines (``craft/providers.py``).  The measurements themselves are ``craft/rhythm.py``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import PRIORITY, STRENGTH, Note, Provided, rhythm
from .wording import at, per_10k, plural

if TYPE_CHECKING:
    from ..model import Document


#: A sentence is long when it has more than this many words …
LONG_MIN_WORDS = 40
#: … and lies beyond the story's own far-out fence: third quartile + this many interquartile ranges.
LONG_FENCE_IQR = 3.5
#: Same-length runs: this many narration sentences in a row …
RUN_MIN_SENTENCES = 4
#: … whose lengths differ by at most this many words …
RUN_TOLERANCE = 2
#: … each of at least this many words (shorter ones are deliberate staccato).
RUN_MIN_WORDS = 5
#: A scene's sentence variety is judged on at least this many narration sentences …
MIN_SCENE_SENTENCES = 20
#: … and is very low under this coefficient of variation (no scene of the clean corpus is under 0.36).
LOW_VARIETY_CV = 0.30
#: A paragraph is a wall of text over this many words.
WALL_WORDS = 250
#: A paragraph crowds its dialogue with this many lines of speech or more (not counting the second
#: half of a split quotation) from two speakers or more: published books have under one such
#: paragraph in 10,000 words, mostly one speaker's lines broken by beats.
CROWDED_LINES = 4
#: At most this many crowded-paragraph notes per story (the first ones; the note says how many).
CROWDED_NOTES = 3
#: A backstory block: a narration paragraph (no quotation) of a scene told in the past, of at least
#: this many words …
BACKSTORY_MIN_WORDS = 100
#: … with at least this many verbs in the past perfect (``had gone``, ``she'd seen``) …
BACKSTORY_MIN_PERFECTS = 4
#: … at least this many per 100 words (the published books: about 0.8 such paragraphs per 10,000
#: words, the backstory a novel needs; a chapter with several is stopping for the past).
BACKSTORY_PER_100 = 2.0
#: At most this many backstory notes per 10,000 words (the densest first), and one per scene.
BACKSTORY_CAP_PER_10K = 2.0

_ADV = r"(?:[a-z]+ly|just|then|still|also|only|never|always|now|soon|even|already|not|ever|once|long|since)"
#: ``had`` or ``’d``, up to two adverbs, then a word (a past participle, checked in the verb table)
_PERFECT_RE = re.compile(r"(?:(?<![\w'’-])[Hh]ad|(?<=[a-zA-Z])['’]d)\s+(?:" + _ADV + r"\s+){0,2}([a-z]+)\b")


# --------------------------------------------------------------------------- shared, once per document
def _memo(doc: "Document", key: str, compute):
    m = rhythm.measures(doc)
    if key not in m.memo:
        m.memo[key] = compute(m)
    return m.memo[key]


def narration_lengths(doc: "Document") -> list[int]:
    """Word counts of the story's narration sentences, sorted."""
    return _memo(doc, "narration", lambda m: sorted(w for _, _, w, _, _ in m.sentences(True)))


def long_threshold(doc: "Document") -> int:
    """Sentences over this many words are long for this story: over 40 and beyond Q3 + 3.5 IQR."""

    def compute(m):
        lens = narration_lengths(doc)
        if len(lens) < 4:
            return LONG_MIN_WORDS
        q1, q3 = rhythm.percentile(lens, 0.25), rhythm.percentile(lens, 0.75)
        return max(LONG_MIN_WORDS, int(q3 + LONG_FENCE_IQR * (q3 - q1)))

    return _memo(doc, "long_threshold", compute)


def long_sentences(doc: "Document") -> list[tuple[int, int, int]]:
    """(start, end, words) of the long narration sentences."""

    def compute(m):
        t = long_threshold(doc)
        return [(s, e, w) for s, e, w, _, _ in m.sentences(True) if w > t]

    return _memo(doc, "long", compute)


def same_length_runs(doc: "Document") -> list[list[tuple[int, int, int]]]:
    """Runs of 4+ consecutive narration sentences (5+ words each) within 2 words of each other,
    inside one scene; a sentence with any dialogue in it, or a short one, ends a run."""

    def compute(m):
        out = []
        for sc in m.scenes:
            cur: list[tuple[int, int, int]] = []
            lo = hi = 0
            for s, e, w, _, dialogue in sc.sentences():
                if dialogue > 0 or w < RUN_MIN_WORDS:
                    if len(cur) >= RUN_MIN_SENTENCES:
                        out.append(cur)
                    cur = []
                    continue
                if cur and max(hi, w) - min(lo, w) <= RUN_TOLERANCE:
                    cur.append((s, e, w))
                    lo, hi = min(lo, w), max(hi, w)
                    continue
                if len(cur) >= RUN_MIN_SENTENCES:
                    out.append(cur)
                    cur = []
                # keep the tail of the run that fits with this sentence
                tail = [(s, e, w)]
                lo = hi = w
                for x in reversed(cur):
                    if max(hi, x[2]) - min(lo, x[2]) > RUN_TOLERANCE:
                        break
                    tail.insert(0, x)
                    lo, hi = min(lo, x[2]), max(hi, x[2])
                cur = tail
            if len(cur) >= RUN_MIN_SENTENCES:
                out.append(cur)
        return out

    return _memo(doc, "runs", compute)


def scene_variety(doc: "Document") -> list[dict]:
    """Per scene: chapter, scene, start, end, the spread of its narration sentence lengths and
    the first narration sentence's span (where a low-variety note points)."""

    def compute(m):
        out = []
        for sc in m.scenes:
            sents = [(s, e, w) for s, e, w, _, _ in sc.sentences(True)]
            row = {"chapter": sc.chapter, "scene": sc.index, "start": sc.start, "end": sc.end}
            row.update(rhythm.spread([w for _, _, w in sents]))
            row["first"] = sents[0][:2] if sents else None
            out.append(row)
        return out

    return _memo(doc, "scenes", compute)


def low_variety_scenes(doc: "Document") -> list[dict]:
    return [r for r in scene_variety(doc) if r["sentences"] >= MIN_SCENE_SENTENCES and r["cv"] < LOW_VARIETY_CV]


def single_paragraph(doc: "Document") -> tuple[int, int, int] | None:
    """When the whole story is one paragraph of more than 250 words: (start, end) of its first
    sentence and its words; else None."""
    m = rhythm.measures(doc)
    if _oversize(doc):  # left out of the measures: counted by the paragraph analysis
        story = doc.story_paragraphs
        if len(story) == 1 and story[0].analysis.words > WALL_WORDS:
            return (*_first_sentence(story[0]), story[0].analysis.words)
        return None
    if len(m.paragraphs) == 1 and m.paragraphs[0][1].words > WALL_WORDS:
        p, pm = m.paragraphs[0]
        return p.start + pm.sentences[0][0], p.start + pm.sentences[0][1], pm.words
    return None


def _oversize(doc: "Document") -> list:
    """The story paragraphs too long for the craft measures, with where their first sentence ends."""
    return _memo(doc, "oversize", lambda m: [p for p in doc.story_paragraphs if p.oversize])


def _first_sentence(p) -> tuple[int, int]:
    """The paragraph's first sentence, or its first 300 characters when that is longer."""
    a = p.analysis
    s, e = a.sentences[0] if a.sentences else (0, len(a.text))
    if e - s > 300:
        cut = a.text.rfind(" ", s, s + 300)
        e = cut if cut > s else s + 300
    return p.start + s, p.start + e


def walls(doc: "Document") -> list[tuple[int, int, int]]:
    """(start, end of its first sentence, words) of each paragraph over 250 words."""

    def compute(m):
        out = []
        for p, pm in m.paragraphs:
            if pm.words > WALL_WORDS and pm.sentences:
                s, e = pm.sentences[0][:2]
                out.append((p.start + s, p.start + e, pm.words))
        huge = _oversize(doc)
        if huge:  # measured by their paragraph analysis alone
            out = sorted(out + [(*_first_sentence(p), p.analysis.words) for p in huge])
        return out

    return _memo(doc, "walls", compute)


def crowded(doc: "Document") -> list[tuple[int, int, int, int, tuple[str, ...], int, int]]:
    """(start, end of its second line of speech, lines of speech, words, speakers, and the
    paragraph's start and end) of each story
    paragraph with :data:`CROWDED_LINES` lines of speech or more, two or more of them attributed to
    different speakers (a name, a descriptor or a pronoun)."""

    def compute(m):
        from ..analysis.dialogue import speeches

        level = doc.style.dialogue_level if doc.style else "double"
        out = []
        for p in doc.story_paragraphs:
            a = p.analysis
            if a is None or len(a.quotations) < CROWDED_LINES:
                continue
            lines = [sp for sp in speeches(a, level) if not sp.continues_sentence]
            if len(lines) < CROWDED_LINES:
                continue
            who: list[str] = []
            for sp in lines:
                if sp.attribution is not None and sp.attribution.kind != "thought" and sp.attribution.speaker not in who:
                    who.append(sp.attribution.speaker)
            if len(who) < 2:
                continue
            q = next((sp.quotation for sp in lines[1:] if sp.quotation.open is not None), None)
            if q is None:
                continue
            end = q.close + 1 if q.close is not None else min(len(a.text), q.open + 200)
            out.append((p.start + q.open, p.start + end, len(lines), a.words, tuple(who), p.start, p.start + len(a.text)))
        return out

    return _memo(doc, "crowded", compute)


def past_perfects(text: str) -> int:
    """How many verbs of ``text`` are in the past perfect (``had left``, ``he'd seen``, ``had been``);
    ``’d`` before a word that is also a verb's base is *would* (``he'd put``) and is not counted."""
    from ..analysis.verbs import verb_forms

    vf = verb_forms()
    n = 0
    for m in _PERFECT_RE.finditer(text):
        w = m.group(1)
        if w not in vf.participle or w == "better":
            continue
        if m.group(0)[0] in "'’" and w in vf.forms:
            continue
        n += 1
    return n


def backstory_blocks(doc: "Document") -> list[tuple[int, int, int, int]]:
    """(start, end of its first sentence, words, past perfects) of the paragraphs that stop a scene
    told in the past for backstory: narration only, :data:`BACKSTORY_MIN_WORDS` words or more, with
    :data:`BACKSTORY_MIN_PERFECTS` past perfects or more and :data:`BACKSTORY_PER_100` per 100
    words; the densest of each scene, at most :data:`BACKSTORY_CAP_PER_10K` per 10,000 words."""

    def compute(m):
        from ..analysis.tense import PAST, scenes

        cands = []
        for si, sc in enumerate(scenes(doc)):
            if sc.tense != PAST:
                continue
            best = None
            for p, _verbs in sc.paragraphs:
                a = p.analysis
                if a is None or a.words < BACKSTORY_MIN_WORDS or a.quotations or not a.sentences:
                    continue
                n = past_perfects(p.text)
                if n < BACKSTORY_MIN_PERFECTS or 100 * n / a.words < BACKSTORY_PER_100:
                    continue
                s, e = a.sentences[0][:2]
                row = (p.start + s, p.start + e, a.words, n)
                if best is None or n / a.words > best[3] / best[2]:
                    best = row
            if best is not None:
                cands.append(best)
        cap = max(1, int(m.words * BACKSTORY_CAP_PER_10K / 10_000))
        keep = sorted(cands, key=lambda r: -r[3] / r[2])[:cap]
        return sorted(keep)

    return _memo(doc, "backstory", compute)


# --------------------------------------------------------------------------- stats providers
def rhythm_stats(doc: "Document", findings) -> Provided:
    m = rhythm.measures(doc)
    words = m.words
    lens = narration_lengths(doc)
    narration = rhythm.spread(lens)
    base = rhythm.baseline()["ranges"]
    longs = long_sentences(doc)
    runs = same_length_runs(doc)
    lows = low_variety_scenes(doc)
    wall = [] if single_paragraph(doc) else walls(doc)
    stats = {
        "narration_sentences": narration,
        "long_sentence_threshold": long_threshold(doc) if lens else None,
        "long_sentences": len(longs),
        "same_length_runs": len(runs),
        "low_variety_scenes": len(lows),
        "paragraphs_over_250_words": len(wall),
        "longest_paragraph_words": max((pm.words for _, pm in m.paragraphs), default=0),
        "scenes": [{k: v for k, v in r.items() if k != "first"} for r in scene_variety(doc)],
    }
    notes: list[Note] = []
    cv_range = base["narration_sentence_cv"]
    if (len(lens) >= 50 and narration["cv"] >= cv_range["min"] and narration["cv"] <= cv_range["max"] * 1.2
            and not runs and not lows):
        notes.append(Note(
            STRENGTH,
            f"Your sentence lengths vary well: from {narration['min']} to {narration['max']} words "
            f"(variation {narration['cv']:.2f}), a spread like published fiction's "
            f"({cv_range['min']:.2f}–{cv_range['max']:.2f}).",
            score=0.6 + min(0.6, narration["cv"] - cv_range["min"]),
            claim={"min": narration["min"], "max": narration["max"], "cv": narration["cv"]},
        ))
    if longs:
        top = max(longs, key=lambda x: x[2])
        notes.append(Note(
            PRIORITY,
            f"Split your longest sentences: {plural(len(longs), 'sentence')} of narration run past "
            f"{long_threshold(doc)} words (the longest has {top[2]}), where most of yours run "
            f"{rhythm.percentile(lens, 0.25)}–{rhythm.percentile(lens, 0.75)}.",
            score=per_10k(len(longs), words), code="CRF030", count=len(longs),
            **at(doc, top[0], top[1]),
            claim={"count": len(longs), "threshold": long_threshold(doc), "longest": top[2]},
        ))
    if wall:
        top = max(wall, key=lambda x: x[2])
        notes.append(Note(
            PRIORITY,
            f"Break up {plural(len(wall), 'paragraph')} of over {WALL_WORDS} words"
            + (f" (the longest has {top[2]}): on a screen they read as walls of text." if len(wall) > 1
               else f" ({top[2]} words): on a screen it reads as a wall of text."),
            score=1.5 * per_10k(len(wall), words), code="CRF033", count=len(wall),
            **at(doc, top[0], top[1]),
            claim={"count": len(wall), "longest": top[2]},
        ))
    one = single_paragraph(doc)
    if one is not None:
        s, e, words1 = one
        notes.append(Note(
            PRIORITY,
            f"Add paragraph breaks: the whole text ({words1:,} words) is one paragraph.",
            score=50.0, code="CRF034", count=1, **at(doc, s, e),
            claim={"count": 1, "words": words1},
        ))
    if runs:
        first = runs[0]
        notes.append(Note(
            PRIORITY,
            f"Vary your sentence lengths: {plural(len(runs), 'run')} of {RUN_MIN_SENTENCES} or more sentences "
            f"in a row of nearly the same length.",
            score=per_10k(len(runs), words), code="CRF031", count=len(runs),
            **at(doc, first[0][0], first[0][1]),
            claim={"count": len(runs)},
        ))
    if lows:
        r = lows[0]
        notes.append(Note(
            PRIORITY,
            f"Vary your sentence lengths: in {plural(len(lows), 'scene')} the sentences barely vary "
            f"(variation {min(x['cv'] for x in lows):.2f} at the lowest; published fiction "
            f"{cv_range['min']:.2f}–{cv_range['max']:.2f}).",
            score=2.0 * per_10k(len(lows), words) + 1, code="CRF032", count=len(lows),
            **at(doc, *r["first"]),
            claim={"count": len(lows), "cv": min(x["cv"] for x in lows)},
        ))
    return Provided(stats, notes)


def _pace(rows) -> dict:
    """words, dialogue share and mean sentence length of (Paragraph, ParaMeasure) rows."""
    words = sum(pm.words for _, pm in rows)
    dialogue = sum(pm.dialogue_words for _, pm in rows)
    sentences = sum(len(pm.sentences) for _, pm in rows)
    return {
        "words": words,
        "dialogue_share": round(dialogue / words, 3) if words else 0.0,
        "mean_sentence_words": round(words / sentences, 2) if sentences else 0.0,
    }


def pacing_stats(doc: "Document", findings) -> Provided:
    m = rhythm.measures(doc)
    scenes = []
    chapters: dict[int, list] = {}
    for sc in m.scenes:
        row = {"chapter": sc.chapter, "scene": sc.index, "start": sc.start, "end": sc.end}
        row.update(_pace(sc.paragraphs))
        scenes.append(row)
        chapters.setdefault(sc.chapter, []).extend(sc.paragraphs)
    by_chapter = []
    for ch, rows in chapters.items():
        row = {"chapter": ch, "start": rows[0][0].start, "end": rows[-1][0].end}
        row.update(_pace(rows))
        by_chapter.append(row)
    whole = _pace(m.paragraphs)
    return Provided({"dialogue_share": whole["dialogue_share"],
                     "mean_sentence_words": whole["mean_sentence_words"],
                     "scenes": scenes, "chapters": by_chapter})


def _readability(rows) -> dict:
    words = sum(pm.words for _, pm in rows)
    sentences = sum(len(pm.sentences) for _, pm in rows)
    syllables = sum(pm.syllables for _, pm in rows)
    got = rhythm.flesch(words, sentences, syllables)
    return {
        "words": words, "sentences": sentences, "syllables": syllables,
        "flesch_reading_ease": round(got[0], 1) if got else None,
        "flesch_kincaid_grade": round(got[1], 1) if got else None,
    }


def readability_stats(doc: "Document", findings) -> Provided:
    m = rhythm.measures(doc)
    chapters: dict[int, list] = {}
    for p, pm in m.paragraphs:
        chapters.setdefault(p.chapter, []).append((p, pm))
    by_chapter = []
    for ch, rows in chapters.items():
        row = {"chapter": ch, "start": rows[0][0].start, "end": rows[-1][0].end}
        row.update(_readability(rows))
        by_chapter.append(row)
    stats = _readability(m.paragraphs)
    stats["chapters"] = by_chapter
    notes = []
    fre = stats["flesch_reading_ease"]
    rng = rhythm.baseline()["ranges"]["flesch_reading_ease"]
    if fre is not None and stats["words"] >= 1000 and rng["min"] <= fre <= rng["max"]:
        notes.append(Note(
            STRENGTH,
            f"Your prose reads easily: Flesch reading ease {fre:.0f} (about grade "
            f"{max(stats['flesch_kincaid_grade'], 1):.0f}), within the range of published novels "
            f"({rng['min']:.0f}–{rng['max']:.0f}).",
            score=0.5,
            claim={"flesch_reading_ease": fre, "flesch_kincaid_grade": stats["flesch_kincaid_grade"]},
        ))
    return Provided(stats, notes)
