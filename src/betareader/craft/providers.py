"""The stats providers, in the order their letter lines are gathered (a tie in score keeps it):
each one's key in ``summary["stats"]`` and the function that measures it."""

from __future__ import annotations

from . import Provider
from .characters import characters_stats, pov_stats, pronoun_stats
from .phrase_notes import dialogue_tags, phrase_stats
from .rhythm_notes import pacing_stats, readability_stats, rhythm_stats
from .words import words_stats

PROVIDERS: dict[str, Provider] = {
    "characters": characters_stats,
    "pronouns": pronoun_stats,
    "pov": pov_stats,
    "dialogue_tags": dialogue_tags,
    "phrases": phrase_stats,
    "rhythm": rhythm_stats,
    "pacing": pacing_stats,
    "readability": readability_stats,
    "words": words_stats,
}
