"""Characters: who is in the story, how the text refers to them, and whose head each scene is in.

One cheap pass over each story paragraph finds, with a few regular expressions over the
paragraph text (no tagger):

* capitalised words that are the story's names (``doc.names``), joined with a title before them
  (``Mr. Darcy``, ``Miss Bennet``) or a surname after them (``Elizabeth Bennet``);
* the pronouns he/she/him/her/his/hers (and ``I`` in narration, for first-person scenes);
* interior verbs (thought, felt, wondered…) with the word just before them as their subject;
* epithets: ``the`` + a describing adjective + a noun for a person (``the taller man``,
  ``the blonde``, ``the raven-haired girl``), from ``data/craft/epithets.json``.

A document pass then groups the name forms into characters (a surname used with a single title
is one person: ``Darcy`` = ``Mr. Darcy``; one used with several is a family: ``Mr. Bennet``,
``Mrs. Bennet``), infers each character's pronoun by a vote (the title; he/she in a sentence
whose only character is that one; He/She opening the sentence after one that opens with the
name), counts mentions and tagged lines of dialogue, and walks the story once more in order,
tracking who was named in the current and previous sentence, to find pronouns that could mean
two characters, interior verbs per character per scene, and epithets near a name.

The result is cached per Document (a weak dictionary), shared by the CRF020–CRF022 rules and
the ``characters``, ``pronouns`` and ``pov`` stats providers.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources

from ..analysis.dialogue import BEAT_VERBS, BOTH_VERBS, SPEECH_VERBS, TAG, speeches
from ..model.memo import LRU
from . import PRIORITY, STRENGTH, Note, Provided
from .wording import at, per_10k, quote

_M, _F = "m", "f"
PRONOUN_OF = {_M: "he", _F: "she"}
PRONOUN_GENDER = {"he": _M, "him": _M, "his": _M, "she": _F, "her": _F, "hers": _F}
_SUBJECT_PRONOUNS = {"he": _M, "she": _F}


def _load(name: str) -> dict:
    path = resources.files("betareader") / "data" / "craft" / name
    return json.loads(path.read_text(encoding="utf-8"))


_CHAR = _load("characters.json")
_EPI = _load("epithets.json")

TITLES: dict[str, str] = _CHAR["titles"]
_TITLE_ALIAS: dict[str, str] = _CHAR["title_aliases"]
NOT_NAMES = frozenset(_CHAR["not_names"])
INTERIOR_VERBS = frozenset(_CHAR["interior_verbs"])
_PLACE_PREPS = frozenset(_CHAR["place_prepositions"])

# --- regular expressions (each starts with a character class, so the scan stays in C) --------
#: a capitalised word not inside another word (possessive ’s left out)
_CAP_RE = re.compile(r"[A-Z](?<![\w’'-].)[a-zA-Z]*")
#: he/she/him/her/hers/his and I, not inside another word
_PRO_RE = re.compile(r"[HhSsI](?<![\w’'-].)(?:he|e|im|ers?|is)?\b")
#: after a subject (a name, he or she): up to two adverbs, then an interior verb
_IV_ADV = r"(?:had|also|only|still|now|then|suddenly|never|always|just|too|already|truly|really|even|[a-z]+ly)"
#: the progressive forms count after ``was``/``were`` (``she was wondering``)
INTERIOR_ING = frozenset(_CHAR["interior_progressive"])
_IV_AFTER_RE = re.compile(
    r"\s+(?:" + _IV_ADV + r"\s+){0,2}(?:(?:was|were)\s+(?:" + _IV_ADV + r"\s+)?(?=[a-z]+ing\b))?("
    + "|".join(sorted(INTERIOR_VERBS | INTERIOR_ING, key=len, reverse=True)) + r")\b"
)
_COMPARATIVES = frozenset(_EPI["comparatives"])
_ADJ = sorted(set(_EPI["comparatives"]) | set(_EPI["colour_adjectives"]), key=len, reverse=True)
_COMPOUND = r"[a-z]+-(?:" + "|".join(_EPI["compound_suffixes"]) + r")"
_NOUNS = sorted(set(_EPI["person_nouns"]) | set(_EPI["role_nouns"]), key=len, reverse=True)
_SOLO = sorted(_EPI["solo_nouns"], key=len, reverse=True)
_EPI_RE = re.compile(
    r"[Tt](?<![\w’'-].)he\s+(?:"
    rf"(?P<adj>{_COMPOUND}|{'|'.join(_ADJ)})\s+(?P<noun>{'|'.join(_NOUNS)})"
    rf"|(?P<comp>{'|'.join(_EPI['comparatives'])})\s+(?P<verb>[a-z]+)"
    rf"|(?P<solo>{'|'.join(_SOLO)}|{_COMPOUND})"
    rf"|(?P<role>{'|'.join(sorted(_EPI['role_nouns'], key=len, reverse=True))})"
    r")\b(?![’'-]\w)"
)
_COMPOUND_EXCLUDE = frozenset(_EPI["compound_exclude"])
_SOLO_NOT_BEFORE = frozenset(_EPI["solo_not_before"])
_COMP_SOLO_VERBS = frozenset(_EPI["comparative_solo_verbs"]) | set(SPEECH_VERBS) | set(BEAT_VERBS) | set(BOTH_VERBS)
_NEXT_WORD_RE = re.compile(r"\s*([a-z]+)")
_PERSON_NOUN_GENDER: dict[str, str] = _EPI["person_nouns"]
_ROLE_GENDER: dict[str, str] = _EPI["role_nouns"]
_SOLO_GENDER: dict[str, str] = _EPI["solo_nouns"]
_CLAUSE_MARKS = ",;:—–("

#: how many sentences back a character still counts as "recently mentioned"
WINDOW = 1


@dataclass(slots=True)
class Character:
    key: tuple
    name: str  # the most frequent way the text writes it
    mentions: int = 0
    dialogue_lines: int = 0
    first_appearance: int = -1
    votes: Counter = field(default_factory=Counter)
    forms: Counter = field(default_factory=Counter)
    titled: int = 0
    speaker: int = 0
    interior: int = 0
    place: int = 0

    @property
    def gender(self) -> str | None:
        """'m' or 'f': the title's when it has one (Mr., Miss), else the vote's when it is clear
        (two votes or more, ≥ 70% of them), else None."""
        t = TITLES.get(self.key[0], "") if self.key[0] else ""
        if t:
            return t
        total = self.votes[_M] + self.votes[_F]
        if total < 2:
            return None
        g = _M if self.votes[_M] > self.votes[_F] else _F
        return g if self.votes[g] >= 0.7 * total else None

    @property
    def confidence(self) -> float:
        if self.key[0] and TITLES.get(self.key[0], ""):
            return 1.0
        total = self.votes[_M] + self.votes[_F]
        return round(max(self.votes[_M], self.votes[_F]) / total, 2) if total else 0.0

    def as_dict(self) -> dict:
        g = self.gender
        return {
            "name": self.name,
            "mentions": self.mentions,
            "dialogue_lines": self.dialogue_lines,
            "first_appearance": self.first_appearance,
            "pronouns": {"pronoun": PRONOUN_OF[g] if g else None, "confidence": self.confidence,
                         "votes": {"he": self.votes[_M], "she": self.votes[_F]}},
        }


@dataclass(slots=True)
class Ambiguous:
    start: int  # the pronoun
    end: int
    pronoun: str
    candidates: tuple[str, ...]  # character names
    sentence: tuple[int, int]  # absolute span of its sentence
    keys: tuple = ()


@dataclass(slots=True)
class Scene:
    index: int
    start: int
    end: int
    words: int = 0
    first_person: bool = False
    interior: Counter = field(default_factory=Counter)  # character key -> interior verbs
    first_interior: dict = field(default_factory=dict)  # key -> (start, end) of subject+verb
    pov: tuple | None = None


@dataclass(slots=True)
class EpithetUse:
    start: int
    end: int
    key: str  # "the taller man"
    kind: str  # "physical" or "role"
    near_name: tuple | None  # the character named nearby with a matching pronoun, if any
    scene: int
    in_pov: bool = False  # that character is the scene's point-of-view character


@dataclass(slots=True)
class CharacterAnalysis:
    characters: list[Character]
    by_key: dict
    pronouns: int = 0  # he/she/him/her/his/hers in narration
    ambiguous: list[Ambiguous] = field(default_factory=list)
    scenes: list[Scene] = field(default_factory=list)
    epithets: list[EpithetUse] = field(default_factory=list)
    words: int = 0

    def name_of(self, key) -> str:
        return self.by_key[key].name


def analyze(doc) -> CharacterAnalysis:
    """The character analysis of ``doc``, computed once per Document and kept on it."""
    got = doc.__dict__.get("_craft_characters")
    if got is None:
        got = doc.__dict__["_craft_characters"] = _analyze(doc)
    return got


# --- per paragraph -------------------------------------------------------------------------
@dataclass(slots=True)
class _Para:
    p: object
    sent_starts: list
    names: list  # (s, e, form, sent, narration)
    pros: list  # (s, e, word, sent, narration, sentence_initial)
    ivs: list  # (s, e, verb, subject (a name form or he/she), subj_start, sent)
    eps: list  # (s, e, key, kind, gender, sent)
    first_person: int


def _quote_spans(a) -> list:
    n = len(a.text)
    spans = sorted((q.start, q.end(n)) for q in a.quotations if q.depth == 0)
    return spans


def _in_spans(spans, starts, pos) -> bool:
    i = bisect_right(starts, pos) - 1
    return i >= 0 and pos < spans[i][1]


def _norm_title(t: str) -> str:
    return _TITLE_ALIAS.get(t, t)


#: paragraph text -> (its capitalised words, those of them that were names, the scan's lists as
#: tuples: read-only, shared by documents, and left alone by the garbage collector)
_SCANS = LRU(20_000)


def _scan_cached(p, names: frozenset) -> _Para:
    """:func:`_scan`, reused from an earlier document with the same paragraph text as long as each
    of its capitalised words is still a name, or still not one: the scan reads nothing else of
    the story."""
    text = p.analysis.text
    got = _SCANS.get(text)
    if got is None or not all((w in names) == (w in got[1]) for w in got[0]):
        seen: list = []
        sp = _scan(p, names, seen)
        caps = tuple(dict.fromkeys(seen))
        got = (caps, tuple(w for w in caps if w in names),
               (tuple(sp.sent_starts), tuple(sp.names), tuple(sp.pros), tuple(sp.ivs), tuple(sp.eps),
                sp.first_person))
        _SCANS.put(text, got)
    return _Para(p, *got[2])


def _scan(p, names: frozenset, seen: list | None = None) -> _Para:
    """One paragraph's names, pronouns, interior verbs and epithets; ``seen`` (a list) gets every
    capitalised word looked up in ``names``, in order."""
    a = p.analysis
    text = a.text
    sents = [s for s, _ in a.sentences] or [0]
    qspans = _quote_spans(a)
    qstarts = [s for s, _ in qspans]
    iv_after = _IV_AFTER_RE.match
    ivs = []

    # names, with a title before them and a surname after them joined
    out_names = []
    prev = None  # (s, e, word) of the previous capitalised word when it is a title
    for m in _CAP_RE.finditer(text):
        w = m.group()
        if seen is not None:
            seen.append(w)
        if w not in names:
            if w in TITLES:
                prev = m.span() + (w,)
            else:
                prev = None
            continue
        s, e = m.span()
        if w in NOT_NAMES or w.lower() in PRONOUN_GENDER:
            # "He" capitalised after a missed full stop is the pronoun pass's, never a name
            prev = None
            continue
        title = None
        if prev is not None:
            gap = text[prev[1]:s]
            if gap in (" ", ". ", "\u00a0", ".\u00a0"):
                title = prev
            prev = None
        elif w in TITLES:
            prev = (s, e, w)
            continue
        if title is None and out_names:
            ls, le, lform, lsent, lnarr = out_names[-1]
            if le + 1 == s and text[le] == " " and lform[2] == "":
                # "Elizabeth Bennet": a surname after a first name
                out_names[-1] = (ls, e, (lform[0], lform[1], w), lsent, lnarr)
                if ivs and ivs[-1][4] == ls:
                    ivs.pop()
                iv = iv_after(text, e)
                if iv is not None and lnarr:
                    ivs.append((iv.start(1), iv.end(1), iv.group(1), (lform[0], lform[1], w), ls, lsent))
                continue
        start = title[0] if title else s
        form = (_norm_title(title[2]) if title else "", w, "")
        sent = bisect_right(sents, start) - 1
        narr = not (qspans and _in_spans(qspans, qstarts, start))
        out_names.append((start, e, form, sent, narr))
        if narr:
            iv = iv_after(text, e)
            if iv is not None:
                ivs.append((iv.start(1), iv.end(1), iv.group(1), form, start, sent))

    pros = []
    first_person = 0
    for m in _PRO_RE.finditer(text):
        w = m.group()
        if w == "I":
            if not (qspans and _in_spans(qspans, qstarts, m.start())):
                first_person += 1
            continue
        lw = w.lower()
        if lw not in PRONOUN_GENDER:
            continue
        s, e = m.span()
        if qspans and _in_spans(qspans, qstarts, s):
            continue
        sent = bisect_right(sents, s) - 1
        pros.append((s, e, lw, sent, w[0].isupper() and s - sents[sent] <= 2))
        if lw in _SUBJECT_PRONOUNS:
            iv = iv_after(text, e)
            if iv is not None:
                ivs.append((iv.start(1), iv.end(1), iv.group(1), lw, s, sent))

    eps = []
    if "he " in text:
        for m in _EPI_RE.finditer(text):
            s, e = m.span()
            if qspans and _in_spans(qspans, qstarts, s):
                continue
            adj, noun, comp, solo, role = m.group("adj", "noun", "comp", "solo", "role")
            if adj:
                if adj in _COMPOUND_EXCLUDE:
                    continue
                key, kind, g = f"the {adj} {noun}", "physical", _PERSON_NOUN_GENDER.get(noun, _ROLE_GENDER.get(noun, ""))
            elif comp:
                if m.group("verb") not in _COMP_SOLO_VERBS:
                    continue
                e = m.end("comp")
                key, kind, g = f"the {comp}", "physical", ""
            elif solo:
                if solo.endswith("-headed") or solo in _COMPOUND_EXCLUDE:
                    continue
                nxt = _NEXT_WORD_RE.match(text, e)
                if nxt and (nxt.group(1) in _SOLO_NOT_BEFORE or nxt.group(1) in _PERSON_NOUN_GENDER):
                    continue
                key, kind, g = f"the {solo}", "physical", _SOLO_GENDER.get(solo, "")
            else:
                nxt = _NEXT_WORD_RE.match(text, e)
                if nxt and nxt.group(1) in ("of",):
                    continue  # "the captain of the guard" names a post, not a person's epithet
                key, kind, g = f"the {role}", "role", _ROLE_GENDER.get(role, "")
            eps.append((s, e, key, kind, g, bisect_right(sents, s) - 1))

    return _Para(p, sents, out_names, pros, ivs, eps, first_person)


def _event_order(event: tuple) -> tuple:
    """Pass 2's events in story order: by place, then by type (a name before a pronoun there);
    stable, so two events of one place and type keep their scan order."""
    return event[0], event[1]


# --- the document ------------------------------------------------------------------------------
def _resolve_forms(form_counts: Counter) -> dict:
    """Map each name form (title, first, surname) to a character key."""
    titles_of: dict[str, set] = {}
    for (t, n, n2) in form_counts:
        if t:
            titles_of.setdefault(n2 or n, set()).add(t)
    titled_n: Counter = Counter()
    for (t, n, n2), k in form_counts.items():
        if t:
            titled_n[n2 or n] += k
    out = {}
    for form in form_counts:
        t, n, n2 = form
        if not t and not n2:
            ts = titles_of.get(n, set())
            if form_counts[form] > 3 * titled_n[n]:
                out[form] = ("", n)  # Anne, Lizzy: far more often bare than with a title
            elif len(ts) == 1:
                out[form] = (next(iter(ts)), n)  # Darcy -> Mr. Darcy
            elif len(ts) > 1:
                out[form] = None  # Bennet: Mr., Mrs. or Miss? unknown
            else:
                out[form] = ("", n)
    for form in form_counts:
        t, n, n2 = form
        if form in out:
            continue
        first = out.get(("", n, ""))
        if not n2 and first != ("", n):
            first = None
        if first is not None and (not t or not first[0] or first[0] == t):
            out[form] = first  # Elizabeth Bennet, Miss Elizabeth Bennet -> Elizabeth
        elif t:
            out[form] = (t, n2 or n)
        elif len(titles_of.get(n2, ())) == 1:
            out[form] = (next(iter(titles_of[n2])), n2)
        else:
            out[form] = ("", f"{n} {n2}")
    return out


def _surface(form: tuple) -> str:
    t, n, n2 = form
    parts = []
    if t:
        parts.append(t + "." if t in ("Mr", "Mrs", "Ms", "Mx", "Dr", "St") else t)
    parts.append(n)
    if n2:
        parts.append(n2)
    return " ".join(parts)


def _analyze(doc) -> CharacterAnalysis:
    names = _story_names(doc)
    level = doc.style.dialogue_level if doc.style else "double"
    scans, scene_of, scenes = _scan_scenes(doc, names)
    forms = _count_forms(scans)
    resolve = _resolve_forms(forms.counts)
    chars = _characters(forms, resolve)
    ana = CharacterAnalysis([], chars, words=sum(s.words for s in scenes))
    ana.scenes = scenes
    fp_count = _Pass2(ana, resolve, level).run(scans, scene_of)
    _scene_views(ana, scenes, fp_count)
    _keep_people(ana, chars, scenes)
    return ana


def _story_names(doc) -> frozenset:
    """The story's names the scan looks for: possessives cut to the name, hyphenated ones left
    out, family plurals (the Bennets, the Lucases) too, since they are not characters."""
    names = {w for w in doc.names if "’" not in w and "'" not in w and "-" not in w}
    names |= {w.split("’")[0].split("'")[0] for w in doc.names if ("’" in w or "'" in w)}
    return frozenset(w for w in names if not (w.endswith("s") and (w[:-1] in names or (w.endswith("es") and w[:-2] in names))))


def _scan_scenes(doc, names: frozenset) -> tuple[list, list[int], list[Scene]]:
    """Each story paragraph's scan, the scene it is in, and the scenes (a scene break, heading
    or title starts a new one)."""
    from ..model.document import HEADING, SCENE_BREAK, TEXT, TITLE

    scans: list[_Para] = []
    scene_of: list[int] = []
    scenes: list[Scene] = []
    fresh = True
    for p in doc.paragraphs:
        if p.kind in (SCENE_BREAK, HEADING, TITLE):
            fresh = True
            continue
        if p.kind != TEXT or p.oversize:
            continue
        if fresh:
            scenes.append(Scene(len(scenes), p.start, p.end))
            fresh = False
        sc = scenes[-1]
        sc.end = p.end
        sc.words += p.analysis.words
        scans.append(_scan_cached(p, names))
        scene_of.append(len(scenes) - 1)
    return scans, scene_of, scenes


@dataclass
class _Forms:
    """Pass 1's counts per name form: mentions, first place, pronoun votes, titles, places."""

    counts: Counter = field(default_factory=Counter)
    first: dict = field(default_factory=dict)
    votes: dict = field(default_factory=dict)
    titled: Counter = field(default_factory=Counter)
    place: Counter = field(default_factory=Counter)

    def vote(self, form, pronoun: str) -> None:
        self.votes.setdefault(form, Counter())[_SUBJECT_PRONOUNS[pronoun]] += 1


