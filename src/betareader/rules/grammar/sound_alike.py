"""GRM020 sound-alike: a real word that sounds like the one meant, in a context that shows which was meant.

The rule's documentation is its class docstring (``betareader explain GRM020``)."""

from __future__ import annotations

import re

from ...model.words import cased, prev_word
from ..base import register
from ._base import _B, _E, _S, Pattern, _PatternRule, _rx

#: words after which "later" is an adjective or "latter" a noun: "the latter", "his latter years"
_LATTER_OK = frozenset("the this these those a his her their its my your our whose".split())


def _not_after_determiner(text: str, m: re.Match) -> bool:
    w = prev_word(text, m.start(1))
    return w is None or w.lower() not in _LATTER_OK


def _sub(old: str, new: str):
    """A replacement that swaps the stem ``old`` for ``new`` and keeps the ending and the case."""
    return lambda m: cased(m.group(1), new + m.group(1)[len(old):])


def _sentence_start(text: str, m: re.Match) -> bool:
    """The match opens a sentence or a line of speech (the "Were is she?" reading)."""
    i = m.start(1)
    j = i
    while j > 0 and text[j - 1] in " \t*_":
        j -= 1
    return j == 0 or text[j - 1] in ".!?\"“‘\n…—"


@register
class SoundAlike(_PatternRule):
    """A real word that sounds like the one meant, where the words around it show which was meant.

    ## What it does
    A speller passes these, because each is a word; the context gives them away:

    - `caught site of`, `out of site`, `at first site` (sight);
    - `they where`, `we where`, `you where going`, `both where tired` (were); `gave into
      temptation` (gave in to); `Were is she?`, `Were did you go?`
      (where); `they we're` (were);
    - `could barley`, `had barley moved` (barely);
    - `starred at him`, `starred into the fire`, `starred blankly` (stared);
    - `see you latter`, `years latter`, `latter that day`, not after `the`/`his` (later);
    - `came form the`, `away form his` (from);
    - `a women`, `every women` (woman); `two woman`, `those woman` (women);
    - `weather or not`, `wondered weather he` (whether);
    - `, even thought he` (even though);
    - `she through open the door`, `he through up` (threw);
    - `can't bare to`, `bare with me`, `bare in mind` (bear);
    - `role her eyes` (roll); `piece of mind`, `rest in piece` (peace); `a peace of cake` (piece);
    - `waist of time` (waste); `around her waste` (waist); `the hole time` (whole);
    - `brand knew` (new); `not aloud to` (allowed); `I wonder`/`wondered if` written `wander`;
    - `fell quite.`, `be quite!`, `quite down` (quiet); `quiet a few`, `quiet sure` (quite);
    - `creeked`, `the floorboards creek` (creak); `everyday.`, `everyday of my life` (every day).

    Not flagged: `the latter in the list`, `the site of the crash`, `on site`, `starred in a
    film`, `barley was harvested`, `She even thought he was kind`, `Not quite.`, `an
    everyday task`, `a peace of sorts`.

    ## Why it matters
    These are the mistakes a spelling checker cannot see and a reader cannot miss: the
    sentence says something else (`she caught site of him`), and it pulls the reader out.

    ## Example
    `She caught site of him and starred at him, barley breathing.` becomes
    `She caught sight of him and stared at him, barely breathing.`

    ## Fix safety
    Safe: only the word changes, in the same case; every pattern has a context that the other
    word cannot have.
    """

    code = "GRM020"
    name = "sound-alike"
    label = "sound-alike words"
    needles = (
        "site", "where", "were", "into", "we're", "we’re", "barley", "starr", "latter", "form", "wom", "weather",
        "thought", "through", "bare", "role", "piece", "peace", "waist", "waste", "hole", "knew", "aloud",
        "wander", "quite", "quiet", "creek", "everyday",
    )

    patterns = (
        # sight
        Pattern(_rx(_B + r"(?:catch|catches|caught|catching|lost|lose|loses|losing)␣(site)␣of" + _E), 1, "sight",
                "To see is '{r}': '{w}' is a place.", needle='site of'),
        Pattern(_rx(_B + r"(?:out␣of|at␣first|in␣plain|came␣into|come␣into|comes␣into|coming␣into)␣(site)" + _E),
                1, "sight", "To see is '{r}': '{w}' is a place.", needle=('of site', 'first site', 'into site', 'plain site')),
        # were / where
        Pattern(_rx(_B + r"(?:they|we)␣(where)(?!\w|[ \t]*[?,])"), 1, "were", "After '{w}' the verb is '{r}'.", needle=('they where', 'we where')),
        # `gave into temptation`: the verb is `give in` and its object comes with `to`
        Pattern(_rx(_B + r"(?:give|gives|gave|giving)␣(into)␣(?:(?:his|her|their|my|your|our|the)␣)?(?:temptation|"
                    r"pressure|despair|fears?|demands?|needs?|urges?|desires?|impulses?|cravings?|instincts?|"
                    r"anger|rage|exhaustion|sleep|tears|panic|grief|lust|curiosity)" + _E), 1, "in to",
                "'Give in' takes 'to' apart: '{r}', not '{w}'.", needle=('give into', 'gives into', 'gave into',
                                                                          'giving into', 'given into')),
        # `Both where tired`: `both` as the subject, and a word after that no place clause opens with
        Pattern(_rx(_B + r"(?:both|all|these|those)␣(where)␣(?:not|so|too|very|always|never|just|still|all|"
                    r"semi-[a-z]+|[a-z]+ing|[a-z]+ed)" + _E), 1, "were", "Here the verb is '{r}', not the place word '{w}'.",
                needle=('both where', 'all where', 'these where', 'those where')),
        Pattern(_rx(_B + r"you␣(where)␣(?:not|so|too|very|always|never|just|supposed|right|wrong|going|doing|"
                         r"saying|talking|thinking|trying|still|already|both|all)" + _E),
                1, "were", "After 'you' the verb is '{r}'.", needle='you where'),
        Pattern(_rx(_B + r"(were)␣(?:is|are|did|does|do|have␣you|has|will|would|can|could|should)␣"
                         r"(?:you|he|she|it|they|we|I|the|my|your|his|her|our|their|this|that|everyone)" + _E),
                1, "where", "A question about a place opens with '{r}'.", check=_sentence_start, needle=('were is', 'were are', 'were did', 'were does', 'were do ', 'were have', 'were has', 'were will', 'were would', 'were can', 'were could', 'were should')),
        Pattern(_rx(_B + r"(?:he|she|they|you|I)␣(we're|we’re)" + _E), 1, lambda m: cased(m.group(1), "were"),
                "'{w}' is 'we are'; the past of 'be' is 'were'.", needle=("we're", 'we’re')),
        # barely
        Pattern(_rx(_B + r"(?:could|couldn't|couldn’t|can|can't|can’t|would|did|'d|’d)␣(barley)" + _E), 1, "barely",
                "'{w}' is a grain; 'only just' is '{r}'.", needle='barley'),
        Pattern(_rx(_B + r"(?:had|has|have|was|were|is|are|am|I|he|she|they|we|you|it)␣(barley)␣"
                         r"(?:[a-z]+ed|[a-z]+en|able|audible|visible|above|enough|any|even|there|made|got|felt|"
                         r"heard|saw|slept|kept|left|held|met|begun|seen|done|knew|moved|a|an|more|over|out)" + _E),
                1, "barely", "'{w}' is a grain; 'only just' is '{r}'.", needle='barley'),
        Pattern(_rx(_B + r"(barley)␣(?:able|audible|visible|above|enough|noticeable|awake|conscious|breathing|"
                         r"there|even|touched|managed|registered|noticed|holding|keeping|contained|suppressed)" + _E),
                1, "barely", "'{w}' is a grain; 'only just' is '{r}'.", needle='barley'),
        # stared
        Pattern(_rx(_B + r"(starred|starring)␣(?:into|back␣at|blankly|intently|down␣at|up␣at|wide-eyed|"
                         r"at␣(?:him|her|me|them|it|us|you|each|one␣another|nothing|his|my|their|our|your))" + _E),
                1, lambda m: cased(m.group(1), "stared" if m.group(1).lower().endswith("ed") else "staring"),
                "To look hard is to stare ('{r}'); '{w}' is about stars.", needle='starr'),
        # later
        Pattern(_rx(_B + r"(?:see␣you|talk␣to␣you|catch␣you|talk|sooner␣or|years|days|hours|minutes|moments|"
                         r"weeks|months|seconds|decades|centuries|while|little|bit|much|not␣long|until|till|til)␣"
                         r"(latter)" + _E),
                1, "later", "After a time, the word is '{r}'; '{w}' is the second of two.", needle='latter'),
        Pattern(_rx(_B + r"(latter)␣(?:in␣the␣(?:day|evening|night|morning|afternoon|week)|on␣(?:that|this|in)|"
                         r"that␣(?:day|night|evening|morning|afternoon|week)|tonight|today|this␣(?:week|evening|"
                         r"afternoon|morning|year))" + _E),
                1, "later", "After a time, the word is '{r}'; '{w}' is the second of two.",
                check=_not_after_determiner, needle='latter'),
        # from
        Pattern(_rx(_B + r"(?:away|far|apart|came|come|comes|coming|awoke|awoken|woke|woken|fled|aside|miles|"
                         r"inches|feet|escaped|removed|heard|returned|emerged|down)␣(form)␣"
                         r"(?:the|his|her|my|their|your|our|its|him|them|me|us|behind|under|above|inside|outside|"
                         r"there|here)" + _E),
                1, "from", "'{w}' is a shape; the preposition is '{r}'.", needle='form '),
        # woman / women
        Pattern(_rx(_B + r"(?:a|an|one|each|every|another|this)␣(women)" + _E), 1, "woman",
                "One person is a '{r}'.", needle=('a women', 'an women', 'one women', 'each women', 'every women', 'another women', 'this women')),
        Pattern(_rx(_B + r"(?:these|those|two|three|four|five|six|seven|eight|nine|ten|several|many|few|both)␣"
                         r"(woman)" + _E), 1, "women", "More than one is '{r}'.", needle=('se woman', 'two woman', 'three woman', 'four woman', 'five woman', 'six woman', 'seven woman', 'eight woman', 'nine woman', 'ten woman', 'several woman', 'many woman', 'few woman', 'both woman')),
        # whether
        Pattern(_rx(_B + r"(weather)␣or␣not" + _E), 1, "whether", "'{w}' is rain and sun; 'if' is '{r}'.", needle='weather or not'),
        Pattern(_rx(_B + r"(?:wonder|wondered|wondering|unsure|uncertain|decide|decided|deciding|asked|asking|"
                         r"doubt|doubted)␣(weather)␣(?:he|she|they|I|we|you|it|to|or)" + _E),
                1, "whether", "'{w}' is rain and sun; 'if' is '{r}'.", needle=('weather he', 'weather she', 'weather they', 'weather i', 'weather we', 'weather you', 'weather it', 'weather to', 'weather or')),
        # even though
        Pattern(re.compile(r"(?:(?<=[,;:—–.!?\"“])|^)[ \t]*[*_]{0,2}(?:even|Even)" + _S + r"(thought)" + _S +
                           r"(?:he|she|I|they|we|you|it|the|his|her|my|their|our|there|this|that)" + _E),
                1, "though", "'Even {r}' (although); '{w}' is thinking.", needle='even thought'),
        # threw
        Pattern(_rx(_B + r"(?:he|she|I|they|we)␣(through)␣(?:open|up|down|away|back|off|out|herself|himself|"
                         r"themselves|myself|yourself|a|an|them|him|me)" + _E),
                1, "threw", "The past of 'throw' is '{r}'.", needle=('he through', 'she through', 'i through', 'they through', 'we through')),
        # bear
        Pattern(_rx(_B + r"(?:can't|can’t|cannot|can␣not|couldn't|couldn’t|could␣not|not)␣(bare)␣"
                         r"(?:to|it|this|that|him|her|them|you|me|seeing|looking|being|hearing|thinking|the␣thought)" + _E),
                1, "bear", "To endure is to '{r}'; '{w}' is uncovered.", needle='bare '),
        Pattern(_rx(_B + r"(bare)␣(?:with␣me|with␣us|in␣mind|the␣brunt)" + _E), 1, "bear",
                "To endure is to '{r}'; '{w}' is uncovered.", needle=('bare with', 'bare in mind', 'bare the brunt')),
        # roll
        Pattern(_rx(_B + r"(role|roles|roled|roling)␣(?:her|his|my|their|your|our)␣eyes" + _E), 1,
                lambda m: cased(m.group(1), {"role": "roll", "roles": "rolls", "roled": "rolled",
                                             "roling": "rolling"}[m.group(1).lower()]),
                "Eyes roll ('{r}'); a '{w}' is a part played.", needle=('role ', 'roles ', 'roled ', 'roling ')),
        # peace / piece
        Pattern(_rx(_B + r"(piece)␣of␣mind" + _E), 1, "peace", "Calm is '{r} of mind'.", needle='piece of mind'),
        Pattern(_rx(_B + r"rest␣in␣(piece|pieces)" + _E), 1, "peace", "'Rest in {r}'.", needle='in piece'),
        Pattern(_rx(_B + r"(peace|peaces)␣of␣(?:cake|work|paper|advice|shit|crap|junk|furniture|evidence|information|"
                         r"bread|pie|meat|cloth|jewelry|jewellery|metal|wood|glass|art|music|equipment|the␣puzzle|"
                         r"chocolate|candy|toast|gum|tape|string|fabric|parchment)" + _E),
                1, lambda m: cased(m.group(1), "piece" + m.group(1)[5:]), "A part is a '{r}'; '{w}' is calm.", needle=('peace of', 'peaces of')),
        # waste / waist
        Pattern(_rx(_B + r"(waist)␣of␣(?:time|money|energy|space|effort|breath|talent|resources|food|a␣good)" + _E),
                1, "waste", "Squandering is a '{r}'; the '{w}' is the middle of the body.", needle='waist of'),
        Pattern(_rx(_B + r"(?:around|round|encircled|circled|hugged|gripped|grabbed|about)␣(?:her|his|my|their|your|"
                         r"the)␣(waste)" + _E),
                1, "waist", "The middle of the body is the '{r}'.", needle='waste'),
        # whole
        Pattern(_rx(_B + r"the␣(hole)␣(?:time|day|night|thing|world|week|year|school|family|team|life|story|point|"
                         r"town|village|city|country|class|body|situation|ordeal|evening|morning|afternoon)" + _E),
                1, "whole", "All of it is the '{r}'; a '{w}' is a gap.", needle='the hole '),
        # new, allowed, wonder
        Pattern(_rx(_B + r"brand␣(knew)" + _E), 1, "new", "'Brand {r}'; '{w}' is the past of 'know'.", needle='brand knew'),
        Pattern(_rx(_B + r"(?:not|n't|n’t|be|been|being|were|was|is|are|am|never|weren't|wasn't|isn't|aren't)␣"
                         r"(aloud)␣(?:to|in|here|there)" + _E),
                1, "allowed", "Permitted is '{r}'; '{w}' is out loud.", needle='aloud'),
        Pattern(_rx(_B + r"(?:I|we|you|they|he|she|to|just|can't|can’t|only|always|often|still|began␣to|started␣to)␣"
                         r"(wander|wanders|wandered|wandering)␣(?:if|whether|why|how|who)" + _E),
                1, lambda m: cased(m.group(1), "wonder" + m.group(1)[6:]), "To ask oneself is to '{r}'.", needle='wander'),
        Pattern(_rx(_B + r"(wandered|wandering)␣(?:if|whether)" + _E),
                1, lambda m: cased(m.group(1), "wonder" + m.group(1)[6:]), "To ask oneself is to '{r}'.", needle='wander'),
        # quiet / quite
        Pattern(_rx(_B + r"(?:fell|fall|falls|falling|went|go|goes|going|grew|grow|be|stay|stayed|stays|staying|kept|"
                         r"keep|remained|remain|been|very|so|too|perfectly|completely|deathly|dead|all|keep␣it|"
                         r"keep␣them|kept␣it)␣(quite)(?=[*_]{0,2}[ \t]*(?:[.,!?;]|[\"”’]))"),
                1, "quiet", "Silent is '{r}'; '{w}' means 'rather'.", needle=('quite.', 'quite,', 'quite!', 'quite?', 'quite;', 'quite"', 'quite”', 'quite’', 'quite*', 'quite_')),
        Pattern(_rx(_B + r"(?:to|please|must|should|will|'ll|’ll|everyone|everybody|you|just|can|could|would|now|and)␣"
                         r"(quite)␣down" + _E), 1, "quiet", "Silent is '{r}'; '{w}' means 'rather'.", needle='quite down'),
        Pattern(_rx(_B + r"(quiet)␣(?:a␣(?:few|lot|bit|while|lot)|sure|certain|possibly|literally|frankly|obviously|"
                         r"often|likely|easily|honestly|clearly)" + _E),
                1, "quite", "'Rather' is '{r}'; '{w}' is silent.", needle='quiet '),
        # creak
        Pattern(_rx(_B + r"(creeked|creeking)" + _E), 1, _sub("cree", "crea"),
                "A noise is a creak ('{r}'); a '{w}' is a stream.", needle='creek'),
        Pattern(_rx(_B + r"(?:floor|door|stair|stairs|floorboard|floorboards|hinge|hinges|house|bed|chair|step|steps|"
                         r"boards|board|gate|ship|timbers|branches|joints|knees|wood|springs|mattress|roof)␣"
                         r"(creek|creeks)" + _E),
                1, lambda m: cased(m.group(1), "creak" + m.group(1)[5:]),
                "A noise is a creak ('{r}'); a '{w}' is a stream.", needle='creek'),
        # every day
        Pattern(_rx(_B + r"(everyday)(?=[*_]{0,2}[ \t]*[.!?;]|␣(?:for|since|until|till|after|before|and␣night|of␣"
                         r"(?:my|his|her|their|our|your|the)|at)" + _E + r")"),
                1, "every day", "Each day is two words, '{r}'; '{w}' is an adjective (an everyday task).", needle='everyday'),
    )
