"""Phrase-level craft analysis: clichés, filter words, told emotions and dialogue tags.

One pass per paragraph finds all three kinds of phrase: a single Aho–Corasick automaton
(pyahocorasick) holds every expanded cliché (``data/craft/cliches.txt``), the filter verbs and
the emotion adjectives, and runs once over the paragraph's lowercased text; each hit is then
checked in place with a small anchored regex.  The result is a pure function of the paragraph's
text, cached by that text, so the three CRF rules and the ``phrases`` stats provider share it.

Dialogue tags come from ``analysis.dialogue`` (the speeches of each story paragraph), counted
once per Document (kept on it) for the tag rules and the ``dialogue_tags`` provider.

The published-fiction figures these notes are compared with (``data/craft/*_baseline.json``)
are built by ``tools/build_craft_tags_baseline.py`` from the clean public-domain books.
"""

from __future__ import annotations

import json
import re
from collections import Counter, OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from ..model import memo

if TYPE_CHECKING:
    from ..model import Document
    from ..model.paragraph import ParagraphAnalysis


def _read(name: str) -> str:
    return (resources.files("betareader") / "data" / "craft" / name).read_text(encoding="utf-8")


def _word_list(name: str) -> frozenset[str]:
    out = set()
    for line in _read(name).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.add(line)
    return frozenset(out)


@lru_cache(maxsize=None)
def baseline(name: str) -> dict:
    """Published-fiction figures shipped in ``data/craft/<name>.json``."""
    return json.loads(_read(f"{name}.json"))


# --------------------------------------------------------------------------- cliché patterns

#: he/his/him/himself… the pronoun slots of one pattern agree in person
PERSONS = (
    {"pron": "he", "poss": "his", "obj": "him", "refl": "himself"},
    {"pron": "she", "poss": "her", "obj": "her", "refl": "herself"},
    {"pron": "they", "poss": "their", "obj": "them", "refl": "themselves"},
    {"pron": "i", "poss": "my", "obj": "me", "refl": "myself"},
    {"pron": "we", "poss": "our", "obj": "us", "refl": "ourselves"},
    {"pron": "you", "poss": "your", "obj": "you", "refl": "yourself"},
)
_SLOTS = ("pron", "poss", "obj", "refl")
_PRONOUNS = frozenset(p["pron"] for p in PERSONS)
_TOKEN_RE = re.compile(r"[()\[\]|]|[^\s()\[\]|]+")


def _regular(base: str) -> tuple[str, str, str]:
    """(third person, past, -ing) of a regular verb."""
    if re.search(r"(?:s|x|z|ch|sh)$", base):
        third = base + "es"
    elif re.search(r"[^aeiou]y$", base):
        third = base[:-1] + "ies"
    else:
        third = base + "s"
    if base.endswith("e"):
        past = base + "d"
    elif re.search(r"[^aeiou]y$", base):
        past = base[:-1] + "ied"
    else:
        past = base + "ed"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")) and len(base) > 2:
        ing = base[:-1] + "ing"
    else:
        ing = base + "ing"
    return third, past, ing


class _Verbs:
    def __init__(self) -> None:
        self.irregular: dict[str, tuple[list[str], list[str], list[str]]] = {}

    def define(self, fields: list[str]) -> None:
        base = fields[0]
        past = fields[1].split("|") if len(fields) > 1 else None
        pp = fields[2].split("|") if len(fields) > 2 else past
        third, rpast, ing = _regular(base)
        past = past or [rpast]
        pp = pp or past
        if len(fields) > 3:
            ings = fields[3].split("|")
        else:
            p0 = past[0]
            # skipped -> skipping: a doubled consonant in the past doubles before -ing too
            if p0.endswith("ed") and len(p0) > 4 and p0[-3] == p0[-4] and not base.endswith(p0[-3] * 2):
                ings = [p0[:-2] + "ing"]
            else:
                ings = [ing]
        self.irregular[base] = ([base, third], past, pp + ings)

    def forms(self, base: str) -> list[str]:
        if base == "be":
            return ["be", "am", "is", "are", "was", "were", "been", "being"]
        if base in self.irregular:
            pres, past, rest = self.irregular[base]
        else:
            third, past1, ing = _regular(base)
            pres, past, rest = [base, third], [past1], [ing]
        return list(dict.fromkeys(pres + past + rest))

    def negated(self, base: str) -> list[str]:
        """didn't know, did not know, don't/doesn't know, never knew, hadn't known…"""
        if base in self.irregular:
            _, past, rest = self.irregular[base]
            pps = [f for f in rest if not f.endswith("ing")] or past
        else:
            past = [_regular(base)[1]]
            pps = past
        out = [f"{aux} {base}" for aux in ("didn't", "did not", "don't", "doesn't")]
        out += [f"never {p}" for p in past]
        out += [f"{aux} {p}" for aux in ("hadn't", "had not", "had never") for p in pps]
        return list(dict.fromkeys(out))


