"""Phrase-level craft notes: clichés, filter words and telling, dialogue tags and said-bookisms.

The phrase analysis (one Aho–Corasick pass per paragraph, cached by its text) and the dialogue
tag counts live in ``betareader.craft.phrases``, what they say in ``craft/phrase_notes.py``; the
rules here turn them into notes.
"""

from __future__ import annotations

from ..craft.phrase_notes import (
    _PERCEIVED,
    MIN_BOOKISMS,
    MIN_TAGS,
    _bookism_summary,
    _hits,
    _pct,
    _repeated_verb,
    _tags_thresholds,
    _verb_counts,
)
from ..craft.phrases import baseline, sound_tag_verbs, stock_openings, tag_stats
from .base import CraftRule, register

#: a sound tag is noted on a line of at least this many words ("Ha!" she laughed is fine)
SOUND_LINE_WORDS = 4


@register
class Cliche(CraftRule):
    """Stock phrase (cliché): a phrase readers have met so often it slides past them.

    ## What it does
    Finds stock phrases of general fiction and fan fiction from a curated list of about 310
    patterns (`a shiver ran down her spine`, `let out a breath she didn't know she was
    holding`, `goosebumps formed along her arms`, `her emerald orbs`, `time stood still`,
    `a single tear`, `padded across`, `roasted to perfection`…), in every pronoun, tense and
    negation variant (`a shiver runs down my spine`, `a breath I hadn't realised I'd been
    holding`, `tension he hadn't known he was holding`). Narration only: people do talk (and think, in italics)
    in clichés. One note per occurrence; the list (`data/craft/cliches.txt`) was pruned against
    published fiction, so a phrase that is ordinary English there is not on it.

    ## Why it matters
    A stock phrase was vivid once; now readers recognise it before they finish reading it,
    and it tells them nothing about this character in this moment. Your own words, with a
    detail only this scene has, make the same beat land.

    ## Example
    `A shiver ran down her spine.` could become `The cold found the gap at her collar.`, or
    whatever she alone would notice.

    ## Fix safety
    No fix: only the writer can say it their own way.
    """

    code = "CRF010"
    name = "cliche"

    def check_document(self, doc, ctx):
        for p, h in _hits(doc, "cliche"):
            yield self.finding(
                p.start + h.start,
                p.start + h.end,
                f"“{' '.join(p.text[h.start:h.end].split())}” is a stock phrase readers have met many times;"
                " say it your own way, with a detail only this moment has.",
            )


@register
class FilterWords(CraftRule):
    """Filter words: a character's perceiving placed between the reader and the scene.

    ## What it does
    Finds narration where a character (a pronoun or a name) *sees, hears, feels, watches,
    notices* or *realizes* something and the sentence reports the perceiving: the verb
    followed by what was perceived (`She saw the door open`, `He heard footsteps
    approaching`, `She watched him leave`), by a clause (`She noticed that the lamp was out`, `He realized he was
    alone`), or `could see/hear/feel` with an object (`She could feel her heart pounding`).
    Not flagged: dialogue and italic thoughts, meetings (`she saw him yesterday`), `felt that` opinions, negations
    (`couldn't see`). At most one note per paragraph.

    ## Why it matters
    Readers are already inside the point-of-view character. Telling them the character saw
    or heard something adds a step between them and the thing itself; showing it directly is
    closer and more vivid.

    ## Example
    `She saw the door open.` becomes `The door opened.`; `He could hear rain on the roof.`
    becomes `Rain drummed on the roof.`

    ## Fix safety
    No fix: the rewrite changes the sentence.
    """

    code = "CRF011"
    name = "filter-words"

    def check_document(self, doc, ctx):
        for p, h in _hits(doc, "filter", first_only=True):
            words = " ".join(p.text[h.start:h.end].split())
            verb = words.split()[-1]
            yield self.finding(
                p.start + h.start,
                p.start + h.end,
                f"“{words}”: '{verb}' is a filter word; it puts the character between the reader and the"
                f" scene. Show {_PERCEIVED[h.key][0]} directly ({_PERCEIVED[h.key][1]}).",
            )


