"""The command's entry point: ``check`` and ``fix`` are one-shot runs, told so before the CLI loads.

A one-shot run whose rules need tags that neither the disk store nor the cache has gets them from
a helper process (``tagger.hint_helper``): spaCy, about a second and a half to import and load,
loads on the second core while this process runs every rule that needs no tags.  For ``check``
of a file of a chapter's length or more (``tagger.WORKER_HINT_MIN_WORDS``), on two cores or more,
the helper starts here, before the CLI's own imports (about half a second), so that the two
overlap; the engine stops it unused as soon as it knows that every window's tags are already on
disk (a re-check after an edit).  A longer text's helper waits for that knowledge: its other rules
take seconds anyway.  A long-lived process (``serve``, ``lsp``) keeps spaCy in itself
instead, and long texts there use the helper by the engine's own rule.
"""

from __future__ import annotations

import os
import stat
import sys

#: bytes per word, roughly, to turn a file size into a word count for the hint
_BYTES_PER_WORD = 6


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    _one_shot(args)
    from .cli import main as cli_main

    cli_main(argv)


def _one_shot(args: list[str]) -> None:
    if not args or args[0] not in ("check", "fix"):
        return
    from .analysis import tagger

    tagger.hint_helper()
    if args[0] != "check" or any(a.split("=", 1)[0] in ("--select", "--ignore", "--config") for a in args):
        return  # a choice of rules may leave none that reads tags: the engine decides later
    size = 0
    for a in args[1:]:
        if a.startswith("-"):
            continue
        try:
            st = os.stat(a)
        except (OSError, ValueError):
            continue
        if stat.S_ISREG(st.st_mode):
            size = max(size, st.st_size)
    words = size // _BYTES_PER_WORD
    if words < tagger.WORKER_MIN_WORDS and tagger.worker_wanted(words, tagger.WORKER_HINT_MIN_WORDS):
        tagger.start_worker()  # a chapter: little to do meanwhile, so spaCy must start at once
