"""Word-level grammar (GRM): slips that a pattern over a few neighbouring words settles.

Each rule is first a set of regular expressions over one paragraph and small context
windows (the word before, the word after, the start of the sentence).  Every pattern is
chosen so that, where it matches, the error is certain; where the words around it leave
room for doubt, the rule stays quiet.  For its/it's, your/you're and their/there/they're a
second stage reads part-of-speech tags (``analysis.tagger``: spaCy, loaded lazily, on a few
words around each candidate that the cheap patterns could not settle and a cheap look at the
neighbours leaves open), still quiet when unsure.  In fiction that means: never inside URLs,
never on a word the story quotes or italicises as a word (`he wrote "alot"`), never on the
story's own names, and (for the rules that dialect can explain) never inside dialogue.

Word lists are data files in ``betareader/data/grammar``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from importlib import resources

from ..analysis import tagger
from ..model.paragraph import ABBREVIATIONS
from ..model.memo import LRU
from ..model.scan import skip_back
from .base import ALWAYS, SAFE, UNSAFE, Rule, register

# --------------------------------------------------------------------------- data files


def _lines(name: str) -> list[str]:
    text = (resources.files("betareader") / "data" / "grammar" / name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


class _WordList:
    """Exact words (plus a plural -s) and prefixes (entries ending in ``*``)."""

    def __init__(self, entries: list[str]) -> None:
        self.exact = frozenset(e for e in entries if not e.endswith("*"))
        self.prefixes = tuple(e[:-1] for e in entries if e.endswith("*"))

    def __contains__(self, word: str) -> bool:
        w = word.lower()
        if w in self.exact or (w.endswith("s") and w[:-1] in self.exact):
            return True
        return w.startswith(self.prefixes) if self.prefixes else False


@lru_cache(maxsize=None)
def _a_words() -> _WordList:
    return _WordList(_lines("a_before_vowel_letter.txt"))


@lru_cache(maxsize=None)
def _an_words() -> _WordList:
    return _WordList(_lines("an_before_consonant_letter.txt"))


@lru_cache(maxsize=None)
def _either_words() -> _WordList:
    return _WordList(_lines("a_an_either.txt"))


@lru_cache(maxsize=None)
def _letter_initialisms() -> frozenset[str]:
    return frozenset(_lines("letter_initialisms.txt"))


@lru_cache(maxsize=None)
def _word_acronyms() -> frozenset[str]:
    return frozenset(_lines("word_acronyms.txt"))


@lru_cache(maxsize=None)
def _irregular() -> dict[str, tuple[str, str]]:
    """wrong form -> (standard past, standard past participle)."""
    out = {}
    for line in _lines("irregular_past.txt"):
        parts = line.split()
        out[parts[0]] = (parts[1], parts[2] if len(parts) > 2 else parts[1])
    return out


@lru_cache(maxsize=None)
def _set(name: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _lines(name))


# --------------------------------------------------------------------------- helpers

_A = "['’]"  # an apostrophe, straight or curly
_B = r"(?<![\w'’-])"  # start of a word
_E = r"(?![\w'’-])"  # end of a word (not followed by more word, an apostrophe or a hyphen)
_E_NOHYPHEN = r"(?![\w'’]|-\w)"
#: Between two words: spaces or one line break (hard-wrapped text), and emphasis marks
#: ("It's *you're* fault").
_S = r"[*_]{0,2}(?:[ \t]+|[ \t]*\r?\n[ \t]*)[*_]{0,2}"

_TLDS = "com|org|net|edu|gov|io|co|uk|me|tv|ly|gg|info"
_PROTECTED_RE = re.compile(
    r"(?:https?://|ftp://|www\.)[^\s<>\"”]+"  # URLs
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?<![\w])[@#][\w-]+"  # handles and hashtags
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:" + _TLDS + r")\b[^\s\"”]*"  # bare domains
    r"|`[^`\n]+`"  # inline code
    r"|<[^<>\n]+>",  # HTML tags
    re.I,
)

_PREV_WORD_RE = re.compile(r"([^\W\d_]+(?:['’][^\W\d_]+)*)[ \t]*(?:\r?\n)?[ \t]*\Z")
_NEXT_WORD_RE = re.compile(r"[ \t]*(?:\r?\n)?[ \t]*[*_]*([^\W\d_]+(?:['’][^\W\d_]+)*)")


#: something every kind of protected span contains (a quick test: scanning for bare domains is slow)
_PROTECTED_HINT_RE = re.compile(r"[@#`<]|://|www\.|\.(?:" + _TLDS + r")\b", re.I)


@lru_cache(maxsize=32768)
def _protected(text: str) -> tuple[tuple[int, int], ...]:
    if not any(c in text for c in ".@#`<") or not _PROTECTED_HINT_RE.search(text):
        return ()
    return tuple(m.span() for m in _PROTECTED_RE.finditer(text))


def _overlaps(spans, s: int, e: int) -> bool:
    return any(a < e and s < b for a, b in spans)


def prev_word(text: str, pos: int) -> str:
    """The word just before ``pos`` (only spaces between), or ''."""
    m = _PREV_WORD_RE.search(text, max(0, pos - 40), pos)
    return m.group(1) if m else ""


def next_word(text: str, pos: int) -> str:
    """The word just after ``pos`` (only spaces and emphasis marks between), or ''."""
    m = _NEXT_WORD_RE.match(text, pos)
    return m.group(1) if m else ""


def next_char(text: str, pos: int) -> str:
    """The first character after ``pos`` that is not a space, or '' at the end."""
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return text[pos] if pos < len(text) else ""


_OPENERS = "\"“‘'(«*_[ \t\r\n"


def at_sentence_start(text: str, pos: int) -> bool:
    """Does a sentence start at ``pos`` (paragraph start, after . ! ? … or an opening quote)?"""
    i = pos - 1
    while i >= 0 and text[i] in _OPENERS:
        i -= 1
    if i < 0:
        return True
    if text[i] in "”’\"" and i > 0 and text[i - 1] in ".!?…" and i < pos - 1:
        return True  # after a closed quotation: "“No.” “Your not going…”"
    if text[i] in "!?…":
        return True
    if text[i] == ".":
        m = re.search(r"([\w.]+)\.\Z", text[max(0, i - 12) : i + 1])
        if m:
            w = m.group(1).lower()
            if w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()):
                return False
        return True
    if text[i] in ":—–" and pos - i <= 3:
        return text[i] != ":" or text[pos:pos + 1].isupper()
    return False


def clause_start(text: str, pos: int) -> bool:
    """Sentence start, or after a comma, semicolon or dash."""
    if at_sentence_start(text, pos):
        return True
    i = pos - 1
    while i >= 0 and text[i] in " \t\r\n*_\"“‘'":
        i -= 1
    return i >= 0 and text[i] in ",;—–"


def cased(src: str, repl: str) -> str:
    """``repl`` in the case of ``src`` (lower, Capitalised or UPPER)."""
    if len(src) > 1 and src.isupper():
        return repl.upper()
    if src[:1].isupper():
        return repl[:1].upper() + repl[1:]
    return repl


_MENTION_STRIP = frozenset(" \t,.!?;:…*_")
#: how much punctuation a quoted mention may carry before its word (`"...alot"`)
_MENTION_SLACK = 12


def _letter_before(text: str, i: int) -> bool:
    """Is there a letter just before ``i``, spaces and tabs apart (``re.search(r"[^\\W\\d_][ \\t]*\\Z",
    text[:i])``, looking back only over the spaces)?"""
    j = skip_back(text, i, " \t", space=False)
    return j > 0 and text[j - 1].isalnum() and not text[j - 1].isdecimal()


def _is_mention(para, s: int, e: int) -> bool:
    """Is text[s:e] a word quoted or italicised as a word (`he wrote "alot"`, `*your*`)?"""
    text = para.text
    a = para.analysis
    target = text[s:e].strip().lower()
    # a quotation that holds nothing but the word (and a little punctuation) opens just before it
    for q in (a.quotations_opening(s - len(target) - _MENTION_SLACK, s) if a.quotations else ()):
        if q.close is not None and e <= q.close + 1:
            lo, hi = q.open + 1, q.close
            while lo < hi and text[lo] in _MENTION_STRIP:
                lo += 1
            while hi > lo and text[hi - 1] in _MENTION_STRIP:
                hi -= 1
            # a quoted word inside a sentence ("he wrote 'alot'"), not a one-word line of speech
            # (lowercasing never shortens, so a longer inside cannot equal the word)
            if hi - lo <= len(target) and text[lo:hi].lower() == target and _letter_before(text, q.open):
                return True
    # italics are usually stress ("It's *you're* fault" is still wrong), so an italicised word is a
    # mention only after "the word", "spelled" and the like
    before = text[max(0, s - 30) : s].lower()
    if re.search(r"\b(?:the words?|the phrase|spelt|spelled|spelling|misspelled|misspelling|typo|typed|wrote)"
                 r"\s*[\"“‘'*_]*\s*\Z", before):
        return True
    return False


def _is_name(ctx, word: str) -> bool:
    """A story's name (asked of the context, which records the question) or a personal
    dictionary word."""
    return word in ctx.config_words() or ctx.is_name(word)


def _names_key(ctx) -> tuple:
    return tuple(sorted(ctx.config_words()))


#: candidates of one rule in one paragraph that the part-of-speech stage looks at, at most
MAX_POS_CANDIDATES = 1000


class _GrammarRule(Rule):
    """Shared plumbing: a cheap pre-filter, protected spans, mentions."""

    fix_availability = ALWAYS
    fix_applicability = SAFE
    #: lowercase strings one of which must occur in the paragraph for the rule to run
    needles: tuple[str, ...] = ()
    #: skip findings inside dialogue (dialect is a character's voice)
    narration_only = False

    def cache_key(self, ctx):
        return (ctx.dialect,)

    #: words the part-of-speech stage looks at (group 1 is the word), or None
    pos_re: re.Pattern | None = None

    def check_paragraph(self, para, ctx):
        text = para.text
        if self.needles:
            low = text.lower()
            if not any(n in low for n in self.needles):
                return
        prot = None  # URLs and the like, found only when there is a finding to check
        a = para.analysis
        found = list(self.scan(para, ctx))
        if self.pos_re is not None:
            self._prefetch(ctx)
            done = {f.start for f in found}
            found += [f for f in self._pos_scan(para, ctx) if f.start not in done]
        for f in found:
            if prot is None:
                prot = _protected(text)
            if prot and _overlaps(prot, f.start, f.end):
                continue
            if a.markup and any(s <= f.start < e for s, e in a.markup if text[s:e].startswith("<!--")):
                continue
            if self.narration_only and a.quotations and a.in_dialogue(f.start):
                continue
            if _is_mention(para, f.start, f.end):
                continue
            yield f

    def scan(self, para, ctx):
        return ()

    # the part-of-speech stage -------------------------------------------------------------
    def pos_candidates(self, text: str) -> list:
        """Matches of ``pos_re`` worth tagging (cheap filters only): the first
        :data:`MAX_POS_CANDIDATES` of a paragraph (a paragraph has a handful; one with thousands
        is a pasted blob, whose tagging would cost memory in proportion to it)."""
        out = []
        for m in self.pos_re.finditer(text):
            if self.pos_worth(text, m):
                out.append(m)
                if len(out) >= MAX_POS_CANDIDATES:
                    break
        return out

    def pos_worth(self, text: str, m) -> bool:
        """A cheap look at the neighbouring words: is a decision by tags possible at all?
        A written possessive (its, your, their) is only ever flagged at the start of a clause;
        a written contraction or "there" only before a word that may start a noun phrase, and
        not after a word that starts a clause ("that it's", "think you're", "went there")."""
        w = m.group(1).lower().replace("’", "'")
        prev = prev_word(text, m.start(1)).lower().replace("’", "'")
        if w in ("its", "your", "their"):
            if not prev or clause_start(text, m.start(1)):
                return True
            if w == "their" and (next_char(text, m.end(1)) in (".", ",", "!", "?", ";") or next_word(
                    text, m.end(1)).lower() in _THERE_ADVERBS | _THERE_VERBS | _MODALS | {"by", "till", "until"}):
                return True  # "sat their calmly", "be their.", "their must be"
            return (prev in _SUBORDINATORS or prev in _CLAUSE_TAKERS or prev in _CLAUSE_WORDS
                    or prev in _ING_CLAUSE_WORDS or prev.endswith("ly")) and prev not in _AUX_WORDS
        nxt = next_word(text, m.end(1)).lower()
        if nxt.endswith("ing") and w != "there" and prev in ("of", "upon", "about", "from", "without", "with", "against",
                                                        "despite", "at", "to", "on"):
            return True  # "of it's being" (a possessive gerund)
        if not nxt or nxt in _NOT_NP_START or nxt in _PREDICATE_NOUNS_POS:
            return False
        if w not in ("there", "you're") and (prev in _SUBORDINATORS or prev in _CLAUSE_TAKERS) and \
                prev not in _OBJECT_TAKERS and prev not in _SEE_REMEMBER and not (
                prev in _SUBORDINATORS and _FINITE_SOON_RE.match(text, m.end(1))):
            return False
        return True

    def pos_item(self, m):
        """What to tag for ``m``: its position, or (start, end, replacement) to tag a
        same-length replacement of the word instead (the reading to test)."""
        w = m.group(1).lower().replace("’", "'")
        repl = _POS_SUBSTITUTES.get(w)
        return (m.start(1), m.end(1), repl) if repl else m.start(1)

    def pos_decide(self, text: str, toks: list, i: int, m, ctx):
        """A finding for the candidate ``m`` whose first token is ``toks[i]``, or None."""
        return None

    def pos_alt_item(self, text: str, m):
        """A second reading to tag for ``m`` (an item as :meth:`pos_item` returns), or None:
        a written possessive read as the contraction ("its" tagged as "it's")."""
        return None

    def pos_decide_alt(self, text: str, toks: list, i: int, m, ctx):
        """Like :meth:`pos_decide`, on the tags of :meth:`pos_alt_item`'s reading, when
        :meth:`pos_decide` found nothing."""
        return None

    def _pos_items(self, text: str, m) -> list:
        alt = self.pos_alt_item(text, m)
        return [self.pos_item(m)] if alt is None else [self.pos_item(m), alt]

    def _pos_scan(self, para, ctx):
        text = para.text
        cands = self.pos_candidates(text)
        if not cands:
            return
        items = [self._pos_items(text, m) for m in cands]
        windows = tagger.tokens_at(text, para.analysis.sentences, [it for its in items for it in its])
        for m, its in zip(cands, items):
            f = None
            for n, item in enumerate(its):
                toks = windows.get(item)
                if not toks:
                    continue
                i = next((k for k, t in enumerate(toks) if t.start == m.start(1)), None)
                if i is None:
                    continue
                f = (self.pos_decide if n == 0 else self.pos_decide_alt)(text, toks, i, m, ctx)
                if f is not None:
                    break
            if f is not None:
                yield f

    def prepare(self, ctx) -> None:
        if self.pos_re is not None:
            self._prefetch(ctx)

    def _prefetch(self, ctx) -> None:
        """Tag the windows of every candidate in the document in one batch (the first time a
        document is seen); later paragraphs then find their windows in the tagger's cache."""
        doc = ctx.doc
        if getattr(self, "_prefetched", None) is doc:
            return
        self._prefetched = doc
        memo = _POS_ITEMS.get(self.code)
        if memo is None:
            memo = _POS_ITEMS.setdefault(self.code, LRU(POS_ITEMS_PER_RULE))
        items = []
        needles = self.needles
        for p in doc.paragraphs:
            if p.kind not in self.kinds:
                continue
            low = p.text.lower()
            if needles and not any(n in low for n in needles):
                continue
            mine = memo.get(p.text)
            if mine is None:  # a pure function of the text: remembered, so a re-check redoes only edits
                mine = tuple(item for m in self.pos_candidates(p.text) for item in self._pos_items(p.text, m))
                memo.put(p.text, mine)
            sentences = p.analysis.sentences
            items.extend((p.text, sentences, item) for item in mine)
        tagger.prefetch(items)


#: rule code -> (paragraph text -> the items :meth:`_GrammarRule._prefetch` hands to the tagger)
_POS_ITEMS: dict[str, LRU] = {}
POS_ITEMS_PER_RULE = 20_000


#: Contractions tagged as the possessive they may stand for (padded to the same length), so the
#: tagger reads the words after them as it would after the possessive: "wagged it's tail" is
#: tagged as "wagged its  tail".  A written "there" is tagged as "their" for the same reason.
_POS_SUBSTITUTES = {"it's": "its ", "you're": "your  ", "there": "their"}


def _replace(rule: Rule, text: str, s: int, e: int, repl: str, message: str, applicability: str = SAFE):
    return rule.finding(s, e, message, cased(text[s:e], repl), applicability=applicability)


# --------------------------------------------------------------------------- GRM001

#: Past participles (and the simple pasts people write after "could of": "could of went").
_PARTICIPLES = frozenset(
    """
    been had done gone seen known taken given gotten got made said told thought brought bought
    caught taught fought found left felt kept meant met heard held lost paid sent spent stood
    understood won run come become begun drunk sung swum eaten fallen forgotten forgiven frozen
    hidden ridden risen spoken stolen written driven thrown grown blown drawn flown worn torn
    sworn shown broken chosen woken beaten bitten shaken let put set cut hit hurt quit shut read
    led fed bled sped fled slept wept crept swept dealt dreamt burnt learnt spelt built lent
    bent sat lit spat stuck struck hung swung stung strung clung flung wrung dug spun shone
    slid hid bid forbidden sunk stunk shrunk sprung laid lain ground bound wound
    went took came saw did ate wrote knew ran gave drove threw grew flew fell broke spoke
    chose stole rode rose sang sank swam began drank forgot
    """.split()
)
_NOT_PARTICIPLE_ED = frozenset(
    "bed red shed sled need seed speed weed breed greed creed steed deed feed heed hundred naked "
    "sacred wicked ragged rugged crooked kindred bled fled sped led fed wed".split()
) - {"bled", "fled", "sped", "led", "fed"}
_ADVERBS_BETWEEN = frozenset(
    "just never really already easily probably even ever totally actually definitely possibly "
    "certainly surely simply not so at all".split()
)
_SUBJECT_PRONOUNS = frozenset("i you he she we they it who that there".split())


@register
class CouldOf(_GrammarRule):
    """`could of`, `would of`, `should of`, `must of`, `might of`, `may of` for `… have`.

    ## What it does
    Finds a modal verb followed by `of` and then a past participle (`could of been`,
    `would of known`, `should of told`, `must of seen`, `might of gone`), or by the end of
    the clause (`I would of.`). Not flagged: `of course` and every other `of` phrase
    (`must of necessity`, `should of all people`, `could of itself`), the noun `might`
    (`the might of Rome`), and the month (`May of last year`).

    ## Why it matters
    `Could've` sounds like `could of`, but `of` is not a verb; the grammar needs `have`.
    Editors and readers notice it at once, even in a character's speech.

    ## Example
    `She should of known.` becomes `She should have known.`

    ## Fix safety
    Safe before a past participle: `of` becomes `have`. Unsafe at the end of a clause
    (`I would of, but…`), where the writer may prefer to rephrase.
    """

    code = "GRM001"
    name = "could-of"
    needles = ("of",)

    _re = re.compile(_B + r"(could|would|should|must|might|may|will)" + _S + r"(of)" + _E, re.I)
    _quick = re.compile(r"(?:ould|ust|ight|ay|ill)\s+of\b", re.I)
    # the same test, faster: each "<spaces>of" (a scan with a prefix), then the word end before it
    _quick_of = re.compile(r"\s+of\b", re.I)
    _quick_before = re.compile(r"(?:ould|ust|ight|ay|ill)\Z", re.I)

    def _maybe(self, text: str) -> bool:
        """``self._quick.search(text)``: the modal ends where the spaces before ``of`` begin."""
        before = self._quick_before.search
        return any(before(text, max(0, m.start() - 4), m.start()) for m in self._quick_of.finditer(text))

    def scan(self, para, ctx):
        text = para.text
        if not self._maybe(text):
            return
        for m in self._re.finditer(text):
            modal = m.group(1)
            low = modal.lower()
            prev = prev_word(text, m.start()).lower()
            if low == "will" and prev not in _SUBJECT_PRONOUNS:
                continue
            if modal[0] == "M" and low == "may" and not at_sentence_start(text, m.start()):
                continue  # the month
            pos = m.end(2)
            nxt = next_word(text, pos)
            k = 0
            p = pos
            while nxt.lower() in _ADVERBS_BETWEEN and k < 2 and nxt.lower() not in ("all", "at"):
                p = text.index(nxt, p) + len(nxt)
                nxt = next_word(text, p)
                k += 1
            nl = nxt.lower()
            direct = next_word(text, pos).lower()
            if direct in ("course", "all", "necessity", "itself", "right", "them", "those", "these", "us"):
                continue
            if nl in _PARTICIPLES or (
                nl.endswith("ed") and len(nl) >= 4 and nl not in _NOT_PARTICIPLE_ED and nxt.islower()
            ):
                yield self.finding(
                    m.start(2), m.end(2), f"'{modal} of' should be '{modal} have': 'of' is not a verb.",
                    cased(m.group(2), "have"),
                )
                continue
            ch = next_char(text, pos)
            if low not in ("may", "will") and prev in _SUBJECT_PRONOUNS and (ch == "" or ch in ",.!?;—…\"”"):
                yield self.finding(
                    m.start(2), m.end(2), f"'{modal} of' should be '{modal} have': 'of' is not a verb.",
                    cased(m.group(2), "have"), applicability=UNSAFE,
                )


# --------------------------------------------------------------------------- GRM002


@register
class Alot(_GrammarRule):
    """`alot` for `a lot`.

    ## What it does
    Finds the word `alot` and splits it: `a lot`. A capitalised `Alot` that the story uses
    as a name (mid-sentence, never in lowercase) or that is in the personal dictionary is
    left alone.

    ## Why it matters
    `A lot` is two words (an article and a noun), like `a little` or `a bit`. `Alot` is one
    of the most common misspellings in English and readers spot it instantly.

    ## Example
    `She cared alot about him.` becomes `She cared a lot about him.`

    ## Fix safety
    Safe: a space is added; the case of the first letter is kept.
    """

    code = "GRM002"
    name = "alot"
    needles = ("alot",)

    _re = re.compile(_B + r"(alot)" + _E, re.I)

    def cache_key(self, ctx):
        return (ctx.dialect, _names_key(ctx))

    def scan(self, para, ctx):
        text = para.text
        for m in self._re.finditer(text):
            w = m.group(1)
            if _is_name(ctx, w) or _is_name(ctx, w.lower()):
                continue
            if w[0].isupper() and not w.isupper() and not at_sentence_start(text, m.start()):
                continue  # a name we have not seen used as one yet
            if prev_word(text, m.start()).lower() in ("a", "an"):
                # `a alot`: the fix would make `a a lot`; which word goes is the writer's call
                yield self.finding(m.start(), m.end(), "'alot' is two words: 'a lot'.", cased(w, "a lot"),
                                   applicability=UNSAFE)
                continue
            yield self.finding(m.start(), m.end(), "'alot' is two words: 'a lot'.", cased(w, "a lot"))


# --------------------------------------------------------------------------- GRM003

_VOWEL_LETTER_NAMES = frozenset("AEFHILMNORSX")
#: Words that cannot follow an article: after them "a" is a letter or dialect, not an article.
_NOT_AFTER_ARTICLE = frozenset(
    """
    and or nor but of if is isn't are aren't am as at in on it it's its i i'm i'd i'll i've an a
    the until unless upon unto onto into ought ain't also each every either neither oh um uh
    eh ah
    """.replace("'", "’").split()
    + """
    isn't aren't it's i'm i'd i'll i've ain't
    """.split()
)
#: Words after which "an" can only be a slip for "and" ("bread an the butter", "an he said").
_AND_TYPO_NEXT = frozenset(
    """
    the he she they we i you then so but his her their my your our him them me us said say says went go got
    get looked turned took put let made make came come saw see then
    """.split()
)
#: Dialect "a" for "have" (would a gone), "of" (kind a) or "he".
_DIALECT_A_BEFORE = frozenset(
    """
    would could should might must may will shall wouldn't couldn't shouldn't mightn't mustn't
    i'd you'd he'd she'd we'd they'd oughta oughter kind sort lot lots couple outta
    """.split()
)
_DIALECT_MARKERS_RE = re.compile(r"\b(?:an|o|th|tha|wi|nowt|summat|ye|yer|'em|’em)['’](?!\w)|\b(?:ain['’]t|thee|tha|dunnot|nobbut|mun)\b", re.I)


#: First letters that always start a consonant sound, as a word or as a letter's name.
_ALWAYS_CONSONANT = frozenset("bcdgjkpqtvwzBCDGJKPQTVWZ234567923")
_INTERJECTION_RE = re.compile(r"(?i)^(?:u+h+|u+m+|e+r+m*|a+h+|o+h+|h+m+|e+h+|u+r+m*)$")


def _number_sound(tok: str) -> str | None:
    m = re.match(r"(\d[\d,]*)", tok)
    if not m:
        return None
    digits = m.group(1).rstrip(",")
    plain = digits.replace(",", "")
    if plain.startswith("0"):
        return None
    if plain[0] == "8":
        return "v"
    if plain[:2] in ("11", "18"):
        if len(plain) == 2 or re.fullmatch(r"1[18](?:,\d{3})+", digits):
            return "v"  # eleven, eighteen, eleven thousand
        if len(plain) == 3:
            return "c"  # a hundred and ten
        return None  # 1812: "eighteen twelve" or "one thousand…"
    return "c"


def _word_sound(word: str) -> str | None:
    """'v' (vowel sound), 'c' (consonant sound) or None (unknown or either) for a lowercase word."""
    if not word or not word[0].isascii() or not word[0].isalpha():
        return None
    if word in _either_words():
        return None
    if word in _a_words():
        return "c"
    if word in _an_words():
        return "v"
    c = word[0]
    if c in "aeio":
        return "v"
    if c == "u":
        return "v"
    if c == "x":
        return "v" if len(word) > 1 and word[1] not in "aeiouy" else "c"
    if c == "y" and len(word) > 1 and word[1] not in "aeiou":
        return None  # yttrium, Ygritte
    return "c"


def _sound(tok: str, uses_lowercase) -> str | None:
    """"v" (vowel sound), "c" (consonant sound) or None (undecided); ``uses_lowercase(word)``
    tells whether the story writes a word in lowercase (an all-caps word it does is shouted)."""
    if tok[0].isdigit():
        return _number_sound(tok)
    parts = re.split(r"['’]", tok, maxsplit=1)
    core = parts[0]
    first = core.split("-")[0]
    if len(first) == 1:
        if not first.isascii():
            return None
        if "-" in core:
            rest = core[2:]
            if rest[:1].lower() == first.lower():
                return _sound(rest, uses_lowercase) if rest else None  # a stutter: h-horse
            return "v" if first.upper() in _VOWEL_LETTER_NAMES else "c"  # an X-ray, a U-turn
        if first.isupper() and first not in "AI":
            return "v" if first in _VOWEL_LETTER_NAMES else "c"  # an F, a B
        return None
    if first.isupper() or (first[:-1].isupper() and first[-1] == "s" and len(first) > 2):
        caps = first if first.isupper() else first[:-1]
        lead = caps[0]
        if lead not in "FHLMNRSXU":
            return _word_sound(caps.lower())
        if caps in _letter_initialisms():
            return "v" if lead in _VOWEL_LETTER_NAMES else "c"
        if caps in _word_acronyms() or uses_lowercase(caps.lower()):
            return _word_sound(caps.lower())
        if not re.search(r"[AEIOUY]", caps):
            return "v" if lead in _VOWEL_LETTER_NAMES else "c"
        return None
    if first[0].isupper():
        if first[0] == "U" and first.lower() not in _a_words():
            return None  # names: Uma, Ursula, Ulysses
        if any(ch.isupper() for ch in first[1:]) and first[0] != "X":
            return None  # McArthur, LaToya, iPhone-like brands
    return _word_sound(first.lower())


@register
class AAn(_GrammarRule):
    """`a` before a vowel sound, or `an` before a consonant sound.

    ## What it does
    Checks the article against the sound (not the letter) that starts the next word:
    `an hour`, `an honest`, `an heir`, `a university`, `a one-time`, `a European`,
    `a ewe`, `an X-ray`, `a U-turn`, `an MP`, `an FBI agent`, `a UFO`, numbers
    (`an 8`, `an 18-year-old`, `an 11th`, `a 1`, `a 100`). Word lists are data files.

    Not flagged: words where both are in good use (`a/an historic`, `a/an herb`, `an
    hotel`), `a` as a letter (`a and b`, `plan A`, `vitamin A`), a capital `A`/`An` in the
    middle of a sentence, dialect `a` for *have* or *of* (`would a gone`, `kind a odd`),
    dialogue in a dialect that drops letters (`an'`, `th'`), names starting with `U`
    (`a/an Ursula`), years that can be read two ways (`a/an 1812`), and all-capital words
    that are neither known abbreviations nor shouted words of the story.

    In narration, `an` before a pronoun, `the` or a common verb (`bread an the butter`, `an
    he said`) is reported as a slip for `and`.

    ## Why it matters
    `A` goes before a consonant sound and `an` before a vowel sound. The wrong one makes the
    reader stumble over the line, and in dialogue it reads as a typo, not a voice.

    ## Example
    `She waited a hour for an unicorn.` becomes `She waited an hour for a unicorn.`

    ## Fix safety
    Safe: only the article changes, in its own case (`A` → `An`). Unsafe for `an` → `and`.
    """

    code = "GRM003"
    name = "a-an"

    _re = re.compile(  # (?=[aA]) first: the lookbehind and the five articles are tried only at an a
        r"(?=[aA])(?<![\w'’.@/&-])(a|an|A|An|AN)" + _S + r"(?:[*_]+|[\"“])?([^\W_][\w'’-]*)",
    )

    def cache_key(self, ctx):
        return (ctx.dialect,)

    def scan(self, para, ctx):
        text = para.text
        lower_words = ctx.uses_lowercase
        dialect: dict = {}  # quotation (or "paragraph") -> does it show dialect (h-dropping…)?
        a = para.analysis
        for m in self._re.finditer(text):
            art, tok = m.group(1), m.group(2)
            c0 = tok[0]
            if c0 in _ALWAYS_CONSONANT if len(art) == 1 else c0 in "aiAI":
                continue  # a dog, an idea: settled by the first letter
            s = m.start(1)
            if art[0].isupper() and not at_sentence_start(text, s):
                continue  # plan A, vitamin A, Mrs. An
            if art == "AN" and not tok.isupper():
                continue
            if art == "an" and tok.lower() in _AND_TYPO_NEXT and not (a.quotations and a.in_dialogue(s)):
                yield self.finding(s, m.end(1), f"'an {tok}': did you mean 'and'?", "and", applicability=UNSAFE)
                continue
            if tok.lower().replace("'", "’") in _NOT_AFTER_ARTICLE:
                continue
            if tok.lower() == "alot":
                continue  # "a alot" is GRM002's ("a lot"), never "an alot"
            tail = text[m.end(2) : m.end(2) + 1]
            if tail == "." and len(tok) == 1:
                continue  # "a b." initials
            prev = prev_word(text, s).lower().replace("’", "'")
            if prev in ("a", "an", "the"):
                continue  # a doubled article ("a an apple") is TYP006's: fixing both would chain
            if art.lower() == "a" and prev in _DIALECT_A_BEFORE:
                continue
            if prev in ("letter", "letters", "grade", "vitamin", "plan", "type", "size", "cup", "row", "block"):
                continue
            if art.lower() == "an" and tok.lower() == "one" and prev in ("such", "many"):
                continue  # the old idiom "such an one"
            snd = _sound(tok, lower_words)
            if snd is None:
                continue
            want = "an" if snd == "v" else "a"
            if art.lower() == want:
                continue
            if a.quotations and a.in_dialogue(s):
                q = a.quotation_at(s)
                if q not in dialect:  # each speech looked at once, however many articles it holds
                    dialect[q] = _DIALECT_MARKERS_RE.search(text, q.start, q.end(len(text))) is not None
                if dialect[q]:
                    continue
                if want == "a" and dialect.setdefault("paragraph", _DIALECT_MARKERS_RE.search(text) is not None):
                    continue
            if _INTERJECTION_RE.match(tok):
                continue  # "a uhh… thing"
            shouting = tok.isupper() and len(tok) > 1 and next_word(text, m.end(2)).isupper()
            if art == "AN":
                repl = "A"
            elif art == "A" and want == "an":
                repl = "AN" if shouting else "An"
            else:
                repl = cased(art, want)
            word = tok.split("-")[0] if len(tok) > 1 else tok
            yield self.finding(
                s, m.end(1),
                f"Use '{want}' before '{word}': it starts with a {'vowel' if snd == 'v' else 'consonant'} sound.",
                repl,
            )


