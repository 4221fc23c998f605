"""GRM009 lose-loose: `loose` for `lose`, and `lose` for `loose`.

The rule's documentation is its class docstring (``betareader explain GRM009``)."""

from __future__ import annotations

import re

from ...model.words import next_word, prev_word
from ..base import register
from ._base import _B, _E, _E_NOHYPHEN, Pattern, _PatternRule, _rx
from ._words import _POSS, _VERB_CONTEXT

#: What one looses (sets free): "loose his grip", "loosed her hair", "loose the hounds".
_RELEASED = frozenset(
    "grip hold hair tongue bonds chains belt arrow arrows bow dogs hounds horse horses reins shackles "
    "fetters rope ropes knot knots collar tie laces leash hand hands fingers arms wolves bolt bolts "
    "magic power fury wrath rage anger breath laughter grasp curls braid braids".split()
)


@register
class LoseLoose(_PatternRule):
    """`loose` for `lose`, and `lose` for `loose`.

    ## What it does
    Flags `loose` used as the verb *lose* where the object settles it (`to loose track`,
    `can't loose hope`, `I'll loose my mind`, `can't loose you`, `no time to loose`,
    `loosing control`, `a loosing streak`, `not loose an instant`, `they loose faith`, `to
    loose a friend`, `what they loose;`, `too good to loose.`), `loose` before what one can
    only lose, never set free (`loose his temper`, `loose her reason`, `loose faith`, `loose
    themselves`), `sorry to loose him`; and `lose` where only the
    adjective *loose* fits (`break lose`, `cut lose`, `let lose`, `came lose`, `on the lose`,
    `hanging lose.`, `wandering around lose?`, `a lose braid`, `the top being lose,`, `gave
    lose to tears`, `turn them lose`, `shake 'em lose.`, `One of them's lose,`).

    Not flagged: the verb *loose* (to release: `loose an arrow`, `loosed his grip`,
    `loose the hounds`, `loosed himself from`), any object not in the list, `let them lose`,
    `Let's lose.`

    ## Why it matters
    `Lose` (to misplace, to fail to win) and `loose` (not tight, set free) are different
    words; the swap is one of the most common in fan fiction and spell-checkers can't see it.

    ## Example
    `She didn't want to loose track of him. The horse broke lose.` becomes
    `She didn't want to lose track of him. The horse broke loose.`

    ## Fix safety
    Safe: only the word changes.
    """

    code = "GRM009"
    name = "lose-loose"
    label = "lose/loose"
    needles = ("loos", "lose")

    _OBJ = (
        r"(?:track|sight|control|hope|weight|interest|touch|face|consciousness|count|patience|focus|sleep|heart|"
        r"faith|everything|anything|something|nothing|"
        + _POSS + r"␣(?:mind|minds|temper|job|jobs|life|lives|way|cool|nerve|balance|patience|virginity|head|"
        r"shit|marbles|wallet|keys|phone|ring|memory|memories|sanity|edge|touch|focus|train|friends?|family|"
        r"child|children|baby|son|daughter|wife|husband|mother|father|home|house|chance|bet|appetite|voice))"
    )
    patterns = (
        Pattern(_rx(_B + _VERB_CONTEXT + r"(?:␣(?:not|never|ever|even|just|really|completely|totally|all|always|often|"
             r"usually|sometimes|easily|also|finally|slowly|quickly|probably|already|still))?␣(loose)␣"
             r"(?:" + _OBJ + r"|(?:" + _POSS + r"|this|that|the)␣(?:job|game|war|battle|fight|match|bet|chance|"
             r"opportunity|race|argument|case|election|password|key|keys|ring|phone|wallet|money|weight|baby|"
             r"passport|license|licence|ticket|tickets|way|trail|signal|connection|lead|advantage|contest|vote|"
             r"deal|house|farm|business|shop|company)|so␣much|it␣all|all)" + _E),
         1, "lose", "'{w}' means not tight or set free; the verb is '{r}'."),
        Pattern(_rx(_B + _VERB_CONTEXT + r"(?:␣(?:not|never|ever|even|just|really|completely|totally|all|always|often|"
             r"usually|sometimes|easily|also|finally|slowly|quickly|probably|already|still))?␣(loose)␣"
             + _POSS + r"␣([^\W\d_]+)" + _E),
         1, "lose", "'{w}' means not tight or set free; the verb is '{r}'.",
         check=lambda t, m: m.group(2).lower() not in _RELEASED),
        Pattern(_rx(_B + r"(?:can['’]t|cannot|couldn['’]t|won['’]t|don['’]t|didn['’]t|wouldn['’]t|never|not|want␣to|"
             r"going␣to|gonna|afraid␣to|scared␣to|terrified␣to|hate␣to|ready␣to)"
             r"(?:␣(?:ever|even|just|really|also))?␣(loose)␣(?:you|me|us|him|her|them|it|anyone|anybody|everyone|"
             r"another|one␣more)" + _E),
         1, "lose", "'{w}' means set free; the verb is '{r}'."),
        Pattern(_rx(_B + r"(loosing)␣(?:" + _OBJ + r"|(?:the␣)?(?:season|seasons|streak|battle|game|team|record|side|"
             r"proposition|bet|fight|war|match|score|end)s?)" + _E),
         1, "losing", "'{w}' means setting free; the verb here is '{r}'."),
        Pattern(_rx(_B + r"(?:break|breaks|broke|broken|breaking|cut|cuts|cutting|let|lets|letting|set|sets|setting|"
             r"came|come|comes|coming|tore|torn|tear|tears|tearing|shook|shake|shaken|shaking|pulled|pull|pulling|"
             r"wrenched|wrench|wriggled|wriggle|worked|work|working|knocked|knock|turned|turn|turning|hang|"
             r"hanging|shaking|slipped|slip|slipping)␣(lose)" + _E),
         1, "loose", "'{w}' is the verb (to misplace); 'set free' is '{r}'.",
         check=lambda t, m: next_word(t, m.end()).lower() not in ("control", "track", "sight", "hope", "weight", "everything",
                                                            "anything", "interest", "and", "or", "to", "out", "it",
                                                            "him", "them", "me", "us", "her")),
        Pattern(_rx(_B + r"(?:swinging|dangling|flapping|hanging|running|wandering|roaming|rattling|flying|blowing|flopping|"
             r"lying)(?:␣(?:around|about|round))?␣(lose)(?=[ \t]*[.,!?;…—]|[ \t]*$)"),
         1, "loose", "'{w}' is the verb (to misplace); 'free, not tight' is '{r}'."),
        Pattern(_rx(_B + r"(?:time|nothing|everything|much|more|something|anything|little|lot|less|no␣one|nobody)␣to␣"
             r"(loose)(?=[ \t]*[.,!?;…—\"”]|[ \t]*$)"),
         1, "lose", "'{w}' means not tight or set free; the verb is '{r}'."),
        Pattern(_rx(_B + r"(loose)␣(?:no|more|another|any|precious|valuable)␣(?:time|moment|instant|minute|minutes|"
             r"opportunity|chance|sleep|ground)" + _E),
         1, "lose", "'{w}' means not tight or set free; the verb is '{r}'."),
        Pattern(_rx(_B + r"on␣the␣(lose)" + _E), 1, "loose", "'On the {r}' (free, escaped)."),
        # the verb written "loose" before an object it can only lose: "not loose an instant", "they loose
        # faith", "loose a friend", "to loose him next year"; and at the end of a clause: "what they loose;"
        Pattern(_rx(_B + r"(?:" + _VERB_CONTEXT + r"|not|did␣not|do␣not|does␣not|he|she|people|men|women)"
             r"(?:␣(?:not|never|ever|even|just|really|all|always|often|soon|quickly|easily|also))?␣(loose)␣"
             r"(?:(?:a|an|the|no|all|much|any|every|some|more|one|another)␣([^\W\d_]+)|faith|heart|sight|time|"
             r"myself|himself|herself|themselves|yourself|ourselves|itself)" + _E),
         1, "lose", "'{w}' means not tight or set free; the verb is '{r}'.",
         check=lambda t, m: (m.group(2) or "").lower() not in _RELEASED | {"dogs", "hounds", "arrow", "arrows", "horse"}
         and not re.search(r"(?i)\b(?:let|set|cut|turn|break|shake)\s+\S+\s*$", t[max(0, m.start() - 20) : m.start()])),
        Pattern(_rx(_B + r"(?:i|you|we|they|must|to|can|will|would|should|might|could)␣(loose)"
             r"(?=[ \t]*[.,!?;…—\"”]|[ \t]*$)"),
         1, "lose", "'{w}' means not tight or set free; the verb is '{r}'.",
         check=lambda t, m: not re.search(r"(?i)\b(?:let|lets|letting|set|sets|cut|turn|turned|break|broke|shake|shook|get|"
                                    r"got|pull|pulled|cast|cutting|setting)\s+(?:\S+\s+)?$", t[max(0, m.start() - 25) : m.start()])
         and m.group(0).split()[0].lower() != "to" or prev_word(t, m.start()).lower() in (
             "good", "much", "instant", "moment", "minute", "time", "stands", "stand", "afford", "nothing", "everything")),
        # the adjective written "lose": "a lose braid", "the top being lose", "gave lose to tears"
        Pattern(_rx(_B + r"(?:a|the|her|his|its|wide|great|some␣very)␣(lose)␣([a-z]+)" + _E_NOHYPHEN),
         1, "loose", "'{w}' is the verb (to misplace); 'free, not tight' is '{r}'.",
         check=lambda t, m: m.group(2).lower() not in ("of", "and", "or", "to", "is", "was", "the", "a", "their", "his", "her")
         and not (m.group(0).split()[0].lower() in ("her", "his", "its") and m.group(2).lower() in (
             "it", "him", "them", "me", "us", "you", "everything", "all", "control", "track", "sight", "hope",
             "interest", "their", "his", "her", "my", "your", "our", "its", "the", "a", "an"))),
        Pattern(_rx(_B + r"(?:was|is|were|are|be|been|being|['’]s|broke|swinging|hanging)␣(lose)"
             r"(?=[ \t]*[.,!?;…—]|[ \t]+(?:and|like|but|or|now|again)\b)"),
         1, "loose", "'{w}' is the verb (to misplace); 'free, not tight' is '{r}'."),
        Pattern(_rx(_B + r"(?:give|gave|given|giving|gives)␣(?:a␣)?(lose)␣to" + _E),
         1, "loose", "'Give {r} to' (free rein)."),
        # "One of them's lose," (but "Let's lose.")
        Pattern(_rx(r"(?<=[^\W\d_])['’]s␣(lose)(?=[ \t]*[.,!?;…—]|[ \t]+(?:and|now|again)\b)"),
         1, "loose", "'{w}' is the verb (to misplace); 'free, not tight' is '{r}'.",
         check=lambda t, m: prev_word(t, m.start()).lower() not in ("let", "he", "she", "it", "that", "what", "who",
                                                                  "there", "here", "where")),
        # "turn them lose and", "shake 'em lose.", "slid my gun lose." (not "let them lose", the verb)
        Pattern(_rx(_B + r"(?:turn|turns|turned|turning|shake|shakes|shook|shaking|shaken|slid|slide|slides|sliding|set|sets|"
             r"setting|cut|cuts|cutting|knock|knocked|knocking|pull|pulled|pulling|work|worked|working|tear|tore|torn|"
             r"wrench|wrenched|jerk|jerked|shake|wriggle|wriggled|broke|break|breaks)␣(?:him|her|them|it|['’]em|me|"
             r"us|(?:the|his|her|my|their|your|our|its)␣[a-z]+)␣(lose)"
             r"(?=[ \t]*[.,!?;…—]|[ \t]*$|[ \t]+(?:and|every|on|upon|in|among|at|again|now|from)\b)"),
         1, "loose", "'{w}' is the verb (to misplace); 'free, not tight' is '{r}'."),
        # what one can only lose, never set free: "loose his temper", "loose her reason", "loose faith"
        Pattern(_rx(_B + r"(loose)␣" + _POSS + r"␣(?:temper|tempers|nerve|reason|wits|senses|way|life|lives|job|jobs|balance|"
             r"footing|faith|courage|appetite|patience|hope|mother|father|mothers|fathers|wife|husband|wives|husbands|"
             r"son|sons|daughter|daughters|child|children|family|friend|friends|parents|sister|brother|money|fortune|"
             r"chance|chances|regard|affection|affections|influence|memory|place|seat|mind|minds|sanity|virginity|"
             r"innocence|reputation|position|situation|home|self-control|self-respect|composure|presence|senses)" + _E),
         1, "lose", "'{w}' means not tight or set free; the verb is '{r}'."),
        Pattern(_rx(_B + r"(loose)␣(?:faith|hope|sight|track|consciousness|patience|heart|courage|countenance)" + _E),
         1, "lose", "'{w}' means not tight or set free; the verb is '{r}'.",
         check=lambda t, m: prev_word(t, m.start()).lower() not in (
             "a", "an", "the", "his", "her", "my", "your", "their", "our", "its", "this", "that", "some", "very", "so",
             "too", "rather", "quite", "more", "less", "most", "and", "or")),
        Pattern(_rx(_B + r"(loose)␣(?:myself|himself|herself|themselves|yourself|yourselves|ourselves|oneself)" + _E),
         1, "lose", "'{w}' means not tight or set free; the verb is '{r}'.",
         check=lambda t, m: next_word(t, m.end()).lower() not in ("from", "of")),
        # "sorry to loose him", "the misfortune to loose him", "deserved to loose Mr. Darcy's regard"
        Pattern(_rx(_B + r"(?:sorry|like|misfortune|deserve|deserved|deserves|wish|want|wanted|hate|afraid|fear|sad|"
             r"enough|chance|risk)␣to␣(loose)␣(?:him|her|me|us|them|you|such|one|(?-i:(?:(?:Mr|Mrs|Ms|Dr|St)\.?␣)?[A-Z][a-z]+(?:␣[A-Z][a-z]+)?['’]s))"
             + _E),
         1, "lose", "'{w}' means not tight or set free; the verb is '{r}'."),
    )
