"""GRM024 verb-agreement and GRM025 base-after-auxiliary: `he know`, `they was`; `did it worked`, `could went`.

The rules' documentation is their class docstrings (``betareader explain GRM024``)."""

from __future__ import annotations

import re

from ...analysis.verbs import verb_forms
from ...model.memo import LRU
from ...model.words import cased, prev_word
from ..base import SAFE, UNSAFE, register
from ._base import _B, _E, _S, _GrammarRule, _sentence_starts

#: base forms that are other words far more often after `he`/`she`/`it` (`he still`, `she alone`)
_NOT_BASE_VERBS = frozenset(
    "still even back near further better down up right well just over out off round last long only "
    "too also never always once ever almost nearly already again alone himself herself itself "
    "and or but nor so yet then now soon later here there quite rather much more most less least "
    "first next sure free open clear short deep low high close wide fast hard loud slow quick "
    "must need dare used ought ill forward home present best worst light don".split()
)
#: words before a subject after which it takes the base form: questions and inversions (`did he
#: know`), subjunctives (`lest he forget`, `that she be`), causatives (`let it go`, `made he` is
#: not English, but `let him` is; the pronoun there is the object, written `he` only by mistake)
_BASE_BEFORE = frozenset(
    "do does did don't doesn't didn't can can't cannot could couldn't will won't would wouldn't "
    "shall shan't should shouldn't may might must mustn't let lest make made help helped watch "
    "watched see saw hear heard have had has why how where when what who whom whether if "
    "that than unless until till should've would've could've not insist insisted insists recommend "
    "recommended suggest suggested demand demanded require required propose proposed urge urged "
    "ask asked order ordered request requested".split()
) | frozenset(w.replace("'", "’") for w in ("don't doesn't didn't can't couldn't won't wouldn't shan't shouldn't "
                                            "mustn't should've would've could've").split())
#: (`it` is left out: it is an object as often as a subject, `found it empty`, `let it fall`)
_AGR_ADV = r"(?:(?:always|never|usually|often|rarely|sometimes|seldom|only|just|still|also|really|all|even)" + _S + r")?"
_SUBJ_BASE_RE = re.compile(r"(?=[hHsS])" + _B + r"(he|she|He|She)" + _S + _AGR_ADV + r"([a-z]+)" + _E)
#: an auxiliary a few words before the subject, in the same clause (`how *could* she say`)
_QUESTION_BEFORE_RE = re.compile(r"(?i)(?:" + "|".join(
    "do does did can could will would shall should may might must".split()) + r")(?:n[’']t)?[*_]*[ \t]+\Z")
#: `little more` / `much more` and a plural-looking word (group 2); not after `a` (`a little more`
#: is also wrong, but `a little more things` reads as speech)
def _quantity_cands(text: str) -> list:
    if "ore " not in text:
        return []
    return [m for m in _QUANTITY_RE.finditer(text)
            if m.group(2) not in _SINGULAR_S and not m.group(2).endswith(_NOT_PLURAL_ENDINGS)]


_REL_MEMO = LRU(20_000)


def _relative_cands(para) -> list:
    """The relative-clause candidates of a paragraph (a pure function of its text, remembered:
    :meth:`VerbAgreement.prepare` and the check both ask)."""
    text = para.text
    if not _REL_QUICK_RE.search(text):
        return []
    got = _REL_MEMO.get(text)
    if got is None:
        got = _relative_cands_of(para)
        _REL_MEMO.put(text, got)
    return got


def _relative_cands_of(para) -> list:
    text = para.text
    a = para.analysis
    vf = verb_forms()
    out = []
    for m in _RELATIVE_RE.finditer(text):
        noun, verb = m.group(1), m.group(3)
        if noun in _SINGULAR_S or noun.endswith(_NOT_PLURAL_ENDINGS) or verb not in vf.third or verb in vf.noun_plural:
            continue
        before = text[max(0, m.start() - 50):m.start()]
        if _ONE_OF_RE.search(before) or _PREP_BEFORE_RE.search(before):
            continue  # `one of the things that makes`, `a charm about fine clothes which attracts`
        q = a.quotation_at(m.start(3)) if a.quotations else None
        if q is not None and _DIALECT_RE.search(text, q.start, q.end(len(text))):
            continue
        out.append(m)
    return out


