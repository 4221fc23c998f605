"""The rule registry.  Importing this package registers every rule family."""

from . import (  # noqa: F401  (register the DLG, GRM, SPL and TYP rules)  # noqa: F401  (the CRF rules)
    craft_characters,
    craft_phrases,
    craft_rhythm,
    craft_words,
    dialogue,
    grammar,
    spelling,
    typography,
)
from .base import REGISTRY, Context, Edit, Finding, Fix, Rule, register

__all__ = ["REGISTRY", "Context", "Edit", "Finding", "Fix", "Rule", "register"]
