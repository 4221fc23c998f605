"""GRM013 lay-lie: `laying` for `lying` and `laid` for `lay` (reclining), in narration.

The rule's documentation is its class docstring (``betareader explain GRM013``)."""

from __future__ import annotations

import re

from ...model.words import next_word, prev_word
from ..base import register
from ._base import _B, _E, Pattern, _PatternRule, _rx

#: Words before a subject that leave the verb's object elsewhere: "the book which he laid on the table".
_OBJECT_GAP = frozenset("which that what whatever whom who these those them it this where".split())
_LIE_PLACE = (
    r"(?:in␣bed|on␣(?:the␣)?(?:floor|ground|grass|couch|sofa|bed|beach|sand)|"
    r"(?:in|on)␣(?:the|his|her|my|their|your|our)␣(?:bed|beds|floor|ground|couch|sofa|grass|back|side|stomach|belly|"
    r"front|cot|bunk|hammock|futon|mattress))"
)


@register
class LayLie(_PatternRule):
    """`laying` for `lying` and `laid` for `lay` (reclining), in narration.

    ## What it does
    Flags `laying` where nothing is being laid: `laying in bed`, `laying on the floor`,
    `laying on his back`, `laying there`, `laying awake`, `laying down on the couch`; and
    `laid` after a pronoun where the person reclined (`she laid down on the bed`, `he laid
    back against the pillows`, `they laid on the grass`).

    Not flagged: dialogue (speech uses *lay* for *lie* widely), `laying down the law`,
    `was laid on the bed` (passive), and any *lay* with an object.

    ## Why it matters
    You *lie* down (lay, lain, lying) and you *lay* something down (laid, laying). Readers
    who know the difference trip on the swap in narration.

    ## Example
    `She was laying in bed. He laid down beside her.` becomes
    `She was lying in bed. He lay down beside her.`

    ## Fix safety
    Safe: only the verb changes.
    """

    code = "GRM013"
    name = "lay-lie"
    label = "lay/lie"
    narration_only = True
    needles = ("laying", "laid", "lain")

    patterns = (
        Pattern(_rx(_B + r"(laying)(?:␣(?:down|back|flat|still|motionless|face␣down|face␣up|curled␣up))?␣" + _LIE_PLACE + _E),
         1, "lying", "'{w}' needs an object (laying bricks); reclining is '{r}'."),
        Pattern(_rx(_B + r"(laying)␣(?:there|awake|motionless|unconscious|face␣down|face␣up|sprawled|curled)" + _E),
         1, "lying", "'{w}' needs an object (laying bricks); reclining is '{r}'.",
         check=lambda t, m: not (m.group(0).lower().endswith("there") and next_word(t, m.end()).lower() in ("eggs", "the", "a"))),
        Pattern(_rx(_B + r"(laid)␣ahead" + _E), 1, "lay", "Something ahead '{r}' ahead (the past of 'lie')."),
        Pattern(_rx(_B + r"(laying)␣low" + _E), 1, "lying", "'{r} low' (from 'lie low')."),
        Pattern(_rx(_B + r"(?:was|were|been|be|being|is|are)␣(lain)" + _E), 1, "laid",
         "'{w}' is the participle of 'lie' (recline); put in place is '{r}'."),
        Pattern(_rx(_B + r"(laying)␣down(?=[ \t]*(?:[.!?,;…]|on\b|in\b|beside\b|next\b|with\b|for\b|again\b|and\b))"),
         1, "lying", "'{w} down' needs an object (laying down the law); reclining is '{r}'."),
        Pattern(_rx(_B + r"(?:i|he|she|we|they|you)(?:␣(?:then|just|finally|simply|quietly|slowly|gently))?␣(laid)"
             r"(?:␣(?:down|back))?␣(?:on|in|beside|next␣to|against|across|there)" + _E),
         1, "lay", "'{w}' needs an object (he laid the book down); reclining is '{r}'.",
         check=lambda t, m: prev_word(t, m.start()).lower() not in _OBJECT_GAP and not re.search(r"(?i)laid␣(?:down|back)?␣?in␣(?:wait|store|ruins)".replace("␣", r"\s*"), m.group(0) + t[m.end():m.end() + 8])),
        Pattern(_rx(_B + r"(?:i|he|she|we|they|you)(?:␣(?:then|just|finally|simply|quietly|slowly|gently))?␣(laid)␣(?:down|back)"
             r"(?=[ \t]*[.!?,;…])"),
         1, "lay", "'{w}' needs an object (he laid the book down); reclining is '{r}'.",
         check=lambda t, m: prev_word(t, m.start()).lower() not in _OBJECT_GAP),
    )
