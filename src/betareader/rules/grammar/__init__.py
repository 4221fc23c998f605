"""Word-level grammar (GRM): slips that a pattern over a few neighbouring words settles.

Each rule is first a set of regular expressions over one paragraph and small context
windows (the word before, the word after, the start of the sentence).  Every pattern is
chosen so that, where it matches, the error is certain; where the words around it leave
room for doubt, the rule stays quiet.  For its/it's, your/you're and their/there/they're a
second stage reads part-of-speech tags (``analysis.tagger``: spaCy, loaded lazily, on a few
words around each candidate that the cheap patterns could not settle and a cheap look at the
neighbours leaves open), still quiet when unsure.  In fiction that means: never inside URLs,
never on a word the story quotes or italicises as a word (`he wrote "alot"`), never on the
story's own names, and (for the rules that dialect can explain) never inside dialogue.

The package, one module per rule (named after it; every module not starting with ``_`` is
imported, and registers its rule):

- ``_base.py``: the base classes (``_GrammarRule``; ``_PatternRule``, whose rules are rows of
  :class:`~._base.Pattern`), word-edge regex fragments, mentions;
- ``_pos.py``: reading the tagger's tokens (the part-of-speech stage's helpers);
- ``_shared.py``: clause tests the possessive–contraction rules share;
- ``_words.py``: the closed word classes several rules test against; ``_data.py``: the long
  lists, which are data files in ``betareader/data/grammar``.

Word helpers other packages use too (the word before or after a place, sentence and clause
starts, protected spans, casing a replacement) are in :mod:`betareader.model.words`.

Adding a rule: see CONTRIBUTING.md.
"""

import importlib
import pkgutil

# every module not starting with "_" is one rule (or a small family of rules) and registers it on
# import: a new rule is a new module, nothing to list here (the registry sorts rules by code)
for _module in pkgutil.iter_modules(__path__):
    if not _module.name.startswith("_"):
        importlib.import_module(f"{__name__}.{_module.name}")