@register
class TellingEmotion(CraftRule):
    """Telling an emotion: a feeling named (`she felt angry`) instead of shown.

    ## What it does
    Finds narration where a character *felt*, *grew* or *became* an emotion, or *was* one at
    the end of a clause or before what it is about: `she felt angry`, `He grew nervous`,
    `Maya was so embarrassed.`, `Tam was nervous about the exam`, and for the strongest
    feelings before an infinitive (`was excited to see`; `happy to help` is not flagged).
    The emotions are a word list (`data/craft/filter_emotions.txt`: angry, sad, nervous,
    scared, jealous, embarrassed…). Also the other shapes a told feeling takes: `much to his
    relief`, `, which annoyed him`, `was in a foul temper`, `a very surprised Nell`, `made her
    anxious` and `looked overjoyed` (the last two where the clause ends after the feeling, or a
    look goes on to what it is about: `looked overjoyed for her friend`), and the stock pang or
    surge of a feeling: `felt a pang`, `felt a sudden surge of guilt` (not `a pang of hunger`).
    Not flagged: dialogue and italic thoughts, idioms (`I was afraid that`, `glad to`), an
    emotion that goes on into a phrase (`happy to help`, `looked happy to see him`). At most
    one note per paragraph.

    ## Why it matters
    A named feeling is information; a shown one is an experience. What the character does,
    says, or notices lets readers feel it with them instead of being told.

    ## Example
    `She felt nervous.` could become `She checked the lock a third time.`

    ## Fix safety
    No fix: showing a feeling is the writer's choice of detail.
    """

    code = "CRF012"
    name = "telling-emotion"

    def check_document(self, doc, ctx):
        for p, h in _hits(doc, "telling", first_only=True):
            words = " ".join(p.text[h.start:h.end].split())
            what = "a feeling without showing it" if h.key == "pang" else f"the feeling ({h.key})"
            yield self.finding(
                p.start + h.start,
                p.start + h.end,
                f"“{words}” names {what}; show it through what the character does,"
                " says or notices, and the reader will feel it too.",
            )


@register
class SaidBookism(CraftRule):
    """Said-bookisms: many dialogue tags that put a sound or a feeling into the speaker's mouth.

    ## What it does
    Counts the story's dialogue tags (`she said`, `he hissed`, `said Maya`). Said-bookisms are
    tag verbs other than *said*, *asked* and the plain ones that say what a line does or how
    loud it is (*replied, answered, added, explained, whispered, shouted, cried, muttered…*,
    the list is `data/craft/tags_neutral.txt`): *hissed, growled, chuckled, sighed, snapped,
    purred, breathed, gasped…* When they make up a larger share of the story's tags than in
    any of the published books betareader was measured on (at least 10 tags and 3
    bookisms), each one gets a note with the counts. In a story without that habit, a tag verb
    that is a sound of the voice (*chuckled, laughed, sighed, gasped, snorted, growled…*, the list
    is `data/craft/tags_sounds.txt`) on a line of four words or more gets one note per verb:
    `"You're about to miss the train," she chuckled.` (`"Ha!" he laughed.` is left alone).

    ## Why it matters
    *Said* is nearly invisible: the reader's eye takes the speaker and moves on. A tag that
    growls or purrs draws the eye to itself, and a page of them starts to sound breathless.
    Let the line carry its own tone, or show it with an action beat. And a whole sentence
    cannot be chuckled or sighed: the sound comes with the words, so it reads better as a beat.

    ## Example
    `"Get out," she hissed.` works as `"Get out," she said.`, or `"Get out." She did not look
    up from the knife.`

    ## Fix safety
    No fix: whether to keep a tag verb is the writer's call.
    """

    code = "CRF013"
    name = "said-bookism"

    def check_document(self, doc, ctx):
        books, total, share = _bookism_summary(doc)
        th = _tags_thresholds()
        if total < MIN_TAGS or len(books) < MIN_BOOKISMS or share <= th["bookism_share"]:
            yield from self._sounds(doc)
            return
        base = baseline("tags_baseline")["bookism_share"]["median"]
        top = ", ".join(v for v, _ in _verb_counts(books).most_common(3))
        for u in books:
            form = doc.text[u.start:u.end]
            yield self.finding(
                u.start,
                u.end,
                f"'{form}' as a dialogue tag: {len(books)} of your {total} tags ({_pct(share)}%) are verbs like"
                f" {top}, where published fiction has {_pct(base)}%. 'Said' is invisible and lets the line carry"
                " its own tone.",
            )

    def _sounds(self, doc):
        """A story without the bookism habit: a sound verb (chuckled, sighed, gasped) tagging a line
        of four words or more, once per verb."""
        sounds = sound_tag_verbs()
        seen = set()
        for u in tag_stats(doc).uses:
            if u.verb not in sounds or u.verb in seen or u.line_words < SOUND_LINE_WORDS:
                continue
            seen.add(u.verb)
            form = doc.text[u.start:u.end]
            yield self.finding(
                u.start,
                u.end,
                f"'{form}' tags a line of {u.line_words} words: a laugh or a sigh can come with words but cannot"
                " say them. Let 'said' carry the line and make the sound a beat of its own, or let the line stand"
                " alone.",
            )


