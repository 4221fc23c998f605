"""Fiction-aware spelling: the vendored lexicon, the story's own words, the unknown-word policy and
suggestions.  Nothing here loads until a spelling rule runs."""
