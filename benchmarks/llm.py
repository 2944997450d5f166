"""LLM: time to first token and tokens/s through recchat vs raw llama-cpp-python, same GGUF,
same messages (the real explanation prompts for 5 suggestions), same sampling parameters.

    python -m benchmarks.llm [--rounds N]

Both sides run on one loaded llama.cpp model, alternating, so machine noise hits both alike:
- raw: `Llama.create_chat_completion(stream=True)` with recchat's parameters;
- recchat: `LlamaCppModel.stream` (context fitting, piece handling, trace hooks).
Each is measured two ways: every prompt from an empty KV cache (`reset()` first), and the 5
prompts in a row as one `ask` makes them, where llama.cpp keeps the longest common token prefix
(system prompt, worked example, the person's words) and evaluates only what differs.
Decode rate = (tokens - 1) / (time after the first token): prompt evaluation is in TTFT.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from benchmarks.common import QUESTION, cli_env, machine, prepared_home, print_table, write

Stream = Callable[[Sequence[Any]], Iterator[str]]


def explanation_prompts() -> tuple[Any, list[Any]]:
    """recchat's model and the explanation messages for the 5 suggestions of one real ask."""
    from recchat.config import load_settings
    from recchat.factory import Runtime

    runtime = Runtime(load_settings({"incognito": True}, cli_env(prepared_home())))
    session = runtime.session()
    reply = session.handle(QUESTION, explain=False)
    explainer = session.parts.explainer
    return runtime.chat_model, [explainer.messages(rec, QUESTION) for rec in reply.recommendations]


def timed_stream(pieces: Iterator[str]) -> dict[str, float]:
    started = time.perf_counter()
    first = None
    count = 0
    for piece in pieces:
        if piece:
            first = first if first is not None else time.perf_counter()
            count += 1
    end = time.perf_counter()
    first = first or end
    return {"ttft_s": first - started, "tokens": count, "decode_s": end - first, "total_s": end - started}


def measure_side(stream: Stream, prompts: list[Any], llama: Any, shared: bool) -> list[dict[str, float]]:
    llama.reset()
    out = []
    for position, messages in enumerate(prompts):
        if not shared:
            llama.reset()  # n_tokens = 0: nothing of the last prompt is reused
        out.append({**timed_stream(stream(messages)), "position": position})
    return out


def aggregate(samples: list[dict[str, float]]) -> dict[str, float]:
    tokens = sum(s["tokens"] for s in samples)
    decode = sum(s["decode_s"] for s in samples)
    steps = sum(max(s["tokens"] - 1, 0) for s in samples)
    return {
        "ttft_median_ms": round(statistics.median(s["ttft_s"] for s in samples) * 1000, 1),
        # In a row, the first prompt is evaluated whole and the later ones only past the shared prefix.
        "ttft_first_prompt_ms": round(statistics.median(s["ttft_s"] for s in samples if not s["position"]) * 1000, 1),
        "ttft_later_prompts_ms": round(statistics.median(s["ttft_s"] for s in samples if s["position"]) * 1000, 1),
        "decode_tokens_per_s": round(steps / decode, 1) if decode else 0.0,
        "tokens": tokens,
        "total_s": round(sum(s["total_s"] for s in samples), 2),
    }


