"""Word-level measurements shared by the CRF word rules and the ``words`` stats provider.

One pass per document (cached per :class:`~betareader.model.Document`): the story paragraphs
(authors' notes and headings left out) are joined, lowercased and split into word and
punctuation tokens with one ``findall``; the tokens get small integer ids, and everything
else is counted over the id array with numpy (numpy comes with spaCy):

- **overused words and phrases**: single words and 2–4-word phrases whose rate is far above
  their rate in published fiction (the baseline in ``data/craft/words.json``, built from the
  clean corpus by ``tools/build_craft_baseline.py``), by Dunning's log-likelihood test with a
  minimum count and a minimum rate ratio.  Only items the baseline knows as *style* items are
  tested: words and phrases used in at least four of the eleven baseline books, and no nouns
  or names, so a story about a dragon may say "dragon" as often as it likes.
- **echoes**: the same distinctive word (rare in published fiction, not a name; simple
  inflections matched: glint/glinted/glinting) twice within a few words in one paragraph.
- **repeated openers**: three or more narration sentences in a row opening with the same word.
- **adverbs**: -ly adverbs per 1,000 words against the baseline, and -ly adverbs on dialogue
  tags (``said softly``, ``softly said``).  Which -ly words are adverbs is decided by the list
  the build tool derived from spaCy's part-of-speech tags over the corpus (``family``,
  ``only``, ``early``, ``lovely``, ``silly``, ``reply``, ``holy`` are not counted).

Only token *indices* are kept for the whole text; the character offsets of the few places a
note points at are found afterwards by re-tokenizing just those paragraphs.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from operator import itemgetter
from typing import TYPE_CHECKING

from ..model.memo import LRU
from . import PRIORITY, STRENGTH, Note, Provided
from .wording import at, binom_above, per_10k, plural, poisson_above

if TYPE_CHECKING:
    from ..model import Document, Paragraph

#: tokens: runs of anything but spaces, punctuation and emphasis marks (words, with their
#: apostrophes and hyphens), and the punctuation that breaks a phrase; "\x00" separates
#: paragraphs in the joined text.  A negated class is the fastest pattern ``findall`` runs;
#: the few odd tokens it makes (``'em``, ``dogs’``, ``--``) are cleaned once per distinct
#: token by :func:`norm`.
TOKEN_RE = re.compile(r"[^\s.,;:!?…—–\"“”‘()\[\]*_\x00]+|[.,;:!?…—–\"“”‘()\[\]\x00]")
PARA_SEP = "\n\x00\n"
#: bits per word id in an n-gram key: four ids fit in an int64
ID_BITS = 15


def norm(token: str) -> str:
    """The baseline's spelling of a lowercased token: curly apostrophes made straight, quotes
    and hyphens at the edges dropped (``dogs’`` -> ``dogs``); "" for a token that is no word."""
    t = token.replace("’", "'").strip("'-")
    return t if t[:1].isalnum() else ""


def tokenize(paragraph_texts) -> list[str]:
    """Lowercased tokens of the paragraphs, with a "\\x00" token between paragraphs."""
    return TOKEN_RE.findall(PARA_SEP.join(paragraph_texts).lower())


_TOKENS = LRU(20_000)


def paragraph_tokens(text: str) -> tuple[str, ...]:
    """``tokenize([text])``, remembered per paragraph text: the tokens of the joined story are
    its paragraphs' tokens with a "\x00" token between them (no token crosses the separator,
    and lowercasing never reads across it), so a re-check after an edit tokenizes only the
    changed paragraphs."""
    got = _TOKENS.get(text)
    if got is None:
        # interned: a kept paragraph holds pointers to one copy of each word, not a string per use
        got = tuple(map(sys.intern, TOKEN_RE.findall(text.lower())))
        _TOKENS.put(text, got)
    return got


@cache
def baseline() -> dict:
    """The published-fiction baseline (``data/craft/words.json``), loaded on first use."""
    raw = (resources.files("betareader") / "data" / "craft" / "words.json").read_text(encoding="utf-8")
    return json.loads(raw)


# --- tuning (figures in the module's tests and the rules' docs) -----------------------------
#: an overused item needs this many uses, this rate ratio and this log-likelihood
OVERUSE_MIN_COUNT = 6
OVERUSE_MIN_RATIO = 3.0
OVERUSE_MIN_G2 = 25.0
#: at most this many overused words and this many phrases are reported per story
OVERUSE_MAX_ITEMS = 8
#: a style word: used in at least this many baseline books, and not a noun or a name
STYLE_MIN_BOOKS = 4
#: a style phrase is spread over the books: Gries' deviation of proportions at most this (percent)
PHRASE_MAX_DISPERSION = 40
#: an echo: the same distinctive word again within this many tokens (≈ 30 words) in a paragraph
ECHO_WINDOW = 30
#: ... but not right after it ("again and again", "on and on" are deliberate)
ECHO_MIN_GAP = 3
#: a distinctive word: rarer than this per million words in published fiction, at least this long
ECHO_MAX_BASE_PER_MILLION = 20.0
ECHO_MIN_LENGTH = 4
#: and not one of the story's own frequent words (its subject: "dragon" in a dragon story)
ECHO_MAX_STORY_SHARE = 0.001
#: a run of sentences opening with the same word: 3, or 4 for a pronoun (in close third or
#: first person the pronoun is the usual subject; published fiction has many runs of three)
OPENER_RUN = 3
OPENER_RUN_PRONOUN = 4
PRONOUNS = frozenset("I He She It We You They".split())
#: tag adverbs are noted when the story's share of tags with one is above published fiction's,
#: at most this many per 10,000 words (never fewer than TAG_ADVERB_MIN_NOTES)
TAG_ADVERB_NOTES_PER_10K = 4.0
TAG_ADVERB_MIN_NOTES = 5
#: the adverb-density note: this far above the published-fiction rate, in a text this long
ADVERB_DENSITY_RATIO = 1.6
ADVERB_MIN_WORDS = 250

_POINTING = frozenset({"that", "this", "these", "those", "such", "same"})
_PARALLEL = frozenset({",", ";", "and", "or", "nor", "but", "then"})
_FIRST_WORD_RE = re.compile(r"[*_]*([A-Za-z][\w'’-]*)")
_ADV_AFTER_RE = re.compile(r"[ \t]+([a-z]+ly)\b")
_ADV_BEFORE_RE = re.compile(r"\b([a-z]+ly)[ \t]+$")


class Baseline:
    """The baseline as arrays: word ids, counts, n-gram keys (loaded once per process)."""

    def __init__(self, data: dict) -> None:
        import numpy as np

        self.data = data
        self.total = data["total_words"]
        self.vocab = data["vocab"]
        self.id = {w: i for i, w in enumerate(self.vocab)}
        self.counts = np.asarray(data["counts"], dtype=np.int64)
        nbooks = np.asarray(data["nbooks"], dtype=np.int64)
        pos = np.frombuffer(data["pos"].encode("ascii"), dtype=np.uint8)
        self.pos = data["pos"]
        self.pos_codes = pos
        noun_or_name = isin_letters(pos, np.arange(len(pos)), "NPF-")
        #: words the overuse test reads: style words (not nouns, names or function words)
        self.style = (nbooks >= STYLE_MIN_BOOKS) & ~noun_or_name
        self.adverbs = frozenset(data["adverbs"])
        self.grams: dict[int, tuple] = {}
        for n in (2, 3, 4):
            rows = np.asarray(data["ngrams"][str(n)], dtype=np.int64).reshape(-1, n + 2)
            # style phrases only: spread over the books (not one book's subject: "the picture"),
            # with a word that is not a function word, and no "said" (it follows the dialogue)
            ws = rows[:, :n]
            content = np.zeros(len(rows), dtype=bool)
            for j in range(n):
                content |= ~isin_letters(pos, ws[:, j], "F-")
            said = (ws == self.id.get("said", -1)).any(axis=1)
            rows = rows[(rows[:, n + 1] <= PHRASE_MAX_DISPERSION) & content & ~said]
            keys = np.zeros(len(rows), dtype=np.int64)
            for j in range(n):
                keys = (keys << ID_BITS) | rows[:, j]
            order = np.argsort(keys)
            self.grams[n] = (keys[order], rows[order, n], rows[order, :n])

    def per_million(self, count: int) -> float:
        return 1e6 * count / self.total


def isin_letters(pos, ids, letters: str):
    """Which of ``ids`` have one of ``letters`` as their part of speech."""
    import numpy as np

    got = pos[ids]
    out = np.zeros(len(ids), dtype=bool)
    for ch in letters:
        out |= got == ord(ch)
    return out


@cache
def base() -> Baseline:
    return Baseline(baseline())


def g2(a: int, b: int, c: int, d: int) -> float:
    """Dunning's log-likelihood of ``a`` uses in ``c`` words against ``b`` in ``d``."""
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    out = a * math.log(a / e1) if a else 0.0
    out += b * math.log(b / e2) if b else 0.0
    return 2 * out


