"""Word-level craft notes: overused words and phrases, echoes, repeated sentence openers, adverbs."""

from __future__ import annotations