def _parse(tokens: list[str], i: int, stop: str) -> tuple[list, int]:
    """Alternatives (a list of sequences) up to the matching ``stop`` token."""
    alts: list[list] = [[]]
    while i < len(tokens):
        t = tokens[i]
        if t == stop:
            return alts, i + 1
        if t == "|":
            alts.append([])
            i += 1
        elif t in "([":
            sub, i = _parse(tokens, i + 1, ")" if t == "(" else "]")
            if t == "[":
                sub = sub + [[]]
            alts[-1].append(("alt", sub))
        else:
            alts[-1].append(("word", t))
            i += 1
    if stop:
        raise ValueError(f"unclosed group, expected {stop!r}")
    return alts, i


@dataclass(frozen=True, slots=True)
class Pattern:
    index: int
    source: str  # the line as written in cliches.txt
    example: str  # the first expansion, for messages and stats


class _Expander:
    def __init__(self, verbs: _Verbs, sets: dict[str, list[str]]) -> None:
        self.verbs = verbs
        self.sets = sets

    def word(self, w: str, person: dict | None) -> list[str]:
        if w.startswith("{") and w.endswith("}"):
            name = w[1:-1]
            free = name.endswith("*")
            name = name.rstrip("*")
            if name in _SLOTS:
                if free or person is None:
                    return list(dict.fromkeys(p[name] for p in PERSONS))
                return [person[name]]
            return list(self.sets[name])
        if w.startswith("<~") and w.endswith(">"):
            return self.verbs.negated(w[2:-1])
        if w.startswith("<") and w.endswith(">"):
            out: list[str] = []
            for base in w[1:-1].split("|"):
                out += self.verbs.forms(base)
            return out
        return [w]

    def seq(self, seq: list, person: dict | None) -> list[str]:
        """Every expansion of a sequence, single-spaced (an empty optional adds no space)."""
        out = [""]
        for kind, val in seq:
            if kind == "word":
                opts = self.word(val, person)
            else:
                opts = []
                for alt in val:
                    opts += self.seq(alt, person)
            out = [f"{a} {b}" if a and b else a or b for a in out for b in opts]
        return out


_CONTRACT_RE = re.compile(r"\b(he|she|they|i|we|you) had\b")


def _load_cliches() -> tuple[list[Pattern], dict[str, int]]:
    """Every pattern of cliches.txt and its expansions (literal lowercase strings)."""
    verbs = _Verbs()
    sets: dict[str, list[str]] = {}
    lines = []
    for raw in _read("cliches.txt").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("@verb "):
            verbs.define(line.split()[1:])
        elif line.startswith("@set "):
            name, _, vals = line[5:].partition("=")
            sets[name.strip()] = [v.strip() for v in vals.split("|")]
        else:
            lines.append(line)
    exp = _Expander(verbs, sets)
    patterns: list[Pattern] = []
    keys: dict[str, int] = {}
    for line in lines:
        alts, _ = _parse(_TOKEN_RE.findall(line), 0, "")
        seq = [("alt", alts)]
        tied = re.search(r"\{(?:pron|poss|obj|refl)\}", line) is not None
        out: list[str] = []
        for person in PERSONS if tied else (None,):
            out += exp.seq(seq, person)
        if "had" in line or "<~" in line:
            out += [_CONTRACT_RE.sub(r"\1'd", s) for s in out if " had " in s]
        idx = len(patterns)
        patterns.append(Pattern(idx, line, out[0]))
        for s in out:
            if s not in keys:
                keys[s] = idx
    return patterns, keys