def measure(rounds: int) -> dict[str, Any]:
    model, prompts = explanation_prompts()
    params = model.params
    max_tokens = model.max_tokens  # the model's explanation budget: params leave it to the model
    load_started = time.perf_counter()
    model.load()
    load_s = time.perf_counter() - load_started
    llama = model._llama

    def raw(messages: Sequence[Any]) -> Iterator[str]:
        for chunk in llama.create_chat_completion(
            messages=list(messages),
            stream=True,
            temperature=params.temperature,
            top_p=params.top_p,
            top_k=params.top_k,
            repeat_penalty=params.repeat_penalty,  # recchat's value: the same sampling work per token
            max_tokens=max_tokens,
        ):
            yield chunk["choices"][0]["delta"].get("content") or ""

    def ours(messages: Sequence[Any]) -> Iterator[str]:
        return model.stream(messages, max_tokens=max_tokens)

    samples: dict[str, list[dict[str, float]]] = {}
    sides = [("raw", raw), ("recchat", ours)]
    for round_number in range(rounds):
        for shared in (False, True):
            for name, stream in sides if round_number % 2 == 0 else sides[::-1]:
                key = f"{name}_{'shared_prefix' if shared else 'fresh_cache'}"
                samples.setdefault(key, []).extend(measure_side(stream, prompts, llama, shared))
    result: dict[str, Any] = {key: aggregate(value) for key, value in samples.items()}
    prompt_tokens = [len(llama.tokenize(_prompt_text(llama, p).encode("utf-8"))) for p in prompts]
    result["model"] = str(model.path.name)
    names = ("temperature", "top_p", "top_k", "repeat_penalty")
    result["params"] = {k: getattr(params, k) for k in names}
    result["params"].update(max_tokens=max_tokens, context_size=model.context_size)
    result["threads"] = {"decode": llama.n_threads, "batch": llama.n_threads_batch, "n_ctx": llama.n_ctx()}
    result["prompt_eval_by_batch_threads"] = batch_threads(model.path, prompts[0], llama)
    result["prompt_tokens"] = prompt_tokens
    result["load_s"] = round(load_s, 3)
    result["rounds"] = rounds
    result["ratios"] = {
        "decode_recchat_over_raw": _ratio(result, "decode_tokens_per_s", "recchat_fresh_cache", "raw_fresh_cache"),
        "ttft_recchat_over_raw": _ratio(result, "ttft_median_ms", "recchat_fresh_cache", "raw_fresh_cache"),
        "ttft_later_over_first_in_a_row": _ratio(
            result, "ttft_later_prompts_ms", "recchat_shared_prefix", "recchat_fresh_cache"
        ),
    }
    return result


def batch_threads(path: Any, messages: list[Any], llama: Any, reps: int = 2) -> dict[str, Any]:
    """Prompt evaluation tokens/s with recchat's batch threads vs llama-cpp-python's default
    (every logical CPU), on the same prompt, alternating, from an empty cache each time."""
    import multiprocessing

    from llama_cpp import Llama

    tokens = llama.tokenize(_prompt_text(llama, messages).encode("utf-8"))
    counts = sorted({llama.n_threads_batch, multiprocessing.cpu_count()})
    models = {
        n: Llama(model_path=str(path), n_ctx=llama.n_ctx(), n_threads=llama.n_threads, n_threads_batch=n, verbose=False)
        for n in counts
    }
    seconds: dict[int, list[float]] = {n: [] for n in counts}
    for _ in range(reps):
        for n, other in models.items():
            other.reset()
            started = time.perf_counter()
            other.eval(tokens)
            seconds[n].append(time.perf_counter() - started)
    rates = {str(n): round(len(tokens) / min(s), 1) for n, s in seconds.items()}
    return {"tokens": len(tokens), "tokens_per_s_by_batch_threads": rates}


def _prompt_text(llama: Any, messages: list[Any]) -> str:  # close enough for a token count
    return "\n".join(m["content"] for m in messages)


def _ratio(result: dict[str, Any], field: str, top: str, bottom: str) -> float:
    bottom_field = "ttft_median_ms" if field == "ttft_later_prompts_ms" else field
    return round(result[top][field] / result[bottom][bottom_field], 3) if result[bottom][bottom_field] else 0.0


def show(result: dict[str, Any]) -> None:
    rows: list[list[object]] = [
        ["side", "TTFT median ms", "TTFT 1st / later ms", "decode tok/s", "tokens", "replies s"]
    ]
    for key in ("raw_fresh_cache", "recchat_fresh_cache", "raw_shared_prefix", "recchat_shared_prefix"):
        r = result[key]
        split = f"{r['ttft_first_prompt_ms']} / {r['ttft_later_prompts_ms']}"
        rows.append([key, r["ttft_median_ms"], split, r["decode_tokens_per_s"], r["tokens"], r["total_s"]])
    print_table(f"LLM ({result['model']}, prompts of ~{max(result['prompt_tokens'])} tokens)", rows)
    print("  ratios:", result["ratios"])
    print("  prompt eval by batch threads:", result["prompt_eval_by_batch_threads"])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    started = machine()
    result = measure(args.rounds)
    show(result)
    print(f"-> {write('llm', result, started)}")


if __name__ == "__main__":
    main()
