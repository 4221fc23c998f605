"""The rule registry.  Importing this package registers every rule: each module below registers
the rules it defines (the grammar package registers each of its rule modules in turn)."""

from . import (  # noqa: F401  (imported to register their rules)
    capitals,  # TYP012–TYP013
    compounds,  # TYP014–TYP016
    craft_characters,  # CRF020–CRF022
    craft_phrases,  # CRF010–CRF014
    craft_rhythm,  # CRF030–CRF034
    craft_words,  # CRF001–CRF007
    dialogue,  # DLG001–DLG009
    dialogue_address,  # DLG013
    dialogue_marks,  # DLG015–DLG016
    dialogue_names,  # DLG014
    dialogue_runin,  # DLG010–DLG012
    grammar,  # GRM001–GRM022
    proper_names,  # TYP018
    spelling,  # SPL001–SPL005
    stray_letter,  # SPL006
    tense,  # GRM023, CRF023
    typography,  # TYP001–TYP011, TYP019
)
from .base import REGISTRY, Context, Edit, Finding, Fix, Rule, register

__all__ = ["REGISTRY", "Context", "Edit", "Finding", "Fix", "Rule", "register"]