# --------------------------------------------------------------------------- filter words and telling

#: filter verbs: form -> (base, kind); "perceive" verbs take an object and an -ing verb, a
#: that/how clause, or (after "could") any object; "realize" verbs take a clause
_FILTER_FORMS = {
    **{f: ("see", "perceive") for f in ("see", "sees", "saw")},
    **{f: ("hear", "perceive") for f in ("hear", "hears", "heard")},
    **{f: ("feel", "perceive") for f in ("feel", "feels", "felt")},
    **{f: ("watch", "perceive") for f in ("watch", "watches", "watched")},
    **{f: ("notice", "perceive") for f in ("notice", "notices", "noticed")},
    **{f: ("realize", "realize") for f in ("realize", "realizes", "realized", "realise", "realises", "realised")},
}
_SUBJECT_STOP = frozenset(
    "The A An But And Then When While If As So Or Nor Yet For It This That There Here What Who Why How "
    "Where Which Now Still Even Only Just Once Soon Later Perhaps Maybe Yes No Oh Ah Well".split()
)
_SUBJECT_BEFORE_RE = re.compile(
    r"(?:^|(?<=[\s(—–\"“”‘’'*_]))(?P<subj>[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e|[A-Z][a-zA-Z'’-]{1,20})"
    r"(?P<aux>\s+(?:could|can)(?:\s+(?:still|now|just|almost|barely|already|also))?)?"
    r"(?:\s+(?:suddenly|then|now|soon|finally|slowly|vaguely|dimly|faintly|distinctly|clearly|immediately|instantly|also|still|just))?\s+$"
)
_DET = r"(?:the|a|an|his|her|their|my|its|our|your|this|that|these|those|some)"
_OBJ_ING_RE = re.compile(
    rf" (?:(?P<det>{_DET}) (?:[a-z'-]+ ){{1,2}}?|(?P<pro>him|them|it|me|us) |"
    r"(?!(?:was|is|his|this|as|its|yes|less|unless|across|always|perhaps|towards|afterwards|sometimes)\b)[a-z]{2,}s )"
    rf"(?P<ing>[a-z]{{3,}}ing)\b"
)
#: verbs that follow "saw the door …" bare (an action, not a noun: "open", not "smile" or "step")
_BARE_AFTER_NOUN = (
    "open shut leave enter come go disappear vanish appear approach tremble shake stiffen flinch wince "
    "stumble collapse explode shatter swell shrink flicker twitch soften darken brighten widen tighten loosen "
    "sink slide glide creep crawl"
).split()
#: …and after "saw him …", where a noun cannot follow: these too
_BARE_AFTER_PRONOUN = _BARE_AFTER_NOUN + (
    "walk run smile laugh cry turn nod shrug sigh grin frown stare look glance sit stand kneel lean reach step "
    "jump fall rise stop start speak say whisper shout scream pause hesitate blush swallow wave point bow dance "
    "sing fight struggle pull push pick grab kiss hug die move climb"
).split()
_OBJ_BARE_RE = re.compile(
    rf" (?:{_DET} (?:(?!(?:of|and|or|in|on|to|with|at|for|from|by)\b)[a-z'-]+ ){{1,2}}?(?:{'|'.join(_BARE_AFTER_NOUN)})|(?:him|them|me|us) (?:{'|'.join(_BARE_AFTER_PRONOUN)}))"
    r"(?![a-z'-])"
)
_CLAUSE_RE = re.compile(r" (?:that|how) (?:[a-z'-]+ )")
_COULD_OBJ_RE = re.compile(rf" (?:{_DET}|him|them|it|me|us|something|someone|somebody|how|what|that) [a-z]")
_REALIZE_RE = re.compile(r" (?:that|how|what|he|she|they|i|we|it|his|her|there|the|someone) [a-z']")

