"""Build the vendored spelling data in ``src/betareader/data/spelling/`` (developer machines only).

Inputs:
- SCOWL 2020.12.07 word lists, as Debian ships them in the ``scowl`` package
  (``apt-get download scowl && dpkg-deb -x scowl_*.deb x``; pass ``--scowl x/usr/share/dict/scowl``).
- wordfreq 3.1.1 and rapidfuzz (``pip install wordfreq==3.1.1 rapidfuzz==3.14.6``): frequencies.

Outputs (deterministic; ``tests/test_spelling_data.py`` checks their word counts):
- ``words.txt.gz``: every SCOWL word of size <= 80 in every spelling variant (American, British -ise and
  -ize, Canadian, Australian, variants 1-3), words + upper + proper names + contractions + abbreviations,
  plus Roman numerals; lowercased, one a line.  Left out: the rare words of SCOWL's largest size (80,
  not in 70) that are one edit from a very common word (Zipf >= 5) about 300 times as frequent
  (``belive``, ``fealing``, ``flom``, ``vired``): a writer who types one in narration almost always
  meant the common word, so the speller should see it.  SCOWL's licence: ``LICENSE-SCOWL.txt``.
- ``rare.txt.gz``: those left-out words (SCOWL, same licence); the speller still accepts them in
  dialogue, where rare and dialect forms (``marm``, ``shet``) are a character's voice.
- ``zipf.tsv.gz``: ``word<TAB>round(zipf*10)`` for those words that wordfreq's large English list knows.
  Derived from wordfreq's data: CC BY-SA 4.0 (``ATTRIBUTION-wordfreq.txt``).
- ``zipf.npz``: the same values as the speller loads them: one ``uint8`` array ``zipf`` aligned with the
  lines of ``words.txt.gz`` (0 for a word wordfreq does not know), and ``metaphone``, the jellyfish
  metaphone code (bytes) of each word with a Zipf value, in the same order, for the suggester's
  sounds-like search; written with ``numpy.savez_compressed`` and read with ``allow_pickle=False``.
  ``--zipf-array-only`` rewrites it from the two files above.
- ``trigrams.npy``: how many of the words with a Zipf value (>= 1.0; letters a-z only) hold each letter
  trigram, word edges marked (``^ab``, ``yz$``): a ``uint16`` array of 28**3 cells (index
  ``(a*28 + b)*28 + c``, letters 1-26, ``^`` 0, ``$`` 27), saturating at 65535. The speller's test for
  garbled words (``spelling/shape.py``) reads it. ``--trigrams-only`` rewrites it from the two files above.
- ``foreign.txt.gz``: French, German, Italian and Spanish words with zipf >= 3 that are not English
  words in the list above, accents folded (wordfreq-derived, CC BY-SA 4.0), for foreign phrases.
"""

from __future__ import annotations

import argparse
import gzip
import math
import os
import sys
from pathlib import Path

SIZE = 80
VARIANTS = (
    "english", "american", "british", "british_z", "canadian", "australian",
    "variant_1", "variant_2", "variant_3",
    "american_variant_1", "american_variant_2", "british_variant_1", "british_variant_2",
    "canadian_variant_1", "canadian_variant_2", "australian_variant_1", "australian_variant_2",
)
KINDS = ("words", "upper", "proper-names", "contractions", "abbreviations")
OUT = Path(__file__).resolve().parent.parent / "src" / "betareader" / "data" / "spelling"


def scowl_words(folder: Path, max_size: int = SIZE) -> set[str]:
    out: set[str] = set()
    for f in sorted(os.listdir(folder)):
        if "." not in f:
            continue
        name, size = f.rsplit(".", 1)
        if not size.isdigit() or int(size) > max_size:
            continue
        if name == "special-roman-numerals":
            pass
        elif name.startswith("special"):
            continue
        else:
            var, kind = name.split("-", 1)
            if var not in VARIANTS or kind not in KINDS:
                continue
        raw = (folder / f).read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:  # SCOWL's own tarball ships ISO-8859-1
            text = raw.decode("latin-1")
        out.update(w.strip().lower().replace("\u2019", "'") for w in text.splitlines() if w.strip())
    return out


def rare_near_common(s80: set[str], s70: set[str], zipf: dict[str, float]) -> set[str]:
    """Size-80-only ASCII words of 4+ letters one edit (OSA) from a size-70 word with Zipf >= 5 that is
    at least 2.5 Zipf (about 300x) more frequent."""
    from rapidfuzz import process  # dev-only dependency
    from rapidfuzz.distance import OSA

    common: dict[int, list[str]] = {}
    for w in sorted(s70):
        if w.isascii() and w.isalpha() and zipf.get(w, 0.0) >= 4.5:
            common.setdefault(len(w), []).append(w)
    out = set()
    for w in sorted(s80 - s70):
        if not (w.isascii() and w.isalpha() and len(w) >= 4):
            continue
        zw = zipf.get(w, 0.0)
        for n in (len(w) - 1, len(w), len(w) + 1):
            if any(zipf[v] - zw >= 2.5 for v, _, _ in
                   process.extract(w, common.get(n, []), scorer=OSA.distance, score_cutoff=1, limit=None)):
                out.add(w)
                break
    return out


