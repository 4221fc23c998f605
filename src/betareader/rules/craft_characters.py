"""Character craft notes: epithets, unclear pronouns, head-hopping; character detection."""

from __future__ import annotations