_EVENT_BEFORE_RE = re.compile(r"\b(?:before|until|till|when|after|once|as soon as)\s+$")
_TELL_BEFORE_RE = re.compile(
    r"(?:^|(?<=[\s(—–\"“”‘’'*_]))(?P<subj>[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e|[A-Z][a-zA-Z'’-]{1,20})"
    r"(?:\s+(?:suddenly|still|now|already|just|also|only|immediately|instantly|truly|genuinely))?"
    r"\s+(?P<verb>felt|feels|feel|was|were|is|are|grew|grows|became|becomes|got|gets)"
    r"(?:\s+(?:so|very|really|quite|rather|suddenly|incredibly|extremely|terribly|deeply|utterly|"
    r"completely|oddly|strangely|increasingly|more|too|truly|genuinely|slightly|somewhat|a\s+little|"
    r"a\s+bit|kind\s+of|sort\s+of|more\s+and\s+more|absolutely|totally|really\s+very|so\s+very|awfully|"
    r"horribly|positively))?\s+$"
)
_TELL_AFTER_BE_RE = re.compile(r"\s*(?:[.!?;,…—–]|\b(?:and|but|about|at|by|over|with)\b|$)")
#: after *was*, the feelings that stay told before an infinitive (`was excited to see`); the
#: others are mostly manners of speaking there (`happy to help`, `anxious to leave`)
_TELL_BEFORE_TO = frozenset("excited thrilled nervous scared terrified frightened embarrassed ashamed "
                            "devastated heartbroken disappointed ecstatic overjoyed elated".split())
_TO_RE = re.compile(r"\s+to\s+[a-z]")
_TELL_AFTER_FEEL_RE = re.compile(r"\s*(?:[.!?;,…—–:]|\b(?:and|but|about|at|with|for|that|because|when|as|of|to|by|again|now|all)\b|$)")

_FILTER_WORD_EXTRA = frozenset({"hurt"})  # a feeling after "felt" only


@dataclass(frozen=True, slots=True)
class Hit:
    """A phrase found in one paragraph (offsets relative to the paragraph)."""

    start: int
    end: int
    kind: str  # "cliche", "filter" or "telling"
    key: str  # the cliché's pattern index (as text), the filter verb's base, or the emotion
    detail: str = ""  # filter: "object", "clause" or "could"; telling: the linking verb


class _Data:
    def __init__(self) -> None:
        import ahocorasick

        self.patterns, keys = _load_cliches()
        self.emotions = _word_list("filter_emotions.txt")
        self.ing_nouns = _word_list("filter_ing_nouns.txt")
        self.n_expansions = len(keys)
        # values are ints (cheap to store); a negative one indexes ``self.extra``
        auto = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        extra: dict[str, list] = {}
        for form, (base, kind) in _FILTER_FORMS.items():
            extra.setdefault(form, []).append(("f", base, kind))
        for w in self.emotions | _FILTER_WORD_EXTRA:
            extra.setdefault(w, []).append(("e", w))
        self.extra: list[tuple[str, list]] = []
        for s, vals in extra.items():
            if s in keys:
                vals.append(("c", keys[s]))
            self.extra.append((s, vals))
            auto.add_word(s, -len(self.extra))
        for s, idx in keys.items():
            if s not in extra:
                auto.add_word(s, idx << 8 | len(s))  # the pattern and the key's length
        auto.make_automaton()
        self.automaton = auto


_DATA: _Data | None = None


def data() -> _Data:
    """The automaton and word lists, built on first use (once, then read from the disk cache)."""
    global _DATA
    if _DATA is None:
        from .. import diskcache

        files = [diskcache.data_bytes("craft", n) for n in ("cliches.txt", "filter_emotions.txt", "filter_ing_nouns.txt")]
        key = diskcache.fingerprint(*files, diskcache.module_source(__file__))
        _DATA = diskcache.load_or_build("cliches", key, _Data)
    return _DATA


_NORM = (("’", "'"), ("‘", "'"), ("\n", " "), ("\r", " "), ("\t", " "), ("\u00a0", " "))


