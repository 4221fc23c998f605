"""One work reviewed: the function every batch runner calls, in a local process pool or on a
Dask worker, and what it measures.

The rule engine is built once per process (:func:`engine`), the first time a work arrives, and
kept: a worker process pays for the lexicon, the compiled rules and the tagger once, then reviews
work after work.  A work that cannot be read or checked is not fatal: its row carries the error.
"""

from __future__ import annotations

import traceback
from collections import Counter
from functools import lru_cache

from ..config import Config
from ..errors import BetareaderError
from ..families import ERROR_NAMES
from ..model import memo
from .inputs import Work

#: the families with a per-10,000-words column of their own: the error families, then craft
FAMILY_COLUMNS = tuple(ERROR_NAMES) + ("CRF",)
#: how many overused words and phrases a row lists
TOP_OVERUSED = 5
#: the longest excerpt a finding row keeps
EXCERPT_CHARS = 200
#: the engine's paragraph cache in a batch process: works do not repeat, so a small one keeps the
#: memory flat however many works a process reviews
BATCH_CACHE = 5_000


@lru_cache(maxsize=4)
def engine(config_key: tuple = ()):
    """The process's engine for these settings (``config_key``: :func:`config_key`), built once."""
    from ..engine import Engine

    select, ignore, dialect, words = config_key or (None, (), None, frozenset())
    cfg = Config().merged(list(select) if select else None, list(ignore))
    cfg.words |= set(words)
    if dialect:
        cfg.dialect = dialect
    eng = Engine(cfg, cache_size=BATCH_CACHE)
    return eng


def config_key(select=None, ignore=(), dialect=None, words=()) -> tuple:
    """The picklable settings a worker builds its engine from (the personal dictionary travels
    with them: a cluster's workers do not have the writer's)."""
    return (tuple(select) if select else None, tuple(ignore or ()), dialect, frozenset(words))


def _per_10k(n: int, words: int) -> float:
    return round(10_000 * n / words, 3) if words else 0.0


def _counts_row(findings, kinds: dict, words: int) -> dict:
    by_code = Counter(f.code for f in findings)
    errors = sum(n for c, n in by_code.items() if kinds.get(c) == "error")
    craft = sum(n for c, n in by_code.items() if kinds.get(c) == "craft")
    fam = Counter()
    for c, n in by_code.items():
        if kinds.get(c) == "error" or c.startswith("CRF"):
            fam[c[:3]] += n
    row = {
        "words": words, "errors": errors, "craft": craft,
        "errors_per_10k": _per_10k(errors, words), "craft_per_10k": _per_10k(craft, words),
    }
    for f in FAMILY_COLUMNS:
        row[f"{f}_per_10k"] = _per_10k(fam.get(f, 0), words)
    row["codes"] = [{"code": c, "kind": kinds.get(c, "error"), "count": n} for c, n in sorted(by_code.items())]
    return row


def _empty(work: Work, chash: str, error: str) -> dict:
    row = {"id": work.id, "level": "work", "chapter": None, "chapter_title": None, "source": work.source,
           "format": work.format, "content_hash": chash, "error": error}
    row.update(_counts_row([], {}, 0))
    row.update({"dialogue_share": None, "narration_tense": None, "flesch_reading_ease": None,
                "flesch_kincaid_grade": None, "top_overused": []})
    return row


def review(work: Work, key: tuple = (), findings: bool = False) -> dict:
    """``{"rows": [...], "findings": [...]}`` for one work: its row, a row per chapter when it has
    two or more, and (``findings=True``) one row per finding.  The caches keyed by paragraph text
    are emptied after each work: in a batch no paragraph comes back, and the memory stays flat."""
    try:
        return _review_once(work, key, findings)
    finally:
        memo.clear_text_caches()


