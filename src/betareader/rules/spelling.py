"""Spelling rules (SPL): unknown words, misspelt names, run-together words, contractions.

All four read one shared, per-document spelling pass (:func:`spelling_pass`): the per-paragraph
candidates of :mod:`betareader.spelling.policy` (cached by paragraph text, so an edit re-checks one
paragraph) filtered by what the whole story shows (its names, its repeated coinages, the personal
dictionary, a character's dialect).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..analysis.dialogue import speeches
from ..model import DOUBLE, memo
from ..model.words import cased
from ..spelling.policy import (
    _CONTRACTION_WORDS,
    CRAFT,
    ERROR,
    HABITUAL,
    OWN_WORD_USES,
    Candidate,
    judge,
    not_english,
    paragraph_spelling,
    runons,
    split_common,
    story_words,
    unknown_share,
)
from ..spelling.shape import spelling_slip, typing_slip
from .base import ALWAYS, SAFE, SOMETIMES, UNSAFE, Edit, Rule, register
from .base import CRAFT as CRAFT_KIND
from .grammar._data import _irregular

#: a document with at least this many unknown words, 40% of its words or more, is not English
NOT_ENGLISH_DOC_MIN = 50
#: paragraph kinds the speller reads
SPELL_KINDS = frozenset({"text", "note"})

#: a contraction written without its apostrophe -> the contraction
CONTRACTIONS = {
    "dont": "don't", "didnt": "didn't", "doesnt": "doesn't", "isnt": "isn't", "wasnt": "wasn't",
    "werent": "weren't", "couldnt": "couldn't", "wouldnt": "wouldn't", "shouldnt": "shouldn't",
    "hasnt": "hasn't", "havent": "haven't", "hadnt": "hadn't", "arent": "aren't", "mustnt": "mustn't",
    "neednt": "needn't", "im": "I'm", "ive": "I've", "youre": "you're", "youve": "you've",
    "youll": "you'll", "youd": "you'd", "theyre": "they're", "theyve": "they've", "theyll": "they'll",
    "theyd": "they'd", "weve": "we've", "thats": "that's", "itll": "it'll", "thatll": "that'll",
    "wouldve": "would've", "couldve": "could've", "shouldve": "should've", "mightve": "might've",
}
assert set(CONTRACTIONS) == _CONTRACTION_WORDS


@dataclass
class SpellingPass:
    """Every candidate of the document with its verdict."""

    #: (absolute start, absolute end, candidate, excuse or None when it is an error)
    items: list[tuple[int, int, Candidate, str | None]]
    #: the candidates the speller is unsure of (CRAFT verdicts): (start, end, candidate, why)
    unsure: list[tuple[int, int, Candidate, str]]
    #: capitalised words of the story and how often each is used
    capitals: Counter
    #: the share of the paragraphs with speech that show eye dialect (see StoryWords.plain_speech)
    speech_dialect: float = 0.0
    #: misspellings the story repeats (the HABITUAL verdict) and how often it writes each
    habitual: dict[str, int] = field(default_factory=dict)
    _frequent: list | None = field(default=None, repr=False, compare=False)

    def frequent_capitals(self) -> list[tuple[str, int]]:
        """The capitalised words used ten times or more (the names a rare spelling may slip from),
        in ``capitals`` order."""
        if self._frequent is None:
            self._frequent = [(w, k) for w, k in self.capitals.items() if k >= 10]
        return self._frequent


_CAP_RE = re.compile(r"(?<![\w'’-])[A-Z][a-z]+(?:['’-][A-Za-z]+)?(?![\w'’-])")


@lru_cache(maxsize=65536)
def _capitals(text: str) -> Counter:
    """Capitalised words (possessives counted as the name itself)."""
    return Counter(w[:-2] if w.endswith(("'s", "’s")) else w for w in _CAP_RE.findall(text))


memo.per_text(_capitals.cache_clear)


def spelling_pass(doc, ctx) -> SpellingPass:
    """The shared spelling pass for ``doc`` (computed once per document and personal dictionary)."""
    personal = frozenset(ctx.options.get("words") or ()) if ctx.options else frozenset()
    personal |= metadata_words(doc)
    cached = doc.__dict__.get("_spelling_pass")
    if cached is not None and cached[0] == personal:
        return cached[1]
    found: list[tuple[int, Candidate]] = []
    capitals: Counter = Counter()
    paras = [p for p in doc.paragraphs if p.kind in SPELL_KINDS]
    shares = [unknown_share(p.text) for p in paras]
    if not_english(sum(u for u, _ in shares), sum(w for _, w in shares), NOT_ENGLISH_DOC_MIN):
        paras = []  # not English (another language, code, a cipher): nothing a speller can help with
    spelt = []
    for p in paras:
        ps = paragraph_spelling(p.text)
        spelt.append((p.start, ps))
        found.extend((p.start, c) for c in ps.candidates)
        capitals.update(_capitals(p.text))
    counts = Counter(c.lower for _, c in found)
    own = {w for w, n in counts.items() if n >= OWN_WORD_USES}
    level = doc.style.dialogue_level if doc.style else DOUBLE
    voices, speakers = [], []
    lines: Counter = Counter()  # speaker -> paragraphs of speech tagged to them
    dialect_lines: Counter = Counter()  # speaker -> those that show eye dialect
    for p, (start, ps) in zip(paras, spelt):
        # the story's own odd words (haf, goot) in a speech are that character's voice, as dialect words are
        voice = 2 * sum(1 for c in ps.candidates if c.dialogue and c.lower in own and not c.capital) if own else 0
        who = _speaker(p, level) if ps.speech else None
        voices.append(voice)
        speakers.append(who)
        if who is not None:
            lines[who] += 1
            dialect_lines[who] += ps.speech_dialect + voice > 0
    # a character whose tagged speech often shows eye dialect speaks it in every line (Mr. Hawk's "Yiss")
    dialect_speakers = {w for w, n in dialect_lines.items()
                        if n >= DIALECT_SPEAKER_LINES and n >= DIALECT_SPEAKER_SHARE * lines[w]}
    found, dialect_paras, speech_paras = [], 0, 0
    for (start, ps), voice, who in zip(spelt, voices, speakers):
        cands = ps.candidates
        if who in dialect_speakers:
            voice += 2
        if voice:
            cands = [replace(c, dialect=c.dialect + voice) if c.dialogue and c.lower not in own else c for c in cands]
        dialect_paras += ps.speech_dialect + voice > 0
        speech_paras += ps.speech
        found.extend((start, c) for c in cands)
    story = story_words([c for _, c in found], personal, dialect_paras / max(speech_paras, 1), speech_paras)
    lower = doc.lowercase_words
    items, unsure = [], []
    habitual: dict[str, int] = {}
    for start, c in found:
        level, why = judge(c, story, lower)
        items.append((start + c.start, start + c.end, c, None if level == ERROR else why))
        if level == CRAFT:
            unsure.append((start + c.start, start + c.end, c, why))
        elif level == ERROR and why == HABITUAL:
            habitual[c.lower] = story.counts[c.lower]
    result = SpellingPass(items, unsure, capitals, story.speech_dialect, habitual)
    doc.__dict__["_spelling_pass"] = (personal, result)
    return result


#: a speaker with at least this many tagged paragraphs of eye-dialect speech, and at least this share of
#: their tagged paragraphs, speaks dialect throughout: their odd words are their voice
DIALECT_SPEAKER_LINES = 2
DIALECT_SPEAKER_SHARE = 0.2


def _speaker(p, level) -> str | None:
    """The named speaker a paragraph's speech is tagged to (``said Mr. Hawk`` gives ``Hawk``), or None."""
    for sp in speeches(p.analysis, level):
        att = sp.attribution
        if att is not None and not att.pronoun and att.subject[:1].isupper():
            return att.subject.split()[-1]
    return None


