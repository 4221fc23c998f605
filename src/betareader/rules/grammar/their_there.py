"""GRM011 their-there: `their`/`there`/`they're` swapped where the next word settles it.

The rule's documentation is its class docstring (``betareader explain GRM011``)."""

from __future__ import annotations

import re

from ...model.words import at_sentence_start, cased, clause_start, next_char, next_word, prev_word
from ..base import register
from ._base import _B, _E, _E_NOHYPHEN, _S, Pattern, _PatternRule, _rx
from ._pos import (
    _FINITE_TAGS,
    _adjacent,
    _alt_item,
    _clause_slot,
    _contraction_reading,
    _ing_clause,
    _no_noun_after,
    _np_end,
    _possessive_slot,
    _prev_tok,
)
from ._shared import _PossessiveContraction, _apostrophe, _its_clause_start, _no_finite_after
from ._words import (
    _CLAUSE_TAKERS,
    _ED_NOUNS,
    _INDEFINITE_NOUNS,
    _ING_NOUNS,
    _ITS_KEEP,
    _NOT_OWNER_AFTER_THERE,
    _NOT_PARTICIPLE_ED,
    _PARTICIPLES,
    _PREDICATE_NOUNS_POS,
    _PREPOSITIONS,
    _THERE_ADVERBS,
    _THERE_VERBS,
    _TIME_WORDS,
    _YOUR_CLAUSE_WORDS,
    _YOUR_MORE_CLAUSE_WORDS,
    _YOURE_ING_NEXT,
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
    if nxt is not None and (nxt.tag in ("RB", "RP", "VB") or nxt.text.lower() in ("forth", "out", "up", "down", "away")):
        return False  # "there burst forth the scream"
    return True


#: Verbs of staying or going before "there": "stood their a long time" (there).
_THERE_STAY_RX = (
    r"stood|stand|stands|standing|sat|sit|sits|sitting|stayed|stay|stays|staying|remain|remained|remains|remaining|"
    r"went|go|goes|gone|come|came|comes|been|lay|lying|waited|wait|waiting|lived|live|arrived|arrive|flocked|"
    r"hurried|rushed|got|get|gets"
)

#: -ing verbs after "of/for… there" where "there" is right: "of there being", "for there having been".
_THERE_ING_OK = frozenset("being having coming going seeming appearing remaining existing arising occurring".split())


@register
class TheirThere(_PossessiveContraction, _PatternRule):
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
    label = "their/there/they're"
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
        Pattern(_rx(_B + r"(?:here|then)␣and␣(their|they['’]re)" + _E), 1, "there", "'here and {r}': the place is '{r}'."),
        # "Was their some hope?", "nor was their any", "Are their any flowers"
        Pattern(_rx(_B + r"(?:is|was|are|were|isn['’]t|wasn['’]t|aren['’]t|weren['’]t)␣(their)␣(?:some|any|no|none|nothing|"
             r"anything|something|nobody|anybody|someone|anyone|plenty|several)" + _E_NOHYPHEN),
         1, "there", "'{w}' before a quantity: '{r}' (there is/was…)."),
        # "their never had been such a day", "their always was"
        Pattern(_rx(_B + r"(their)␣(?:never|always|still|once)␣(?:had|has|have|was|were|is|are|seems|seemed|came|comes|"
             r"could|would|will|can|did|does|existed|lived)" + _E),
         1, "there", "'{w}' before a verb: '{r}'."),
        # "Their now, never mind"
        Pattern(re.compile(_B + r"(Their)" + _S + r"now(?=[ \t]*[,!.])"), 1, "There", "'{w} now': '{r} now'.",
         check=lambda t, m: at_sentence_start(t, m.start())),
        # "stood their a long time", "went their and looked", "had been their together", "stay their with him"
        Pattern(_rx(_B + r"(?:" + _THERE_STAY_RX + r")␣(their)␣(?:with|in|on|at|from|to|into|till|until|before|after|since|"
             r"when|and|a|an|the|that|this|alone|together|again|all␣(?:day|night|the␣time))" + _E),
         1, "there", "'{w}' after a verb of staying or going: '{r}'.",
         check=lambda t, m: not re.match(r"[ \t]*(?:our|your|my|his|her|its|ours|yours|mine|hers|theirs)\b", t[m.end():], re.I)
         and not re.match(r"[ \t]+[\w'’]+['’]s?\b", t[m.end():]) or m.group(0).split()[-1].lower() != "and"),
        # "stood their shuffling", "sitting their waiting"
        Pattern(_rx(_B + r"(?:stood|stand|stands|standing|sat|sit|sits|sitting|stayed|stay|stays|staying|lay|lying|remained|"
             r"remain|waited|wait|waiting)␣(their)␣([a-z]{2,}ing)" + _E),
         1, "there", "'{w}' after a verb of staying: '{r}'.",
         check=lambda t, m: m.group(2).lower() not in _ING_NOUNS),
        # "the ladder was not their when", "I was their that night"
        Pattern(_rx(_B + r"(?:been|was␣not|wasn['’]t|were␣not|weren['’]t)␣(their)␣(?:when|that␣(?:night|day|morning|evening)|"
             r"for␣(?:a|an|the|some|two|three|long|years|hours|days|weeks|months|ages)|before|yesterday|today|"
             r"together|alone|again)" + _E),
         1, "there", "'{w}' after 'been': '{r}'."),
        # "their she comes", "their he goes"
        Pattern(_rx(_B + r"(their)␣(?:he|she|it|they)␣(?:comes|come|goes|go|went|came|stands|stood|lies|lay|sits|sat)" + _E),
         1, "there", "'{w}' before a pronoun: '{r}' (there she comes).",
         check=lambda t, m: _its_clause_start(t, m.start())),
        # "with a feminine appreciation of there fineness" is left to tags; "of there becoming", "for there choosing"
        Pattern(_rx(_B + r"(?:of|for|on|upon|about|at|without|against)␣(there)␣([a-z]{2,}ing)" + _E),
         1, "their", "'{w}' before a gerund after a preposition: the possessive is '{r}'.",
         check=lambda t, m: m.group(2).islower() and m.group(2).lower() not in _ING_NOUNS | _THERE_ING_OK),
        # "They ate there breakfast", "returned to there work," ("to there", "at there" are never the place)
        Pattern(_rx(_B + r"(?:ate|eat|eats|eating|eaten|finished|finishing|cooked|cooking|devoured|gulped)␣(there)␣"
             r"(?:breakfast|breakfasts|dinner|dinners|lunch|lunches|supper|suppers|tea|meal|meals)" + _E_NOHYPHEN),
         1, "their", "'{w}' points to a place; the possessive is '{r}'.",
         check=lambda t, m: m.group(1).islower()),
        Pattern(_rx(_B + r"(?:to|at|with|of|about|into|upon)␣(there)␣(?:work|business|breakfast|dinner|lunch|supper|tea|"
             r"beds|homes|school|church|money|family|families|luck|love|magic|duty|duties|lessons|games|play)"
             r"(?=[ \t]*[.,;:!?…—]|[ \t]+(?:and|or|but|with|for|in|at|on|to|again)\b)"),
         1, "their", "'{w}' points to a place; the possessive is '{r}'.",
         check=lambda t, m: m.group(1).islower() and prev_word(t, m.start()).lower() not in ("up", "over", "down", "out")),
        # "as there eyes followed Meg", "felt there hearts sink"
        Pattern(_rx(_B + r"(?:and|but|as|till|until|when|while|whilst|because|though|although|felt|closed|opened|shut|raised|"
             r"lowered|turned|fixed|rubbed|wiped|shook|clasped|folded|hung|bowed)␣(there)␣(?:eyes|hearts|faces|hands|"
             r"heads|lips|cheeks|voices|arms|shoulders|fingers|brows|minds)" + _E_NOHYPHEN),
         1, "their", "'{w}' points to a place; the possessive is '{r}'.",
         check=lambda t, m: m.group(1).islower() and prev_word(t, m.start()).lower() not in ("here", "then", "over", "up",
                                                                                         "down", "out", "in")),
        # "there mother's face", "there brother's fortune"
        Pattern(_rx(_B + r"(there)␣([a-z]+['’]s|[a-z]+s['’])(?=␣[a-z])"),
         1, "their", "'{w}' before an owner: the possessive is '{r}'.",
         check=lambda t, m: m.group(1).islower() and m.group(2)[:-2].lower().rstrip("s'’") not in _NOT_OWNER_AFTER_THERE
         and prev_word(t, m.start()).lower().replace("’", "'") not in _THERE_NP_OK_BEFORE | _THERE_ADVERB_BEFORE
         and prev_word(t, m.start()).lower() not in ("here", "and", "or", "that", "then")),
        # "when their having a good time", "while their doing it", "maybe their hunting for us"
        Pattern(_rx(_B + r"(?:when|while|whenever|maybe|perhaps|hope|what|if|because|since|until|till|unless)␣(their)␣"
             r"([a-z]{2,}ing)(?=␣(?:it|them|him|her|me|us|you|a|an|the|that|this|for|at|to|with|on|in|up|out|about|off|"
             r"down|away|around|into|over|after|like|so|too|now|here|there|all|my|your|his|our|their|themselves|"
             r"theirs)\b|[ \t]*[.,;!?—…”\"])"),
         1, "they're", "'{w}' before a verb: '{r}' (they are).",
         check=lambda t, m: (m.group(2).lower() not in _ING_NOUNS or m.group(2).lower() == "having") and m.group(1).islower()),
        # "when their thought out", "their bound to have you back", "the person their married to"
        Pattern(_rx(_B + r"(?:when|while|whenever|maybe|perhaps|hope|if|because|since|until|till|unless|person|people|one|"
             r"ones)␣(their)␣([a-z]{3,}ed|bound|found|caught|told|taken|gone|done|thought|built|made|left)"
             r"(?=␣(?:to|by|out|up|off|before|in|with|for|away|down|over|about)\b|[ \t]*[.,;!?—…”\"])"),
         1, "they're", "'{w}' before a participle: '{r}' (they are).",
         check=lambda t, m: m.group(1).islower() and m.group(2).lower() not in _ED_NOUNS
         and not m.group(2).lower().endswith("eed") and m.group(2).lower() not in ("bed", "red", "need", "hundred")),
        # "Their letting it die, all shut in", "Perhaps their growing fat on that."
        Pattern(_rx(_B + r"(their)␣([a-z]{2,}ing)␣([a-z]+)" + _E),
         1, "they're", "'{w}' before a verb: '{r}' (they are).",
         check=lambda t, m: m.group(2).lower() not in _ING_NOUNS and m.group(3).lower() in _YOURE_ING_NEXT | {
             "themselves", "theirselves"} and (clause_start(t, m.start()) or prev_word(t, m.start()).lower() in (
                 _YOUR_CLAUSE_WORDS | _YOUR_MORE_CLAUSE_WORDS)) and _no_finite_after(t, m.end(2))
         and not re.match(r"[ \t]+(?:to|into|at|in)[ \t]+[A-Z]", t[m.end(2):])),
        # "Their just like th' creatures", "Of course, their all broken", "what their after!"
        Pattern(_rx(_B + r"(their)␣(?:just␣(?:like|as|so|too|a|an|the|about|going|full)|all␣(?:broken|gone|dead|alike|right|"
             r"wrong|here|there|over|[a-z]{3,}ed)|real|after|upstairs|downstairs|pretty|wholesomer)(?=[ \t]*[.!?;…—]|[ \t]*$|"
             r"(?<=[a-z]{4})[ \t]+[a-z])"),
         1, "they're", "'{w}' before a predicate: '{r}' (they are).",
         check=lambda t, m: (_its_clause_start(t, m.start()) or prev_word(t, m.start()).lower() in _YOUR_MORE_CLAUSE_WORDS)
         and m.group(1).islower() | at_sentence_start(t, m.start())
         and (m.group(0).split()[-1].lower() not in ("real", "after", "upstairs", "downstairs", "pretty", "wholesomer")
              or re.match(r"[ \t]*[.!?;…—]|[ \t]*$", t[m.end():]))),
        # "their such beautiful shirts", "their so thin-skinned"
        Pattern(_rx(_B + r"(their)␣(?:such|so)" + _E),
         1, "they're", "'{w}' before a degree word: '{r}' (they are).",
         check=lambda t, m: _its_clause_start(t, m.start())),
        Pattern(_rx(_B + r"(there|they['’]re)␣own" + _E), 1, "their", "'{w} own': the possessive is '{r}'.",
         check=lambda t, m: prev_word(t, m.start()).lower() not in ("over", "out", "in", "from", "up", "down", "back")),
        Pattern(_rx(_B + r"(their|they['’]re)␣(?:is|are|was|were|isn['’]t|aren['’]t|wasn['’]t|weren['’]t)" + _E),
         1, "there", "'{w}' before a verb: '{r}'.",
         check=lambda t, m: not re.match(r"[\w'’]+[ \t]+[\w'’]+[ \t]*[-—]", t[m.start():])),
        Pattern(_rx(_B + r"(?:" + _PREP_RX + r"|loved|love|loves|hated|hate|hates|missed|miss|misses|yelled␣at|lost|"
             r"left|raised|hugged|kissed|told|asked)␣(there)␣(?:parents|kids|children|son|sons|daughter|daughters|"
             r"mother|father|mom|mum|dad|eyes|hands|heads|faces|shoulders|house|car|bedroom|clothes|phones|names|"
             r"lives|own|friends|place|family)" + _E_NOHYPHEN),
         1, "their", "'{w}' points to a place; the possessive is '{r}'.",
         check=lambda t, m: not re.search(r"(?i)\b(?:is|are|was|were|be|been|isn['’]t|aren['’]t|wasn['’]t|weren['’]t)\s+\S+\s*$",
                                    t[max(0, m.start() - 30) : m.start(1)])),
        Pattern(re.compile(_B + r"(There)" + _S + r"(?:parents|kids|children|sons|daughters|mother|father|mom|mum|dad|eyes|"
                    r"hands|heads|faces|shoulders|lips|gazes|voices|bodies|house|car|bedroom|clothes|own)" + _E_NOHYPHEN),
         1, "Their", "'{w}' points to a place; the possessive is '{r}'.",
         check=lambda t, m: at_sentence_start(t, m.start())),
        Pattern(_rx(_B + r"all␣(there)␣(?:parents|kids|children|sons|daughters|friends|neighbours|neighbors|eyes|hands|"
             r"heads|faces|lives|hopes|things|money|own|other|former)" + _E_NOHYPHEN),
         1, "their", "'{w}' points to a place; the possessive is '{r}'."),
        Pattern(_rx(_B + r"(their)␣(?:you|we|it|he|she|i)(?:␣(?:are|is|go|goes|was|were|am))" + _E),
         1, "there", "'{w}' before a pronoun: '{r}' (there you are).",
         check=lambda t, m: _its_clause_start(t, m.start())),
        Pattern(_rx(_B + r"(their)␣(?:could|would|should|couldn['’]t|wouldn['’]t|shouldn['’]t)␣(?:be|have|never|not)" + _E),
         1, "there", "'{w}' before a verb: '{r}'."),
        Pattern(_rx(_B + r"(?:are|were|that['’]s|what['’]s|where['’]s|here['’]s|it['’]s)␣(they['’]re)␣[a-z]+" + _E_NOHYPHEN),
         1, "their", "'{w}' is 'they are'; the possessive is '{r}'.",
         check=lambda t, m: m.group(0).split()[-1].lower() not in ("not", "so", "too", "really", "just", "very", "still", "all",
                                                              "always", "never", "both", "going", "gonna")),
        Pattern(_rx(_B + r"(they['’]re)␣(?:house|own|fault|room|rooms|eyes|hands|names|friends|way)" + _E_NOHYPHEN),
         1, "their", "'{w}' is 'they are'; the possessive is '{r}'.",
         check=lambda t, m: m.group(0).split()[-1].islower()
         and not next_word(t, m.end()).lower().endswith("ing") and next_word(t, m.end()).lower() != "down"
         and (m.group(0).split()[-1].lower() not in ("friends", "way")
              or prev_word(t, m.start()).lower() in _PREPOSITIONS)),
        Pattern(_rx(_B + r"(their)␣(?:not|gonna|going␣to␣(?:be|have|get|make|need|regret|love|hate|die|fall|lose|want|"
             r"say|tell|do|see|find|like|kill|help|take|give|know|feel|think|leave|stay|hurt|break|ask|try|miss|"
             r"win|fail|pay))" + _E),
         1, "they're", "'{w}' before a verb: '{r}' (they are).",
         check=lambda t, m: not (m.group(0).lower().endswith("not") and next_word(t, m.end()).lower().endswith("ing"))
         or _ing_ends_clause(t, m)),
        Pattern(_rx(_B + r"(their)␣(?:always|never|both|a|an|the)" + _E),
         1, "they're", "'{w}' before a verb or an article: '{r}' (they are).",
         check=lambda t, m: _its_clause_start(t, m.start()) and m.group(0).split()[-1].islower()
         and next_word(t, m.end()).lower() not in ("same", "other", "one", "ones")),
        Pattern(_rx(_B + r"(?:when|while|whenever|if|because|once|until|till|unless|since)␣(their)␣(?:out|around|in|home|"
             r"away|back|gone|off|up|down|here|there|done|finished|ready|asleep|awake|alone|together|inside|outside)"
             r"(?=[ \t]*[.,!?;…—\"”]|[ \t]*$|[ \t]+(?:and|but|or|now|again|already)\b)"),
         1, "they're", "'{w}' before an adverb: '{r}' (they are).",
         check=lambda t, m: m.group(1).islower()),
        Pattern(_rx(_B + r"(their)␣(?:beautiful|gorgeous|amazing|wonderful|awesome|adorable|cute|crazy|insane|ridiculous|"
             r"pathetic|stupid|late|early|sick|drunk|lying|kidding|joking|sorry|sure|lucky|mad|fine|okay|annoying|"
             r"tired|scared|afraid|busy|gone|here|dead|alive|right|wrong|safe|ready|done)(?=[ \t]*[.!?;…—]|[ \t]*$)"),
         1, "they're", "'{w}' before an adjective: '{r}' (they are).",
         check=lambda t, m: _its_clause_start(t, m.start())),
    )
