"""What the phrase analysis says: clichés, filter words and telling found per paragraph, the story's
dialogue tags and said-bookisms (read by the CRF010–CRF014 rules), and the ``phrases`` and
``dialogue_tags`` stats and letter lines (``craft/providers.py``).  The analysis itself is
``craft/phrases.py``."""

from __future__ import annotations

from . import PRIORITY, STRENGTH, Note, Provided
from .phrases import baseline, data, phrases, tag_stats
from .wording import binom_above, poisson_above, quote


def _hits(doc, kind: str, first_only: bool = False):
    """(paragraph, Hit) for every phrase of ``kind`` in the story paragraphs (the first per
    paragraph with ``first_only``).  Document rules: one loop over the cached per-paragraph
    results costs less than the engine's per-paragraph calls, and the first rule scans every
    paragraph in one batch, with the automaton hot in the CPU caches."""
    for p in doc.story_paragraphs:
        if p.analysis is None:
            continue
        for h in phrases(p.analysis):
            if h.kind == kind:
                yield p, h
                if first_only:
                    break


#: what a filter verb stands between the reader and, with a before → after example
_PERCEIVED = {
    "see": ("what is seen", "“She saw the door open” → “The door opened”"),
    "watch": ("what is seen", "“He watched the boat drift away” → “The boat drifted away”"),
    "notice": ("the detail itself", "“She noticed that the lamp was out” → “The lamp was out”"),
    "hear": ("the sound", "“He heard a dog bark” → “A dog barked”"),
    "feel": ("the sensation", "“She felt the floor shake” → “The floor shook”"),
    "realize": ("the thought itself", "“She realized he was lying” → “He was lying.”"),
}
#: a story needs this many dialogue tags (and said-bookisms) before their share means anything
MIN_TAGS = 10
MIN_BOOKISMS = 3


def _pct(x: float) -> int:
    return round(100 * x)


def _tags_thresholds() -> dict:
    return baseline("tags_baseline")["thresholds"]


def _bookism_summary(doc) -> tuple[list, int, float]:
    """The said-bookism uses, the number of tags, and their share."""
    st = tag_stats(doc)
    books = st.bookisms()
    return books, st.total, (len(books) / st.total if st.total else 0.0)


def _verb_counts(uses):
    from collections import Counter

    return Counter(u.verb for u in uses)


def _repeated_verb(doc):
    """(verb, count, total, next count) when one tag verb other than say/ask dominates, else None."""
    st = tag_stats(doc)
    th = _tags_thresholds()
    ranked = [(v, n) for v, n in st.verbs.most_common() if v not in ("say", "ask")]
    if not ranked or st.total < MIN_TAGS:
        return None
    verb, n = ranked[0]
    nxt = ranked[1][1] if len(ranked) > 1 else 0
    if n >= th["repeated_min"] and n / st.total >= th["repeated_share"] and n >= th["repeated_ratio"] * max(nxt, 1):
        return verb, n, st.total, nxt
    return None


# --------------------------------------------------------------------------- the beta letter
def _words(doc) -> int:
    return sum(p.analysis.words for p in doc.story_paragraphs if p.analysis is not None)


def _per(n: int, words: int, per: int) -> float:
    return per * n / words if words else 0.0


def _first(findings, code):
    return next((f for f in findings if f.code == code), None)


def _quote(doc, f) -> str:
    return quote(doc, f.start, f.end)


def dialogue_tags(doc, findings) -> Provided:
    """Tag verbs with counts, the said/asked share and the said-bookism share against published fiction."""
    st = tag_stats(doc)
    books, total, share = _bookism_summary(doc)
    base = baseline("tags_baseline")
    plain_share = st.plain / total if total else 0.0
    stats = {
        "tags": total,
        "verbs": dict(st.verbs.most_common()),
        "said": st.verbs.get("say", 0),
        "asked": st.verbs.get("ask", 0),
        "said_asked_share": round(plain_share, 3),
        "bookisms": len(books),
        "bookism_share": round(share, 3),
        "bookism_verbs": dict(_verb_counts(books).most_common()),
        "baseline": {
            "said_asked_share": base["plain_share"]["median"],
            "bookism_share": base["bookism_share"]["median"],
        },
    }
    notes: list[Note] = []
    th = base["thresholds"]
    if total >= MIN_TAGS and plain_share >= th["clean_plain_share"] and share <= base["bookism_share"]["median"]:
        notes.append(Note(
            STRENGTH,
            f"Your dialogue tags are clean: {_pct(plain_share)}% are said or asked"
            f" (published fiction: {_pct(base['plain_share']['median'])}%).",
            score=1.0 + (plain_share - base["plain_share"]["median"]) * 4,
            claim={"said_asked_share": round(plain_share, 3), "tags": total},
        ))
    words = _words(doc)
    mine = [f for f in findings if f.code == "CRF013"]
    if mine and binom_above(len(mine), total, base["bookism_share"]["median"]):
        f = mine[0]
        # the whole tag ("she hissed") makes a better example than the verb alone
        use = next((u for u in st.uses if u.start == f.start), None)
        s, e = (use.tag_start, use.tag_end) if use else (f.start, f.end)
        ex = quote(doc, s, e)
        notes.append(Note(
            PRIORITY,
            f"Said-bookisms: {len(mine)} dialogue tags like “{ex}” ({_pct(share)}% of your tags;"
            f" published fiction: {_pct(base['bookism_share']['median'])}%). Most could simply be 'said'.",
            score=_per(len(mine), words, 10_000) * 0.8, code="CRF013", count=len(mine),
            example=ex, start=s, end=e,
            claim={"count": len(mine), "tags": total, "bookism_share": round(share, 3)},
        ))
    rep = _first(findings, "CRF014")
    got = _repeated_verb(doc) if rep else None
    if rep and got:
        verb, n, total_, _ = got
        notes.append(Note(
            PRIORITY,
            f"One tag verb carries your dialogue: “{_quote(doc, rep)}” and {n - 1} more like it"
            f" ({_pct(n / total_)}% of {total_} tags). Vary it, or let 'said' and action beats take over.",
            score=_per(n, words, 10_000) * 0.3, code="CRF014", count=n,
            example=_quote(doc, rep), start=rep.start, end=rep.end,
            claim={"count": n, "verb": verb, "tags": total_},
        ))
    return Provided(stats, notes)