#: metadata fields whose words are the story's own (AO3 tags, FanFicFare's subjects)
METADATA_FIELDS = ("title", "fandoms", "characters", "relationships", "tags", "authors")
_META_WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def metadata_words(doc) -> frozenset[str]:
    """Words of the work's metadata tags (``Hermione Granger/Draco Malfoy`` gives both names)."""
    meta = getattr(doc, "metadata", None) or {}
    out: set[str] = set()
    for key in METADATA_FIELDS:
        values = meta.get(key) or ()
        for v in [values] if isinstance(values, str) else values:
            if isinstance(v, str):
                for w in _META_WORD_RE.findall(v):
                    out.add(w)
                    out.update(w.replace("’", "'").split("'")[:1])
    return frozenset(out)


class _SpellingRule(Rule):
    scope = "document"
    heavy = True  # the lexicon, frequency table and suggestion index: tens of MB
    fix_availability = ALWAYS
    kinds = SPELL_KINDS


@register
class UnknownWord(_SpellingRule):
    """A word that is not in the dictionary and that the story does not make its own.

    ## What it does
    Checks every word against a large English lexicon (SCOWL size 80 in every spelling variant:
    American, British -ise and -ize, Canadian, Australian) and reports the ones it does not know, with
    up to five suggestions ranked by edit distance, sound and word frequency. It learns the story's own
    words first and never reports: names and invented words (capitalised and never written in
    lowercase, or used three times or more), words in your personal dictionary, stutters (`W-what`),
    elongations (`Nooooo`), sounds (`hmm`, `shhh`, `mmph`), dialect and informal speech (`gonna`,
    `'em`, `goin'`, a character whose speech shows eye dialect), profanity and explicit words, foreign
    phrases, URLs and e-mail addresses. A word one slip away from a common word (`recieve`, `teh`), or a
    cheap slip of a very common one (`tihkn`, `seiad`), is reported even where a looser policy would let
    it pass. So is a garbled word: letters in an order no frequent English word has (`hwihc`,
    `qtuie`), with a dictionary word close by. A lowercase word the narration uses three times or
    more is the story's own unless it is one spelling slip from a common word (a doubled letter
    single or a single one doubled, two letters swapped, one vowel for another: `definately`,
    `untill`, `seperate`): that is a habit, told once where it first appears, with the count.
    A coinage far from every word (`flumbrigax`) is asked
    about instead (SPL005). In a story whose characters all speak standard English, odd words in speech
    are checked as strictly as narration; where some speak eye dialect, their odd words are asked about
    (SPL005), except two swapped letters (`beacuse`) and letter orders no English word has, which eye
    dialect, written to be read, never shows, and a one-off respelling of one of the commonest words
    (`abould`, `thigsn`) in a line that shows no other sign of a voice: a voice that respelt a word that
    common would do it all through a character's lines. A capitalised word used once or twice is taken for a name
    unless it is a slip of a common word with letters no name has (`Iy`, `Thikns`). A paragraph (or a
    whole text) that is mostly words no English dictionary knows (another language, code, a cipher) is
    left alone.

    ## Why it matters
    Typos are the first thing readers notice and the first thing authors ask a beta reader to catch;
    the usual spell checker buries them under the story's names and slang.

    ## Example
    `She didn't recieve the letter.` suggests `receive`.

    ## Fix safety
    Unsafe: the first suggestion is offered as the fix, but only the author knows the word they meant.
    Add a word to your dictionary with `betareader add-word WORD` or `words = [...]` in betareader.toml.
    """

    code = "SPL001"
    name = "unknown-word"
    fix_availability = SOMETIMES  # when a suggestion is found
    fix_applicability = UNSAFE

    def check_document(self, doc, ctx):
        from ..spelling.suggest import suggest

        text = doc.text
        sp = spelling_pass(doc, ctx)
        told: set[str] = set()
        places: dict[str, list[tuple[int, int]]] = {}
        if sp.habitual:
            for s, e, c, why in sp.items:
                if why is None and c.lower in sp.habitual:
                    places.setdefault(c.lower, []).append((s, e))
        notes = [(p.start, p.end) for p in doc.paragraphs if p.kind == "note"]
        note_starts = [a for a, _ in notes]
        for s, e, c, why in sp.items:
            if why is not None or c.reason != "unknown":
                continue
            if c.capital and _name_typo(doc, ctx, c) is not None:
                continue  # SPL002 reports it
            k = bisect_right(note_starts, s) - 1 if notes else -1
            if k >= 0 and s < notes[k][1] and not (typing_slip(c.lower) or spelling_slip(c.lower, 3.0)):
                continue  # an author's note is chat ("smol", "hiya"): only a plain typo there (thnak, writen)
            word = text[s:e]
            uses = sp.habitual.get(c.lower)
            if uses is not None:
                if c.lower in told:
                    continue  # a habit is told once, where it first appears
                told.add(c.lower)
                right = spelling_slip(c.lower)
                fix = cased(word, right)
                # one finding, where the habit first shows; its fix mends every place
                edits = [Edit(a, b, cased(text[a:b], right)) for a, b in places.get(c.lower, [(s, e)])]
                yield self.finding(s, e, f"'{word}' is not in the dictionary, and the story writes it {uses} times: "
                                   f"did you mean '{fix}' each time?", edits=edits, suggestions=(fix,))
                continue
            standard = _standard_forms(c.lower)
            if standard and not c.dialogue and c.lower not in _PAST_CHOICES:
                continue  # a regularised past in narration: GRM005 reports it with the standard form
            sugg = [cased(word, f) for f in standard] if standard else suggest(word, 5)
            if sugg:
                msg = f"'{word}' is not in the dictionary. Did you mean '{sugg[0]}'?"
                yield self.finding(s, e, msg, sugg[0], suggestions=sugg)
            else:
                yield self.finding(s, e, f"'{word}' is not in the dictionary (no close word found).")


