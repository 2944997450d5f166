"""The parts issue 5 added for speed: the saved BM25 index, the timing trace, the ONNX
embedder and the explanation prompts' shared start. Speed itself is measured in
benchmarks/, never asserted here."""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path

import pytest

from conftest import run_cli
from recchat.factory import Runtime
from recchat.llm.base import ChatMessage
from recchat.ranking.lexical import Bm25Index
from recchat.timing import mark, timed

DOCS = [
    ("a", "A heist comedy with a clever crew of thieves"),
    ("b", "A slow space drama about a lonely astronaut"),
    ("c", "Thieves, heists and more heists: the crew returns"),
    ("d", ""),
]


def test_saved_bm25_index_scores_like_the_built_one(tmp_path: Path) -> None:
    built = Bm25Index(DOCS)
    built.save(tmp_path / "bm25.npz")
    loaded = Bm25Index.load(tmp_path / "bm25.npz")
    assert len(loaded) == len(built)
    for query in ("heist crew", "astronaut", "nothing matches this"):
        assert loaded.scores(query) == pytest.approx(built.scores(query))
    assert loaded.idf("heist") == built.idf("heist")


def test_damaged_bm25_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bm25.npz"
    path.write_bytes(b"not an archive")
    with pytest.raises(ValueError):
        Bm25Index.load(path)


def test_catalog_saves_its_bm25_index_and_rebuilds_a_damaged_one(loaded: Runtime) -> None:
    catalog = loaded.catalog("mini")
    expected = catalog.lexical.scores("space adventure")
    saved = list(loaded.settings.cache_dir.glob("bm25-mini-*.npz"))
    assert len(saved) == 1
    assert Bm25Index.load(saved[0]).scores("space adventure") == pytest.approx(expected)
    saved[0].write_bytes(b"damaged")
    loaded.forget_catalog("mini")
    assert loaded.catalog("mini").lexical.scores("space adventure") == pytest.approx(expected)
    assert Bm25Index.load(saved[0]).scores("space adventure") == pytest.approx(expected)


def test_incognito_reads_the_saved_catalog_caches_and_writes_none(loaded: Runtime) -> None:
    from dataclasses import replace

    normal = loaded.catalog("mini")  # a normal run saves both caches
    expected, size = normal.lexical.scores("space adventure"), len(normal.index)
    cache = loaded.settings.cache_dir
    saved = {p.name: p.read_bytes() for p in cache.iterdir()}
    assert any(name.startswith("bm25-") for name in saved) and any(name.startswith("index-") for name in saved)
    incognito = Runtime(replace(loaded.settings, incognito=True))
    catalog = incognito.catalog("mini")
    # Reading the saved files must be enough: a rebuild would have to walk the collection.
    catalog.collection.iter_all = None  # type: ignore[method-assign]
    assert catalog.lexical.scores("space adventure") == pytest.approx(expected)
    assert len(catalog.index) == size
    for path in cache.iterdir():
        path.unlink()
    fresh = Runtime(replace(loaded.settings, incognito=True)).catalog("mini")
    assert fresh.lexical.scores("space adventure") == pytest.approx(expected)  # built in memory
    assert len(fresh.index) == size
    assert list(cache.iterdir()) == [], "incognito wrote a cache file"


def test_the_start_read_ahead_is_how_every_explanation_prompt_begins(loaded: Runtime) -> None:
    # llama.cpp reuses a prompt's cached start only if the next prompt begins with exactly it.
    from recchat.llm.fake import ScriptedChatModel

    model = loaded.chat_model
    assert isinstance(model, ScriptedChatModel)
    start = loaded.explanation_start()
    model.prefill(start)
    assert model.prefilled == [start] and len(start) == 3
    reply = loaded.session(catalog="mini").handle("a witty detective mystery")
    explained = [call for call in model.calls if call[-1]["content"].startswith("Request:")]
    assert len(explained) >= len(reply.recommendations) > 0  # a refused text gets one more try
    assert all(call[: len(start)] == start and len(call) == len(start) + 1 for call in explained)