def _count_forms(scans) -> _Forms:
    """Pass 1: name forms, mentions, votes, evidence of being a person."""
    forms = _Forms()
    prev_subject = None  # the lone character form opening the previous sentence
    for sp in scans:
        if not sp.names:
            if prev_subject is not None and sp.pros and sp.pros[0][3] == 0 and sp.pros[0][4] and sp.pros[0][2] in _SUBJECT_PRONOUNS:
                forms.vote(prev_subject, sp.pros[0][2])
            prev_subject = None
            continue
        text = sp.p.text
        base = sp.p.start
        names_by_sent: dict[int, list] = {}
        for (s, e, form, sent, narr) in sp.names:
            forms.counts[form] += 1
            if form not in forms.first:
                forms.first[form] = base + s
            if form[0]:
                forms.titled[form] += 1
            elif s >= 3 and text[max(0, s - 9):s].rsplit(None, 1)[-1:] and text[max(0, s - 9):s].rsplit(None, 1)[-1].lower() in _PLACE_PREPS:
                forms.place[form] += 1
            if narr:
                names_by_sent.setdefault(sent, []).append((s, form))
        pros_by_sent: dict[int, list] = {}
        for pr in sp.pros:
            if pr[2] in _SUBJECT_PRONOUNS:
                pros_by_sent.setdefault(pr[3], []).append(pr)
        for si in range(len(sp.sent_starts)):
            ns = names_by_sent.get(si)
            ps = pros_by_sent.get(si)
            if ps and ps[0][4] and prev_subject is not None and (not ns or ns[0][0] > ps[0][0]):
                forms.vote(prev_subject, ps[0][2])
            prev_subject = None
            if ns:
                if len({f for _, f in ns}) == 1 and ns[0][0] - sp.sent_starts[si] <= 1:
                    # the name opens the sentence: a he/she later in it most often means them
                    form = ns[0][1]
                    if ps:
                        after = [pr for pr in ps if pr[0] > ns[0][0]]
                        if after:
                            forms.vote(form, after[0][2])
                    prev_subject = form
    return forms


