"""The engine: builds one Document per text and runs the selected rules over it.

Paragraph rules are cached per (paragraph text, the rules' cache keys), so re-checking a story
after an edit re-runs only the paragraphs that changed.  What a paragraph's rules learn about the
rest of the story goes through the Context one word at a time (``ctx.is_name(word)``,
``ctx.uses_lowercase(word)``); each cache entry keeps those questions and their answers, and is
reused for a later document only when every answer is still the same there (dependency-tracked
memoisation), so a new word elsewhere re-runs only the paragraphs that asked about it.  The
story-wide pass (craft statistics, the speller's second stage, the summary) reuses per-paragraph
work the same way, through bounded per-paragraph memos (:mod:`betareader.model.memo`).
"""

from __future__ import annotations

import itertools
import os
import pickle
import sys
import threading
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from time import monotonic

from .config import Config
from .errors import BetareaderError
from .model import Document, build_document
from .model.memo import LRU
from .rules import REGISTRY
from .rules.base import Context, Finding, Rule, fact


class CheckTimeout(BetareaderError):
    """A check ran past its deadline (the server's time budget) and was stopped."""


def _deadline_tick(deadline: float | None):
    """A function that raises :class:`CheckTimeout` once ``deadline`` (``time.monotonic()``) has
    passed; None when there is no deadline."""
    if deadline is None:
        return None

    def tick() -> None:
        if monotonic() > deadline:
            raise CheckTimeout("the check took too long and was stopped")

    return tick


@dataclass
class Result:
    doc: Document
    findings: list[Finding]
    summary: dict = field(default_factory=dict)