# --------------------------------------------------------------------------- GRM004

_TIME_UNITS = "day|week|month|year|hour|minute|moment|night|second|fortnight|decade|century"
_TIME_NOUNS = (
    "work|pay|notice|wages|wage|salary|rent|journey|drive|walk|ride|travel|sleep|rest|holiday|"
    "vacation|leave|supply|worth|grace|delay|hesitation|silence|thought|march|sail|flight|trip|"
    "labour|labor|earnings|income|wait|absence|head start|lead"
)
_NUM_WORDS = "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|several|few|many"
_FUNCTION_OR_ADVERB = frozenset(
    """
    and or but nor so yet to in on at for with from by of as than that the a an this these those
    again too more less now then there here back off out up down over away well still first
    anyway forever always once twice tonight today yesterday tomorrow even very much enough
    anymore either instead though all both each
    """.split()
)


#: After a plural ("two weeks notice") only nouns that are plainly owned; "two months vacation",
#: "ten minutes time" are attributive in many published books.
_PLURAL_TIME_NOUNS = frozenset("notice pay wages salary rent worth grace".split())


def _apostrophe(ctx) -> str:
    st = ctx.doc.style
    return "’" if st is not None and st.sq_curly > st.sq_straight else "'"


@register
class ReciprocalPossessive(_GrammarRule):
    """`each others`/`one anothers` for `each other's`, and `a days work` for `a day's work`.

    ## What it does
    Finds `each others` and `one anothers` (with or without a trailing apostrophe), and
    time expressions that own the noun after them but lack the apostrophe: `a days work`,
    `an hours drive`, `a weeks notice`, `in a weeks time`, and after a number only before
    a plainly owned noun (`two weeks notice`, `three months rent`, `a few days pay`).
    Not flagged: `two months vacation`, `in ten minutes time`, where many published books
    use the plural as a plain modifier.

    ## Why it matters
    `Each other` is singular in form, so its possessive is `each other's` (their hands →
    each other's hands). `A day's work` is the work of a day: a possessive, like `a
    month's rent`. Without the apostrophe the reader sees a plural that doesn't fit.

    ## Example
    `They held each others hands after a days work.` becomes
    `They held each other's hands after a day's work.`

    ## Fix safety
    Safe for `each others` before a noun (`each other's hands`). Unsafe for `each others`
    before anything else (the fix is `each other`, but the writer may have meant
    something else) and for the time expressions, where style guides differ on plurals
    (`two weeks' notice`).
    """

    code = "GRM004"
    name = "reciprocal-possessive"
    needles = ("others", "anothers", "s ")

    _recip = re.compile(_B + r"(each" + _S + r"others|one" + _S + r"anothers)(['’]?)" + _E, re.I)
    _single = re.compile(
        _B + r"(?:a|an|one)" + _S + r"(" + _TIME_UNITS + r")(s)" + _S + r"(" + _TIME_NOUNS + r")" + _E, re.I
    )
    _plural = re.compile(
        _B + r"(?:" + _NUM_WORDS + r"|\d+)" + _S + r"(" + _TIME_UNITS + r")(s)" + _S + r"(" + _TIME_NOUNS + r")" + _E,
        re.I,
    )
    _in_time = re.compile(
        _B + r"in" + _S + r"(?:a|an|one|" + _NUM_WORDS + r"|\d+)" + _S + r"(" + _TIME_UNITS + r")(s)" + _S + r"time" + _E,
        re.I,
    )

    def cache_key(self, ctx):
        return (ctx.dialect, _apostrophe(ctx))

    _quick = re.compile(r"others|anothers|(?:" + _TIME_UNITS + r")s[ \t\r\n]", re.I)

    _quick_words = ("others", "anothers") + tuple(u + "s" for u in _TIME_UNITS.split("|"))

    def scan(self, para, ctx):
        text = para.text
        # without one of the words in the lowercased text, ``_quick`` cannot match (its re.I matches
        # ASCII letters and four other characters: K lowercases to k, the other three are checked)
        low = text.lower()
        if not any(w in low for w in self._quick_words) and not any(c in text for c in "\u0130\u0131\u017f"):
            return
        if not self._quick.search(text):
            return
        ap = _apostrophe(ctx)
        low = text.lower()
        if "others" in low or "anothers" in low:
            for m in self._recip.finditer(text):
                phrase = m.group(1)
                base = phrase[:-1]  # each other / one another
                s, e = m.start(), m.end()
                nxt = next_word(text, e)
                ch = next_char(text, e)
                nounish = (
                    nxt and nxt.islower() and ch not in ",.;:!?—–…\"”)" and nxt.lower() not in _FUNCTION_OR_ADVERB
                    and not nxt.endswith("ly")
                )
                if nounish:
                    yield self.finding(s, e, f"The possessive of '{base}' is '{base}{ap}s'.", base + ap + "s")
                elif not m.group(2):
                    yield self.finding(
                        s, e, f"'{phrase}' is not a word: '{base}'.", base, applicability=UNSAFE
                    )
        seen = set()
        for m in self._in_time.finditer(text):
            s = m.start(2)
            seen.add(s)
            unit = m.group(1)
            if m.group(0).lower().split()[1] in ("a", "an", "one"):
                yield self.finding(m.start(1), m.end(2), f"Possessive: '{unit}{ap}s time'.", unit + ap + "s",
                                   applicability=UNSAFE)
        for m in self._single.finditer(text):
            if m.start(2) in seen:
                continue
            unit = m.group(1)
            yield self.finding(m.start(1), m.end(2), f"Possessive: '{unit}{ap}s {m.group(3)}'.", unit + ap + "s",
                               applicability=UNSAFE)
        for m in self._plural.finditer(text):
            if m.start(2) in seen or m.group(3).lower() not in _PLURAL_TIME_NOUNS:
                continue
            unit = m.group(1)
            yield self.finding(m.start(1), m.end(2), f"Possessive: '{unit}s{ap} {m.group(3)}'.", unit + "s" + ap,
                               applicability=UNSAFE)


# --------------------------------------------------------------------------- GRM005

_HAVE_BE = frozenset(
    """
    have has had having 've 'd 's ’ve ’d ’s been be being was were is are am get got gets getting
    gotten become became
    """.split()
)


@register
class NonstandardPast(_GrammarRule):
    """A regularised past tense of an irregular verb in narration (`thinked`, `throwed`).

    ## What it does
    Finds pasts like `thinked`, `bringed`, `catched`, `teached`, `throwed`, `knowed`,
    `freezed`, `taked`, `writed`, `shaked` (the list is the data file
    `irregular_past.txt`) and gives the standard form: the past (`threw`) or, after a form
    of *have* or *be*, the participle (`had thrown`, `was thrown`).

    Only narration is checked: inside dialogue the form is a character's voice (`"I knowed
    it!"`). Words the story uses as names are left alone.

    ## Why it matters
    In narration a regularised past reads as a mistake, not a voice, and it pulls the
    reader out of the story.

    ## Example
    `He throwed the ball and catched it.` becomes `He threw the ball and caught it.`

    ## Fix safety
    Safe: the word is replaced by its standard form, in the same case.
    """

    code = "GRM005"
    name = "nonstandard-past"
    narration_only = True
    needles = ("ed", "brang", "brung")

    @property
    def _re(self):
        return _nonstandard_re()

    def cache_key(self, ctx):
        return (ctx.dialect, _names_key(ctx))

    def scan(self, para, ctx):
        text = para.text
        table = _irregular()
        if not any(w in table for w in _ED_RE.findall(text.lower())):
            return
        for m in self._re.finditer(text):
            w = m.group(1)
            if _is_name(ctx, w):
                continue
            if w[0].isupper() and not w.isupper() and not at_sentence_start(text, m.start()):
                continue
            past, part = table[w.lower()]
            prev = prev_word(text, m.start()).lower()
            if prev in ("never", "just", "already", "not", "ever", "even", "also", "all", "really", "only"):
                p = text.rfind(prev, 0, m.start()) if prev else -1
                prev2 = prev_word(text, p).lower() if p >= 0 else ""
                prev = prev2 or prev
            prev = prev.replace("'", "’")
            form = part if (prev in _HAVE_BE or prev.endswith(("’ve", "’d", "n’t")) and prev not in ("didn’t",)) else past
            if prev.endswith("n’t") and not prev.startswith(("hasn", "haven", "hadn", "wasn", "weren", "isn", "aren")):
                form = past
            yield self.finding(m.start(), m.end(), f"'{w}' is not standard English: '{cased(w, form)}'.", cased(w, form))


_ED_RE = re.compile(r"[a-z]+ed\b|\bbr[au]ng\b")


@lru_cache(maxsize=None)
def _nonstandard_re():
    words = sorted(_irregular(), key=len, reverse=True)
    return re.compile(_B + r"(" + "|".join(words) + r")" + _E, re.I)


# --------------------------------------------------------------------------- tags (POS stage)

_NOUN_TAGS = frozenset(("NN", "NNS"))
_NP_TAGS = frozenset(("JJ", "JJR", "JJS", "VBN", "VBG", "NN", "NNS", "HYPH", "CD"))
_FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP", "MD"))
_VERB_TAGS = frozenset(("VB", "VBD", "VBP", "VBZ", "VBG", "VBN"))
#: Words after which a new clause may start, so that "it's", "you're", "there"… begin it.
_CLAUSE_TAKERS = frozenset(
    """
    say said says saying think thought thinks thinking know knew knows knowing guess guessed hope hoped hopes
    suppose supposed believe believed bet feel felt feels find found finds see saw seen sees hear heard hears
    mean meant means swear swore reckon reckoned wish wished fear feared realize realized realise realised
    notice noticed remember remembered forget forgot imagine imagined admit admitted promise promised doubt
    understand understood assume assumed expect expected trust trusted tell told tells show showed shown
    is was are were be been am 's seem seems seemed sure glad sorry afraid see guess mind minded declare
    declared own owned grant granted warrant warn warned note noted discover discovered learn learned learnt
    prove proved proven decide decided agree agreed insist insisted claim claimed hear say know cried
    exclaimed whispered replied answered added muttered asked
    """.split()
) | frozenset(
    w + suffix
    for w in "claim state suggest argue report complain explain confess deny repeat maintain".split()
    for suffix in ("", "s", "ed")
)
#: Forms of "be", "have", "do" and modals: before "your/its" they ask a question ("How is your cold?").
_AUX_WORDS = frozenset(
    "is was are were be been am isn't wasn't aren't weren't has have had do does did can could will would "
    "shall should may might must".split()
)
#: Prepositions (tagged IN) that also join clauses: "because it's late", "as you're here".
_SUBORDINATORS = frozenset(
    """
    that if because as since though although while whilst whether than so for like till until unless once
    before after when where cause cos but and or nor yet whereas lest
    """.split()
)
#: Nouns that follow "it is", "you are" or "there" bare: "it's time", "you're family", "there tonight".
_PREDICATE_NOUNS_POS = frozenset(
    """
    time nothing something everything anything all none one enough fun okay ok lots plenty home family
    trouble luck dinner lunch breakfast supper tea bedtime midnight noon morning night evening today tonight
    tomorrow yesterday now fine magic money business war love hell heaven sunday monday tuesday wednesday
    thursday friday saturday christmas summer winter spring autumn fall overtime school church bed work
    days weeks years months hours minutes ages times years miles ago yet alone mine yours hers ours theirs
    """.split()
)


_MODALS = frozenset("must might may can could will would shall should".split())
#: Words that cannot start the noun phrase a possessive owns: "it's not", "there was".
_NOT_NP_START = frozenset(
    """
    a an the this that these those not no is was are were be been being am has had have do did does will would
    can could shall should may might must seems seemed seem came comes stood lay lies goes went to too so very
    just all any some as and or but if when where what who how why which i you he she it we they me him her us
    them my his our there here now then still also really quite rather already never always ever only even
    again once in on at by for from with of about into over up down out off
    """.split()
)


def _np_end(toks, j: int) -> tuple[int, bool]:
    """Where a noun phrase from ``toks[j]`` ends, and whether it has a noun (NN, NNS) head."""
    k = j
    head = False
    n = len(toks)
    while k < n:
        tag = toks[k].tag
        if tag in _NP_TAGS or (tag == "RB" and k == j) or (tag in (",", "CC") and head is False and k > j
                                                          and k + 1 < n and toks[k + 1].tag in ("JJ", "VBN")):
            if tag in _NOUN_TAGS:
                head = True
            elif head and tag not in _NOUN_TAGS and tag != "HYPH":
                break
            k += 1
            continue
        break
    return k, head


def _adjacent(text: str, a, b) -> bool:
    """Are tokens ``a`` and ``b`` separated by spaces only (no punctuation, no line break)?"""
    return text[a.end : b.start].strip(" \t*_") == ""


def _prev_tok(text, toks, i):
    """The token before ``toks[i]`` if nothing but spaces lies between, else None."""
    if i == 0:
        return None
    p = toks[i - 1]
    return p if _adjacent(text, p, toks[i]) else None


def _possessive_slot(text: str, toks, i: int, j: int) -> bool:
    """Does ``toks[i]`` (a written "it's", "you're" or "there") stand where only a possessive
    fits, with the noun phrase ``toks[j:]`` after it?  After a preposition or a verb that takes
    an object (not a verb of saying or thinking), or as the subject before a finite verb."""
    k, head = _np_end(toks, j)
    contraction = toks[i].text.lower() in ("its", "your")  # a written "it's" or "you're"
    there = toks[i].text.lower() == "their"  # a written "there", tagged as "their"
    if contraction and j < len(toks) and toks[j].tag == "VBG" and _gerund_owner_slot(text, toks, i, j):
        return True  # "of it's being three months", "insist upon you're staying"
    if not head or j >= len(toks) or toks[j].tag in ("CD", "RB") or toks[j].tag == "VBG" and not (
            contraction and k > j + 1 and (p0 := _prev_tok(text, toks, i)) is not None
            and (p0.tag in ("IN", "TO") and p0.text.lower() not in _SUBORDINATORS
                 or p0.tag.startswith("VB") and p0.text.lower() not in _CLAUSE_TAKERS | _AUX_WORDS)):
        return False  # but "ended it's flashing slant", "with it's fluctuating, feverish warmth"
    words = [t.text.lower() for t in toks[j:k]]
    if any(w in _PREDICATE_NOUNS_POS for w in words) or words[0].endswith("ing") and toks[j].tag != "VBG":
        return False

    if k < len(toks) and toks[k].text.lower() == "of" and words[-1] in ("kind", "sort", "part", "type", "bit"):
        return False  # "it's kind of foolish"
    p0 = _prev_tok(text, toks, i)
    if k < len(toks) and toks[k].tag == "POS" and (contraction or there) and p0 is not None and p0.tag in ("IN", "TO") \
            and _adjacent(text, p0, toks[i]) and \
            p0.text.lower() not in _SUBORDINATORS | {"like", "on", "in", "about", "up", "out", "off", "over", "down"}:
        return True  # "from you're daughter's lips", "of it's master's house"
    if k < len(toks) and (toks[k].tag == "POS" or toks[k].text in ("-", "—") and not _adjacent(text, toks[k - 1], toks[k])):
        return False
    p = _prev_tok(text, toks, i)
    if p is not None:
        pw = p.text.lower()
        if contraction and pw in _SEE_REMEMBER and toks[k - 1].tag in _NOUN_TAGS and k < len(toks) and \
                toks[k].tag in (".", ",", ":") and toks[k].text != "-" and not any(
                w in _YOURE_BARE_NOUNS or w in _PREDICATE_NOUNS or w in _INDEFINITE_NOUNS for w in words):
            return True  # "one should never remember it's details.", "she remembered it's warmth,"
        if contraction and pw == "all" and p.tag in ("DT", "PDT") and i >= 2 and _adjacent(text, toks[i - 2], p) \
                and toks[i - 2].text.lower() in ("in", "with", "of", "from", "to", "into", "through", "on", "over", "at") \
                and not (i >= 3 and toks[i - 3].text.lower() in ("not", "nothing", "anything", "if", "none")) \
                and k < len(toks) and (toks[k].tag in (".", ",", ":", "IN") or toks[k].tag in ("VBD", "VBP")
                                       and toks[k].text.lower() in ("were", "are", "was", "is")) \
                and not any(w in _YOURE_BARE_NOUNS or w in _PREDICATE_NOUNS for w in words):
            return True  # "in all it's delicious vagaries of", "at all it's joints."
        if contraction and pw in _OBJECT_TAKERS and (k >= len(toks) or toks[k].tag in (".", ",", ":", "IN")) \
                and not any(w in _YOURE_BARE_NOUNS for w in words):
            return True  # "You doubt it's value?", "I knew you're energetic nature,"
        if contraction and pw == "for" and (_NOUNISH_RE.match(words[-1]) or words[-1] in _OWNED_NOUNS
                                            or toks[i].text.lower() == "your") and (
                k >= len(toks) or toks[k].tag in (".", ",", ":", "IN")) and not any(
                w in _YOURE_BARE_NOUNS for w in words):
            return True  # "wish for it's continuance", "thanks for you're favor"
        if (contraction or there and pw not in ("where", "when", "as", "like", "but", "and", "or")) and (
                pw in _SUBORDINATORS or p.tag in ("WP", "WRB")) and pw not in ("so", "than") \
                and (pw != "that" or contraction and _that_complementizer(text, toks, i - 1)) \
                and k < len(toks) and (toks[k].tag in ("VBD", "VBZ", "MD") or contraction and toks[k].tag == "VBP"
                                       and toks[k - 1].tag == "NNS" or contraction and toks[k].tag == "VBN"
                                       and toks[k].text.lower().endswith("ed") and k + 1 < len(toks)
                                       and toks[k + 1].tag in ("RP", "RB") and toks[k + 1].text.lower() in (
                                           "back", "up", "down", "away", "off", "out", "in", "on")) \
                and _adjacent(text, toks[k - 1], toks[k]) \
                and toks[k - 1].tag in _NOUN_TAGS and not any(w in _YOURE_BARE_NOUNS for w in words):
            return True  # "when you're youth goes", "what you're grandfather wishes", "and it's driver hurried back"
        if contraction and pw in ("is", "was", "isn't", "wasn't", "are", "were") and toks[k - 1].tag in _NOUN_TAGS \
                and (k >= len(toks) or toks[k].tag in (".", ",", ":")) and not any(
                w in _YOURE_BARE_NOUNS or w in _PREDICATE_NOUNS for w in words) and len(words) <= 3 \
                and (i < 2 or toks[i - 2].tag not in ("NN", "NNS", "DT")):
            return True  # "Mrs. Kirke is you're friend.", "this isn't you're first visit?"
        if pw in _SUBORDINATORS or pw in _CLAUSE_TAKERS:
            return False
        if (contraction or there and pw not in _THERE_STAY) and p.tag in ("VBG", "VBN") and pw not in _AUX_WORDS | {
                "being", "having", "getting", "made", "let", "seeing", "knowing"}:
            return True  # "moulding it's senselessness", "had found it's billet"
        if contraction and p.tag == "RP" and i >= 2 and toks[i - 2].tag.startswith("VB") and \
                toks[i - 2].text.lower() not in _PARTICLE_VERBS | _CLAUSE_TAKERS and _adjacent(text, toks[i - 2], p):
            return True  # "took up it's old interests", "Take off you're hat"
        if contraction and (p.tag == "TO" or pw == "to"):
            return True  # "explored it to it's furthest end"
        if there and (p.tag == "TO" or pw == "to") and not (pp0 := _prev_tok(text, toks, i - 1)) is None and \
                pp0.text.lower() not in ("here", "back", "from", "get", "got", "way") and toks[k - 1].tag in _NOUN_TAGS:
            return True  # "they may go back to there work"
        if p.tag == "IN":
            pp = _prev_tok(text, toks, i - 1)
            # a particle ending a clause: "Come on it's time", "Hang in you're nearly there"; but a
            # preposition that is never a particle takes the noun phrase: "drew it from it's perch"
            return not (pp is not None and pp.text.lower() in _PARTICLE_VERBS
                        and not (contraction and pw in _NEVER_PARTICLES))
        if p.tag in ("VB", "VBD", "VBP", "VBZ"):
            if contraction:
                return pw not in ("let", "lets", "make", "made", "makes")  # "do it's work", "had it's marble nymph"
            return pw not in ("let", "lets", "make", "made", "makes", "have", "has", "had", "do", "did", "does",
                              "get", "got", "gets", "help", "helped")
        if p.tag not in ("CC", ",", ":", "``", "''", "-LRB-"):
            return False
    # the subject of a clause: "It's tail was wagging", "You're plan is a good one"
    return k < len(toks) and toks[k].tag in _FINITE_TAGS and _adjacent(text, toks[k - 1], toks[k])


#: Verbs of perceiving and remembering that take a clause ("I see it's late") or an object: a
#: written "it's" + a noun phrase + punctuation after them is the possessive ("remember it's title.").
_SEE_REMEMBER = frozenset(
    "remember remembered recall recalled see saw seen feel felt expect expected hear heard imagine imagined".split()
)
#: A finite verb within three words of "it's" after a conjunction ("and it's driver hurried",
#: "that it's iniquity did not"): only then is the subject reading worth tagging.
_FINITE_SOON_RE = re.compile(
    r"(?:[ \t]+[a-z]+(?:-[a-z]+)?){1,3}?[ \t]+(?:was|were|is|are|has|had|did|does|will|would|could|should|might|"
    r"must|can|seemed|seems|[a-z]{3,}ed)\b"
)


#: Prepositions that never end a clause as a particle ("come on", "hang in"): after them a
#: written "it's"/"you're" can only be the possessive ("drew it from it's perch").
_NEVER_PARTICLES = frozenset(
    "from into onto upon with within of at to toward towards against among amongst beneath beside without "
    "despite throughout".split()
)


def _that_complementizer(text: str, toks, k: int) -> bool:
    """Is ``toks[k]`` ("that") a conjunction opening a clause, after a verb, an adjective, a comma,
    "and"/"but" or an object pronoun ("it was plain that…", "supposing, …, that…", "and that…",
    "tell you that…"), rather than a pronoun or a determiner ("that it's", dialect "that there")?"""
    p = _prev_tok(text, toks, k)
    if p is None:
        return k > 0 and toks[k - 1].tag in (",", ":")
    if p.tag == "CC" or p.tag == "PRP" and p.text.lower() in ("me", "you", "him", "her", "us", "them"):
        return True  # "and that…", "point out to you that…"
    return p.tag in ("VB", "VBD", "VBN", "VBP", "VBZ", "VBG", "JJ") and p.text.lower() not in _AUX_WORDS


#: Participles after which "there" is the place: "sitting there", "living there people say…".
_THERE_STAY = frozenset(
    "sitting standing lying living staying waiting going coming stopping remaining working staring left found "
    "seen born buried hidden kept placed put stationed stuck trapped gathered parked settled sat stood lived "
    "stayed waited worked arrived born".split()
)
#: Verbs that take a clause ("I knew it's late") but more often an object ("I knew its extent"):
#: "it's"/"you're" + a noun phrase + punctuation or a preposition after them is the possessive.
_OBJECT_TAKERS = frozenset(
    "doubt doubted notice noticed forget forgot learn learned learnt discover discovered prove proved show showed "
    "shown own owned grant granted note noted warn warned".split()
)
_QUANTITY_BEFORE_OF = frozenset(
    "all some most none much part half any rest lot bit each both many more few one two worst best end top "
    "bottom front back side edge top middle".split()
)


def _gerund_owner_slot(text: str, toks, i: int, j: int) -> bool:
    """A written "it's"/"you're" (tagged as the possessive at ``toks[i]``) before an -ing verb,
    right after a preposition that cannot end a clause: "of it's being", "upon you're staying"
    (but "all of it's going", "Come on, it's raining")."""
    p = _prev_tok(text, toks, i)
    if p is None or p.tag != "IN" or text[toks[i].end : toks[j].start].strip(" \t*_") not in ("", "s", "re"):
        return False
    pw = p.text.lower()
    if pw not in ("of", "upon", "about", "from", "without", "with", "against", "despite", "at", "to", "on"):
        return False
    pp = _prev_tok(text, toks, i - 1)
    if pp is not None and (pp.text.lower() in _QUANTITY_BEFORE_OF or pp.tag == "CD" or
                           pw in ("on", "about", "with", "at", "to") and pp.text.lower() in _PARTICLE_VERBS):
        return False
    if toks[j].text.lower() in ("going", "getting", "gonna", "coming") and pw in ("of", "to", "on"):
        return False
    return True


def _clause_slot(text: str, toks, i: int) -> bool:
    """Can a clause start at ``toks[i]``: after punctuation, a conjunction, an adverb, or a verb of
    saying or thinking ("I think your wrong"), but not after a preposition, an object-taking verb
    or an auxiliary ("How is your cold?")?"""
    p = _prev_tok(text, toks, i)
    if p is None:
        return True
    pw = p.text.lower()
    if pw in _AUX_WORDS:
        return False
    if pw in _SUBORDINATORS or pw in _CLAUSE_TAKERS or pw in _CLAUSE_WORDS or pw in _ING_CLAUSE_WORDS:
        return True
    return p.tag in ("CC", "RB", "UH", "WRB", "WP", "WDT", "``", "''", ",", ".", ":")


def _no_noun_after(text: str, toks, j: int, keep: frozenset) -> bool:
    """Does the possessive written at ``toks[j-1]`` own nothing: no noun phrase after it
    ("its impossible.", "your wrong,", "their calmly"), at the start of a clause?"""
    if not _clause_slot(text, toks, j - 1):
        return False
    if j >= len(toks):
        return at_end_ok(text, toks[j - 1].end)
    t = toks[j]
    if t.text.lower() in keep or not t.text.islower() or not _adjacent(text, toks[j - 1], t):
        return False
    k, head = _np_end(toks, j)
    if head or any(toks[x].tag in ("CD", "VBG", "VBN", "NNP", "NNPS", "JJS", "RBS") or _NOUNISH_RE.match(
            toks[x].text.lower()) for x in range(j, k)):
        return False
    if k == j and t.tag in ("RB",):
        return False
    nxt = toks[k] if k < len(toks) else None
    if nxt is None:
        return at_end_ok(text, toks[k - 1].end)
    if nxt.text == "," and (k + 1 >= len(toks) or toks[k + 1].tag in _NP_TAGS):
        return False  # a list of adjectives before a noun: "your long, kind, satisfactory detail"
    if k > j and not _adjacent(text, toks[k - 1], nxt) and nxt.tag not in (".", ",", ":"):
        return False
    return nxt.tag in (".", ",", ":", "IN", "TO", "DT", "PRP", "RB", "MD", "CC", "''", "EX") and nxt.text != "-"


#: Words after which "your/its/their" + an -ing verb starts a clause ("I think your making a
#: mistake"), where a possessive gerund ("I remember your coming") is not idiomatic.
_ING_CLAUSE_WORDS = frozenset(
    "think thinks thought suppose supposed guess reckon bet hope now when whenever while if because cause cos "
    "and but so till until unless since".split()
)


def _ing_clause(text: str, toks, i: int, j: int, pos: int) -> bool:
    """"Your going to ruin yourself", "Now its coming!": an -ing verb right after the word at a
    clause start, and no finite verb after it (so no possessive gerund subject)."""
    if j >= len(toks) or toks[j].tag != "VBG" or not _adjacent(text, toks[j - 1], toks[j]):
        return False
    if toks[j].text.lower() in ("being", "having"):
        return False
    if j + 1 < len(toks) and toks[j + 1].tag in ("NN", "NNS", "NNP", "NNPS", "POS"):
        return False  # "its staring blinds", "your loving sister"
    if not (at_sentence_start(text, pos) or prev_word(text, pos).lower() in _ING_CLAUSE_WORDS):
        return False
    for t in toks[j + 1 :]:
        if t.text in (".", "!", "?", ";"):
            return True  # the sentence ends with no finite verb: "Your going to ruin yourself."
        if t.tag in _FINITE_TAGS:
            return False
    return False