_QUANTITY_RE = re.compile(r"(?<![\w'’-])(?<!a )(little|much|Little|Much)[ \t]+more[ \t]+([a-z]+[^s'’\W]s)(?![\w'’-])")
#: a modal or `let` earlier in the sentence (no sentence end between)
_MODAL_EARLIER_RE = re.compile(r"(?<![\w'’-])(?:should|would|could|might|must|may|shall|will|let|lest|that)(?![\w'’-])"
                               r"[^.!?]*\Z")
_REL_QUICK_RE = re.compile(r"s[ \t]+(?:that|which|who)[ \t]")
#: a plural-looking noun, a relative pronoun and an -s verb
_RELATIVE_RE = re.compile(r"(?<![\w'’-])([a-z]+[^s'’\W]s)[ \t]+(that|which|who)[ \t]+([a-z]+s)(?![\w'’-])")
_ONE_OF_RE = re.compile(r"(?<![\w'’-])one[ \t]+of(?![\w'’-])[^.!?]{0,40}\Z")
#: a preposition one or two words before the noun: the relative clause may belong to the noun before it
_PREP_BEFORE_RE = re.compile(r"(?<![\w'’-])(?:about|of|with|from|in|on|for|to|at|by|under|over|among|between|like|"
                             r"into|through|without)[ \t]+(?:[a-z]+[ \t]+)?\Z")
#: a speech that shows a voice: elisions and dialect words
_DIALECT_RE = re.compile(r"(?i)(?<![\w'’-])(?:ain['’]t|gonna|wanna|dunno|y['’]all|ya|yer|['’]em|[a-z]+in['’](?![\w])|"
                         r"them[ \t]+(?:folks|boys|things))(?![\w'’-])")
_CLAUSE_WORDS = frozenset("so then when while because if whether although though since after before until "
                          "as where that which who once".split())
#: words before a subject that invert it (`am I nuts?`, `was he there?`)
_INVERTING = frozenset("am is are was were do does did have has had can could will would shall should may "
                       "might must".split())


def _roman_i(text: str, m) -> bool:
    """Is the subject `I` a numeral (`Phase I corresponds`, `Henry I was`, `phase I shows`)? It is,
    after a capitalised word or a noun: the pronoun follows a clause's start, a conjunction or an
    adverb."""
    if m.group(1) != "I":
        return False
    if re.search(r"[A-Z][\w.]*[ \t]+\Z", text[max(0, m.start() - 20):m.start()]):
        return True
    before = prev_word(text, m.start()).lower()
    return bool(before) and before.isalpha() and before not in _I_BEFORE and not before.endswith("ly")


#: words after which `I` is the pronoun
_I_BEFORE = frozenset(
    "and but or nor so yet then when if because that as while until till since before after where now still "
    "also just never always often once though although unless whether what who why how than even only too "
    "here there again well oh yes no said thought think know knew guess suppose hope wish say".split())
#: plural-looking nouns that are singular (`the news is`, `the series was`), and endings of singular nouns
_SINGULAR_S = frozenset("news series species means mathematics physics politics economics ethics athletics "
                        "gymnastics measles mumps summons billiards darts diabetes lens bus gas yes this thus always "
                        "perhaps whereabouts headquarters barracks crossroads kudos chaos".split())
_NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ics", "ous", "'s", "’s")
#: `I`, `we` or `they` and a word: an -s form there is a slip (`I likes`, `they goes`)
_PLURAL_S_RE = re.compile(r"(?=[IwWtT])" + _B + r"(I|we|they|We|They)" + _S + _AGR_ADV + r"([a-z]+s)" + _E)
#: a subject pronoun and a form of be or have
_BE_RE = re.compile(r"(?=[IhHsSwWtT])" + _B + r"(I|he|she|we|they|He|She|We|They)" + _S + _AGR_ADV + r"(is|are|am|has|have)" + _E)
#: `he don't`, `we doesn't` in narration
_DONT_RE = re.compile(r"(?=[hHsSiIwWtT])" + _B + r"(he|she|it|He|She|It|I|we|they|We|They)" + _S + _AGR_ADV + r"(don['’]t|doesn['’]t)" + _E)
#: an inverted auxiliary opening a question, and its pronoun subject: `Is you crazy?`, `Do she have …?`
_INVERTED_RE = re.compile(
    r"(?:(?:What|Why|Where|When|How|Who)[ \t]+)?"
    r"(Is|Are|Was|Were|Has|Have|Does|Do|is|are|was|were|has|have|does|do)" + _S + r"(I|you|he|she|we|they)" + _E)