class Engine:
    def __init__(self, config: Config | None = None, cache_size: int = 200_000) -> None:
        self.config = config or Config()
        self.rules: list[Rule] = [cls() for cls in REGISTRY.select(self.config.select, self.config.ignore)]
        self._cache = LRU(cache_size)  # thread-safe: the server checks several reviews at once
        self._keys: dict[tuple, int] = {}
        #: a one-shot command (``betareader check``) may fork a long text's paragraph rules into a
        #: second process (:class:`_Split`); a server never does
        self.parallel = False

    def summarize(self, doc: Document, findings: list[Finding]) -> dict:
        """The summary (beta letter, stats, counts) of ``doc`` for these findings: the editor asks
        again without the findings the writer ignored, so the letter no longer speaks of them."""
        return _summary(doc, findings, {r.code: r for r in self.rules})

    def check_text(self, text: str, format: str = "txt", path: str | None = None) -> Result:
        return self.check(build_document(text, format=format, path=path))

    def uses_tagger(self) -> bool:
        """Does a selected rule read part-of-speech tags?"""
        return any(_uses_tagger(r) for r in self.rules)

    def check(self, doc: Document, progress=None, deadline: float | None = None, summary: bool = True) -> Result:
        """Run the rules over ``doc``; ``progress(n)`` is called as paragraphs are done.  With a
        ``deadline`` (``time.monotonic()``), a check still running then stops with
        :class:`CheckTimeout` (looked at between paragraphs and between rules).  With
        ``summary=False`` the summary (beta letter, statistics) is not built: an editor that
        shows only the findings (the language server, the LanguageTool API) saves its cost.

        Safe to call from several threads at once (the server checks different reviews
        concurrently): the paragraph cache is a thread-safe LRU and the rules keep no state of
        their own between calls.

        When the tagger runs in a helper process (long texts), the rules that read tags run
        late: their windows are handed over first, and the other rules run meanwhile, except the
        ``heavy`` ones (the speller), which wait until the helper has answered and exited so that
        the two processes never hold their largest memory at the same time.

        With :attr:`parallel` (a one-shot command, never a server), a long text on two cores or
        more whose tags are all known (no helper needed: a re-check, or rules that read none)
        forks instead: the child runs the paragraph rules that need no tags while this process
        runs the document rules and those that read tags (:class:`_Split`); the findings are the
        same, in the same order once sorted."""
        # the personal dictionary as a frozenset (read per check: a caller may teach words between checks)
        dialect = self.config.dialect
        if dialect == "auto":  # the story's own: its spellings and quotation marks (model.document._dialect)
            dialect = doc.style.dialect if doc.style else "en-US"
        ctx = Context(doc=doc, dialect=dialect, options={"words": frozenset(self.config.words)})
        tick = _deadline_tick(deadline)
        out: list[Finding] = []
        para_rules = [r for r in self.rules if r.scope == "paragraph"]
        doc_rules = [r for r in self.rules if r.scope == "document"]
        late = [r for r in para_rules if _uses_tagger(r)]
        late_docs = [r for r in doc_rules if _uses_tagger(r)]
        early = [r for r in para_rules if not _uses_tagger(r)]
        helper = bool(late or late_docs) and self._tagger_process(doc, ctx, late + late_docs)
        split = None
        if not helper and self.parallel and deadline is None and _split_wanted(doc):
            # a second process runs the paragraph rules that need no tags; this one the others.
            # Never beside the tagger's helper: that one already keeps the second core busy, and
            # three processes would hold their memory at once
            split = _Split.start(lambda: self._paragraph_pass(doc, ctx, early, [], None, "early", None))
        if helper:
            from .analysis import tagger

            # _tagger_process has handed the document's windows over (prepare): a second round
            # would send the tense and agreement rules' windows again, still unanswered
            tagger.release_worker()  # it exits once it has answered: its memory is freed early
            self._paragraph_pass(doc, ctx, early, out, progress, "early", tick)
            self._document_pass(doc, ctx, [r for r in doc_rules if not r.heavy and r not in late_docs], out, tick)
            self._paragraph_pass(doc, ctx, late, out, None, "late", tick)  # the helper is done by now
            self._document_pass(doc, ctx, [r for r in doc_rules if r.heavy or r in late_docs], out, tick)
        elif split is not None:
            self._paragraph_pass(doc, ctx, late, out, progress, "late", tick)
            self._document_pass(doc, ctx, doc_rules, out, tick)
            got = split.join()
            if got is None:  # the other process failed: its share is done here after all
                self._paragraph_pass(doc, ctx, early, out, None, "early", tick)
            else:
                out.extend(got)
        else:
            self._paragraph_pass(doc, ctx, para_rules, out, progress, "", tick)
            self._document_pass(doc, ctx, doc_rules, out, tick)
        sev = self.config.severity
        by_code = {r.code: r for r in self.rules}
        severity = {code: sev.get(code, rule.severity) for code, rule in by_code.items()}
        out = [f if f.severity == severity[f.code] else replace(f, severity=severity[f.code]) for f in out]
        out.sort(key=lambda f: (f.start, f.end, f.code))
        out, capped = _cap(out)
        summ = _summary(doc, out, by_code) if summary else {}
        if capped:
            summ["capped"] = capped
        return Result(doc=doc, findings=out, summary=summ)

    def _tagger_process(self, doc: Document, ctx: Context, late: list[Rule]) -> bool:
        """Will the tags come from a helper process?  A long text's (or, in ``betareader check``,
        a chapter's: :func:`tagger.hint_helper`) starts now if its windows, handed over now, need
        tags that neither the cache nor the disk store has; one started early on a hint
        (``launch.py``) is stopped if none do."""
        from .analysis import tagger

        if tagger.worker_running() or tagger.worker_wanted(doc.words) or tagger.helper_hinted(doc.words):
            with tagger.deferring():
                for rule in late:
                    rule.prepare(ctx)
            if not tagger.worker_used():
                tagger.stop_worker()  # started on a hint (launch.py), and every tag was known after all
        return tagger.worker_running()

    def _paragraph_pass(self, doc, ctx, rules, out, progress, phase: str, tick=None) -> list[Finding]:
        keys = tuple(r.cache_key(ctx) for r in rules)
        # one number for equal keys (a tuple's hash is not kept, and this one has a part per rule:
        # hashing it for every paragraph's lookup cost more than the lookup); numbers are never
        # reused, so a number of a forgotten key can match no entry made for another
        number = self._keys.get(keys)
        if number is None:
            if len(self._keys) > 256:
                self._keys.clear()
            number = self._keys.setdefault(keys, next(_KEY_NUMBERS))
        keys = number
        cache = self._cache
        for n, para in enumerate(doc.paragraphs):
            if progress is not None and n % 200 == 0:
                progress(n)
            # one cache entry per paragraph (and phase) holds every paragraph rule's findings for
            # it, with the questions the rules asked about the story's words and their answers
            key = (para.text, para.continues, para.kind, para.ignore, keys, phase)
            entry = cache.get(key)
            if entry is not None and _still_true(doc, entry[1]):
                found = entry[0]
            else:
                reads: list = []
                found = _check_paragraph_rules(rules, para, Context(ctx.doc, ctx.dialect, ctx.options, reads), tick)
                cache.put(key, (found, tuple(dict.fromkeys(reads))))
            if found:
                start = para.start
                out.extend(f.shifted(start) for f in found)
        return out

    def _document_pass(self, doc, ctx, rules, out, tick=None) -> None:
        starts = [p.start for p in doc.paragraphs]
        for rule in rules:
            if tick is not None:
                tick()
            for f in rule.check_document(doc, ctx):
                para = _paragraph_at(doc, starts, f.start)
                if para is not None and para.ignore is not None and _suppressed(rule.code, para.ignore):
                    continue
                if para is not None and para.kind == "note" and rule.kind == "craft":
                    continue  # no craft notes on an author's note
                out.append(f)


