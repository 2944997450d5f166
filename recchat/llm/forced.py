"""Text the grammar forces, read in one batch. Under a card's grammar the model has a choice at
a few points only (which frame, which wording); between them every sentence still allowed goes
on with the same words (the item's title, ", and it is from 2004."). llama-cpp-python would
still run one decode per token through them. Here those words are tokenized and evaluated by
llama.cpp as one batch with what came before, and the words that end the sentence, once no
choice is left, are not evaluated at all. The model draws a token only where the grammar leaves
it a choice; the words are the grammar's, so every text is still one the grammar allows. Forced
words are handed on before llama.cpp reads them: a card's title shows while the prompt is read.

Installed on one llama_cpp.Llama by `jump_forward(llama)` (after `grammar_last`, whose sampler
it feeds the forced tokens to); it applies to a LlamaGrammar that carries its recchat Grammar
as `recchat_grammar`, and leaves every other generation to llama-cpp-python."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from recchat.llm.grammar import Grammar

# generate()'s own arguments, not the sampler's
_NOT_SAMPLING = ("reset", "stopping_criteria")


def jump_forward(llama: Any) -> None:
    """Make `llama.generate` feed forced text in one batch whenever its grammar says what it is."""
    plain = llama.generate

    def generate(tokens: Any, *args: Any, grammar: Any = None, **options: Any) -> Any:
        source = getattr(grammar, "recchat_grammar", None)
        if source is None or args:
            return plain(tokens, *args, grammar=grammar, **options)
        return _generate(llama, list(tokens), source, grammar, options)

    llama.generate = generate


def forced_text(grammar: Grammar, written: bytes) -> tuple[str, bool]:
    """What follows `written` whatever the model draws, cut where a token starts naturally (before
    a space), and whether it ends the text. Nothing inside a word the model has begun."""
    try:
        said = written.decode("utf-8")
    except UnicodeDecodeError:  # a character split between tokens: the next token completes it
        return "", False
    rest = grammar.after(said)
    if rest is None:
        return "", False
    lead, whole = rest.lead()
    if whole:
        return lead, True
    if said[-1:].isalnum() and lead[:1].isalnum():
        return "", False
    cut = lead.rfind(" ")
    return (lead[:cut], False) if cut > 0 else ("", False)


def _generate(llama: Any, prompt: list[int], source: Grammar, grammar: Any, options: dict[str, Any]) -> Iterator[int]:
    import llama_cpp

    sampling = {k: v for k, v in options.items() if k not in _NOT_SAMPLING}
    stop = options.get("stopping_criteria")  # the chat template's end-of-turn token
    sampler = llama._sampler = llama._init_sampler(**sampling, grammar=grammar)
    feed = _resume(llama, prompt, reset=options.get("reset", True))
    written = b""
    while True:
        forced, last = forced_text(source, written)
        tokens = llama.tokenize(forced.encode("utf-8"), add_bos=False) if forced else []
        if last:  # the rest of the sentence: nothing left to choose, nothing to evaluate
            yield from tokens
            return
        for token in tokens:
            sampler.accept(token)  # the grammar moves on, and the repeat penalty counts them
        # shown before they are read: they are the grammar's words whatever the model does, so a
        # card's first words (its title) need not wait for the prompt's evaluation
        yield from tokens
        llama.eval(feed + tokens)
        token = sampler.sample(llama._ctx, -1)
        if stop is not None and stop(llama._input_ids, llama._scores[-1, :]):  # as generate() asks it
            return
        yield token
        if llama_cpp.llama_vocab_is_eog(llama._model.vocab, token):
            return
        written += forced.encode("utf-8") + llama.detokenize([token])
        feed = [token]


def _resume(llama: Any, prompt: list[int], *, reset: bool) -> list[int]:
    """The prompt's tokens that are not in llama.cpp's cache yet (as llama-cpp-python's generate
    reuses the longest shared start); at least one, whose logits the first draw reads."""
    if not reset:
        return prompt
    if llama.n_tokens > 0:
        shared = 0
        for cached, token in zip(llama._input_ids, prompt, strict=False):
            if cached != token:
                break
            shared += 1
        shared = min(shared, len(prompt) - 1)
        if shared > 0 and llama._ctx.kv_cache_seq_rm(-1, shared, -1):
            llama.n_tokens = shared
            llama._requires_eval = True
            return prompt[shared:]
    llama.reset()
    return prompt