def _characters(forms: _Forms, resolve: dict) -> dict:
    """The characters by key, their forms' counts added up."""
    chars: dict = {}
    for form, n in forms.counts.items():
        key = resolve[form]
        if key is None:
            continue
        c = chars.get(key)
        if c is None:
            c = chars[key] = Character(key, "")
        c.mentions += n
        c.forms[_surface(form)] += n
        first = forms.first[form]
        if c.first_appearance < 0 or first < c.first_appearance:
            c.first_appearance = first
        c.titled += forms.titled[form]
        c.place += forms.place[form]
        if forms.votes.get(form):
            c.votes.update(forms.votes[form])
    for key, c in chars.items():
        c.name = c.forms.most_common(1)[0][0]
    return chars


class _Pass2:
    """Pass 2: the paragraphs in order, with the characters named in the last few sentences
    (per pronoun gender: character key -> (global sentence, absolute position) of its last
    narration mention, pruned to the last three sentences)."""

    def __init__(self, ana: CharacterAnalysis, resolve: dict, level: str) -> None:
        self.ana = ana
        self.chars = ana.by_key
        self.resolve = resolve
        self.level = level
        self.gender = {k: c.gender for k, c in self.chars.items()}
        # dialogue: tagged lines by name (pronoun tags are resolved here too)
        self.lookup: dict[str, tuple] = {}
        for form, key in resolve.items():
            if key is not None:
                self.lookup.setdefault(_surface(form), key)
                if not form[0] and not form[2]:
                    self.lookup.setdefault(form[1], key)
        self.recent: dict = {_M: {}, _F: {}, None: {}}
        self.every = (self.recent[_M], self.recent[_F], self.recent[None])

    def run(self, scans, scene_of) -> Counter:
        """Every paragraph's events; the first-person pronouns counted per scene."""
        fp_count: Counter = Counter()
        sent_no = 0  # global sentence number of the paragraph's first sentence
        cur = -1
        last_scene = -1
        for sp, sci in zip(scans, scene_of):
            if sci != last_scene:
                for d in self.every:
                    d.clear()
                last_scene = sci
            fp_count[sci] += sp.first_person
            for (s, typ, data, sent, e) in self._events(sp):
                g_sent = sent_no + sent
                if g_sent != cur:
                    cur = g_sent
                    for d in self.every:
                        if d:
                            for k in [k for k, v in d.items() if v[0] < g_sent - 2]:
                                del d[k]
                if typ == 0:
                    self.recent[self.gender.get(data)][data] = (g_sent, s + sp.p.start)
                elif typ == 1:
                    self._pronoun(sp, s, e, data, sent, g_sent)
                elif typ == 2:
                    self._interior(sp, data, g_sent, sci)
                elif typ == 3:
                    self._epithet(sp, data, g_sent, sci)
                else:
                    self._tag(data, g_sent)
            sent_no += len(sp.sent_starts)
        return fp_count

    def _events(self, sp) -> list:
        """(place, type, data, sentence, end): names (0), pronouns (1), interior verbs (2),
        epithets (3) and dialogue tags (4), in story order."""
        p = sp.p
        resolve = self.resolve
        events = []
        for (s, e, form, sent, narr) in sp.names:
            if narr:
                key = resolve.get(form)
                if key is not None:
                    events.append((s, 0, key, sent, e))
        tag_subjects = set()
        if p.analysis.quotations:
            for speech in speeches(p.analysis, self.level):
                att = speech.attribution
                if att is None:
                    continue
                s0 = att.subject_span[0]
                if s0 in tag_subjects:
                    continue  # one tag for two quotations: one line
                tag_subjects.add(s0)  # "said she": the speaker, not a pronoun to resolve
                if att.kind != TAG or speech.continues_sentence:
                    continue
                events.append((s0, 4, att, bisect_right(sp.sent_starts, s0) - 1, att.subject_span[1]))
        for pr in sp.pros:
            if pr[0] not in tag_subjects:
                events.append((pr[0], 1, pr, pr[3], pr[1]))
        for iv in sp.ivs:
            events.append((iv[4], 2, iv, iv[5], iv[1]))
        for ep in sp.eps:
            events.append((ep[0], 3, ep, ep[5], ep[1]))
        events.sort(key=_event_order)  # by place, then type: payloads are never compared
        return events

    def _pronoun(self, sp, s: int, e: int, data, sent: int, g_sent: int) -> None:
        self.ana.pronouns += 1
        d = self.recent[PRONOUN_GENDER[data[2]]]
        if len(d) < 2:
            return
        cands = [k for k, v in d.items() if v[0] >= g_sent - WINDOW]
        if len(cands) < 2:
            return
        # a clue: a name of that pronoun in the same clause, just before it
        p = sp.p
        text, base = p.text, p.start
        sent_start = sp.sent_starts[sent]
        clause = max(max(text.rfind(ch, sent_start, s) for ch in _CLAUSE_MARKS), sent_start)
        if any(d[k][0] == g_sent and d[k][1] - base >= clause for k in cands):
            return
        ss = p.analysis.sentences[sent] if sent < len(p.analysis.sentences) else (s, e)
        self.ana.ambiguous.append(Ambiguous(
            base + s, base + e, data[2], (), (base + ss[0], base + ss[1]), tuple(cands),
        ))

    def _interior(self, sp, data, g_sent: int, sci: int) -> None:
        subj = data[3]
        if isinstance(subj, tuple):
            key = self.resolve.get(subj)
        else:
            d = self.recent[_SUBJECT_PRONOUNS[subj]]
            cands = [k for k, v in d.items() if v[0] >= g_sent - WINDOW]
            key = cands[0] if len(cands) == 1 else None
        if key is None:
            return
        scene = self.ana.scenes[sci]
        base = sp.p.start
        self.chars[key].interior += 1
        scene.interior[key] += 1
        if key not in scene.first_interior:
            scene.first_interior[key] = (base + data[4], base + data[1])

    def _epithet(self, sp, data, g_sent: int, sci: int) -> None:
        es, ee, ekey, kind, g, esent = data
        recent = self.recent
        pool = (recent[g],) if g else (recent[_M], recent[_F])
        cands = [k for d in pool for k, v in d.items() if v[0] >= g_sent - WINDOW - 1]
        near = cands[0] if len(cands) == 1 else None
        base = sp.p.start
        self.ana.epithets.append(EpithetUse(base + es, base + ee, ekey, kind, near, sci))

    def _tag(self, att, g_sent: int) -> None:
        subj = att.subject
        key = self.lookup.get(subj)
        if key is None:
            low = subj.lower()
            if low in _SUBJECT_PRONOUNS:
                d = self.recent[_SUBJECT_PRONOUNS[low]]
                cands = [k for k, v in d.items() if v[0] >= g_sent - 2]
                key = cands[0] if len(cands) == 1 else None
            else:
                words = subj.split()
                if len(words) > 1:
                    key = self.lookup.get(words[-1])
        if key is not None and key in self.chars:
            self.chars[key].dialogue_lines += 1
            self.chars[key].speaker += 1


