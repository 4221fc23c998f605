"""GRM016 peek-peak-pique: `peak` or `peek` for `pique`, and `peak` for `peek`.

The rule's documentation is its class docstring (``betareader explain GRM016``)."""

from __future__ import annotations

from ...model.words import cased
from ..base import register
from ._base import _B, _E, Pattern, _PatternRule, _rx


@register
class PeekPeakPique(_PatternRule):
    """`peak` or `peek` for `pique`, and `peak` for `peek`.

    ## What it does
    Flags `sneak peak` (→ `sneak peek`), `take/took a peak` (→ `peek`), `peaked` or
    `peeked` with *interest* or *curiosity* (→ `piqued`), and `peaked`/`peaking`
    followed by *through*, *around*, *into*… (→ `peeked`).

    Not flagged: the mountain and the maximum (`the peak of`, `sales peaked at`).

    ## Why it matters
    A *peek* is a quick look, a *peak* is a summit, and to *pique* is to arouse
    (interest, curiosity). The three sound alike, so they get swapped.

    ## Example
    `She took a peak. It peaked her interest.` becomes
    `She took a peek. It piqued her interest.`

    ## Fix safety
    Safe: only the word changes.
    """

    code = "GRM016"
    name = "peek-peak-pique"
    label = "peek/peak/pique"
    needles = ("peak", "peek")

    patterns = (
        Pattern(_rx(_B + r"sneak[ \t-](peaks?)" + _E), 1, lambda m: cased(m.group(1), "peek" + m.group(1)[4:]),
         "A quick look is a '{r}'."),
        Pattern(_rx(_B + r"(?:take|takes|took|taken|taking|have|had|having|steal|stole|stolen|stealing|grab|grabbed|"
             r"sneak|sneaked|snuck)␣(?:a|another)(?:␣(?:quick|little|brief|small|furtive|curious|closer|last|"
             r"final|sneaky|tiny))?␣(peak)" + _E),
         1, "peek", "A quick look is a '{r}'."),
        Pattern(_rx(_B + r"(peak|peaks|peaked|peaking|peek|peeks|peeked|peeking)␣(?:my|his|her|their|your|our|its|the)?␣?"
             r"(?:interest|curiosity)" + _E),
         1, lambda m: cased(m.group(1), {"peak": "pique", "peek": "pique", "peaks": "piques", "peeks": "piques",
                                          "peaked": "piqued", "peeked": "piqued", "peaking": "piquing",
                                          "peeking": "piquing"}[m.group(1).lower()]),
         "To arouse interest is to '{r}' it."),
        Pattern(_rx(_B + r"(peaked|peaking)␣(?:through|around|round|into|inside|under|between|behind|out␣from|"
             r"out␣of|over␣at|up␣at|in␣at|in␣through|at␣(?:him|her|them|me|us))" + _E),
         1, lambda m: cased(m.group(1), "peek" + m.group(1)[4:]), "A quick look is to '{r}'."),
    )