def phrase_stats(doc, findings) -> Provided:
    """Clichés, filter words and told emotions: counts, rates and the published-fiction rates."""
    from collections import Counter

    cliches: Counter = Counter()
    n_filter = n_tell = 0
    for p in doc.story_paragraphs:
        for h in phrases(p.analysis):
            if h.kind == "cliche":
                cliches[" ".join(p.text[h.start:h.end].lower().split())] += 1
            elif h.kind == "filter":
                n_filter += 1
            else:
                n_tell += 1
    words = _words(doc)
    base = baseline("filter_baseline")
    n_cliche = sum(cliches.values())
    stats = {
        "cliches": n_cliche,
        "cliches_per_10k": round(_per(n_cliche, words, 10_000), 2),
        "cliche_phrases": dict(cliches.most_common()),
        "filter_words": n_filter,
        "filter_per_1k": round(_per(n_filter, words, 1000), 3),
        "telling": n_tell,
        "telling_per_10k": round(_per(n_tell, words, 10_000), 2),
        "baseline": {
            "cliches_per_10k": base["cliches_per_10k"]["median"],
            "filter_per_1k": base["filter_per_1k"]["median"],
            "telling_per_10k": base["telling_per_10k"]["median"],
        },
    }
    notes: list[Note] = []
    if words >= 5000 and n_cliche == 0:
        notes.append(Note(
            STRENGTH,
            f"No stock phrases: none of the {len(data().patterns)} clichés betareader knows in {words:,} words.",
            score=0.6, claim={"cliches": 0, "words": words, "patterns": len(data().patterns)},
        ))
    fpk = _per(n_filter, words, 1000)
    if words >= 5000 and fpk <= base["filter_per_1k"]["min"]:
        notes.append(Note(
            STRENGTH,
            f"You show scenes directly: {fpk:.2f} filter words (she saw, he heard) per 1,000 words,"
            f" fewer than published fiction ({base['filter_per_1k']['median']:.2f}).",
            score=0.8, claim={"filter_words": n_filter, "filter_per_1k": round(fpk, 3), "words": words},
        ))
    for code, weight in (("CRF010", 1.0), ("CRF011", 0.5), ("CRF012", 0.6)):
        mine = [f for f in findings if f.code == code]
        if not mine:
            continue
        f = mine[0]
        ex = _quote(doc, f)
        rate = _per(len(mine), words, 10_000)
        if code == "CRF010":
            text = (f"Stock phrases: {len(mine)} cliché{'s' if len(mine) != 1 else ''}, for example “{ex}”. Each is a place to say it your own"
                    " way, with a detail only that moment has.")
            claim = {"count": len(mine)}
        elif code == "CRF011":
            if not poisson_above(n_filter, words, base["filter_per_1k"]["median"]):
                continue  # one or two filter words say nothing about a habit
            ratio = fpk / base["filter_per_1k"]["median"] if base["filter_per_1k"]["median"] else 0.0
            text = (f"Filter words: {len(mine)} paragraph{'s' if len(mine) != 1 else ''} report{'' if len(mine) != 1 else 's'} what a character saw, heard or felt, for example"
                    f" “{ex}” ({fpk:.2f} per 1,000 words, {ratio:.1f}× published fiction). Show the thing itself.")
            claim = {"count": len(mine), "filter_per_1k": round(fpk, 3)}
        else:
            text = (f"Told emotions: {len(mine)} paragraph{'s' if len(mine) != 1 else ''} name{'' if len(mine) != 1 else 's'} a feeling, for example “{ex}”. Show it through"
                    " what the character does, says or notices.")
            claim = {"count": len(mine)}
        notes.append(Note(PRIORITY, text, score=rate * weight, code=code, count=len(mine), example=ex,
                          start=f.start, end=f.end, claim=claim))
    return Provided(stats, notes)