#: Adverbs between the contraction and its predicate adjective: "Its very kind of you".
_ALT_ADVERBS = frozenset(
    "very so too quite really pretty awfully simply just only all rather most real perfectly dreadfully terribly "
    "fearfully frightfully mighty jolly extremely truly always never still nearly almost getting".split()
)
#: Words that may follow a predicate adjective: "Its hard to say", "your very kind of him".
_AFTER_PREDICATE = frozenset(
    "to of that for at in about with enough and but when because as than if by now here there too again "
    "already or yet outside".split()
)
#: Words a possessive often stands before with no noun after (or that are nouns too): "at its
#: best", "its worth", "feed its young", "know your right from your left", "for your good".
_ALT_KEEP = frozenset(
    "right left good kind like worth young old past present future usual average total whole cold best better "
    "betters interest interests own fill due share utmost last first most least native fellow equal equals "
    "superior superiors inferior inferiors opposite reverse contrary back front mean ilk sort type lot dear "
    "darling welcome sweet beloved hell damnedest damndest level bit part fault".split()
)
#: Degree adverbs after which a predicate, not a noun, follows "it's/you're/they're": "its so",
#: "your always", "their all over" ("their very own", "its only child" are possessives).
_DEGREE_ADVERBS = frozenset("so too very really always never just all quite awfully terribly dreadfully".split())
#: Verbs after which a clause starts rather than an object: "I think your wrong".
_THINK_VERBS = frozenset(
    "think thought thinks suppose supposed guess guessed reckon reckoned bet hope hoped believe believed know knew "
    "say said says feel felt swear swore expect imagine imagined fear feared wish sure declare mean".split()
)
_ADJECTIVE_SUFFIXES = ("ous", "ful", "ive", "able", "ible", "less", "ish", "ical")


@lru_cache(maxsize=None)
def _predicate_adjectives() -> frozenset[str]:
    return frozenset(w.lower() for line in _lines("predicate_adjectives.txt") for w in line.split())


_TOKEN_RE = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|[^\sA-Za-z]")
_PREDICATE_END = frozenset((".", ",", "!", "?", ";", ":", "—", "–", "…", "\"", "”"))


def _alt_worth(text: str, end: int, keep: frozenset) -> bool:
    """A cheap look after a written possessive (at a clause start) before tagging it as the
    contraction: an -ing word, or a lowercase word (after an adverb or two) that ends the clause
    or goes on with "to", "of", "that"…  ("Its very kind of you", "your wrong,")."""
    words = _TOKEN_RE.findall(text[end : end + 60])
    k = 0
    while k < len(words) - 1 and k < 2 and words[k].lower() in _ALT_ADVERBS:
        k += 1
    if k >= len(words):
        return False
    w = words[k]
    if not w.isalpha() or not w.islower() or w in keep or w in _ALT_KEEP and k == 0:
        return False
    if w.endswith("ing") and k == 0 or k > 0 and words[0].lower() in _DEGREE_ADVERBS:
        return True
    if not (w in _predicate_adjectives() or w.endswith(_ADJECTIVE_SUFFIXES) or w.endswith(("ed", "en", "wn", "lt",
                                                                                            "ght", "ung", "unk"))):
        return False  # what _contraction_reading would take as a predicate adjective
    if k + 1 >= len(words):
        return True
    nxt = words[k + 1]
    return nxt in _PREDICATE_END or nxt.lower() in _AFTER_PREDICATE


def _contraction_reading(text: str, toks, i: int, m, keep: frozenset) -> bool:
    """Tags of a written possessive read as the contraction ("its" tagged as "it's", "your" as
    "you're", "their" as "they're"), at ``toks[i]`` ("it"; ``toks[i+1]`` is "'s"): does an
    adjective or participle follow that ends the clause ("but its black.", "Your morbid,
    George", "If its light enough"), or an -ing verb at the start of a sentence that has no
    other verb ("Your catching cold")?"""
    n = len(toks)
    if i + 2 >= n or toks[i + 1].tag not in ("VBZ", "VBP", "POS") or not _clause_slot(text, toks, i):
        return False
    p = _prev_tok(text, toks, i)
    if p is not None and ((p.tag.startswith("VB") or p.tag == "MD") and p.text.lower() not in _THINK_VERBS
                          or p.text.lower() in ("for", "like", "than", "as", "with", "of")):
        return False  # an object: "explain your process", "like your consent", "answer for your deed"
    j = i + 2
    if not _adjacent(text, toks[i + 1], toks[j]):
        return False
    adv = 0
    while j < n - 1 and toks[j].tag == "RB" and toks[j].text.lower() in _ALT_ADVERBS and adv < 2:
        j += 1
        adv += 1
    t = toks[j]
    tl = t.text.lower()
    if not t.text.isalpha() or not t.text.islower() or tl in keep or tl in _ALT_KEEP and not adv \
            or tl in ("being", "having"):
        return False
    if adv and toks[i + 2].text.lower() in _DEGREE_ADVERBS and t.tag == "VBG":
        return j + 1 >= n or toks[j + 1].tag not in ("NN", "NNS", "NNP", "POS")  # "your always making new ones"
    if adv and toks[i + 2].text.lower() in _DEGREE_ADVERBS and t.tag in ("JJ", "JJR", "VBN", "RB", "IN"):
        # "their so rotten nice", "its all over", "your always making": no noun after the adverb's word
        k = j + 1
        while k < n and toks[k].tag in ("JJ", "RB", "CC", "HYPH"):
            k += 1
        return not (k < n and toks[k].tag in ("NN", "NNS", "NNP", "POS")) and (
            t.tag != "IN" or tl in ("over", "out", "in", "up", "like", "about", "at", "on"))
    if t.tag == "VBG" and adv == 0:
        if j + 1 < n and toks[j + 1].text == "!" and tl not in ("being", "having"):
            return True  # "There's the rumble, their coming!"
        if tl in ("being", "having") or not (at_sentence_start(text, m.start(1)) or prev_word(
                text, m.start(1)).lower() in _ING_CLAUSE_WORDS - {"and", "but", "so"}):
            return False
        if j + 1 >= n or toks[j + 1].text in _PREDICATE_END or toks[j + 1].tag in ("NN", "NNS", "NNP", "POS"):
            return False  # "your leaving.", "Your loving sister,"
        for u in toks[j + 1 :]:
            if u.text in (".", "!", "?", ";"):
                return True
            if u.tag in _FINITE_TAGS:
                return False
        return False
    if t.tag not in ("JJ", "JJR", "VBN"):
        return False
    if not (tl in _predicate_adjectives() or tl.endswith(_ADJECTIVE_SUFFIXES) and not _NOUNISH_RE.match(tl)
            or t.tag == "VBN" and len(tl) > 3 and not tl.endswith(("eed", "ead", "hatred", "kindred", "hundred"))
            and tl.endswith(("ed", "en", "wn", "ne", "lt", "pt", "ght", "ung", "unk"))):
        return False  # the tagger reads most nouns after "'re" as adjectives: "you're consent"
    k = j + 1
    if k >= n:
        return at_end_ok(text, t.end)
    nxt = toks[k]
    nl = nxt.text.lower()
    if any(c in text[t.end : nxt.start] for c in "—–"):
        return True  # "When its finished—then Texas" (the tagger reads a dash as a space)
    if nxt.text in _PREDICATE_END or nxt.tag in (".", "''"):
        if nxt.text == ",":
            return k + 1 >= n or toks[k + 1].tag not in _NP_TAGS and toks[k + 1].tag != "DT"
        return True
    if nl in ("and", "but", "or"):
        return k + 1 < n and toks[k + 1].tag in ("PRP", "DT", "MD", "VBD", "VBZ", "VBP", "EX")
    return nl in _AFTER_PREDICATE and nxt.tag in ("IN", "TO", "RB", "JJ")

def _alt_item(text: str, m, possessive: str, contraction: str, keep: frozenset):
    """The contraction reading of a written possessive worth tagging (see :func:`_alt_worth`)."""
    w = m.group(1)
    if w.lower() != possessive or not _alt_worth(text, m.end(1), keep):
        return None
    return (m.start(1), m.end(1), cased(w, contraction))


def at_end_ok(text: str, pos: int) -> bool:
    return next_char(text, pos) in ("", ".", "!", "?", ",", ";", "…", "—", "\"", "”")


# --------------------------------------------------------------------------- GRM006

_PREPOSITIONS = frozenset(
    """
    of on in by to for with from into onto about at under over through within without alongside
    amid amidst toward towards upon across along around behind beneath beside besides between
    inside outside against despite during like near off past since throughout unlike via among
    amongst underneath above below
    """.split()
)
#: Nouns that, after a preposition (or "all") and "it's", can only be owned: on it's back.
_OWNED_NOUNS = frozenset(
    """
    own tail tails head heads eyes eye face mouth teeth tooth ears ear wings wing legs leg paws paw
    claws claw fur feathers skin scales shell nose neck back belly body feet foot hands arms
    horns horn beak mane hooves hoof fangs jaws jaw owner owners master mother father nest cage
    den name names surface edge edges side sides hinges base top bottom handle lid spine pages
    cover roots branches leaves trunk petals stem blade hilt tip point core centre center heart
    contents meaning purpose origin origins source place way course path home nature coast shore
    banks walls wall windows window doors door roof floor presence welcome heyday perfection
    glory beauty charm power powers weight shape size colour color length width height depth
    light shadow shadows voice sound smell scent taste effect effects value price history
    people inhabitants members rules benefits flaws faults features parts pieces approach
    title presence corner spot box case frame shelf stand bed pen stall hole socket sheath scabbard
    holster cradle tank jar bowl kennel hutch lair burrow stable perch
    """.split()
)
#: Owned nouns that also never follow "it is" bare, so "it's" before them is wrong anywhere.
_OWNED_ANYWHERE = frozenset(
    """
    own tail tails eyes ears wings legs paws claws teeth fangs feathers scales horns hooves jaws
    beak mane owner owners nest cage spine pages contents hinges roots branches petals name
    """.split()
)
#: Words before a particle that ends a clause: "Come on it's late", "Hold on it's coming".
_PARTICLE_VERBS = frozenset(
    "come hold hang go carry move get look turn log sign check give keep hurry catch watch shut stop fill figure "
    "think thinking thought it that this them him her me us you got worry".split()
)
_OBJECT_PRONOUNS = frozenset("it that this them him her me us you".split())
#: Prepositions that do not end a clause ("Come in, it's late" aside) and rarely close a subject
#: ("the worst of it's over"): after them "it's" + a noun is the possessive.
_STRONG_PREPOSITIONS = frozenset(
    "into within through throughout despite upon onto via amid amidst among amongst beneath underneath toward "
    "towards across".split()
) | {"in"}
#: Words that can only be nouns, by their ending: -ness, -tion, -ment, -ity, -ety, -hood, -ship, -ers.
_NOUNISH_RE = re.compile(r"[a-z]{3,}(?:ness|tion|sion|ment|ity|ety|hood|ship|ers|ors)\Z")
#: Owned nouns that can also start what follows "it is": "it's way too late", "it's back".
_PREDICATE_NOUNS = frozenset(
    "way home place course top back side head face point light power weight sound effect heart core case spot "
    "stand".split()
)
#: Words a possessive cannot come before: "its been", "its a", "its the", "its where".
_ITS_CERTAIN_NEXT = frozenset(
    "been had a an the not gonna my your our their his me you us them where what when who why how that this "
    "any no such mine yours hers ours theirs done gone something nothing anything everything anybody somebody "
    "nobody everybody anyone someone everyone".split()
)
#: Adverbs that a possessive "its" can precede only before an adjective: "its only child", but
#: "its only a game" needs "it's".
_ITS_ADVERB_THEN_DET = frozenset("only just really also always still even probably definitely all".split())
_DETERMINERS_AND_PRONOUNS = frozenset(
    "a an the my your his her our their me you him us them that this not been gonna going".split()
)
#: Words after which a clause may start ("and its so cold", "well, its okay").
_CLAUSE_WORDS = frozenset(
    "and but so because cause cos well yes yeah oh okay now that if since though although maybe guess "
    "think hope suppose sure know bet afraid said says thought believe reckon when".split()
)
#: After "its" at the start of a clause: adverbs that cannot begin a noun phrase.
_ITS_START_NEXT = frozenset(
    """
    so too just really always never already probably definitely totally all gonna going getting
    okay ok alright over here there about nothing quite
    """.split()
)
#: Adjectives that, after "its" at the start of a clause and before "to", "that" or the end
#: of the clause, can only be the complement of "it is": "Its hard to explain."
_ITS_ADJECTIVES = frozenset(
    """
    hard difficult easy easier harder better worse best nice good bad great fine okay true possible
    impossible important necessary fun funny weird strange obvious clear likely unlikely late early
    cold hot warm dark quiet safe dangerous beautiful amazing cool sad simple complicated ridiculous
    crazy stupid useless pointless normal ok alright enough lovely awful terrible horrible wonderful
    time silly
    """.split()
)


@register
class ItsIts(_GrammarRule):
    """`it's` for the possessive `its`, and `its` for `it's` (*it is*, *it has*).

    ## What it does
    Flags `it's` where only the possessive fits: `it's own`; `it's` before a noun that can
    only be owned (`it's tail`, `it's wings`, `it's owner`); after a preposition or `all`
    before a noun (`on it's back`, `in it's place`, `with all it's windows`, `in it's
    entirety`, `through it's members`); after a form of *be* (`He's it's owner`, `What are
    it's benefits?`); and `at it's best`.

    Flags `its` where only *it is* or *it has* fits: before `been`, `had`, an article,
    `not`, `gonna`, `no`, `any`, `such`, a pronoun or a question word (`its been`, `its a`,
    `its the`, `its where`, `its no good`, `its mine`, `its something`), before
    `only/just/really…` and an article (`its only a game`), `its worth` before `a`,
    `something`, `quite`… (`Its worth a fortune`); and at the start of a clause before words like `so`,
    `too`, `just`, `really`, `okay`, `kind of` (`Its so cold.`, `and its too late`) or an
    adjective that ends the clause or goes on with `to`/`that` (`Its hard to explain.`).

    Where those patterns leave it open, part-of-speech tags decide (spaCy, on a few words
    around the candidate): `it's` before a noun phrase after a preposition or a verb that
    takes an object (`lifted it's soft green sides`), or as the subject of a verb (`It's
    door was locked.`), also after a participle, a particle or `to` (`moulding it's
    senselessness`, `took up it's old interests`, `to it's furthest end`), as a possessive
    gerund after a preposition (`think of it's being three months`), after a preposition that
    is never a particle (`drew it from it's perch`), as the subject of a verb after a
    conjunction (`so successful that it's iniquity did not worry me`, `and it's driver hurried
    back`), after `in all`, `at all`… (`in all it's aspects,`), after *doubt*, *notice*,
    *show*… before punctuation (`You doubt it's value?`), and after *remember*, *see*,
    *feel*… before a noun and punctuation (`never remember it's details.`); `its` at the start of a
    clause where no noun follows (`I'm afraid its impossible.`, `But its nearly dark
    enough`), or before an -ing verb that ends the sentence without a verb of its own (`Now
    its coming!`). A written `its` at the start of a clause is also tagged as `it's`: a
    predicate adjective that ends the clause or goes on with `to`, `of`, `that`… (`but its
    black.`, `Its very naughty of you`, `I suppose its wrong,`) or a degree adverb before a
    predicate (`its all over`) means *it is*. Also flags, without tags: `it's` after `has`,
    `had`, `having` or a verb that takes only an object (`the company has it's offices`,
    `rang it's double chime`), `into/in/from it's very` + a noun, `all it's` + a noun before
    a comma or `and`, `of`, `were`… (`all it's aspects,`); `its got`, `its called`, `its
    meant`, `its` + a name at the start of a clause (`“Its Mother!”`), and `its merely`,
    `its nigh`, `till its cooler.`, `its better'n`, and `its` + an -ing verb before an object
    with no finite verb after it (`I reckon its taking a chance`).

    Not flagged: the possessive before a gerund or an adjective (`its going out of
    business`, `its very own`, `its only child`, `its hard shell`, `at its highest`),
    `for all it's worth`, `that's all it's good for`, `it's` after a verb of saying or
    thinking or a conjunction (`She said it's nothing`, `that it's poison`), and `it's`
    anywhere else.

    ## Why it matters
    `It's` always means *it is* or *it has*; the possessive `its` has no apostrophe, like
    `his` and `hers`. Spell-checkers miss the swap because both are real words.

    ## Example
    `The dog wagged it's tail. Its been a long day.` becomes
    `The dog wagged its tail. It's been a long day.`

    ## Fix safety
    Safe: only the apostrophe is added or removed.
    """

    code = "GRM006"
    name = "its-its"
    needles = ("it's", "it’s", "its")

    pos_re = re.compile(_B + r"(it['’]s|its)" + _S + r"[a-z]", re.I)

    def pos_decide(self, text, toks, i, m, ctx):
        w = m.group(1)
        if w.lower() == "its":
            j = i + 1
            if _no_noun_after(text, toks, j, _ITS_KEEP) or _ing_clause(text, toks, i, j, m.start(1)):
                ap = _apostrophe(ctx)
                return self.finding(m.start(1), m.end(1), f"'{w}' needs 'it{ap}s' (it is / it has).",
                                    cased(w, "it" + ap + "s"))
            return None
        if toks[i].text.lower() != "its":
            return None
        j = i + 1  # tagged as "its"
        if j < len(toks) and toks[j].text.islower() and _possessive_slot(text, toks, i, j):
            return self.finding(m.start(1), m.end(1), "The possessive is 'its', without an apostrophe.",
                                cased(w, "its"))
        return None

    def pos_alt_item(self, text, m):
        return _alt_item(text, m, "its", "it's", _ITS_KEEP)

    def pos_decide_alt(self, text, toks, i, m, ctx):
        if _contraction_reading(text, toks, i, m, _ITS_KEEP):
            w = m.group(1)
            ap = _apostrophe(ctx)
            return self.finding(m.start(1), m.end(1), f"'{w}' needs 'it{ap}s' (it is / it has).",
                                cased(w, "it" + ap + "s"))
        return None

    _its_apos = re.compile(_B + r"(it['’]s)" + _S + r"([^\W\d_]+)" + _E_NOHYPHEN, re.I)
    _its = re.compile(_B + r"(its)" + _S + r"([^\W\d_]+(?:['’][^\W\d_]+)?)" + _E_NOHYPHEN, re.I)

    def cache_key(self, ctx):
        return (ctx.dialect, _apostrophe(ctx))

    def scan(self, para, ctx):
        text = para.text
        low = text.lower()
        ap = _apostrophe(ctx)
        if "it's" in low or "it’s" in low:
            for m in self._its_apos.finditer(text):
                if self._possessive(text, m):
                    w = m.group(1)
                    yield self.finding(m.start(1), m.end(1), "The possessive is 'its', without an apostrophe.",
                                       cased(w, "its"))
        for m in self._its.finditer(text):
            if self._contraction(text, m):
                w, nxt = m.group(1), m.group(2)
                yield self.finding(m.start(1), m.end(1), f"'{w} {nxt}' needs 'it{ap}s' (it is / it has).",
                                   cased(w, "it" + ap + "s"))

    @staticmethod
    def _possessive(text, m) -> bool:
        nxt = m.group(2)
        nl = nxt.lower()
        if not nxt.islower():
            return False
        if nl == "own" or nl in _OWNED_ANYWHERE:
            return True
        prev = prev_word(text, m.start()).lower().replace("'", "’")
        spaced = text[m.start() - 1 : m.start()] in (" ", "\t", "\n")
        if spaced and prev in ("are", "were", "he’s", "she’s", "that’s", "what’s", "who’s", "where’s", "here’s"):
            return True  # "What are it's benefits?", "He's it's owner."
        if spaced and prev in ("is", "was") and nl in _OWNED_NOUNS and nl not in _PREDICATE_NOUNS:
            return True  # "What is it's name?" (but "The thing is it's way too late")
        if spaced and prev in ("has", "had", "have", "having") and nl not in ("been", "got", "gotten", "not", "had") \
                and not nl.endswith("ly"):
            return True  # "the company has it's French offices", "joy having it's bitterness"
        if spaced and prev in _ITS_OBJECT_VERBS and nl not in _PREDICATE_NOUNS and nl not in ("not", "been", "got"):
            return True  # "The silvery streak ended it's flashing slant", "the half-hour rang it's double chime"
        if spaced and prev in ("into", "from", "with", "by", "upon", "through", "within", "in") and nl == "very" and \
                next_word(text, m.end(2)).islower() and next_char(text, text.find(next_word(text, m.end(2)), m.end(2))
                                                                  + len(next_word(text, m.end(2)))) not in (
                    ".", ",", "!", "?", ";", "—", "") and next_word(text, m.end(2)).lower() not in _ALT_KEEP:
            return True  # "into it's very jaws", "in it's very silence"
        after = next_word(text, m.end(2)).lower()
        if spaced and prev == "all" and nl not in _ITS_ALL_KEEP and not nl.endswith(("ly", "ed", "ing")) \
                and prev_word(text, text.rfind("all", 0, m.start())).lower().replace("'", "’") not in (
                    "that’s", "is", "was", "and", "above", "after", "at", "for", "in", "not") and (
                    next_char(text, m.end(2)) in (".", ",", ";") or after in ("and", "of", "in", "were", "was", "by",
                                                                               "with", "are")):
            return True  # "in all it's aspects,", "all it's furniture were examined"
        if nl in _OWNED_NOUNS and after in ("is", "was", "are", "were", "has", "had", "seemed", "looked") and \
                next_char(text, m.end(2)) not in (",", ".", ";", ":", "!", "?", "—"):
            return True  # "It's door is too small."
        if spaced and prev == "at" and nl in ("best", "worst", "finest", "peak", "height", "core", "most", "strongest",
                                               "weakest", "lowest", "highest", "fullest", "brightest"):
            return True  # "at it's best"
        if spaced and (prev in _STRONG_PREPOSITIONS or prev == "of" and prev_word(
                text, text.rfind("of", 0, m.start())).lower() in ("spite", "because", "instead", "regardless")) \
                and _NOUNISH_RE.match(nl) and nl not in ("others",):
            if not (prev == "in" and prev_word(text, text.rfind("in", 0, m.start())).lower() in _PARTICLE_VERBS
                    and prev_word(text, text.rfind("in", 0, m.start())).lower() not in _OBJECT_PRONOUNS):
                return True  # "in it's entirety", "through it's members", "in spite of it's youth"
        if nl not in _OWNED_NOUNS or nl == "worth":
            return False
        if prev == "as" and prev_word(text, text.rfind("as", 0, m.start())).lower() == "such":
            return True  # "such as it's title"
        if prev == "all":
            return prev_word(text, text.rfind("all", 0, m.start())).lower() not in ("that’s", "that's", "is", "was")
        if prev not in _PREPOSITIONS or not spaced:
            return False
        if nl in ("way", "place", "home", "course", "top", "back", "side", "head", "face", "point", "kind") and after in (
            "too", "more", "less", "better", "worse", "beyond", "past", "over", "so", "ahead", "to", "that", "of",
        ):
            return False
        if nl in ("home", "kind", "over"):
            return False  # "hold on it's home", "it's kind of"
        # a particle ending a clause before "it's": "Come on it's time", "Hang in it's nearly over"
        before = prev_word(text, text.rfind(prev, 0, m.start())).lower() if prev else ""
        if prev in ("on", "in", "up", "over", "about", "off", "out", "by", "around", "along", "through", "back", "down",
                    "inside", "outside", "behind", "past", "like", "since") and (
            before in _PARTICLE_VERBS
            or prev in ("like", "since", "past", "about", "around", "along", "through", "back", "down", "inside",
                        "outside", "behind")
            and nl not in _OWNED_ANYWHERE
        ):
            return False
        return True

    @staticmethod
    def _contraction(text, m) -> bool:
        w, nxt = m.group(1), m.group(2)
        nl = nxt.lower().replace("’", "'")
        ch = next_char(text, m.end(2))
        if ch == "-":
            return False
        if nl in _ITS_ADVERB_THEN_DET and next_word(text, m.end(2)).lower() in _DETERMINERS_AND_PRONOUNS:
            return True  # "its only a game"
        if nl == "worth" and next_word(text, m.end(2)).lower() in (
                "a", "an", "the", "it", "quite", "something", "nothing", "every", "more", "much", "twice", "while",
                "trying", "having", "doing", "seeing", "all", "your", "my", "his", "her", "their", "our", "that"):
            return True  # "Its worth something to have that"
        if nl in _ITS_CERTAIN_NEXT:
            if nl in ("a", "an") and nxt != nl:
                return False  # its A list
            if nl in ("his", "her", "me", "you", "us", "them", "my", "your", "our", "their", "that", "this", "had"):
                return _its_clause_start(text, m.start())
            if nl == "not" and next_word(text, m.end(2)).lower().endswith("ing"):
                return at_sentence_start(text, m.start())  # its not being ready / Its not working.
            return True
        if nl in ("got", "gotten", "called", "meant", "supposed") and nxt.islower():
            return True  # "if its got to be done", "Its called ‘The Jealous Rival’"
        if nxt[:1].isupper() and nxt != "I" and w.lower() == "its" and (clause_start(text, m.start()) or prev_word(
                text, m.start()).lower().replace("’", "'") in _ITS_NAME_BEFORE) and re.match(
                r"(?:[ \t]+[A-Z][\w’']*)*[ \t]*[.!?,—”\"]", text[m.end(2):]):
            return True  # "“Its Mother!”", "I know his voice. Its Bull Harbison."
        if not (_its_clause_start(text, m.start()) or prev_word(text, m.start()).lower() in ("till", "until", "when",
                                                                                          "while", "unless")):
            return False
        if nl in ("merely", "nigh", "really", "certainly", "probably", "surely") or nl.endswith("'n") or (
                nl in ("better", "worse", "nicer", "cooler", "warmer", "colder", "easier", "harder", "safer",
                       "sweeter", "worse") and (ch in (".", "!", "?", ";", "…", "—", "\"", "”") or next_word(
                    text, m.end(2)).lower() in ("than", "to", "now", "for", "when", "if", "that", "than"))):
            return True  # "Its merely taking your money", "till its cooler.", "its better'n to be a pirate"
        if not _its_clause_start(text, m.start()):
            return False
        if nl.endswith("ing") and nl not in _ING_NOUNS and nl not in ("going", "coming", "being", "having") and \
                next_word(text, m.end(2)).lower() in _YOURE_ING_NEXT and _no_finite_after(text, m.end(2)):
            return True  # "I reckon its taking chances."
        if nl in _ITS_START_NEXT:
            if nl == "going":
                return next_word(text, m.end(2)).lower() == "to"
            return True
        if nl in ("like", "kind"):
            after = next_word(text, m.end(2)).lower()
            return after in ("a", "an", "the", "this", "that", "i", "you", "we", "he", "she", "they", "when", "if",
                             "someone", "something") if nl == "like" else after == "of"
        if nl in _ITS_ADJECTIVES:
            after = next_word(text, m.end(2)).lower()
            if nl == "time":
                return after == "to" or (after in ("for", "we", "i", "you", "it", "he", "she", "they", "tha", "thee")
                                         and at_sentence_start(text, m.start()))
            # not before a comma: "and its cold, dark depths" (a list of adjectives before a noun)
            return ch in ("", ".", "!", "?", ";", "…", "—", "\"", "”") or after in (
                "to", "that", "for", "when", "if", "because", "enough", "but", "out", "in", "here", "outside")
        return False


#: Verbs that take an object and never a clause, before a written "it's": "rang it's double chime" (its).
_ITS_OBJECT_VERBS = frozenset(
    """
    ended rang bear bore butt raise raised lift lifted shake shook hold held keep kept spread opened closed bent
    bowed wagged wag flapped flap stretched lowered folded ruffled licked lick changed reached
    """.split()
)
#: After "all it's": "for all it's worth", "all it's good for" (it is).
_ITS_ALL_KEEP = frozenset(
    "worth good meant got been ever about for done there here fit supposed used going gonna really that is was "
    "cracked just can could will would needs takes took cost gone made a an the not so too very only".split()
)
#: Words before "its" + a name: "I know… Its Bull Harbison", "Why, its Mother!" (it's).
_ITS_NAME_BEFORE = frozenset("know think reckon s'pose suppose perhaps guess believe why sure say said".split())


#: Words a possessive may stand before without a noun after: "its own", "at its best", "your all".
_ITS_KEEP = frozenset(
    "young own best worst utmost fill all most least last first share due way whole full uttermost height every very "
    "off".split()
)
_YOUR_KEEP = _ITS_KEEP | frozenset(
    "majesty highness lordship ladyship honour honor grace excellency worship reverence eminence dead poor rich "
    "young old sick living wounded fallen beloved intended betrothed deceased departed accused elect".split()
)


def _its_clause_start(text: str, pos: int) -> bool:
    if clause_start(text, pos):
        return True
    return prev_word(text, pos).lower() in _CLAUSE_WORDS


# --------------------------------------------------------------------------- GRM007

#: "-ed" words that are also nouns after a possessive: "your beloved", "your intended".
_ED_NOUNS = frozenset(
    "beloved betrothed intended deceased accused departed wounded hundred kindred wicked hatred sacred".split()
)
_BASE_VERBS = frozenset(
    """
    be have get make need regret love hate die fall lose want say tell do see find like kill help take give
    know feel think leave stay wake hurt break ask try miss win fail lose pay end
    """.split()
)
_YOURE_CERTAIN_NEXT = frozenset("not a an the gonna so such".split())
_YOUR_OWNED = frozenset(
    """
    own fault eyes hair hands lips arms legs shoulders parents name phone room bedroom house clothes
    homework opinion mom mum dad mother father pet dog cat girlfriend boyfriend wife husband prayers pardon
    tongue sash daughter son sister brother children grandfather grandmother grandpa grandma nephew niece
    """.split()
)
#: Owned nouns after "that's/it's/what's you're": "that's you're problem", "what's you're name".
_YOUR_OWNED_AFTER_BE = _YOUR_OWNED | frozenset("life job problem problems turn idea money birthday car".split())
#: Adjectives that, after "your" and before the end of the clause, need "you're": "Your beautiful."
_YOURE_ADJECTIVES = frozenset(
    """
    beautiful gorgeous amazing wonderful awesome adorable cute crazy insane ridiculous pathetic
    stupid impossible unbelievable incredible brilliant hilarious late early sick drunk lying
    kidding joking sorry sure lucky pretty mad nuts fine okay ugly annoying welcome
    """.split()
)
#: Prepositions after which "you're" can only be a slip for "your" ("by you're side").
_YOUR_PREPOSITIONS = frozenset(
    "with of from into onto at by to through without within under upon behind beside toward towards against "
    "despite about".split()
)
#: Words that can follow "you're" (you are): after a preposition they are not owned nouns.
_YOURE_PREDICATES = frozenset(
    """
    not so too very really just always never still also a an the going gonna welcome right sure such only all
    both kind sort being here there home back in on at over out up down off away about with from to like
    as more less most much even already almost quite pretty rather better worse best fine okay ok safe free
    alone together mine ours his hers theirs one done gone
    """.split()
)
#: Words before a subject clause: "I know your right" (you're).
_YOUR_CLAUSE_WORDS = frozenset(
    "that know think if because so and but when cause since suppose guess hope reckon bet believe sure afraid "
    "say said says thought yes yeah oh okay well".split()
)
_BE_CONTRACTIONS = frozenset(
    "are were that’s it’s what’s where’s here’s there’s who’s how’s".split()
)


