"""GRM014 breath-breathe: `breath` (the noun) for `breathe` (the verb), and the other way round.

The rule's documentation is its class docstring (``betareader explain GRM014``)."""

from __future__ import annotations

import re

from ...model.words import cased, next_char, next_word, prev_word
from ..base import register
from ._base import _B, _E_NOHYPHEN, Pattern, _PatternRule, _rx
from ._pos import _prev_tok
from ._words import _MODALS, _POSS, _SUBJECT_PRONOUNS

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
    label = "breath/breathe"
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
        Pattern(_rx(_B + r"(?:to|can|can['’]t|cannot|could|couldn['’]t|would|wouldn['’]t|will|won['’]t|should|"
             r"shouldn['’]t|must|might|don['’]t|didn['’]t|doesn['’]t|['’]ll|(?:let|letting|lets)␣(?:me|him|her|us|them)|"
             r"(?:help|helped|helping|make|made|makes|making)␣(?:me|him|her|us|them))"
             r"(?:␣(?:barely|hardly|even|not|just|still|finally|properly|easily|really|only|no␣longer|"
             r"scarcely|quite|almost|normally|again))?␣(breath)(?![\w'’-])"),
         1, "breathe", "'{w}' is the noun; the verb is '{r}'.",
         check=lambda t, m: not re.search(r"(?i)\b(?:from|one)\s+breath\s+to\s+breath\b",
                                    t[max(0, m.start() - 30) : m.end()])
         and next_word(t, m.end()).lower() not in ("of", "mints", "mint", "test", "away")),
        Pattern(_rx(_B + r"(?:can|could|will|would|should|do|did|does|may|must|might|can['’]t|couldn['’]t|won['’]t|"
             r"wouldn['’]t|don['’]t|didn['’]t|doesn['’]t)␣(?:i|you|he|she|we|they|it)(?:␣(?:still|even|not|just|"
             r"really))?␣(breath)(?=[ \t]*(?:[.!?,;…]|$|again\b|properly\b|normally\b|now\b|underwater\b|in\b|out\b))"),
         1, "breathe", "'{w}' is the noun; the verb is '{r}'."),
        Pattern(_rx(_B + r"(?:under|for|of|out␣of|catch|caught|catching|with␣bated|with␣baited|bated|baited|"
             r"my|his|their|your|our|its|one['’]s)␣(breathe)(?![\w'’-])"),
         1, "breath", "'{w}' is the verb; the noun is '{r}'.",
         check=lambda t, m: not re.match(r"(?i)(?:for|of)\b", m.group(0)) or next_char(t, m.end(1)) in (".", ",", "!", "?", ";", "—", "…", "")),
        Pattern(_rx(_B + r"(?:a|another|deep|deeper|shaky|shaking|shuddering|sharp|ragged|steadying|calming|"
             r"last|first|single|long|slow|quick|shallow|held|(?:hold|held|holding|holds|catch|caught|catching|"
             r"catches)␣(?:my|his|her|their|your|our|its))␣(breathe)(?![\w'’-])"),
         1, "breath", "'{w}' is the verb; the noun is '{r}'."),
        Pattern(_rx(_B + r"(?:got|get|gets|getting|find|finding|found|finds|draw|drew|drawn|drawing|recover|recovered|"
             r"recovering|regain|regained|took|take|takes|taking|taken|blew|lost|lose|losing|catch|caught|held|hold|"
             r"holding|save|saved|waste|wasted)␣(?:" + _POSS + r"|the␣[a-z]+)␣(breathe)(?![\w'’-])"),
         1, "breath", "'{w}' is the verb; the noun is '{r}'."),
        Pattern(_rx(_B + r"(?:did|do|does)␣(?:not|never)␣(breath)(?![\w'’-])"),
         1, "breathe", "'{w}' is the noun; the verb is '{r}'."),
        # an owner before it: "Jo's breathe gave out", "The boys' breathe forsook them" (not "Let's breathe")
        Pattern(_rx(r"(?<=[^\W\d_])(?:['’]s|(?<=s)['’])␣(breathe)(?![\w'’-])"),
         1, "breath", "'{w}' is the verb; the noun is '{r}'.",
         check=lambda t, m: prev_word(t, m.start()).lower() not in (
             "let", "he", "she", "it", "that", "what", "who", "there", "here", "where", "how", "one", "everyone",
             "everybody", "nobody", "somebody", "someone", "no one")),
        # "want of breathe", "gasping for breathe at one and the same time", "took in more breathe"
        Pattern(_rx(_B + r"(?:(?:want|lack|shortness|loss|waste|short|puff|gasp|catch|out)␣of|(?:gasping|gasped|gasp|gasps|"
             r"panting|panted|struggling|struggled|fighting|fought)␣for|(?:finding|find|finds|found|forcing|forced|"
             r"wasted|wasting|took␣in|take␣in|taking␣in|drew␣in|draw␣in|drawing␣in|had|has|have|having)"
             r"(?:␣(?:more|some|no|little|enough|a␣little))?)␣(breathe)(?![\w'’-])"),
         1, "breath", "'{w}' is the verb; the noun is '{r}'.",
         check=lambda t, m: not re.match(r"(?i)(?:had|has|have|having)\b", m.group(0))
         or len(m.group(0).split()) > 2 and next_word(t, m.end()).lower() not in ("and", "in", "out")),
    )
