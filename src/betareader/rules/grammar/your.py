"""GRM007 your-youre: `your` for `you're` (*you are*), and `you're` for the possessive `your`.

The rule's documentation is its class docstring (``betareader explain GRM007``)."""

from __future__ import annotations

import re

from ...model.words import at_sentence_start, cased, clause_start, next_char, next_word, prev_word
from ..base import register
from ._base import _B, _E_NOHYPHEN, _S
from ._pos import _ing_clause, _no_noun_after, _np_end, _possessive_slot, _prev_tok
from ._shared import _PossessiveContraction, _apostrophe, _no_finite_after
from ._words import (
    _AUX_WORDS,
    _BASE_VERBS,
    _ED_NOUNS,
    _INDEFINITE_NOUNS,
    _ING_NOUNS,
    _NOT_OWNER_AFTER_THERE,
    _PARTICIPLES,
    _PREDICATE_NOUNS_POS,
    _SUBORDINATORS,
    _YOUR_CLAUSE_WORDS,
    _YOUR_KEEP,
    _YOUR_MORE_CLAUSE_WORDS,
    _YOURE_BARE_NOUNS,
    _YOURE_ING_NEXT,
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
_BE_CONTRACTIONS = frozenset(
    "are were that’s it’s what’s where’s here’s there’s who’s how’s".split()
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

#: Nouns after "your going to": "your going to school" (a possessive gerund).
_NOT_VERB_AFTER_GOING_TO = frozenset(
    "school church bed town sea market court college the a an my his her their our your its london paris "
    "it this that them him me us one".split()
)


@register
class YourYoure(_PossessiveContraction):
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
    label = "your/you're"
    needles = ("your", "you're", "you’re")
    possessive = "your"
    contraction_parts = ("you", "re")
    contraction_means = "you are"
    keep = _YOUR_KEEP

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

    _your = re.compile(_B + r"(your)" + _S + r"([^\W\d_]+)" + _E_NOHYPHEN, re.I)
    _youre = re.compile(_B + r"(you['’]re)" + _S + r"([^\W\d_]+)" + _E_NOHYPHEN, re.I)

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
