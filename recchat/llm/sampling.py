"""Grammar-constrained sampling, the grammar checked last: the token is drawn as if there were
no grammar, and only when the grammar refuses it is the grammar applied to the whole vocabulary
and the token drawn again from what it allows. That is what llama.cpp's own tools do (its
common sampler); llama-cpp-python instead applies the grammar to every one of the vocabulary's
tokens before each draw, which costs a few milliseconds a token. The guarantee is the same:
every token kept is one the grammar accepts, and the grammar advances only by kept tokens.

Installed on one llama_cpp.Llama by `grammar_last(llama)`; its generation loop calls the
sampler's `sample(ctx, idx)` only, once a token."""

from __future__ import annotations

import ctypes
import math
from typing import Any


def grammar_last(llama: Any) -> None:
    """Make `llama` sample grammar-last whenever it is given a grammar (LlamaGrammar)."""
    import llama_cpp

    build = llama._init_sampler  # the bound method: its chain without a grammar is the free one

    def init_sampler(*args: Any, grammar: Any = None, **kwargs: Any) -> Any:
        free = build(*args, grammar=None, **kwargs)
        if grammar is None:
            return free
        rules = llama_cpp.llama_sampler_init_grammar(
            llama._model.vocab, grammar._grammar.encode("utf-8"), grammar._root.encode("utf-8")
        )
        if not rules:
            raise ValueError("llama.cpp could not parse the grammar")
        return GrammarLastSampler(free, rules, llama.n_vocab())

    llama._init_sampler = init_sampler


class GrammarLastSampler:
    def __init__(self, free: Any, rules: Any, n_vocab: int) -> None:
        """`free`: llama-cpp-python's sampler chain without the grammar (owned by it);
        `rules`: llama.cpp's grammar sampler (owned here, freed with this object)."""
        import llama_cpp
        import numpy as np

        self._lib = llama_cpp
        self.free = free
        self.rules = rules
        self.n_vocab = n_vocab
        self._data = (llama_cpp.llama_token_data * n_vocab)()
        fields = np.dtype([("id", "<i4"), ("logit", "<f4"), ("p", "<f4")])  # llama_token_data
        self._view = np.frombuffer(memoryview(self._data), dtype=fields)
        self._ids = np.arange(n_vocab, dtype=np.int32)
        self._one = (llama_cpp.llama_token_data * 1)()

    def __del__(self) -> None:
        rules, self.rules = getattr(self, "rules", None), None
        if rules:
            self._lib.llama_sampler_free(rules)

    def sample(self, ctx: Any, idx: int = -1) -> int:
        import numpy as np

        lib = self._lib
        logits = np.ctypeslib.as_array(lib.llama_get_logits_ith(ctx.ctx, idx), shape=(self.n_vocab,))
        token = self._draw(logits, constrained=False)
        if not self._allowed(token):
            token = self._draw(logits, constrained=True)
        lib.llama_sampler_accept(self.rules, token)
        lib.llama_sampler_accept(self.free.sampler, token)
        return token

    def _draw(self, logits: Any, *, constrained: bool) -> int:
        lib = self._lib
        self._view["id"] = self._ids
        self._view["logit"] = logits
        self._view["p"] = 0.0
        candidates = lib.llama_token_data_array(
            data=ctypes.cast(self._data, lib.llama_token_data_p), size=self.n_vocab, selected=-1, sorted=False
        )
        if constrained:
            lib.llama_sampler_apply(self.rules, ctypes.byref(candidates))
        lib.llama_sampler_apply(self.free.sampler, ctypes.byref(candidates))
        return int(candidates.data[candidates.selected].id)

    def _allowed(self, token: int) -> bool:
        lib = self._lib
        self._one[0] = lib.llama_token_data(token, 1.0, 0.0)
        single = lib.llama_token_data_array(
            data=ctypes.cast(self._one, lib.llama_token_data_p), size=1, selected=-1, sorted=False
        )
        lib.llama_sampler_apply(self.rules, ctypes.byref(single))
        return not math.isinf(single.data[0].logit)

    def accept(self, token: int) -> None:
        self._lib.llama_sampler_accept(self.rules, token)
        self._lib.llama_sampler_accept(self.free.sampler, token)

    def reset(self) -> None:
        self._lib.llama_sampler_reset(self.rules)
        self._lib.llama_sampler_reset(self.free.sampler)
