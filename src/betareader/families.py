"""The rule families, in one table: every code's three-letter prefix, and the names the reports
and the beta letter give the family.  A new family is added here and nowhere else (the code
pattern, the letter's family names and the HTML report's filters are derived from it)."""

from __future__ import annotations

import re
from typing import NamedTuple


class Family(NamedTuple):
    prefix: str
    #: its name as a heading or filter (the HTML report, the editor page)
    title: str
    #: what its errors are about, in the beta letter ("no spelling errors found"); None for
    #: families that report no errors
    errors: str | None


FAMILIES: tuple[Family, ...] = (
    Family("TYP", "Typography", "typography and punctuation"),
    Family("DLG", "Dialogue", "dialogue punctuation"),
    Family("SPL", "Spelling", "spelling"),
    Family("GRM", "Grammar", "grammar and word-choice"),
    Family("CRF", "Craft", None),
)

#: a rule code: a family's prefix and three digits
CODE_RE = re.compile(r"^(" + "|".join(f.prefix for f in FAMILIES) + r")\d{3}$")
#: prefix -> title, in table order
TITLES = {f.prefix: f.title for f in FAMILIES}
#: prefix -> what its errors are about, for the families that report errors, in table order
ERROR_NAMES = {f.prefix: f.errors for f in FAMILIES if f.errors}