_INVERTED_FIX = {("is", "you"): "are", ("is", "we"): "are", ("is", "they"): "are", ("is", "i"): "am",
                 ("are", "he"): "is", ("are", "she"): "is", ("are", "i"): "am",
                 ("was", "you"): "were", ("was", "we"): "were", ("was", "they"): "were",
                 ("were", "he"): "was", ("were", "she"): "was", ("were", "i"): "was",
                 ("has", "you"): "have", ("has", "i"): "have", ("has", "we"): "have", ("has", "they"): "have",
                 ("have", "he"): "has", ("have", "she"): "has",
                 ("does", "you"): "do", ("does", "i"): "do", ("does", "we"): "do", ("does", "they"): "do",
                 ("do", "he"): "does", ("do", "she"): "does"}
#: an indefinite pronoun with a bare verb: `Somebody enter the building`, `Everybody hate`
_INDEFINITE_RE = re.compile(r"(?=[SsEeNnAa])" + _B + r"(?:[Ss]omebody|[Ss]omeone|[Ee]verybody|[Ee]veryone|[Nn]obody|[Aa]nybody|[Aa]nyone)"
                            + r"(?:" + _S + r"else)?" + _S + _AGR_ADV + r"([a-z]+)" + _E)
_PEOPLE_DETS = frozenset("some many most these those the our their his her my your all other young old".split())
#: `people` and the other plurals without -s, with a singular verb: `Some people thinks`
_PEOPLE_RE = re.compile(r"(?=[pc])" + _B + r"(people|children)" + _S + _AGR_ADV + r"(is|was|has|does|[a-z]+s)" + _E)
#: pronoun -> (its present of be, its present of have)
_BE_FORMS = {"i": (("am",), ("have",)), "he": (("is",), ("has",)), "she": (("is",), ("has",)),
             "we": (("are",), ("have",)), "they": (("are",), ("have",))}
_WAS_RE = re.compile(r"(?=[tTwWyY])" + _B + r"(they|we|you|They|We|You)" + _S + r"(was|wasn't|wasn’t)" + _E)

_AUX = ("do does did don't doesn't didn't don’t doesn’t didn’t can't can’t cannot couldn't couldn’t "
        "won't won’t wouldn't wouldn’t shouldn't shouldn’t").split()
_MODALS = "could would should might must can will may".split()
_SUBJECTS = r"(?:he|she|it|they|we|you|I)"
#: an auxiliary (group 1), an optional subject after it (a question: `did it`), optional `not` or
#: an adverb, and the verb (group 2)
_AUX_VERB_RE = re.compile(
    r"(?=[dcwsmDC])" + _B + r"(" + "|".join(re.escape(a) for a in sorted(_AUX + _MODALS, key=len, reverse=True)) + r"|Did|Does|Do)"
    r"(" + _S + _SUBJECTS + r")?(?:" + _S + r"(?:not|never|even|really|just|actually|ever|always|still))?"
    + _S + r"([a-z]+)" + _E
)
def _story_tense(ctx) -> str | None:
    """The document's narration tense (``analysis.tense``), or None without a document."""
    doc = getattr(ctx, "doc", None)
    if doc is None:
        return None
    from ...analysis.tense import narration_tense

    return narration_tense(doc)["narration"]


def _question_follows(text: str, i: int) -> bool:
    """Does the sentence go on from ``i`` to a question mark (no other sentence end, no comma first)?"""
    m = re.compile(r"[^.!?,;\n]{0,60}\?").match(text, i)
    return m is not None


def _to_after_intention(text: str, i: int) -> bool:
    """Is the `to` at ``i`` an infinitive's, after a verb of wanting or trying (`tried not to`,
    `wants you to`)? Reads at most four words back, in the same clause."""
    before = text[max(0, i - 60):i]
    if re.search(r"[.!?;:,\"“”]", before[-40:]):
        before = re.split(r"[.!?;:,\"“”]", before)[-1]
    for w in reversed(_WORDS_RE.findall(before)[-4:]):
        w = w.lower()
        if w in _TO_LEAD:
            return True
        if w not in _TO_BETWEEN:
            return False
    return False