#: Nouns (or words a tagger reads as nouns) that follow "you are" bare: "you're welcome", "you're
#: family", "you're right", "you're fair game".
_YOURE_BARE_NOUNS = frozenset(
    """
    welcome home family trouble company news stuff game weight dog door school class best luck material right
    wrong left next mine kind sort type toast meat royalty history blood kin fun magic business alone okay ok fine
    sure late early worth half part partner friend friends enemy enemies boss head chief captain king queen
    judge witness proof evidence hero heroes genius dead alive awake asleep afraid aware ashamed able due free
    nuts crazy mad sorry glad safe sick tired bound half way back out top bottom first last one none
    """.split()
)


def _bare_count_noun(text: str, toks, i: int, j: int) -> bool:
    """"you're" (tagged as "your") before a singular noun with no article, which "you are" cannot
    take: "find you're father", "I didn't like you're heroine."; not "you're welcome", "you're
    family", "you're right", "you're fair game"."""
    n = len(toks)
    if text[toks[i].end : toks[j].start].strip(" \t*_") not in ("", "re"):  # "you're" tagged as "your  "
        return False
    k, head = _np_end(toks, j)
    if not head or toks[k - 1].tag != "NN" or toks[j].tag in ("CD", "RB", "VBG", "VBN"):
        return False
    words = [t.text.lower() for t in toks[j:k]]
    if any(x in _YOURE_BARE_NOUNS or x in _PREDICATE_NOUNS_POS or x in _INDEFINITE_NOUNS or not x.isalpha()
           or x.endswith(("ly", "ing", "ed", "ful")) for x in words):
        return False
    if k < n and (toks[k].tag == "POS" or toks[k].text in ("-", "—", ",", "!", "enough") or text[toks[k - 1].end : toks[k - 1].end + 1]
                  in ("'", "’")):
        return False
    if words[-1].endswith(_ADJECTIVE_ENDINGS) or words[-1] in _PARTICIPLES:
        return False  # "you're homesick", "you're mistaken" (adjectives read as nouns)
    p = _prev_tok(text, toks, i)
    if p is None or not (p.tag in ("VB", "VBD", "VBP", "VBZ", "VBG") and p.text.lower() not in _AUX_WORDS
                         or p.tag == "IN" and p.text.lower() not in _SUBORDINATORS):
        return False  # only as an object: "find you're father", "like you're heroine"
    return all(t.text.islower() for t in toks[j:k])


_ADJECTIVE_ENDINGS = ("en", "ic", "ous", "ive", "less", "able", "ible", "ish", "ick", "al", "ant", "ent", "y", "ed",
                      "unk", "ude", "ite", "ng")


#: Verbs that take an object, never a clause, before a written "you're": "eat you're dinner" (your).
_YOURE_OBJECT_VERBS = frozenset(
    """
    eat keep kept hold held worry devote earn damn spend spent waste wasted lift raise wash brush comb shut pack
    fetch save risk shake shook fold wipe passed lose lost ruin ruined mend mended over round around upon
    """.split()
)
#: "Your Majesty", written "You're Majesty".
_YOUR_TITLES = frozenset("Majesty Highness Lordship Ladyship Excellency Eminence Worship".split())
_SIGN_OFF_ADJECTIVES = frozenset("loving affectionate sincere devoted obedient humble faithful dutiful grateful".split())
_SIGN_OFF_NOUNS = frozenset(
    "friend sister brother daughter son mother father servant cousin wife husband niece nephew aunt uncle "
    "child girl boy".split()
)
#: More words after which a clause starts: "where your told to stay", "while your up".
_YOUR_MORE_CLAUSE_WORDS = frozenset(
    "where while what who how as till until unless once though although maybe perhaps seeing why really".split()
)
#: Nouns after "your going to": "your going to school" (a possessive gerund).
_NOT_VERB_AFTER_GOING_TO = frozenset(
    "school church bed town sea market court college the a an my his her their our your its london paris "
    "it this that them him me us one".split()
)


#: Words after "your" + an -ing verb that make it a verb with an object or a particle:
#: "your pulling my leg", "your looking at", "your trying to" (you're).
_YOURE_ING_NEXT = frozenset(
    """
    me my him her it us them you yourself a an the to at with for about too so back home up out off on in
    that this all like around round over into down now here there away his their our your its what some any
    cold anything something nothing
    """.split()
)


def _no_finite_after(text: str, pos: int) -> bool:
    """No finite verb from ``pos`` to the end of the clause (a full stop, a closing quote…): the
    -ing verb before it is the predicate, not a possessive gerund subject ("Your taking the car
    was wrong")."""
    rest = re.match(r"[^.!?;:”\"—(]*", text[pos:]).group(0)
    return not re.search(r"(?i)\b(?:is|was|were|are|has|had|will|would|could|should|must|might|may|can|shall|"
                         r"did|does|do|makes?|made|seems?|gives?|gave|means?|meant|took|takes|brought|"
                         r"[a-z]+ed)\b", rest)


@register
class YourYoure(_GrammarRule):
    """`your` for `you're` (*you are*), and `you're` for the possessive `your`.

    ## What it does
    Flags `your` where only *you are* fits: before `not`, an article, `gonna`, a
    preposition or `so` + an adjective (`your not`, `your a`, `your the`, `your gonna`,
    `your in love`, `your to blame`, `your so cute.`), an adjective that ends the clause
    (`Your beautiful.`, `I know your tired.`, `your old enough`), `Your welcome.` and
    `your right` as a reply (`Your right.`, `Yes, your right,`), `your sure that…`, and
    `your going to` + a verb. Flags `you're` where only the possessive fits: `you're own`,
    `you're` before a noun that can only be owned (`you're eyes`, `you're fault`,
    `you're phone`), after a form of *be* (`that's you're problem`), and after a
    preposition before a noun (`with you're pants down`, `by you're side`, `about you're party`).

    Where those patterns leave it open, part-of-speech tags decide (spaCy, on a few words
    around the candidate): `you're` before a noun phrase after a preposition or a verb that
    takes an object (`I comprehend you're feelings`), or as the subject of a verb (`You're
    plan is a good one`), or a singular noun with no article as the object of a verb or a
    preposition (`find you're father`, `I didn't like you're heroine.`), after a particle
    (`Take off you're hat`), before an owner's noun after a preposition (`from you're
    daughter's lips`), as a subject after `when`, `if`, `what`… (`When you're youth goes`),
    after `for` or `is` before punctuation (`thanks for you're favor,`, `Mrs. Kirke is
    you're neighbour.`), or as a possessive gerund (`I insist upon you're staying`); `your`
    at the start of a clause where no noun follows (`Your crazy, Nick.`), or before an -ing
    verb in a sentence with no other verb (`I think your making a mistake.`). A written
    `your` at the start of a clause is also tagged as `you're`: a predicate adjective that
    ends the clause (`Your wrong, George`) or a degree adverb before a predicate (`Now your
    always making new ones.`) means *you are*. Also flags, without tags: `you're` after `is`,
    `are`, `was` (`How is you're cold?`), after `this is`, `that was` (`This is you're final
    resolve!`), in `Is that you're` + a noun ending the question (`Is that you're knife?`),
    after a verb that takes only an object (`eat you're
    dinner`, `keep you're back out of sight`), before an owner's noun (`You're father's
    estate`), in a title (`You're Majesty`) and a letter's close (`You're loving sister`);
    `your not going to` + a verb, and `your` + a participle, `more`, `up` or `here` after
    `where`, `while`, `what`… (`where your told to stay`, `while your up`), and `your` + an
    -ing verb before an object or a particle with no finite verb after it in the clause (`I
    think your making a mistake,” I said`, `Poirot, your pulling my leg!`; not `Your
    singing puts them to shame`, `Your taking the car was wrong`).

    Not flagged: the possessive before a gerund (`your being late`, `your going so soon`,
    `your not being there`, `if your thinking is right`, `Your coming here was a surprise`),
    a possessive adjective used as a noun (`Bury your dead`, `your beloved`), `How is your
    cold?`, `your welcome to me`, `your right hand`, `your so pleasant home`, `you're
    family` and `you're home` (both *you are*).

    ## Why it matters
    `You're` always means *you are*; the possessive is `your`. Spell-checkers miss the swap
    because both are real words.

    ## Example
    `Your not listening. It's you're fault.` becomes
    `You're not listening. It's your fault.`

    ## Fix safety
    Safe: only the word changes, in its own case.
    """

    code = "GRM007"
    name = "your-youre"
    needles = ("your", "you're", "you’re")

    pos_re = re.compile(_B + r"(you['’]re|your)" + _S + r"[a-z]", re.I)

    def pos_decide(self, text, toks, i, m, ctx):
        w = m.group(1)
        if w.lower() == "your":
            j = i + 1
            if _no_noun_after(text, toks, j, _YOUR_KEEP) or _ing_clause(text, toks, i, j, m.start(1)):  # noqa
                ap = _apostrophe(ctx)
                return self.finding(m.start(1), m.end(1), f"'{w}' needs 'you{ap}re' (you are).",
                                    cased(w, "you" + ap + "re"))
            return None
        if toks[i].text.lower() != "your":
            return None
        j = i + 1  # tagged as "your"
        if j < len(toks) and toks[j].text.islower() and (_possessive_slot(text, toks, i, j)
                                                         or _bare_count_noun(text, toks, i, j)):
            return self.finding(m.start(1), m.end(1), "The possessive is 'your'.", cased(w, "your"))
        return None

    def pos_alt_item(self, text, m):
        return _alt_item(text, m, "your", "you're", _YOUR_KEEP)

    def pos_decide_alt(self, text, toks, i, m, ctx):
        if _contraction_reading(text, toks, i, m, _YOUR_KEEP):
            w = m.group(1)
            ap = _apostrophe(ctx)
            return self.finding(m.start(1), m.end(1), f"'{w}' needs 'you{ap}re' (you are).",
                                cased(w, "you" + ap + "re"))
        return None

    _your = re.compile(_B + r"(your)" + _S + r"([^\W\d_]+)" + _E_NOHYPHEN, re.I)
    _youre = re.compile(_B + r"(you['’]re)" + _S + r"([^\W\d_]+)" + _E_NOHYPHEN, re.I)

    def cache_key(self, ctx):
        return (ctx.dialect, _apostrophe(ctx))

    def scan(self, para, ctx):
        text = para.text
        ap = _apostrophe(ctx)
        for m in self._your.finditer(text):
            if self._contraction(text, m):
                w, nxt = m.group(1), m.group(2)
                yield self.finding(m.start(1), m.end(1), f"'{w} {nxt}' needs 'you{ap}re' (you are).",
                                   cased(w, "you" + ap + "re"))
        low = text.lower()
        if "you're" in low or "you’re" in low:
            for m in self._youre.finditer(text):
                w, nxt = m.group(1), m.group(2)
                nl = nxt.lower()
                if nxt in _YOUR_TITLES:
                    yield self.finding(m.start(1), m.end(1), "The possessive is 'your'.", cased(w, "your"))
                    continue  # "You're Majesty"
                if not nxt.islower():
                    continue
                prev = prev_word(text, m.start()).lower().replace("'", "’")
                after = next_word(text, m.end(2)).lower()
                if after.endswith("ing") or (nl == "hands" and after == "down"):
                    continue  # "you're house hunting", "you're hands down the best"
                if nl == "own" or nl in _YOUR_OWNED:
                    if nl in ("mother", "father", "mom", "mum", "dad", "husband", "wife", "girlfriend", "boyfriend") \
                            and after in ("to", "of", "material", "enough", "now", "and"):
                        continue
                elif prev in _BE_CONTRACTIONS and nl in _YOUR_OWNED_AFTER_BE:
                    pass
                elif prev in _YOUR_PREPOSITIONS and text[m.start() - 1 : m.start()] in (" ", "\t", "\n") and \
                        nl not in _YOURE_PREDICATES and not nl.endswith(("ly", "ing", "ed")):
                    pass  # "with you're pants down", "for the sake of you're son"
                elif prev in _YOURE_OBJECT_VERBS and text[m.start() - 1 : m.start()] in (" ", "\t", "\n") and \
                        nl not in _YOURE_PREDICATES and nl not in _YOURE_BARE_NOUNS and not nl.endswith(("ly", "ing", "ed")):
                    pass  # "eat you're dinner", "keep you're back out of sight"
                elif prev in ("is", "are", "was", "were") and text[m.start() - 1 : m.start()] == " " and \
                        nl not in _YOURE_PREDICATES and not nl.endswith(("ly", "ing", "ed")) and (
                        at_sentence_start(text, m.start() - len(prev) - 1) or re.search(
                            r"(?i)\b(?:how|where|when|what|who|which|why)[ \t]+\Z", text[max(0, m.start() - 30):
                                                                                    m.start() - len(prev) - 1])):
                    pass  # "How is you're cold?", "Are you're questions answered?"
                elif nl in _SIGN_OFF_ADJECTIVES and after in _SIGN_OFF_NOUNS:
                    pass  # "You're loving sister,", "You're affectionate friend"
                elif self._demonstrative_be(text, m, prev, nl):
                    pass  # "This is you're final resolve!", "Is that you're knife?"
                else:
                    continue
                yield self.finding(m.start(1), m.end(1), "The possessive is 'your'.", cased(w, "your"))
            for m in self._youre_owner.finditer(text):
                nl = m.group(2).lower()
                if m.group(2).islower() and nl not in _NOT_OWNER_AFTER_THERE and nl not in _YOURE_BARE_NOUNS and \
                        nl not in _INDEFINITE_NOUNS and next_word(text, m.end()).lower() not in (
                            "favourite", "favorite", "pet", "darling", "girl", "boy", "son", "daughter", "child",
                            "own", "little", "best", "only", "new", "old", "type", "kind", "sort", "problem", "fault"):
                    w = m.group(1)  # "You're father's estate", "you're sister's being in town"
                    yield self.finding(m.start(1), m.end(1), "The possessive is 'your'.", cased(w, "your"))

    @staticmethod
    def _demonstrative_be(text, m, prev: str, nl: str) -> bool:
        """"that/this is you're" + a word (never *that is you are*): "This is you're final
        resolve!", "That is you're best friend"; and "Is that you're" + a noun that ends the
        question ("Is that you're knife?"; not "Is it that you're afraid?")."""
        if text[m.start() - 1 : m.start()] != " " or nl.endswith(("ing", "ly")):
            return False
        before = text[max(0, m.start() - 40) : m.start()]
        if prev in ("is", "was") and re.search(r"(?:^|[.!?;:—\"“”(]\s*|\b(?:and|but|said|says)\s+)(?:that|this)\s+(?:is|was)\s+\Z",
                                              before, re.I):
            return nl not in ("not", "so", "too", "very", "really", "just", "always", "never", "still", "all", "a",
                              "an", "the", "going", "gonna")
        if prev in ("that", "this") and re.search(r"(?:^|[.!?;:—\"“”(]\s*)(?:is|was)\s+(?:that|this)\s+\Z", before, re.I):
            return nl not in _YOURE_PREDICATES and nl not in _YOURE_BARE_NOUNS and nl not in _YOURE_ADJECTIVES \
                and not nl.endswith(_ADJECTIVE_ENDINGS) and next_char(text, m.end(2)) in ("?", ",", "!", ".")
        return False

    _youre_owner = re.compile(_B + r"(you['’]re)" + _S + r"([^\W\d_]+?)(?:['’]s|s['’])(?=[ \t]+[a-z])", re.I)

    @staticmethod
    def _contraction(text, m) -> bool:
        nxt = m.group(2)
        nl = nxt.lower()
        if not nxt.islower():
            return False
        after = next_word(text, m.end(2)).lower()
        ch = next_char(text, m.end(2))
        ends = ch in ("", ".", "!", ",", "?", "—", "…", ";", "\"", "”")
        if nl in _YOURE_CERTAIN_NEXT:
            if nl == "not" and after.endswith("ing"):
                # "your not being there" (possessive), but "Your not listening."
                if after == "going" and (clause_start(text, m.start()) or prev_word(text, m.start()).lower() in
                                         _YOUR_CLAUSE_WORDS | _YOUR_MORE_CLAUSE_WORDS) and \
                        re.match(r"[ \t]*going[ \t]+to[ \t]+[a-z]", text[m.end(2):]):
                    return True  # "Your not going to play all the time"
                if after == "being" or not clause_start(text, m.start()):
                    return False
                after_ing = text.find(after, m.end(2)) + len(after)
                return next_char(text, after_ing) in ("", ".", "!", "?", ",", ";", "…", "—", "\"", "”")
            if nl == "so":
                # "your so pleasant home" (a possessive before an adjective and a noun)
                if not after:
                    return False
                after_adj = text.find(after, m.end(2)) + len(after)
                return next_char(text, after_adj) in ("", ".", "!", "?", ";", "…", "—", "\"", "”") or \
                    next_word(text, after_adj).lower() in ("and", "but", "that", "to", "when", "it", "i")
            if nl == "such":
                return clause_start(text, m.start()) or prev_word(text, m.start()).lower() in (
                    "if", "because", "since", "when", "while", "seeing", "as")
            return True
        starts = clause_start(text, m.start()) or prev_word(text, m.start()).lower() in _YOUR_CLAUSE_WORDS
        if nl in ("in", "on", "at", "with", "from", "about", "into", "under", "to"):
            # "your in love", "your to blame"; but "your to do list", "your in tray", "your on switch"
            return after not in ("", "do", "tray", "box", "switch", "button", "page", "symbol")
        if nl == "both":
            return starts
        if nl == "welcome":
            return starts and ends
        if nl == "right":
            return starts and (ends or after in ("about", "that", "i"))
        if nl == "sure":
            return after in ("you", "that", "i", "of", "about", "it", "he", "she", "they", "we", "this", "enough")
        ends_no_comma = ends and ch != ","  # "your busy, lively ways"
        if nl in _YOURE_ADJECTIVES:
            return ends_no_comma and starts
        if after == "enough" and not nl.endswith("s"):
            return starts  # "your old enough"
        if nl.endswith("ed") and not nl.endswith("eed") and len(nl) > 4 and nl not in _ED_NOUNS and starts and (
                ends_no_comma or after in ("of", "about", "with", "by", "for", "to", "in", "that")):
            return True  # "Your overexcited.", "your tired of it"
        starts = starts or prev_word(text, m.start()).lower() in _YOUR_MORE_CLAUSE_WORDS
        if nl.endswith("ing") and starts and nl not in _ING_NOUNS and not (nl == "having" and after == "been") \
                and after in _YOURE_ING_NEXT and not re.match(r"[ \t]+(?:to|into|at|in)[ \t]+[A-Z]",
                                                                   text[m.end(2):]):
            if _no_finite_after(text, m.end(2)):
                return True  # "I think your making a mistake," I said. "Your catching cold, old horse,"
        if nl == "going" and after == "to":
            verb = next_word(text, text.lower().index("to", m.end(2)) + 2).lower()
            return verb in _BASE_VERBS or starts and verb.endswith(("e", "n", "t", "k", "y", "p", "d", "l")) \
                and verb not in _NOT_VERB_AFTER_GOING_TO and verb.islower()
        if nl.endswith(("ed", "ought", "aught", "old", "one", "ound")) and not nl.endswith("eed") and len(nl) > 3 \
                and nl not in _ED_NOUNS and nl not in _YOUR_KEEP and starts \
                and (after in ("to", "by", "up", "out", "off", "for", "with", "in", "on", "down", "now", "all")
                     or ends_no_comma) and nl not in ("hundred", "kindred", "sacred", "wicked", "naked", "rugged",
                                                      "ragged", "learned", "aged", "word", "world", "gold", "cold",
                                                      "bold", "one", "bone", "phone", "tone", "stone", "hound",
                                                      "ground", "sound", "wound", "hold", "household", "throne",
                                                      "zone", "threshold", "fold", "mould", "mold"):
            return True  # "where your told to stay", "your caught", "you did your nailed now"
        if nl in ("more", "up", "here") and starts and (after in ("to", "than", "in", "of", "with", "about", "and")
                                                        or ends_no_comma or nl == "more" and next_word(
                    text, text.lower().index(after, m.end(2)) + len(after) if after else m.end(2)).lower() in (
                    "than", "in", "of", "to", "about", "with") or nl == "more" and next_char(
                    text, text.lower().index(after, m.end(2)) + len(after) if after else m.end(2)) in (".", "!", "?", ",")):
            return True  # "Your more selfish than I am", "while your up", "that's why your here"
        return False


# --------------------------------------------------------------------------- GRM008

_COMPARATIVES = frozenset(
    """
    more less fewer better worse greater larger bigger smaller older younger taller shorter
    faster slower higher lower longer stronger weaker easier harder smarter brighter darker
    louder quieter colder warmer hotter cooler deeper heavier lighter richer poorer happier
    sadder prettier uglier nicer wiser braver safer cheaper clearer thicker thinner wider
    narrower bolder calmer kinder cuter funnier scarier busier tougher softer sweeter worse
    bitterer cleaner dirtier sharper weirder stranger crazier lonelier angrier healthier
    """.split()
)
_THAN_ALWAYS_NEXT = frozenset(
    """
    ever before usual expected anyone anybody anything everyone everybody everything nothing
    nobody normal average necessary needed intended planned imagined anticipated most mine yours
    hers ours theirs
    """.split()
)
_AMOUNTS = frozenset(
    "one two three four five six seven eight nine ten twenty fifty hundred thousand half twice double".split()
)
_THAN_NP_NEXT = frozenset(
    """
    i you he she we they me him her us them it that this those these a an the my your his its
    our their one any some what i'd you'd he'd she'd we'd they'd it'd i've you've we've they've
    it's he's she's
    """.split()
)
_INTENSIFIERS = frozenset(
    "much far even way lot no any slightly little bit lots inch inches foot feet year years times hundred".split()
)
_SUBJECTS = frozenset("i you he she we they it".split())
_THAN_CLAUSE_VERBS = frozenset(
    """
    expected imagined anticipated remembered realized realised ever bargained deserved deserve thought
    """.split()
)
#: "more sorry then I can express", "more then he would admit": a subject, a modal and a verb of saying.
_THAN_MODAL_RE = re.compile(
    r"(?i)[ \t]+(?:i|you|he|she|we|they|it|anyone|anybody)[ \t]+(?:can|could|would|will|had|have|'d|’d|'ve|’ve|"
    r"has|did|ever)[ \t]+(?:ever[ \t]+)?(?:express|say|tell|admit|confess|imagine|describe|believe|have|"
    r"expected|imagined|thought|dreamed|dreamt|known|been|remember|let[ \t]+on|hope|expect|hoped|admit)\b"
)
#: After "comparative then" + a subject: "louder then you can", "grayer then he had been".
_THAN_SUBJECT_AUX = frozenset(
    "can could can't couldn't did do does didn't am is are was were had has have ought used would will".split()
)
#: Verbs after "better then to": "known better then to call him".
_THAN_TO_VERBS = frozenset("call be go let risk double bother trust marry argue interfere".split())
_NO_SOONER_RE = re.compile(r"(?i)\bno[ \t]+sooner\b[^.!?;:]{0,60}?[ \t](then)\b")
_CONDITIONAL_RE = re.compile(r"\b(?:if|when|once|since|after|before|until|till|unless|whenever|as soon as|now that)\b", re.I)


#: Words that start a comparison that "then" cannot close: more, rather, sooner… (and, by the
#: tagger, any JJR/RBR word).
_THEN_TRIGGERS = frozenset("more less fewer rather sooner".split())
#: Frequent words in -er that are not comparatives (so no tagging is spent on them).
_NOT_COMPARATIVE_ER = frozenset(
    """
    her ever never over after other under whether either neither together father mother brother sister daughter
    water paper dinner supper corner number power order matter letter answer finger manner summer winter master
    mister member chamber chapter character cover offer remember consider wonder gather enter whatever however
    whoever wherever whenever forever hither thither yonder upper inner outer utter danger anger hunger silver
    river border officer soldier partner manager teacher leader reader writer player prisoner weather feather
    leather shoulder thunder murder lover flower tower hither whether rather another dear sir per fever
    """.split()
)
#: Comparatives of time and place: "a moment later then he…", "moved closer then kissed her".
_TIME_COMPARATIVES = frozenset("later earlier sooner longer closer nearer further farther".split())
#: After "then": words that only go on a sequence in time ("and then", "then again").
_THEN_TIME_NEXT = frozenset("and but or so again too onwards onward on".split())
#: Verbs of the shortened clause after "than": "than I expected", "than he liked to show".
_THAN_VERBS = frozenset(
    """
    expected expect expects imagined imagine anticipated remembered remember realized realised bargained deserved
    deserve deserves thought think supposed suppose liked like likes knew know wanted want wants needed need intended
    meant cared care dared hoped hope feared seemed seems appeared used guessed believed admitted pretended wished
    planned dreamed dreamt feared let
    """.split()
)
_THAN_AUX = frozenset(
    "do does did am is are was were have has had 'd 've 'm 're can could would should might must".split()
)
#: After the auxiliary of a shortened clause ("than she could have supposed").
_THAN_AUX_REST = _THAN_VERBS | frozenset("have been be done do had ever before otherwise possibly now myself".split())
_TIME_WORDS = frozenset(
    """
    day days night nights year years time times week weeks month months summer winter spring autumn fall morning
    mornings evening evenings moment moments hour hours minute minutes age ages era period season
    """.split()
)
_THAN_NO_SUBJECT_NEXT = frozenset(
    "be been have necessary needed expected usual possible visible proper right wise good safe required wanted "
    "enough".split()
)
_REFLEXIVE_OR_OBJECT = frozenset("me him us them myself himself herself itself ourselves yourself yourselves "
                                 "themselves".split())
_IF_WHEN_RE = re.compile(r"(?i)\b(?:if|when|whenever|once|unless)\b")
_CLAUSE_END_TAGS = frozenset((",", ".", ":", "``", "''", "-LRB-", "-RRB-", "NFP"))
_WORD_RE = re.compile(r"[a-z]+(?:['’][a-z]+)?")


def _sentence_start_of(text: str, toks, k: int) -> int:
    """The offset of the start of the sentence of ``toks[k]`` within its window (or the window start)."""
    for x in range(k - 1, -1, -1):
        if toks[x].tag == "." or toks[x].text in (";",):
            return toks[x].end
    return toks[0].start if toks else 0


def _comparative_of_adjective(word: str) -> bool:
    """Is ``word`` the -er comparative of a common predicate adjective ("pleasanter", "dearer",
    "grayer", "happier", "bigger"), which the tagger may read as a noun?"""
    if not word.endswith("er") or len(word) < 5 or word in _NOT_COMPARATIVE_ER:
        return False
    adjs = _predicate_adjectives()
    base = word[:-2]
    return (base in adjs or base + "e" in adjs or base.endswith("i") and base[:-1] + "y" in adjs
            or len(base) > 2 and base[-1] == base[-2] and base[:-1] in adjs)


def _comparative_before(text: str, toks, i: int):
    """The index of a comparative (JJR, RBR, more, less, rather…) before ``toks[i]`` in the same
    clause, with only noun-phrase and prepositional material between (no verb, no punctuation)."""
    p = _prev_tok(text, toks, i)
    if p is None or p.tag in _CLAUSE_END_TAGS or p.tag in ("CC", "WDT", "WP", "WRB", "EX"):
        return None
    k = i - 1
    while k >= 0 and i - k <= 8:
        t = toks[k]
        tl = t.text.lower()
        if t.tag in _CLAUSE_END_TAGS or tl in (";", "—", "-", "–", "!", "?") or (
                k < i - 1 and not _adjacent(text, t, toks[k + 1])):
            return None
        if tl in _THEN_TRIGGERS or t.tag in ("JJR", "RBR") or tl in _COMPARATIVES or tl in _TIME_COMPARATIVES or (
                k == i - 1 and tl.endswith("er") and t.tag in ("NN", "JJ") and tl not in _NOT_COMPARATIVE_ER
                and i + 1 < len(toks) and toks[i + 1].text.lower() in ("ever", "usual", "before")) or (
                t.tag in ("NN", "JJ", "RB", "VBN") and _comparative_of_adjective(tl)):
            if tl == "more" and k > 0 and toks[k - 1].text.lower() in ("once", "the"):
                return None  # "once more then", "the more … then"
            if k > 0 and toks[k - 1].text.lower() == "the":
                return None  # "the older girl then", "the sooner the better"
            return k
        if tl == "other" and k > 0 and toks[k - 1].text.lower() in ("no", "none", "any", "nothing"):
            return k  # "no other view then what was acknowledged", "none other then Holmes"
        if t.tag in ("VB", "VBD", "VBZ", "VBP", "MD", "WDT", "WP", "WRB", "EX", "UH"):
            return None
        k -= 1
    return None