def _scene_views(ana: CharacterAnalysis, scenes: list[Scene], fp_count: Counter) -> None:
    """Each scene's first person and point of view, and whether each epithet is in it."""
    for sc in scenes:
        sc.first_person = fp_count[sc.index] >= 3 and fp_count[sc.index] >= 0.008 * sc.words
        if sc.interior and not sc.first_person:
            key, n = sc.interior.most_common(1)[0]
            if n >= 2:
                sc.pov = key
    for ep in ana.epithets:
        sc = scenes[ep.scene]
        ep.in_pov = bool(ep.near_name is not None and sc.pov == ep.near_name)


def _keep_people(ana: CharacterAnalysis, chars: dict, scenes: list[Scene]) -> None:
    """Who counts as a character: something a person does or is called.  Places and things that
    got a pronoun by accident are not characters: what hangs on them is dropped."""
    people = []
    for key, c in chars.items():
        evidence = c.titled + c.speaker + c.interior + sum(c.votes.values())
        if c.titled or c.speaker:
            evidence += 2
        if evidence >= 2 and c.place * 3 <= c.mentions:
            people.append(c)
    people.sort(key=lambda c: (-c.mentions, c.first_appearance))
    ana.characters = people
    real = {c.key for c in people}
    kept = []
    for a in ana.ambiguous:
        keys = tuple(k for k in a.keys if k in real)
        if len(keys) >= 2:
            a.keys = keys
            a.candidates = tuple(sorted(chars[k].name for k in keys))
            kept.append(a)
    ana.ambiguous = kept
    for sc in scenes:
        for k in [k for k in sc.interior if k not in real]:
            del sc.interior[k]
            del sc.first_interior[k]
        if sc.pov is not None and sc.pov not in real:
            sc.pov = None
    for ep in ana.epithets:
        if ep.near_name is not None and ep.near_name not in real:
            ep.near_name, ep.in_pov = None, False