def test_a_one_shot_ask_reads_the_explanation_start_ahead_on_one_core(loaded: Runtime) -> None:
    from recchat.llm.fake import ScriptedChatModel

    model = loaded.chat_model
    assert isinstance(model, ScriptedChatModel)
    wait = loaded.read_ahead()
    wait()
    assert model.prefilled == [loaded.explanation_start()] and model.alongside == [True]


def test_a_read_ahead_that_fails_leaves_the_model_to_the_explanations(loaded: Runtime) -> None:
    from recchat.errors import ModelError
    from recchat.llm.fake import ScriptedChatModel

    class FailsToReadAhead(ScriptedChatModel):
        def prefill(self, messages: Sequence[ChatMessage], *, alongside: bool = False) -> None:
            raise ModelError("the read-ahead failed")

    model = FailsToReadAhead()
    loaded.__dict__["chat_model"] = model
    loaded.read_ahead()()  # the failure stays on its thread
    reply = loaded.session(catalog="mini").handle("a witty detective mystery")
    assert reply.recommendations and model.calls  # the explanations still use the model
    assert all(r.explanation_source == "llm" for r in reply.recommendations if r.explanation)


def test_no_read_ahead_without_a_model(runtime: Runtime) -> None:
    runtime.__dict__["chat_model"] = None
    assert runtime.read_ahead()() is None


def test_timed_spans_go_to_the_timing_logger_only_when_asked(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="recchat.timing"), timed("quiet"):
        pass
    assert caplog.records == []
    with caplog.at_level(logging.DEBUG, logger="recchat.timing"):
        with timed("store.open", items=3):
            pass
        mark("llm.first_token", 12.5)
    messages = [record.getMessage() for record in caplog.records]
    assert messages[0].startswith("store.open ms=") and messages[0].endswith("items=3")
    assert messages[1] == "llm.first_token ms=12.5"


def test_trace_lines_on_stderr_with_recchat_trace(home: Path) -> None:
    quiet = run_cli(home, "--backend", "fake", "catalog", "list")
    traced = run_cli(home, "--backend", "fake", "catalog", "list", RECCHAT_TRACE="1")
    assert "recchat-trace" not in quiet.stderr
    lines = [line for line in traced.stderr.splitlines() if line.startswith("recchat-trace")]
    assert lines[0].split()[2] == "main" and lines[-1].split()[2] == "exit"
    assert traced.stdout == quiet.stdout


@pytest.mark.real
def test_onnx_embedder_gives_the_sentence_transformers_vectors(tmp_path: Path) -> None:
    import numpy as np

    from recchat.embed.onnx import META_FILE, OnnxEmbedder, export_dir
    from recchat.embed.sentence_transformers import SentenceTransformerEmbedder

    texts = ["a funny heist movie", "  Space opera with robots  ", "Die Hard (1988) action " * 40, "x"]
    onnx = OnnxEmbedder.default(tmp_path / "onnx", precision="float32")
    # An export of the same model made before its files changed: the new export replaces it.
    superseded = tmp_path / "onnx" / f"{onnx.path.name}-{'0' * 16}"
    superseded.mkdir(parents=True)
    (superseded / META_FILE).write_text(json.dumps({"source": str(onnx.path)}))
    reference = SentenceTransformerEmbedder.default()
    assert onnx.name == reference.name and onnx.dimension == reference.dimension
    ours, theirs = onnx.embed(texts), reference.embed(texts)
    assert onnx.runtime == "onnxruntime"
    assert [p.name for p in (tmp_path / "onnx").iterdir()] == [export_dir(tmp_path / "onnx", onnx.path).name]
    assert np.min(np.sum(ours * theirs, axis=1)) >= 1 - 1e-3
