"""GRM017 rein-reign: `reign` (to rule) for `rein` (to hold back, the straps).

The rule's documentation is its class docstring (``betareader explain GRM017``)."""

from __future__ import annotations

import re

from ...model.words import cased
from ..base import register
from ._base import _B, _E, _S, Pattern, _PatternRule, _rx
from ._words import _POSS


@register
class ReinReign(_PatternRule):
    """`reign` (to rule) for `rein` (to hold back, the straps).

    ## What it does
    Flags `free reign`, `reign in` + an object (`reign in his temper`, `reign it in`,
    `reigned herself in`), `reigns` held, taken or dropped (`took the reigns`, `held the
    reigns`, `handed over the reigns`, `dropped the reigns`, `the reigns of power`), and
    `a loose/tight reign`, `a tightly drawn reign`, `threw/slapped the reigns`, and `gave
    the reign to` / `too much reign to` + a noun phrase.

    Not flagged: a monarch's reign (`his reign in Egypt`, `the reigns of kings`) and a
    capitalised name (`Free Reign Entertainment`).

    ## Why it matters
    *Reins* are the straps that steer a horse, so you *rein in* and get *free rein*;
    *reign* is a monarch's rule. The idioms come from riding.

    ## Example
    `She gave him free reign, then reigned him in.` becomes
    `She gave him free rein, then reined him in.`

    ## Fix safety
    Safe: only the word changes.
    """

    code = "GRM017"
    name = "rein-reign"
    label = "rein/reign"
    needles = ("reign",)

    patterns = (
        Pattern(re.compile(_B + r"(?:free|Free)" + _S + r"(reign)" + _E), 1, "rein", "The idiom is 'free {r}' (the straps)."),
        Pattern(_rx(_B + r"(reign|reigns|reigned|reigning)␣(?:it|him|her|them|me|us|you|myself|himself|herself|"
             r"themselves|yourself|ourselves|itself|everything|things)␣(?:in|back)" + _E),
         1, lambda m: cased(m.group(1), "rein" + m.group(1)[5:]), "To hold back is to '{r}' in."),
        Pattern(_rx(_B + r"(reign|reigns|reigned|reigning)␣in␣(?:" + _POSS + r"␣|the␣|their␣|some␣|those␣)?"
             r"(?:temper|emotions|feelings|anger|impulses|frustration|excitement|spending|tears|urge|urges|fear|"
             r"panic|magic|power|thoughts|rage|jealousy|enthusiasm|laughter|smile|grin|tongue|horse|horses)" + _E),
         1, lambda m: cased(m.group(1), "rein" + m.group(1)[5:]), "To hold back is to '{r}' in."),
        Pattern(_rx(_B + r"(?:take|takes|took|taken|taking|hold|holds|held|holding|hand|handed|handing|grab|grabbed|"
             r"seize|seized|pass|passed|pull|pulled|tug|tugged|gather|gathered|grip|gripped|gripping|drop|dropped|"
             r"dropping|give|gave|giving|given|shook|shake|slacken|slackened|loosen|loosened|tighten|tightened|"
             r"jerk|jerked|yank|yanked|flick|flicked|snap|snapped|relinquish|relinquished|threw|throw|throws|"
             r"throwing|thrown|flung|fling|slapped|slap|slapping|tossed|toss|over)(?:␣over)?␣(?:the|his|her|their|my|your|our)(?:␣[a-z]+(?:al|ial|ive|ary))?␣(reigns)"
             r"(?!␣of␣(?:these|those|kings|queens|emperors|monarchs|rulers|popes|pharaohs))"),
         1, "reins", "The straps that steer are '{r}'."),
        Pattern(_rx(_B + r"(?:loose|tight|tighter|slack|looser)␣(reigns?)" + _E), 1, lambda m: cased(m.group(1), "rein" + m.group(1)[5:]),
         "The straps that steer are '{r}'."),
        Pattern(_rx(_B + r"(reigns)␣of␣(?:power|leadership|government|the␣company|the␣kingdom|command)" + _E),
         1, "reins", "'The {r} of power' (the straps that steer)."),
        Pattern(_rx(_B + r"(?:give|gives|gave|given|giving|too␣much|full|more)␣(?:the␣)?(reign)␣to␣(?:" + _POSS +
             r"|the|a|an)" + _E),
         1, "rein", "To give free play is to give '{r}' (the straps)."),
        Pattern(_rx(_B + r"(?:drawn|tight|tightly␣drawn|slack|slackened)␣(reigns?)" + _E),
         1, lambda m: cased(m.group(1), "rein" + m.group(1)[5:]), "The straps that steer are '{r}'."),
    )