# --- stats providers and letter lines ----------------------------------------------------------

_BASE = _load("characters_baseline.json")


def characters_stats(doc, findings) -> Provided:
    """The story's characters (most mentioned first) and the epithets that stand in for names."""

    ana = analyze(doc)
    groups = epithet_groups(doc)
    stats = {
        "count": len(ana.characters),
        "characters": [c.as_dict() for c in ana.characters[:25]],
        "epithets": {g["key"]: g["count"] for g in groups},
    }
    notes = []
    mine = [f for f in findings if f.code == "CRF020"]
    if mine:
        total = sum(g["count"] for g in groups)
        first = mine[0]
        g0 = groups[0]
        notes.append(Note(
            PRIORITY,
            f"Call characters by name: {len(groups)} descriptor{'s' if len(groups) != 1 else ''} stand in for names "
            f"{total} times (“{g0['key']}” {g0['count']}×), for example “{quote(doc, first.start, first.end)}”.",
            score=1.5 * per_10k(total, ana.words), code="CRF020", count=total,
            **at(doc, first.start, first.end),
            claim={"descriptors": len(groups), "uses": total, "top": g0["key"], "top_count": g0["count"]},
        ))
    return Provided(stats, notes)


def pronoun_stats(doc, findings) -> Provided:
    """He/she pronouns in narration, how many could mean two characters, and where."""

    ana = analyze(doc)
    n, amb = ana.pronouns, len(ana.ambiguous)
    rate = 1000 * amb / n if n else 0.0
    base = _BASE["ambiguous_per_1000"]
    worst = ambiguous_sentences(doc)[:3]
    stats = {
        "pronouns": n,
        "ambiguous": amb,
        "ambiguous_per_1000": round(rate, 1),
        "published_median_per_1000": base["median"],
        "worst": [{"start": s, "end": e, "ambiguous": len(a), "could_mean": sorted({c for x in a for c in x.candidates})}
                  for (s, e), a in worst],
    }
    notes = []
    if n >= 100 and rate <= base["median"]:
        notes.append(Note(
            STRENGTH,
            f"Your pronouns stay clear: only {amb} of {n:,} he/she pronouns could refer to two characters.",
            score=1.0 + (base["median"] - rate) / max(base["median"], 1.0),
            claim={"ambiguous": amb, "pronouns": n},
        ))
    mine = [f for f in findings if f.code == "CRF021"]
    # a priority only above every published book (omniscient classics reach ~136 per 1,000)
    if mine and rate > base["max"] * 1.1:
        first = mine[0]
        notes.append(Note(
            PRIORITY,
            f"Make clear who “he” and “she” are: {amb} of {n:,} pronouns ({rate:.0f} per 1,000; in published fiction "
            f"at most about {base['max']:.0f}) could mean two characters just named, for example "
            f"“{quote(doc, first.start, first.end)}”.",
            score=per_10k(amb, ana.words) * 0.5, code="CRF021", count=amb,
            **at(doc, first.start, first.end),
            claim={"ambiguous": amb, "pronouns": n, "per_1000": round(rate)},
        ))
    return Provided(stats, notes)


