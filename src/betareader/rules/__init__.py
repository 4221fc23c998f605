"""The rule registry.  Importing this package registers every rule family."""

from .base import REGISTRY, Context, Edit, Finding, Fix, Rule, register
from . import typography  # noqa: F401  (registers TYP rules)

__all__ = ["REGISTRY", "Context", "Edit", "Finding", "Fix", "Rule", "register"]
