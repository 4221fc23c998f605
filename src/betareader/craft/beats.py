"""Repeated beats: the same piece of stage business (a head shaken, eyes rolled, an eyebrow
raised) told again and again, counted in every tense and for every pronoun, against published
fiction's rate (``data/craft/beats_baseline.json``, built by ``tools/build_beats_baseline.py``).

Single-word beats (``nodded``, ``shrugged``, ``sighed``) are words: the overused-word measure
(CRF001) already counts them.  Narration only: what characters say is not stage business.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from .phrases import _in_voice
from .wording import poisson_tail

if TYPE_CHECKING:
    from ..model import Document

_POSS = r"(?:his|her|their|my|your|our)"
#: each beat: its name (as a writer would say it) and the pattern of all its forms
BEATS: dict[str, str] = {
    "shakes their head": rf"(?:shook|shakes|shake|shaking)\s+{_POSS}\s+heads?",
    "rolls their eyes": rf"(?:rolled|rolls|roll|rolling)\s+{_POSS}\s+eyes",
    "raises an eyebrow": rf"(?:raised|raises|raise|raising|quirked|quirks|quirk|quirking|arched|arches|arch|arching)"
                         rf"\s+(?:an|one|a|{_POSS})\s+(?:\w+\s+)?eyebrows?",
    "bites their lip": rf"(?:bit|bites|bite|biting|chewed|chews|chew|chewing)\s+(?:on\s+)?{_POSS}\s+"
                       r"(?:bottom\s+|lower\s+)?lips?",
    "runs a hand through their hair": rf"(?:ran|runs|run|running)\s+(?:a|both|{_POSS})\s+(?:\w+\s+)?hands?\s+"
                                      rf"through\s+{_POSS}\s+(?:\w+\s+)?hair",
    "crosses their arms": rf"(?:crossed|crosses|cross|crossing|folded|folds|fold|folding)\s+{_POSS}\s+arms",
    "clenches their jaw or fists": rf"(?:clenched|clenches|clench|clenching)\s+{_POSS}\s+(?:jaw|fists?|teeth)",
    "tilts their head": rf"(?:tilted|tilts|tilt|tilting|cocked|cocks|cock|cocking)\s+{_POSS}\s+head",
    "narrows their eyes": rf"(?:narrowed|narrows|narrow|narrowing)\s+{_POSS}\s+eyes",
    "purses their lips": rf"(?:pursed|purses|purse|pursing)\s+{_POSS}\s+lips",
    "scratches the back of their neck": rf"(?:scratched|scratches|scratch|scratching|rubbed|rubs|rub|rubbing)\s+"
                                        rf"(?:the\s+back\s+of\s+{_POSS}\s+neck|{_POSS}\s+neck)",
    "furrows their brow": rf"(?:furrowed|furrows|furrow|furrowing|knitted|knits|knit|knitting)\s+{_POSS}\s+brows?",
}
_NAMES = list(BEATS)
_BEAT_RE = re.compile(r"\b(?:" + "|".join(f"(?P<b{i}>{p})" for i, p in enumerate(BEATS.values())) + r")\b",
                      re.IGNORECASE)
#: a beat is repeated when it comes back at least this many times …
MIN_COUNT = 3
#: … at least this many times published fiction's rate …
MIN_RATIO = 4.0
#: … and more often than that rate explains: P(X >= count) below this (Poisson); about a dozen
#: beats are tested on every story, so the bar is high
ALPHA = 0.001


@dataclass(frozen=True, slots=True)
class Beat:
    name: str
    count: int
    per_1k: float
    base_per_1k: float
    places: tuple[tuple[int, int], ...]  # document offsets, in story order


def beat_places(doc: "Document") -> dict[str, list[tuple[int, int]]]:
    """Every beat's places in the story's narration, by name."""
    out: dict[str, list[tuple[int, int]]] = {}
    for p in doc.story_paragraphs:
        a = p.analysis
        if a is None or p.oversize:
            continue
        for m in _BEAT_RE.finditer(p.text):
            if _in_voice(a, m.start(), m.end()):
                continue
            name = _NAMES[int(m.lastgroup[1:])]
            out.setdefault(name, []).append((p.start + m.start(), p.start + m.end()))
    return out


@lru_cache(maxsize=1)
def baseline() -> dict:
    path = resources.files("betareader") / "data" / "craft" / "beats_baseline.json"
    return json.loads(path.read_text(encoding="utf-8"))


def repeated_beats(doc: "Document") -> list[Beat]:
    """The beats this story repeats far more than published fiction does, most repeated first."""
    words = sum(p.analysis.words for p in doc.story_paragraphs if p.analysis is not None)
    if not words:
        return []
    base = baseline()
    out = []
    for name, places in beat_places(doc).items():
        n = len(places)
        if n < MIN_COUNT:
            continue
        base_per_1k = 1000 * base["counts"].get(name, 0) / base["words"]
        per_1k = 1000 * n / words
        if base_per_1k and per_1k < MIN_RATIO * base_per_1k:
            continue
        lam = base_per_1k * words / 1000
        if lam > 0 and poisson_tail(n, lam) >= ALPHA:
            continue
        out.append(Beat(name, n, round(per_1k, 2), round(base_per_1k, 3), tuple(places)))
    out.sort(key=lambda b: (-b.count / max(b.base_per_1k, 1e-3), b.places[0]))
    return out
