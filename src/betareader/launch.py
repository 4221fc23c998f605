"""The command's entry point: ``check`` and ``fix`` are one-shot runs, told so before the CLI loads.

A one-shot run whose rules need tags that neither the disk store nor the cache has gets them from
a helper process (``tagger.hint_helper``): spaCy, about a second to import and load, then loads on
the second core while this process runs every rule that needs no tags.  The engine starts the
helper only once the windows are known and some are missing, so a re-check after an edit, whose
windows are on disk, never loads spaCy at all.  A long-lived process (``serve``, ``lsp``) keeps
spaCy in itself instead, and long texts there use the helper by the engine's own rule.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    _one_shot(args)
    from .cli import main as cli_main

    cli_main(argv)


def _one_shot(args: list[str]) -> None:
    if args and args[0] in ("check", "fix"):
        from .analysis import tagger

        tagger.hint_helper()