def _than_continuation(text: str, toks, i: int):
    """How the words after ``toks[i]`` (read as "than") go on: "strong" (ever, usual, a number),
    "clause_strong" (a shortened clause: "than I expected", "than they did."), "clause" (another
    shortened clause), "np" (a noun or prepositional phrase with no verb of its own), or None."""
    n = len(toks)
    j = i + 1
    if j >= n or not _adjacent(text, toks[i], toks[j]):
        return None
    t = toks[j]
    tl = t.text.lower()
    if tl in _THAN_ALWAYS_NEXT or tl in ("once", "twice", "usual", "before") or t.tag == "CD" and (
            tl.isdigit() or toks[i - 1].text.lower() in ("more", "less", "fewer")):
        return "strong"
    if tl in _THAN_AUX and j + 1 < n and toks[j + 1].text.lower() in _THAN_NO_SUBJECT_NEXT and \
            toks[i - 1].text.lower() in _THEN_TRIGGERS:
        return "strong"  # "more then was visible", "less then could be expected"
    if tl == "to" and j + 1 < n and toks[j + 1].tag == "VB" and _adjacent(text, t, toks[j + 1]):
        return "to"  # "anything better then to be associated", "no better sense then to let you go"
    if tl == "being" and j + 1 < n and toks[j + 1].tag == "VBN" and toks[i - 1].text.lower() in (
            "better", "worse", "more", "less") and _adjacent(text, t, toks[j + 1]):
        return "ing"  # "better then being adored"
    if t.tag == "VBG" and tl not in ("being", "having") and toks[i - 1].tag in ("JJR", "RBR", "JJ") and \
            toks[i - 1].text.lower() in _COMPARATIVES | _THEN_TRIGGERS:
        return "ing"  # "worse then giving up", "better then moping here"
    if tl == "what" and toks[i - 1].text.lower() in ("other", "more", "less", "rather"):
        return "np"
    if tl == "either" and j + 1 < n and toks[j + 1].tag in ("IN", "PRP", "DT", "NNP", "NN", "NNS"):
        return "np"
    if tl in _REFLEXIVE_OR_OBJECT and (j + 1 >= n or toks[j + 1].tag not in ("VB", "VBD", "VBZ", "VBP", "MD")
                                       or tl.endswith(("self", "selves"))):
        return "np"  # "than himself", "than me"
    if t.tag in _CLAUSE_END_TAGS or t.tag in ("VB", "VBD", "VBZ", "VBP", "MD", "VBG", "VBN", "CC", "UH", "WRB", "EX",
                                              "JJR", "RBR"):
        return None  # "moved closer then kissed her", "got bigger then stronger"
    if tl in _THEN_TIME_NEXT or tl in ("if", "when", "as", "so", "there", "here", "now", "suddenly", "than", "not"):
        return None
    if tl == "at" and j + 1 < n and toks[j + 1].text.lower() in ("last", "once", "first", "length"):
        return None
    k = j
    while k < n:
        x = toks[k]
        xl = x.text.lower()
        if x.tag in _CLAUSE_END_TAGS or xl in (";", "—", "–", "!", "?", "…"):
            break
        if xl == "than":
            return None  # "happier then than now": "then" is time
        if x.tag in ("WDT", "WP") or (xl == "that" and k > j):
            break  # a relative clause: "than those which have happened"
        if x.tag in ("VB", "VBD", "VBZ", "VBP", "MD"):
            break
        k += 1
    span = toks[j:k]
    if not span:
        return None
    words = [x.text.lower() for x in span]
    if any(w in _TIME_WORDS for w in words):
        return None  # "younger then that summer"
    if k >= n or toks[k].tag not in ("VB", "VBD", "VBZ", "VBP", "MD"):
        if span[0].tag in ("IN", "TO"):
            return "pp"
        if all(x.tag in ("JJ", "RB") for x in span):
            # "more then possible" (but "ate more then slept": a verb read as an adjective)
            return "adj" if not any(w.endswith("ed") or w in _PARTICIPLES for w in words) else None
        return "np"
    # a verb: the clause after "than" must be shortened ("than I expected", "than they did")
    last = toks[k - 1]
    if not (last.tag in ("PRP", "NN", "NNS", "NNP", "NNPS") and last.text.lower() not in (
            "me", "him", "her", "us", "them")) or any(x.tag in ("IN", "TO", "CC") for x in span):
        return None
    v = toks[k]
    vl = v.text.lower().replace("’", "'")
    if vl in _THAN_VERBS:
        return "clause_strong"
    if vl not in _THAN_AUX:
        return None
    rest = []
    for x in toks[k + 1 :]:
        if x.tag in _CLAUSE_END_TAGS or x.text in (";", "—", "!", "?", "…") or x.tag == "CC" and not rest:
            break  # "than you can and I'll frighten you"
        rest.append(x)
    if not rest:
        return "clause_strong" if k + 1 < n else None  # "than they did." (but not a window cut short)
    rw = [x.text.lower() for x in rest]
    if "ever" in rw[:2]:
        return "clause_strong"
    if vl in ("do", "does", "did", "am", "is", "are", "was", "were") and rest[0].tag == "IN" and \
            rest[0].text.lower() in ("with", "for", "to", "at", "in", "about", "on"):
        return "clause"  # "than she did with him", "than you are to me"
    if vl in ("had", "have", "has", "'d", "'ve") and rest[0].tag == "VBN" and rest[0].text.lower() != "been":
        return "clause"  # "than Amy had heard since he came"
    if len(rest) <= 2 and rest[-1].tag == "VB" and all(x.tag in ("VB", "RB") for x in rest) and v.tag == "MD":
        return "clause"  # "than he could get", "than I can say"
    if len(rest) <= 4 and all(w in _THAN_AUX_REST or x.tag in ("RB", "PRP") and w not in ("back", "there", "here", "away")
                              for w, x in zip(rw, rest)):
        return "clause_strong" if any(w in _THAN_VERBS for w in rw) else "clause"
    return None



#: "than" for "then": after "and", "since", "by", "until", "till", or opening a clause.
_THAN_FOR_THEN_RE = re.compile(
    r"(?:(?<![\w'’-])(?i:and|since|by|until|till|just|right)[ \t]+|[,;][ \t]*|(?:^|(?<=[.!?…\"“”])[ \t]*))(than|Than)(?![\w'’-])"
)
_THAN_CLAUSE_SUBJECT_RE = re.compile(
    r"[ \t]+(?:i|you|he|she|we|they|it)(?:['’](?:ll|d)\b|[ \t]+(?:will|would|went|came|said|turned|looked|took|got|"
    r"had|was|were|saw|heard|began|started|left|walked|ran|asked|told|felt|knew|could|can|must|should|shall)\b)",
    re.I,
)


def _than_then_clause(text: str, pos: int) -> bool:
    """Does a clause about what comes next start at ``pos`` ("than I'll go", "than we went home")?"""
    return _THAN_CLAUSE_SUBJECT_RE.match(text, pos) is not None


@register
class ThenThan(_GrammarRule):
    """`then` for `than` after a comparative (`more then`, `better then`), and `than` for `then`.

    ## What it does
    Flags `then` after a comparative when what follows can only be the second term of a
    comparison: `more then ever`, `better then before`, `less then a week`, `rather then
    wait`, `nothing other then that`, `much bigger then the house` (after *much*, *far*,
    *an inch*…), `more then 50`, `taller then I remembered`, `more sorry then I can say`,
    `more at home then anyone`, and `no sooner … then`.

    Where those patterns leave it open, part-of-speech tags decide (spaCy, on a few words
    around the candidate, read with `than` in its place): a comparative earlier in the same
    clause (`more`, `less`, `rather`, a word tagged JJR/RBR, `no other`, or the -er form
    of a common adjective the tagger reads as a noun: `pleasanter`, `dearer`), with only noun
    and prepositional phrases between, and after `then` what can only be the second term of
    a comparison: a noun phrase with no verb of its own (`more interesting then her little
    problem`, `older then you`), a shortened clause (`more anxious then he liked`, `better
    then I do`, `more then he could get`), `more then possible`, `worse then giving up`.
    After comparatives of time and place (`later`, `closer`, `sooner`…) only the shortened
    clause counts.

    Also flags `than` where only `then` fits: `and than`, `since than`, `by than`, `until
    than`, and `than` opening a clause about what came next (`Than I'll go.`, `…, than we
    left`) with no comparison before it in the sentence.

    Also flags a comparative right before `then` followed by a subject and an auxiliary
    (`louder then you can`, `grayer then he had been`; not after `later`, `sooner`…), by `to`
    + a verb (`known better then to call`; by tags also after a noun or a determiner and
    `better`, `more`, `less`…: `anything better then to be`, `no better sense then to let`),
    `better then being` + a participle (`better then being adored`), by an -ing verb after `more`, `less`, `better`,
    `worse` (`better then waiting here`), or by `any` (`greater then any joy`).

    Not flagged: `then` as *next* or *in that case* (`She was younger then.`, `If you want
    more then you'll ask.`, `He moved closer then kissed her.`, `each other then`, `Life
    was simpler then the war came.`, `It got worse then better.`, `She was younger then in
    those days.`, `A moment later then he stood up.`).

    ## Why it matters
    `Than` compares; `then` is about time. The swap is common and spell-checkers can't see
    it.

    ## Example
    `It was colder then ever, rather then spring.` becomes
    `It was colder than ever, rather than spring.`

    ## Fix safety
    Safe: only the word changes.
    """

    code = "GRM008"
    name = "then-than"
    needles = ("then", "than")

    pos_re = re.compile(_B + r"(then)" + _S + r"(?=[^\W_])", re.I)

    def pos_worth(self, text, m) -> bool:
        """A comparative-looking word earlier in the same clause (``more``, ``rather``, a word in
        -er), and a word after "then" that may open the second term of a comparison."""
        s = m.start(1)
        if text[s] == "T":
            return False  # "Then" starts a sentence
        nxt = next_word(text, m.end(1)).lower().replace("’", "'")
        if not nxt or nxt in _THEN_TIME_NEXT:
            return False
        before = text[max(0, s - 70) : s]
        cut = max(before.rfind(c) for c in ".,;:!?—()\"“”")
        before = before[cut + 1 :]
        return any(w in _THEN_TRIGGERS or w in _COMPARATIVES or w == "other" or (
            w.endswith("er") and w not in _NOT_COMPARATIVE_ER) for w in _WORD_RE.findall(before.lower()))

    def pos_item(self, m):
        w = m.group(1)
        return (m.start(1), m.end(1), cased(w, "than"))

    def pos_decide(self, text, toks, i, m, ctx):
        if toks[i].text.lower() != "than":
            return None
        trig = _comparative_before(text, toks, i)
        if trig is None:
            return None
        tw = toks[trig].text.lower()
        how = _than_continuation(text, toks, i)
        if how is None:
            return None
        if how in ("clause", "clause_strong") and _IF_WHEN_RE.search(
                text, _sentence_start_of(text, toks, trig), toks[trig].start):
            return None  # "When it gets any worse then we can leave"
        if how != "strong" and tw in _TIME_COMPARATIVES and how != "clause_strong":
            return None
        if how == "adj" and tw not in _THEN_TRIGGERS:
            return None
        if how == "pp" and tw not in _THEN_TRIGGERS and toks[i + 1].text.lower() not in ("to", "by"):
            return None  # "She was younger then in those days"
        if how == "ing" and tw in _TIME_COMPARATIVES:
            return None
        if how == "to" and (tw not in ("better", "worse", "more", "less", "rather", "other") or trig == 0
                            or toks[trig - 1].tag not in ("NN", "NNS", "DT") or toks[trig - 1].text.lower() in (
                                "that", "this", "it", "the")):
            return None  # "He moved closer then to kiss her", "It was better then to go home"
        w = m.group(1)
        return self.finding(m.start(1), m.end(1), f"Comparisons take 'than': '{toks[trig].text} … than'.",
                            cased(w, "than"))

    _re = re.compile(_B + r"([^\W\d_]+)" + _S + r"(then)" + _S + r"([^\W_][\w'’]*)", re.I)

    def scan(self, para, ctx):
        text = para.text
        seen = set()
        conditionals = None  # the paragraph's "if", "when"… found once (not a search per match)
        for m in self._re.finditer(text):
            comp = m.group(1).lower()
            nxt = m.group(3)
            nl = nxt.lower().replace("’", "'")
            if m.group(2) != "then":
                continue
            if text[m.end(3) : m.end(3) + 1] == "-":
                continue
            prev = prev_word(text, m.start()).lower().replace("'", "’")
            sent_start = _sentence_start_index(para, m.start())
            if conditionals is None:
                conditionals = _Matches(_CONDITIONAL_RE, text)
            conditional = conditionals.within(sent_start, m.start())
            hit = False
            if comp == "rather":
                hit = prev not in ("or",) and nl not in ("and", "or")
            elif comp == "otherwise":
                # "no otherwise then by netting a purse", "I cannot be otherwise then concerned"
                hit = prev in ("no", "be", "been") and nxt.islower() and nl not in _THEN_TIME_NEXT | {
                    "i", "you", "he", "she", "we", "they", "it", "there", "this", "that"}
            elif comp == "other":
                if prev == "one" and prev_word(text, text.rfind("one", 0, m.start())).lower() in ("no", "any", "some", "every"):
                    prev = "nobody"  # "no one other then us"
                if prev in ("each", "the", "an", "one", "every", "this", "that", "some", "any"):
                    continue
                hit = (
                    prev in ("no", "nothing", "anything", "something", "someone", "anyone", "somebody", "anybody",
                             "none", "nobody", "everything", "everyone", "everybody", "little", "nowhere", "anywhere",
                             "somewhere", "all")
                    or (at_sentence_start(text, m.start()) and nl in ("that", "this", "the", "a", "him", "her", "them"))
                ) and nl in _THAN_NP_NEXT | _THAN_ALWAYS_NEXT | {"that"}
            elif comp in _COMPARATIVES:
                if prev in ("’d", "had") and comp == "better":
                    continue
                if conditional:
                    continue
                if nl in _THAN_ALWAYS_NEXT or nxt[0].isdigit():
                    hit = True
                elif comp in ("more", "less", "fewer") and (nl in _AMOUNTS or nl in ("a", "an") and next_word(
                        text, m.end(3)).lower() in ("few", "couple", "dozen", "hundred", "thousand", "million", "handful",
                                                   "little", "bit",
                                                   "day", "week", "month", "year", "minute", "second", "moment", "hour")):
                    hit = True
                elif nl.split("'")[0] in _SUBJECTS and next_word(text, m.end(3)).lower() in _THAN_CLAUSE_VERBS:
                    hit = True  # "taller then I remembered", "hotter then it'd ever been"
                elif _THAN_MODAL_RE.match(text, m.end(2)):
                    hit = True  # "more sorry then I can express"
                elif comp not in _TIME_COMPARATIVES and nl.split("'")[0] in _SUBJECTS and next_word(
                        text, m.end(3)).lower() in _THAN_SUBJECT_AUX and m.group(3).islower() | (nl == "i"):
                    hit = True  # "I can scream louder then you can", "much grayer then he had been"
                elif nl == "to" and comp not in _TIME_COMPARATIVES and re.match(r"[ \t]+[a-z]+\b", text[m.end(3):]) \
                        and next_word(text, m.end(3)).lower() in _BASE_VERBS | _THAN_TO_VERBS:
                    hit = True  # "He ought to have known better then to double-cross them"
                elif comp in ("more", "less", "better", "worse") and nl.endswith("ing") and nl not in _ING_NOUNS \
                        and nl not in ("nothing", "anything", "something", "everything"):
                    hit = True  # "That is certainly better then being adored"
                elif nl == "any" and comp not in _TIME_COMPARATIVES:
                    hit = True  # "greater then any joy they brought"
                elif nl in _THAN_NP_NEXT and comp not in ("closer", "nearer", "further", "farther", "later", "sooner",
                                                           "earlier", "longer"):
                    # only after an intensifier: "much bigger then the house" (but "Life was simpler then
                    # the war came", where "then" is time)
                    hit = prev in _INTENSIFIERS
            if hit:
                seen.add(m.start(2))
                yield self.finding(m.start(2), m.end(2), f"Comparisons take 'than': '{m.group(1)} than'.",
                                   cased(m.group(2), "than"))
        for m in _NO_SOONER_RE.finditer(text):
            if m.start(1) not in seen:
                yield self.finding(m.start(1), m.end(1), "'No sooner … than': 'than'.", "than")
        low = text.lower()
        if "more " in low or "less " in low or "rather " in low:
            for m in _MORE_WINDOW_RE.finditer(text):
                s = m.start(1)
                if s in seen:
                    continue
                nxt = next_word(text, m.end(1)).lower().replace("’", "'")
                first = m.group(0).split()[0].lower()
                if conditionals is None:
                    conditionals = _Matches(_CONDITIONAL_RE, text)
                conditional = conditionals.within(_sentence_start_index(para, m.start()), m.start())
                if conditional or first == "rather":
                    continue
                if nxt in _THAN_ALWAYS_NEXT or _THAN_MODAL_RE.match(text, m.end(1)) or nxt[:1].isdigit():
                    seen.add(s)
                    yield self.finding(s, m.end(1), "Comparisons take 'than': 'more … than'.", cased(m.group(1), "than"))
        if "than" in low:
            yield from self._than_for_then(para, text)

    def _than_for_then(self, para, text):
        """"than" where only "then" (next, at that time) fits: "and than", "since than", "by than",
        "until than", and "Than" opening a clause with no comparison before it ("Than I'll go")."""
        comparisons = None  # the paragraph's words that open a comparison, found once
        for m in _THAN_FOR_THEN_RE.finditer(text):
            w = m.group(1)
            if w != "than" and not (w == "Than" and at_sentence_start(text, m.start(1))):
                continue
            s = _sentence_start_index(para, m.start(1))
            if comparisons is None:
                comparisons = _Matches(_WORD_ANY_CASE_RE, text, _opens_comparison)
            if comparisons.within(s, m.start(1)):
                continue  # "more to him and than to her", "no sooner … than"
            lead = m.group(0)[: m.start(1) - m.start()].strip().lower()
            if (not lead or lead[-1] in ",;") and not _than_then_clause(text, m.end(1)):
                continue  # after a comma or at a sentence start: only before "I'll", "we went"…
            yield self.finding(m.start(1), m.end(1), f"'{w}' compares; 'next' or 'at that time' is 'then'.",
                               cased(w, "then"))


_WORD_ANY_CASE_RE = re.compile(_WORD_RE.pattern, re.I)


def _opens_comparison(x: str) -> bool:
    """A word that makes a later "than" a comparison: "more", "rather", "other", a word in -er…"""
    x = x.lower()
    return (x in _COMPARATIVES or x in _THEN_TRIGGERS or x in ("other", "else", "than", "different")
            or x.endswith("er") and x not in _NOT_COMPARATIVE_ER)


#: "more/less" + one or two words (no punctuation) + "then": "more at home then", "less smiling then".
_MORE_WINDOW_RE = re.compile(
    r"(?i)(?<![\w'’-])(?:more|less|rather)[ \t]+[^\W\d_]+(?:[ \t]+[^\W\d_]+)?[ \t]+(then)(?![\w'’-])"
)


def _sentence_start_index(para, pos: int) -> int:
    """The start of the last sentence of ``para`` that starts at or before ``pos`` (0 if none)."""
    sentences = para.analysis.sentences
    k = bisect_right(sentences, (pos, _INF)) - 1
    return sentences[k][0] if k >= 0 else 0


_INF = float("inf")


class _Matches:
    """Every match of ``pattern`` in ``text``, found once, so that asking whether one lies in a
    span (``pattern.search(text, lo, hi) is not None``, for a pattern whose matches cannot
    overlap and a ``hi`` that no match straddles) costs a bisection, not a scan from ``lo``."""

    __slots__ = ("starts", "ends")

    def __init__(self, pattern: re.Pattern, text: str, keep=None) -> None:
        spans = [m.span() for m in pattern.finditer(text) if keep is None or keep(m.group())]
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def within(self, lo: int, hi: int) -> bool:
        k = bisect_left(self.starts, lo)
        return k < len(self.starts) and self.ends[k] <= hi


# --------------------------------------------------------------------------- GRM009…

class _PatternRule(_GrammarRule):
    """A rule made of (regex, group, replacement, message) patterns.

    ``replacement`` is a string (cased like the matched group) or a callable of the match.
    A pattern's optional ``check(text, match)`` must return True for the finding to stand.
    """

    patterns: tuple = ()
    WINDOW = 90  # characters around each needle that the patterns look at

    def scan(self, para, ctx):
        text = para.text
        seen = set()
        windows = _windows(text, self.needles, self.WINDOW)
        for pat in self.patterns:
            rx, group, repl, message = pat[:4]
            check = pat[4] if len(pat) > 4 else None
            applicability = pat[5] if len(pat) > 5 else SAFE
            for m in (m for ws, we in windows for m in rx.finditer(text, ws, we)):
                s, e = m.span(group)
                if s in seen:
                    continue
                if check is not None and not check(text, m):
                    continue
                new = repl(m) if callable(repl) else cased(m.group(group), repl)
                seen.add(s)
                msg = message.format(w=m.group(group), r=new)
                yield self.finding(s, e, msg, new, applicability=applicability)


def _windows(text: str, needles: tuple[str, ...], width: int) -> list[tuple[int, int]]:
    """Merged spans of ``width`` characters around each occurrence of a needle (the whole text
    when there are no needles): the patterns only need to look near their target word."""
    if not needles:
        return [(0, len(text))]
    low = text.lower()
    spans = []
    for n in needles:
        i = low.find(n)
        while i >= 0:
            spans.append((max(0, i - width), min(len(text), i + len(n) + width)))
            i = low.find(n, i + 1)
    spans.sort()
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern.replace("␣", _S), re.I)


_VERB_CONTEXT = (
    r"(?:to|will|would|can|could|might|may|must|shall|should|don['’]t|didn['’]t|doesn['’]t|won['’]t|"
    r"can['’]t|cannot|couldn['’]t|wouldn['’]t|shouldn['’]t|never|gonna|i|you|we|they|['’]ll)"
)
_POSS = r"(?:my|your|his|her|our|their|its|one['’]s)"


#: What one looses (sets free): "loose his grip", "loosed her hair", "loose the hounds".
_RELEASED = frozenset(
    "grip hold hair tongue bonds chains belt arrow arrows bow dogs hounds horse horses reins shackles "
    "fetters rope ropes knot knots collar tie laces leash hand hands fingers arms wolves bolt bolts "
    "magic power fury wrath rage anger breath laughter grasp curls braid braids".split()
)


@register
class LoseLoose(_PatternRule):
    """`loose` for `lose`, and `lose` for `loose`.

    ## What it does
    Flags `loose` used as the verb *lose* where the object settles it (`to loose track`,
    `can't loose hope`, `I'll loose my mind`, `can't loose you`, `no time to loose`,
    `loosing control`, `a loosing streak`, `not loose an instant`, `they loose faith`, `to
    loose a friend`, `what they loose;`, `too good to loose.`), `loose` before what one can
    only lose, never set free (`loose his temper`, `loose her reason`, `loose faith`, `loose
    themselves`), `sorry to loose him`; and `lose` where only the
    adjective *loose* fits (`break lose`, `cut lose`, `let lose`, `came lose`, `on the lose`,
    `hanging lose.`, `wandering around lose?`, `a lose braid`, `the top being lose,`, `gave
    lose to tears`, `turn them lose`, `shake 'em lose.`, `One of them's lose,`).

    Not flagged: the verb *loose* (to release: `loose an arrow`, `loosed his grip`,
    `loose the hounds`, `loosed himself from`), any object not in the list, `let them lose`,
    `Let's lose.`

    ## Why it matters
    `Lose` (to misplace, to fail to win) and `loose` (not tight, set free) are different
    words; the swap is one of the most common in fan fiction and spell-checkers can't see it.

    ## Example
    `She didn't want to loose track of him. The horse broke lose.` becomes
    `She didn't want to lose track of him. The horse broke loose.`

    ## Fix safety
    Safe: only the word changes.
    """

    code = "GRM009"
    name = "lose-loose"
    needles = ("loos", "lose")

    _OBJ = (
        r"(?:track|sight|control|hope|weight|interest|touch|face|consciousness|count|patience|focus|sleep|heart|"
        r"faith|everything|anything|something|nothing|"
        + _POSS + r"␣(?:mind|minds|temper|job|jobs|life|lives|way|cool|nerve|balance|patience|virginity|head|"
        r"shit|marbles|wallet|keys|phone|ring|memory|memories|sanity|edge|touch|focus|train|friends?|family|"
        r"child|children|baby|son|daughter|wife|husband|mother|father|home|house|chance|bet|appetite|voice))"
    )
    patterns = (
        (_rx(_B + _VERB_CONTEXT + r"(?:␣(?:not|never|ever|even|just|really|completely|totally|all|always|often|"
             r"usually|sometimes|easily|also|finally|slowly|quickly|probably|already|still))?␣(loose)␣"
             r"(?:" + _OBJ + r"|(?:" + _POSS + r"|this|that|the)␣(?:job|game|war|battle|fight|match|bet|chance|"
             r"opportunity|race|argument|case|election|password|key|keys|ring|phone|wallet|money|weight|baby|"
             r"passport|license|licence|ticket|tickets|way|trail|signal|connection|lead|advantage|contest|vote|"
             r"deal|house|farm|business|shop|company)|so␣much|it␣all|all)" + _E),
         1, "lose", "'{w}' means not tight or set free; the verb is '{r}'."),
        (_rx(_B + _VERB_CONTEXT + r"(?:␣(?:not|never|ever|even|just|really|completely|totally|all|always|often|"
             r"usually|sometimes|easily|also|finally|slowly|quickly|probably|already|still))?␣(loose)␣"
             + _POSS + r"␣([^\W\d_]+)" + _E),
         1, "lose", "'{w}' means not tight or set free; the verb is '{r}'.",
         lambda t, m: m.group(2).lower() not in _RELEASED),
        (_rx(_B + r"(?:can['’]t|cannot|couldn['’]t|won['’]t|don['’]t|didn['’]t|wouldn['’]t|never|not|want␣to|"
             r"going␣to|gonna|afraid␣to|scared␣to|terrified␣to|hate␣to|ready␣to)"
             r"(?:␣(?:ever|even|just|really|also))?␣(loose)␣(?:you|me|us|him|her|them|it|anyone|anybody|everyone|"
             r"another|one␣more)" + _E),
         1, "lose", "'{w}' means set free; the verb is '{r}'."),
        (_rx(_B + r"(loosing)␣(?:" + _OBJ + r"|(?:the␣)?(?:season|seasons|streak|battle|game|team|record|side|"
             r"proposition|bet|fight|war|match|score|end)s?)" + _E),
         1, "losing", "'{w}' means setting free; the verb here is '{r}'."),
        (_rx(_B + r"(?:break|breaks|broke|broken|breaking|cut|cuts|cutting|let|lets|letting|set|sets|setting|"
             r"came|come|comes|coming|tore|torn|tear|tears|tearing|shook|shake|shaken|shaking|pulled|pull|pulling|"
             r"wrenched|wrench|wriggled|wriggle|worked|work|working|knocked|knock|turned|turn|turning|hang|"
             r"hanging|shaking|slipped|slip|slipping)␣(lose)" + _E),
         1, "loose", "'{w}' is the verb (to misplace); 'set free' is '{r}'.",
         lambda t, m: next_word(t, m.end()).lower() not in ("control", "track", "sight", "hope", "weight", "everything",
                                                            "anything", "interest", "and", "or", "to", "out", "it",
                                                            "him", "them", "me", "us", "her")),
        (_rx(_B + r"(?:swinging|dangling|flapping|hanging|running|wandering|roaming|rattling|flying|blowing|flopping|"
             r"lying)(?:␣(?:around|about|round))?␣(lose)(?=[ \t]*[.,!?;…—]|[ \t]*$)"),
         1, "loose", "'{w}' is the verb (to misplace); 'free, not tight' is '{r}'."),
        (_rx(_B + r"(?:time|nothing|everything|much|more|something|anything|little|lot|less|no␣one|nobody)␣to␣"
             r"(loose)(?=[ \t]*[.,!?;…—\"”]|[ \t]*$)"),
         1, "lose", "'{w}' means not tight or set free; the verb is '{r}'."),
        (_rx(_B + r"(loose)␣(?:no|more|another|any|precious|valuable)␣(?:time|moment|instant|minute|minutes|"
             r"opportunity|chance|sleep|ground)" + _E),
         1, "lose", "'{w}' means not tight or set free; the verb is '{r}'."),
        (_rx(_B + r"on␣the␣(lose)" + _E), 1, "loose", "'On the {r}' (free, escaped)."),
        # the verb written "loose" before an object it can only lose: "not loose an instant", "they loose
        # faith", "loose a friend", "to loose him next year"; and at the end of a clause: "what they loose;"
        (_rx(_B + r"(?:" + _VERB_CONTEXT + r"|not|did␣not|do␣not|does␣not|he|she|people|men|women)"
             r"(?:␣(?:not|never|ever|even|just|really|all|always|often|soon|quickly|easily|also))?␣(loose)␣"
             r"(?:(?:a|an|the|no|all|much|any|every|some|more|one|another)␣([^\W\d_]+)|faith|heart|sight|time|"
             r"myself|himself|herself|themselves|yourself|ourselves|itself)" + _E),
         1, "lose", "'{w}' means not tight or set free; the verb is '{r}'.",
         lambda t, m: (m.group(2) or "").lower() not in _RELEASED | {"dogs", "hounds", "arrow", "arrows", "horse"}
         and not re.search(r"(?i)\b(?:let|set|cut|turn|break|shake)\s+\S+\s*$", t[max(0, m.start() - 20) : m.start()])),
        (_rx(_B + r"(?:i|you|we|they|must|to|can|will|would|should|might|could)␣(loose)"
             r"(?=[ \t]*[.,!?;…—\"”]|[ \t]*$)"),
         1, "lose", "'{w}' means not tight or set free; the verb is '{r}'.",
         lambda t, m: not re.search(r"(?i)\b(?:let|lets|letting|set|sets|cut|turn|turned|break|broke|shake|shook|get|"
                                    r"got|pull|pulled|cast|cutting|setting)\s+(?:\S+\s+)?$", t[max(0, m.start() - 25) : m.start()])
         and m.group(0).split()[0].lower() != "to" or prev_word(t, m.start()).lower() in (
             "good", "much", "instant", "moment", "minute", "time", "stands", "stand", "afford", "nothing", "everything")),
        # the adjective written "lose": "a lose braid", "the top being lose", "gave lose to tears"
        (_rx(_B + r"(?:a|the|her|his|its|wide|great|some␣very)␣(lose)␣([a-z]+)" + _E_NOHYPHEN),
         1, "loose", "'{w}' is the verb (to misplace); 'free, not tight' is '{r}'.",
         lambda t, m: m.group(2).lower() not in ("of", "and", "or", "to", "is", "was", "the", "a", "their", "his", "her")
         and not (m.group(0).split()[0].lower() in ("her", "his", "its") and m.group(2).lower() in (
             "it", "him", "them", "me", "us", "you", "everything", "all", "control", "track", "sight", "hope",
             "interest", "their", "his", "her", "my", "your", "our", "its", "the", "a", "an"))),
        (_rx(_B + r"(?:was|is|were|are|be|been|being|['’]s|broke|swinging|hanging)␣(lose)"
             r"(?=[ \t]*[.,!?;…—]|[ \t]+(?:and|like|but|or|now|again)\b)"),
         1, "loose", "'{w}' is the verb (to misplace); 'free, not tight' is '{r}'."),
        (_rx(_B + r"(?:give|gave|given|giving|gives)␣(?:a␣)?(lose)␣to" + _E),
         1, "loose", "'Give {r} to' (free rein)."),
        # "One of them's lose," (but "Let's lose.")
        (_rx(r"(?<=[^\W\d_])['’]s␣(lose)(?=[ \t]*[.,!?;…—]|[ \t]+(?:and|now|again)\b)"),
         1, "loose", "'{w}' is the verb (to misplace); 'free, not tight' is '{r}'.",
         lambda t, m: prev_word(t, m.start()).lower() not in ("let", "he", "she", "it", "that", "what", "who",
                                                                  "there", "here", "where")),
        # "turn them lose and", "shake 'em lose.", "slid my gun lose." (not "let them lose", the verb)
        (_rx(_B + r"(?:turn|turns|turned|turning|shake|shakes|shook|shaking|shaken|slid|slide|slides|sliding|set|sets|"
             r"setting|cut|cuts|cutting|knock|knocked|knocking|pull|pulled|pulling|work|worked|working|tear|tore|torn|"
             r"wrench|wrenched|jerk|jerked|shake|wriggle|wriggled|broke|break|breaks)␣(?:him|her|them|it|['’]em|me|"
             r"us|(?:the|his|her|my|their|your|our|its)␣[a-z]+)␣(lose)"
             r"(?=[ \t]*[.,!?;…—]|[ \t]*$|[ \t]+(?:and|every|on|upon|in|among|at|again|now|from)\b)"),
         1, "loose", "'{w}' is the verb (to misplace); 'free, not tight' is '{r}'."),
        # what one can only lose, never set free: "loose his temper", "loose her reason", "loose faith"
        (_rx(_B + r"(loose)␣" + _POSS + r"␣(?:temper|tempers|nerve|reason|wits|senses|way|life|lives|job|jobs|balance|"
             r"footing|faith|courage|appetite|patience|hope|mother|father|mothers|fathers|wife|husband|wives|husbands|"
             r"son|sons|daughter|daughters|child|children|family|friend|friends|parents|sister|brother|money|fortune|"
             r"chance|chances|regard|affection|affections|influence|memory|place|seat|mind|minds|sanity|virginity|"
             r"innocence|reputation|position|situation|home|self-control|self-respect|composure|presence|senses)" + _E),
         1, "lose", "'{w}' means not tight or set free; the verb is '{r}'."),
        (_rx(_B + r"(loose)␣(?:faith|hope|sight|track|consciousness|patience|heart|courage|countenance)" + _E),
         1, "lose", "'{w}' means not tight or set free; the verb is '{r}'.",
         lambda t, m: prev_word(t, m.start()).lower() not in (
             "a", "an", "the", "his", "her", "my", "your", "their", "our", "its", "this", "that", "some", "very", "so",
             "too", "rather", "quite", "more", "less", "most", "and", "or")),
        (_rx(_B + r"(loose)␣(?:myself|himself|herself|themselves|yourself|yourselves|ourselves|oneself)" + _E),
         1, "lose", "'{w}' means not tight or set free; the verb is '{r}'.",
         lambda t, m: next_word(t, m.end()).lower() not in ("from", "of")),
        # "sorry to loose him", "the misfortune to loose him", "deserved to loose Mr. Darcy's regard"
        (_rx(_B + r"(?:sorry|like|misfortune|deserve|deserved|deserves|wish|want|wanted|hate|afraid|fear|sad|"
             r"enough|chance|risk)␣to␣(loose)␣(?:him|her|me|us|them|you|such|one|(?-i:(?:(?:Mr|Mrs|Ms|Dr|St)\.?␣)?[A-Z][a-z]+(?:␣[A-Z][a-z]+)?['’]s))"
             + _E),
         1, "lose", "'{w}' means not tight or set free; the verb is '{r}'."),
    )