def pov_stats(doc, findings) -> Provided:
    """Point of view per scene: first person or whose thoughts are told, and head-hops."""

    ana = analyze(doc)
    hops = head_hops(doc)
    told = [s for s in ana.scenes if s.first_person or s.interior]
    stats = {
        "scenes": len(ana.scenes),
        "first_person_scenes": sum(1 for s in ana.scenes if s.first_person),
        "head_hops": len(hops),
        "scene_pov": [
            {"start": s.start, "pov": "first person" if s.first_person else (ana.name_of(s.pov) if s.pov else None),
             "interior": {ana.name_of(k): v for k, v in s.interior.most_common(4)}}
            for s in ana.scenes
        ],
    }
    notes = []
    deep = [s for s in ana.scenes if not s.first_person and s.pov is not None]
    if len(deep) >= 2 and not hops:
        notes.append(Note(
            STRENGTH,
            f"Your point of view holds: each of your {len(deep)} scenes that tell a character's thoughts stays in one head.",
            score=0.8, claim={"scenes": len(deep), "head_hops": 0},
        ))
    mine = [f for f in findings if f.code == "CRF022"]
    if mine:
        first = mine[0]
        notes.append(Note(
            PRIORITY,
            f"Keep one point of view per scene: {len(mine)} scene{'s' if len(mine) != 1 else ''} move between two "
            f"characters' thoughts, for example at “{quote(doc, first.start, first.end)}”.",
            score=3.0 * per_10k(len(mine), ana.words) + 1.0, code="CRF022", count=len(mine),
            **at(doc, first.start, first.end),
            claim={"scenes": len(mine), "of_scenes": len(told)},
        ))
    return Provided(stats, notes)


