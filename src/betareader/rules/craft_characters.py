"""Character craft notes: epithets, unclear pronouns, head-hopping, point-of-view labels (the
character analysis is ``craft/characters.py``)."""

from __future__ import annotations

from collections import Counter

from ..craft import characters
from ..craft.characters import (
    _cap,
    ambiguous_sentences,
    epithet_groups,
    head_hops,
)
from ..model import POV
from .base import CraftRule, register


@register
class Epithets(CraftRule):
    """A character is called by a descriptor ("the blonde", "the taller man") instead of a name.

    ## What it does
    Finds descriptors that stand in for a named character: ``the`` + a describing adjective + a
    noun for a person (``the taller man``, ``the raven-haired girl``, ``the younger boy``), a hair
    colour on its own (``the blonde``, ``the redhead``), or a comparative before an action
    (``the older smirked``), and role nouns (``the general``, ``the wizard``) when they sit next to
    a character's name.  A physical descriptor is reported when the story uses it three times or
    more, or twice right after a name; a role noun when it follows a name three times or more.
    One note per descriptor, at its first use, with the count and, when the scene's point of view
    can be guessed, how many uses are in that character's own point of view.

    ## Why it matters
    Readers have to stop and work out who "the blonde" is, and a character does not think of
    themself as "the shorter boy": in their own point of view the epithet breaks the spell.
    Published fiction uses the name or a pronoun; "the doctor" or "the old man" for someone the
    narrator does not know by name is fine, which is why those need to alternate with a name.

    ## Example
    ``Harry pushed the door open. The raven-haired boy looked around.`` → ``Harry looked around.``

    ## Fix safety
    No automatic fix: use the name or a pronoun, or keep the descriptor where the point-of-view
    character really does not know the name.
    """

    code = "CRF020"
    name = "epithets"

    def check_document(self, doc, ctx):
        ana = characters.analyze(doc)
        groups = epithet_groups(doc)
        for g in groups[: _cap(ana.words, 3.0)]:
            first = g["uses"][0]
            n = g["count"]
            if n == 1 and g["who"] is not None:
                msg = f"“{g['key']}” stands in for a name right after {ana.name_of(g['who'])} is named"
            else:
                msg = f"“{g['key']}” stands in for a name {n} time{'s' if n != 1 else ''} in this story"
                if g["who"] is not None:
                    msg += f", {g['near']} of them right after {ana.name_of(g['who'])} is named"
            msg += "; readers have to work out who it means: the name or a pronoun is clearer."
            if g["in_pov"]:
                which = "It is" if n == 1 else f"{g['in_pov']} of these {'are' if g['in_pov'] != 1 else 'is'}"
                msg += (
                    f" {which} in a scene told from"
                    f" {ana.name_of(g['who'])}'s point of view, where the character would not think of"
                    " themself that way."
                )
            yield self.finding(first.start, first.end, msg)