def lemma(word: str) -> str:
    """A rough stem that joins simple inflections: glint, glints, glinted, glinting -> glint."""
    w = word
    for suf in ("ing", "ies", "ied", "ed", "es", "s"):
        if w.endswith(suf) and len(w) - len(suf) >= 3 and not (suf == "s" and w.endswith("ss")):
            w = w[: -len(suf)] + ("y" if suf in ("ies", "ied") else "")
            break
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]
    return w


@dataclass(frozen=True, slots=True)
class Overuse:
    phrase: str
    words: int  # 1 for a word, 2-4 for a phrase
    count: int
    per_million: float
    base_per_million: float
    ratio: float
    g2: float
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Echo:
    word: str
    first: tuple[int, int]
    second: tuple[int, int]
    gap: int  # words between them


@dataclass(frozen=True, slots=True)
class OpenerRun:
    word: str
    length: int
    starts: tuple[tuple[int, int], ...]  # the opening word of each sentence in the run


@dataclass(frozen=True, slots=True)
class TagAdverb:
    adverb: str
    verb: str
    start: int
    end: int
    tag: tuple[int, int]  # the tag: verb and adverb


class WordAnalysis:
    """Everything the word rules and the ``words`` provider read, built once per Document."""

    def __init__(self, doc: "Document") -> None:
        import numpy as np

        self.doc = doc
        self.paras: list["Paragraph"] = doc.craft_paragraphs
        toks: list[str] = []
        for i, p in enumerate(self.paras):
            if i:
                toks.append("\x00")
            toks.extend(paragraph_tokens(p.text))
        self.vocab: list[str] = list(dict.fromkeys(toks))
        local = {w: i for i, w in enumerate(self.vocab)}
        got = itemgetter(*toks)(local) if len(toks) > 1 else tuple(local[w] for w in toks)
        self.ids = np.fromiter(got, dtype=np.int64, count=len(toks))
        self.local_counts = np.bincount(self.ids, minlength=len(self.vocab)).tolist()
        self.normed = [w if w.isalpha() else norm(w) for w in self.vocab]
        self.is_word = [bool(w) for w in self.normed]
        self.words = sum(c for c, ok in zip(self.local_counts, self.is_word) if ok)
        sep = local.get("\x00")
        seps = self.ids == sep if sep is not None else np.zeros(len(toks), dtype=bool)
        #: the index in ``paras`` of each token's paragraph
        self.para_of = np.cumsum(seps)
        self.para_first = np.concatenate(([0], np.flatnonzero(seps) + 1))

    @cached_property
    def names(self) -> frozenset[str]:
        return frozenset(n.lower() for n in self.doc.names)

    # -- places ---------------------------------------------------------------------------
    def span(self, token: int) -> tuple[int, int]:
        """Absolute (start, end) of token number ``token``."""
        pi = int(self.para_of[token])
        k = token - int(self.para_first[pi])
        p = self.paras[pi]
        low = p.text.lower()
        for j, m in enumerate(TOKEN_RE.finditer(low)):
            if j == k:
                s, e = m.span()
                if len(low) != len(p.text):  # lowercasing changed the length: find it in the original
                    found = re.search(re.escape(m.group(0)), p.text, re.I)
                    s, e = found.span() if found else (0, 0)
                return p.start + s, p.start + e
        return p.start, p.start

    def _deliberate(self, a: int, c: int) -> bool:
        """Repetition that reads as chosen: the same phrase again (``a gallant rescuer … a gallant
        rescuer``), or a parallel clause (``violently set against it, or violently delighted``)."""
        ids = self.ids
        if ids[a - 1] == ids[c - 1] or (c + 1 < len(ids) and ids[a + 1] == ids[c + 1]):
            return True
        if self.vocab[int(ids[c - 1])] in _POINTING:  # "a hiss. That hiss, faint as it was"
            return True
        return c - a <= 12 and self.vocab[int(ids[c - 1])] in _PARALLEL

    def _in_dialogue(self, pi: int, pos: int) -> bool:
        """Is absolute offset ``pos`` of story paragraph ``pi`` inside a quotation?"""
        p = self.paras[pi]
        return bool(p.analysis.quotations) and p.analysis.in_dialogue(pos - p.start)

    # -- overuse --------------------------------------------------------------------------
    @cached_property
    def base_ids(self):
        import numpy as np

        b = base()
        return np.fromiter((b.id.get(w, 0) for w in self.normed), dtype=np.int64, count=len(self.normed))

    def _item(self, phrase: str, n: int, count: int, base_count: int, first_token):
        """An :class:`Overuse` when the item passes the test; ``first_token()`` finds its place."""
        b = base()
        if count < OVERUSE_MIN_COUNT or not self.words:
            return None
        rate = 1e6 * count / self.words
        base_rate = b.per_million(base_count)
        ratio = rate / base_rate if base_rate else math.inf
        if ratio < OVERUSE_MIN_RATIO:
            return None
        score = g2(count, base_count, self.words, b.total)
        if score < OVERUSE_MIN_G2:
            return None
        token = first_token()
        s, _ = self.span(token)
        _, e = self.span(token + n - 1)
        return Overuse(phrase, n, count, round(rate, 1), round(base_rate, 1), round(ratio, 1), round(score, 1), s, e)

    @cached_property
    def overused(self) -> list[Overuse]:
        """Overused words and phrases, strongest first (phrases that a longer overused phrase
        explains left out)."""
        import numpy as np

        b = base()
        found: list[Overuse] = []
        bids = self.base_ids
        # single words
        counts = np.asarray(self.local_counts, dtype=np.int64)
        # the rate ratio first, for all words at once: base count * ratio * words / total <= count
        need = OVERUSE_MIN_RATIO * self.words / b.total
        for i in np.flatnonzero(
            (counts >= OVERUSE_MIN_COUNT) & (bids > 0) & b.style[bids] & (b.counts[bids] * need <= counts)
        ).tolist():
            w = self.normed[i]
            if w in self.names:
                continue
            item = self._item(w, 1, int(counts[i]), int(b.counts[bids[i]]), lambda i=i: int(np.argmax(self.ids == i)))
            if item:
                found.append(item)
        # phrases: only positions where every word is one the story uses often enough and the
        # baseline knows are looked up
        t = bids[self.ids]
        frequent = np.asarray(self.local_counts, dtype=np.int64) >= OVERUSE_MIN_COUNT
        ok = (t > 0) & frequent[self.ids]
        run = ok
        for n in (2, 3, 4):
            keys, counts, rows = b.grams[n]
            if len(ok) < n:
                break
            run = run[:-1] & ok[n - 1 :] if n > 1 else ok  # n words in a row that are ok
            idx = np.flatnonzero(run)
            if not len(keys) or not len(idx):
                continue
            key = np.zeros(len(idx), dtype=np.int64)
            for k in range(n):
                key = (key << ID_BITS) | t[idx + k]
            pos = np.searchsorted(keys, key)
            pos[pos >= len(keys)] = 0
            hit = keys[pos] == key
            where, pos = idx[hit], pos[hit]
            cnt = np.bincount(pos, minlength=len(keys))
            for j in np.flatnonzero((cnt >= OVERUSE_MIN_COUNT) & (counts * need <= cnt)).tolist():
                phrase = " ".join(b.vocab[k] for k in rows[j])
                item = self._item(phrase, n, int(cnt[j]), int(counts[j]),
                                  lambda j=j, where=where, pos=pos: int(where[np.argmax(pos == j)]))
                if item:
                    found.append(item)
        # a phrase or word mostly used inside a longer overused phrase is that phrase's
        found.sort(key=lambda o: (-o.words, -o.g2))
        kept: list[Overuse] = []
        for o in found:
            inner = f" {o.phrase} "
            if any(k.words > o.words and inner in f" {k.phrase} " and k.count * 2 >= o.count for k in kept):
                continue
            kept.append(o)
        kept.sort(key=lambda o: -o.g2)
        words = [o for o in kept if o.words == 1][:OVERUSE_MAX_ITEMS]
        phrases = [o for o in kept if o.words > 1][:OVERUSE_MAX_ITEMS]
        return sorted(words + phrases, key=lambda o: -o.g2)

    # -- echoes ---------------------------------------------------------------------------
    @cached_property
    def echoes(self) -> list[Echo]:
        import numpy as np

        b = base()
        limit = ECHO_MAX_BASE_PER_MILLION * b.total / 1e6
        story_max = max(3, ECHO_MAX_STORY_SHARE * self.words)
        bids = self.base_ids
        # rare in published fiction (or unknown to it), and not a noun or a name there
        rare = ((b.counts[bids] < limit) & ~isin_letters(b.pos_codes, bids, "NP")) | (bids == 0)
        cand = [
            i for i in np.flatnonzero(rare).tolist()
            if len(w := self.normed[i]) >= ECHO_MIN_LENGTH and self.local_counts[i] <= story_max
            and w.isalpha() and w not in self.names
        ]
        # a word used once can only echo another form of itself: find those by their first
        # letters before stemming anything
        prefix = Counter(self.normed[i][:4] for i in cand)
        lemmas: dict[str, int] = {}
        lem = np.full(len(self.vocab), -1, dtype=np.int64)
        for i in cand:
            w = self.normed[i]
            if self.local_counts[i] > 1 or prefix[w[:4]] > 1:
                lem[i] = lemmas.setdefault(lemma(w), len(lemmas))
        tok_lem = lem[self.ids]
        idx = np.flatnonzero(tok_lem >= 0)
        if len(idx) < 2:
            return []
        lems = tok_lem[idx]
        order = np.lexsort((idx, lems))
        li, ll = idx[order], lems[order]
        same = (ll[1:] == ll[:-1]) & (self.para_of[li[1:]] == self.para_of[li[:-1]])
        gap = li[1:] - li[:-1]
        pairs = np.flatnonzero(same & (gap <= ECHO_WINDOW) & (gap >= ECHO_MIN_GAP))
        out: list[Echo] = []
        last_second = -1
        for j in pairs:
            a, c = int(li[j]), int(li[j + 1])
            if a == last_second:  # a third use in the same cluster: one note is enough
                last_second = c
                continue
            last_second = c
            if self._deliberate(a, c):
                continue
            first, second = self.span(a), self.span(c)
            pi = int(self.para_of[a])
            if self._in_dialogue(pi, first[0]) or self._in_dialogue(pi, second[0]):
                continue  # characters repeat each other's words: that is how people talk
            between = sum(self.is_word[int(k)] for k in self.ids[a + 1 : c])
            out.append(Echo(self.normed[int(self.ids[c])], first, second, between))
        out.sort(key=lambda e: e.second)
        return out

    # -- openers --------------------------------------------------------------------------
    @cached_property
    def opener_runs(self) -> list[OpenerRun]:
        out: list[OpenerRun] = []
        run: list[tuple[int, int]] = []
        word = None

        def close(quoted_para):
            if len(run) < (OPENER_RUN_PRONOUN if word in PRONOUNS else OPENER_RUN):
                return
            # a sentence inside a speech is dialogue, not narration: leave such runs alone
            if quoted_para is not None and any(quoted_para.analysis.in_dialogue(s - quoted_para.start) for s, _ in run):
                return
            out.append(OpenerRun(word.replace("’", "'"), len(run), tuple(run)))

        for p in self.paras:
            a = p.analysis
            if len(a.sentences) < OPENER_RUN:  # a run stays inside its paragraph
                continue
            text = a.text
            quoted = bool(a.quotations)
            run, word = [], None
            for s, _e in a.sentences:
                m = _FIRST_WORD_RE.match(text, s)
                w = m.group(1) if m else None
                if w is not None and w == word:
                    run.append((p.start + m.start(1), p.start + m.end(1)))
                    continue
                close(p if quoted else None)
                word = w
                run = [(p.start + m.start(1), p.start + m.end(1))] if w is not None else []
            close(p if quoted else None)
        return out

    # -- adverbs --------------------------------------------------------------------------
    @cached_property
    def adverbs(self) -> Counter:
        """-ly adverbs and how often the story uses each."""
        adv = base().adverbs
        return Counter({w: c for w, c in zip(self.normed, self.local_counts) if w in adv})

    @property
    def adverbs_per_1000(self) -> float:
        return 1000 * sum(self.adverbs.values()) / self.words if self.words else 0.0

    def densest_adverb_paragraph(self) -> tuple[int, list[int]]:
        """(paragraph index in ``paras``, token indices of its adverbs) with the most adverbs."""
        import numpy as np

        adv = base().adverbs
        mask_v = np.fromiter((w in adv for w in self.normed), dtype=bool, count=len(self.normed))
        toks = np.flatnonzero(mask_v[self.ids])
        if not len(toks):
            return -1, []
        per_para = np.bincount(self.para_of[toks])
        best = int(np.argmax(per_para))
        return best, [int(t) for t in toks if self.para_of[t] == best]

    @cached_property
    def tag_adverbs(self) -> tuple[int, list[TagAdverb]]:
        """(dialogue tags, the -ly adverbs on them)."""
        tags, found = tag_adverb_counts(self.doc, base().adverbs, places=True)
        return tags, found


