"""Rhythm and pacing craft notes: long sentences, same-length runs, walls of text, backstory blocks (the measures
are ``craft/rhythm.py`` and ``craft/rhythm_notes.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from ..craft import rhythm
from ..craft.rhythm_notes import (
    CROWDED_NOTES,
    backstory_blocks,
    crowded,
    long_sentences,
    low_variety_scenes,
    narration_lengths,
    same_length_runs,
    single_paragraph,
    walls,
)
from .base import Context, CraftRule, Finding, register

if TYPE_CHECKING:
    from ..model import Document


# --------------------------------------------------------------------------- rules
@register
class LongSentence(CraftRule):
    """Very long sentence: far longer than the story's usual sentences.

    ## What it does
    Flags a sentence of narration over 40 words that is also far beyond the story's own habit:
    longer than its third quartile plus 3.5 times its interquartile range of sentence lengths
    (Tukey's far-out fence).  A story of long sentences (Austen, Alcott) gets notes only on its
    most extreme ones; dialogue is left alone.

    ## Why it matters
    A reader holds a sentence in mind until its full stop.  Past forty-odd words, and well past
    the rhythm the story has set, the thread is easily lost and the reader re-reads.

    ## Example
    A story whose sentences mostly run 8–20 words, then one of 62 words chaining four actions
    with "and".  Split it where the thought turns; keep the long one only if the breathlessness
    is the point.

    ## Fix safety
    No automatic fix: where to split is the writer's call.
    """

    code = "CRF030"
    name = "long-sentence"

    def check_document(self, doc: "Document", ctx: Context) -> Iterable[Finding]:
        lens = narration_lengths(doc)
        if not lens:
            return
        q1, q3 = rhythm.percentile(lens, 0.25), rhythm.percentile(lens, 0.75)
        for s, e, w in long_sentences(doc):
            yield self.finding(
                s, e,
                f"A {w}-word sentence; most of this story's sentences run {q1}–{q3} words. "
                "Consider splitting it where the thought turns.",
            )


@register
class SameLengthRun(CraftRule):
    """Same-length run: four or more sentences in a row of nearly the same length.

    ## What it does
    Flags four or more consecutive sentences of narration, five words or longer, whose lengths
    are all within two words of each other (9, 11, 10, 9 words), inside one scene.  A sentence
    with any dialogue in it, or a sentence under five words, ends the run.

    ## Why it matters
    Sentences of one length fall into one beat, and the beat reads as monotony (a drone) however
    good the words are.  Varying the length is the cheapest way to give prose a rhythm.

    ## Example
    "She walked to the old door. She put her hand on it. The wood felt cold and damp. She pushed
    it open slowly." Combine two, or cut one short: "She pushed. It opened."

    ## Fix safety
    No automatic fix.
    """

    code = "CRF031"
    name = "same-length-run"

    def check_document(self, doc: "Document", ctx: Context) -> Iterable[Finding]:
        for run in same_length_runs(doc):
            lo, hi = min(x[2] for x in run), max(x[2] for x in run)
            yield self.finding(
                run[0][0], run[-1][1],
                f"{len(run)} sentences in a row of {lo}–{hi} words each: the rhythm goes flat. "
                "Combine two, or cut one short.",
            )


@register
class LowSentenceVariety(CraftRule):
    """Low sentence variety: a scene whose sentences are all about the same length.

    ## What it does
    Measures each scene's narration sentence lengths (20 sentences or more) and flags a scene whose
    coefficient of variation (standard deviation ÷ mean) is under 0.30.  Published novels vary
    far more: 0.54–1.05 over a whole book, and no scene of the eleven clean books is under 0.36.
    The note points at the scene's first sentence.

    ## Why it matters
    Even when no four sentences in a row match, a scene of uniform sentences reads at one speed.
    Short sentences speed a scene up, long ones slow it down: a mix lets the writer steer.

    ## Example
    A fight scene of thirty sentences, all 9–14 words.  Break the action into a few short,
    hard sentences and let one long one carry the aftermath.

    ## Fix safety
    No automatic fix.
    """

    code = "CRF032"
    name = "low-sentence-variety"

    def check_document(self, doc: "Document", ctx: Context) -> Iterable[Finding]:
        lows = low_variety_scenes(doc)
        if not lows:
            return
        cv = rhythm.baseline()["ranges"]["narration_sentence_cv"]
        for r in lows:
            s, e = r["first"]
            yield self.finding(
                s, e,
                f"This scene's {r['sentences']} narration sentences barely vary in length "
                f"(mean {r['mean']:.1f} words, {r['min']}–{r['max']}; variation {r['cv']:.2f}, "
                f"published fiction {cv['min']:.2f}–{cv['max']:.2f}). Mix in some much shorter and longer ones.",
            )


@register
class WallOfText(CraftRule):
    """Wall of text: a paragraph of more than 250 words, or one that crowds a conversation into it.

    ## What it does
    Flags each story paragraph of more than 250 words, at its first sentence, with its length.
    (When the whole story is one paragraph, CRF034 says so once instead.)  And a paragraph that
    holds four lines of speech or more, two or more of them given to different speakers, at its
    second line of speech, where the first break belongs: at most three of those per story, the
    first saying how many paragraphs are like it.  Published books have under one in 10,000
    words, mostly one speaker's lines broken by beats.

    ## Why it matters
    On a screen, and most fan fiction is read on a phone, a long paragraph is a grey wall: readers
    skim it or lose their place.  A break gives the eye a rest and marks a shift of focus.  In
    dialogue the break does more: a new paragraph is how the reader knows a new person speaks,
    and a conversation run into one block makes them work out who says each line.

    ## Example
    A 400-word paragraph that moves from the room to a memory to a decision.  Break it at each
    turn: the memory, then the decision.  `"Ready?" Mara asked. "Nearly," Tom said. "Then
    come on." "I said nearly!"` in one paragraph: one paragraph per speaker.

    ## Fix safety
    No automatic fix.
    """

    code = "CRF033"
    name = "wall-of-text"

    def check_document(self, doc: "Document", ctx: Context) -> Iterable[Finding]:
        if single_paragraph(doc):
            return
        crowd = crowded(doc)
        taken = [(ps, pe) for *_, ps, pe in crowd[:CROWDED_NOTES]]
        for n, (s, e, lines, w, who, _ps, _pe) in enumerate(crowd[:CROWDED_NOTES]):
            names = ", ".join("I" if w == "i" else w for w in who[:3]) + (" and others" if len(who) > 3 else "")
            more = (f" {len(crowd)} paragraphs of this story are like this one." if n == 0 and len(crowd) > 1 else "")
            yield self.finding(
                s, e,
                f"This paragraph holds {lines} lines of speech ({names} among the speakers) in {w} words: "
                "the reader has to work out who says what. Start a new paragraph here, and at each change of "
                f"speaker, with that speaker's beat.{more}",
            )
        for s, e, w in walls(doc):
            if any(ps <= s < pe for ps, pe in taken):
                continue
            yield self.finding(
                s, e,
                f"This paragraph has {w} words: on a screen it reads as a wall. "
                "Break it where the focus shifts (a new speaker, action or idea).",
            )


@register
class NoParagraphBreaks(CraftRule):
    """No paragraph breaks: the whole story is one paragraph.

    ## What it does
    Flags, once, a story of more than 250 words with no paragraph break at all, at its first
    sentence.

    ## Why it matters
    Readers expect a new paragraph for each speaker and each shift of focus; without any, dialogue
    runs together and most readers give up.  Often the breaks were lost when pasting: check that
    the text has blank lines (or one paragraph a line) between paragraphs.

    ## Example
    A 2,000-word chapter pasted as one block.  Put each line of dialogue in its own paragraph and
    break the narration at each shift of scene, time or focus.

    ## Fix safety
    No automatic fix.
    """

    code = "CRF034"
    name = "no-paragraph-breaks"
    severity = "warning"

    def check_document(self, doc: "Document", ctx: Context) -> Iterable[Finding]:
        one = single_paragraph(doc)
        if one is None:
            return
        s, e, words = one
        yield self.finding(
            s, e,
            f"The whole text ({words:,} words) is one paragraph. Start a new paragraph for each "
            "speaker and each shift of focus.",
        )


@register
class BackstoryBlock(CraftRule):
    """Backstory block: a paragraph of narration that stops the scene for the past.

    ## What it does
    In a scene told in the past, finds narration paragraphs (no dialogue) of 100 words or more
    with four or more verbs in the past perfect (``had gone``, ``she'd seen``, ``had been``), at
    least two per 100 words: the scene has stopped while the narrator explains what happened
    before.  One note per scene (the densest paragraph), at most two per 10,000 words, at the
    paragraph's first sentence, with its count.

    ## Why it matters
    Backstory dropped into the middle of a scene is the info-dump beta readers flag most: the
    action freezes while the reader is told history, and the tension leaks away.  Published
    novels have about one such paragraph in 12,000 words; a chapter with several is telling its
    past instead of its present.  A line of it, or the detail slipped in where it matters, keeps
    the scene moving.

    ## Example
    ``She had met him at the fair, years ago. He had been kind then, and she had thought…`` (a
    whole paragraph of it as the door opens) → keep the scene at the door and give one line of the
    past where it changes what she does.

    ## Fix safety
    No automatic fix: the history may be needed; the question is where and how much.
    """

    code = "CRF035"
    name = "backstory-block"
    letter_weight = 3.0  # the scene's shape: a beta raises it before the line-level notes

    def check_document(self, doc: "Document", ctx: Context) -> Iterable[Finding]:
        for s, e, words, n in backstory_blocks(doc):
            yield self.finding(
                s, e,
                f"This paragraph stops the scene for backstory: {n} verbs in the past perfect in "
                f"{words} words of narration. Keep a line of it where it changes what happens now, "
                "and let the rest come out later, in action or dialogue.",
            )