def _whose_ing_ok(text: str, m) -> bool:
    """"Whose going to…" at the start of a sentence is "who's"; "a man whose going was mourned" is not."""
    word = m.group(0).split()[-1].lower()
    if word not in ("going", "coming", "calling"):
        return True
    if word == "going" and next_word(text, m.end()).lower() == "to":
        return True
    return at_sentence_start(text, m.start())



_NP_CHUNK_TAGS = frozenset(("DT", "PDT", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "POS", "HYPH", "VBN",
                            "VBG", "PRP"))


def _finite_after_subject(toks, k: int) -> bool:
    """After a subject noun phrase ending at ``toks[k]``: adverbs, prepositional phrases and
    coordinated noun phrases, then a finite verb ("heart plainly bled", "dislike of his
    behaviour was shared", "bottom and sides were")?"""
    n = len(toks)
    steps = 0
    while k < n and steps < 12:
        t = toks[k]
        if t.tag in _FINITE_TAGS:
            return True
        if t.tag == "RB":
            k += 1
        elif t.tag in ("IN", "CC") and t.text.lower() not in ("that", "if", "because", "as", "while", "when"):
            k += 1
            start = k
            while k < n and toks[k].tag in _NP_CHUNK_TAGS:
                k += 1
            if k == start:
                return False
        else:
            return False
        steps += 1
    return False

#: Nouns that follow "who is" bare: "who's boss", "who's head of the family", "who's friends with".
_WHOS_PREDICATE_NOUNS = frozenset(
    "boss head chief captain king queen president leader master mistress charge friends who what nobody somebody "
    "anybody everybody someone anyone everyone part kin".split()
)


#: Words after "who's" that are no owned noun: "who's not", "who's been", "who's there".
_WHOS_NOT_OWNED = frozenset(
    """
    not never always still just also there here really ever been being gone going got getting had to a an the
    this that in on at out up down back off over with for by from into about all so too very more most less
    said says thought coming come done made left right sure afraid alive dead next last first only even
    again now then too quite rather boss chief captain king queen president leader master mistress charge
    friends who what nobody somebody anybody everybody someone anyone everyone part kin
    """.split()
)


@register
class WhoseWhos(_PatternRule):
    """`whose` for `who's` (*who is*, *who has*), and `who's` for the possessive `whose`.

    ## What it does
    Flags `whose` before words that only *who is/has* can precede: `whose going to`,
    `whose gonna`, `whose been`, `whose done`, `whose not`, `whose the boss`, `whose
    there?`, `whose to say`, `Whose at the door?`. Flags `who's` before a noun that can
    only be owned: `who's car`, `who's turn`, `who's fault`, `who's idea`, `who's side`;
    `who's` + up to three words + `was`, `lay`, `made`… (`Anne, who's head lay limply`,
    `a man who's every wish was gratified`), and after a preposition before a plural or a
    clause (`from who's walls the water dripped`), unless a word between cannot be owned
    (`who's not`, `who's been`, `who's head of`).

    Where those patterns leave it open, part-of-speech tags decide (spaCy, on a few words
    around the candidate, read with `whose` in place of `who's`): `who's` before a noun
    phrase after a preposition (`from who's ceiling`, `in who's character`, `in who's
    restraining hand`, an -ing word read as a noun), before a noun
    phrase that is the subject of a verb (`a man who's mind is made up`, `Mrs. Bennet,
    who's dislike of his behaviour was shared`, `the man who's pocket you'd pick`), before a
    bare noun after a noun or a comma (`Beale, who's heart…`), and `who's is` (`Who's is
    he?`); `Whose` opening a clause before an -ing verb with an object (`Whose bringing
    this child up?`), a predicate adjective (`Whose ready for the cave?`) or a name and a
    question mark (`Whose Reno?`).

    Not flagged: `whose` before any noun (`whose hand`, `whose next move`), and `who's`
    before anything else (`who's next`, `who's home`, `who's boss here`, `who's head of the
    family`, `who's friends with him`, `who's good company`).

    ## Why it matters
    `Who's` is *who is* or *who has*; `whose` asks or tells who owns something. Both are
    real words, so spell-checkers let the swap through.

    ## Example
    `Whose there? And who's car is this?` becomes `Who's there? And whose car is this?`

    ## Fix safety
    Safe: only the word changes.
    """

    code = "GRM010"
    name = "whose-whos"
    needles = ("whose", "who's", "who’s")

    pos_re = re.compile(_B + r"(who['’]s|whose)" + _S + r"(?=[^\W\d_])", re.I)

    def pos_worth(self, text, m) -> bool:
        nxt = next_word(text, m.end(1)).lower()
        if not nxt or nxt in ("who", "next", "there", "here", "that", "this", "it", "not", "the", "a", "an"):
            return False
        w = m.group(1).lower()
        if w == "whose":
            return at_sentence_start(text, m.start(1)) or clause_start(text, m.start(1)) and not \
                prev_word(text, m.start(1))
        return True

    def pos_item(self, m):
        w = m.group(1)
        if w.lower() == "whose":
            return m.start(1)
        return (m.start(1), m.end(1), cased(w, "whose"))  # read as the possessive

    def pos_decide(self, text, toks, i, m, ctx):
        w = m.group(1)
        j = i + 1
        if j >= len(toks) or not _adjacent(text, toks[i], toks[j]):
            return None
        nxt = toks[j]
        if w.lower() == "whose":
            return self._whose(text, toks, i, j, m, ctx)
        if toks[i].text.lower() != "whose":
            return None
        if nxt.text.lower() in ("is", "are", "was", "were") and (j + 1 >= len(toks) or toks[j + 1].tag in (
                "PRP", "DT", ".", "NNP")):
            return self.finding(m.start(1), m.end(1), f"'{w} {nxt.text}': the possessive is 'whose'.",
                                cased(w, "whose"))  # "Who's is he?"
        p = _prev_tok(text, toks, i)
        after_prep = p is not None and p.tag == "IN" and p.text.lower() in _PREPOSITIONS and \
            p.text.lower() not in _SUBORDINATORS
        if not nxt.text.islower() or nxt.tag in ("VBG", "VBN", "RB", "IN", "DT", "CD"):
            return None  # "on who's cooking dinner", "about who's written to her"
        k, head = _np_end(toks, j)
        if not head:
            return None
        words = [t.text.lower() for t in toks[j:k]]
        if any(x in _PREDICATE_NOUNS_POS or x in _WHOS_PREDICATE_NOUNS or x.endswith("ing") and not (
                after_prep and x == words[0] and len(words) > 1) for x in words):
            return None  # "who's boss", "who's head of the family", "who's friends with him"; but an -ing
            # word read as a noun before another after a preposition: "in who's restraining hand"
        after = toks[k] if k < len(toks) else None
        if p is not None and p.tag == "IN" and p.text.lower() in _PREPOSITIONS:
            ok = True  # "in who's character", "from who's ceiling"
        elif after is not None and _adjacent(text, toks[k - 1], after) and (
                after.tag in _FINITE_TAGS or after.tag == "PRP" and after.text.lower() in _SUBJECT_PRONOUNS
                and k + 1 < len(toks) and toks[k + 1].tag in _FINITE_TAGS):
            ok = True  # "a man who's mind is made up", "a man who's pocket you'd pick"
        elif _finite_after_subject(toks, k):
            ok = True  # "who's heart plainly bled", "who's conference with her father had been short"
        elif k == j + 1 and p is not None and (p.tag in ("NN", "NNS", "NNP", "NNPS", "CC") or p.text == ","):
            ok = True  # a relative clause with a bare noun: "Beale, who's heart…", "a man who's hair…"
        else:
            ok = False
        if not ok:
            return None
        return self.finding(m.start(1), m.end(1), f"'{w}' is 'who is'; the possessive is 'whose'.", cased(w, "whose"))

    def cache_key(self, ctx):
        return (ctx.dialect, _apostrophe(ctx))

    def _whose(self, text, toks, i, j, m, ctx):
        """"Whose" opening a clause where "who is" fits: before a verb in -ing with an object
        ("Whose bringing this child up?"), a predicate adjective ("Whose ready for the cave?") or a
        name and a question mark ("Whose Reno?")."""
        w = m.group(1)
        nxt = toks[j]
        after = toks[j + 1] if j + 1 < len(toks) else None
        hit = False
        if nxt.tag == "VBG" and after is not None and after.tag in ("DT", "PRP", "PRP$", "RP", "TO") and \
                nxt.text.lower() not in ("being", "having"):
            hit = True
        elif nxt.tag in ("JJ", "VBN") and nxt.text.islower() and after is not None and (
                after.tag in (".", "IN", "TO") and after.text not in (".",)) and not nxt.text.lower().endswith("ing"):
            hit = after.text == "?" or after.tag in ("IN", "TO")
        elif nxt.tag == "NNP" and after is not None and after.text == "?" and text[m.start(1)].isupper():
            hit = True
        elif nxt.tag == "NNP" and after is not None and after.tag == "NNP" and j + 2 < len(toks) and \
                toks[j + 2].text == "?":
            hit = True
        if not hit:
            return None
        ap = _apostrophe(ctx)
        return self.finding(m.start(1), m.end(1), f"'{w}' asks who owns something; 'who is' is 'who{ap}s'.",
                            cased(w, "who" + ap + "s"))

    _NOUNS = (
        r"(?:car|cars|house|turn|fault|idea|side|name|job|phone|room|bed|clothes|jacket|coat|shirt|bag|book|"
        r"blood|parents|mother|father|mom|mum|dad|child|kid|kids|baby|dog|cat|horse|wand|sword|ship|seat|desk|"
        r"money|team|handwriting|voice|hands|eyes|responsibility|decision|plan|own|lives|standards)"
    )
    patterns = (
        # "who's" as the owner before a noun phrase and its verb: "Anne, who's head lay limply", "a woman
        # who's weak understanding and illiberal mind" ... "a man who's every wish was gratified"
        (_rx(_B + r"(who['’]s)␣((?:[a-z]+␣){0,2}?[a-z]+)␣(?:was|were|is|are|had|has|lay|lies|made|makes|could|would|"
             r"might|should|must|seemed|looked|ran|showed|curved|floated|hung|shone|rose|fell|became|grew)" + _E),
         1, "whose", "'{w}' is 'who is' or 'who has'; the owner's word is '{r}'.",
         lambda t, m: m.group(2).islower() and not any(
             x.endswith(("ly", "ing")) or x in _WHOS_NOT_OWNED for x in m.group(2).split())),
        # after a preposition: "from who's ceiling", "to who's warning I had paid no heed"
        (_rx(_B + r"(?:from|in|to|of|by|with|on|upon|into|under|for|at)␣(who['’]s)␣([a-z]+)␣([a-z]+)" + _E),
         1, "whose", "'{w}' is 'who is' or 'who has'; the owner's word is '{r}'.",
         lambda t, m: not any(x.endswith(("ly", "ing", "ed")) or x in _WHOS_NOT_OWNED for x in (m.group(2),))
         and (m.group(3) in ("was", "were", "is", "had", "i", "he", "she", "they", "we", "the", "a", "hand", "eyes")
              or m.group(3).endswith(("s",)) and m.group(3) not in ("is", "was", "has", "this", "his", "us"))),
        (_rx(_B + r"(whose)␣(?:going|gonna|been|not|the|a|an|your|my|this|that|to␣say|to␣blame|in␣charge|"
             r"at␣the␣door|calling|coming|there(?=\s*[?.!,\"”…—])|here(?=\s*[?.!,\"”…—])|he|she|it(?=\s*[?.!,\"”]))" + _E),
         1, "who's", "'{w}' asks who owns something; 'who is/who has' is '{r}'.",
         lambda t, m: t[m.end() : m.end() + 1] != "-" and _whose_ing_ok(t, m)),
        (_rx(_B + r"(who['’]s)␣" + _NOUNS + _E_NOHYPHEN), 1, "whose", "'{w}' is 'who is'; the possessive is '{r}'.",
         lambda t, m: t[m.end() - 1].islower() and not next_word(t, m.end()).lower().endswith("ing")),
        (re.compile(_B + r"(who['’]s)" + _S + r"([a-z]{3,}(?:ness|ment|ity|ety|hood|ship|ers|ors))" + _E_NOHYPHEN, re.I),
         1, "whose", "'{w}' is 'who is'; the possessive is '{r}'.",
         lambda t, m: m.group(2).islower() and m.group(2).lower() not in ("others", "business")),
        (_rx(_B + r"(whose)␣(?:done|gone|been|had|got|gotten|taken|seen|made|given|told|never|always|already|"
             r"probably|really|accused|there|here)" + _E),
         1, "who's", "'{w}' asks who owns something; 'who is/who has' is '{r}'.",
         lambda t, m: m.group(0).split()[-1].lower() not in ("there", "here") or next_char(t, m.end()) in ("?", ".", "!", ",", "")),
        (_rx(_B + r"(whose)␣(?:in|at|on|with|up|out|down|over|inside|outside|upstairs|downstairs)" + _E),
         1, "who's", "'{w}' asks who owns something; 'who is' is '{r}'.",
         lambda t, m: at_sentence_start(t, m.start()) and t[m.start()].isupper()),
    )


#: Before "there", words that make it the adverb: "in there", "went there", "sat there".
_THERE_ADVERB_BEFORE = frozenset(
    """
    in out up down over under from through back around round near by off on along across inside outside
    behind beyond past here go goes went gone going come comes came coming get gets got getting sit sits sat
    sitting stand stands stood standing lie lies lay lying live lives lived living stay stays stayed staying
    be is was were are been being remain remains remained wait waited waiting arrive arrived arriving stop
    stopped work worked walk walked run ran move moved put placed left leave found find keep kept meet met
    see saw hang hung sleep slept lived dwell dwelt ride rode drive drove fly flew hurry hurried rush rushed
    laid lain
    """.split()
)
#: Prepositions after which "there" + a noun can only be "their": "of there contents".
_THEIR_PREPOSITIONS = frozenset(
    "of for with about into upon onto at against among amongst between without within despite during like "
    "towards toward unlike beneath".split()
)
#: Verbs that follow "there" (there is, there came, there stood…), tagged finite after a written "their".
_THERE_VERBS = frozenset(
    "is was are were 's has had have seems seemed seem came comes stood stands lay lies lived remained remains "
    "goes went appeared appears existed exists arose rose followed follows".split()
)
#: Adverbs after "there" (the place): "sat there calmly", "lived there alone".
_THERE_ADVERBS = frozenset(
    "calmly quietly alone together still now then once too again already yet also silently motionless long "
    "forever awhile anyway instead first last before afterwards".split()
)


def _ing_ends_clause(text: str, m) -> bool:
    """"I think their not coming." (they're), but "Their not knowing hurt." (possessive)."""
    ing = next_word(text, m.end())
    if ing.lower() == "being" or not _its_clause_start(text, m.start()):
        return False
    end = text.find(ing, m.end()) + len(ing)
    return next_char(text, end) in ("", ".", "!", "?", ",", ";", "…", "—", "\"", "”")


_PREP_RX = r"(?:on|in|to|at|for|with|from|into|onto|of|about|by|under|over|through|without|upon|toward|towards)"



#: Before "there" + a noun phrase: a question ("Were there children…?") or a greeting ("Hi there
#: young man"), where "there" is right.
_THERE_NP_OK_BEFORE = frozenset(
    "is was are were be been isn't wasn't aren't weren't 's hello hi hey hullo hallo and you oh over that this them "
    "those these".split()
)
#: Words after a written "there" that a tagger may read as nouns but that are not owned.
_NOT_OWNED_AFTER_THERE = frozenset(
    "save before first last next while till until once then now motionless forth ye yer tha thee art stands "
    "couldna wasna isna canna".split()
)
_INDEFINITE_NOUNS = frozenset(
    "anyone anybody anything someone somebody something everyone everybody everything nobody nothing none one "
    "ones lot lots".split()
)


def _there_before_np(text: str, toks, i: int, j: int) -> bool:
    """A written "there" (tagged as "their") before a noun phrase that it can only own: a bare
    singular noun ("in there depth", "over there tan", "made there way"), or a plural with no verb
    of its own after it ("behind there glasses.", "made there bows,"); not "Out there people are
    dying", "Were there children?", "Hi there young man", "sat there hours", "stood there arms folded"."""
    n = len(toks)
    if j >= n or not _adjacent(text, toks[i], toks[j]) or not toks[j].text.islower():
        return False
    p = _prev_tok(text, toks, i)
    if p is not None and p.text.lower().replace("’", "'") in _THERE_NP_OK_BEFORE:
        return False
    if i >= 2 and toks[i - 2].text.lower() in ("here", "and") and p is not None and p.text.lower() in ("and", "or"):
        return False  # "here and there groups of people"
    if toks[j].tag in ("CD", "RB", "VBG", "DT", "PRP", "IN", "TO", "CC") and toks[j].text.lower() != "own":
        return False
    k, head = _np_end(toks, j)
    if not head:
        return False
    words = [t.text.lower() for t in toks[j:k]]
    if any(x in _TIME_WORDS or x in _PREDICATE_NOUNS_POS or x in _INDEFINITE_NOUNS or x in _PARTICIPLES
           or x in _NOT_OWNED_AFTER_THERE or x.endswith("ly") or not x.isalpha()
           or x.endswith(("ing", "ed")) and x not in _NOT_PARTICIPLE_ED and (x == words[-1] or x == words[0]
                                                                            and x.endswith("ed"))
           for x in words):
        return False  # "sat there hours", "put it in there carefully" (an adverb read as a noun)
    nxt = toks[k] if k < n else None
    if nxt is not None and (nxt.tag in ("VBD", "VBZ", "VBP", "MD", "VBN", "VBG") or nxt.text.lower() in (
            "ago", "before", "later", "since", "long", "together", "apart")):
        return False  # a clause of its own: "out there people are dying", "stood there arms folded"
    last = toks[k - 1]
    if nxt is not None and (nxt.tag in ("RB", "RP", "VB") or nxt.text.lower() in ("forth", "out", "up", "down", "away")):
        return False  # "there burst forth the scream"
    return True

#: Verbs of staying or going before "there": "stood their a long time" (there).
_THERE_STAY_RX = (
    r"stood|stand|stands|standing|sat|sit|sits|sitting|stayed|stay|stays|staying|remain|remained|remains|remaining|"
    r"went|go|goes|gone|come|came|comes|been|lay|lying|waited|wait|waiting|lived|live|arrived|arrive|flocked|"
    r"hurried|rushed|got|get|gets"
)
#: -ing words that are nouns after a possessive: "their wedding", "their feelings".
_ING_NOUNS = frozenset(
    """
    building buildings clothing evening evenings morning mornings wedding weddings bedding ceiling pudding stocking
    stockings feeling feelings meeting meetings being having ring rings king kings thing things nothing something
    anything everything darling darlings wing wings spring springs string strings sibling siblings lodging lodgings
    earnings belongings surroundings dwelling dwellings offspring ending endings painting paintings drawing drawings
    saving savings setting settings shilling shillings farthing duckling ducklings seedling swing sing sling bring
    cling fling sting thing upbringing leanings teachings writings doings sayings goings comings tidings blessing
    blessings warning warnings lining outing outings beginning beginnings understanding learning breeding
    inkling inklings awning railing railings landing hearing heading headings gathering gatherings
    """.split()
)
#: -ing verbs after "of/for… there" where "there" is right: "of there being", "for there having been".
_THERE_ING_OK = frozenset("being having coming going seeming appearing remaining existing arising occurring".split())
#: Words before "'s" after "there" that are not owners: "there one's", "there nobody's".
_NOT_OWNER_AFTER_THERE = frozenset(
    "one anybody everybody nobody somebody anyone everyone someone no other each night day year week today "
    "tomorrow yesterday tonight moment hour minute month let that what it he she who where how here there".split()
)


