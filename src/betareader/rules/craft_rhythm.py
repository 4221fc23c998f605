"""Rhythm and pacing craft notes: long sentences, same-length runs, walls of text; pacing and readability stats."""

from __future__ import annotations