@register
class UnclearPronouns(CraftRule):
    """A he/she/him/her could mean two characters named just before.

    ## What it does
    Follows the characters named in the narration (with the pronoun the story uses for each) and
    marks each he, she, him, her, his or hers outside dialogue when two or more characters with
    that pronoun were named in the same or the previous sentence and no name in the pronoun's own
    clause settles it.  The rate (unclear pronouns per 1,000) is in the stats; the notes point at
    the few sentences with the most unclear pronouns (at most about one per 5,000 words).

    ## Why it matters
    With two women or two men in a scene, a run of "she" and "her" makes readers stop and work out
    who does what: the classic confusion of fight and love scenes between two men or two women.

    ## Example
    ``Harry grabbed Ron's arm. He pulled him back and his wand fell.`` → ``Harry pulled Ron back
    and Ron's wand fell.``

    ## Fix safety
    No automatic fix: use a name, recast the sentence, or give one character an action of their own.
    """

    code = "CRF021"
    name = "unclear-pronouns"

    def check_document(self, doc, ctx):
        ana = characters.analyze(doc)
        worst = [(span, ams) for span, ams in ambiguous_sentences(doc) if len(ams) >= 2]
        cap = min(5, 1 + ana.words // 5000)
        for span, ams in sorted(worst[:cap], key=lambda kv: kv[0][0]):
            forms = Counter(a.pronoun for a in ams)
            which = ", ".join(f"“{p}”" + (f" ({n}×)" if n > 1 else "") for p, n in forms.items())
            cands = sorted({c for a in ams for c in a.candidates})
            names = ", ".join(cands[:-1]) + " and " + cands[-1]
            both = "both" if len(cands) == 2 else "all"
            yield self.finding(
                span[0], span[1],
                f"In this sentence {which} could mean {names}, who were {both} just named. "
                f"{len(ana.ambiguous)} pronouns in the story are unclear like this; a name here would help.",
            )


@register
class HeadHopping(CraftRule):
    """One scene tells the thoughts and feelings of two characters (head-hopping).

    ## What it does
    Within a scene (between scene breaks and chapter headings), counts interior verbs (thought,
    felt, wondered, knew, realised, wanted, hoped, feared…) in the narration whose subject is a
    named character, or a he/she that can only mean one of them.  When two characters each have
    two or more, it notes the first place the second character's thoughts appear, naming both and
    the counts.  Scenes told in the first person are skipped: the "I" is the point of view.

    ## Why it matters
    Most fiction stays in one character's head per scene; switching mid-scene makes readers lose
    track of whose feelings they are reading and weakens both.  An omniscient narrator can do it
    on purpose (Austen does); if that is your choice, ignore this note.

    ## Example
    ``Anna wondered if he was lying. … Ben knew she didn't believe him.`` → put Ben's thoughts in
    a scene of his own, or show them through what Anna sees.

    ## Fix safety
    No automatic fix: choose one point-of-view character for the scene, or add a scene break.
    """

    code = "CRF022"
    name = "head-hopping"

    def check_document(self, doc, ctx):
        ana = characters.analyze(doc)
        hops = head_hops(doc)
        for h in hops[: _cap(ana.words, 4.0)]:
            sc = h["scene"]
            a, b = h["first"], h["second"]
            s, e = h["at"]
            yield self.finding(
                s, e,
                f"This scene is in {ana.name_of(a)}'s head ({sc.interior[a]} thoughts or feelings), and here it "
                f"moves into {ana.name_of(b)}'s ({sc.interior[b]}). Readers settle best into one point of view "
                "per scene: consider a scene break, or showing this through what the first character sees.",
            )


@register
class PovLabel(CraftRule):
    """Point-of-view labels: `Annabeth's POV`, `POV: Sam` as a line of their own.

    ## What it does
    Counts the lines that only say whose point of view follows (`Annabeth's POV:`, `[Tom's
    POV]`, `POV: Sam`, `~Percy POV~`) and notes the first, once per story, with the count.

    ## Why it matters
    A label tells readers whose head they are in before the story has a chance to; it is a
    fan-fiction habit published fiction does not use, and it pulls readers out just as a scene
    begins. A scene break, then a first line that puts the narrator's name, voice or body on
    the page, does the same work inside the story.

    ## Example
    `Annabeth's POV:` / `I was late again.` could become `I was late again, and Annabeth Chase
    is never late.`

    ## Fix safety
    No fix: many fan-fiction readers are used to labels; whether to keep them is the writer's
    call.
    """

    code = "CRF025"
    name = "pov-label"

    def check_document(self, doc, ctx):
        labels = [p for p in doc.paragraphs if p.kind == POV]
        if not labels:
            return
        first, n = labels[0], len(labels)
        yield self.finding(
            first.start, first.end,
            f"A point-of-view label ({n} in this story{'' if n == 1 else ', this is the first'}): the first line of "
            "the scene can show whose head we are in (their name, voice or body), with a scene break "
            "before it, and keeps readers inside the story.")
