"""The rule registry.  Importing this package registers every rule family."""

from .base import REGISTRY, Context, Edit, Finding, Fix, Rule, register
from . import dialogue, grammar, typography  # noqa: F401  (register the DLG, GRM and TYP rules)

__all__ = ["REGISTRY", "Context", "Edit", "Finding", "Fix", "Rule", "register"]