def tag_adverb_counts(doc: "Document", adverbs: frozenset, places: bool = False):
    """Dialogue tags in the story and the -ly adverbs on them: ``said softly``, ``softly said``,
    ``said Maya softly``.  Returns ``(tags, tag_adverbs)``; with ``places``, the second item is
    the list of :class:`TagAdverb`."""
    from ..analysis.dialogue import TAG, speeches

    level = doc.style.dialogue_level if doc.style else "double"
    tags = 0
    found: list[TagAdverb] = []
    n = 0
    for p in doc.story_paragraphs:
        a = p.analysis
        if not a.quotations:
            continue
        text = a.text
        for sp in speeches(a, level):
            att = sp.attribution
            if att is None or att.kind != TAG or (sp.continues_sentence and att.position == "middle"):
                continue
            tags += 1
            vs, ve = att.verb_span
            hit = None
            m = _ADV_AFTER_RE.match(text, att.subject_span[1] if att.inverted else ve)
            if m and m.group(1) in adverbs:
                hit = m.span(1)
            else:
                m = _ADV_BEFORE_RE.search(text, max(0, vs - 30), vs)
                if m and m.group(1) in adverbs:
                    hit = m.span(1)
            if hit is None:
                continue
            n += 1
            if places:
                lo, hi = min(vs, hit[0]), max(ve, hit[1])
                found.append(TagAdverb(text[hit[0]:hit[1]], att.verb, p.start + hit[0], p.start + hit[1],
                                       (p.start + lo, p.start + hi)))
    return tags, (found if places else n)


