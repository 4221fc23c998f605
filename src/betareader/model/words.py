"""Word helpers every layer may use: the word before or after a place, whether a sentence or a clause starts there, a replacement in the case of the word it replaces, and the spans of a paragraph (URLs, e-mail addresses, handles, code, tags) that no rule should touch."""

from __future__ import annotations

import re
from functools import lru_cache

from . import memo
from .paragraph import ABBREVIATIONS

_TLDS = "com|org|net|edu|gov|io|co|uk|me|tv|ly|gg|info"
_PROTECTED_RE = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>\"”]+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?<![\w])[@#][\w-]+"  # handles and hashtags
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:" + _TLDS + r")\b[^\s\"”]*"  # bare domains
    r"|`[^`\n]+`"  # inline code
    r"|<[^<>\n]+>",  # HTML tags
    re.I,
)
_PREV_WORD_RE = re.compile(r"([^\W\d_]+(?:['’][^\W\d_]+)*)[ \t]*(?:\r?\n)?[ \t]*\Z")
_NEXT_WORD_RE = re.compile(r"[ \t]*(?:\r?\n)?[ \t]*[*_]*([^\W\d_]+(?:['’][^\W\d_]+)*)")

#: something every kind of protected span contains (a quick test: scanning for bare domains is slow)
_PROTECTED_HINT_RE = re.compile(r"[@#`<]|://|www\.|\.(?:" + _TLDS + r")\b", re.I)


@lru_cache(maxsize=32768)
def protected_spans(text: str) -> tuple[tuple[int, int], ...]:
    if not any(c in text for c in ".@#`<") or not _PROTECTED_HINT_RE.search(text):
        return ()
    return tuple(m.span() for m in _PROTECTED_RE.finditer(text))


memo.per_text(protected_spans.cache_clear)


def overlaps(spans, s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


def prev_word(text: str, pos: int) -> str:
    """The word just before ``pos`` (only spaces between), or ''."""
    m = _PREV_WORD_RE.search(text, max(0, pos - 40), pos)
    return m.group(1) if m else ""


def next_word(text: str, pos: int) -> str:
    """The word just after ``pos`` (only spaces and emphasis marks between), or ''."""
    m = _NEXT_WORD_RE.match(text, pos)
    return m.group(1) if m else ""


def next_char(text: str, pos: int) -> str:
    """The first character after ``pos`` that is not a space, or '' at the end."""
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return text[pos] if pos < len(text) else ""


_OPENERS = "\"“‘'(«*_[ \t\r\n"


def at_sentence_start(text: str, pos: int) -> bool:
    """Does a sentence start at ``pos`` (paragraph start, after . ! ? … or an opening quote)?"""
    i = pos - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    if i < 0:
        return True
    if text[i] in "”’\"" and i > 0 and text[i - 1] in ".!?…" and i < pos - 1:
        return True  # after a closed quotation: "“No.” “Your not going…”"
    if text[i] in "!?…":
        return True
    if text[i] == ".":
        m = re.search(r"([\w.]+)\.\Z", text[max(0, i - 12) : i + 1])
        if m:
            w = m.group(1).lower()
            if w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                return False
        return True
    if text[i] in ":—–" and pos - i <= 3:
        return text[i] != ":" or text[pos:pos + 1].isupper()
    return False


def clause_start(text: str, pos: int) -> bool:
    """Sentence start, or after a comma, semicolon or dash."""
    if at_sentence_start(text, pos):
        return True
    i = pos - 1
    while i >= 0 and text[i] in " \t\r\n*_\"“‘'":
        i -= 1
    return i >= 0 and text[i] in ",;—–"


def cased(src: str, repl: str) -> str:
    """``repl`` in the case of ``src`` (lower, Capitalised or UPPER)."""
    if len(src) > 1 and src.isupper():
        return repl.upper()
    if src[:1].isupper():
        return repl[:1].upper() + repl[1:]
    return repl


@lru_cache(maxsize=None)
def _word_re(word: str, endings: str) -> re.Pattern:
    # the literal first, so the search skips ahead fast; the word's start is checked by the caller
    tail = r"(" + endings + r")?" if endings else r"()"
    return re.compile(re.escape(word) + tail + r"(?![\w'’-])")


def find_word(text: str, word: str, endings: str = ""):
    """Each match of ``word`` (with one of the ``|``-separated ``endings`` as group 1, if given) that
    stands as a whole word after a space, a line break or an emphasis mark: a search for a rare
    word in a long paragraph that costs what a substring search does."""
    for m in _word_re(word, endings).finditer(text):
        i = m.start()
        if i and text[i - 1] in " \t\r\n*_":
            yield m