_WORDS_RE = re.compile(r"[A-Za-z]+")


_DETERMINERS = frozenset("the a an this that these those his her my your our their its every each no some any".split())
#: `Did` opening a question with its subject (a determiner and up to two words, or a name or
#: pronoun), and the verb after it; or a subject opening its sentence, `did` and the verb
_DID_NP_RE = re.compile(
    r"((?:Did|(?:Why|What|How|Where|When|Who)[ \t]+did)(?:n['’]t)?[ \t]+(?:(?:the|a|an|your|my|his|her|their|our|this|that)(?:[ \t]+[a-z]+){1,2}|you|he|she|they|we|I|it)"
    r"|(?:[A-Z][a-z]+|He|She|They|We|I|It)[ \t]+did)[ \t]+([a-z]+)(?![\w'’-])")
#: what may follow the verb of `Did the plan worked?` when it is the clause's verb (a participle
#: describing the subject, `Did a man called Tom come?`, is followed by more of the subject)
_CLAUSE_GOES_ON_RE = re.compile(r"[ \t]*(?:[?!.,;…]|(?:when|while|the|a|an|it|him|her|them|me|us|you|to|on|in|at|"
                                r"out|up|down|back|off|away|home|yesterday|today|again)(?![\w'’-]))")
#: verbs of wanting, trying and deciding, `to`, and the verb (group 1)
_TO_LEAD = frozenset(
    "tried try tries trying want wants wanted wanting decided decide decides need needs needed going able managed "
    "began begin begins started start starts refused refuse forgot remembered promised agreed chose continued "
    "hoped hope planned plan seemed seem seems surprised eager ready learn learned learnt wish wished expected "
    "expect afraid about ought".split())
_TO_BETWEEN = frozenset("not never very hard really just him her them you me us it".split())
#: `to` and the verb after it (group 1); the words before are checked against :data:`_TO_LEAD`
_TO_VERB_RE = re.compile(r"(?<![\w'’-])to[ \t]+([a-z]+)" + _E)
#: simple pasts that are adjectives too, or that a modal may stand before in a reading of its own
_PAST_ADJECTIVES = frozenset(
    "used tired excited scared worried married interested bored pleased surprised shocked "
    "confused annoyed embarrassed amazed relieved frightened terrified exhausted determined "
    "supposed finished done gone ashamed afraid dressed prepared".split()
)


