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

    def summarize(self, doc: Document, findings: list[Finding]) -> dict:
        """The summary (beta letter, stats, counts) of ``doc`` for these findings: the editor asks
        again without the findings the writer ignored, so the letter no longer speaks of them."""
        return _summary(doc, findings, {r.code: r for r in self.rules})

    def check_text(self, text: str, format: str = "txt", path: str | None = None) -> Result:
        return self.check(build_document(text, format=format, path=path))

    def uses_tagger(self) -> bool:
        """Does a selected rule read part-of-speech tags?"""
        return any(_uses_tagger(r) for r in self.rules)

    def warm_up(self, words: int) -> None:
        """Start the tagger's helper process early (before the document is even built) when a
        text of about ``words`` words will need it; it loads spaCy while this process works."""
        from .analysis import tagger

        if self.uses_tagger() and tagger.worker_wanted(words):
            tagger.start_worker()

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
        the two processes never hold their largest memory at the same time."""
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
        if (late or late_docs) and self._tagger_process(doc):
            from .analysis import tagger

            for rule in late + late_docs:
                rule.prepare(ctx)  # hands the document's windows to the helper process
            tagger.release_worker()  # it exits once it has answered: its memory is freed early
            early = [r for r in para_rules if not _uses_tagger(r)]
            self._paragraph_pass(doc, ctx, early, out, progress, "early", tick)
            self._document_pass(doc, ctx, [r for r in doc_rules if not r.heavy and r not in late_docs], out, tick)
            self._paragraph_pass(doc, ctx, late, out, None, "late", tick)  # the helper is done by now
            self._document_pass(doc, ctx, [r for r in doc_rules if r.heavy or r in late_docs], out, tick)
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

    def _tagger_process(self, doc: Document) -> bool:
        from .analysis import tagger

        if tagger.worker_wanted(doc.words):
            tagger.start_worker()
        return tagger.worker_running()

    def _paragraph_pass(self, doc, ctx, rules, out, progress, phase: str, tick=None) -> None:
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