def _cap(words: int, per_10k: float, floor: int = 1) -> int:
    """How many notes a story of ``words`` words may get from one rule."""
    return max(floor, int(words * per_10k / 10_000))


def _pronoun_word(g: str | None) -> str:
    return {"m": "he", "f": "she"}.get(g or "", "they")


def epithet_groups(doc) -> list[dict]:
    """Descriptors used in place of a name, with their counts: the ones CRF020 reports."""
    ana = analyze(doc)
    by_key: dict[str, list] = {}
    for u in ana.epithets:
        by_key.setdefault(u.key, []).append(u)
    out = []
    for key, uses in by_key.items():
        kind = uses[0].kind
        near = [u for u in uses if u.near_name is not None]
        if kind == "physical":
            # "the smaller boy" right after the boy is named is the classic epithet: once is enough
            compared = key.split(" ")[1] in _COMPARATIVES and len(key.split(" ")) == 3
            fire = (len(uses) >= 3 and near) or len(near) >= 2 or (compared and near)
        else:
            fire = len(near) >= 3 and 2 * len(near) >= len(uses)
        if not fire:
            continue
        names = Counter(u.near_name for u in near)
        who = names.most_common(1)[0][0] if names else None
        out.append({
            "key": key, "kind": kind, "uses": uses, "count": len(uses), "near": len(near),
            "who": who, "in_pov": sum(1 for u in uses if u.in_pov),
        })
    out.sort(key=lambda g: (-g["count"], g["uses"][0].start))
    return out


def ambiguous_sentences(doc) -> list[tuple]:
    """(sentence span, [Ambiguous…]) for sentences with unclear pronouns, worst first."""
    ana = analyze(doc)
    by_sent: dict[tuple, list] = {}
    for a in ana.ambiguous:
        by_sent.setdefault(a.sentence, []).append(a)
    return sorted(by_sent.items(), key=lambda kv: (-len(kv[1]), kv[0][0]))


def head_hops(doc) -> list[dict]:
    """Scenes where two characters' thoughts and feelings are told (two interior verbs or more each)."""
    ana = analyze(doc)
    out = []
    for sc in ana.scenes:
        if sc.first_person:
            continue
        heads = [k for k, n in sc.interior.items() if n >= 2]
        if len(heads) < 2:
            continue
        heads.sort(key=lambda k: sc.first_interior[k][0])
        first, second = heads[0], heads[1]
        out.append({"scene": sc, "first": first, "second": second, "at": sc.first_interior[second]})
    return out
