#!/usr/bin/env python3
"""Write the fiction excerpts the robustness tests run on when the shared corpus is not there
(tests/fixtures/fiction/): about 50,000 characters, whole paragraphs, from a third of the way into
each of the eight books of the corpus that are public domain worldwide, gzipped, with a README
that cites each book's source (Standard Ebooks repository and commit, from books.json).

    python tools/make_fiction_excerpts.py --corpus ../shared/corpus
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "tests" / "fixtures" / "fiction"
#: the eight books whose authors died more than 70 years ago (the corpus README's licence table)
WORLDWIDE = (
    "arthur-conan-doyle_the-adventures-of-sherlock-holmes.txt",
    "f-scott-fitzgerald_the-great-gatsby.txt",
    "frances-hodgson-burnett_the-secret-garden.txt",
    "jane-austen_pride-and-prejudice.txt",
    "l-m-montgomery_anne-of-green-gables.txt",
    "louisa-may-alcott_little-women.txt",
    "mark-twain_the-adventures-of-tom-sawyer.txt",
    "oscar-wilde_the-picture-of-dorian-gray.txt",
)
SIZE = 50_000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    args = ap.parse_args()
    books = {b["file"]: b for b in json.loads((args.corpus / "fiction" / "books.json").read_text())["books"]}
    OUT.mkdir(parents=True, exist_ok=True)
    rows = []
    for name in WORLDWIDE:
        text = (args.corpus / "fiction" / name).read_text(encoding="utf-8")
        start = text.index("\n\n", len(text) // 3) + 2
        end = text.index("\n\n", start + SIZE)
        excerpt = text[start:end] + "\n"
        with gzip.GzipFile(OUT / (name + ".gz"), "wb", mtime=0) as fh:
            fh.write(excerpt.encode("utf-8"))
        b = books[name]
        line = text.count("\n", 0, start) + 1
        rows.append(f"| `{name}.gz` | *{b['title']}*, {b['author']} | lines {line}–{line + excerpt.count(chr(10)) - 1} "
                    f"| `{b['source_repo']}` @ `{b['source_commit'][:10]}` |")
    (OUT / "README.md").write_text(
        "# Fiction excerpts for the robustness tests\n\n"
        "Excerpts (about 50,000 characters of whole paragraphs each) of the eight books of the shared\n"
        "evaluation corpus that are public domain worldwide (their authors died more than 70 years ago).\n"
        "The texts are Standard Ebooks transcriptions (https://standardebooks.org): the books are public\n"
        "domain, Standard Ebooks' own work on them is CC0 1.0. Written by `tools/make_fiction_excerpts.py`\n"
        "from the corpus's plain-text conversions; the line numbers are those of the corpus files.\n"
        "`tests/test_robustness.py` runs on the whole corpus when it is present, on these otherwise.\n\n"
        "| file | book | excerpt | source (repository @ commit) |\n|---|---|---|---|\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    print(f"{len(rows)} excerpts -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
