"""GRM026 comma-splice: two sentences joined by a comma alone in narration (`He was tired, he went to bed.`).

The rule's documentation is its class docstring (``betareader explain GRM026``)."""

from __future__ import annotations

import re

from ...analysis.verbs import verb_forms
from ..base import UNSAFE, register
from ._base import _GrammarRule

_FINITE_AUX = frozenset(
    "was were is are had has did does could would should might must can will shall "
    "wasn't weren't isn't aren't hadn't hasn't didn't doesn't couldn't wouldn't shouldn't can't won't "
    "wasn’t weren’t isn’t aren’t hadn’t hasn’t didn’t doesn’t couldn’t wouldn’t shouldn’t can’t won’t".split()
)
_PRONOUNS = frozenset("he she they I i we it".split())
_PEOPLE = frozenset("he she they i we".split())
_DETS = frozenset("the his her their my our its both all this that".split())
_ADV = r"(?:[a-z]+ly|just|still|also|only|never|always|even|already|suddenly|finally)"
_WORD_RE = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*")
#: after the comma: a subject (group 1: a pronoun, a capitalised word, or a determiner and one or
#: two words) and a finite verb (group 2)
def _right_re(det_words: str) -> re.Pattern:
    return re.compile(
        r"[ \t]+((?:he|she|they|I|we|it)|[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
        r"|(?:the|his|her|their|my|both)(?:[ \t]+(?!(?:he|she|they|it|we|you|I)[ \t])[A-Za-z]+)" + det_words + r")"
        r"[ \t]+(?:" + _ADV + r"[ \t]+)?([a-z’']+)(?![\w'’-])")


#: after the comma: a subject (group 1) and a finite verb (group 2); a determiner's noun is read
#: with one word, then (`the old fisherman was`) with two
_RIGHT_RE = _right_re("{1,2}")
_RIGHT_RES = (_right_re(""), _right_re("{2}"))
#: a first clause whose verb reports what follows (`He knew, she was right`)
_REPORTING = frozenset(
    "said says thought thinks knew knows guessed supposed figured realized realised decided hoped "
    "feared wondered admitted agreed suspected reckoned felt saw noticed meant mean insisted "
    "answered replied asked told whispered muttered added explained promised swore think suppose "
    "believe believed guess hope fear imagine imagined expect expected trust trusted dare say "
    "fancied fancy perceived observed found learned heard understood remembered recollected concluded "
    "perceive observe find learn hear understand remember recollect conclude".split()
)
#: words that open a sentence with something other than its subject: a subordinate clause, a
#: preposition, an interjection, an introduction (`When he was tired, he went to bed`)
_LEAD = frozenset(
    "when whenever if because although though while as since until till before after once unless "
    "whether where what who why how yes no oh well so and but or nor yet for then now here there "
    "not only even just perhaps maybe sometimes soon later suddenly finally in on at by with from "
    "into of to for under over through during without within across behind beside besides despite "
    "like unlike upon among against toward towards near instead also again still however whatever "
    "whoever wherever whichever whenever".split()
)
#: nouns that, after `the`, open a subordinate clause (`The moment he was gone, she ran`)
_TIME_NOUNS = frozenset("instant moment minute second day night time morning evening way first last more less "
                        "next older younger".split())


#: an adverbial clause (a subordinator, a subject, its verb) ending at the comma
_SUB_CLAUSE_END_RE = re.compile(r"(?<![\w'’-])(?:when|while|before|after|until|till|since|because|once|if|unless|"
                                r"though|although)[ \t]+(?:he|she|they|I|we|it|you|[A-Z][a-z]+)[ \t]+[a-z’']+"
                                r"(?:[ \t]+[a-z’']+){0,2}\Z")
_AND_SUBORDINATE_RE = re.compile(r"(?<![\w'’-])(?:and|but|or|so|that)[ \t]+(?:then[ \t]+)?(?:as|when|whenever|if|because|"
                                 r"after|before|once|while|since|until|though|although|except|unless)(?![\w'’-])")