def normalize(text: str) -> str:
    """Lowercase, straight apostrophes, one-character whitespace: same length as ``text``."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    for a, b in _NORM:  # str.replace is a C loop; str.translate with a dict is not
        if a in low:
            low = low.replace(a, b)
    return low


def _in_voice(analysis: "ParagraphAnalysis", start: int, end: int) -> bool:
    """Inside dialogue, or wholly inside an emphasised span (an italic thought)?"""
    if analysis.quotations and analysis.in_dialogue(start):
        return True
    return any(s <= start and end <= e for s, e in analysis.emphasis)


#: emotions a beta reads as told in the other shapes below (`a very surprised Nell`, `made her
#: anxious`, `looked overjoyed`): the word list's, and the states of surprise it leaves out
_TELL_ADJ = (r"(?:angry|sad|nervous|scared|frightened|terrified|anxious|worried|upset|furious|jealous|lonely|"
             r"embarrassed|excited|annoyed|irritated|frustrated|depressed|miserable|guilty|ashamed|confused|"
             r"relieved|disappointed|devastated|heartbroken|overjoyed|elated|thrilled|livid|panicked|"
             r"humiliated|uneasy|insecure|bored|ecstatic|overwhelmed|stressed|enraged|irate|resentful|"
             r"shocked|stunned|horrified|disgusted|offended|surprised|startled|bewildered|astonished|"
             r"amused|delighted|pleased|exasperated|flustered|mortified|baffled|perplexed)")
_TELL_NOUN = (r"(?:relief|surprise|dismay|delight|annoyance|chagrin|horror|disappointment|amusement|"
              r"embarrassment|frustration|irritation|disgust|astonishment|consternation|displeasure|joy)")
#: feelings named after `felt a pang/surge/wave of`
_FEELING_NOUN = (r"(?:guilt|fear|anger|jealousy|envy|sadness|regret|sympathy|pity|affection|love|hope|pride|shame|"
                 r"panic|dread|excitement|anxiety|longing|nostalgia|irritation|resentment|grief|sorrow|despair|"
                 r"happiness|joy|relief|annoyance|disappointment|frustration|embarrassment|loneliness|rage|"
                 r"terror|unease|protectiveness|possessiveness|tenderness|gratitude|satisfaction|triumph)")
_TELL_VERB = (r"(?:annoyed|angered|irritated|frustrated|surprised|shocked|delighted|pleased|worried|scared|"
              r"frightened|upset|embarrassed|amused|relieved|saddened|disappointed|terrified|horrified|"
              r"infuriated|thrilled|excited|bothered|unnerved|unsettled|exasperated|irked|annoys|angers|"
              r"irritates|frustrates|surprises|shocks|delights|pleases|worries|scares|frightens|upsets|"
              r"embarrasses|amuses|relieves|saddens|disappoints|terrifies|horrifies|infuriates|bothers)")
_OBJ = r"(?:him|her|them|me|us|you|[A-Z][a-z][\w'’-]*)"
_DEGREE = (r"(?:(?:so|very|really|quite|rather|more|even\s+more|a\s+little|a\s+bit|slightly|utterly|"
           r"completely|absolutely|visibly|clearly|obviously|thoroughly|somewhat|now)\s+)?")
#: emotion told in the shapes a beta marks besides *felt/was angry*: `much to his relief`, `, which
#: annoyed him`, `was in a foul temper`, `a very surprised Nell`, `made her anxious`, `looked
#: overjoyed`; the last three only where the clause ends after the feeling
_TELL_FORMS_RE = re.compile(
    r"\b[Mm]uch\s+to\s+(?:his|her|their|my|our|your|[A-Z][a-z][\w-]*['’]s)\s+(?P<n>" + _TELL_NOUN + r")\b"
    r"|,\s*which\s+(?:really\s+|only\s+|greatly\s+|deeply\s+|just\s+)?(?P<v>" + _TELL_VERB + r")\s+" + _OBJ + r"\b"
    r"|\b(?:was|were|is|are|am)\s+in\s+an?\s+(?:foul|bad|terrible|sour|black|filthy|rotten|grumpy|awful|"
    r"horrible|foul-tempered)\s+(?P<m>mood|temper)\b"
    r"|\b(?:[Aa]|[Aa]n)\s+" + _DEGREE + r"(?P<a>" + _TELL_ADJ + r")\s+(?=[A-Z][a-z]+\b(?![-’']))"
    r"|\b(?:made|makes|making|make)\s+" + _OBJ + r"\s+(?:feel\s+)?" + _DEGREE + r"(?P<e>" + _TELL_ADJ + r")"
    r"(?=\s*(?:[.!?;,…—–]|$))"
    r"|\b(?:looked|seemed|appeared|looks|seems|appears)\s+" + _DEGREE + r"(?P<l>" + _TELL_ADJ + r")"
    r"(?=\s*(?:[.!?;…—–]|$)|\s+(?:for|about|at|by)\s)"
    r"|\b(?:felt|feels|feel|feeling)\s+an?\s+(?:(?:sudden|sharp|small|little|slight|strange|familiar|deep|brief|"
    r"faint|quick|fresh|new|hot|warm|cold|great|huge|overwhelming|strong)\s+)?"
    r"(?:(?P<p>pang)(?!\s+of\s+(?:hunger|thirst|pain))\b"
    r"|(?:stab|twinge|surge|wave|rush|flash|flicker|jolt|spark|pang)\s+of\s+(?P<q>" + _FEELING_NOUN + r")\b)"
)


#: a paragraph without one of these words holds none of those shapes (a cheap test first)
_TELL_WORDS = frozenset(w for part in (_TELL_ADJ, _TELL_NOUN, _TELL_VERB, _FEELING_NOUN) for w in part[3:-1].split("|")) | {
    "mood", "temper", "pang"}
_STRIP = ".,;:!?\"'”“’‘—–()*_…"


def _told(text: str) -> list[Hit]:
    if _TELL_WORDS.isdisjoint(w.strip(_STRIP) for w in text.lower().split()):
        return []
    out = []
    for m in _TELL_FORMS_RE.finditer(text):
        key = next(g for g in ("n", "v", "m", "a", "e", "l", "p", "q") if m.group(g))
        start = text.index("which", m.start()) if key == "v" else m.start()
        out.append(Hit(start, m.end(key), "telling", m.group(key).lower(), key))
    return out


def _scan(analysis: "ParagraphAnalysis") -> tuple[Hit, ...]:
    d = data()
    text = analysis.text
    low = normalize(text)
    n = len(low)
    cliches: list[tuple[int, int, int]] = []
    hits: list[Hit] = []
    for end, val in d.automaton.iter(low):
        if val >= 0:
            start = end - (val & 255) + 1
            vals = (("c", val >> 8),)
        else:
            key, vals = d.extra[-val - 1]
            start = end - len(key) + 1
        if (start > 0 and low[start] != "'" and (low[start - 1].isalnum() or low[start - 1] == "-")) or (
            end + 1 < n and (low[end + 1].isalnum() or low[end + 1] == "-")
        ):
            continue
        for val in vals:
            if val[0] == "c":
                cliches.append((start, end + 1, val[1]))
            elif val[0] == "f":
                h = _filter_hit(text, low, start, end + 1, val[1], val[2], d)
                if h is not None:
                    hits.append(h)
            else:
                h = _telling_hit(text, low, start, end + 1, val[1], d)
                if h is not None:
                    hits.append(h)
    told = _told(text)
    if told:
        have = [(h.start, h.end) for h in hits if h.kind == "telling"]
        hits.extend(h for h in told if not any(a < h.end and h.start < b for a, b in have))
    # longest match first, no overlaps
    cliches.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    last = -1
    for s, e, idx in cliches:
        if s < last:
            continue
        last = e
        hits.append(Hit(s, e, "cliche", str(idx)))
    return tuple(h for h in sorted(hits, key=lambda h: (h.start, h.end)) if not _in_voice(analysis, h.start, h.end))


def _filter_hit(text: str, low: str, s: int, e: int, base: str, kind: str, d: _Data) -> Hit | None:
    m = _SUBJECT_BEFORE_RE.search(text, max(0, s - 48), s)
    if m is None or m.group("subj") in _SUBJECT_STOP:
        return None
    could = m.group("aux") is not None
    start = m.start("subj")
    if kind == "realize":
        if _EVENT_BEFORE_RE.search(low, max(0, start - 16), start):
            return None  # "before he realized…": the realizing is an event of the plot
        c = _REALIZE_RE.match(low, e)
        if c:
            return Hit(start, e, "filter", base, "clause")
        return None
    c = _CLAUSE_RE.match(low, e)
    if c and base != "feel":
        return Hit(start, e, "filter", base, "clause")
    o = _OBJ_ING_RE.match(low, e)
    if o:
        ing = o.group("ing")
        if not (o.group("det") and ing in d.ing_nouns) and ing not in ("something", "nothing", "anything", "everything"):
            return Hit(start, e, "filter", base, "object")
    if _OBJ_BARE_RE.match(low, e):
        return Hit(start, e, "filter", base, "object")
    if could and base in ("see", "hear", "feel") and _COULD_OBJ_RE.match(low, e):
        return Hit(start, e, "filter", base, "could")
    return None


def _telling_hit(text: str, low: str, s: int, e: int, word: str, d: _Data) -> Hit | None:
    m = _TELL_BEFORE_RE.search(text, max(0, s - 64), s)
    if m is None or m.group("subj") in _SUBJECT_STOP:
        return None
    verb = m.group("verb")
    feel = verb in ("felt", "feels", "feel")
    if word in _FILTER_WORD_EXTRA and not feel:
        return None
    after = (_TELL_AFTER_FEEL_RE if feel or verb in ("grew", "grows", "became", "becomes") else _TELL_AFTER_BE_RE).match(text, e)
    if after is None and not (word in _TELL_BEFORE_TO and _TO_RE.match(text, e)):
        return None
    return Hit(m.start("subj"), e, "telling", word, verb)


_CACHE: "OrderedDict[str, tuple[Hit, ...]]" = OrderedDict()
memo.per_text(_CACHE.clear)
_CACHE_SIZE = 65536


def phrases(analysis: "ParagraphAnalysis") -> tuple[Hit, ...]:
    """Clichés, filter words and told emotions of one paragraph's narration (not in dialogue, not in
    an italic thought), cached by text."""
    key = analysis.text
    got = _CACHE.get(key)
    if got is None:
        got = _scan(analysis)
        _CACHE[key] = got
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return got


def cliche_name(hit: Hit) -> str:
    return data().patterns[int(hit.key)].source


# --------------------------------------------------------------------------- dialogue tags

@dataclass(frozen=True, slots=True)
class TagUse:
    start: int  # absolute offsets of the verb
    end: int
    verb: str  # base form
    tag_start: int  # absolute start of the whole tag (speaker and verb, in either order)
    tag_end: int
    line_words: int = 0  # words of the line of speech the tag attributes


@dataclass(frozen=True, slots=True)
class TagStats:
    uses: tuple[TagUse, ...]
    verbs: Counter

    @property
    def total(self) -> int:
        return len(self.uses)

    @property
    def plain(self) -> int:
        return self.verbs.get("say", 0) + self.verbs.get("ask", 0)

    def bookisms(self) -> list[TagUse]:
        neutral = neutral_tag_verbs()
        return [u for u in self.uses if u.verb not in neutral]


@lru_cache(maxsize=1)
def neutral_tag_verbs() -> frozenset[str]:
    return _word_list("tags_neutral.txt")


@lru_cache(maxsize=1)
def sound_tag_verbs() -> frozenset[str]:
    """Verbs of a sound the voice makes (laugh, chuckle, sigh, gasp…): a tag of one says the words
    were made of that sound."""
    return _word_list("tags_sounds.txt")


def tag_stats(doc: "Document") -> TagStats:
    """Every dialogue tag of the story's paragraphs (not the middle of a split quote)."""
    got = doc.__dict__.get("_craft_tags")
    if got is None:
        from ..analysis.dialogue import TAG, speeches

        level = doc.style.dialogue_level if doc.style else "double"
        uses: list[TagUse] = []
        for p in doc.story_paragraphs:
            for sp in speeches(p.analysis, level):
                att = sp.attribution
                if sp.continues_sentence or att is None or att.kind != TAG:
                    continue
                lo = min(att.verb_span[0], att.subject_span[0])
                hi = max(att.verb_span[1], att.subject_span[1])
                q = sp.quotation
                line = p.analysis.text[(q.open + 1 if q.open is not None else 0):q.close] if q.close is not None else ""
                uses.append(TagUse(p.start + att.verb_span[0], p.start + att.verb_span[1], att.verb, p.start + lo,
                                   p.start + hi, len(line.split())))
        got = TagStats(tuple(uses), Counter(u.verb for u in uses))
        doc.__dict__["_craft_tags"] = got
    return got


