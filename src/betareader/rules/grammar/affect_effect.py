"""GRM012 affect-effect: `affect` for the noun `effect`, and `effect` for the verb `affect`.

The rule's documentation is its class docstring (``betareader explain GRM012``)."""

from __future__ import annotations

import re

from ...model.words import at_sentence_start, cased, next_char, next_word, prev_word
from ..base import register
from ._base import _B, _E, _E_NOHYPHEN, Pattern, _PatternRule, _rx
from ._pos import _np_end, _prev_tok
from ._words import _VERB_CONTEXT

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
    label = "affect/effect"
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
        Pattern(_rx(_B + r"(?:to|of)␣(?:that|this)(?:␣very)?␣(affect)(?=[ \t]*[.,;:!?—–-]|[ \t]*$)"),
         1, "effect", "'To that {r}' (the result, the meaning)."),
        Pattern(_rx(_B + r"(?:so|very|too|more|most|visibly|strongly|sorely|deeply|much|greatly|powerfully)␣(effected|effecting)"
             + _E),
         1, lambda m: cased(m.group(1), "a" + m.group(1)[1:].lower()),
         "'{w}' means brought about; moved or influenced is '{r}'.",
         check=lambda t, m: m.group(1).lower() == "effected" or next_char(t, m.end(1)) in (".", ",", "!", "?", ";", "—", "")
         or next_word(t, m.end(1)).lower() in ("to", "and", "but")),
        Pattern(_rx(_B + r"(effected|effecting)␣(?:an?␣)?(?:indifference|incredulity|unconcern|carelessness|nonchalance|"
             r"gaiety|cheerfulness|composure|disdain|contempt|boredom|innocence|modesty|humility|coldness|high␣spirits|"
             r"ignorance|surprise|astonishment|amusement)" + _E),
         1, lambda m: cased(m.group(1), "a" + m.group(1)[1:].lower()),
         "To pretend (a feeling) is to '{r}' it."),
        Pattern(_rx(_B + r"(?:it|that|this|which)(?:␣(?:all|really|only|also|never|always|deeply))?␣(effects)␣"
             r"(?:me|you|him|her|us|them|everyone|everybody)" + _E),
         1, "affects", "'{w}' means brings about; influences is '{r}'."),
        Pattern(_rx(_B + r"side[ \t-](affects?)" + _E), 1, lambda m: cased(m.group(1), "e" + m.group(1)[1:].lower()),
         "'Side {w}': the noun is '{r}'."),
        Pattern(_rx(_B + r"(?:take|takes|took|taken|taking|into|no|desired|opposite|same|immediate|full|lasting|calming|"
             r"soothing|cause␣and)␣(affects?)" + _E),
         1, lambda m: cased(m.group(1), "e" + m.group(1)[1:].lower()), "The noun is '{r}' (the result).",
         check=lambda t, m: not re.match(r"(?i)(?:no|full|same|immediate|lasting|opposite|desired)\b", m.group(0))
         or prev_word(t, m.start()).lower() in ("to", "the", "an", "a", "with", "of", "had", "have", "has", "in", "into", "no")),
        Pattern(_rx(_B + r"(?:an|any|some|the|big|huge|great|strong|real|profound|negative|positive|primary|main|major|"
             r"direct|adverse|significant|little|much|lasting|no|same|biggest|greatest|very)␣(affect)␣on" + _E),
         1, lambda m: cased(m.group(1), "effect"), "'{w} on' is the noun: '{r} on'."),
        Pattern(_rx(_B + _VERB_CONTEXT.replace("|i|you|we|they", "|it|that|this") + r"(?:␣(?:not|really|even|badly|seriously))?␣"
             r"(effect|effects|effected)␣(?:me|him|them|us|you|anyone|anybody|everyone)" + _E),
         1, lambda m: cased(m.group(1), "a" + m.group(1)[1:].lower()), "'{w}' means to bring about; 'to influence' is '{r}'."),
        Pattern(_rx(_B + r"(effect|effects|effected|effecting)␣(?:me|him|them|us)" + _E),
         1, lambda m: cased(m.group(1), "a" + m.group(1)[1:].lower()), "'{w}' means to bring about; 'to influence' is '{r}'."),
        Pattern(_rx(_B + r"(?:had|have|has|having)␣(?:an|the|no|any|some|a␣(?:big|huge|great|strong|real|profound|negative|"
             r"positive|lasting|calming|soothing|strange|similar|different))␣(?:\w+␣)?(affect)␣(?:on|of|upon)" + _E),
         1, lambda m: cased(m.group(1), "effect"), "The noun is '{r}' (the result)."),
        Pattern(_rx(_B + r"the␣(affect)␣of" + _E), 1, lambda m: cased(m.group(1), "effect"), "The noun is '{r}' (the result).",
         check=lambda t, m: prev_word(t, m.start()).lower() in ("had", "has", "have", "with", "for", "to", "was", "is", "and", "of")),
        # what one brings about: "to affect a rescue", "affected a reconciliation" (effect)
        Pattern(_rx(_B + r"(affect|affects|affected|affecting)␣(?:a|an|some|such␣a)␣(?:rescue|reconciliation|escape|cure|"
             r"compromise|entrance|entry|transformation|recovery|settlement|junction|landing|retreat|capture|"
             r"exchange|release|repair|repairs|alteration|reform|breach|passage|crossing|transfer|withdrawal|"
             r"merger|truce|sale|purchase|arrest)" + _E),
         1, lambda m: cased(m.group(1), "e" + m.group(1)[1:].lower()),
         "To bring about (a rescue, a change) is to '{r}' it; 'affect' means to influence."),
        # a person is affected, a change is effected: "she had been effected much the same way"
        Pattern(_rx(_B + r"(?:i|he|she|we|you|spirits|feelings|nerves|sensibilities)␣(?:(?:had|has|have|would␣have|must␣have)"
             r"␣been|was|were|is|are|am|be|been|being|became|become|seemed)(?:␣(?:not|much|so|very|quite|visibly|"
             r"evidently|really|also|equally|more|less|most|little|too))?␣(effected)" + _E),
         1, "affected", "'{w}' means brought about; 'influenced' is '{r}'.",
         check=lambda t, m: not m.group(0).split()[0][:1].isupper() or at_sentence_start(t, m.start())
         or m.group(0).split()[0] == "I"),
        Pattern(_rx(_B + r"(?:it|that|this)␣(effects|effected)␣(?:me|him|them|us|you)" + _E),
         1, lambda m: cased(m.group(1), "a" + m.group(1)[1:].lower()), "'{w}' means to bring about; 'to influence' is '{r}'."),
        Pattern(_rx(_B + r"(?:badly|deeply|greatly|negatively|adversely|severely|profoundly|strongly|seriously|visibly|"
             r"materially|differently|particularly|personally|directly|emotionally|considerably|slightly|"
             r"in␣the␣least|so␣much|very␣much|most|less|least)␣"
             r"(effected)" + _E),
         1, "affected", "'{w}' means brought about; 'influenced' is '{r}'."),
    )
