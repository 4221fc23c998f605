"""GRM006 its-its: `it's` for the possessive `its`, and `its` for `it's` (*it is*, *it has*).

The rule's documentation is its class docstring (``betareader explain GRM006``)."""

from __future__ import annotations

import re

from ...model.words import at_sentence_start, cased, clause_start, next_char, next_word, prev_word
from ..base import register
from ._base import _B, _E_NOHYPHEN, _S
from ._pos import _ALT_KEEP, _ing_clause, _no_noun_after, _possessive_slot
from ._shared import _PossessiveContraction, _apostrophe, _its_clause_start, _no_finite_after
from ._words import (
    _ING_NOUNS,
    _ITS_KEEP,
    _NOUNISH_RE,
    _OWNED_NOUNS,
    _PARTICLE_VERBS,
    _PREDICATE_NOUNS,
    _PREPOSITIONS,
    _YOURE_ING_NEXT,
)

#: Owned nouns that also never follow "it is" bare, so "it's" before them is wrong anywhere.
_OWNED_ANYWHERE = frozenset(
    """
    own tail tails eyes ears wings legs paws claws teeth fangs feathers scales horns hooves jaws
    beak mane owner owners nest cage spine pages contents hinges roots branches petals name
    """.split()
)
_OBJECT_PRONOUNS = frozenset("it that this them him her me us you".split())

#: Prepositions that do not end a clause ("Come in, it's late" aside) and rarely close a subject
#: ("the worst of it's over"): after them "it's" + a noun is the possessive.
_STRONG_PREPOSITIONS = frozenset(
    "into within through throughout despite upon onto via amid amidst among amongst beneath underneath toward "
    "towards across".split()
) | {"in"}

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
class ItsIts(_PossessiveContraction):
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
    label = "its/it's"
    needles = ("it's", "it’s", "its")
    possessive = "its"
    contraction_parts = ("it", "s")
    contraction_means = "it is / it has"
    keep = _ITS_KEEP

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

    _its_apos = re.compile(_B + r"(it['’]s)" + _S + r"([^\W\d_]+)" + _E_NOHYPHEN, re.I)
    _its = re.compile(_B + r"(its)" + _S + r"([^\W\d_]+(?:['’][^\W\d_]+)?)" + _E_NOHYPHEN, re.I)

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