_KEY_NUMBERS = itertools.count()

#: a one-shot check (``Engine.parallel``) of a text this long, on two cores or more, runs the
#: paragraph rules that need no tags in a second process (:class:`_Split`)
SPLIT_MIN_WORDS = 20_000


def _split_wanted(doc: Document) -> bool:
    return (
        doc.words >= SPLIT_MIN_WORDS
        and hasattr(os, "fork")
        and sys.platform.startswith("linux")  # fork without exec is not safe on macOS's system libraries
        and (os.cpu_count() or 1) >= 2
        and os.environ.get("BETAREADER_PARALLEL", "1") != "0"
    )


class _Split:
    """A forked process runs one function that returns findings and sends them back pickled.

    Forked (not spawned): the child starts with the document, the rules and their compiled
    patterns already in memory, shared copy-on-write, and is running within a millisecond.  It
    is used only by a one-shot command (``betareader check``), never by the server, whose other
    threads a fork would copy in an unknown state.  If the child fails, :meth:`join` answers None
    and the caller does the work itself."""

    def __init__(self, pid: int, fd: int) -> None:
        self.pid, self.fd = pid, fd
        self.chunks: list[bytes] = []
        # read as it comes: the child never blocks on a full pipe, and exits as soon as it is done
        self.reader = threading.Thread(target=self._read, name="betareader-split", daemon=True)
        self.reader.start()

    @classmethod
    def start(cls, work) -> "_Split | None":
        try:
            r, w = os.pipe()
            pid = os.fork()
        except OSError:
            return None
        if pid == 0:  # the child
            code = 1
            try:
                os.close(r)
                data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
                view = memoryview(data)
                while view:
                    view = view[os.write(w, view):]
                code = 0
            except BaseException:
                pass
            finally:
                os._exit(code)
        os.close(w)
        return cls(pid, r)

    def _read(self) -> None:
        while True:
            try:
                b = os.read(self.fd, 1 << 20)
            except OSError:
                break
            if not b:
                break
            self.chunks.append(b)
        os.close(self.fd)

    def join(self) -> list[Finding] | None:
        self.reader.join()
        try:
            _, status = os.waitpid(self.pid, 0)
        except ChildProcessError:
            status = 1
        if status != 0:
            return None
        try:
            return pickle.loads(b"".join(self.chunks))
        except Exception:
            return None