@register
class RepeatedTagVerb(CraftRule):
    """One dialogue tag verb (other than said and asked) used far more than all the others.

    ## What it does
    Counts the story's tag verbs. When one verb other than *said* and *asked* tags a large share
    of the lines (at least 10 tags, more than the largest share any published book gives its
    favourite, and three times the next verb), it notes the verb once, at its first use, with
    the counts.

    ## Why it matters
    *Said* and *asked* are invisible, but any other verb is noticed, and the tenth `whispered`
    or `replied` starts to sound like a tic rather than a choice.

    ## Example
    `whispered` on 31 of 90 tags: let most of those lines take *said* or an action beat, and
    keep *whispered* for the lines that are really whispered.

    ## Fix safety
    No fix: which tags to change is the writer's choice.
    """

    code = "CRF014"
    name = "repeated-tag-verb"

    def check_document(self, doc, ctx):
        got = _repeated_verb(doc)
        if got is None:
            return
        verb, n, total, nxt = got
        first = next(u for u in tag_stats(doc).uses if u.verb == verb)
        form = doc.text[first.start:first.end]
        yield self.finding(
            first.start,
            first.end,
            f"'{form}' tags {n} of your {total} lines of dialogue ({_pct(n / total)}%), more than {n // max(nxt, 1)}×"
            f" any other tag verb but said and asked; readers start to hear the repetition. Let 'said' or an"
            f" action beat take most of them.",
        )


@register
class StockOpening(CraftRule):
    """Stock opening: a chapter that opens with waking up, or a self-portrait in a mirror.

    ## What it does
    Looks at the first three sentences of each chapter (or of the story, when it has no
    chapters) for a character waking up: `woke`, `awoke`, `opened her eyes`, an alarm going
    off, sunlight streaming through the window, a shout of `wake up!`. And anywhere in the
    story, in narration, for the first character who looks at themself in a mirror and, in
    that sentence or the next two, describes their own hair or eyes. One note each.

    ## Why it matters
    They are the two openings editors and beta readers name first as worn out: the day starts,
    the alarm rings, nothing has happened yet, and the reader's first page is spent on it. The
    mirror is the stock way to tell readers what the narrator looks like, and they recognise
    it at once. Starting where something changes, and letting looks come out in what others
    notice or say, does the same work.

    ## Example
    `I woke up to my alarm blaring.` could become the first moment of the day that matters:
    `The letter was on the mat when I came down.`

    ## Fix safety
    No fix: where a chapter starts is the writer's call.
    """

    code = "CRF015"
    name = "stock-opening"

    def check_document(self, doc, ctx):
        for s, e, kind in stock_openings(doc):
            if kind == "wake":
                msg = (f"This chapter opens with waking up (“{' '.join(doc.text[s:e].split())}”), the opening "
                       "editors call the most worn: consider starting where the day first changes.")
            else:
                msg = ("A character describing themself in a mirror is a stock way to show their looks; "
                       "let them come out in what others notice or say, or in an action.")
            yield self.finding(s, e, msg)
