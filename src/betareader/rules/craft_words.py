"""Word-level craft notes: overused words and phrases, repeated beats, echoes, repeated sentence
openers, adverbs.

The measurements live in :mod:`betareader.craft.words` (one analysis per document, shared by
these rules and the ``words`` stats provider); each rule only turns them into notes.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from ..craft.words import (
    ADVERB_DENSITY_RATIO,
    ADVERB_MIN_WORDS,
    OPENER_RUN,
    OPENER_RUN_PRONOUN,
    PRONOUNS,
    TAG_ADVERB_MIN_NOTES,
    TAG_ADVERB_NOTES_PER_10K,
    analyze,
    base,
)
from ..craft.beats import repeated_beats
from ..craft.wording import binom_above
from .base import CraftRule, register


def _times(n: int) -> str:
    return "once" if n == 1 else "twice" if n == 2 else f"{n} times"


@register
class OverusedWord(CraftRule):
    """A word the story uses far more often than published fiction does.

    ## What it does
    Counts every word of the story and compares its rate with the same word's rate in eleven
    published novels (about 960,000 words). A word is noted when the story uses it at least 6
    times, at least 3 times as often as those books, and the difference is beyond chance (a
    log-likelihood test). Only style words are tested: adverbs, verbs and adjectives that at
    least four of the books use. Nouns, names and the story's own subjects are never
    overused: a story about a dragon may say "dragon" as often as it needs. One note per word,
    at its first use, with the count and the rate; at most eight words per story.

    ## Why it matters
    Every writer has pet words (`just`, `nearly`, `suddenly`, `smirked`). A reader may not
    see them the first few times, but soon they hear them, and then they hear nothing else.

    ## Example
    `"just" 48 times (3,100 per million words), 3.4× the rate in published fiction.` Search
    for it, keep the uses that matter, cut or vary the rest.

    ## Fix safety
    No fix: which uses to keep is the writer's choice.
    """

    code = "CRF001"
    name = "overused-word"
    severity = "warning"

    def check_document(self, doc, ctx):
        for o in analyze(doc).overused:
            if o.words == 1:
                yield self.finding(o.start, o.end, _overuse_message(o))


@register
class OverusedPhrase(CraftRule):
    """A phrase of two to four words the story uses far more often than published fiction does.

    ## What it does
    Counts the story's phrases of two, three and four words and compares each rate with the
    rate in eleven published novels. A phrase is noted when the story uses it at least 6
    times, at least 3 times as often as those books, beyond chance (a log-likelihood test).
    Only phrases the books themselves use (at least 10 times, in at least four of them) are
    tested, so a story's own names and places never count. A shorter phrase that is mostly
    part of a longer overused one is left to the longer one (`for a moment` rather than `a
    moment`). One note per phrase, at its first use; at most eight phrases per story.

    ## Why it matters
    Stock phrases (`for a moment`, `let out a breath`, `couldn't help but`) become a tic
    when they return every page; the reader starts to wait for them.

    ## Example
    `"a moment" 21 times (1,900 per million words), 4.2× the rate in published fiction.`

    ## Fix safety
    No fix: rewording is the writer's choice.
    """

    code = "CRF002"
    name = "overused-phrase"
    severity = "warning"

    def check_document(self, doc, ctx):
        for o in analyze(doc).overused:
            if o.words > 1:
                yield self.finding(o.start, o.end, _overuse_message(o))


def _overuse_message(o) -> str:
    return (
        f"“{o.phrase}” {_times(o.count)} ({o.per_million:,.0f} per million words), "
        f"{o.ratio:.1f}× the rate in published fiction ({o.base_per_million:,.0f} per million): "
        "keep the uses that matter, vary or cut the rest."
    )


@register
class Echo(CraftRule):
    """The same distinctive word twice within a few words.

    ## What it does
    Finds a distinctive word used again within about 30 words in the same paragraph:
    words of four letters or more that published fiction uses rarely (under 40 per million
    words), not names and not the story's own frequent words. Simple inflections count as
    the same word (`glint`, `glinted`, `glinting`). Words right next to each other (`again
    and again`) are left alone. The note is at the second use and names the first.

    ## Why it matters
    A striking word is memorable, so its return a line later sounds like an echo: the reader
    hears the repetition rather than the scene.

    ## Example
    `The lake glinted under the moon; a blade glinted in his hand.`: the second `glinted`
    is noted. Swap one for another verb, or recast the sentence.

    ## Fix safety
    No fix: which one to change is the writer's choice.
    """

    code = "CRF003"
    name = "echo"

    def check_document(self, doc, ctx):
        text = doc.text
        for e in analyze(doc).echoes:
            first = text[e.first[0]:e.first[1]]
            yield self.finding(
                e.second[0], e.second[1],
                f"“{text[e.second[0]:e.second[1]]}” again, {e.gap} word{'s' if e.gap != 1 else ''} after "
                f"“{first}”: a distinctive word stands out when it returns so soon; vary one or recast the sentence.",
            )


@register
class RepeatedOpener(CraftRule):
    """Three or more sentences in a row that open with the same word.

    ## What it does
    Reads the first word of each narration sentence (dialogue is left out) and finds runs,
    inside one paragraph, of three or more sentences in a row that open with the same word
    or name (`The… The… The…`, `Harry… Harry… Harry…`). A pronoun (`I`, `he`, `she`,
    `they`…) is the usual subject in close third or first person, so it needs four in a
    row. Each run is noted once, at its third opener (fourth for a pronoun), with its
    length.

    ## Why it matters
    Sentences that all start the same way fall into one rhythm, and the paragraph reads
    like a list. Varying the openings (a clause, an object, a different subject) keeps the
    prose moving.

    ## Example
    `He opened the door. He looked around. He saw nobody. He sat down.`: the fourth `He` is
    noted. `He opened the door and looked around. The room was empty, so he sat down.`
    reads more smoothly.

    ## Fix safety
    No fix: recasting sentences is the writer's choice.
    """

    code = "CRF004"
    name = "repeated-opener"

    def check_document(self, doc, ctx):
        for run in analyze(doc).opener_runs:
            s, e = run.starts[(OPENER_RUN_PRONOUN if run.word in PRONOUNS else OPENER_RUN) - 1]
            yield self.finding(
                s, e,
                f"{run.length} sentences in a row open with “{run.word}”: vary how they start.",
            )


@register
class TagAdverb(CraftRule):
    """An -ly adverb on a dialogue tag (`said softly`, `softly said`).

    ## What it does
    Finds dialogue tags (a speaker and a speech verb attached to a quotation) with an -ly
    adverb right after the verb (`she said softly`, `said Maya softly`) or right before it
    (`she softly said`). Which -ly words are adverbs comes from part-of-speech tags over
    published fiction: `family`, `only`, `early`, `lovely`, `silly`, `reply`, `holy` are not.
    Published novels put an -ly adverb on about one tag in seven, so the notes come only
    when the story's share is clearly higher than that (three tags or more, and a share a
    published book's rate would give by chance less than one time in twenty), and then at most four per 10,000 words
    (at least five), spread over the story; the message gives the full count.

    ## Why it matters
    The adverb tells the reader how a line sounds when the line itself, or a gesture, could
    show it. A few are fine; a habit of them makes the dialogue lean on its tags.

    ## Example
    `"Leave," she said coldly.` → `"Leave." She didn't look up from the map.`

    ## Fix safety
    No fix: whether the line needs the adverb is the writer's choice.
    """

    code = "CRF005"
    name = "tag-adverb"

    def check_document(self, doc, ctx):
        wa = analyze(doc)
        tags, found = wa.tag_adverbs
        n = len(found)
        if not n or n <= base().data["tag_adverb_share"] * tags or not binom_above(n, tags, base().data["tag_adverb_share"]):
            return  # (one or two, or a share that chance gives a published book: no habit to name)
        cap = max(TAG_ADVERB_MIN_NOTES, int(TAG_ADVERB_NOTES_PER_10K * wa.words / 10_000))
        if n > cap:  # evenly spread examples
            found = [found[round(k * (n - 1) / (cap - 1))] for k in range(cap)]
        for t in found:
            yield self.finding(
                t.start, t.end,
                f"“{t.adverb}” on the tag “{doc.text[t.tag[0]:t.tag[1]]}”: {n} of your {tags} dialogue tags "
                f"{'carries' if n == 1 else 'carry'} "
                f"an -ly adverb ({100 * n / tags:.0f}%; published fiction: {100 * base().data['tag_adverb_share']:.0f}%). "
                "Let the line, or a gesture, show how it is said.",
            )


@register
class AdverbDensity(CraftRule):
    """Many more -ly adverbs than published fiction uses.

    ## What it does
    Counts the story's -ly adverbs per 1,000 words and compares the rate with eleven
    published novels. When the story (250 words or more) uses at least 1.6 times their
    rate, one note points at the paragraph with the most adverbs and lists them.

    ## Why it matters
    An adverb often props up a weak verb (`walked slowly` for `trudged`) or repeats what the
    sentence already says (`whispered quietly`). A page thick with them reads as told
    rather than shown.

    ## Example
    `-ly adverbs: 24.0 per 1,000 words, 1.9× published fiction (12.6); this paragraph has 5:
    slowly, carefully, quietly, softly, gently.`

    ## Fix safety
    No fix: which adverbs to keep is the writer's choice.
    """

    code = "CRF006"
    name = "adverb-density"

    def check_document(self, doc, ctx):
        wa = analyze(doc)
        ref = base().data["adverbs_per_1000"]
        rate = wa.adverbs_per_1000
        if wa.words < ADVERB_MIN_WORDS or rate < ADVERB_DENSITY_RATIO * ref:
            return
        pi, toks = wa.densest_adverb_paragraph()
        if pi < 0:
            return
        spans = [wa.span(t) for t in toks]
        words = ", ".join(doc.text[s:e] for s, e in spans)
        yield self.finding(
            spans[0][0], spans[0][1],
            f"-ly adverbs: {rate:.1f} per 1,000 words, {rate / ref:.1f}× published fiction ({ref:.1f}); "
            f"this paragraph has {len(spans)}: {words}. Stronger verbs often do the work alone.",
        )


@lru_cache(maxsize=1)
def _redundant_re() -> re.Pattern:
    """One pattern of every verb-adverb pair of ``data/craft/redundant_adverbs.txt``, either way round."""
    alts = []
    text = (resources.files("betareader") / "data" / "craft" / "redundant_adverbs.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        verbs, _, advs = line.partition("|")
        v = "|".join(verbs.split())
        a = "|".join(advs.split())
        alts.append(rf"(?:{v})[ \t]+(?:{a})|(?:{a})[ \t]+(?:{v})")
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(alts) + r")(?![\w'’-])", re.I)


@register
class RedundantAdverb(CraftRule):
    """An adverb that repeats its verb: `whispered softly`, `smiled happily`.

    ## What it does
    Finds a verb side by side with an adverb that says what the verb already says: `whispered
    softly`, `shouted loudly`, `smiled happily`, `sprinted quickly`, `tiptoed quietly`, `mused
    thoughtfully`, `glared angrily`, either way round (`softly whispered`). The pairs are a list
    (`data/craft/redundant_adverbs.txt`). Narration and dialogue tags; not the words inside
    quotation marks (people talk like that).

    ## Why it matters
    A whisper is already soft and a sprint already quick: the adverb adds a word and no
    meaning, and it weakens the verb that was doing the work. Betas mark these one by one.

    ## Example
    `“Run,” she whispered softly.` becomes `“Run,” she whispered.`

    ## Fix safety
    No fix: usually the adverb goes, but sometimes the writer meant a different verb.
    """

    code = "CRF007"
    name = "redundant-adverb"

    def check_document(self, doc, ctx):
        rx = _redundant_re()
        for p in doc.paragraphs:
            if p.kind not in self.kinds or "ly" not in p.text:
                continue
            a = p.analysis
            for m in rx.finditer(p.text):
                if a.quotations and a.in_dialogue(m.start()):
                    continue
                words = " ".join(m.group().split())
                yield self.finding(
                    p.start + m.start(), p.start + m.end(),
                    f"“{words}”: the verb already says it; cut the adverb, or choose the verb that carries it.",
                )


@register
class RepeatedBeat(CraftRule):
    """Repeated beat: the same stage business again and again (`shook her head`, `rolled his eyes`).

    ## What it does
    Counts a dozen stock gestures in the narration in every tense and for every pronoun (a head
    shaken, eyes rolled, an eyebrow raised, a lip bitten, a hand run through hair, arms crossed,
    a jaw clenched, a head tilted, eyes narrowed, lips pursed, a neck rubbed, a brow furrowed)
    and notes each one the story uses three times or more, at four times or more the rate of
    published fiction (``data/craft/beats_baseline.json``) and more often than that rate
    explains (Poisson, p < 0.001): one note per beat, at its first use, with the count.
    Single-word beats (`nodded`, `shrugged`) are overused words (CRF001).

    ## Why it matters
    Beats keep dialogue anchored, but the same one three times in a chapter stops meaning
    anything: readers see the habit instead of the character. Beta readers list these first
    when they mark "overused".

    ## Example
    `She shook her head.` three times in a scene: keep the one that matters, and give the others
    a gesture only she would make, or let the line stand on its own.

    ## Fix safety
    No fix: which beat to keep is the writer's call.
    """

    code = "CRF008"
    name = "repeated-beat"

    def check_document(self, doc, ctx):
        for b in repeated_beats(doc):
            s, e = b.places[0]
            first = " ".join(doc.text[s:e].split())
            ratio = f"{b.per_1k / b.base_per_1k:.0f}× " if b.base_per_1k else ""
            yield self.finding(
                s, e,
                f"“{first}” ({b.name}, every form counted) comes {_times(b.count)} in this story "
                f"({b.per_1k:.1f} per 1,000 words, {ratio}published fiction's rate). The same "
                "beat again and again stops meaning anything: keep the one that matters, and give the others "
                "a gesture only that character would make, or let the line stand alone.")