@register
class VerbAgreement(_GrammarRule):
    """A verb that does not agree with its subject in narration: `he know`, `she like`, `they was`.

    ## What it does
    Finds, in narration, `he` or `she` followed by a verb's bare form where the -s form
    belongs (`he know` -> `he knows`, `she like` -> `she likes`, `he have` -> `he has`); `I`,
    `we` or `they` with an -s form (`I likes` -> `I like`, `they goes` -> `they go`); a
    pronoun with the wrong present of `be` or `have` (`they is`, `I are`, `she are`, `we has`);
    `they`, `we` or `you` followed by `was` (`they was` -> `they were`); and a plural noun after a
    determiner with a singular verb (`the dogs barks`, `her parents was`), when the tagger reads
    the noun as plural and the verb as its verb (not after `one of`, `each of`; not `the news is`);
    a plural noun with a relative pronoun and a singular verb (`the problems that comes`), in
    plain speech too (not in speech that shows a voice: `ain't`, `goin'`), not after `one of` or a
    preposition (`a charm about fine clothes which attracts`: the clause may belong to `charm`);
    and `little more` or `much more` before a plural (`with little more worries` -> `few more`). Left alone: questions and inversions (`did he
    know`, `why she like`), subjunctives (`lest he forget`, `if it be`), `let it go` and the
    other words after which the base form is right, words that are base verbs only rarely
    (`he still`, `she alone`), verbs whose base is also their past (`he put`, `she read`), and
    everything inside dialogue, where `he don't` or `they was` is a character's voice.

    ## Why it matters
    In narration the slip reads as a typing error or a grammar mistake, not as a voice, and
    readers notice it at once.

    ## Example
    `He know the way, and they was waiting.` becomes `He knows the way, and they were waiting.`

    ## Fix safety
    Safe: the verb takes the form its subject needs; nothing else changes.
    """

    code = "GRM024"
    name = "verb-agreement"
    narration_only = True
    kinds = frozenset({"text"})

    def cache_key(self, ctx):
        # the fix for `he walk` follows the story's narration tense (`walked` in a past-tense story)
        return (ctx.dialect, _story_tense(ctx))

    #: a determiner, a plural noun (group 1) and the verb after it (group 2): `the dogs barks`
    pos_re = re.compile(
        r"(?=[TtMmHhOoYySsBbFf])" + _B + r"(?:[Tt]he|[Tt]hese|[Tt]hose|[Mm]y|[Hh]is|[Hh]er|[Tt]heir|[Oo]ur|[Yy]our|[Mm]any|[Ss]everal|[Bb]oth|"
        r"[Tt]wo|[Tt]hree|[Ff]our|[Ff]ew)[ \t]+((?:[a-z]+[ \t]+)?[a-z]+[^s'’\W]s)[ \t]+"
        r"(is|was|has|[a-z]+s)" + _E)

    def pos_worth(self, text, m) -> bool:
        noun = m.group(1).split()[-1]
        if noun.endswith(_NOT_PLURAL_ENDINGS) or noun in _SINGULAR_S:
            return False
        verb = m.group(2)
        if verb not in ("is", "was", "has") and (verb not in verb_forms().third or verb in _SINGULAR_S):
            return False
        # the determiner opens the subject: at a sentence's start or after a word that opens a
        # clause (`whether the dogs barks`); not an object (`assure my readers is`) or after a
        # preposition (`under the branches seems`)
        before = prev_word(text, m.start()).lower()
        return before == "" or before in _CLAUSE_WORDS

    def pos_decide(self, text, toks, i, m, ctx):
        # the verb's token, and before it the plural noun, read as one
        k = next((k for k in range(i, len(toks)) if toks[k].start == m.start(2)), None)
        if k is None or toks[k - 1].start != m.end(1) - len(m.group(1).split()[-1]) or toks[k - 1].tag != "NNS":
            return None
        verb = m.group(2)
        if toks[k].tag != ("VBD" if verb == "was" else "VBZ"):
            return None
        new = {"is": "are", "was": "were", "has": "have"}.get(verb) or verb_forms().third.get(verb)
        if not new:
            return None
        noun = m.group(1).split()[-1]
        if verb not in ("is", "was", "has") and _story_tense(ctx) == "past" and verb_forms().past_of(new):
            past = verb_forms().past_of(new)  # `The gulls circles` in a past-tense story: `circled`
            return self.finding(m.start(2), m.end(2), f"`{noun} {verb}`: a plural subject, in a story told in the "
                                f"past: `{past}`.", cased(verb, past), applicability=UNSAFE)
        return self.finding(m.start(2), m.end(2), f"`{noun} {verb}`: a plural subject takes `{new}`.",
                            cased(verb, new))

    def check_paragraph(self, para, ctx):
        yield from super().check_paragraph(para, ctx)
        yield from self._relative(para)
        a = para.analysis
        for f in self._quantity(para):
            if not (a.quotations and a.in_dialogue(f.start)):
                yield f

    def prepare(self, ctx) -> None:
        """Hand the tagger the windows of the relative-clause and `little more` candidates too, with
        the part-of-speech stage's (so a helper-process tagger answers them all before it exits)."""
        super().prepare(ctx)
        from ...analysis import tagger

        items = []
        for p in ctx.doc.paragraphs:
            if p.kind not in self.kinds:
                continue
            items += [(p.text, p.analysis.sentences, m.start(1)) for m in _relative_cands(p)]
            items += [(p.text, p.analysis.sentences, m.start(2)) for m in _quantity_cands(p.text)]
        if items:
            tagger.prefetch(items)

    def _quantity(self, para):
        """`little more` or `much more` before a plural noun: `with little more worries` (few more)."""
        text = para.text
        cands = _quantity_cands(text)
        if not cands:
            return
        from ...analysis import tagger

        a = para.analysis
        wins = tagger.tokens_at(text, a.sentences, [m.start(2) for m in cands])
        for m in cands:
            toks = wins.get(m.start(2)) or ()
            tag = next((t.tag for t in toks if t.start == m.start(2)), None)
            nxt = next((t for t in toks if t.start > m.start(2)), None)
            if tag != "NNS" or (nxt is not None and nxt.tag in ("NNS", "NN")):
                continue  # (`much more books` yes; `much more sports cars`: a compound, left alone)
            q = m.group(1)
            new = "few" if q.lower() == "little" else "many"
            yield self.finding(m.start(1), m.end(1), f"`{q} more {m.group(2)}`: with a plural, `{new} more`.",
                               cased(q, new))

    def _relative(self, para):
        """A plural noun, `that`/`which`/`who` and a singular verb: `the problems that comes`.
        Read in speech too, unless the speech shows a voice (elisions, `ain't`): a relative clause
        that does not agree is a slip, not a dialect, in plain speech."""
        cands = _relative_cands(para)
        if not cands:
            return
        from ...analysis import tagger

        text = para.text
        a = para.analysis
        vf = verb_forms()
        wins = tagger.tokens_at(text, a.sentences, [m.start(1) for m in cands])
        for m in cands:
            toks = wins.get(m.start(1)) or ()
            tags = {t.start: t.tag for t in toks}
            if tags.get(m.start(1)) != "NNS" or tags.get(m.start(3)) != "VBZ":
                continue  # `an astronomer feels who has`: a verb, not a plural noun
            base = vf.third[m.group(3)]
            yield self.finding(m.start(3), m.end(3), f"`{m.group(1)} {m.group(2)} {m.group(3)}`: the verb agrees with "
                               f"`{m.group(1)}`, a plural: `{base}`.", cased(m.group(3), base))

    def scan(self, para, ctx):
        text = para.text
        vf = verb_forms()
        for m in _SUBJ_BASE_RE.finditer(text):
            word = m.group(2)
            if word in _NOT_BASE_VERBS or word not in vf.forms or word in vf.past or word in vf.participle:
                continue
            if word in ("be", "have", "do"):
                continue
            before = prev_word(text, m.start()).lower().strip("*_")
            if before in _BASE_BEFORE or _QUESTION_BEFORE_RE.search(text, max(0, m.start() - 40), m.start()):
                continue
            if before == "and" and _MODAL_EARLIER_RE.search(text, max(0, m.start() - 120), m.start()):
                continue  # `that it should bear the burden, and he keep the splendour`: the modal reaches it
            third = vf.third_of(word)
            if not third or before in _DETERMINERS:
                continue  # (`the she-wolf` written open: `the she wolf`)
            if _story_tense(ctx) == "past" and vf.past_of(word):
                # in a story told in the past, `he lead the way` wants `led`, not `leads`
                past = vf.past_of(word)
                yield self.finding(m.start(2), m.end(2),
                                   f"`{m.group(1)} {word}` needs a tense; the story is told in the past: `{past}`.",
                                   cased(word, past), applicability=UNSAFE)
                continue
            # a word that is also a noun (`walk`, `cat`) may be one here: the fix is then the writer's call
            yield self.finding(m.start(2), m.end(2),
                               f"`{m.group(1)} {word}`: after `{m.group(1).lower()}` the verb takes -s: `{third}`.",
                               cased(word, third), applicability=UNSAFE if third in vf.noun_plural else SAFE)
        for m in _PLURAL_S_RE.finditer(text):
            # `I likes`, `they goes`: a plural (or first-person) subject with the -s form
            word = m.group(2)
            base = vf.third.get(word)
            if base is None or word in ("is", "has", "does", "was"):
                continue
            before = prev_word(text, m.start()).lower().strip("*_")
            if before in ("that", "than", "as") or before in _INVERTING or _roman_i(text, m):
                continue  # `am I nuts?`, `Phase I corresponds`
            yield self.finding(m.start(2), m.end(2),
                               f"`{m.group(1)} {word}`: after `{m.group(1).lower()}` the verb takes no -s: `{base}`.",
                               cased(word, base))
        for m in _BE_RE.finditer(text):
            subj, verb = m.group(1), m.group(2)
            sl, vl = subj.lower(), verb.lower()
            right = _BE_FORMS[sl]
            if vl in right[0] or vl in right[1]:
                continue
            before = prev_word(text, m.start()).lower().strip("*_")
            if before in _INVERTING or before in ("and", "or", "nor", "as", "than") or _roman_i(text, m):
                continue  # `Both you and he are`, `You as well as he are`
            if vl in ("have",) and sl in ("he", "she"):
                before = prev_word(text, m.start()).lower().strip("*_")
                if before in _BASE_BEFORE or _QUESTION_BEFORE_RE.search(text, max(0, m.start() - 40), m.start()):
                    continue
                new = "has"
            elif vl in ("is", "are", "am"):
                new = right[0][0]
            elif vl == "has" and sl in ("i", "we", "they"):
                new = "have"
            else:
                continue
            yield self.finding(m.start(2), m.end(2), f"`{subj} {verb}`: `{sl if sl != 'i' else 'I'}` takes `{new}`.",
                               cased(verb, new))
        for m in _DONT_RE.finditer(text):
            subj, verb = m.group(1).lower(), m.group(2)
            singular = subj in ("he", "she", "it")
            if singular == verb.lower().startswith("doesn"):
                continue
            if _roman_i(text, m) or prev_word(text, m.start()).lower() in _INVERTING:
                continue
            new = "doesn" + verb[3:] if singular else "don" + verb[5:]
            yield self.finding(m.start(2), m.end(2), f"`{m.group(1)} {verb}`: `{subj if subj != 'i' else 'I'}` takes `{new}`.",
                               cased(verb, new))
        for m in filter(None, (_INVERTED_RE.match(text, i) for i in _sentence_starts(para))):
            aux, subj = m.group(1), m.group(2)
            new = _INVERTED_FIX.get((aux.lower(), subj.lower()))
            if new is None:
                continue
            end = text.find("?", m.end())
            stop = min((i for i in (text.find(c, m.end()) for c in ".!\n") if i >= 0), default=len(text))
            if end < 0 or end > stop:
                continue  # only a question inverts: `Is you crazy?`
            yield self.finding(m.start(1), m.end(1), f"`{aux} {subj}`: with `{subj}` the verb is `{new}`.",
                               cased(aux, new))
        for m in _INDEFINITE_RE.finditer(text):
            word = m.group(1)
            if word in _NOT_BASE_VERBS or word not in vf.forms or word in vf.past or word in vf.participle:
                continue
            before = prev_word(text, m.start()).lower().strip("*_")
            if (before and before not in _CLAUSE_WORDS and before not in ("and", "but")) or word in ("except", "like"):
                continue  # only a subject opening its clause: not `seen nobody go`, `with anyone like him`
            third = vf.third_of(word)
            if third:
                yield self.finding(m.start(1), m.end(1), f"An indefinite pronoun takes the -s form: `{third}`.",
                                   cased(word, third))
        for m in _PEOPLE_RE.finditer(text):
            word = m.group(2)
            base = {"is": "are", "was": "were", "has": "have", "does": "do"}.get(word)
            if base is None:
                if word not in vf.third or word in vf.noun_plural:
                    continue
                base = vf.third[word]
            before = prev_word(text, m.start()).lower()
            if before in ("a", "one", "each", "every") or before in _INVERTING:
                continue  # `a people is`, `is children's …`
            if before in _PEOPLE_DETS:
                before = prev_word(text, m.start() - len(before) - 1).lower()
            if before and before not in _CLAUSE_WORDS and before not in ("and", "but"):
                continue  # `Helping people is our duty`, `advice to people is`: not the subject
            if re.search(r"(?<![\w'’-])of(?![\w'’-])[^.!?;:]{0,40}\Z", text[max(0, m.start() - 45):m.start()]):
                continue  # `the appearance of the two men was`: the noun after `of` is not the subject
            yield self.finding(m.start(2), m.end(2), f"`{m.group(1)}` is plural: `{base}`.", cased(word, base))
        for m in _WAS_RE.finditer(text):
            before = prev_word(text, m.start()).lower()
            if m.group(1).lower() == "you" and before and before not in _CLAUSE_WORDS:
                continue  # `What he told you wasn't true`: `you` is the object there
            if before in ("if", "as", "though"):
                continue  # `as if you was` is still wrong, but `if you was` is the writer's choice of mood
            was = m.group(2)
            new = "were" + was[3:] if was != "was" else "were"
            yield self.finding(m.start(2), m.end(2), f"`{m.group(1)} {was}`: `{m.group(1).lower()}` takes `were`.",
                               cased(was, new))


