"""English verb forms: which words are a verb's past, participle, third-person present or base,
and each verb's other forms (``data/grammar/verb_forms.txt``, built from lemminflect by
``tools/build_verb_forms.py``), loaded on first use (about 20 ms).

The sentence-grammar rules read it to tell tenses apart (``walks`` / ``walked``) and to write the
corrected form (``had went`` -> ``gone``, ``he know`` -> ``knows``)."""

from __future__ import annotations

from functools import lru_cache

from .. import diskcache


class VerbForms:
    """Lookups between a verb's forms; every word lowercase."""

    def __init__(self, rows: list[list[str]]) -> None:
        self.past: dict[str, str] = {}  # simple past -> base
        self.participle: dict[str, str] = {}  # past participle -> base
        self.third: dict[str, str] = {}  # third-person present (-s) -> base
        self.gerund: dict[str, str] = {}
        self.forms: dict[str, tuple[str, str, str, str]] = {}  # base -> (past, participle, third, gerund)
        #: third-person forms that are also a noun's plural (`smiles`, `drops`)
        self.noun_plural: set[str] = set()
        for base, past, part, third, ger in rows:
            if "+" in third:
                self.noun_plural.update(f[:-1] for f in third.split("/") if f.endswith("+"))
                third = third.replace("+", "")
            first = tuple(f.split("/")[0] for f in (past, part, third, ger))
            self.forms[base] = first  # type: ignore[assignment]
            for f in past.split("/"):
                self.past.setdefault(f, base)
            for f in part.split("/"):
                self.participle.setdefault(f, base)
            for f in third.split("/"):
                self.third.setdefault(f, base)
            for f in ger.split("/"):
                self.gerund.setdefault(f, base)
        self.base = frozenset(self.forms)

    def past_of(self, base: str) -> str | None:
        f = self.forms.get(base)
        return f[0] if f else None

    def participle_of(self, base: str) -> str | None:
        f = self.forms.get(base)
        return f[1] if f else None

    def third_of(self, base: str) -> str | None:
        f = self.forms.get(base)
        return f[2] if f else None

    def is_past_only(self, word: str) -> bool:
        """A simple past that is not also the verb's base (``put``, ``read``, ``set`` are both)."""
        base = self.past.get(word)
        return base is not None and word not in self.forms


@lru_cache(maxsize=1)
def verb_forms() -> VerbForms:
    """The tables, built from the data file once and then read from the disk cache."""
    data = diskcache.data_bytes("grammar", "verb_forms.txt")
    key = diskcache.fingerprint(data, diskcache.module_source(__file__))
    return diskcache.load_or_build("verb_forms", key, lambda: _build(data))


def _build(data: bytes) -> VerbForms:
    rows = [line.split() for line in data.decode("utf-8").splitlines() if line and not line.startswith("#")]
    return VerbForms([r for r in rows if len(r) == 5])