_FAMILY = {"was": "be", "were": "be", "is": "be", "are": "be", "had": "have", "has": "have", "have": "have",
           "would": "md", "could": "md", "should": "md", "might": "md", "must": "md", "can": "md", "will": "md"}


def _parallel(a: str, b: str) -> bool:
    """Do two clauses' verbs make them parallel (the same verb, or the same auxiliary family)?"""
    a, b = a.lower(), b.lower()
    return a == b or (a in _FAMILY and _FAMILY.get(a) == _FAMILY.get(b))


def _bare(subject: str) -> str:
    """A subject in lowercase without a contraction on it (`He'd` -> `he`)."""
    return re.sub(r"['’](?:d|s|ll|ve|re|m)\Z", "", subject.lower())


def _finite(word: str, strict: bool = False) -> bool:
    """A finite verb: a form of be, have or do, a modal, a past that is nothing else, or a
    third-person present that is no noun's plural. ``strict``: only the forms that cannot be a
    participle either (`was`, `could`, `went`, not `clasped`: `her hands clasped` is a phrase)."""
    vf = verb_forms()
    if word in _FINITE_AUX:
        return True
    if strict:
        return vf.is_past_only(word) and word not in vf.participle
    return vf.is_past_only(word) or (word in vf.third and word not in vf.noun_plural)


def _left_clause(text: str, lo: int, comma: int, ctx) -> tuple[str, str] | None:
    """(subject, verb) when ``text[lo:comma]`` opens with a subject and a finite verb within its
    first five words; None when it opens with a subordinate clause, a preposition or a participle."""
    words = _WORD_RE.findall(text, lo, comma)[:6]
    if len(words) < 2:
        return None
    first = words[0]
    low = first.lower()
    if low in _LEAD or low.endswith("ing") or (low.endswith("ed") and low not in _PRONOUNS):
        return None
    if low == "the" and words[1].lower() in _TIME_NOUNS:
        return None
    if low == "that" and words[1].lower() == "is":
        return None  # `That is, she stumbled`
    if low in ("that", "what", "how", "whether") and not _finite(words[1]):
        return None  # `That he had been concerned in it, she had never doubted`: a clause as the object
    for k in range(1, min(6, len(words))):
        w = words[k]
        j = k - 1
        while j > 0 and (words[j].lower() in _LEFT_ADVERBS or words[j].endswith("ly")):
            j -= 1  # `The Merseysiders still loved …`
        subj = words[j]
        sl = _bare(subj)  # `He'd had …`
        if j >= 1 and words[j - 1].lower() in _LEAD and not (sl in ("them", "us") and words[j - 1].lower() == "of"):
            return None  # `Early as it was, he …`: a subordinate clause
        if sl in _PRONOUNS or (sl in ("them", "us") and j >= 2 and words[j - 1].lower() == "of"):
            if _finite(w):
                return subj, w  # `Both of them were …`
            continue
        named = j == 0 and subj[0].isupper() and (ctx.is_name(subj) or not ctx.uses_lowercase(sl))
        if not (_finite(w, strict=not named) or (not named and _finite(w) and _object_after(text, lo, comma, w))):
            continue  # after a noun, only a form that is no participle (`This operation concluded, he`)
        if (j >= 1 and words[j - 1].lower() in _DETS) or named or (j == 0 and sl in ("that", "this")):
            return subj, w
        return None
    return None


#: adverbs between a subject and its verb
#: a series of clauses (a figure, not a splice) is one of short clauses: at most this many words each
_SERIES_WORDS = 9
#: two clauses of at most this many words each, outside a tag, are a balanced pair writers use for
#: rhythm (asyndeton) as often as a slip: left alone
_BALANCED_WORDS = 8
_LEFT_ADVERBS = frozenset("still also never just always already even only often soon then now once".split())
#: words that open an object after a verb: the verb is active (`nipped Pep's fingers`), not the
#: participle of an absolute phrase (`her hands clasped behind her`)
_OBJECT_OPENERS = frozenset("the a an his her their my our your its this that these those him them me us".split())