@register
class BaseAfterAuxiliary(_GrammarRule):
    """A past form after `did`, `didn't`, `does` or a modal: `did it worked`, `didn't knew`, `could went`.

    ## What it does
    Finds a simple past after `do`, `does`, `did`, their negatives or a modal verb (`can`,
    `could`, `will`, `would`, `should`, `might`, `must`, `may`), with or without a subject
    between them (`did it worked`, `didn't knew`, `could went`, `would never saw`), and gives
    the base form (`work`, `know`, `go`, `see`). Only pasts that are nothing else are read:
    `did he read`, `could put` (the past is also the base) and pasts that are also adjectives
    (`didn't seem tired`, `couldn't be used`) are left alone, and so is everything inside
    dialogue.

    ## Why it matters
    After `did` and the modals English takes the base form; the past there reads as a slip.

    ## Example
    `Did it worked? She didn't knew.` becomes `Did it work? She didn't know.`

    ## Fix safety
    Safe: the verb is put in its base form.
    """

    code = "GRM025"
    name = "base-after-auxiliary"
    narration_only = True
    kinds = frozenset({"text"})

    def scan(self, para, ctx):
        seen = set()
        for f in self._scan(para):
            if f.start not in seen:
                seen.add(f.start)
                yield f

    def _scan(self, para):
        text = para.text
        vf = verb_forms()
        for m in _AUX_VERB_RE.finditer(text):
            word = m.group(3)
            aux = m.group(1).lower()
            if word in vf.third and (aux not in ("do", "does", "did") or word == "has") and m.group(1).islower() \
                    and prev_word(text, m.start()).lower() not in _DETERMINERS and word != "needs" \
                    and word not in vf.noun_plural:  # (`should troops pass`: an inverted condition)
                # (`do` + a plural noun is a verb and its object: `did chores`; `must needs` is an idiom)
                base = "have" if word == "has" else vf.third[word]
                if word not in ("is", "was", "does") and base != word:
                    # `will comes`, `should has`, `doesn't has` (not `the can holds`: a noun)
                    yield self.finding(m.start(3), m.end(3),
                                       f"`{m.group(1)} … {word}`: after `{aux}` the verb takes its base form: `{base}`.",
                                       cased(word, base))
                continue
            if word in _PAST_ADJECTIVES or not vf.is_past_only(word):
                continue
            if word in vf.participle and aux.replace("’", "'") not in ("did", "didn't", "does", "doesn't", "do", "don't"):
                continue  # `those who couldn't admired …`: an ellipsis reads the same as a slip
            if m.group(2) and not (m.group(1)[0].isupper() or aux.endswith(("n't", "n’t")) or _question_follows(text, m.end())):
                continue  # `what she said or did they always sounded …`: `did` ends a clause; `, but did it worked?` asks
            if not m.group(2) and aux in ("did", "do", "does"):
                continue  # `the way he did it meant …`, `what she did seemed …`
            base = vf.past[word]
            yield self.finding(m.start(3), m.end(3),
                               f"`{m.group(1)} … {word}`: after `{m.group(1).lower()}` the verb takes its base form: `{base}`.",
                               cased(word, base))
        for m in filter(None, (_DID_NP_RE.match(text, i) for i in _sentence_starts(para))):
            # `Did the application worked?`, `Peter did went to the cinema.`
            word = m.group(2)
            if word in _PAST_ADJECTIVES or not vf.is_past_only(word):
                continue
            if word in vf.participle and not _CLAUSE_GOES_ON_RE.match(text, m.end(2)):
                continue  # `Did a man called Daffodil come here?`: a participle describing the subject
            base = vf.past[word]
            yield self.finding(m.start(2), m.end(2),
                               f"`{m.group(1)} … {word}`: after `did` the verb takes its base form: `{base}`.",
                               cased(word, base))
        for m in _TO_VERB_RE.finditer(text):
            # `tried to lifted`, `decided to bought`, `wants you to goes`
            word = m.group(1)
            if not _to_after_intention(text, m.start()):
                continue
            if word in _PAST_ADJECTIVES:
                continue
            if vf.is_past_only(word):
                base = vf.past[word]
            elif word in vf.third and word not in vf.noun_plural and word not in ("is", "has", "was", "does"):
                base = vf.third[word]
            else:
                continue
            yield self.finding(m.start(1), m.end(1),
                               f"`to {word}`: after `to` the verb takes its base form: `{base}`.", cased(word, base))
