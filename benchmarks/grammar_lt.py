#!/usr/bin/env python3
"""Sentence grammar on LanguageTool's English rule examples: betareader, Harper and quire-grammar side by side.

Run by hand (not part of the test suite), from the repository root:

    .venv/bin/pip install -e '.[bench]'        # harper-py, quire-grammar, quire-grammar-model
    .venv/bin/python benchmarks/grammar_lt.py --corpus ../shared/corpus
    .venv/bin/python benchmarks/grammar_lt.py --category agreement --misses betareader
    .venv/bin/python benchmarks/grammar_lt.py --no-harper --no-quire      # betareader alone

The examples are ``grammar/languagetool-en-examples.jsonl`` in the corpus: every ``<example>`` of
LanguageTool's English ``grammar.xml`` (2019), LGPL, read at run time from ``--corpus`` and never
copied into the repository. Each example belongs to one LanguageTool rule. The rules are sorted into
the fiction-relevant groups of ``GROUPS`` (agreement, verb-form, confused-words, pronoun-case,
missing/doubled, commas, tense) by the explicit lists below; the remaining rules of LanguageTool's
``GRAMMAR`` category make an "other grammar" row. Rules LanguageTool turns off by default (house
style such as the serial comma, or too noisy for LanguageTool itself) are left out everywhere.

Every sentence is checked on its own, as one document, by each tool. Per group and tool:

- **recall**: the share of ``incorrect`` examples where the tool reports an error finding that
  overlaps LanguageTool's marker ``[marker_start, marker_end)``, with one character of slack on
  each side (a missing word or mark sits beside the word LanguageTool marks);
- **false alarms**: the share of ``correct`` examples of the group's rules where the tool reports
  any error finding at all, anywhere in the sentence (spelling included). LanguageTool's own
  documented false alarms (``triggers_error``) are not counted.

The "all fiction-relevant" row pools the seven groups; its false-alarm column is the rate over
every correct sentence of the fiction-relevant rules.

Tools, all in this process:

- **betareader** (this working copy, ``src/`` first on ``sys.path``): ``Engine(Config())``, the
  default rules, ``check_text`` per sentence. Only findings of rules whose kind is ``error`` count;
  craft notes do not.
- **Harper** (harper-py 0.2.0): ``Linter(Dialect.AMERICAN).lint(text, language=PLAINTEXT)``,
  the default rule set. Every lint counts as an error finding.
- **quire** (quire-grammar 0.3.4): ``quire_grammar.check(text, disable=["model"])``, its default
  rules without the model. Findings of category ``style`` are suggestions and do not count; the
  categories ``agreement``, ``confusable``, ``mechanics`` and ``punctuation`` do.
- **quire+model**: ``quire_grammar.check(text)`` with the optional ``quire-grammar-model`` tagger
  (ONNX, CPU) installed: the rules plus the model's edits, counted the same way. Left out when the
  model is not installed.

Harper and quire are optional: if one does not import, a note is printed and its columns are left
out. ``--misses TOOL`` prints the incorrect examples a tool missed (terminal only). Prints the table,
each tool's time, and where the false alarms come from; writes the aggregate figures (per group and
per LanguageTool rule, no sentences) to ``benchmarks/results/grammar_lt.json``.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import sys
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpus"
DEFAULT_JSON = HERE / "results" / "grammar_lt.json"
LT_FILE = Path("grammar") / "languagetool-en-examples.jsonl"
SLACK = 1
OTHER = "other grammar"
TOTAL = "all fiction-relevant"
#: Checked once before the clock starts, so that lexicons, taggers and models are loaded (betareader's
#: part-of-speech tagger loads on the first undecided its/their/your).
WARM_UP = "She said that they was going to the house. Its a long way, and their not sure that your right."

# --------------------------------------------------------------------------- the groups
#
# LanguageTool rule id -> fiction-relevant group. Built by reading every rule of the 2019 file with
# its name and first example. The explicit lists come first; then a PUNCTUATION rule whose id holds
# COMMA is "commas", every CONFUSED_WORDS rule is "confused-words", and so is every TYPOS rule that
# TYPOS_NOT_CONFUSIONS does not list (those are real-word confusions: homophones, near-homophones
# and eggcorns, such as its/it's, then/than, "baited breath", "free reign"). What is left of the
# GRAMMAR category is "other grammar" (prepositions, articles, determiner-noun number, comparatives,
# gerund-or-infinitive patterns, ...). Rules that are off by default in LanguageTool are left out.

#: Subject-verb agreement, with the auxiliary agreeing in questions and negations (does you, don't needs).
AGREEMENT = (
    "AGREEMENT_QUESTION", "AGREEMENT_SENT_START", "BASE_FORM", "COLLECTIVE_NOUN_VERB_AGREEMENT_VBD",
    "COLLECTIVE_NOUN_VERB_AGREEMENT_VBP", "DOES_NP_VBZ", "DOES_X_HAS", "DOES_YOU", "DONT_NEEDS", "DO_HE_VERB",
    "HE_VERB_AGR", "IT_VBZ", "MASS_AGREEMENT", "NON3PRS_VERB", "PEOPLE_VBZ", "PERS_PRONOUN_AGREEMENT_SENT_START",
    "PLURAL_VERB_AFTER_THIS", "RELATIVE_CLAUSE_AGREEMENT", "SINGULAR_AGREEMENT_SENT_START",
    "SINGULAR_VERB_AFTER_THESE_OR_THOSE", "SOME_NN_VBP", "THE_NN_AND_THE_NN", "THERE_RE_MANY", "THERE_S_MANY",
    "THERE_WAS_MANY", "WHAT_VBZ",
)
#: The form of a verb after an auxiliary, a modal or "to" (must have wrote, will comes, to learns), wrong
#: participles and irregular pasts (he done it, payed, could've ate). PRP_PAST_PART ("He done it") is a
#: wrong past form, so it is here rather than under tense.
VERB_FORM = (
    "BEEN_PART_AGREEMENT", "BE_INTEREST_IN", "BE_IS", "BE_USE_TO_DO", "DID_BASEFORM", "DID_PAST", "DO_VBZ",
    "EAGER_TO", "FIRST_SERVED", "GAVE_GIVE", "GOING_TO_VBD", "HAD_VBP", "HAVE_PART_AGREEMENT", "IS_CAUSE_BY",
    "IT_IS_JJ_TO_VBG", "MD_BE_NON_VBP", "PAYED", "PLEASE_VBZ", "PREFER_TO_VBG", "PRP_PAST_PART", "SHOULD_BE_DO",
    "TO_NON_BASE", "TO_WITHDRAWN", "USE_TO_VERB", "WE_RB_ARE_VB",
    # TYPOS
    "AFTER_BEEN", "ALSO_KNOW", "AS_OPPOSE_TO_AS_OPPOSED_TO", "A_KNOW_BUG", "COULDVE_IRREGULAR_VERB",
    "HASNT_IRREGULAR_VERB", "I_AM_WORRY", "NEED_TO_VBG", "SEE_SEEN", "SUPPOSE_TO",
)
#: Real-word confusions filed under GRAMMAR (the CONFUSED_WORDS category and most TYPOS rules come in
#: whole, see above). COMP_THAN, PEAK_PIQUE and EACH_OTHERS are the ones confusables.py also pairs with
#: betareader's GRM rules.
CONFUSED_WORDS = (
    "AD_AND", "AND_END", "AS_ADJ_AS", "BE_FINED_WITH", "COMP_THAN", "EACH_OTHERS", "GOOD_GOOF", "IF_THERE",
    "IS_EVEN_WORST", "I_LIFE", "KNOT_NOT", "PEAK_PIQUE", "PROSTRATE_PROSTATE", "SENT_START_DOE", "SHOE_IN",
    "SUPERLATIVE_THAN", "THE_SAME_AS", "THE_WORSE_OF", "TOO_ADJECTIVE_TO", "WORSE_WORST", "WORST_WORSE",
)
#: Subject or object case of a pronoun, and who/whom (between you and I, let she do it, with who).
PRONOUN_CASE = (
    "BETWEEN_PRP", "IN_WHO", "LET_OBJECT", "OBJECTIVE_CASE", "POSSESSIVE_CASE", "WRONG_PRP_AT_SENT_START",
    # TYPOS
    "ABOUT_WHO_TO", "BETWEEN_YOU_AND_I", "CONFUSION_OF_ME_I", "WHOM_WHO", "WHO_WHOM",
)
#: A word missing (a verb, an article, "to", "am", a noun) or doubled or extra (the a, at the at the,
#: could should, I'm am). LanguageTool's word-repeat rule is Java code, so it has no examples here.
#: The PRP_* rules are missing-verb rules ("I accidentally the flashlight"), not pronoun case.
MISSING_DOUBLED = (
    "ADVERB_VERB_ADVERB_REPETITION", "ALLOW_TO_DO", "AM_I", "A_INFINITIVE", "BE_I_BE_GERUND", "BE_WILL",
    "CAN_ABLE_TO", "CAN_WHAT", "DEPEND_ON", "DONT_WHAT", "DO_YOU_WHAT", "DT_DT", "DT_JJ_NO_NOUN", "DT_PRP",
    "IN_1990s", "IN_PAST", "I_AFRAID", "I_AM", "I_MOVING", "MISSING_ARTICLE", "MISSING_NOUN", "MUST_HAVE_TO",
    "NEEDNT_TO_DO_AND_DONT_NEED_DO", "OUGHT_SAY", "PHRASE_REPETITION", "PRP_MD_CD_IN", "PRP_RB_NO_VB", "PRP_VB",
    "RELY_ON", "THE_BEST_WAY", "THE_EXACTLY_THE", "THE_PUNCT", "THE_SENT_END", "TWO_CONNECTED_MODAL_VERBS",
    # TYPOS
    "ID_WOULD", "IF_WHICH", "IM_AM", "ITS_IS", "IVE_HAVE", "THE_HOW", "VBZ_VBD", "WERE_ARE", "WITHOUT_OUT",
    "YOULL_WILL",
)
#: Tense and aspect: a present with "last year", "if I would have known", "was been", "I've having",
#: progressive forms of stative verbs. DATE_FUTURE_VERB_PAST (SEMANTICS) is left out: it compares a
#: date with today's.
TENSE = (
    "HAVE_HAVING", "IF_WOULD_HAVE_VBN", "MISSING_PAST_TENSE", "NON_ACTION_CONTINUOUS", "PROGRESSIVE_VERBS",
    "VE_HAVING", "WAS_BEEN", "WILL_LIKE_TO",
)
#: TYPOS rules that are not real-word confusions, so in no group.
TYPOS_NOT_CONFUSIONS = (
    # a compound split or joined (any body, in tact, on going, can setup, fort he)
    "AFTERALL", "AH_HA", "ALA_MODE", "ALLOT_OF", "ALLTHOUGH", "ALL_BE_IT", "ALL_MOST", "ALL_READY", "ALL_WAYS",
    "ALONG_SIDE", "ALONG_TIME", "ANINFOR_EVERY_DAY", "ANY_BODY", "ANY_WHERE", "APART_A_PART", "BACK_FIRE",
    "BEFORE_HAND", "BE_CAUSE", "BE_WARE", "BREW_HAHA", "CAN_BACKUP", "CAN_BLACKOUT", "CAN_NOT", "CAN_SETUP",
    "CAN_WORKOUT", "COULDNT_CARELESS", "CROWD_SOURCING", "DOWNPAYMENT", "DOWN_SIDE", "DT_BAIL_OUT", "EVERY_WHERE",
    "EYE_BROW", "FIGURE_HEAD", "FLAG_SHIP", "FLASHPOINT", "FORT_HE", "FOR_ALONG_TIME", "FOR_AWHILE", "FREE_LANCE",
    "FREE_LANCER", "FREE_LANCES", "FREE_LANCING", "GOON", "GOT_SHUTDOWN", "GOT_SHUTOUT", "HAST_O", "HEAD_GEAR",
    "HEAD_QUARTERS", "HEAD_SCARF", "HEAD_SCARVES", "HEAD_STONE", "HEAD_WEAR", "HEAVY_WEIGHT", "HOW_EVER",
    "INCASE_OF", "IN_ALONG_TIME", "IN_ANYWAY", "IN_STEAD_OF", "IN_TACT", "IN_THE_MEAN_TIME", "IN_TITLED",
    "IN_TO_INTO", "IT_SELF", "KEY_NOTE", "KEY_WORDS", "LAUGHING_STOCK", "LIFE_TIME", "LIGHT_WEIGHT", "MAY_BE",
    "MEAN_WHILE", "META_DATA", "MISS_VERB", "NATION_WIDE", "NEAR_BY", "NEW_COMER", "NOTE_WORTHY", "NOW_A_DAYS",
    "OFT_HE", "ON-GOING", "ON_GOING", "OTHER_WISE_OTHERWISE", "OUT_COME", "OUT_GROW", "OUT_SIDE", "OVER_LOOKED",
    "OVER_LOOKING", "OVER_RATED", "OVER_SEAS", "PAST_TIME", "RE_CENT", "SHORT_COMING", "SHORT_CUT", "SIDE_KICK",
    "SKY_DIVING", "SMARTPHONE", "SOME_HOW", "SOME_WHAT_JJ", "SOME_WHERE", "STALE_MATE", "STAND_ALONE_NN",
    "TAKE_AWHILE", "THEM_SELVES", "THROUGH_OUT", "TOT_HE", "TO_BACKOUT", "TO_BLACKOUT", "TO_COMEBACK",
    "UNDER_WEAR", "URINE_ANALYSIS", "VB_A_WHILE", "WAY_SIDE", "WEB_SITE", "WHERE_AS", "WIFI", "WITH_OUT",
    "WORLD_WIDE", "WORTH_WHILE",
    # apostrophes, contractions typed without one, capitals (cant, CD's, presidents speech, i)
    "APOSTROPHE_PLURAL", "APOS_RE", "CANT", "CA_PRP", "CD_APOSTROPHE_S", "CD_WEEK_S", "HUMANS_BEINGS",
    "ISSUES_WITH_CONTRACTIONS", "I_LOWERCASE", "LOT_S", "MASTERS", "MISSING_GENITIVE", "ONES",
    "PERS_PRON_CONTRACTION", "POSSESSIVE_APOSTROPHE", "VERB_APOSTROPHE_S", "WAN_T", "WONT_CONTRACTION",
    "WRONG_GENITIVE_APOSTROPHE", "YOURS_APOSTROPHE", "YOUR_S",
    # abbreviations, symbols, names, foreign phrases, words that are not words
    "AD_NAUSEUM", "AU", "BRUSSEL_SPROUT", "DE_FACTOR", "DE_JURO", "ET_AL", "FR", "HALO_HALLO", "HARRISON_FORD",
    "JIMMY_BUFFET", "JIMMY_HENDRIX", "LANGUAGE_TOOL", "NE", "OM", "ON_THE_CONTRAIRE", "PHILLIPS_ARENA",
    "PORTLAND_TRAILBLAZERS", "SCHROEDINGER", "TH_THORIUM", "TR", "WORD_CONTAINS_UNDERSCORE",
    # usage and idiom, not a confusion (comprised of, bored of, could care less, fewer/less, in January 1)
    "ALBUM_COMPRISED_OF", "ALL_THE_FARTHER", "AREA_COMPRISED_OF", "AS_FOLLOW", "AS_FOLLOW_AS_FOLLOWS",
    "AS_TIME_PROGRESSED", "BAND_COMPRISED_OF", "BORED_OF", "BUILD_OFF_OF", "BUTTLOAD", "CHOMPING_AT_THE_BIT",
    "COMPARISONS_AS_ADJECTIVE_AS", "COMPRISED_CHIEFLY_OF", "COMPRISED_PRINCIPALLY_OF", "COMPRISES_OF",
    "COMPRISE_OF", "COMPRISING_OF", "CONSTITUTES_OF", "COULD_CARE_LESS", "COULD_GIVE_A_DAMN", "DEGREE_CHANGE",
    "DISCUSSIONS_AROUND", "ENTIRELY_COMPRISED_OF", "FEWER_UNCOUNTABLE", "GOVERNMENT_COMPRISED_OF",
    "GRASPING_FOR_STRAWS", "GRILL_CHEESE", "HAIRS", "HARDLY_NEVER", "HISTORIC_RECORD", "IN_JANUARY", "IN_LAWS",
    "IN_PARENTHESIS", "IS_COMPRISED_MOSTLY_OF", "IS_COMPRISED_OF", "IS_CONTAINED_OF", "LESS_DOLLARSMINUTESHOURS",
    "MASH_POTATOES", "ONE_OF_THE_ONLY", "ON_THE_SAME_TOKEN", "PLAYS_A_FACTOR", "REALMS_OF_POSSIBILITY",
    "SAFETY_DEPOSIT_BOX", "SENSE_OF_FALSE_HOPEPRIVACYSECURITY", "SQUARED_SQUARE", "THANKS_YOU", "TRUE_TO_WORD",
    "WAS_COMPRISED_OF", "WERE_COMPRISED_OF", "WHICH_COMPRISED_OF", "WILL_BE_COMPRISED_OF", "WILL_COMPRISE_OF",
    "WOULD_COMPRISE_OF",
)

GROUPS = ("agreement", "verb-form", "confused-words", "pronoun-case", "missing/doubled", "commas", "tense")
_EXPLICIT = {
    **{r: "agreement" for r in AGREEMENT}, **{r: "verb-form" for r in VERB_FORM},
    **{r: "confused-words" for r in CONFUSED_WORDS}, **{r: "pronoun-case" for r in PRONOUN_CASE},
    **{r: "missing/doubled" for r in MISSING_DOUBLED}, **{r: "tense" for r in TENSE},
}


def group_of(ex: dict) -> str | None:
    """The group of an example's rule: one of GROUPS, OTHER, or None (not measured)."""
    if ex.get("default") == "off":
        return None
    rule, cat = ex["rule_id"], ex["category"]
    if rule in _EXPLICIT:
        return _EXPLICIT[rule]
    if cat == "PUNCTUATION" and "COMMA" in rule:
        return "commas"
    if cat == "CONFUSED_WORDS" or (cat == "TYPOS" and rule not in TYPOS_NOT_CONFUSIONS):
        return "confused-words"
    if cat == "GRAMMAR":
        return OTHER
    return None


