"""GRM010 whose-whos: `whose` for `who's` (*who is*, *who has*), and `who's` for the possessive `whose`.

The rule's documentation is its class docstring (``betareader explain GRM010``)."""

from __future__ import annotations

import re

from ...model.words import at_sentence_start, cased, clause_start, next_char, next_word, prev_word
from ..base import register
from ._base import _B, _E, _E_NOHYPHEN, _S, Pattern, _PatternRule, _rx
from ._pos import _FINITE_TAGS, _adjacent, _np_end, _prev_tok
from ._shared import _apostrophe
from ._words import _PREDICATE_NOUNS_POS, _PREPOSITIONS, _SUBJECT_PRONOUNS, _SUBORDINATORS


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
    label = "whose/who's"
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
        Pattern(_rx(_B + r"(who['’]s)␣((?:[a-z]+␣){0,2}?[a-z]+)␣(?:was|were|is|are|had|has|lay|lies|made|makes|could|would|"
             r"might|should|must|seemed|looked|ran|showed|curved|floated|hung|shone|rose|fell|became|grew)" + _E),
         1, "whose", "'{w}' is 'who is' or 'who has'; the owner's word is '{r}'.",
         check=lambda t, m: m.group(2).islower() and not any(
             x.endswith(("ly", "ing")) or x in _WHOS_NOT_OWNED for x in m.group(2).split())),
        # after a preposition: "from who's ceiling", "to who's warning I had paid no heed"
        Pattern(_rx(_B + r"(?:from|in|to|of|by|with|on|upon|into|under|for|at)␣(who['’]s)␣([a-z]+)␣([a-z]+)" + _E),
         1, "whose", "'{w}' is 'who is' or 'who has'; the owner's word is '{r}'.",
         check=lambda t, m: not any(x.endswith(("ly", "ing", "ed")) or x in _WHOS_NOT_OWNED for x in (m.group(2),))
         and (m.group(3) in ("was", "were", "is", "had", "i", "he", "she", "they", "we", "the", "a", "hand", "eyes")
              or m.group(3).endswith(("s",)) and m.group(3) not in ("is", "was", "has", "this", "his", "us"))),
        Pattern(_rx(_B + r"(whose)␣(?:going|gonna|been|not|the|a|an|your|my|this|that|to␣say|to␣blame|in␣charge|"
             r"at␣the␣door|calling|coming|there(?=\s*[?.!,\"”…—])|here(?=\s*[?.!,\"”…—])|he|she|it(?=\s*[?.!,\"”]))" + _E),
         1, "who's", "'{w}' asks who owns something; 'who is/who has' is '{r}'.",
         check=lambda t, m: t[m.end() : m.end() + 1] != "-" and _whose_ing_ok(t, m)),
        Pattern(_rx(_B + r"(who['’]s)␣" + _NOUNS + _E_NOHYPHEN), 1, "whose", "'{w}' is 'who is'; the possessive is '{r}'.",
         check=lambda t, m: t[m.end() - 1].islower() and not next_word(t, m.end()).lower().endswith("ing")),
        Pattern(re.compile(_B + r"(who['’]s)" + _S + r"([a-z]{3,}(?:ness|ment|ity|ety|hood|ship|ers|ors))" + _E_NOHYPHEN, re.I),
         1, "whose", "'{w}' is 'who is'; the possessive is '{r}'.",
         check=lambda t, m: m.group(2).islower() and m.group(2).lower() not in ("others", "business")),
        Pattern(_rx(_B + r"(whose)␣(?:done|gone|been|had|got|gotten|taken|seen|made|given|told|never|always|already|"
             r"probably|really|accused|there|here)" + _E),
         1, "who's", "'{w}' asks who owns something; 'who is/who has' is '{r}'.",
         check=lambda t, m: m.group(0).split()[-1].lower() not in ("there", "here") or next_char(t, m.end()) in ("?", ".", "!", ",", "")),
        Pattern(_rx(_B + r"(whose)␣(?:in|at|on|with|up|out|down|over|inside|outside|upstairs|downstairs)" + _E),
         1, "who's", "'{w}' asks who owns something; 'who is' is '{r}'.",
         check=lambda t, m: at_sentence_start(t, m.start()) and t[m.start()].isupper()),
    )
