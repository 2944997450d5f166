"""Where the explanation time goes, card by card, in one process: the benchmark question asked
once through a real Session (the prepared data folder of benchmarks.common, the default model),
the five first-try explanation calls recorded, then replayed through the same Explainer with the
real llama.cpp model under several settings, interleaved `--rounds` times:

- `grammar`: as recchat writes them (each card under its grammar, llama.cpp's cache as the card
  before left it; the text the grammar forces read in one batch, recchat.llm.forced);
- `grammar, forced text token by token`: llama-cpp-python's own loop, one decode a token;
- `free`: the same prompts without a grammar;
- `grammar, cold cache`: the cache emptied before each card (what the shared prefix saves).

Per card: prompt tokens and how many were evaluated (the rest came from the cache), the time in
prompt evaluation, in one-token decodes and in sampling (where the grammar's work is), tokens
written, and the grammar's build time (LlamaGrammar.from_string). Times are medians over rounds;
the ratios compare settings of the same run.

    python -m benchmarks.explain_cost [--rounds 3] [--name explain_cost]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from benchmarks.common import QUESTION, cli_env, machine, prepared_home, print_table, write
from recchat.config import load_settings
from recchat.factory import Runtime
from recchat.llm.base import ChatMessage
from recchat.llm.grammar import Grammar


@dataclass
class Recorded:
    messages: list[ChatMessage]
    title: str
    grammar: Grammar | None


@dataclass
class Card:
    prompt_tokens: int = 0
    evaluated: int = 0
    prompt_ms: float = 0.0
    decode_ms: float = 0.0
    sample_ms: float = 0.0
    samples: int = 0
    grammar_ms: float = 0.0
    total_ms: float = 0.0
    text: str = ""


@dataclass
class Meter:
    """Counts what the Llama object does: its first eval of a call is the prompt's."""

    card: Card = field(default_factory=Card)
    evals: int = 0

    def instrument(self, llama: Any) -> None:
        evaluate, sample = llama.eval, llama.sample

        def timed_eval(tokens: Any) -> Any:
            started = time.perf_counter()
            try:
                return evaluate(tokens)
            finally:
                spent = (time.perf_counter() - started) * 1000
                if self.evals == 0:
                    self.card.evaluated, self.card.prompt_ms = len(tokens), spent
                    self.card.prompt_tokens = llama.n_tokens
                else:
                    self.card.decode_ms += spent
                self.evals += 1

        def timed_sample(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return sample(*args, **kwargs)
            finally:
                self.card.sample_ms += (time.perf_counter() - started) * 1000
                self.card.samples += 1

        llama.eval, llama.sample = timed_eval, timed_sample

    def start(self) -> Card:
        self.card, self.evals = Card(), 0
        return self.card


def record(runtime: Runtime) -> tuple[Any, list[Recorded]]:
    """Ask once; the explainer's first-try calls (messages, title, grammar), in order."""
    from recchat.chat import Conversation

    chat = Conversation.open(runtime)
    explainer = chat.session.parts.explainer
    calls: list[Recorded] = []
    generate = explainer._generate

    def recording(messages: Any, title: str, on_token: Any, should_stop: Any, grammar: Any = None) -> str:
        calls.append(Recorded(messages, title, grammar))
        return generate(messages, title, on_token, should_stop, grammar)

    explainer._generate = recording  # type: ignore[method-assign]
    chat.turn(QUESTION, k=5)
    explainer._generate = generate  # type: ignore[method-assign]
    return explainer, calls


def replay(explainer: Any, calls: list[Recorded], meter: Meter, *, grammar: bool, cold: bool) -> list[Card]:
    from recchat.llm.llama_cpp import _llama_grammar

    llama = explainer.model._llama
    llama.reset()  # every setting starts as a cold ask does: nothing in the cache
    cards = []
    for call in calls:
        if cold:
            llama.reset()
        card = meter.start()
        if grammar and call.grammar is not None:
            started = time.perf_counter()
            _llama_grammar(call.grammar)
            card.grammar_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        card.text = explainer._generate(call.messages, call.title, None, None, call.grammar if grammar else None)
        card.total_ms = (time.perf_counter() - started) * 1000 + card.grammar_ms
        cards.append(card)
    return cards


def _without(patch: str) -> Callable[[Any, list[Recorded], Meter], list[Card]]:
    """Replay under the grammar with one of recchat's patches of the Llama object taken off (the
    library's own method shows through), then put back."""

    def run(explainer: Any, calls: list[Recorded], meter: Meter) -> list[Card]:
        llama = explainer.model._llama
        installed = llama.__dict__.pop(patch, None)
        try:
            return replay(explainer, calls, meter, grammar=True, cold=False)
        finally:
            if installed is not None:
                setattr(llama, patch, installed)

    return run


# llama-cpp-python's own order: the grammar applied to every token before each draw
grammar_first = _without("_init_sampler")  # recchat's grammar-last sampler off
# before recchat.llm.forced: text the grammar forces decoded one token at a time
token_by_token = _without("generate")  # recchat's jump-forward generate off


SETTINGS: dict[str, Callable[..., list[Card]]] = {
    "grammar": lambda e, c, m: replay(e, c, m, grammar=True, cold=False),
    "grammar, forced text token by token": token_by_token,
    "grammar, grammar-first sampling": grammar_first,
    "free": lambda e, c, m: replay(e, c, m, grammar=False, cold=False),
    "grammar, cold cache": lambda e, c, m: replay(e, c, m, grammar=True, cold=True),
}
NUMBERS = ("prompt_tokens", "evaluated", "prompt_ms", "decode_ms", "sample_ms", "samples", "grammar_ms", "total_ms")


def medians(rounds: list[list[Card]]) -> list[dict[str, Any]]:
    out = []
    for index in range(len(rounds[0])):
        runs = [r[index] for r in rounds]
        row: dict[str, Any] = {n: round(statistics.median(getattr(c, n) for c in runs), 1) for n in NUMBERS}
        row["text"] = runs[0].text
        out.append(row)
    return out


def totals(cards: list[dict[str, Any]]) -> dict[str, float]:
    summed = {n: round(sum(c[n] for c in cards), 1) for n in NUMBERS}
    summed["sample_ms_per_token"] = round(summed["sample_ms"] / max(summed["samples"], 1), 2)
    summed["decode_ms_per_token"] = round(summed["decode_ms"] / max(summed["samples"] - len(cards), 1), 2)
    return summed


def grammar_sizes(calls: list[Recorded]) -> list[dict[str, int]]:
    return [
        {"gbnf_chars": len(c.grammar.gbnf()), "sentences": len(c.grammar.texts(100_000))}
        for c in calls
        if c.grammar is not None
    ]


def measure(rounds: int) -> dict[str, Any]:
    home = prepared_home()
    env = cli_env(home)
    runtime = Runtime(load_settings({"incognito": True}, env))
    explainer, calls = record(runtime)
    meter = Meter()
    meter.instrument(explainer.model._llama)
    results: dict[str, list[list[Card]]] = {name: [] for name in SETTINGS}
    loads = []
    for _ in range(rounds):
        loads.append(round(os.getloadavg()[0], 2))
        for name, run in SETTINGS.items():
            results[name].append(run(explainer, calls, meter))
    by_setting = {name: medians(found) for name, found in results.items()}
    summary = {name: totals(cards) for name, cards in by_setting.items()}
    grammar, by_token, first, free, cold = (summary[n]["total_ms"] for n in SETTINGS)
    return {
        "question": QUESTION,
        "model": explainer.model.name,
        "threads": explainer.model._llama.n_threads,
        "threads_batch": explainer.model._llama.n_threads_batch,
        "max_tokens": explainer.max_tokens,
        "rounds": rounds,
        "load_1min_per_round": loads,
        "grammar_sizes": grammar_sizes(calls),
        "totals": summary,
        "ratios": {
            "grammar_over_free": round(grammar / free, 2),
            "forced_batched_over_token_by_token": round(grammar / by_token, 2),
            "grammar_last_over_grammar_first": round(grammar / first, 2),
            "sample_ms_grammar_last_over_first": round(
                summary["grammar"]["sample_ms"] / max(summary["grammar, grammar-first sampling"]["sample_ms"], 1e-9), 2
            ),
            "cold_cache_over_grammar": round(cold / grammar, 2),
            "sampling_share_with_grammar": round(summary["grammar"]["sample_ms"] / grammar, 2),
            "prompt_share_with_grammar": round(summary["grammar"]["prompt_ms"] / grammar, 2),
            "grammar_build_share": round(summary["grammar"]["grammar_ms"] / grammar, 2),
        },
        "cards": by_setting,
    }


def show(result: dict[str, Any]) -> None:
    head = ["setting", *NUMBERS, "sample_ms_per_token", "decode_ms_per_token"]
    rows: list[list[object]] = [head]
    rows += [[name, *(t[n] for n in head[1:])] for name, t in result["totals"].items()]
    print_table(f"Five explanations, summed (median of {result['rounds']} rounds)", rows)
    card_rows: list[list[object]] = [["setting", "card", *NUMBERS[:-1], "total_ms"]]
    for name, cards in result["cards"].items():
        card_rows += [[name, i, *(c[n] for n in NUMBERS)] for i, c in enumerate(cards)]
    print_table("Per card", card_rows)
    print("ratios:", result["ratios"])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--name", default="explain_cost", help="the results file's name")
    args = parser.parse_args(argv)
    started = machine()
    result = measure(args.rounds)
    show(result)
    print(f"-> {write(args.name, result, started)}")


if __name__ == "__main__":
    main()