# --------------------------------------------------------------------------- the examples


@dataclass
class Example:
    rule: str
    lt_category: str
    group: str
    kind: str  # "incorrect" or "correct"
    text: str
    start: int | None
    end: int | None


def load(corpus: Path) -> tuple[list[Example], list[str]]:
    """The measured examples, and the ids of the explicit lists that the file does not have."""
    rows = [json.loads(line) for line in (corpus / LT_FILE).read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for d in rows:
        group = group_of(d)
        if group is None or d["example_type"] not in ("incorrect", "correct"):
            continue
        if d["example_type"] == "incorrect" and d["marker_start"] is None:
            continue
        out.append(Example(d["rule_id"], d["category"], group, d["example_type"], d["text"],
                           d["marker_start"], d["marker_end"]))
    present = {d["rule_id"] for d in rows}
    absent = sorted(r for r in list(_EXPLICIT) + list(TYPOS_NOT_CONFUSIONS) if r not in present)
    return out, absent


def hit(findings: list[tuple[int, int, str]], start: int, end: int) -> bool:
    for fs, fe, _ in findings:
        fe = max(fe, fs + 1)  # an insertion point covers the character it stands before
        if fs < end + SLACK and start - SLACK < fe:
            return True
    return False


# --------------------------------------------------------------------------- the tools


@dataclass
class Tool:
    name: str
    version: str
    check: Callable[[str], list[tuple[int, int, str]]]  # text -> (start, end, label) of its error findings
    load_seconds: float = 0.0
    check_seconds: float = 0.0
    findings: dict = field(default_factory=dict)  # text -> findings
    quiet: bool = False  # the tool prints debugging lines of its own to file descriptor 1


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "?"


def betareader_tool() -> Tool:
    sys.path.insert(0, str(REPO_ROOT / "src"))
    from betareader import __version__
    from betareader.config import Config
    from betareader.engine import Engine

    engine = Engine(Config())
    kinds = {r.code: r.kind for r in engine.rules}

    def check(text: str) -> list[tuple[int, int, str]]:
        return [(f.start, f.end, f.code) for f in engine.check_text(text).findings if kinds.get(f.code) == "error"]

    return Tool("betareader", __version__, check)


def harper_tool() -> Tool | None:
    try:
        from harper import Dialect, Language, Linter
    except ImportError:
        return None
    linter = Linter(Dialect.AMERICAN)

    def check(text: str) -> list[tuple[int, int, str]]:
        return [(x.span.start, x.span.end, x.lint_kind_pretty) for x in linter.lint(text, language=Language.PLAINTEXT)]

    # harper-py 0.2.0's native code prints a few "gerund_form: ..." lines to stdout
    return Tool("harper", _version("harper-py"), check, quiet=True)


def quire_tools() -> tuple[list[Tool], str | None]:
    """quire (rules only) and, when its model is installed and loads, quire+model; and a note."""
    try:
        import quire_grammar
    except ImportError:
        return [], "quire-grammar: not installed (pip install -e .[bench]): its columns are left out"

    def counted(cs) -> list[tuple[int, int, str]]:
        return [(c.start, c.end, c.rule_id) for c in cs if c.category != "style"]

    tools = [Tool("quire", quire_grammar.__version__,
                  lambda text: counted(quire_grammar.check(text, disable=["model"])))]
    note = None
    try:
        from quire_grammar import model

        available = model.is_available()
    except Exception as exc:  # noqa: BLE001 - the model is optional; say why it is left out
        available, note = False, f"quire+model: the model did not load ({exc!r})"
    if available:
        tools.append(Tool("quire+model", f"{quire_grammar.__version__} + model {_version('quire-grammar-model')}",
                          lambda text: counted(quire_grammar.check(text))))
    elif note is None:
        note = "quire+model: quire-grammar-model (or onnxruntime/tokenizers) not installed: its columns are left out"
    return tools, note


@contextmanager
def _stdout_to_devnull(on: bool):
    """File descriptor 1 to /dev/null for the duration (native code writes there directly)."""
    if not on:
        yield
        return
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def run(tool: Tool, texts: list[str]) -> None:
    with _stdout_to_devnull(tool.quiet):
        _run(tool, texts)


def _run(tool: Tool, texts: list[str]) -> None:
    t0 = time.perf_counter()
    tool.check(WARM_UP)
    tool.load_seconds += time.perf_counter() - t0
    t0 = time.perf_counter()
    for text in texts:
        tool.findings[text] = tool.check(text)
    tool.check_seconds = time.perf_counter() - t0


# --------------------------------------------------------------------------- scoring


def score(examples: list[Example], tools: list[Tool]) -> tuple[dict, dict]:
    """Per group (and the pooled row) and per LanguageTool rule: counts per tool."""
    groups: dict[str, dict] = {}
    rules: dict[str, dict] = {}

    def blank() -> dict:
        return {"incorrect": 0, "correct": 0, "found": Counter(), "false_alarms": Counter()}

    for ex in examples:
        keys = [ex.group] + ([TOTAL] if ex.group in GROUPS else [])
        rs = rules.setdefault(ex.rule, {"group": ex.group, "lt_category": ex.lt_category, **blank()})
        for st in [groups.setdefault(k, blank()) for k in keys] + [rs]:
            st[ex.kind] += 1
            for tool in tools:
                fs = tool.findings[ex.text]
                if ex.kind == "incorrect" and hit(fs, ex.start, ex.end):
                    st["found"][tool.name] += 1
                elif ex.kind == "correct" and fs:
                    st["false_alarms"][tool.name] += 1
    return groups, rules


def alarm_sources(examples: list[Example], tool: Tool) -> Counter:
    """Which rule (or Harper lint kind) the findings on correct fiction-relevant examples come from."""
    c = Counter()
    for ex in examples:
        if ex.kind == "correct" and ex.group in GROUPS:
            c.update({label for _, _, label in tool.findings[ex.text]})
    return c


def pct(k: int, n: int) -> str:
    return f"{100 * k / n:.1f}%" if n else "-"


def rate(k: int, n: int) -> float | None:
    return round(k / n, 4) if n else None


# --------------------------------------------------------------------------- printing


def print_table(groups: dict, tools: list[Tool], order: list[str]) -> None:
    head1 = ["", "examples", ""] + [t.name for t in tools for _ in (0, 1)]
    head2 = ["group", "incorrect", "correct"] + ["recall", "false al."] * len(tools)
    rows = []
    for g in order:
        st = groups.get(g)
        if st is None:
            continue
        row = [g, f"{st['incorrect']:,}", f"{st['correct']:,}"]
        for t in tools:
            row += [pct(st["found"][t.name], st["incorrect"]), pct(st["false_alarms"][t.name], st["correct"])]
        rows.append(row)
    cells = [head2] + rows
    w = [max(len(r[i]) for r in cells) for i in range(len(head2))]
    for i in range(len(tools)):  # a tool's name spans its two columns
        a = 3 + 2 * i
        need = len(tools[i].name) - (w[a] + 2 + w[a + 1])
        if need > 0:
            w[a + 1] += need

    def line(r, spans=False):
        out = [r[0].ljust(w[0]), r[1].rjust(w[1]), r[2].rjust(w[2])]
        if spans:
            out = [r[0].ljust(w[0]), "examples".rjust(w[1] + 2 + w[2])]
            for i, t in enumerate(tools):
                a = 3 + 2 * i
                out.append(t.name.center(w[a] + 2 + w[a + 1]))
        else:
            out += [c.rjust(w[i + 3]) for i, c in enumerate(r[3:])]
        return "  ".join(out).rstrip()

    print(line(head1, spans=True))
    print(line(head2))
    print("  ".join("-" * x for x in w))
    for r in rows:
        if r[0] == TOTAL:
            print("  ".join("-" * x for x in w))
        print(line(r))


def print_misses(examples: list[Example], tool: Tool, order: list[str]) -> None:
    print(f"\nIncorrect examples {tool.name} missed (⟦marker⟧; → what it flagged elsewhere in the sentence):")
    by_rule = Counter()
    for g in order:
        missed = [ex for ex in examples if ex.group == g and ex.kind == "incorrect"
                  and not hit(tool.findings[ex.text], ex.start, ex.end)]
        if not missed:
            continue
        print(f"\n{g} ({len(missed)})")
        for ex in sorted(missed, key=lambda e: e.rule):
            by_rule[ex.rule] += 1
            t = ex.text
            marked = f"{t[:ex.start]}⟦{t[ex.start:ex.end]}⟧{t[ex.end:]}"
            other = ", ".join(f"{lab} {t[s:e]!r}" for s, e, lab in tool.findings[ex.text])
            print(f"  {ex.rule:34} {marked}" + (f"   → {other}" if other else ""))
    if by_rule:
        print(f"\nMisses per LanguageTool rule ({tool.name}): "
              + ", ".join(f"{r} {n}" for r, n in by_rule.most_common()))


# --------------------------------------------------------------------------- main


def parse_category(value: str | None) -> list[str]:
    names = list(GROUPS) + [OTHER]
    if not value:
        return names
    v = value.strip().lower().replace("_", "-")
    for n in names:
        if v in (n, n.replace("/", "-"), n.replace(" ", "-"), n.split()[0], n.split("/")[0]):
            return [n]
    raise SystemExit(f"--category: no group {value!r} (have {', '.join(names)})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                    help="corpus folder with grammar/ (default: ../shared/corpus from the repo root)")
    ap.add_argument("--no-harper", action="store_true", help="leave Harper out")
    ap.add_argument("--no-quire", action="store_true", help="leave quire-grammar (and quire+model) out")
    ap.add_argument("--category", metavar="NAME",
                    help=f"one group only: {', '.join(GROUPS)} or other")
    ap.add_argument("--misses", metavar="TOOL",
                    help="print the incorrect examples TOOL missed (betareader, harper, quire, quire+model)")
    ap.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write the results")
    args = ap.parse_args(argv)

    if not (args.corpus / LT_FILE).is_file():
        print(f"need {LT_FILE} in {args.corpus}", file=sys.stderr)
        return 2
    order = parse_category(args.category)
    examples, absent = load(args.corpus)
    examples = [ex for ex in examples if ex.group in order]
    if absent:
        print(f"note: {len(absent)} rule id(s) of the mapping are not in the file: {', '.join(absent)}",
              file=sys.stderr)

    tools: list[Tool] = []
    t0 = time.perf_counter()
    tools.append(betareader_tool())
    tools[-1].load_seconds = time.perf_counter() - t0
    notes = []
    if not args.no_harper:
        t0 = time.perf_counter()
        h = harper_tool()
        if h is None:
            notes.append("harper: harper-py not installed (pip install -e .[bench]): its columns are left out")
        else:
            h.load_seconds = time.perf_counter() - t0
            tools.append(h)
    if not args.no_quire:
        t0 = time.perf_counter()
        qs, note = quire_tools()
        for q in qs:
            q.load_seconds = time.perf_counter() - t0  # the import (and the model's load), which each would pay
        tools += qs
        if note:
            notes.append(note)
    if args.misses and args.misses not in [t.name for t in tools]:
        raise SystemExit(f"--misses: {args.misses!r} is not among the tools run ({', '.join(t.name for t in tools)})")

    texts = list(dict.fromkeys(ex.text for ex in examples))
    for tool in tools:
        run(tool, texts)

    groups, rules = score(examples, tools)
    shown = order + ([TOTAL] if sum(g in GROUPS for g in order) > 1 else [])
    n_inc = sum(ex.kind == "incorrect" for ex in examples)
    print(f"LanguageTool's English rule examples ({LT_FILE}, 2019): {n_inc:,} incorrect and "
          f"{len(examples) - n_inc:,} correct examples of {len(rules):,} rules, {len(texts):,} distinct sentences, "
          f"each checked alone")
    print(f"recall: an error finding overlaps LanguageTool's marker (±{SLACK} character); "
          "false al.: any error finding on a correct example\n")
    for note in notes:
        print(f"note: {note}")
    print_table(groups, tools, shown)

    print()
    print("  ".join(["tool".ljust(12), "version".ljust(26), "load s".rjust(7), "check s".rjust(8),
                     "sentences".rjust(9), "ms/sentence".rjust(11)]))
    for t in tools:
        print("  ".join([t.name.ljust(12), t.version[:26].ljust(26), f"{t.load_seconds:7.2f}",
                         f"{t.check_seconds:8.2f}", f"{len(texts):9,}",
                         f"{1000 * t.check_seconds / max(1, len(texts)):11.2f}"]))

    sources = {t.name: alarm_sources(examples, t) for t in tools}
    if any(g in GROUPS for g in order):
        print("\nWhere the false alarms on correct fiction-relevant examples come from (sentences per rule or lint kind):")
        for t in tools:
            top = sources[t.name].most_common(10)
            print(f"  {t.name}: " + (", ".join(f"{lab} {n}" for lab, n in top) if top else "none"))

    if args.misses:
        print_misses(examples, next(t for t in tools if t.name == args.misses), order)

    out = {
        "meta": {
            "when": time.strftime("%Y-%m-%d %H:%M"), "python": platform.python_version(),
            "corpus": str(args.corpus), "file": str(LT_FILE), "slack": SLACK, "groups": order,
            "tools": {t.name: t.version for t in tools}, "notes": notes, "sentences": len(texts),
            "mapping": {
                "agreement": AGREEMENT, "verb-form": VERB_FORM, "confused-words (besides CONFUSED_WORDS and TYPOS)":
                CONFUSED_WORDS, "pronoun-case": PRONOUN_CASE, "missing/doubled": MISSING_DOUBLED, "tense": TENSE,
                "commas": "PUNCTUATION rules whose id contains COMMA", "typos_not_confusions": TYPOS_NOT_CONFUSIONS,
                "left out": "rules off by default in LanguageTool; categories other than GRAMMAR, TYPOS, "
                            "CONFUSED_WORDS, PUNCTUATION",
            },
        },
        "timing": {t.name: {"load_seconds": round(t.load_seconds, 2), "check_seconds": round(t.check_seconds, 2),
                            "ms_per_sentence": round(1000 * t.check_seconds / max(1, len(texts)), 2)} for t in tools},
        "groups": {
            g: {"incorrect": st["incorrect"], "correct": st["correct"],
                "tools": {t.name: {"found": st["found"][t.name], "recall": rate(st["found"][t.name], st["incorrect"]),
                                   "false_alarms": st["false_alarms"][t.name],
                                   "false_alarm_rate": rate(st["false_alarms"][t.name], st["correct"])}
                          for t in tools}}
            for g, st in groups.items()
        },
        "false_alarm_sources": {name: dict(c.most_common()) for name, c in sources.items()},
        "rules": {
            r: {"group": st["group"], "lt_category": st["lt_category"], "incorrect": st["incorrect"],
                "correct": st["correct"], "found": {t.name: st["found"][t.name] for t in tools},
                "false_alarms": {t.name: st["false_alarms"][t.name] for t in tools}}
            for r, st in sorted(rules.items())
        },
    }
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nresults: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
