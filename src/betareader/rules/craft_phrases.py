"""Phrase-level craft notes: clichés, filter words and telling, dialogue tags and said-bookisms."""

from __future__ import annotations
