"""Core types of the rules framework: Edit, Fix, Finding, Rule and the Registry.

A rule is a small class with a stable code, metadata, a docstring with fixed headings
(*What it does / Why it matters / Example / Fix safety*) and one check function.
Paragraph rules read one paragraph and report offsets relative to it; the engine shifts
them and caches their findings per paragraph.  Document rules read the whole Document.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, ClassVar, Iterable, Iterator

from ..families import CODE_RE

if TYPE_CHECKING:
    from ..model import Document, Paragraph

ERROR = "error"
CRAFT = "craft"
KINDS = (ERROR, CRAFT)
SEVERITIES = ("error", "warning", "info")
SAFE = "safe"
UNSAFE = "unsafe"
NEVER = "never"
SOMETIMES = "sometimes"
ALWAYS = "always"

DOC_HEADINGS = ("What it does", "Why it matters", "Example", "Fix safety")


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``text[start:end]`` with ``text``."""

    start: int
    end: int
    text: str

    def shifted(self, by: int) -> "Edit":
        return Edit(self.start + by, self.end + by, self.text)


@dataclass(frozen=True, slots=True)
class Fix:
    edits: tuple[Edit, ...]
    applicability: str  # SAFE or UNSAFE

    def shifted(self, by: int) -> "Fix":
        return Fix(tuple(e.shifted(by) for e in self.edits), self.applicability)


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported problem, at ``text[start:end]``."""

    code: str
    start: int
    end: int
    message: str
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    severity: str | None = None  # the rule's; the engine puts the configured one in its place

    def shifted(self, by: int) -> "Finding":
        if not by:
            return self
        return replace(
            self, start=self.start + by, end=self.end + by, fix=self.fix.shifted(by) if self.fix else None
        )


#: The story-wide facts a paragraph rule may ask about one word (see :class:`Context`).
NAME = "name"
LOWERCASE = "lowercase"


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may read besides the paragraph: the document style and options.

    Paragraph rules ask about the story's words one word at a time, through :meth:`is_name` and
    :meth:`uses_lowercase`, instead of reading the story-wide sets (``doc.names``,
    ``doc.lowercase_words``).  When ``reads`` is a list, every question and its answer is
    appended to it: the engine keeps them with a paragraph's cached findings and reuses the
    findings for a later document only when every answer is still the same there, so that one
    edit that adds a word to the story re-checks only the paragraphs that asked about it."""

    doc: "Document"
    dialect: str = "en-US"
    options: dict = field(default_factory=dict)
    reads: list | None = None  # (fact, word, answer) triples, recorded when a list

    def is_name(self, word: str) -> bool:
        """Is ``word`` one of the story's names (``doc.names``: capitalised mid-sentence, never
        written in lowercase)?"""
        answer = word in self.doc.names
        if self.reads is not None:
            self.reads.append((NAME, word, answer))
        return answer

    def uses_lowercase(self, word: str) -> bool:
        """Does the story write ``word`` in lowercase somewhere (``doc.lowercase_words``)?"""
        answer = word in self.doc.lowercase_words
        if self.reads is not None:
            self.reads.append((LOWERCASE, word, answer))
        return answer

    def config_words(self):
        """The personal dictionary's words (the ``words`` option, a set), which count as names."""
        words = self.options.get("words") if self.options else None
        return words if words is not None else frozenset()


def fact(doc: "Document", name: str, word: str) -> bool:
    """The answer :class:`Context` gives about ``word`` in ``doc`` (for re-checking recorded reads)."""
    return word in (doc.names if name == NAME else doc.lowercase_words)


