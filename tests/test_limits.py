"""Limits: a 100,000-character message, a profile of 10,000 utterances and a conversation far
longer than the model's context are handled: cut, bounded or summarised, never a crash, and the
prompt sent to the model always fits its context. (Latency is measured, not asserted: see the
report of issue 6 for the numbers.)"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pytest

from conftest import MINI_CATALOG, invoke_cli
from recchat.catalog.importer import import_catalog
from recchat.config import GenerationParams, Settings
from recchat.domain import Mention, Polarity, Role, Utterance
from recchat.factory import Runtime
from recchat.llm.fake import ScriptedChatModel
from recchat.profile import MAX_WEIGHTED, new_id, to_metadata
from recchat.session import MAX_UTTERANCE_CHARS

HUGE = ("a long rambling message about space, robots and friendship " * 2000)[:100_000]


def prompt_tokens(messages: list[dict[str, str]]) -> int:
    """A generous estimate: English runs about four characters a token; count three."""
    return sum(len(m["content"]) for m in messages) // 3


def test_a_100000_character_message_is_cut_and_answered(loaded: Runtime) -> None:
    model = ScriptedChatModel()
    session = Runtime(loaded.settings, chat_model=model).session(catalog="mini")
    reply = session.handle(HUGE, k=3)
    assert reply.recommendations or reply.question
    said = [e.utterance.text for e in session.profile.entries if e.utterance.role is Role.USER]
    assert said == [HUGE[:MAX_UTTERANCE_CHARS].strip()]
    limits = loaded.model_limits  # the defaults' context and explanation budget
    assert all(prompt_tokens(call) + limits.explanation.max_tokens <= limits.context_size for call in model.calls)


def test_the_cli_says_when_it_cuts_a_message(home: Path) -> None:
    assert invoke_cli(home, "--backend", "fake", "catalog", "add", str(MINI_CATALOG)).returncode == 0
    result = invoke_cli(home, "--backend", "fake", "ask", "-", "--no-llm", stdin=HUGE)
    assert result.returncode == 0, result.stderr
    assert f"only the first {MAX_UTTERANCE_CHARS:,} characters are read" in result.stderr


def fill_profile(runtime: Runtime, count: int) -> None:
    """`count` utterances over months, written in batches (recording them one by one through a
    session would take as long as the conversations did)."""
    collection = runtime.store.open_or_create("profile", "default", runtime.embedder.name, runtime.embedder.dimension)
    start = time.time() - count * 600
    texts = ["space robots adventure", "quiet detective mystery", "board game for a big group", "funny animated film"]
    for first in range(0, count, 1000):
        batch = []
        for i in range(first, min(first + 1000, count)):
            # The very first utterance disliked an item: a verdict that must outlive its words.
            mentions = (Mention("m03", "Alien", Polarity.NEGATIVE),) if i == 0 else ()
            batch.append(
                Utterance(
                    id=new_id(start + i * 600),
                    text=f"{texts[i % 4]} number {i}",
                    role=Role.USER,
                    time=start + i * 600,
                    session=f"s{i // 25}",
                    polarity=Polarity.NEGATIVE if i == 0 else Polarity.POSITIVE,
                    mentions=mentions,
                )
            )
        vectors = runtime.embedder.embed([u.text for u in batch])
        collection.upsert([u.id for u in batch], vectors, [u.text for u in batch], [to_metadata(u) for u in batch])


@pytest.mark.slow
def test_a_profile_of_10000_utterances_still_answers_with_bounded_work(loaded: Runtime) -> None:
    fill_profile(loaded, 10_000)
    session = loaded.session(catalog="mini")
    assert len(session.profile.entries) == 10_000
    reply = session.handle("something with space robots", k=3)
    catalog_ids = {e.id for e in loaded.catalog("mini").index.entries}
    assert reply.recommendations and {r.item.id for r in reply.recommendations} <= catalog_ids
    snapshot = session.snapshot()
    assert len(snapshot.likes) <= MAX_WEIGHTED, "old words are not carried along forever"
    assert "m03" in snapshot.disliked_items, "an old verdict on an item still counts"
    assert "m03" not in {r.item.id for r in reply.recommendations}
    kept = {w.entry.utterance.text for w in snapshot.likes}
    assert "something with space robots" in kept and "space robots adventure number 0" not in kept


@pytest.mark.slow
def test_a_conversation_far_longer_than_the_context_keeps_every_prompt_inside_it(
    runtime: Runtime, tmp_path: Path
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    words = "comet nebula android orbit station moon crew signal reactor frontier colony drift".split()
    rows = [
        json.dumps(
            {
                "id": f"s{i}",
                "title": f"Voyage {i}",
                "description": f"space robots {words[i % 12]} {words[i // 12 % 12]} {words[i // 144 % 12]} " * 20,
                "tags": "sf",
            }
        )
        for i in range(300)
    ]
    (folder / "items.jsonl").write_text("\n".join(rows) + "\n")
    import_catalog(runtime.store, runtime.embedder, folder, "many")
    model = ScriptedChatModel()
    session = Runtime(runtime.settings, chat_model=model).session(catalog="many")
    limits = runtime.model_limits
    sizes = []
    for turn in range(24):  # each near the longest message read (4,000 characters): 15 contexts in all
        model.calls.clear()
        text = f"turn {turn}: I want space science fiction with robots, " + "and more detail " * 240
        session.handle(text, k=2, always_recommend=True)
        assert model.calls, "the model was asked"
        sizes.append(max(prompt_tokens(call) for call in model.calls))
    total_said = sum(len(e.utterance.text) for e in session.profile.entries) // 3
    assert total_said > 10 * limits.context_size, "the conversation is far longer than the context"
    assert max(sizes) + limits.explanation.max_tokens <= limits.context_size
    assert max(sizes[-10:]) <= max(sizes[:10]) * 1.1, "prompts do not grow with the conversation"


@pytest.mark.real
def test_the_real_model_fits_any_prompt_into_a_small_context(tmp_path: Path) -> None:
    from recchat.llm.llama_cpp import LlamaCppModel, default_model_path

    model = LlamaCppModel(default_model_path(), GenerationParams(context_size=256, max_tokens=32))
    messages = [
        {"role": "system", "content": "You are recchat, a friendly recommender. Answer in one sentence."},
        {"role": "user", "content": "Tell me about space. " * 3000 + "Why might they enjoy Alien?"},
    ]
    fitted = model.fit(messages, 32)  # type: ignore[arg-type]
    tokens = sum(len(model._llama.tokenize(m["content"].encode(), add_bos=False)) for m in fitted)
    assert tokens + 32 <= 256 and fitted[1]["content"].endswith("Why might they enjoy Alien?")
    assert "".join(model.stream(messages, max_tokens=32)).strip()  # type: ignore[arg-type]
    runtime = Runtime(Settings(home=tmp_path / "home", generation=GenerationParams(context_size=256)))
    import_catalog(runtime.store, runtime.embedder, MINI_CATALOG, "mini")
    reply = runtime.session(catalog="mini").handle(HUGE, k=2, always_recommend=True)
    assert reply.recommendations and all(r.explanation for r in reply.recommendations)
    assert np.isfinite([r.score for r in reply.recommendations]).all()