def _uses_tagger(rule: Rule) -> bool:
    """Rules with a part-of-speech stage (the confusable-word rules) set ``pos_re``; others that
    ask the tagger (the tense slips) set ``uses_tagger``. Their ``prepare`` hands it their windows."""
    return getattr(rule, "pos_re", None) is not None or getattr(rule, "uses_tagger", False)


def _still_true(doc: Document, reads: tuple) -> bool:
    """Does every recorded (fact, word, answer) read still get the same answer in ``doc``?"""
    for name, word, answer in reads:
        if fact(doc, name, word) != answer:
            return False
    return True


def _check_paragraph_rules(rules, para, ctx, tick=None) -> tuple[Finding, ...]:
    found: list[Finding] = []
    for rule in rules:
        if tick is not None:
            tick()
        if para.kind not in rule.kinds or (para.kind == "note" and rule.kind == "craft"):
            continue  # (an author's note is the writer talking to readers: no craft notes on it)
        if para.ignore is not None and _suppressed(rule.code, para.ignore):
            continue
        found.extend(rule.check_paragraph(para, ctx))
    return tuple(found)


#: findings of one rule in one document, at most: a pasted blob or a broken file can make a rule
#: fire hundreds of thousands of times, which no writer reads (the summary says how many there were)
MAX_FINDINGS_PER_RULE = 1000


def _cap(findings: list[Finding]) -> tuple[list[Finding], dict[str, int]]:
    """The findings with at most :data:`MAX_FINDINGS_PER_RULE` of each rule (the first ones), and
    ``{code: how many it found}`` for each rule cut."""
    from collections import Counter

    counts = Counter(f.code for f in findings)
    over = {c: n for c, n in counts.items() if n > MAX_FINDINGS_PER_RULE}
    if not over:
        return findings, {}
    kept: Counter = Counter()
    out = []
    for f in findings:
        if f.code in over:
            kept[f.code] += 1
            if kept[f.code] > MAX_FINDINGS_PER_RULE:
                continue
        out.append(f)
    return out, dict(sorted(over.items()))


def _suppressed(code: str, ignore: frozenset[str]) -> bool:
    return not ignore or any(code.startswith(c) for c in ignore)


def _paragraph_at(doc: Document, starts: list[int], offset: int):
    i = bisect_right(starts, offset) - 1
    if i >= 0 and offset <= doc.paragraphs[i].end:
        return doc.paragraphs[i]
    return None


def _summary(doc: Document, findings: list[Finding], rules: dict[str, Rule]) -> dict:
    from collections import Counter

    from .analysis.dialogue import dialogue_summary

    by_code = Counter(f.code for f in findings)
    kinds = Counter(rules[f.code].kind for f in findings)
    style = doc.style
    from .analysis.tense import narration_tense
    from .craft.letter import beta_letter

    letter = beta_letter(doc, findings, rules)
    return {
        "strengths": letter["strengths"],
        "priorities": letter["priorities"],
        "stats": letter["stats"],
        "paragraphs": sum(1 for p in doc.paragraphs if p.kind == "text"),
        "chapters": [
            {"index": c.index, "title": c.title, "start": c.start, "end": c.end} for c in doc.chapters
        ],
        "scene_breaks": len(doc.scene_breaks),
        "notes": [{"start": p.start, "end": p.end} for p in doc.notes],
        "errors": kinds.get("error", 0),
        "craft": kinds.get("craft", 0),
        "by_code": dict(sorted(by_code.items())),
        "dialogue": dialogue_summary(doc),
        "style": {
            "dialogue_quotes": style.dialogue_level if style else None,
            "double_quotes": {"straight": style.dq_straight, "curly": style.dq_curly} if style else None,
            "single_quotes": {"straight": style.sq_straight, "curly": style.sq_curly} if style else None,
            "dash": style.dash if style else None,
            "dialect": style.dialect if style else None,
            # the narration's tense and its verb counts (analysis/tense.py), read by GRM023/CRF023
            "tense": narration_tense(doc),
        },
    }
