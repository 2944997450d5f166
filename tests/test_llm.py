"""The llama.cpp backend's own checks, before llama.cpp ever sees a file."""

from __future__ import annotations

from pathlib import Path

import pytest

from recchat.config import GenerationParams
from recchat.errors import ModelError
from recchat.llm.llama_cpp import LlamaCppModel, default_model_path


def test_missing_model_file_names_the_path_and_the_fix(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.gguf"
    with pytest.raises(ModelError) as caught:
        LlamaCppModel(missing, GenerationParams()).load()
    assert str(missing) in caught.value.message
    assert caught.value.hint and "--model" in caught.value.hint


def test_a_file_that_is_not_gguf_is_refused(tmp_path: Path) -> None:
    not_gguf = tmp_path / "fake.gguf"
    not_gguf.write_bytes(b"PK\x03\x04 not a model")
    with pytest.raises(ModelError, match="is not a GGUF model file"):
        LlamaCppModel(not_gguf, GenerationParams()).load()


def test_a_truncated_gguf_is_a_model_error_not_a_crash(tmp_path: Path) -> None:
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(default_model_path().read_bytes()[:4096])
    with pytest.raises(ModelError, match="could not load"):
        LlamaCppModel(broken, GenerationParams()).load()


def test_default_model_ships_in_the_installed_wheel() -> None:
    path = default_model_path()
    assert path.name.endswith(".gguf") and path.read_bytes()[:4] == b"GGUF"
