"""The command's entry point: a long text's tagger helper process starts first, then the CLI.

Importing the command line imports every rule (about 0.3 s of regular expressions); spaCy in the
helper process takes about a second to import and load.  Starting the helper before those
imports, when ``betareader check`` is given a long file, lets the two overlap.  It is only a
hint: the engine decides later whether tags are needed (``--select``/``--ignore`` skip the hint,
since they may leave no rule that reads tags), and an unused helper is stopped at exit.
"""

from __future__ import annotations

import os
import stat
import sys

#: bytes per word, roughly, to turn a file size into a word count for the hint
_BYTES_PER_WORD = 6


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else list(argv)
    _early_tagger(args)
    from .cli import main as cli_main

    cli_main(argv)


def _early_tagger(args: list[str]) -> None:
    if not args or args[0] != "check":
        return
    if any(a.split("=", 1)[0] in ("--select", "--ignore", "--config") for a in args):
        return
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
    if not size:
        return
    from .analysis import tagger

    if tagger.worker_wanted(size // _BYTES_PER_WORD):
        tagger.start_worker()
