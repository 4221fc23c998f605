"""LanguageTool's HTTP API v2, answered by betareader: what ``POST /v2/check`` reads and writes.

The LanguageTool browser add-on (Google Docs and every web text box, AO3's posting form
included), the Obsidian and LibreOffice LanguageTool options, LTeX+ and ``language_tool_python``
all speak this API to a server of the writer's choosing; ``betareader serve`` answers it, so that
fiction-aware checking appears where the writer types, with no text leaving the machine.  This
module is the protocol, without HTTP: the request's parameters (:func:`parse_request`), the
annotated text that web editors send (:class:`Annotated`), and the answer in LanguageTool's shape
(:func:`answer`).  The route is ``server/routes/languagetool.py``.

Offsets and lengths are in UTF-16 code units, as LanguageTool's Java strings and the browsers'
JavaScript count them (:class:`Utf16`): an emoji before a word is two units there and one code
point here.  With annotated text they count the whole annotated string, markup included, as
LanguageTool's do, so an editor underlines the right words around its own markup.

Rule ids are betareader's codes; each family (and a few rules) is given LanguageTool's category
and issue type (:data:`CATEGORY_OF`), so clients colour spelling, grammar and style as they do
LanguageTool's, and ``disabledCategories=STYLE`` turns every craft note off.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from .. import __version__
from ..families import CODE_RE
from ..rules.base import CRAFT

#: LanguageTool's category ids and names (the ones betareader's rules map to)
CATEGORIES = {
    "TYPOS": "Possible Typo",
    "GRAMMAR": "Grammar",
    "CONFUSED_WORDS": "Commonly Confused Words",
    "PUNCTUATION": "Punctuation",
    "TYPOGRAPHY": "Typography",
    "CASING": "Capitalization",
    "COMPOUNDING": "Compounding",
    "MISC": "Miscellaneous",
    "STYLE": "Style",
}

#: (category id, LanguageTool issue type) of each family, then of single rules that differ
_FAMILY = {
    "SPL": ("TYPOS", "misspelling"),
    "GRM": ("GRAMMAR", "grammar"),
    "DLG": ("PUNCTUATION", "typographical"),
    "TYP": ("TYPOGRAPHY", "typographical"),
    "CRF": ("STYLE", "style"),
}
_RULE = {
    **{c: ("CONFUSED_WORDS", "grammar") for c in (
        "GRM001", "GRM002", "GRM006", "GRM007", "GRM008", "GRM009", "GRM010", "GRM011", "GRM012",
        "GRM013", "GRM014", "GRM015", "GRM016", "GRM017", "GRM018", "GRM020")},
    "GRM019": ("CASING", "typographical"),
    "GRM026": ("PUNCTUATION", "typographical"),
    **{c: ("CASING", "typographical") for c in (
        "DLG002", "DLG005", "DLG008", "DLG011", "DLG014", "TYP007", "TYP008", "TYP012", "TYP013")},
    **{c: ("PUNCTUATION", "typographical") for c in ("TYP003", "TYP004", "TYP009", "TYP010", "TYP011")},
    **{c: ("TYPOGRAPHY", "whitespace") for c in ("TYP001", "TYP002", "TYP005", "TYP019")},
    "TYP006": ("MISC", "duplication"),
    **{c: ("COMPOUNDING", "misspelling") for c in ("TYP014", "TYP015", "TYP016")},
    "TYP018": ("TYPOS", "inconsistency"),
    "SPL005": ("TYPOS", "misspelling"),
}
#: spelling findings a client underlines as an unknown word (its "add to dictionary" applies)
_UNKNOWN_WORD = frozenset({"SPL001", "SPL002", "SPL005"})


def category_of(code: str) -> tuple[str, str]:
    """(LanguageTool category id, issue type) of a rule code."""
    return _RULE.get(code) or _FAMILY[code[:3]]


#: the languages betareader answers for: (name, code, longCode) as ``GET /v2/languages`` lists
#: them, and the dialect each is checked in ("auto": the story's own spellings decide)
LANGUAGES = (
    ("English", "en", "en", "auto"),
    ("English (US)", "en", "en-US", "en-US"),
    ("English (GB)", "en", "en-GB", "en-GB"),
    ("English (Australian)", "en", "en-AU", "en-GB"),
    ("English (New Zealand)", "en", "en-NZ", "en-GB"),
    ("English (South African)", "en", "en-ZA", "en-GB"),
    ("English (Canadian)", "en", "en-CA", "auto"),
)
_BY_CODE = {long.lower(): (name, long, dialect) for name, _, long, dialect in LANGUAGES}
_NAME_OF_DIALECT = {"en-US": ("English (US)", "en-US"), "en-GB": ("English (GB)", "en-GB")}


class LTError(Exception):
    """A request LanguageTool would refuse: 400 with this one-line message."""


@dataclass
class Annotated:
    """The text a client sent and the plain text betareader checks.  For ``text=`` the two are
    the same; for ``data=`` (LanguageTool's annotated text: ``{"annotation": [{"text": ...},
    {"markup": ..., "interpretAs": ...}]}``) the plain text is the text parts and each markup's
    ``interpretAs`` (``"\\n\\n"`` for a paragraph tag), and the original is every part, markup
    included, which is what the answer's offsets count."""

    plain: str
    original: str
    #: (plain start, original start, plain length, original length, is markup), in order
    parts: list[tuple[int, int, int, int, bool]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = [p[0] for p in self.parts]

    def to_original(self, pos: int, end: bool = False) -> int:
        """The original offset of plain offset ``pos`` (a span's start, or its end with
        ``end=True``).  Inside a markup's ``interpretAs`` a start moves to the markup's start and
        an end to the markup's end, so a span never cuts a tag in two."""
        if not self.parts:
            return pos
        starts = self._starts
        i = (bisect_left(starts, pos) - 1) if end else (bisect_right(starts, pos) - 1)
        i = max(0, min(i, len(self.parts) - 1))
        ps, os, pl, ol, markup = self.parts[i]
        if markup:
            return os + ol if end else os
        return os + min(max(pos - ps, 0), ol)


def annotated(data: str) -> Annotated:
    """Read LanguageTool's annotated-text JSON (``data=``)."""
    try:
        obj = json.loads(data)
    except ValueError:
        raise LTError("'data' is not valid JSON (LanguageTool's annotated text was expected)") from None
    items = obj.get("annotation") if isinstance(obj, dict) else None
    if isinstance(obj, dict) and isinstance(obj.get("text"), str) and items is None:
        return Annotated(obj["text"], obj["text"])  # {"text": ..., "metaData": {...}}
    if not isinstance(items, list):
        raise LTError("'data' needs an 'annotation' list of {\"text\": ...} and {\"markup\": ...} items")
    plain, original, parts = [], [], []
    pp = op = 0
    for item in items:
        if not isinstance(item, dict):
            raise LTError("each item of 'annotation' must be an object")
        if "text" in item:
            orig = shown = item["text"]
            if not isinstance(orig, str) or "markup" in item:
                raise LTError("an annotation item has either a 'text' string or a 'markup' string")
        elif "markup" in item:
            orig, shown = item["markup"], item.get("interpretAs", "")
            if not isinstance(orig, str) or not isinstance(shown, str):
                raise LTError("'markup' and 'interpretAs' must be strings")
        else:
            raise LTError("an annotation item needs 'text' or 'markup'")
        parts.append((pp, op, len(shown), len(orig), "markup" in item))
        plain.append(shown)
        original.append(orig)
        pp += len(shown)
        op += len(orig)
    return Annotated("".join(plain), "".join(original), parts)


class Utf16:
    """Code-point offsets of one string as UTF-16 code units: each character above U+FFFF
    before an offset (an emoji, a rare CJK character) adds one unit."""

    def __init__(self, text: str) -> None:
        self.astral = [m.start() for m in _ASTRAL_RE.finditer(text)] if not text.isascii() else []

    def __call__(self, pos: int) -> int:
        return pos + bisect_left(self.astral, pos) if self.astral else pos


@dataclass
class LTRequest:
    """A ``/v2/check`` request as betareader runs it."""

    source: Annotated
    language: str  # the code asked for ("auto", "en-US", ...)
    dialect: str  # "auto", "en-US" or "en-GB"
    select: list[str]  # empty: the configured rules
    ignore: list[str]
    picky: bool = False
    #: False when only rules that are not betareader's were asked for (``enabledOnly``), or a
    #: language betareader does not read
    run: bool = True
    #: False for a language betareader does not read (answered with no matches)
    english: bool = True


def _codes(value: str | None) -> list[str]:
    """Our rule codes among a comma-separated list of LanguageTool rule ids (clients send
    LanguageTool's own ids, such as ``WHITESPACE_RULE``: they are not ours, and are skipped)."""
    from ..rules import REGISTRY

    return [c for c in (v.strip().upper() for v in (value or "").split(",")) if CODE_RE.match(c) and REGISTRY.get(c)]


def _categories(value: str | None) -> set[str]:
    return {v.strip().upper() for v in (value or "").split(",") if v.strip()}


def _codes_in(categories: set[str]) -> list[str]:
    """The rules in these categories; a family's prefix (``CRF``) or ``CRAFT`` work too."""
    from ..rules import REGISTRY

    out = []
    for r in REGISTRY:
        cat = category_of(r.code)[0]
        if cat in categories or r.code[:3] in categories or ("CRAFT" in categories and r.kind == CRAFT):
            out.append(r.code)
    return out


def parse_request(params: dict[str, str]) -> LTRequest:
    """The parameters of ``/v2/check`` (form fields or query string): ``text`` or ``data``,
    ``language``, ``preferredVariants``, ``enabledRules``, ``disabledRules``,
    ``enabledCategories``, ``disabledCategories``, ``enabledOnly`` and ``level``.  Others
    (``motherTongue``, ``username``, ``apiKey``...) are accepted and have no effect."""
    text, data = params.get("text"), params.get("data")
    if text is None and data is None:
        raise LTError("missing 'text' or 'data' parameter")
    source = annotated(data) if data is not None and text is None else Annotated(text or "", text or "")
    language = (params.get("language") or "").strip()
    if not language:
        raise LTError("missing 'language' parameter (e.g. language=en-US, or auto)")
    if not _TAG_RE.match(language):
        raise LTError(f"'{language}' is not a language code (e.g. en-US, en-GB, or auto)")
    if language.lower() == "auto":
        dialect = "auto"
        for variant in (params.get("preferredVariants") or "").split(","):
            known = _BY_CODE.get(variant.strip().lower())
            if known:
                dialect = known[2]
                break
    else:
        known = _BY_CODE.get(language.lower())
        if known is not None:
            language, dialect = known[1], known[2]
        elif language.lower().split("-")[0] == "en":
            dialect = "auto"  # another English (en-IE, en-IN): the story's own spellings decide
        else:
            dialect = ""  # a language betareader does not read: answered with no matches
    enabled_only = (params.get("enabledOnly") or "").strip().lower() in ("true", "yes")
    enabled = _codes(params.get("enabledRules"))
    enabled_cats = _categories(params.get("enabledCategories"))
    ignore = _codes(params.get("disabledRules")) + _codes_in(_categories(params.get("disabledCategories")))
    select: list[str] = []
    if enabled_only:
        if not params.get("enabledRules") and not enabled_cats:
            raise LTError("enabledOnly=true needs enabledRules or enabledCategories")
        select = enabled + _codes_in(enabled_cats)
    picky = (params.get("level") or "").strip().lower() == "picky"
    run = (bool(select) or not enabled_only) and dialect != ""
    return LTRequest(source, language, dialect or "auto", select, ignore, picky, run=run, english=dialect != "")


def looks_english(text: str, sample: int = 400) -> bool:
    """With ``language=auto``: is this text English enough to check?  A browser add-on sends
    every text box, in every language the writer types; a German or French one would be all
    'unknown words'.  Of the first ``sample`` words (when there are 20 or more), half must be
    English words and one in ten one of English's commonest words (``the``, ``and``, ``was``...:
    French shares many words with English's lexicon, but not those)."""
    from ..spelling.lexicon import get_lexicon

    words = _WORD_RE.findall(text, 0, 20_000)[:sample]
    if len(words) < 20:
        return True  # too short to tell: checked as English
    lower = [w.lower() for w in words]
    if sum(1 for w in lower if w in _COMMON) < len(words) / 10:
        return False
    lex = get_lexicon()
    known = sum(1 for w, lw in zip(words, lower) if lex.known(w) or lex.known(lw))
    return known >= len(words) / 2


#: English's commonest words, which every stretch of English prose is full of
_COMMON = frozenset("""the and to of a i in was he that it his her you with she for had is on at as but be
not they him my me we have this from so all were there by what said one if or are when an your out up
no into them would been could then do did their who now about back over just like can will""".split())


#: a character above U+FFFF: two UTF-16 code units
_ASTRAL_RE = re.compile("[\U00010000-\U0010FFFF]")
#: a BCP 47 language tag, loosely (``en``, ``en-US``, ``ca-ES-valencia``, ``de-DE-x-simple-language``)
_TAG_RE = re.compile(r"^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$")
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def languages() -> list[dict]:
    """``GET /v2/languages``."""
    return [{"name": name, "code": code, "longCode": long} for name, code, long, _ in LANGUAGES]


def software() -> dict:
    return {"name": "betareader", "version": __version__, "buildDate": None, "apiVersion": 1,
            "premium": False, "status": "", "premiumHint": None}


#: characters of context on each side of a match, as LanguageTool gives
CONTEXT = 40


def answer(req: LTRequest, doc, findings, rules: dict, dialect: str, english: bool = True) -> dict:
    """The ``/v2/check`` answer for ``findings`` of ``doc`` (built from ``req.source.plain``).
    ``dialect`` is the one the check used (the story's own when asked for ``auto``)."""
    name, code = _NAME_OF_DIALECT.get(dialect, ("English (US)", "en-US"))
    if req.language != "auto":
        known = _BY_CODE.get(req.language.lower())
        name, code = known[:2] if known else (req.language, req.language)
    detected = {"name": name, "code": code, "confidence": 0.99 if english else 0.0, "source": "betareader"}
    if not english:
        detected = {"name": "Unknown language", "code": "zz", "confidence": 0.0, "source": "betareader"}
        findings = []
    src = req.source
    plain = src.plain
    orig16 = Utf16(src.original)
    plain16 = Utf16(plain)
    sentences = list(doc.sentences()) if findings else []
    sent_starts = [s for s, _ in sentences]
    matches = []
    for f in findings:
        rule = rules.get(f.code)
        if rule is None:
            continue
        start, end = src.to_original(f.start), src.to_original(f.end, end=True)
        end = max(end, start)
        o16, e16 = orig16(start), orig16(end)
        cat, issue = category_of(f.code)
        matches.append({
            "message": f.message,
            "shortMessage": rule.name.replace("-", " "),
            "replacements": [{"value": r} for r in _replacements(f, plain)],
            "offset": o16,
            "length": e16 - o16,
            "context": _context(plain, f.start, f.end, plain16),
            "sentence": _sentence(plain, sentences, sent_starts, f.start, f.end),
            "type": {"typeName": "UnknownWord" if f.code in _UNKNOWN_WORD else ("Hint" if rule.kind == CRAFT else "Other")},
            "rule": {
                "id": f.code,
                "description": rule.summary_line(),
                "issueType": issue,
                "category": {"id": cat, "name": CATEGORIES[cat]},
                "isPremium": False,
                "confidence": 0.9 if rule.kind != CRAFT else 0.5,
            },
            "ignoreForIncompleteSentence": False,
            "contextForSureMatch": 0,
        })
    return {
        "software": software(),
        "warnings": {"incompleteResults": False},
        "language": {"name": name, "code": code, "detectedLanguage": detected},
        "matches": matches,
    }


def _replacements(f, plain: str) -> list[str]:
    """What may replace the match's span, as LanguageTool's replacements do: the fix applied
    to the span (when its edits lie inside it), then the rule's other suggestions when they are
    replacements of the whole span (the fix replaces exactly the span, or a spelling rule with
    no fix).  A suggestion that is not (a comma to insert) is left to the message."""
    out: list[str] = []
    edits = sorted(f.fix.edits, key=lambda e: e.start) if f.fix is not None else []
    whole = f.code.startswith("SPL") and not edits
    if edits and all(f.start <= e.start and e.end <= f.end for e in edits):
        pieces, pos = [], f.start
        for e in edits:
            pieces += [plain[pos:e.start], e.text]
            pos = e.end
        out.append("".join(pieces) + plain[pos:f.end])
        whole = len(edits) == 1 and edits[0].start == f.start and edits[0].end == f.end
    if whole:
        out += f.suggestions
    return list(dict.fromkeys(out))[:5]


def _context(plain: str, start: int, end: int, u16: Utf16) -> dict:
    """LanguageTool's context: up to :data:`CONTEXT` characters each side, cut with ``...``,
    line breaks shown as spaces; offset and length in UTF-16 units of the context."""
    lo, hi = max(0, start - CONTEXT), min(len(plain), end + CONTEXT)
    before = ("..." if lo > 0 else "") + plain[lo:start]
    body = plain[start:end]
    after = plain[end:hi] + ("..." if hi < len(plain) else "")
    text = (before + body + after).replace("\r", " ").replace("\n", " ")
    off = len(before) + len(_ASTRAL_RE.findall(before))
    length = u16(end) - u16(start)
    return {"text": text, "offset": off, "length": length}


def _sentence(plain: str, sentences, starts, start: int, end: int) -> str:
    i = bisect_right(starts, start) - 1
    if i >= 0 and sentences[i][1] >= end:
        return plain[sentences[i][0]:sentences[i][1]]
    lo = max(plain.rfind("\n", 0, start) + 1, start - 300)
    hi = plain.find("\n", end)
    hi = len(plain) if hi < 0 else min(hi, end + 300)
    return plain[lo:hi]