#: regularised pasts whose standard form depends on the meaning, so GRM005 leaves them to the speller
_PAST_CHOICES = {"layed": ("laid", "lay")}


def _standard_forms(lw: str) -> tuple[str, ...]:
    """The standard forms of a regularised past ("shaked": shook, shaken), or ()."""
    got = _irregular().get(lw)
    if got is not None:
        return tuple(dict.fromkeys(got))
    return _PAST_CHOICES.get(lw, ())


def _name_typo(doc, ctx, c: Candidate) -> str | None:
    """The frequent story name that ``c`` (a rare capitalised word) is one slip away from."""
    sp = spelling_pass(doc, ctx)
    caps = sp.capitals
    n = caps.get(c.word, 0)
    if n > 2 or len(c.word) < 4:
        return None
    from rapidfuzz.distance import OSA

    best = None
    lower = doc.lowercase_words
    word = c.word
    for name, k in sp.frequent_capitals():
        if k < 10 or k < 10 * max(n, 1) or name[0] != word[0] or abs(len(name) - len(word)) > 1:
            continue
        plural = (name + "s" == word and name[-1] != "s") or (word + "s" == name and word[-1] != "s")
        if name == word or name.lower() in lower or plural or word == name + "y":
            continue  # not a name (the story writes it lowercase too), a name's plural or adjective (Bhaery)
        if OSA.distance(name, word, score_cutoff=1) <= 1 and (best is None or k > caps[best]):
            best = name
    return best


