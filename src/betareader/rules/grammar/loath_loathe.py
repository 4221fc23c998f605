"""GRM018 loath-loathe: `loathe` (to hate) for `loath` (unwilling), and the other way round.

The rule's documentation is its class docstring (``betareader explain GRM018``)."""

from __future__ import annotations

from ..base import register
from ._base import _B, _E, Pattern, _PatternRule, _rx


@register
class LoathLoathe(_PatternRule):
    """`loathe` (to hate) for `loath` (unwilling), and the other way round.

    ## What it does
    Flags `loathe to` after a form of *be* or *feel* (`I am loathe to`, `she was loathe
    to`), and `loath` as a verb with an object after a subject or `to` (`I loath him`,
    `to loath them`).

    ## Why it matters
    *Loath* (rhymes with *both*) is an adjective: unwilling. *Loathe* (rhymes with
    *clothe*) is the verb: to hate.

    ## Example
    `I am loathe to admit I loath him.` becomes `I am loath to admit I loathe him.`

    ## Fix safety
    Safe: only the final `e` is added or removed.
    """

    code = "GRM018"
    name = "loath-loathe"
    label = "loath/loathe"
    needles = ("loath",)

    patterns = (
        Pattern(_rx(_B + r"(?:am|is|are|was|were|be|been|being|['’]m|['’]re|seemed|seem|seems|felt|feel|feels|remain|"
             r"remained)(?:␣(?:not|so|very|rather|quite|a␣little|somewhat|always|still|really|more|less|"
             r"particularly|equally|also))?␣(loathe)␣to" + _E),
         1, "loath", "'Unwilling' is '{r} to' (without the e)."),
        Pattern(_rx(_B + r"(?:i|you|we|they|to)(?:␣(?:really|truly|absolutely|just|simply))?␣(loath)␣(?:him|her|them|"
             r"it|you|me|us|myself|himself|herself|the|his|my|your|their|everything|everyone|that|this)" + _E),
         1, "loathe", "The verb (to hate) is '{r}'."),
    )