# --------------------------------------------------------------------------- stock openings
#: waking up: the verb, eyes opening, an alarm going off, sunlight through the window
_WAKE_RE = re.compile(
    r"\b(?:woke|wakes|waking(?!\s+(?:hours?|moments?|dreams?|life|world|nightmares?|thoughts?))|awoke|awoken|"
    r"wake\s+up)\b"
    r"|\b(?:opened|opens|opening)\s+(?:my|his|her|their|our)\s+(?:(?:heavy|bleary|sleepy|tired)\s+)?eyes\b"
    r"|\balarm(?:\s+clock)?\s+(?:rang|rings|ringing|went\s+off|goes\s+off|going\s+off|blared|blares|blaring|"
    r"buzzed|buzzes|buzzing|beeped|beeps|beeping|screamed|screams|shrieked|shrieks)\b"
    r"|\b(?:sun|sunlight|sunshine|morning\s+light|sun['’]s\s+rays|rays\s+of\s+(?:the\s+)?(?:morning\s+)?sun(?:light)?)\s+"
    r"(?:streamed|streams|streaming|shone|shines|shining|poured|pours|pouring|filtered|filters|peeked|peeks|"
    r"crept|creeps|spilled|spills|spilt)\s+(?:in\s+)?(?:through|into|across)\s+(?:the|my|his|her|their)\s+"
    r"(?:\w+\s+)?(?:window|windows|curtains|blinds|room|bedroom)\b",
    re.IGNORECASE,
)
#: a character looking at themself in a mirror …
_MIRROR_RE = re.compile(
    r"\b(?:looked|looks|looking|stared|stares|staring|gazed|gazes|gazing|glanced|glances|peered|peers|studied|"
    r"studies|examined|examines|checked|checks|admired|admires)\s+(?:at\s+)?(?:myself|herself|himself|themselves|"
    r"themself|(?:my|her|his|their)\s+reflection)\s+in\s+(?:the|a|my|her|his|their)\s+(?:[\w-]+\s+)?mirror\b",
    re.IGNORECASE,
)
#: … and describing their own hair or eyes there (`My long brown hair`, `her emerald eyes`)
_SELF_LOOK_RE = re.compile(r"\b(?:my|her|his|their)\s+(?:[\w-]+[\s,]+){1,3}(?:hair|eyes|locks|curls|complexion|skin)\b",
                           re.IGNORECASE)
