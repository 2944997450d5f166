"""Write recchat/language/common_words.txt: everyday English words, those written in lower case
in at least MIN_DOCUMENTS of the 4,166 Wikipedia leads of the ReDial film catalog (../shared),
so names, which are capitalised, are not among them. Understanding
uses the list to tell a plain word from a catalog's own name for something: a plain word is no
slip of the keyboard for a value ("cards" is not "cars"), and a word of a longer value said alone
stands for that value only when it is no plain word ("napa" for Napa Valley, not "roll" for Roll
and Write). Run once; the file is committed.

    PYTHONPATH=$PWD python -m benchmarks.make_common_words
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT.parent / "shared" / "benchmarks" / "redial-movies" / "catalog" / "catalog.jsonl"
TARGET = ROOT / "recchat" / "language" / "common_words.txt"
MIN_DOCUMENTS = 4
MIN_LETTERS = 2


def main() -> None:
    documents: Counter[str] = Counter()
    with CATALOG.open(encoding="utf-8") as lines:
        for line in lines:
            item = json.loads(line)
            # words written in lower case in running text: names ('Nolan') are always capitalised
            text = f"{item.get('description', '')}"
            documents.update(set(re.findall(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])", text)))
    common = sorted(w for w, n in documents.items() if n >= MIN_DOCUMENTS and len(w) >= MIN_LETTERS)
    header = (
        "# Everyday English words (one a line): written in lower case in at least "
        f"{MIN_DOCUMENTS} of the ReDial catalog's Wikipedia leads.\n"
        "# Made by benchmarks/make_common_words.py; see there for what understanding does with it.\n"
    )
    TARGET.write_text(header + "\n".join(common) + "\n", encoding="utf-8")
    print(f"{len(common)} words -> {TARGET}")


if __name__ == "__main__":
    main()