@register
class MisspeltName(_SpellingRule):
    """A rare spelling one slip away from a name the story uses often.

    ## What it does
    Learns the story's names from how often each capitalised word is used, and reports a capitalised
    word used once or twice that is one letter (or one swap of two letters) away from a name used at
    least ten times as often: one `Hermoine` beside forty `Hermione`.

    ## Why it matters
    A misspelt character name is easy to miss on a re-read and jarring for readers who know the name;
    a dictionary cannot catch it because neither spelling is an English word.

    ## Example
    `Hermoine smiled.` in a story that says `Hermione` forty times suggests `Hermione`.

    ## Fix safety
    Unsafe: two characters can have names one letter apart (`Jon` and `Joe`); check before accepting.
    """

    code = "SPL002"
    name = "misspelt-name"
    fix_applicability = UNSAFE

    def check_document(self, doc, ctx):
        sp = spelling_pass(doc, ctx)
        for s, e, c, why in sp.items:
            if why not in (None, "name") or c.reason != "unknown" or not c.capital:
                continue
            name = _name_typo(doc, ctx, c)
            if name is not None:
                msg = f"'{c.word}' appears {sp.capitals.get(c.word, 1)}x; the story spells '{name}' {sp.capitals[name]}x."
                yield self.finding(s, e, msg + f" Did you mean '{name}'?", name)


@register
class RunTogether(_SpellingRule):
    """Two words written as one (`eachother`, `infront`, `atleast`).

    ## What it does
    Finds a short list of phrases often run together (`eachother`, `aswell`, `infront`, `atleast`,
    `everytime`, `noone`, `ofcourse`, `inspite`, `alittle`, `abit`, ...) and splits them, and any
    unknown word that reads, one way only, as two of the hundred commonest words (`onthe`, `itwas`,
    `ifyou`; the second of three letters or more, so dialect's `goin` and `dono` are left alone).
    `alot` has its own rule (GRM002).

    ## Why it matters
    They read as typos, and a spell checker that accepts any two known words run together lets them
    through.

    ## Example
    `They looked at eachother.` becomes `They looked at each other.`

    ## Fix safety
    Safe for the listed forms: each has exactly one standard spelling. Unsafe for the others: the
    split is the only one into two common words, but the writer may have meant another word.
    """

    code = "SPL003"
    name = "run-together"
    fix_applicability = SAFE

    def check_document(self, doc, ctx):
        table = runons()
        for s, e, c, why in spelling_pass(doc, ctx).items:
            if c.reason == "runon" and why is None:
                listed = table.get(c.lower)
                fix = cased(c.word, listed or split_common(c.lower))
                yield self.finding(s, e, f"'{c.word}' is two words: '{fix}'.", fix,
                                   applicability=SAFE if listed else UNSAFE)