#: the opening a chapter is judged on: its first this many sentences of story text
OPENING_SENTENCES = 3


def stock_openings(doc: "Document") -> list[tuple[int, int, str]]:
    """(start, end, kind) of each chapter that opens with its character waking up (``wake``: in its
    first :data:`OPENING_SENTENCES` sentences, a call to wake up included) and of the first
    self-description in a mirror (``mirror``, narration only)."""
    out: list[tuple[int, int, str]] = []
    left: dict[int, int] = {}  # chapter -> opening sentences still to read
    mirror = None
    for p in doc.story_paragraphs:
        a = p.analysis
        if a is None:
            continue
        todo = left.setdefault(p.chapter, OPENING_SENTENCES)
        if todo > 0 and a.sentences:
            # a shout to wake up counts: the day starting is the opening either way
            upto = a.sentences[min(todo, len(a.sentences)) - 1][1]
            left[p.chapter] = max(0, todo - len(a.sentences))
            m = _WAKE_RE.search(p.text, 0, upto)
            if m is not None:
                out.append((p.start + m.start(), p.start + m.end(), "wake"))
                left[p.chapter] = 0
        if mirror is None and ("mirror" in p.text or "Mirror" in p.text):
            for m in _MIRROR_RE.finditer(p.text):
                if _in_voice(a, m.start(), m.end()):
                    continue
                # the self-description: in the same sentence or the next two
                sents = [s for s in a.sentences if s[1] > m.start()][:3]
                end = sents[-1][1] if sents else len(p.text)
                if _SELF_LOOK_RE.search(p.text, m.end(), end):
                    mirror = (p.start + m.start(), p.start + m.end(), "mirror")
                    break
    if mirror is not None:
        out.append(mirror)
    return sorted(out)
