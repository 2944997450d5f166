"""The whole path with the real default models: llama.cpp (SmolLM2 GGUF), sentence-transformers
(all-MiniLM-L6-v2) and Chroma on disk, driven through the `recchat` command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import BENCHMARK, MINI_CATALOG, SAMPLE_CATALOG, needs_benchmark, run_cli

pytestmark = pytest.mark.real
LLAMA_LOG = re.compile(r"llama_|ggml_|gguf|load_tensors|llm_load|n_ctx|AVX|Loading weights", re.I)


def catalog_ids(folder: Path) -> set[str]:
    from recchat.catalog.importer import iter_valid_items

    return {item.id for item, _ in iter_valid_items(folder, [])}


def ask_json(home: Path, *args: str) -> dict:  # type: ignore[type-arg]
    result = run_cli(home, "ask", *args, "--json")
    assert result.returncode == 0, result.stderr
    assert not LLAMA_LOG.search(result.stderr), result.stderr  # no model logging on the terminal
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_add_catalog_and_ask_with_the_real_models(real_home: Path) -> None:
    home = real_home
    folder = SAMPLE_CATALOG if SAMPLE_CATALOG.is_dir() else MINI_CATALOG
    added = run_cli(home, "catalog", "add", str(folder), "--name", "sample")
    assert added.returncode == 0, added.stderr
    assert not LLAMA_LOG.search(added.stderr), added.stderr

    reply = ask_json(home, "I loved Interstellar, want more mind-bending sci-fi but no horror", "-k", "3")
    known = catalog_ids(folder)
    assert reply["type"] == "recommendations" and len(reply["items"]) == 3
    for item in reply["items"]:
        assert item["id"] in known
        assert item["explanation"].strip()
        assert item["explanation_source"] in {"llm", "template"}
        assert "horror" not in item["tags"]
        assert not item["title"].startswith("Interstellar")


def test_missing_model_is_a_clear_error(real_mini_home: Path, tmp_path: Path) -> None:
    missing = tmp_path / "gone.gguf"
    result = run_cli(real_mini_home, "--model", str(missing), "ask", "science fiction please")
    assert result.returncode == 1
    assert str(missing) in result.stderr and "--model" in result.stderr
    assert "Traceback" not in result.stderr


@needs_benchmark
def test_the_real_models_read_the_benchmark_movies(real_home: Path, tmp_path: Path) -> None:
    home = real_home
    # The benchmark's own texts (long encyclopedia descriptions, any title) through the real
    # models: its first 100 movies.
    folder = tmp_path / "movies"
    folder.mkdir()
    lines = (BENCHMARK / "catalog" / "catalog.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (folder / "catalog.jsonl").write_text("".join(lines[:100]), encoding="utf-8")
    added = run_cli(home, "catalog", "add", str(folder), "--name", "movies")
    assert added.returncode == 0, added.stderr
    reply = ask_json(home, "a funny family film about sports", "-k", "5")
    known = catalog_ids(folder)
    assert len(reply["items"]) == 5
    assert all(item["id"] in known and item["explanation"].strip() for item in reply["items"])