@register
class TheirThere(_PatternRule):
    """`their`/`there`/`they're` swapped where the next word settles it.

    ## What it does
    Flags `there own` and `they're own` (for `their own`); `there` before a noun that can
    only be owned after a preposition, a verb like *loved* or `all`, or at the start of a
    sentence (`on there shoulders`, `loved there son`, `There eyes met`); `their` or
    `they're` before `is`, `are`, `was`, `were` (for `there is…`); `their` before a
    pronoun and a verb (`their you are`) or a modal (`their could be`); and `they're`
    after a form of *be* or before a noun that can only be owned (`that's they're fault`,
    `they're parents`).

    Where those patterns leave it open, part-of-speech tags decide (spaCy, on a few words
    around the candidate): `there` before a noun phrase after a preposition like *of*,
    *at*, *with* (`her surprise at there sudden return`); `their` where no noun follows it:
    at the end of a clause (`I shall be their.`), before a modal (`their must be`), or
    before `till`, `by` or an adverb of place after a verb (`Wait their till you hear`); a
    written `there` before a noun phrase it can only own, even after `in`, `over`, `behind`
    or a verb: a bare singular noun (`in there depth`, `over there tan`) or a plural with no
    verb of its own after it (`behind there glasses.`, `made there bows,`). Also flags `their`
    at the start of a clause before `always`, `never`, `both` or an article (`Their always
    fighting.`, `and their a pair of stiffs`), and `their` + an adverb of place or state ending
    the clause after `when`, `while`, `if`… (`when their out.`). A written `there` is also read as the
    possessive after `to` (`go back to there work`), before an owner's noun after a
    preposition (`to there journey's end`) and after a participle other than one of staying
    (`wrung there hearts`; not `sitting there`). A written `their` at the start of a clause
    is also tagged as `they're`: a predicate adjective that ends the clause, a degree adverb
    before a predicate, or an -ing verb before `!` (`And their so rotten nice`, `I suppose,
    their used to it.`, `the rumble, their coming!`).

    Cheap contexts, without tags: `here and their` (there); `their` before `some`, `any`,
    `no`… after a form of *be* (`Was their no hope?`), before `never had/was…` (`their never
    had been such a day`), after a verb of staying or going before a preposition, an article
    or `together` (`stood their a long time`, `had been their together`), or before an -ing
    verb after `stood`, `sat`… (`stood their shuffling`); `there` before an owner's noun
    (`there mother's face`), before a body part after a conjunction or a verb like *felt*
    (`as there eyes followed`, `felt there hearts sink`) and before a gerund after `of`, `for`, `on`… (`of there becoming`;
    not `of there being`); `their` + an -ing verb with an object after `when`, `while`,
    `maybe`… (`when their having a good time`, they're), `their` + a participle before a
    particle (`when their thought out`, `the person their married to`), and `their such`,
    `their so` at the start of a clause (they're); `their` + an -ing verb before an object
    with no finite verb after it (`Their letting it die, all shut in`), `their just like`,
    `their all broken`, `what their after!` (they're).

    Not flagged: `there` as an adverb (`in there`, `went there yesterday`, `lived there
    years ago`, `laid there moaning`, `Out there people are dying`, `Were there children?`,
    `Hi there young man`, `stood there arms folded`, dialect `that there cat`), and every other use, where the sentence would have
    to be understood.

    ## Why it matters
    `Their` owns, `there` points (or starts `there is`), `they're` is *they are*. The swap
    is common and invisible to spell-checkers.

    ## Example
    `Their is a reason they did it on there own.` becomes
    `There is a reason they did it on their own.`

    ## Fix safety
    Safe: only the word changes.
    """

    code = "GRM011"
    name = "their-there"
    needles = ("there", "their", "they're", "they’re")

    pos_re = re.compile(_B + r"(there|their)" + _E + r"(?=" + _S + r"[a-z]|[ \t]*[.,!?;])", re.I)

    def pos_alt_item(self, text, m):
        return _alt_item(text, m, "their", "they're", _ITS_KEEP)

    def pos_decide_alt(self, text, toks, i, m, ctx):
        if _contraction_reading(text, toks, i, m, _ITS_KEEP | _THERE_ADVERBS):
            w = m.group(1)
            new = "they" + _apostrophe(ctx) + "re"
            return self.finding(m.start(1), m.end(1), f"'{w}' owns something; 'they are' is '{new}'.", cased(w, new))
        return None

    def pos_decide(self, text, toks, i, m, ctx):
        w = m.group(1)
        j = i + 1
        nxt = toks[j] if j < len(toks) else None
        if w.lower() == "there":  # tagged as "their"
            if nxt is None or not nxt.text.islower() or nxt.text.lower() in _PREDICATE_NOUNS_POS or "'" in nxt.text \
                    or text[nxt.end : nxt.end + 1] in ("'", "’"):
                return None  # dialect: "sittin' there th' branch"
            p = _prev_tok(text, toks, i)
            if p is not None and (p.text.lower() in _THERE_ADVERB_BEFORE or p.tag == "IN" and p.text.lower() not in
                                  _THEIR_PREPOSITIONS):
                if _there_before_np(text, toks, i, j):
                    return self.finding(m.start(1), m.end(1), f"'{w}' points to a place; the possessive is 'their'.",
                                        cased(w, "their"))
                return None  # "in there", "up there", "went there", "sat there"
            k, _head = _np_end(toks, j)
            if k < len(toks) and toks[k].text.lower() in ("ago", "before", "later", "since"):
                return None  # "lived there years ago"
            if _possessive_slot(text, toks, i, j) or _there_before_np(text, toks, i, j):
                return self.finding(m.start(1), m.end(1), f"'{w}' points to a place; the possessive is 'their'.",
                                    cased(w, "their"))
            return None
        # "their" where no noun follows: "sat their calmly", "Their must be a limit", "their going West"
        if nxt is not None and not _adjacent(text, toks[i], nxt) and nxt.text not in (".", ",", "!", "?", ";"):
            return None
        if nxt is not None and not (nxt.text.islower() or nxt.text in ("I", ".", ",", "!", "?", ";")):
            return None
        if nxt is None or nxt.text in (".", ",", "!", "?", ";") or nxt.tag in ("MD", "EX") or (
                nxt.tag in ("VBD", "VBZ", "VBP") and nxt.text.lower() in _THERE_VERBS):
            repl = "there"
        elif _clause_slot(text, toks, i) and (
                _ing_clause(text, toks, i, j, m.start(1)) or _no_noun_after(text, toks, j, _ITS_KEEP)
                and nxt.tag in ("JJ", "JJR", "RB", "VBN") and nxt.text.lower() not in _THERE_ADVERBS):
            repl = "they're"
        elif nxt.tag in ("RB", "IN", "TO") and nxt.text.lower() in _THERE_ADVERBS | {"by", "till", "until", "for"} and (
                (p := _prev_tok(text, toks, i)) is not None and p.tag in ("VB", "VBD", "VBP", "VBZ", "VBN", "VBG")
                and p.text.lower() not in _CLAUSE_TAKERS):
            repl = "there"  # "sat their calmly", "stay their till"
        elif nxt.tag == "PRP" and at_sentence_start(text, m.start(1)) and j + 1 < len(toks) and \
                toks[j + 1].tag in _FINITE_TAGS | {"VB"}:
            repl = "there"  # "Their I differ from you."
        else:
            return None
        if repl == "there" and nxt is not None and nxt.text in (".", ",", "!", "?", ";") and i > 0 and \
                toks[i - 1].text.lower() in ("of", "for", "with", "to", "on", "in", "at", "by", "from", "and", "or"):
            return None  # "of their." is more likely a line cut short than "of there."
        apos = _apostrophe(ctx)
        new = repl.replace("'", apos)
        what = "'they are'" if repl == "they're" else "a place or 'there is'"
        return self.finding(m.start(1), m.end(1), f"'{w}' owns something; {what} is '{new}'.", cased(w, new))

    patterns = (
        # "here and their", "then and their"
        (_rx(_B + r"(?:here|then)␣and␣(their|they['’]re)" + _E), 1, "there", "'here and {r}': the place is '{r}'."),
        # "Was their some hope?", "nor was their any", "Are their any flowers"
        (_rx(_B + r"(?:is|was|are|were|isn['’]t|wasn['’]t|aren['’]t|weren['’]t)␣(their)␣(?:some|any|no|none|nothing|"
             r"anything|something|nobody|anybody|someone|anyone|plenty|several)" + _E_NOHYPHEN),
         1, "there", "'{w}' before a quantity: '{r}' (there is/was…)."),
        # "their never had been such a day", "their always was"
        (_rx(_B + r"(their)␣(?:never|always|still|once)␣(?:had|has|have|was|were|is|are|seems|seemed|came|comes|"
             r"could|would|will|can|did|does|existed|lived)" + _E),
         1, "there", "'{w}' before a verb: '{r}'."),
        # "Their now, never mind"
        (re.compile(_B + r"(Their)" + _S + r"now(?=[ \t]*[,!.])"), 1, "There", "'{w} now': '{r} now'.",
         lambda t, m: at_sentence_start(t, m.start())),
        # "stood their a long time", "went their and looked", "had been their together", "stay their with him"
        (_rx(_B + r"(?:" + _THERE_STAY_RX + r")␣(their)␣(?:with|in|on|at|from|to|into|till|until|before|after|since|"
             r"when|and|a|an|the|that|this|alone|together|again|all␣(?:day|night|the␣time))" + _E),
         1, "there", "'{w}' after a verb of staying or going: '{r}'.",
         lambda t, m: not re.match(r"[ \t]*(?:our|your|my|his|her|its|ours|yours|mine|hers|theirs)\b", t[m.end():], re.I)
         and not re.match(r"[ \t]+[\w'’]+['’]s?\b", t[m.end():]) or m.group(0).split()[-1].lower() != "and"),
        # "stood their shuffling", "sitting their waiting"
        (_rx(_B + r"(?:stood|stand|stands|standing|sat|sit|sits|sitting|stayed|stay|stays|staying|lay|lying|remained|"
             r"remain|waited|wait|waiting)␣(their)␣([a-z]{2,}ing)" + _E),
         1, "there", "'{w}' after a verb of staying: '{r}'.",
         lambda t, m: m.group(2).lower() not in _ING_NOUNS),
        # "the ladder was not their when", "I was their that night"
        (_rx(_B + r"(?:been|was␣not|wasn['’]t|were␣not|weren['’]t)␣(their)␣(?:when|that␣(?:night|day|morning|evening)|"
             r"for␣(?:a|an|the|some|two|three|long|years|hours|days|weeks|months|ages)|before|yesterday|today|"
             r"together|alone|again)" + _E),
         1, "there", "'{w}' after 'been': '{r}'."),
        # "their she comes", "their he goes"
        (_rx(_B + r"(their)␣(?:he|she|it|they)␣(?:comes|come|goes|go|went|came|stands|stood|lies|lay|sits|sat)" + _E),
         1, "there", "'{w}' before a pronoun: '{r}' (there she comes).",
         lambda t, m: _its_clause_start(t, m.start())),
        # "with a feminine appreciation of there fineness" is left to tags; "of there becoming", "for there choosing"
        (_rx(_B + r"(?:of|for|on|upon|about|at|without|against)␣(there)␣([a-z]{2,}ing)" + _E),
         1, "their", "'{w}' before a gerund after a preposition: the possessive is '{r}'.",
         lambda t, m: m.group(2).islower() and m.group(2).lower() not in _ING_NOUNS | _THERE_ING_OK),
        # "They ate there breakfast", "returned to there work," ("to there", "at there" are never the place)
        (_rx(_B + r"(?:ate|eat|eats|eating|eaten|finished|finishing|cooked|cooking|devoured|gulped)␣(there)␣"
             r"(?:breakfast|breakfasts|dinner|dinners|lunch|lunches|supper|suppers|tea|meal|meals)" + _E_NOHYPHEN),
         1, "their", "'{w}' points to a place; the possessive is '{r}'.",
         lambda t, m: m.group(1).islower()),
        (_rx(_B + r"(?:to|at|with|of|about|into|upon)␣(there)␣(?:work|business|breakfast|dinner|lunch|supper|tea|"
             r"beds|homes|school|church|money|family|families|luck|love|magic|duty|duties|lessons|games|play)"
             r"(?=[ \t]*[.,;:!?…—]|[ \t]+(?:and|or|but|with|for|in|at|on|to|again)\b)"),
         1, "their", "'{w}' points to a place; the possessive is '{r}'.",
         lambda t, m: m.group(1).islower() and prev_word(t, m.start()).lower() not in ("up", "over", "down", "out")),
        # "as there eyes followed Meg", "felt there hearts sink"
        (_rx(_B + r"(?:and|but|as|till|until|when|while|whilst|because|though|although|felt|closed|opened|shut|raised|"
             r"lowered|turned|fixed|rubbed|wiped|shook|clasped|folded|hung|bowed)␣(there)␣(?:eyes|hearts|faces|hands|"
             r"heads|lips|cheeks|voices|arms|shoulders|fingers|brows|minds)" + _E_NOHYPHEN),
         1, "their", "'{w}' points to a place; the possessive is '{r}'.",
         lambda t, m: m.group(1).islower() and prev_word(t, m.start()).lower() not in ("here", "then", "over", "up",
                                                                                         "down", "out", "in")),
        # "there mother's face", "there brother's fortune"
        (_rx(_B + r"(there)␣([a-z]+['’]s|[a-z]+s['’])(?=␣[a-z])"),
         1, "their", "'{w}' before an owner: the possessive is '{r}'.",
         lambda t, m: m.group(1).islower() and m.group(2)[:-2].lower().rstrip("s'’") not in _NOT_OWNER_AFTER_THERE
         and prev_word(t, m.start()).lower().replace("’", "'") not in _THERE_NP_OK_BEFORE | _THERE_ADVERB_BEFORE
         and prev_word(t, m.start()).lower() not in ("here", "and", "or", "that", "then")),
        # "when their having a good time", "while their doing it", "maybe their hunting for us"
        (_rx(_B + r"(?:when|while|whenever|maybe|perhaps|hope|what|if|because|since|until|till|unless)␣(their)␣"
             r"([a-z]{2,}ing)(?=␣(?:it|them|him|her|me|us|you|a|an|the|that|this|for|at|to|with|on|in|up|out|about|off|"
             r"down|away|around|into|over|after|like|so|too|now|here|there|all|my|your|his|our|their|themselves|"
             r"theirs)\b|[ \t]*[.,;!?—…”\"])"),
         1, "they're", "'{w}' before a verb: '{r}' (they are).",
         lambda t, m: (m.group(2).lower() not in _ING_NOUNS or m.group(2).lower() == "having") and m.group(1).islower()),
        # "when their thought out", "their bound to have you back", "the person their married to"
        (_rx(_B + r"(?:when|while|whenever|maybe|perhaps|hope|if|because|since|until|till|unless|person|people|one|"
             r"ones)␣(their)␣([a-z]{3,}ed|bound|found|caught|told|taken|gone|done|thought|built|made|left)"
             r"(?=␣(?:to|by|out|up|off|before|in|with|for|away|down|over|about)\b|[ \t]*[.,;!?—…”\"])"),
         1, "they're", "'{w}' before a participle: '{r}' (they are).",
         lambda t, m: m.group(1).islower() and m.group(2).lower() not in _ED_NOUNS
         and not m.group(2).lower().endswith("eed") and m.group(2).lower() not in ("bed", "red", "need", "hundred")),
        # "Their letting it die, all shut in", "Perhaps their growing fat on that."
        (_rx(_B + r"(their)␣([a-z]{2,}ing)␣([a-z]+)" + _E),
         1, "they're", "'{w}' before a verb: '{r}' (they are).",
         lambda t, m: m.group(2).lower() not in _ING_NOUNS and m.group(3).lower() in _YOURE_ING_NEXT | {
             "themselves", "theirselves"} and (clause_start(t, m.start()) or prev_word(t, m.start()).lower() in (
                 _YOUR_CLAUSE_WORDS | _YOUR_MORE_CLAUSE_WORDS)) and _no_finite_after(t, m.end(2))
         and not re.match(r"[ \t]+(?:to|into|at|in)[ \t]+[A-Z]", t[m.end(2):])),
        # "Their just like th' creatures", "Of course, their all broken", "what their after!"
        (_rx(_B + r"(their)␣(?:just␣(?:like|as|so|too|a|an|the|about|going|full)|all␣(?:broken|gone|dead|alike|right|"
             r"wrong|here|there|over|[a-z]{3,}ed)|real|after|upstairs|downstairs|pretty|wholesomer)(?=[ \t]*[.!?;…—]|[ \t]*$|"
             r"(?<=[a-z]{4})[ \t]+[a-z])"),
         1, "they're", "'{w}' before a predicate: '{r}' (they are).",
         lambda t, m: (_its_clause_start(t, m.start()) or prev_word(t, m.start()).lower() in _YOUR_MORE_CLAUSE_WORDS)
         and m.group(1).islower() | at_sentence_start(t, m.start())
         and (m.group(0).split()[-1].lower() not in ("real", "after", "upstairs", "downstairs", "pretty", "wholesomer")
              or re.match(r"[ \t]*[.!?;…—]|[ \t]*$", t[m.end():]))),
        # "their such beautiful shirts", "their so thin-skinned"
        (_rx(_B + r"(their)␣(?:such|so)" + _E),
         1, "they're", "'{w}' before a degree word: '{r}' (they are).",
         lambda t, m: _its_clause_start(t, m.start())),
        (_rx(_B + r"(there|they['’]re)␣own" + _E), 1, "their", "'{w} own': the possessive is '{r}'.",
         lambda t, m: prev_word(t, m.start()).lower() not in ("over", "out", "in", "from", "up", "down", "back")),
        (_rx(_B + r"(their|they['’]re)␣(?:is|are|was|were|isn['’]t|aren['’]t|wasn['’]t|weren['’]t)" + _E),
         1, "there", "'{w}' before a verb: '{r}'.",
         lambda t, m: not re.match(r"[\w'’]+[ \t]+[\w'’]+[ \t]*[-—]", t[m.start():])),
        (_rx(_B + r"(?:" + _PREP_RX + r"|loved|love|loves|hated|hate|hates|missed|miss|misses|yelled␣at|lost|"
             r"left|raised|hugged|kissed|told|asked)␣(there)␣(?:parents|kids|children|son|sons|daughter|daughters|"
             r"mother|father|mom|mum|dad|eyes|hands|heads|faces|shoulders|house|car|bedroom|clothes|phones|names|"
             r"lives|own|friends|place|family)" + _E_NOHYPHEN),
         1, "their", "'{w}' points to a place; the possessive is '{r}'.",
         lambda t, m: not re.search(r"(?i)\b(?:is|are|was|were|be|been|isn['’]t|aren['’]t|wasn['’]t|weren['’]t)\s+\S+\s*$",
                                    t[max(0, m.start() - 30) : m.start(1)])),
        (re.compile(_B + r"(There)" + _S + r"(?:parents|kids|children|sons|daughters|mother|father|mom|mum|dad|eyes|"
                    r"hands|heads|faces|shoulders|lips|gazes|voices|bodies|house|car|bedroom|clothes|own)" + _E_NOHYPHEN),
         1, "Their", "'{w}' points to a place; the possessive is '{r}'.",
         lambda t, m: at_sentence_start(t, m.start())),
        (_rx(_B + r"all␣(there)␣(?:parents|kids|children|sons|daughters|friends|neighbours|neighbors|eyes|hands|"
             r"heads|faces|lives|hopes|things|money|own|other|former)" + _E_NOHYPHEN),
         1, "their", "'{w}' points to a place; the possessive is '{r}'."),
        (_rx(_B + r"(their)␣(?:you|we|it|he|she|i)(?:␣(?:are|is|go|goes|was|were|am))" + _E),
         1, "there", "'{w}' before a pronoun: '{r}' (there you are).",
         lambda t, m: _its_clause_start(t, m.start())),
        (_rx(_B + r"(their)␣(?:could|would|should|couldn['’]t|wouldn['’]t|shouldn['’]t)␣(?:be|have|never|not)" + _E),
         1, "there", "'{w}' before a verb: '{r}'."),
        (_rx(_B + r"(?:are|were|that['’]s|what['’]s|where['’]s|here['’]s|it['’]s)␣(they['’]re)␣[a-z]+" + _E_NOHYPHEN),
         1, "their", "'{w}' is 'they are'; the possessive is '{r}'.",
         lambda t, m: m.group(0).split()[-1].lower() not in ("not", "so", "too", "really", "just", "very", "still", "all",
                                                              "always", "never", "both", "going", "gonna")),
        (_rx(_B + r"(they['’]re)␣(?:house|own|fault|room|rooms|eyes|hands|names|friends|way)" + _E_NOHYPHEN),
         1, "their", "'{w}' is 'they are'; the possessive is '{r}'.",
         lambda t, m: m.group(0).split()[-1].islower()
         and not next_word(t, m.end()).lower().endswith("ing") and next_word(t, m.end()).lower() != "down"
         and (m.group(0).split()[-1].lower() not in ("friends", "way")
              or prev_word(t, m.start()).lower() in _PREPOSITIONS)),
        (_rx(_B + r"(their)␣(?:not|gonna|going␣to␣(?:be|have|get|make|need|regret|love|hate|die|fall|lose|want|"
             r"say|tell|do|see|find|like|kill|help|take|give|know|feel|think|leave|stay|hurt|break|ask|try|miss|"
             r"win|fail|pay))" + _E),
         1, "they're", "'{w}' before a verb: '{r}' (they are).",
         lambda t, m: not (m.group(0).lower().endswith("not") and next_word(t, m.end()).lower().endswith("ing"))
         or _ing_ends_clause(t, m)),
        (_rx(_B + r"(their)␣(?:always|never|both|a|an|the)" + _E),
         1, "they're", "'{w}' before a verb or an article: '{r}' (they are).",
         lambda t, m: _its_clause_start(t, m.start()) and m.group(0).split()[-1].islower()
         and next_word(t, m.end()).lower() not in ("same", "other", "one", "ones")),
        (_rx(_B + r"(?:when|while|whenever|if|because|once|until|till|unless|since)␣(their)␣(?:out|around|in|home|"
             r"away|back|gone|off|up|down|here|there|done|finished|ready|asleep|awake|alone|together|inside|outside)"
             r"(?=[ \t]*[.,!?;…—\"”]|[ \t]*$|[ \t]+(?:and|but|or|now|again|already)\b)"),
         1, "they're", "'{w}' before an adverb: '{r}' (they are).",
         lambda t, m: m.group(1).islower()),
        (_rx(_B + r"(their)␣(?:beautiful|gorgeous|amazing|wonderful|awesome|adorable|cute|crazy|insane|ridiculous|"
             r"pathetic|stupid|late|early|sick|drunk|lying|kidding|joking|sorry|sure|lucky|mad|fine|okay|annoying|"
             r"tired|scared|afraid|busy|gone|here|dead|alive|right|wrong|safe|ready|done)(?=[ \t]*[.!?;…—]|[ \t]*$)"),
         1, "they're", "'{w}' before an adjective: '{r}' (they are).",
         lambda t, m: _its_clause_start(t, m.start())),
    )


#: Adjectives of the psychological noun "affect" (a person's outward emotion).
_AFFECT_PSYCH = frozenset("flat blunted blunt restricted labile constricted inappropriate emotional".split())
#: What is affected (influenced), not effected (brought about): "effect your life" → "affect".
_AFFECTED_THINGS = frozenset(
    """
    fate admiration respectability digestion liver lungs stomach spirits weather economy
    life lives health mood work judgment judgement sleep behavior behaviour mind minds brain heart feelings price
    prices nerves spirits temper appetite career future relationship performance ability chances vision
    breathing memory eyesight hearing reputation concentration decision decisions outcome results grades
    plans opinion opinions attitude marriage family health thinking nose neuralgia bottom kingdom
    """.split()
)


@register
class AffectEffect(_PatternRule):
    """`affect` for the noun `effect`, and `effect` for the verb `affect`.

    ## What it does
    Flags `affect` in set phrases where only the noun fits: `side affect`, `take/took
    affect`, `to no affect`, `cause and affect`, `an affect on`, `the desired affect`,
    `had the opposite affect`, `had the affect of`. Flags `effect` where only the verb *to
    influence* fits: `effect` + *me/him/them/us* (`it effected me`, `won't effect you`),
    and `badly/deeply/greatly/materially effected`; `to that affect` at the end of a phrase
    (`words to that affect.`); `so/very/more/visibly effected` and `very effecting.`
    (moved, moving); `effected` before a feeling it pretends (`effected indifference`,
    `a smile of effected incredulity`); `it effects you/me/them`; `affect a rescue`, `affected
    a reconciliation` (what is brought about); `she had been effected`, `her spirits were
    effected` (a person or a feeling is affected); `that very affect on me`.

    Where those patterns leave it open, part-of-speech tags decide (spaCy, on a few words
    around the candidate): `affect` tagged as a noun after a determiner, an adjective or a
    possessive (`had a bad affect upon`, `to this affect`, `its affects`), or after `for`,
    `in`, `with` before punctuation or a preposition (`in affect`); `effect` as a verb before
    an object pronoun (`the air effected her,`) or an object that is influenced, not brought
    about (`effect your life`, `effected the little man's brain`); `effected to` + a verb
    (`he effected to read`: pretended), `an effected little laugh`, and `she was effected`
    (a person).

    Not flagged: the verb *effect* (to bring about: `effect change`, `effected his
    escape`) and the psychological noun *affect* (`her flat affect`).

    ## Why it matters
    Usually `affect` is the verb (to influence) and `effect` the noun (the result). The
    swap is common and spell-checkers can't see it.

    ## Example
    `The spell took affect. It didn't effect him.` becomes
    `The spell took effect. It didn't affect him.`

    ## Fix safety
    Safe: only the first letter changes.
    """

    code = "GRM012"
    name = "affect-effect"
    needles = ("affect", "effect")

    pos_re = re.compile(_B + r"(affects?|effect(?:s|ed|ing)?)" + _E_NOHYPHEN, re.I)

    def pos_worth(self, text, m) -> bool:
        return m.group(1).islower() or at_sentence_start(text, m.start(1))

    def pos_item(self, m):
        return m.start(1)

    def pos_decide(self, text, toks, i, m, ctx):
        w = m.group(1)
        wl = w.lower()
        t = toks[i]
        if t.text.lower() != wl:
            return None
        p = _prev_tok(text, toks, i)
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if wl.startswith("a"):
            # the noun written "affect": "had a bad affect upon", "to this affect", "its affects"
            if t.tag not in ("NN", "NNS") or p is None:
                return None
            pl = p.text.lower()
            if pl in _AFFECT_PSYCH:
                return None  # "her flat affect" (the psychological noun)
            if p.tag in ("DT", "JJ", "JJR", "JJS", "PRP$", "POS", "CD") or pl in ("no", "its", "any", "every"):
                if p.tag == "JJ" and i >= 2 and toks[i - 2].tag in ("TO", "MD"):
                    return None
                return self.finding(m.start(1), m.end(1), f"'{w}' is the verb (to influence); the noun is "
                                    f"'{cased(w, 'e' + wl[1:])}'.", cased(w, "e" + wl[1:]))
            if p.tag == "IN" and pl in ("for", "in", "with", "of", "into") and (
                    nxt is None or nxt.tag in (".", ",", ":", "IN", "CC")):
                return self.finding(m.start(1), m.end(1), f"'{w}' is the verb (to influence); the noun is "
                                    f"'{cased(w, 'e' + wl[1:])}'.", cased(w, "e" + wl[1:]))
            return None
        new = "a" + wl[1:]
        hit = False
        if wl in ("effected", "effecting") and p is not None and p.text.lower() in ("an", "a") and nxt is not None \
                and nxt.tag in ("JJ", "NN"):
            hit = True  # "an effected little laugh" (affected: put on)
        elif wl in ("effected", "effecting", "effect", "effects") and nxt is not None and nxt.tag == "TO" and \
                i + 2 < len(toks) and toks[i + 2].tag == "VB" and t.tag.startswith("VB"):
            hit = True  # "he effected to read" (affected: pretended)
        elif wl == "effected" and p is not None and p.text.lower() in ("was", "were", "been", "be", "is", "are") and \
                i >= 2 and toks[i - 2].text.lower() in ("i", "he", "she", "we", "they", "you") and (
                nxt is None or nxt.tag in (".", ",", ":", "CC", "IN")):
            hit = True  # "she was effected" (a person is affected; a change is effected)
        elif t.tag in ("VB", "VBD", "VBZ", "VBP", "VBN", "VBG") and nxt is not None:
            if nxt.tag == "PRP" and nxt.text.lower() in ("her", "him", "me", "us", "them", "you") and (
                    i + 2 >= len(toks) or toks[i + 2].tag in (".", ",", ":", "CC", "IN", "RB")):
                hit = True  # "something in the air effected her, and…"
            elif nxt.tag in ("DT", "PRP$"):
                k, head = _np_end(toks, i + 2)
                while k < len(toks) and toks[k].tag == "POS" and k + 1 < len(toks):
                    k, head = _np_end(toks, k + 1)  # "the little man's brain"
                if head and toks[k - 1].text.lower() in _AFFECTED_THINGS:
                    hit = True  # "allow it to effect your life"
        if not hit:
            return None
        return self.finding(m.start(1), m.end(1), f"'{w}' means to bring about; to influence is '{cased(w, new)}'.",
                            cased(w, new))

    patterns = (
        (_rx(_B + r"(?:to|of)␣(?:that|this)(?:␣very)?␣(affect)(?=[ \t]*[.,;:!?—–-]|[ \t]*$)"),
         1, "effect", "'To that {r}' (the result, the meaning)."),
        (_rx(_B + r"(?:so|very|too|more|most|visibly|strongly|sorely|deeply|much|greatly|powerfully)␣(effected|effecting)"
             + _E),
         1, lambda m: cased(m.group(1), "a" + m.group(1)[1:].lower()),
         "'{w}' means brought about; moved or influenced is '{r}'.",
         lambda t, m: m.group(1).lower() == "effected" or next_char(t, m.end(1)) in (".", ",", "!", "?", ";", "—", "")
         or next_word(t, m.end(1)).lower() in ("to", "and", "but")),
        (_rx(_B + r"(effected|effecting)␣(?:an?␣)?(?:indifference|incredulity|unconcern|carelessness|nonchalance|"
             r"gaiety|cheerfulness|composure|disdain|contempt|boredom|innocence|modesty|humility|coldness|high␣spirits|"
             r"ignorance|surprise|astonishment|amusement)" + _E),
         1, lambda m: cased(m.group(1), "a" + m.group(1)[1:].lower()),
         "To pretend (a feeling) is to '{r}' it."),
        (_rx(_B + r"(?:it|that|this|which)(?:␣(?:all|really|only|also|never|always|deeply))?␣(effects)␣"
             r"(?:me|you|him|her|us|them|everyone|everybody)" + _E),
         1, "affects", "'{w}' means brings about; influences is '{r}'."),
        (_rx(_B + r"side[ \t-](affects?)" + _E), 1, lambda m: cased(m.group(1), "e" + m.group(1)[1:].lower()),
         "'Side {w}': the noun is '{r}'."),
        (_rx(_B + r"(?:take|takes|took|taken|taking|into|no|desired|opposite|same|immediate|full|lasting|calming|"
             r"soothing|cause␣and)␣(affects?)" + _E),
         1, lambda m: cased(m.group(1), "e" + m.group(1)[1:].lower()), "The noun is '{r}' (the result).",
         lambda t, m: not re.match(r"(?i)(?:no|full|same|immediate|lasting|opposite|desired)\b", m.group(0))
         or prev_word(t, m.start()).lower() in ("to", "the", "an", "a", "with", "of", "had", "have", "has", "in", "into", "no")),
        (_rx(_B + r"(?:an|any|some|the|big|huge|great|strong|real|profound|negative|positive|primary|main|major|"
             r"direct|adverse|significant|little|much|lasting|no|same|biggest|greatest|very)␣(affect)␣on" + _E),
         1, lambda m: cased(m.group(1), "effect"), "'{w} on' is the noun: '{r} on'."),
        (_rx(_B + _VERB_CONTEXT.replace("|i|you|we|they", "|it|that|this") + r"(?:␣(?:not|really|even|badly|seriously))?␣"
             r"(effect|effects|effected)␣(?:me|him|them|us|you|anyone|anybody|everyone)" + _E),
         1, lambda m: cased(m.group(1), "a" + m.group(1)[1:].lower()), "'{w}' means to bring about; 'to influence' is '{r}'."),
        (_rx(_B + r"(effect|effects|effected|effecting)␣(?:me|him|them|us)" + _E),
         1, lambda m: cased(m.group(1), "a" + m.group(1)[1:].lower()), "'{w}' means to bring about; 'to influence' is '{r}'."),
        (_rx(_B + r"(?:had|have|has|having)␣(?:an|the|no|any|some|a␣(?:big|huge|great|strong|real|profound|negative|"
             r"positive|lasting|calming|soothing|strange|similar|different))␣(?:\w+␣)?(affect)␣(?:on|of|upon)" + _E),
         1, lambda m: cased(m.group(1), "effect"), "The noun is '{r}' (the result)."),
        (_rx(_B + r"the␣(affect)␣of" + _E), 1, lambda m: cased(m.group(1), "effect"), "The noun is '{r}' (the result).",
         lambda t, m: prev_word(t, m.start()).lower() in ("had", "has", "have", "with", "for", "to", "was", "is", "and", "of")),
        # what one brings about: "to affect a rescue", "affected a reconciliation" (effect)
        (_rx(_B + r"(affect|affects|affected|affecting)␣(?:a|an|some|such␣a)␣(?:rescue|reconciliation|escape|cure|"
             r"compromise|entrance|entry|transformation|recovery|settlement|junction|landing|retreat|capture|"
             r"exchange|release|repair|repairs|alteration|reform|breach|passage|crossing|transfer|withdrawal|"
             r"merger|truce|sale|purchase|arrest)" + _E),
         1, lambda m: cased(m.group(1), "e" + m.group(1)[1:].lower()),
         "To bring about (a rescue, a change) is to '{r}' it; 'affect' means to influence."),
        # a person is affected, a change is effected: "she had been effected much the same way"
        (_rx(_B + r"(?:i|he|she|we|you|spirits|feelings|nerves|sensibilities)␣(?:(?:had|has|have|would␣have|must␣have)"
             r"␣been|was|were|is|are|am|be|been|being|became|become|seemed)(?:␣(?:not|much|so|very|quite|visibly|"
             r"evidently|really|also|equally|more|less|most|little|too))?␣(effected)" + _E),
         1, "affected", "'{w}' means brought about; 'influenced' is '{r}'.",
         lambda t, m: not m.group(0).split()[0][:1].isupper() or at_sentence_start(t, m.start())
         or m.group(0).split()[0] == "I"),
        (_rx(_B + r"(?:it|that|this)␣(effects|effected)␣(?:me|him|them|us|you)" + _E),
         1, lambda m: cased(m.group(1), "a" + m.group(1)[1:].lower()), "'{w}' means to bring about; 'to influence' is '{r}'."),
        (_rx(_B + r"(?:badly|deeply|greatly|negatively|adversely|severely|profoundly|strongly|seriously|visibly|"
             r"materially|differently|particularly|personally|directly|emotionally|considerably|slightly|"
             r"in␣the␣least|so␣much|very␣much|most|less|least)␣"
             r"(effected)" + _E),
         1, "affected", "'{w}' means brought about; 'influenced' is '{r}'."),
    )


#: Words before a subject that leave the verb's object elsewhere: "the book which he laid on the table".
_OBJECT_GAP = frozenset("which that what whatever whom who these those them it this where".split())

_LIE_PLACE = (
    r"(?:in␣bed|on␣(?:the␣)?(?:floor|ground|grass|couch|sofa|bed|beach|sand)|"
    r"(?:in|on)␣(?:the|his|her|my|their|your|our)␣(?:bed|beds|floor|ground|couch|sofa|grass|back|side|stomach|belly|"
    r"front|cot|bunk|hammock|futon|mattress))"
)


@register
class LayLie(_PatternRule):
    """`laying` for `lying` and `laid` for `lay` (reclining), in narration.

    ## What it does
    Flags `laying` where nothing is being laid: `laying in bed`, `laying on the floor`,
    `laying on his back`, `laying there`, `laying awake`, `laying down on the couch`; and
    `laid` after a pronoun where the person reclined (`she laid down on the bed`, `he laid
    back against the pillows`, `they laid on the grass`).

    Not flagged: dialogue (speech uses *lay* for *lie* widely), `laying down the law`,
    `was laid on the bed` (passive), and any *lay* with an object.

    ## Why it matters
    You *lie* down (lay, lain, lying) and you *lay* something down (laid, laying). Readers
    who know the difference trip on the swap in narration.

    ## Example
    `She was laying in bed. He laid down beside her.` becomes
    `She was lying in bed. He lay down beside her.`

    ## Fix safety
    Safe: only the verb changes.
    """

    code = "GRM013"
    name = "lay-lie"
    narration_only = True
    needles = ("laying", "laid", "lain")

    patterns = (
        (_rx(_B + r"(laying)(?:␣(?:down|back|flat|still|motionless|face␣down|face␣up|curled␣up))?␣" + _LIE_PLACE + _E),
         1, "lying", "'{w}' needs an object (laying bricks); reclining is '{r}'."),
        (_rx(_B + r"(laying)␣(?:there|awake|motionless|unconscious|face␣down|face␣up|sprawled|curled)" + _E),
         1, "lying", "'{w}' needs an object (laying bricks); reclining is '{r}'.",
         lambda t, m: not (m.group(0).lower().endswith("there") and next_word(t, m.end()).lower() in ("eggs", "the", "a"))),
        (_rx(_B + r"(laid)␣ahead" + _E), 1, "lay", "Something ahead '{r}' ahead (the past of 'lie')."),
        (_rx(_B + r"(laying)␣low" + _E), 1, "lying", "'{r} low' (from 'lie low')."),
        (_rx(_B + r"(?:was|were|been|be|being|is|are)␣(lain)" + _E), 1, "laid",
         "'{w}' is the participle of 'lie' (recline); put in place is '{r}'."),
        (_rx(_B + r"(laying)␣down(?=[ \t]*(?:[.!?,;…]|on\b|in\b|beside\b|next\b|with\b|for\b|again\b|and\b))"),
         1, "lying", "'{w} down' needs an object (laying down the law); reclining is '{r}'."),
        (_rx(_B + r"(?:i|he|she|we|they|you)(?:␣(?:then|just|finally|simply|quietly|slowly|gently))?␣(laid)"
             r"(?:␣(?:down|back))?␣(?:on|in|beside|next␣to|against|across|there)" + _E),
         1, "lay", "'{w}' needs an object (he laid the book down); reclining is '{r}'.",
         lambda t, m: prev_word(t, m.start()).lower() not in _OBJECT_GAP and not re.search(r"(?i)laid␣(?:down|back)?␣?in␣(?:wait|store|ruins)".replace("␣", r"\s*"), m.group(0) + t[m.end():m.end() + 8])),
        (_rx(_B + r"(?:i|he|she|we|they|you)(?:␣(?:then|just|finally|simply|quietly|slowly|gently))?␣(laid)␣(?:down|back)"
             r"(?=[ \t]*[.!?,;…])"),
         1, "lay", "'{w}' needs an object (he laid the book down); reclining is '{r}'.",
         lambda t, m: prev_word(t, m.start()).lower() not in _OBJECT_GAP),
    )