def analyze(doc: "Document") -> WordAnalysis:
    """The word analysis of ``doc``, built on first use and shared by every reader; kept on the
    document (a weak map keyed by the document would never let go: the analysis refers to it)."""
    got = doc.__dict__.get("_craft_words")
    if got is None:
        got = doc.__dict__["_craft_words"] = WordAnalysis(doc)
    return got


# --- the beta letter ---------------------------------------------------------------------------
#: a strength needs the story's rate at most this share of published fiction's
LEAN_ADVERBS = 0.75
LEAN_TAG_ADVERBS = 0.5


def words_stats(doc: "Document", findings) -> Provided:
    """The ``words`` stats and letter lines: overused words and phrases, adverbs."""
    wa = analyze(doc)
    b = base()
    words = wa.words
    ref_adv = b.data["adverbs_per_1000"]
    ref_share = b.data["tag_adverb_share"]
    adv_rate = round(wa.adverbs_per_1000, 2)
    tags, tag_adv = wa.tag_adverbs
    share = len(tag_adv) / tags if tags else 0.0
    over = wa.overused
    stats = {
        "words": words,
        "overused": [
            {"text": o.phrase, "words": o.words, "count": o.count, "per_million": o.per_million,
             "baseline_per_million": o.base_per_million, "ratio": o.ratio}
            for o in over
        ],
        "adverbs": sum(wa.adverbs.values()),
        "adverbs_per_1000": adv_rate,
        "baseline_adverbs_per_1000": ref_adv,
        "top_adverbs": dict(wa.adverbs.most_common(5)),
        "dialogue_tags": tags,
        "tag_adverbs": len(tag_adv),
        "tag_adverb_share": round(share, 3),
        "baseline_tag_adverb_share": ref_share,
        "echoes": len(wa.echoes),
        "opener_runs": len(wa.opener_runs),
    }
    notes: list = []
    codes = {f.code for f in findings}
    # strengths: only when the measurement beats published fiction clearly
    if words >= ADVERB_MIN_WORDS and adv_rate <= LEAN_ADVERBS * ref_adv:
        notes.append(Note(
            STRENGTH,
            f"Your adverb use is lean: {adv_rate:.1f} -ly adverbs per 1,000 words against {ref_adv:.1f} "
            "in published fiction.",
            score=1.0 + (ref_adv - adv_rate) / ref_adv,
            claim={"adverbs_per_1000": adv_rate, "baseline_adverbs_per_1000": ref_adv},
        ))
    if tags >= 20 and share <= LEAN_TAG_ADVERBS * ref_share:
        notes.append(Note(
            STRENGTH,
            f"Your dialogue tags let the lines speak: {len(tag_adv)} of {tags} "
            f"{'carries' if len(tag_adv) == 1 else 'carry'} an -ly adverb "
            f"({100 * share:.0f}%, against {100 * ref_share:.0f}% in published fiction).",
            score=1.0 + (ref_share - share) / ref_share,
            claim={"tag_adverbs": len(tag_adv), "dialogue_tags": tags},
        ))
    # priorities: one per rule that has notes, with the story-wide count
    word_items = [o for o in over if o.words == 1]
    phrase_items = [o for o in over if o.words > 1]
    for code, items, what in (("CRF001", word_items, "words"), ("CRF002", phrase_items, "phrases")):
        if code in codes and items:
            listed = "; ".join(f"“{_shown(o.phrase)}” {o.count} times ({o.ratio:.1f}×)" for o in items[:3])
            top = items[0]
            notes.append(Note(
                PRIORITY,
                f"Vary your pet {what}: {listed}, against published fiction.",
                score=1.5 * per_10k(len(items), words) + sum(min(o.ratio, 10) for o in items) / 10,
                code=code, count=len(items), **at(doc, top.start, top.end),
                claim={"items": [(o.phrase, o.count, o.ratio) for o in items[:3]]},
            ))
    if "CRF003" in codes and wa.echoes:
        e = wa.echoes[0]
        n = len(wa.echoes)
        notes.append(Note(
            PRIORITY,
            f"Listen for echoes: {plural(n, 'place')} where a distinctive word returns within a few words, "
            f"for example “{doc.text[e.second[0]:e.second[1]]}”.",
            score=per_10k(n, words), code="CRF003", count=n,
            **at(doc, e.first[0], e.second[1]),
            claim={"echoes": n},
        ))
    if "CRF004" in codes and wa.opener_runs:
        r = wa.opener_runs[0]
        n = len(wa.opener_runs)
        notes.append(Note(
            PRIORITY,
            f"Vary how sentences start: {plural(n, 'run')} of sentences in a row open with the same word, "
            f"for example “{r.word}” {r.length} times.",
            score=per_10k(n, words), code="CRF004", count=n,
            **at(doc, r.starts[0][0], r.starts[-1][1]),
            claim={"runs": n},
        ))
    if "CRF005" in codes and tag_adv and binom_above(len(tag_adv), tags, ref_share):
        t = tag_adv[0]
        notes.append(Note(
            PRIORITY,
            f"Trim the adverbs on dialogue tags: {len(tag_adv)} of {tags} tags ({100 * share:.0f}%) "
            f"{'carries' if len(tag_adv) == 1 else 'carry'} one, "
            f"against {100 * ref_share:.0f}% in published fiction.",
            score=per_10k(len(tag_adv), words), code="CRF005", count=len(tag_adv),
            **at(doc, t.tag[0], t.tag[1]),
            claim={"tag_adverbs": len(tag_adv), "dialogue_tags": tags},
        ))
    if "CRF006" in codes and poisson_above(stats["adverbs"], words, ref_adv):
        f = next(f for f in findings if f.code == "CRF006")
        n = stats["adverbs"]
        notes.append(Note(
            PRIORITY,
            f"Lean on verbs rather than adverbs: {adv_rate:.1f} -ly adverbs per 1,000 words against {ref_adv:.1f} "
            "in published fiction.",
            score=2.0 * adv_rate / ref_adv, code="CRF006", count=n,
            **at(doc, f.start, f.end),
            claim={"adverbs": n, "adverbs_per_1000": adv_rate},
        ))
    redundant = [f for f in findings if f.code == "CRF007"]
    if "CRF007" in codes and redundant:
        f = redundant[0]
        n = len(redundant)
        notes.append(Note(
            PRIORITY,
            f"Cut the adverbs that repeat their verb: {plural(n, 'place')}, for example "
            f"“{' '.join(doc.text[f.start:f.end].split())}”.",
            score=per_10k(n, words), code="CRF007", count=n,
            **at(doc, f.start, f.end),
            claim={"redundant_adverbs": n},
        ))
    return Provided(stats, notes)


def _shown(phrase: str) -> str:
    """A counted (lowercased) phrase as a writer would write it: the pronoun I capitalised."""
    return " ".join("I" if w == "i" else w for w in phrase.split(" "))
