"""Constructive criticism: story-wide measurements and the beta letter.

Craft detectors are ``CRF`` rules (``rules/craft_*.py``): they report ``craft`` findings at example
places, from the measurements here.  Besides findings, each measurement group has a *stats
provider*: a function ``provide(doc, findings) -> Provided`` that measures the story (story
paragraphs only: authors' notes and summaries get no craft notes) and offers candidate lines for
the beta letter; ``providers.py`` lists them.  The letter (``letter.py``) ranks the candidates: 2–4
strengths, the top 3 priorities, and the stats.  Nothing here imports the rules: the dependencies
run rules -> craft -> analysis -> model.

Every letter line is a template filled from measurements; ``claim`` carries the numbers a line
cites so tests can check them against the counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from ..model import Document
    from ..rules.base import Finding

STRENGTH = "strength"
PRIORITY = "priority"


@dataclass(frozen=True, slots=True)
class Note:
    """A candidate line of the beta letter.

    ``score`` ranks candidates of the same kind (strengths: how clearly the measurement beats the
    published-fiction baseline; priorities: impact, roughly notes per 10,000 words weighted by how
    much fixing them helps).  ``count`` and ``example`` (a quotation from the text, with its
    ``start``/``end`` offsets) are required for priorities.  ``claim`` holds the figures the text
    cites, keyed by name.
    """

    kind: str
    text: str
    score: float
    code: str | None = None
    count: int | None = None
    example: str | None = None
    start: int | None = None
    end: int | None = None
    claim: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        out = {"text": self.text, "code": self.code, "count": self.count}
        if self.example is not None:
            out["example"] = {"text": self.example, "start": self.start, "end": self.end}
        if self.claim:
            out["claim"] = dict(self.claim)
        return out


@dataclass(slots=True)
class Provided:
    stats: dict = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)


Provider = Callable[["Document", "list[Finding]"], Provided]
