"""The rule registry.  Importing this package registers every rule family."""

from .base import REGISTRY, Context, Edit, Finding, Fix, Rule, register
from . import dialogue, grammar, spelling, typography  # noqa: F401  (register the DLG, GRM, SPL and TYP rules)
from . import craft_characters, craft_phrases, craft_rhythm, craft_words  # noqa: F401  (the CRF rules)

__all__ = ["REGISTRY", "Context", "Edit", "Finding", "Fix", "Rule", "register"]