@register
class ContractionApostrophe(_SpellingRule):
    """A contraction with its apostrophe missing or misplaced (`dont`, `did'nt`).

    ## What it does
    Finds contractions written without their apostrophe (`dont`, `didnt`, `im`, `youre`, `thats`,
    `couldve`) or with it before the `n` (`did'nt`, `could'nt`) and puts it where it belongs. Forms
    that are also words (`cant`, `wont`, `were`, `well`, `ill`, `its`, `lets`, `hell`, `shell`) are
    left alone; `its`/`it's` has its own rule (GRM006).

    ## Why it matters
    Missing apostrophes read as texting shorthand or a typo, even inside dialogue.

    ## Example
    `I dont know.` becomes `I don't know.`; `She did'nt.` becomes `She didn't.`

    ## Fix safety
    Safe: each form has exactly one contraction, and the fix keeps the story's apostrophe style
    (curly or straight) and the word's capitals.
    """

    code = "SPL004"
    name = "contraction-apostrophe"
    fix_applicability = SAFE

    def check_document(self, doc, ctx):
        curly = doc.style is not None and doc.style.sq_curly > doc.style.sq_straight
        apos = "’" if curly else "'"
        text = doc.text
        for s, e, c, why in spelling_pass(doc, ctx).items:
            if why is not None:
                continue  # the personal dictionary, or a character's eye dialect (SPL005 asks)
            word = text[s:e]
            if c.reason == "nt":  # did'nt -> didn't, ca'nt -> can't
                fixed = c.lower.replace("'nt", "n't").replace("'", "’" if "’" in word else "'")
                repl = cased(word, fixed)
            elif c.reason == "contraction" and c.lower in CONTRACTIONS:
                target = CONTRACTIONS[c.lower]
                repl = (target.upper() if word.isupper() and len(word) > 1 else
                        target if target.startswith("I'") else cased(word, target)).replace("'", apos)
            else:
                continue
            yield self.finding(s, e, f"'{word}' needs its apostrophe: '{repl}'.", repl)


@register
class UnsureSpelling(_SpellingRule):
    """A word the dictionary does not know but that may be meant: check it once.

    ## What it does
    Lists the unknown words the speller will not call errors: words far from any common word
    (a coinage, a rare technical or foreign word, or a badly garbled typo), and odd words in a speech
    that shows eye dialect (`sperrit`, `foller` beside `goin'` and `'em`, or in the lines of a character
    whose speech often does) or in a story where some characters speak dialect. Each is reported once per
    spelling, with suggestions, as advice rather than an error. Names, words the story uses three
    times or more, and your dictionary's words are never listed. Nor are words set off in italics or
    quotation marks (`*parti*`, the "go abroady" trunk), unless they look like a typing slip of a common
    word (`*hoenst*`), or the odd words of a line of speech that has three or more of them: that line is
    written in a voice.

    ## Why it matters
    A human beta reader would ask "did you mean this?" about these words rather than mark them wrong.
    Adding the deliberate ones to your dictionary (`betareader add-word WORD`) silences them for good.

    ## Example
    `"Tha' knows nowt o' th' sperrit," said Martha.` asks about `sperrit` (spirit?).

    ## Fix safety
    Unsafe: only the author knows whether the spelling is deliberate.
    """

    code = "SPL005"
    name = "unsure-spelling"
    fix_availability = SOMETIMES
    kind = CRAFT_KIND
    severity = "info"
    fix_applicability = UNSAFE

    def check_document(self, doc, ctx):
        from ..spelling.suggest import suggest

        text = doc.text
        seen: set[str] = set()
        for s, e, c, why in spelling_pass(doc, ctx).unsure:
            if c.lower in seen:
                continue
            seen.add(c.lower)
            word = text[s:e]
            sugg = suggest(word, 5)
            where = "in this speech" if c.dialogue else "here"
            if sugg:
                msg = f"'{word}' is not in the dictionary; deliberate {where}, or '{sugg[0]}'?"
                yield self.finding(s, e, msg, sugg[0], suggestions=sugg)
            else:
                yield self.finding(s, e, f"'{word}' is not in the dictionary; deliberate {where}?")
