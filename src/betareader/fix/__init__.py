"""Fixes: choosing and applying a finding's edits (``apply.py``: pure functions of a text), and
the ``fix`` command's work on a file (``writeback.py``: plan the fixed text and bytes, then write them
back safely)."""

from .apply import apply_edits, apply_fixes, select_edits
from .writeback import ChangedOnDisk, FixResult, plan, write

__all__ = ["ChangedOnDisk", "FixResult", "apply_edits", "apply_fixes", "plan", "select_edits", "write"]
