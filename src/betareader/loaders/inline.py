"""Turn a paragraph's runs of text (each italic or not) into the paragraph's text.

Shared by the HTML, EPUB, Word and ODT loaders. Whitespace is collapsed the way a
browser or a word processor shows it (runs of spaces, tabs and newlines become one
space; line breaks are kept as ``\\n``), and italic runs are written as Markdown
emphasis, ``*like this*``, the convention plain-text stories use, which the document
model already reads as emphasis (thoughts, italicised words).

An italic run glued to letters on either side (``un<i>believ</i>able``) is left
unmarked: a ``*`` inside a word would split it for the speller.
"""

from __future__ import annotations

import re

#: A line break inside a paragraph (``<br>``, a Word soft return, ``text:line-break``).
BREAK = "\n"

_SPACES_RE = re.compile(r"[ \t\r\n\f\v]+")
_WORDISH = re.compile(r"\w")


def render(pieces: list[tuple[str, bool]], collapse: bool = True) -> str:
    """The text of ``pieces`` [(text, italic)], a piece ``(BREAK, False)`` being a line break.

    With ``collapse`` (HTML), runs of whitespace become one space; without it (Word, ODT,
    ``<pre>``), spaces are kept as written. Either way lines are trimmed at both ends and
    empty lines dropped. Text pieces hold no ``\n``: line breaks are BREAK pieces.
    """
    if not any(it for _, it in pieces):
        return _tidy("".join(t for t, _ in pieces), collapse)
    # per-character italic flags, then whitespace trimmed with the flags kept in step
    chars: list[str] = []
    flags: list[bool] = []
    for t, it in pieces:
        if t == BREAK:
            chars.append("\n")
            flags.append(False)
            continue
        if collapse:
            t = _SPACES_RE.sub(" ", t)
        chars.extend(t)
        flags.extend([it] * len(t))
    out_c: list[str] = []
    out_f: list[bool] = []
    for c, f in zip(chars, flags):
        if c in " \t" and (not out_c or out_c[-1] == "\n" or (collapse and out_c[-1] == " ")):
            continue
        if c == "\n":
            while out_c and out_c[-1] in " \t":
                out_c.pop()
                out_f.pop()
            if not out_c or out_c[-1] == "\n":
                continue
        out_c.append(c)
        out_f.append(f)
    while out_c and out_c[-1] in " \t\n":
        out_c.pop()
        out_f.pop()
    text = "".join(out_c)
    if not any(out_f):
        return text
    # italic runs -> *run*, whitespace at a run's edges kept outside the marks
    res: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        if not out_f[i]:
            j = i
            while j < n and not out_f[j]:
                j += 1
            res.append(text[i:j])
            i = j
            continue
        j = i
        while j < n and out_f[j]:
            j += 1
        run = text[i:j]
        core = run.strip()
        if not core:
            res.append(run)
        else:
            lead = run[: len(run) - len(run.lstrip())]
            trail = run[len(run.rstrip()):]
            before = text[i - 1] if i > 0 and not lead else ""
            after = text[j] if j < n and not trail else ""
            glued = (before and _WORDISH.match(before)) or (after and _WORDISH.match(after))
            if glued or "*" in core:
                res.append(run)
            else:
                res.append(f"{lead}*{core}*{trail}")
        i = j
    return "".join(res)


def _tidy(text: str, collapse: bool) -> str:
    lines = text.split("\n")
    if collapse:
        lines = [_SPACES_RE.sub(" ", ln).strip() for ln in lines]
    else:
        lines = [ln.strip(" \t") for ln in lines]
    return "\n".join(ln for ln in lines if ln.strip())