class Rule:
    """Base class for rules.  Subclasses set the class attributes and override one check."""

    code: ClassVar[str]
    name: ClassVar[str]
    kind: ClassVar[str] = ERROR
    severity: ClassVar[str] = "error"
    default_enabled: ClassVar[bool] = True
    fix_availability: ClassVar[str] = NEVER
    fix_applicability: ClassVar[str | None] = None
    scope: ClassVar[str] = "paragraph"  # or "document"
    #: paragraph kinds a paragraph rule reads
    kinds: ClassVar[frozenset[str]] = frozenset({"text", "note"})
    #: loads large data (the speller's lexicon): when the tagger runs in a helper process, such
    #: rules run after it has exited, so the two never hold their memory at once
    heavy: ClassVar[bool] = False
    #: the rule's name as words, in a sentence of the beta letter ("its/it's ×3"); unset: the
    #: name with spaces for hyphens ("doubled word")
    label: ClassVar[str | None] = None

    @classmethod
    def words(cls) -> str:
        return cls.label or cls.name.replace("-", " ")

    def cache_key(self, ctx: Context) -> tuple:
        """Values besides the paragraph text that change a paragraph rule's findings."""
        return (ctx.dialect,)

    def check_paragraph(self, para: "Paragraph", ctx: Context) -> Iterable[Finding]:
        """Findings with offsets relative to the paragraph."""
        return ()

    def prepare(self, ctx: Context) -> None:
        """Called once per document before its paragraphs are checked, when the engine can
        overlap work (the confusable-word rules hand their tag windows to the tagger here)."""

    def check_document(self, doc: "Document", ctx: Context) -> Iterable[Finding]:
        """Findings with absolute offsets."""
        return ()

    # helpers ---------------------------------------------------------------
    def finding(
        self,
        start: int,
        end: int,
        message: str,
        replacement: str | None = None,
        *,
        suggestions: Iterable[str] = (),
        applicability: str | None = None,
        edits: Iterable[Edit] | None = None,
    ) -> Finding:
        """A finding; ``replacement`` makes a one-edit fix replacing the span itself."""
        fix = None
        sugg = tuple(suggestions)
        if edits is not None:
            fix = Fix(tuple(edits), applicability or self.fix_applicability or SAFE)
        elif replacement is not None:
            fix = Fix((Edit(start, end, replacement),), applicability or self.fix_applicability or SAFE)
            if not sugg:
                sugg = (replacement,)
        return Finding(self.code, start, end, message, sugg, fix, self.severity)

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary_line(cls) -> str:
        """The docstring's first paragraph as one line (a summary wrapped over two source lines
        is not cut at the first)."""
        return " ".join(cls.doc().split("\n\n", 1)[0].split())


class CraftRule(Rule):
    """Base of the CRF rules: advice (``craft``, severity info unless a rule says otherwise), no
    automatic fix, read over the whole story's text paragraphs (authors' notes and summaries get
    no craft notes)."""

    kind = CRAFT
    severity = "info"
    fix_availability = NEVER
    scope = "document"
    kinds = frozenset({"text"})
    #: how the beta letter weighs this rule's notes per 10,000 words against the others' when it
    #: has no letter line of its own: the story's shape (backstory, head-hopping) before its lines,
    #: as an editor works
    letter_weight = 1.0


class Registry:
    """All rules by code, in code order."""

    def __init__(self) -> None:
        self._rules: dict[str, type[Rule]] = {}

    def register(self, cls: type[Rule]) -> type[Rule]:
        if not CODE_RE.match(cls.code):
            raise ValueError(f"bad rule code {cls.code!r}")
        if cls.code in self._rules:
            raise ValueError(f"duplicate rule code {cls.code}")
        self._rules[cls.code] = cls
        return cls

    def __iter__(self) -> Iterator[type[Rule]]:
        return iter(sorted(self._rules.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, code: str) -> bool:
        return code in self._rules

    def get(self, code: str) -> type[Rule] | None:
        return self._rules.get(code.upper())

    def codes(self) -> list[str]:
        return sorted(self._rules)

    def select(self, select: Iterable[str] | None, ignore: Iterable[str] = ()) -> list[type[Rule]]:
        """Rules chosen by code selectors: a full code, a prefix (``TYP``, ``TYP00``) or ``ALL``.

        With no ``select``, rules that are on by default.  The more specific selector wins
        when select and ignore both match (``--select TYP --ignore TYP003``).
        """
        sel = [s.upper() for s in select] if select is not None else None
        ign = [s.upper() for s in ignore]
        out = []
        for rule in self:
            s_len = _match_len(rule.code, sel) if sel is not None else (0 if rule.default_enabled else -1)
            i_len = _match_len(rule.code, ign)
            if s_len >= 0 and s_len >= i_len:
                out.append(rule)
            elif s_len >= 0 and i_len < 0:
                out.append(rule)
        return out


def _match_len(code: str, selectors: list[str]) -> int:
    best = -1
    for s in selectors:
        if s == "ALL":
            best = max(best, 0)
        elif code.startswith(s):
            best = max(best, len(s))
    return best


REGISTRY = Registry()


def register(cls: type[Rule]) -> type[Rule]:
    return REGISTRY.register(cls)
