"""GRM008 then-than: `then` for `than` after a comparative (`more then`, `better then`), and `than` for `then`.

The rule's documentation is its class docstring (``betareader explain GRM008``)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ...model.words import at_sentence_start, cased, next_word, prev_word
from ..base import register
from ._base import _B, _S, _GrammarRule
from ._pos import _adjacent, _predicate_adjectives, _prev_tok
from ._words import _BASE_VERBS, _ING_NOUNS, _PARTICIPLES, _TIME_WORDS

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
    label = "then/than"
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