def _object_after(text: str, lo: int, hi: int, verb: str) -> bool:
    """Is ``verb`` (in ``text[lo:hi]``) followed by an object: a determiner, an object pronoun or a
    capitalised word?"""
    m = re.search(r"(?<![\w'’-])" + re.escape(verb) + r"[ \t]+([A-Za-z]+)", text[lo:hi])
    if m is None:
        return False
    nxt = m.group(1)
    return nxt.lower() in _OBJECT_OPENERS or (nxt[0].isupper() and nxt != "I")


@register
class CommaSplice(_GrammarRule):
    """Two sentences joined by a comma alone, in narration: `He was tired, he went to bed.`

    ## What it does
    Finds a comma between two clauses that could each stand as a sentence: the first opens its
    sentence (or follows a line of speech, as a tag: `"Ready?" Mara asked, Tobin was too
    tired to answer.`) with a subject and a finite verb, and a subject with a finite verb
    follows the comma (`, he went`, `, the fire had not spread`; a story's name after a tag or
    after a pronoun's clause). Only narration is read: dialogue's run-on rhythm is a character's
    voice. Left alone: a first clause that reports what follows (`He knew, she was right`) or
    holds a clause the comma closes (`and as soon as she saw him, she`), sentences that open
    with a subordinating word or a fronted clause (`When he was tired, he went to bed`, `That he
    knew it, she never doubted`), absolute phrases (`her hands clasped in her lap`), a
    parenthesis (`It would be, he felt, no trouble`, `, it was true;`, `I can tell you`), the
    same subject again (`He cried, he pleaded`), parallel clauses (`Rewards had been offered,
    the country had been searched`), a clause ending in a subordinate one that may belong to
    what follows (`I rose when she did, John stood by me`), a series of short clauses (`Beth
    played, Amy sang, Jo danced`), two very short clauses, and two people's short clauses side
    by side outside a tag (`She gave him her trust, he gave her his help`): writers use those
    for rhythm, and published fiction has them.

    ## Why it matters
    A comma cannot hold two sentences together; the reader runs past the join and has to go
    back. Editors call it a comma splice, and beta readers mark it in almost every draft.

    ## Example
    `The wind was cold off the water, it cut through his coat.` becomes `The wind was cold off
    the water; it cut through his coat.` (or a full stop, or `, and`).

    ## Fix safety
    Unsafe: a semicolon is always correct, but a full stop or a conjunction may read better.
    """

    code = "GRM026"
    name = "comma-splice"
    narration_only = True
    kinds = frozenset({"text"})
    fix_applicability = UNSAFE
    needles = (",",)

    def scan(self, para, ctx):
        text = para.text
        a = para.analysis
        for s, e in a.sentences:
            if e - s < 12:
                continue
            pos = s
            while True:
                comma = text.find(",", pos, e)
                if comma < 0:
                    break
                pos = comma + 1
                if a.quotations and a.in_dialogue(comma):
                    continue
                f = self._splice(para, ctx, s, e, comma)
                if f is not None:
                    yield f
                    break

    def _splice(self, para, ctx, s: int, e: int, comma: int):
        text = para.text
        a = para.analysis
        # the first clause starts at the sentence's start, or after a line of speech that ends
        # before the comma (a tag: `"Ready?" Mara asked, Tobin was too tired to answer.`)
        lo, tag = s, False
        for q in (a.quotations or ()):
            if q.close is not None and s <= q.close < comma and q.close + 1 > lo:
                lo, tag = q.close + 1, True
            elif q.close is not None and s - 3 <= q.close < s:
                tag = True  # `"Ready?" Rose asked, …`: the sentence splitter ends the speech at its `?`
        seg = text[lo:comma]
        if any(c in seg for c in ",;:—–()!?") or (not tag and lo != s):
            return None
        while lo < comma and text[lo] in " \t\"“”‘’'*_":
            lo += 1
        left = _left_clause(text, lo, comma, ctx)
        if left is None:
            return None
        subj, verb = left
        if _SUB_CLAUSE_END_RE.search(text, lo, comma):
            return None  # `I had risen when Cynthia did, John was close by`: the clause may belong to what follows
        if _AND_SUBORDINATE_RE.search(text, lo, comma):
            return None  # `She came in, and as soon as she saw him, she …`: the comma ends that clause
        if verb in _REPORTING and not tag:
            return None  # `He knew, she was right`: what he knew
        r = None
        for rx in _RIGHT_RES:
            r = rx.match(text, comma + 1, e)
            if r is not None and (r.group(1).split()[0] not in _DETS or _finite(r.group(2))):
                break
        if r is None:
            return None
        rsubj, rverb = r.group(1), r.group(2)
        first = rsubj.split()[0]
        if first[0].isupper() and first != "I" and (not ctx.is_name(first) or not (tag or _bare(subj) in _PRONOUNS)):
            # `…, Mr Brown …`: an address or an apposition as often as a subject; and two named
            # characters' actions side by side (`Beth played, Meg sang`) are a figure writers use
            # outside tags
            return None
        det = rsubj.split()[0] in _DETS
        past_after_singular = rsubj.lower() in ("he", "she", "it") and rverb in verb_forms().past
        if not (_finite(rverb, strict=det) or past_after_singular or (
                det and _finite(rverb) and _object_after(text, r.start(2), e, rverb))) or rverb in _REPORTING:
            return None  # `It seemed silly, she said to herself`, `I was scared, I can tell you`
        lsubj = _bare(subj)
        n_left = len(_WORD_RE.findall(text, lo, comma))
        if not tag and _parallel(verb, rverb):
            # `Rewards had been offered, the country had been scoured`, `The hair would lose its
            # brightness, the mouth would gape`: parallel clauses, a figure published fiction uses
            return None
        if re.match(r"[ \t]+(?:can[ \t]+)?(?:tell|assure|promise|swear)[ \t]+you", text[r.end(2) - len(rverb) - 1:e]):
            return None  # `I was scared, I can tell you`: a parenthesis
        if rsubj.lower() == lsubj:
            # `He cried, he pleaded`, `he jumped round, he turned so quickly`: the same subject
            # again is a figure (anaphora) published fiction uses for rhythm; left alone, at the
            # cost of `He was tired, he went to bed`
            return None
        # a series (`She came, she saw, she left`; `She was humbled, she was grieved; …`) or a
        # parenthesis (`It would be, he felt assured, no trifle`)
        rest = text[r.end():e]
        if re.match(r"[ \t]*[.!?…]", rest):
            return None  # `…, it seemed.`: a parenthesis at the end
        nxt = text.find(",", r.end(), e)
        while nxt >= 0 and a.quotations and a.in_dialogue(nxt):
            nxt = text.find(",", nxt + 1, e)
        n_right = len(_WORD_RE.findall(text, comma, nxt if nxt >= 0 else e))
        short = n_left <= _SERIES_WORDS and n_right <= _SERIES_WORDS
        if not tag and n_left <= 4 and n_right <= 6:
            return None  # `I looked round, the others were gone`: two very short clauses, a rhythm
        if short and not tag and n_left <= _BALANCED_WORDS and n_right <= _BALANCED_WORDS and \
                rsubj.lower() in _PEOPLE and (lsubj in _PEOPLE or ctx.is_name(subj)) and rsubj.lower() != lsubj:
            # `She gave him her confidence, he gave her his help`: two people's short clauses side
            # by side, a rhythm; not `The wind was cold, it cut through his coat`
            return None
        if nxt >= 0 and short and _RIGHT_RE.match(text, nxt + 1, e):
            return None  # `Beth played a march, Amy threw open the door, Jo …`: a series of short clauses
        if (short and re.match(r"[^,;.!?]*(?:,[ \t]+(?:and[ \t]+)?(?:he|she|they|I|we|it)[ \t]|;)", rest)) or \
                re.match(r"[ \t]*(?:[a-z]+)?[ \t]*[,;]", rest) or \
                re.match(r"[^.!?]*?[ \t](?:he|she|they|I|we)[ \t]+(?:said|thought)", rest):
            return None
        return self.finding(comma, comma + 1,
                            "Comma splice: two sentences joined by a comma alone; use a full stop, a "
                            "semicolon or a conjunction.", ";")
