"""The llama.cpp backend's own checks, before llama.cpp ever sees a file."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from recchat.config import GenerationParams
from recchat.errors import ModelError
from recchat.llm.base import ChatMessage, complete
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


# --- one llama.cpp context, two threads -----------------------------------------------------------


class OneContextLlama:
    """Stands in for llama_cpp.Llama inside the real LlamaCppModel: records when two calls drive
    the one context at the same time (a streamed completion drives it until it is exhausted or
    closed, as llama-cpp-python's generator does)."""

    def __init__(self, pieces: int = 6, pause: float = 0.005) -> None:
        self.pieces = pieces
        self.pause = pause
        self.active = 0
        self.overlaps: list[str] = []
        self.entered = threading.Event()  # some call has started driving the context
        self._guard = threading.Lock()

    def tokenize(self, data: bytes, add_bos: bool = False) -> list[int]:
        return list(range(len(data) // 4))

    def _enter(self, what: str) -> None:
        with self._guard:
            if self.active:
                self.overlaps.append(f"{what} started while {self.active} other call(s) ran")
            self.active += 1
        self.entered.set()

    def _leave(self) -> None:
        with self._guard:
            self.active -= 1

    def create_chat_completion(self, *, stream: bool = False, **params: Any) -> Any:
        if stream:
            return self._stream()
        self._enter("a prefill")
        time.sleep(self.pause)
        self._leave()
        return {"choices": [{"message": {"content": "x"}}]}

    def _stream(self) -> Iterator[dict[str, Any]]:
        self._enter("a stream")
        try:
            for number in range(self.pieces):
                time.sleep(self.pause)
                yield {"choices": [{"delta": {"content": f"piece{number} "}}]}
        finally:
            self._leave()


MESSAGES: list[ChatMessage] = [{"role": "user", "content": "hello there"}]


def model_with(fake: OneContextLlama, tmp_path: Path) -> LlamaCppModel:
    model = LlamaCppModel(tmp_path / "unused.gguf", GenerationParams())
    model._llama = fake  # loaded: the fake is the llama.cpp object the model drives
    return model


def in_thread(work: Callable[[], object]) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def run() -> None:
        try:
            work()
        except BaseException as error:  # handed to the test's thread
            errors.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, errors


def test_a_prefill_waits_for_a_reply_that_is_streaming(tmp_path: Path) -> None:
    """The app's warm-up prefills on one thread while a reply streams on another."""
    fake = OneContextLlama()
    model = model_with(fake, tmp_path)
    pieces = model.stream(MESSAGES)
    first = next(pieces)  # the reply is under way, and drives the context
    fake.entered.clear()
    prefill, errors = in_thread(lambda: model.prefill(MESSAGES))
    fake.entered.wait(0.5)  # a prefill that does not wait starts now
    rest = list(pieces)
    prefill.join(10)
    assert not prefill.is_alive() and not errors, errors
    assert fake.overlaps == []
    assert first + "".join(rest) == "".join(f"piece{n} " for n in range(fake.pieces))


def test_two_replies_streaming_at_once_take_turns(tmp_path: Path) -> None:
    fake = OneContextLlama()
    model = model_with(fake, tmp_path)
    start = threading.Barrier(2)
    replies: list[str] = []

    def reply() -> None:
        start.wait(5)
        replies.append(complete(model, MESSAGES))

    threads = [in_thread(reply) for _ in range(2)]
    for thread, errors in threads:
        thread.join(10)
        assert not thread.is_alive() and not errors, errors
    assert fake.overlaps == []
    assert len(replies) == 2 and replies[0] == replies[1]


def test_a_stream_closed_early_or_dropped_frees_the_model(tmp_path: Path) -> None:
    fake = OneContextLlama()
    model = model_with(fake, tmp_path)
    closed = model.stream(MESSAGES)
    next(closed)
    closed.close()  # what the explainer does when it has enough
    dropped = model.stream(MESSAGES)
    next(dropped)
    del dropped  # a reply abandoned mid-way
    prefill, errors = in_thread(lambda: model.prefill(MESSAGES))
    prefill.join(10)
    assert not prefill.is_alive(), "the model stayed busy after its stream was closed"
    assert not errors and fake.active == 0
