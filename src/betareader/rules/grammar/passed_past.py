"""GRM015 passed-past: `passed` (the verb) for `past` (beyond, ago).

The rule's documentation is its class docstring (``betareader explain GRM015``)."""

from __future__ import annotations

import re

from ...model.words import cased, next_char, next_word, prev_word
from ..base import register
from ._base import _B, _E, _E_NOHYPHEN, Pattern, _PatternRule, _rx
from ._pos import _adjacent, _prev_tok

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
    label = "passed/past"
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
        Pattern(_rx(_B + _MOVE + r"(?:␣(?:right|straight|just|quickly|slowly|silently|quietly))?␣(passed)␣"
             r"(?:him|her|them|me|us|it|the|his|her|my|your|their|our|a|an|each|everyone|everybody|"
             r"(?-i:[A-Z][a-z]+))" + _E),
         1, "past", "'{w}' is the verb; 'beyond' is '{r}'.",
         check=lambda t, m: not re.match(r"(?i)(?:got|get|gets|getting)\b", m.group(0))
         or next_word(t, m.end(1)).lower() in ("him", "her", "them", "me", "us", "it")
         and next_char(t, m.end()) in (".", ",", "!", "?", ";", "…", "—", "")),
        Pattern(_rx(_B + r"(?:" + _GO + r")␣(passed)(?=[ \t]*[,;!?…—]|[ \t]+(?:less|at|about)\b)"),
         1, "past", "'{w}' is the verb; 'beyond' is '{r}'.",
         # not two verbs of two clauses: "the days that came passed, one by one"
         check=lambda t, m: prev_word(t, m.start()).lower() not in ("that", "which", "who", "whom", "whoever", "what",
                                                              "and", "or", "had", "have", "has")
         and m.group(0).split()[0].lower() not in ("came", "come")),
        Pattern(_rx(_B + r"in␣the␣(passed)" + _E), 1, "past", "'In the {r}' (earlier times)."),
        Pattern(_rx(_B + r"(?:of|to|from|about|in|regretted|forget|forgot|forgotten|remember|remembered|bury|buried)␣the␣"
             r"(passed)(?=[ \t]*[.,;!?…—])"), 1, "past", "'The {r}' (earlier times)."),
        Pattern(_rx(_B + r"(?:the|these|this)␣(passed)␣(?:few|couple|week|weeks|month|months|year|years|day|days|hour|"
             r"hours|minute|minutes|night|nights|decade|decades|century|fortnight)" + _E),
         1, "past", "'The {r} week' (the one before now)."),
        Pattern(_rx(_B + r"(?:half|quarter|ten|five|twenty)␣(passed)␣(?:one|two|three|four|five|six|seven|eight|nine|ten|"
             r"eleven|twelve|midnight|noon|\d{1,2})" + _E),
         1, "past", "Telling the time: '{r}'."),
    )
