"""Which description sentences the prompt shows: one or two that touch the request or the
reasons, not the opening that only says what the item is ("X is a 2016 American science
fiction film directed by ..."), nor a list of cast names. The model phrases what it is shown;
a short prompt is also a fast one."""

from __future__ import annotations

import re

from recchat.explain.facts import ItemFacts, kind_group
from recchat.explain.reasons import Asked, Reason, reason_words
from recchat.explain.words import is_function_word
from recchat.text import names_in, shorten, stem, words

MAX_SENTENCES = 2
MAX_CHARS = 220
SENTENCE_CHARS = 160
_IDENTITY = re.compile(r"^\S.{0,80}?\b(?:is|was|are)\s+(?:a|an|the)\b", re.I)


def prompt_sentences(facts: ItemFacts, asked: Asked, reasons: tuple[Reason, ...]) -> str:
    wanted = reason_words(reasons) | {stem(w) for w in words(asked.words) if not is_function_word(w)}
    scored = []
    for position, sentence in enumerate(facts.sentences[:8]):
        if position == 0 and _identity(sentence) and len(facts.sentences) > 1:
            continue
        if len(names_in(sentence)) >= 3:
            continue  # a cast list: names the model would pair up wrongly
        overlap = len(wanted & {stem(w) for w in words(sentence)})
        scored.append((overlap - 0.1 * position, position, sentence))
    chosen = sorted(sorted(scored, reverse=True)[:MAX_SENTENCES], key=lambda s: s[1])
    text = ""
    for _, _, sentence in chosen:
        piece = shorten(sentence, SENTENCE_CHARS)
        if len(text) + len(piece) > MAX_CHARS and text:
            break
        text = f"{text} {piece}".strip()
    return text


def _identity(sentence: str) -> bool:
    """'Star Trek Beyond is a 2016 American science fiction action film ...'."""
    return bool(_IDENTITY.search(sentence)) and any(kind_group(w) for w in words(sentence)[:20])