#: Words after which "breathe" (with adjectives between) is the noun: "her warm breathe", "one breathe".
_BREATH_DETERMINERS = frozenset(
    "a an the his her my their your its our one no this every each whose own another more".split()
)
#: Verbs after which "her breathe" is the verb: "heard her breathe", "let her breathe".
_PERCEPTION_VERBS = frozenset(
    "hear heard hearing watch watched watching see saw seen feel felt let lets letting make made help helped "
    "helping makes had have has having".split()
)


@register
class BreathBreathe(_PatternRule):
    """`breath` (the noun) for `breathe` (the verb), and the other way round.

    ## What it does
    Flags the noun `breath` after a verb context (`couldn't breath`, `to breath`, `can
    barely breath`, `let me breath`, `Can you breath?`), and the verb `breathe` after an
    article, a possessive or a word that makes it a noun (`a breathe`, `a deep breathe`,
    `held her breathe`, `under his breathe`, `gasping for breathe.`, `took her breathe
    away`, `got his breathe`), after an owner (`Jo's breathe`, `the boys' breathe`; not
    `Let's breathe`), after `want of`, `lack of`, `gasping for`, `took in more`, `had some`,
    `finding` (`want of breathe`, `gasping for breathe at once`), and `did not breath`.

    Where those patterns leave it open, part-of-speech tags decide (spaCy, on a few words
    around the candidate): `breathe` tagged as a noun after a determiner, a possessive or an
    adjective (`her warm breathe poured over me`, `a long, grateful breathe`, `all in one
    breathe`), but not after a verb of perceiving or causing (`heard her breathe`, `had her
    breathe on the canvas`) or in a relative clause (`the fish that breathe`).

    Not flagged: `out of breath`, `from breath to breath`, compounds (`breath-taking`),
    and anything less certain.

    ## Why it matters
    You take a *breath* (noun, short vowel) and you *breathe* (verb, with an e). The swap
    changes the sound of the line for the reader.

    ## Example
    `She couldn't breath. She took a deep breathe.` becomes
    `She couldn't breathe. She took a deep breath.`

    ## Fix safety
    Safe: only the final `e` is added or removed.
    """

    code = "GRM014"
    name = "breath-breathe"
    needles = ("breath",)

    pos_re = re.compile(_B + r"(breathe)" + _E_NOHYPHEN)

    def pos_worth(self, text, m) -> bool:
        """Only a "breathe" with a determiner or a possessive among the four words before it
        (nothing but words and commas between): "a long, grateful breathe", "her warm breathe"."""
        words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)*|[^\w\s,]", text[max(0, m.start(1) - 50) : m.start(1)])
        for w in reversed(words[-4:]):
            wl = w.lower()
            if wl in _BREATH_DETERMINERS:
                return True
            if not w.isalpha() or wl in _SUBJECT_PRONOUNS or wl in _MODALS or wl in ("to", "not", "and", "or"):
                return False
        return False

    def pos_item(self, m):
        return m.start(1)

    def pos_decide(self, text, toks, i, m, ctx):
        t = toks[i]
        p = _prev_tok(text, toks, i)
        if t.tag not in ("NN", "NNS") or p is None or p.tag not in ("DT", "PRP$", "JJ", "JJR", "JJS", "CD", "POS",
                                                                       "VBN", "VBG", "NN", "RB"):
            return None
        pl = p.text.lower()
        if pl in ("that", "which", "who", "some", "all", "both", "these", "those", "many", "few") or p.tag == "NN" and \
                not (i >= 2 and toks[i - 2].tag in ("DT", "PRP$", "JJ")):
            return None  # "the fish that breathe", "some breathe through gills"
        if pl == "her" and i >= 2 and toks[i - 2].text.lower() in _PERCEPTION_VERBS:
            return None  # "heard her breathe"
        if p.tag == "RB" and pl not in ("more", "less"):
            return None
        w = m.group(1)
        return self.finding(m.start(1), m.end(1), f"'{w}' is the verb; the noun is '{cased(w, 'breath')}'.",
                            cased(w, "breath"))

    patterns = (
        (_rx(_B + r"(?:to|can|can['’]t|cannot|could|couldn['’]t|would|wouldn['’]t|will|won['’]t|should|"
             r"shouldn['’]t|must|might|don['’]t|didn['’]t|doesn['’]t|['’]ll|(?:let|letting|lets)␣(?:me|him|her|us|them)|"
             r"(?:help|helped|helping|make|made|makes|making)␣(?:me|him|her|us|them))"
             r"(?:␣(?:barely|hardly|even|not|just|still|finally|properly|easily|really|only|no␣longer|"
             r"scarcely|quite|almost|normally|again))?␣(breath)(?![\w'’-])"),
         1, "breathe", "'{w}' is the noun; the verb is '{r}'.",
         lambda t, m: not re.search(r"(?i)\b(?:from|one)\s+breath\s+to\s+breath\b",
                                    t[max(0, m.start() - 30) : m.end()])
         and next_word(t, m.end()).lower() not in ("of", "mints", "mint", "test", "away")),
        (_rx(_B + r"(?:can|could|will|would|should|do|did|does|may|must|might|can['’]t|couldn['’]t|won['’]t|"
             r"wouldn['’]t|don['’]t|didn['’]t|doesn['’]t)␣(?:i|you|he|she|we|they|it)(?:␣(?:still|even|not|just|"
             r"really))?␣(breath)(?=[ \t]*(?:[.!?,;…]|$|again\b|properly\b|normally\b|now\b|underwater\b|in\b|out\b))"),
         1, "breathe", "'{w}' is the noun; the verb is '{r}'."),
        (_rx(_B + r"(?:under|for|of|out␣of|catch|caught|catching|with␣bated|with␣baited|bated|baited|"
             r"my|his|their|your|our|its|one['’]s)␣(breathe)(?![\w'’-])"),
         1, "breath", "'{w}' is the verb; the noun is '{r}'.",
         lambda t, m: not re.match(r"(?i)(?:for|of)\b", m.group(0)) or next_char(t, m.end(1)) in (".", ",", "!", "?", ";", "—", "…", "")),
        (_rx(_B + r"(?:a|another|deep|deeper|shaky|shaking|shuddering|sharp|ragged|steadying|calming|"
             r"last|first|single|long|slow|quick|shallow|held|(?:hold|held|holding|holds|catch|caught|catching|"
             r"catches)␣(?:my|his|her|their|your|our|its))␣(breathe)(?![\w'’-])"),
         1, "breath", "'{w}' is the verb; the noun is '{r}'."),
        (_rx(_B + r"(?:got|get|gets|getting|find|finding|found|finds|draw|drew|drawn|drawing|recover|recovered|"
             r"recovering|regain|regained|took|take|takes|taking|taken|blew|lost|lose|losing|catch|caught|held|hold|"
             r"holding|save|saved|waste|wasted)␣(?:" + _POSS + r"|the␣[a-z]+)␣(breathe)(?![\w'’-])"),
         1, "breath", "'{w}' is the verb; the noun is '{r}'."),
        (_rx(_B + r"(?:did|do|does)␣(?:not|never)␣(breath)(?![\w'’-])"),
         1, "breathe", "'{w}' is the noun; the verb is '{r}'."),
        # an owner before it: "Jo's breathe gave out", "The boys' breathe forsook them" (not "Let's breathe")
        (_rx(r"(?<=[^\W\d_])(?:['’]s|(?<=s)['’])␣(breathe)(?![\w'’-])"),
         1, "breath", "'{w}' is the verb; the noun is '{r}'.",
         lambda t, m: prev_word(t, m.start()).lower() not in (
             "let", "he", "she", "it", "that", "what", "who", "there", "here", "where", "how", "one", "everyone",
             "everybody", "nobody", "somebody", "someone", "no one")),
        # "want of breathe", "gasping for breathe at one and the same time", "took in more breathe"
        (_rx(_B + r"(?:(?:want|lack|shortness|loss|waste|short|puff|gasp|catch|out)␣of|(?:gasping|gasped|gasp|gasps|"
             r"panting|panted|struggling|struggled|fighting|fought)␣for|(?:finding|find|finds|found|forcing|forced|"
             r"wasted|wasting|took␣in|take␣in|taking␣in|drew␣in|draw␣in|drawing␣in|had|has|have|having)"
             r"(?:␣(?:more|some|no|little|enough|a␣little))?)␣(breathe)(?![\w'’-])"),
         1, "breath", "'{w}' is the verb; the noun is '{r}'.",
         lambda t, m: not re.match(r"(?i)(?:had|has|have|having)\b", m.group(0))
         or len(m.group(0).split()) > 2 and next_word(t, m.end()).lower() not in ("and", "in", "out")),
    )


#: Determiners after which "passed" is not the noun "past": "that passed", "which passed" are verbs.
_PASSED_NOT_DET = frozenset("that this which what whatever each all both either neither some any no".split())
_PASSED_TIME_NOUNS = frozenset(
    "days years weeks months life lives glories mistakes behaviour behavior sins experience experiences events "
    "times ages centuries generations loves lovers joys sorrows errors follies imprudence history misdemeanors "
    "misdemeanours misdeeds conduct actions deeds".split()
)
#: What is beyond (past) reach: "passed belief", "passed forgiveness".
_PASSED_BEYOND = frozenset(
    "understanding belief forgiveness crediting bearing caring hope recall recovery repair saving endurance description doubt "
    "question counting praying redemption".split()
)
_PASSED_CLOCK = frozenset("midnight noon sunset sunrise dawn dusk bedtime one two three four five six seven eight nine "
                          "ten eleven twelve".split())
_PASSED_CLOCK_BEFORE = frozenset("minutes minute twenty ten five quarter half little long well way".split())
#: Verbs after which "passed" is the verb: "had passed", "was passed", "got passed".
_PASSED_AUX_BEFORE = frozenset(
    "is was were are be been being am has have had having get got gets getting do did does 's 're 've 'd "
    "’s ’re ’ve ’d let lets make made see saw seen hear heard watch watched".split()
)


@register
class PassedPast(_PatternRule):
    """`passed` (the verb) for `past` (beyond, ago).

    ## What it does
    Flags `passed` after a verb of movement or looking where it means *beyond*
    (`walked passed him`, `ran passed the house`, `looked passed her`), and in phrases
    of time: `in the passed`, `the passed few days`, `half passed ten`, `regretted the
    passed.` Also after a verb of going before a pause, `less`, `at` or `about` (`drive
    passed,`, `flying passed less often`; not `the days that came passed,`), and after
    `pushing his way`, `forcing her way`… (`pushing his way passed her`).

    Where those patterns leave it open, part-of-speech tags decide (spaCy, on a few words
    around the candidate): `passed` after a determiner or a possessive where it is the noun
    or the adjective (`repeat the passed.`, `their passed imprudence`, `those passed days`),
    right after another verb (`fluttered passed him`, `slip passed me`, `roared passed.`,
    `looking out passed the boughs`, `went rapidly passed me`), before `understanding`,
    `belief`, `forgiveness`… (`passed belief`), before a noun of times gone after `of`,
    `some`, `remember` (`relics of passed splendor`, `remember passed glories`), and
    in telling the time (`a little passed six`, `twenty minutes passed four`, `It's passed
    nine`).

    Not flagged: every use of the verb (`she passed him the salt`, `the clock passed
    midnight`, `days passed`, `had passed the house`, `the bill that passed`).

    ## Why it matters
    `Passed` is the past of *to pass*; `past` is the preposition, adjective and noun
    (*beyond*, *earlier*). They sound the same, so the swap is common.

    ## Example
    `She walked passed him. In the passed week…` becomes
    `She walked past him. In the past week…`

    ## Fix safety
    Safe: only the word changes.
    """

    code = "GRM015"
    name = "passed-past"
    needles = ("passed",)

    pos_re = re.compile(_B + r"(passed)" + _E_NOHYPHEN, re.I)

    def pos_worth(self, text, m) -> bool:
        return m.group(1).islower()

    def pos_item(self, m):
        return m.start(1)

    def pos_decide(self, text, toks, i, m, ctx):
        w = m.group(1)
        t = toks[i]
        if t.text != "passed":
            return None
        p = _prev_tok(text, toks, i)
        n = len(toks)
        nxt = toks[i + 1] if i + 1 < n else None
        nl = nxt.text.lower() if nxt is not None else ""
        adjacent_next = nxt is not None and _adjacent(text, t, nxt)
        pl = p.text.lower() if p is not None else ""
        hit = None
        if p is not None and (p.tag in ("DT", "PRP$", "POS") or pl in ("own",)) and pl not in _PASSED_NOT_DET:
            # the noun or the adjective: "the passed.", "their passed", "those passed days"
            if nxt is None or nxt.tag in (".", ",", ":", "IN", "CC", "MD", "VBD", "VBZ", "``", "''") or (
                    nl in _PASSED_TIME_NOUNS and adjacent_next):
                hit = "the past"
        elif p is not None and (p.tag in ("IN", "JJ") and pl in ("of", "for", "from", "about", "over", "with", "happy",
                                                                "morbid", "unhappy", "dim", "distant", "recent",
                                                                "some", "remember", "forget")
                                or pl in ("some", "remember", "forget")) and adjacent_next and (
                nl in _PASSED_TIME_NOUNS or nl in ("splendor", "splendour", "occurrences", "mistake", "glory",
                                                   "happiness", "sorrow", "troubles", "quarrels", "grievances")):
            hit = "the past"  # "of passed misdemeanors", "relics of passed splendor", "remember passed glories"
        elif adjacent_next and nl in _PASSED_BEYOND:
            hit = "beyond"  # "passed belief", "passed forgiveness"
        elif adjacent_next and (nxt.tag == "CD" or nl in _PASSED_CLOCK) and (
                pl in _PASSED_CLOCK_BEFORE or pl in ("is", "was", "'s", "’s") and i >= 2
                and toks[i - 2].text.lower() == "it"):
            hit = "the time"  # "twenty minutes passed four", "a little passed six", "long passed midnight"
        elif p is not None and (p.tag in ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ") and pl not in _PASSED_AUX_BEFORE
                                or p.tag in ("RP", "RB") and (pl in ("out", "back", "along", "on", "by", "away", "off",
                                                                       "down", "up", "over", "around", "round")
                                                             or pl.endswith("ly") and pl not in ("only", "early"))
                                and i >= 2 and toks[i - 2].tag in ("VB", "VBD", "VBG", "VBN", "VBP", "VBZ")
                                and toks[i - 2].text.lower() not in _PASSED_AUX_BEFORE):
            # two verbs in a row: "flashed passed us", "looking out passed the boughs" (not the verbs of two
            # clauses: "the days that flew passed, one by one")
            if i >= 2 and toks[i - 2].text.lower() in ("that", "which", "who", "whom", "what"):
                pass
            elif adjacent_next and (nxt.tag in ("DT", "PRP", "PRP$", "NNP", "CD") or nl in ("on", "by")) or (
                    nxt is not None and nxt.tag in (".", ",") and p.tag != "RB"):
                hit = "beyond"
        if hit is None:
            return None
        return self.finding(m.start(1), m.end(1), f"'{w}' is the verb; {hit} is 'past'.", cased(w, "past"))

    #: Verbs of going (not of looking or getting) after which "passed" + a pause or a few small words
    #: can only be the adverb: "drive passed,", "birds were flying passed less often".
    _GO = (
        r"walk|run|runs|drive|drives|fly|flies|flying|flit|flits|flitted|flitting|dance|dances|danced|dancing|hurry|"
        r"rush|race|races|raced|slip|step|stride|striding|come|came|coming|curve|curves|curved|curving|roll|rolls|"
        r"rolled|rolling|float|floats|floated|floating|sweep|sweeping|creep|creeps|creeping|crawl|crawled|crawling|"
        r"sail|sails|sailing|ride|rides|riding|gallop|galloped|galloping|trot|trotted|trotting|stroll|strolling|"
        r"wander|wandering|march|marching|speed|speeding|whizzing|zooming|streamed|streaming|trooped|filed|hurtling|"
        r"drifting|sweeps|glide|glided|gliding|scurried|scurrying|skipped|skipping|tramped|tramping|swam|swimming"
    )
    _MOVE = (
        r"(?:walked|walking|ran|running|drove|driving|went|going|sped|"
        r"rushed|rushing|hurried|hurrying|brushed|brushing|pushed|pushing|slipped|slipping|stepped|stepping|strode|"
        r"marched|raced|racing|flew|swept|moved|glanced|glancing|looked|looking|stared|staring|stormed|"
        r"wandered|limped|sauntered|shoved|squeezed|zoomed|sprinted|jogged|darted|dashed|whizzed|edged|slid|"
        r"sidled|breezed|barged|strolled|trudged|stumbled|shouldered|elbowed|hurtled|shot|skated|drifted|crept|"
        r"sailed|rode|cycled|peered|gazed|got|get|gets|getting|made␣(?:it|my␣way|his␣way|her␣way|their␣way)|"
        + _GO + r"|(?:pushing|pushed|forcing|forced|fighting|fought|elbowing|shouldering|squeezing|threading|"
        r"threaded|edging|making|picking|picked|wound|winding)␣(?:my|his|her|their|our|your|its)␣way)"
    )
    patterns = (
        (_rx(_B + _MOVE + r"(?:␣(?:right|straight|just|quickly|slowly|silently|quietly))?␣(passed)␣"
             r"(?:him|her|them|me|us|it|the|his|her|my|your|their|our|a|an|each|everyone|everybody|"
             r"(?-i:[A-Z][a-z]+))" + _E),
         1, "past", "'{w}' is the verb; 'beyond' is '{r}'.",
         lambda t, m: not re.match(r"(?i)(?:got|get|gets|getting)\b", m.group(0))
         or next_word(t, m.end(1)).lower() in ("him", "her", "them", "me", "us", "it")
         and next_char(t, m.end()) in (".", ",", "!", "?", ";", "…", "—", "")),
        (_rx(_B + r"(?:" + _GO + r")␣(passed)(?=[ \t]*[,;!?…—]|[ \t]+(?:less|at|about)\b)"),
         1, "past", "'{w}' is the verb; 'beyond' is '{r}'.",
         # not two verbs of two clauses: "the days that came passed, one by one"
         lambda t, m: prev_word(t, m.start()).lower() not in ("that", "which", "who", "whom", "whoever", "what",
                                                              "and", "or", "had", "have", "has")
         and m.group(0).split()[0].lower() not in ("came", "come")),
        (_rx(_B + r"in␣the␣(passed)" + _E), 1, "past", "'In the {r}' (earlier times)."),
        (_rx(_B + r"(?:of|to|from|about|in|regretted|forget|forgot|forgotten|remember|remembered|bury|buried)␣the␣"
             r"(passed)(?=[ \t]*[.,;!?…—])"), 1, "past", "'The {r}' (earlier times)."),
        (_rx(_B + r"(?:the|these|this)␣(passed)␣(?:few|couple|week|weeks|month|months|year|years|day|days|hour|"
             r"hours|minute|minutes|night|nights|decade|decades|century|fortnight)" + _E),
         1, "past", "'The {r} week' (the one before now)."),
        (_rx(_B + r"(?:half|quarter|ten|five|twenty)␣(passed)␣(?:one|two|three|four|five|six|seven|eight|nine|ten|"
             r"eleven|twelve|midnight|noon|\d{1,2})" + _E),
         1, "past", "Telling the time: '{r}'."),
    )


@register
class PeekPeakPique(_PatternRule):
    """`peak` or `peek` for `pique`, and `peak` for `peek`.

    ## What it does
    Flags `sneak peak` (→ `sneak peek`), `take/took a peak` (→ `peek`), `peaked` or
    `peeked` with *interest* or *curiosity* (→ `piqued`), and `peaked`/`peaking`
    followed by *through*, *around*, *into*… (→ `peeked`).

    Not flagged: the mountain and the maximum (`the peak of`, `sales peaked at`).

    ## Why it matters
    A *peek* is a quick look, a *peak* is a summit, and to *pique* is to arouse
    (interest, curiosity). The three sound alike, so they get swapped.

    ## Example
    `She took a peak. It peaked her interest.` becomes
    `She took a peek. It piqued her interest.`

    ## Fix safety
    Safe: only the word changes.
    """

    code = "GRM016"
    name = "peek-peak-pique"
    needles = ("peak", "peek")

    patterns = (
        (_rx(_B + r"sneak[ \t-](peaks?)" + _E), 1, lambda m: cased(m.group(1), "peek" + m.group(1)[4:]),
         "A quick look is a '{r}'."),
        (_rx(_B + r"(?:take|takes|took|taken|taking|have|had|having|steal|stole|stolen|stealing|grab|grabbed|"
             r"sneak|sneaked|snuck)␣(?:a|another)(?:␣(?:quick|little|brief|small|furtive|curious|closer|last|"
             r"final|sneaky|tiny))?␣(peak)" + _E),
         1, "peek", "A quick look is a '{r}'."),
        (_rx(_B + r"(peak|peaks|peaked|peaking|peek|peeks|peeked|peeking)␣(?:my|his|her|their|your|our|its|the)?␣?"
             r"(?:interest|curiosity)" + _E),
         1, lambda m: cased(m.group(1), {"peak": "pique", "peek": "pique", "peaks": "piques", "peeks": "piques",
                                          "peaked": "piqued", "peeked": "piqued", "peaking": "piquing",
                                          "peeking": "piquing"}[m.group(1).lower()]),
         "To arouse interest is to '{r}' it."),
        (_rx(_B + r"(peaked|peaking)␣(?:through|around|round|into|inside|under|between|behind|out␣from|"
             r"out␣of|over␣at|up␣at|in␣at|in␣through|at␣(?:him|her|them|me|us))" + _E),
         1, lambda m: cased(m.group(1), "peek" + m.group(1)[4:]), "A quick look is to '{r}'."),
    )


@register
class ReinReign(_PatternRule):
    """`reign` (to rule) for `rein` (to hold back, the straps).

    ## What it does
    Flags `free reign`, `reign in` + an object (`reign in his temper`, `reign it in`,
    `reigned herself in`), `reigns` held, taken or dropped (`took the reigns`, `held the
    reigns`, `handed over the reigns`, `dropped the reigns`, `the reigns of power`), and
    `a loose/tight reign`, `a tightly drawn reign`, `threw/slapped the reigns`, and `gave
    the reign to` / `too much reign to` + a noun phrase.

    Not flagged: a monarch's reign (`his reign in Egypt`, `the reigns of kings`) and a
    capitalised name (`Free Reign Entertainment`).

    ## Why it matters
    *Reins* are the straps that steer a horse, so you *rein in* and get *free rein*;
    *reign* is a monarch's rule. The idioms come from riding.

    ## Example
    `She gave him free reign, then reigned him in.` becomes
    `She gave him free rein, then reined him in.`

    ## Fix safety
    Safe: only the word changes.
    """

    code = "GRM017"
    name = "rein-reign"
    needles = ("reign",)

    patterns = (
        (re.compile(_B + r"(?:free|Free)" + _S + r"(reign)" + _E), 1, "rein", "The idiom is 'free {r}' (the straps)."),
        (_rx(_B + r"(reign|reigns|reigned|reigning)␣(?:it|him|her|them|me|us|you|myself|himself|herself|"
             r"themselves|yourself|ourselves|itself|everything|things)␣(?:in|back)" + _E),
         1, lambda m: cased(m.group(1), "rein" + m.group(1)[5:]), "To hold back is to '{r}' in."),
        (_rx(_B + r"(reign|reigns|reigned|reigning)␣in␣(?:" + _POSS + r"␣|the␣|their␣|some␣|those␣)?"
             r"(?:temper|emotions|feelings|anger|impulses|frustration|excitement|spending|tears|urge|urges|fear|"
             r"panic|magic|power|thoughts|rage|jealousy|enthusiasm|laughter|smile|grin|tongue|horse|horses)" + _E),
         1, lambda m: cased(m.group(1), "rein" + m.group(1)[5:]), "To hold back is to '{r}' in."),
        (_rx(_B + r"(?:take|takes|took|taken|taking|hold|holds|held|holding|hand|handed|handing|grab|grabbed|"
             r"seize|seized|pass|passed|pull|pulled|tug|tugged|gather|gathered|grip|gripped|gripping|drop|dropped|"
             r"dropping|give|gave|giving|given|shook|shake|slacken|slackened|loosen|loosened|tighten|tightened|"
             r"jerk|jerked|yank|yanked|flick|flicked|snap|snapped|relinquish|relinquished|threw|throw|throws|"
             r"throwing|thrown|flung|fling|slapped|slap|slapping|tossed|toss|over)(?:␣over)?␣(?:the|his|her|their|my|your|our)(?:␣[a-z]+(?:al|ial|ive|ary))?␣(reigns)"
             r"(?!␣of␣(?:these|those|kings|queens|emperors|monarchs|rulers|popes|pharaohs))"),
         1, "reins", "The straps that steer are '{r}'."),
        (_rx(_B + r"(?:loose|tight|tighter|slack|looser)␣(reigns?)" + _E), 1, lambda m: cased(m.group(1), "rein" + m.group(1)[5:]),
         "The straps that steer are '{r}'."),
        (_rx(_B + r"(reigns)␣of␣(?:power|leadership|government|the␣company|the␣kingdom|command)" + _E),
         1, "reins", "'The {r} of power' (the straps that steer)."),
        (_rx(_B + r"(?:give|gives|gave|given|giving|too␣much|full|more)␣(?:the␣)?(reign)␣to␣(?:" + _POSS +
             r"|the|a|an)" + _E),
         1, "rein", "To give free play is to give '{r}' (the straps)."),
        (_rx(_B + r"(?:drawn|tight|tightly␣drawn|slack|slackened)␣(reigns?)" + _E),
         1, lambda m: cased(m.group(1), "rein" + m.group(1)[5:]), "The straps that steer are '{r}'."),
    )


@register
class LoathLoathe(_PatternRule):
    """`loathe` (to hate) for `loath` (unwilling), and the other way round.

    ## What it does
    Flags `loathe to` after a form of *be* or *feel* (`I am loathe to`, `she was loathe
    to`), and `loath` as a verb with an object after a subject or `to` (`I loath him`,
    `to loath them`).

    ## Why it matters
    *Loath* (rhymes with *both*) is an adjective: unwilling. *Loathe* (rhymes with
    *clothe*) is the verb: to hate.

    ## Example
    `I am loathe to admit I loath him.` becomes `I am loath to admit I loathe him.`

    ## Fix safety
    Safe: only the final `e` is added or removed.
    """

    code = "GRM018"
    name = "loath-loathe"
    needles = ("loath",)

    patterns = (
        (_rx(_B + r"(?:am|is|are|was|were|be|been|being|['’]m|['’]re|seemed|seem|seems|felt|feel|feels|remain|"
             r"remained)(?:␣(?:not|so|very|rather|quite|a␣little|somewhat|always|still|really|more|less|"
             r"particularly|equally|also))?␣(loathe)␣to" + _E),
         1, "loath", "'Unwilling' is '{r} to' (without the e)."),
        (_rx(_B + r"(?:i|you|we|they|to)(?:␣(?:really|truly|absolutely|just|simply))?␣(loath)␣(?:him|her|them|"
             r"it|you|me|us|myself|himself|herself|the|his|my|your|their|everything|everyone|that|this)" + _E),
         1, "loathe", "The verb (to hate) is '{r}'."),
    )


# --------------------------------------------------------------------------- GRM019

_LOWER_OK_AFTER = {
    "french": frozenset("fries fry toast kiss kissed kissing kisses windows window doors door horn braid braids "
                        "press polish dressing manicure tip tips bread letter knickers".split()),
    "swiss": frozenset("cheese chard roll rolls".split()),
    "dutch": frozenset("oven ovens".split()),
    "english": frozenset("on".split()),
    "chinese": frozenset("lantern lanterns".split()),
    "brazilian": frozenset("wax".split()),
    "indian": frozenset("blue red yellow ink".split()),
}


@lru_cache(maxsize=None)
def _proper_words() -> frozenset[str]:
    return _set("proper_nouns.txt")


@register
class LowercaseHoliday(_GrammarRule):
    """A holiday, weekday, month, nationality or language left in lowercase.

    ## What it does
    Flags words that are always capitalised and are not also ordinary words: holidays
    (`christmas`, `easter`, `halloween`, `hanukkah`, `thanksgiving dinner`), weekdays
    (`monday`…`sunday`), the months that are not also words (`january`, `february`,
    `april`, `june`, `july`, `september`…`december`), nationalities and languages
    (`english`, `french`, `american`, `japanese`…). The list is the data file
    `proper_nouns.txt`.

    Not flagged: `may`, `march`, `august` and other words that are also ordinary words,
    `thanksgiving` as the act of giving thanks, lowercase idioms in standard use (`french
    fries`, `french toast`, `swiss cheese`, `dutch oven`, `english` spin on a ball), a
    paragraph written entirely in lowercase (a text message, a stylistic choice), and
    hashtags, handles and URLs.

    ## Why it matters
    Names of days, months, holidays, peoples and languages are proper nouns in English and
    take a capital letter; lowercase reads as a typo or as a phone's texting style.

    ## Example
    `We flew home on christmas eve, a monday in december.` becomes
    `We flew home on Christmas eve, a Monday in December.`

    ## Fix safety
    Safe: only the first letter is capitalised.
    """

    code = "GRM019"
    name = "lowercase-holiday"

    def check_paragraph(self, para, ctx):
        text = para.text
        if not any(c.isupper() for c in text):
            return  # all lowercase: a text message or a style
        yield from super().check_paragraph(para, ctx)

    def scan(self, para, ctx):
        text = para.text
        rx = _proper_re()
        for m in rx.finditer(text):
            w = m.group(1)
            low = w.lower()
            nxt = next_word(text, m.end()).lower()
            if low in _LOWER_OK_AFTER and nxt in _LOWER_OK_AFTER[low]:
                continue
            if low == "thanksgiving" and nxt not in (
                "dinner", "day", "break", "weekend", "holiday", "holidays", "turkey", "vacation", "morning", "evening",
                "night", "meal", "feast", "parade", "table", "dinners",
            ) and prev_word(text, m.start()).lower() not in ("happy", "this", "last", "next", "since", "until", "till"):
                continue
            if low == "english" and nxt in ("on",):
                continue
            yield self.finding(m.start(1), m.end(1), f"'{w}' is a proper noun: '{w[0].upper() + w[1:]}'.",
                               w[0].upper() + w[1:])


@lru_cache(maxsize=None)
def _proper_re():
    words = sorted(_proper_words(), key=len, reverse=True)
    return re.compile(r"(?<![\w'’@#/.-])(" + "|".join(re.escape(w) for w in words) + r")(?:['’]s|s)?(?![\w'’-])")
