"""The part-of-speech stage's helpers: reading the tagger's tokens around a candidate (noun-phrase ends, possessive and clause slots, -ing clauses), shared by its/it's, your/you're, their/there and then/than."""

from __future__ import annotations

import re
from functools import lru_cache

from ...model.words import at_sentence_start, cased, next_char, prev_word
from ._data import _lines
from ._words import (
    _AUX_WORDS,
    _CLAUSE_TAKERS,
    _CLAUSE_WORDS,
    _INDEFINITE_NOUNS,
    _ING_CLAUSE_WORDS,
    _NOUNISH_RE,
    _OBJECT_TAKERS,
    _OWNED_NOUNS,
    _PARTICLE_VERBS,
    _PREDICATE_NOUNS,
    _PREDICATE_NOUNS_POS,
    _SEE_REMEMBER,
    _SUBORDINATORS,
    _YOURE_BARE_NOUNS,
)

_NOUN_TAGS = frozenset(("NN", "NNS"))
_NP_TAGS = frozenset(("JJ", "JJR", "JJS", "VBN", "VBG", "NN", "NNS", "HYPH", "CD"))
_FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP", "MD"))
_VERB_TAGS = frozenset(("VB", "VBD", "VBP", "VBZ", "VBG", "VBN"))


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