def _review_once(work: Work, key: tuple, findings: bool) -> dict:
    chash = work.content_hash()
    if work.error:
        return {"rows": [_with_meta(_empty(work, chash, work.error), work)], "findings": []}
    try:
        return _review(work, key, findings, chash)
    except BetareaderError as exc:
        return {"rows": [_with_meta(_empty(work, chash, str(exc)), work)], "findings": []}
    except Exception as exc:  # a bug must not stop a corpus run: the row says what happened
        where = traceback.extract_tb(exc.__traceback__)[-1]
        msg = f"internal error: {type(exc).__name__}: {exc} ({where.filename.rsplit('/', 1)[-1]}:{where.lineno})"
        return {"rows": [_with_meta(_empty(work, chash, msg), work)], "findings": []}


def _with_meta(row: dict, work: Work) -> dict:
    for k, v in work.meta.items():
        row[k if k not in row else f"meta_{k}"] = v
    return row


def _review(work: Work, key: tuple, want_findings: bool, chash: str) -> dict:
    from ..loaders import load_bytes
    from ..model import build_document

    if work.text is not None:
        doc = build_document(work.text, format=work.format, path=work.id)
    else:
        doc = load_bytes(work.data or b"", work.id, work.format).document()
    eng = engine(key)
    res = eng.check(doc)
    kinds = {r.code: r.kind for r in eng.rules}
    s = res.summary
    stats = s.get("stats", {})
    words = (stats.get("text") or {}).get("words", doc.words)
    row = {"id": work.id, "level": "work", "chapter": None, "chapter_title": None, "source": work.source,
           "format": work.format, "content_hash": chash, "error": None}
    row.update(_counts_row(res.findings, kinds, words))
    read = stats.get("readability") or {}
    pacing = stats.get("pacing") or {}
    row.update({
        "dialogue_share": pacing.get("dialogue_share"),
        "narration_tense": ((s.get("style") or {}).get("tense") or {}).get("narration"),
        "flesch_reading_ease": read.get("flesch_reading_ease"),
        "flesch_kincaid_grade": read.get("flesch_kincaid_grade"),
        "top_overused": [o["text"] for o in ((stats.get("words") or {}).get("overused") or [])[:TOP_OVERUSED]],
    })
    rows = [_with_meta(row, work)]
    chapters = s.get("chapters") or []
    if len(chapters) >= 2:
        pace = {c["chapter"]: c for c in pacing.get("chapters") or []}
        readc = {c["chapter"]: c for c in read.get("chapters") or []}
        for ch in chapters:
            mine = [f for f in res.findings if ch["start"] <= f.start < ch["end"]]
            cw = (readc.get(ch["index"]) or pace.get(ch["index"]) or {}).get("words", 0)
            crow = {"id": work.id, "level": "chapter", "chapter": ch["index"], "chapter_title": ch["title"] or None,
                    "source": work.source, "format": work.format, "content_hash": chash, "error": None}
            crow.update(_counts_row(mine, kinds, cw))
            crow.update({
                "dialogue_share": (pace.get(ch["index"]) or {}).get("dialogue_share"),
                "narration_tense": None,
                "flesch_reading_ease": (readc.get(ch["index"]) or {}).get("flesch_reading_ease"),
                "flesch_kincaid_grade": (readc.get(ch["index"]) or {}).get("flesch_kincaid_grade"),
                "top_overused": [],
            })
            rows.append(_with_meta(crow, work))
    out_findings = []
    if want_findings:
        starts = [c["start"] for c in chapters]
        from bisect import bisect_right

        for f in res.findings:
            out_findings.append({
                "id": work.id, "chapter": chapters[bisect_right(starts, f.start) - 1]["index"] if chapters else None,
                "code": f.code, "kind": kinds.get(f.code, "error"), "start": f.start, "end": f.end,
                "excerpt": doc.text[f.start:min(f.end, f.start + EXCERPT_CHARS)], "message": f.message,
            })
    return {"rows": rows, "findings": out_findings}