def write_gz(path: Path, lines: list[str]) -> None:
    raw = ("\n".join(lines) + "\n").encode("utf-8")
    with open(path, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(raw)


def write_zipf_array(path: Path, words: list[str], tenths: dict[str, int]) -> None:
    """``zipf.npz``: ``round(zipf*10)`` of each word of ``words`` (sorted, as in words.txt.gz), 0 if unknown."""
    import numpy as np

    import jellyfish  # a runtime dependency; the pinned version's codes are the ones stored

    codes = np.array([tenths.get(w, 0) for w in words], dtype=np.uint8)
    sounds = np.array([jellyfish.metaphone(w).encode("ascii") for w in words if tenths.get(w, 0) > 0])
    with open(path, "wb") as fh:
        np.savez_compressed(fh, zipf=codes, metaphone=sounds)


def zipf_array_from_files(out: Path) -> None:
    """Rewrite ``zipf.npz`` from the vendored ``words.txt.gz`` and ``zipf.tsv.gz``."""
    words = gzip.decompress((out / "words.txt.gz").read_bytes()).decode("utf-8").split("\n")[:-1]
    tenths = {}
    for line in gzip.decompress((out / "zipf.tsv.gz").read_bytes()).decode("utf-8").splitlines():
        w, z = line.split("\t")
        tenths[w] = int(z)
    write_zipf_array(out / "zipf.npz", words, tenths)


def write_trigrams(path: Path, words: list[str], tenths: dict[str, int]) -> None:
    """``trigrams.npy``: per letter trigram, the number of frequent words holding it (see the module doc)."""
    import numpy as np

    counts = np.zeros(28 ** 3, dtype=np.int64)
    for w in words:
        if tenths.get(w, 0) < 10 or not w.isascii() or not w.isalpha():
            continue
        codes = [0] + [ord(c) - 96 for c in w] + [27]
        cells = {(codes[i] * 28 + codes[i + 1]) * 28 + codes[i + 2] for i in range(len(codes) - 2)}
        counts[list(cells)] += 1
    with open(path, "wb") as fh:
        np.save(fh, np.minimum(counts, 65535).astype(np.uint16), allow_pickle=False)


def _vendored(out: Path) -> tuple[list[str], dict[str, int]]:
    words = gzip.decompress((out / "words.txt.gz").read_bytes()).decode("utf-8").split("\n")[:-1]
    tenths = {}
    for line in gzip.decompress((out / "zipf.tsv.gz").read_bytes()).decode("utf-8").splitlines():
        w, z = line.split("\t")
        tenths[w] = int(z)
    return words, tenths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scowl", type=Path, help="folder of SCOWL lists (Debian: /usr/share/dict/scowl)")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--zipf-array-only", action="store_true", help="only rewrite zipf.npz from the vendored files")
    ap.add_argument("--trigrams-only", action="store_true", help="only rewrite trigrams.npy from the vendored files")
    args = ap.parse_args(argv)
    if args.zipf_array_only:
        zipf_array_from_files(args.out)
        return 0
    if args.trigrams_only:
        write_trigrams(args.out / "trigrams.npy", *_vendored(args.out))
        return 0
    if args.scowl is None:
        ap.error("--scowl is required")
    from wordfreq import get_frequency_dict  # dev-only dependency

    freq = get_frequency_dict("en", wordlist="large")
    zipf = {w: math.log10(f) + 9 for w, f in freq.items() if f > 0}
    all_words = scowl_words(args.scowl)
    shadows = rare_near_common(all_words, scowl_words(args.scowl, 70), zipf)
    words = sorted(all_words - shadows)
    args.out.mkdir(parents=True, exist_ok=True)
    write_gz(args.out / "words.txt.gz", words)
    write_gz(args.out / "rare.txt.gz", sorted(shadows))
    rows = [f"{w}\t{round(zipf[w] * 10)}" for w in words if round(zipf.get(w, 0) * 10) > 0]
    write_gz(args.out / "zipf.tsv.gz", rows)
    tenths = {w: round(zipf[w] * 10) for w in words if round(zipf.get(w, 0) * 10) > 0}
    write_zipf_array(args.out / "zipf.npz", words, tenths)
    write_trigrams(args.out / "trigrams.npy", words, tenths)
    wordset = set(words)
    foreign: set[str] = set()
    for lang in ("fr", "de", "it", "es"):
        for w, f in get_frequency_dict(lang, wordlist="large").items():
            w = w.lower()
            if f > 0 and math.log10(f) + 9 >= 3.0 and w.isalpha() and w not in wordset and len(w) > 1:
                foreign.add(w)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from betareader.spelling.lexicon import fold  # the speller looks foreign words up folded

    write_gz(args.out / "foreign.txt.gz", sorted({fold(w) for w in foreign} - {""}))
    print(f"left out {len(shadows)} rare words near common ones", file=sys.stderr)
    print(f"words {len(words)}, zipf rows {len(rows)}, foreign {len(foreign)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
