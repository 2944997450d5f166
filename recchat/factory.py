"""Settings -> wired objects. The only place where concrete backends are chosen."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from recchat.config import Settings, check_name
from recchat.embed.base import model_of
from recchat.errors import NotFoundError, StoreError
from recchat.prompts import Prompts
from recchat.text import stem, words
from recchat.timing import timed

if TYPE_CHECKING:
    from recchat.catalog.library import Catalog
    from recchat.conversation.mentions import TitleMatcher
    from recchat.conversation.state import ConversationState
    from recchat.conversation.understanding import Reader
    from recchat.embed.base import Embedder
    from recchat.llm.base import ChatMessage, ChatModel
    from recchat.llm.limits import ModelLimits
    from recchat.profile import Profile, ProfileStore
    from recchat.ranking.retrieval import Ranker
    from recchat.session import Session
    from recchat.store import Collection, Store


class Runtime:
    """Lazily built parts shared by one process: the store, the embedder, the chat model."""

    def __init__(
        self,
        settings: Settings,
        *,
        on_wait: Callable[[str], None] | None = None,
        on_notice: Callable[[str], None] | None = None,
        chat_model: ChatModel | None = None,
        embedder: Embedder | None = None,
        ranker: Callable[[Catalog], Ranker] | None = None,
    ) -> None:
        """`chat_model`, `embedder`: models to use instead of those the settings name (fakes
        behind the same protocols, in tests); `use_model` replaces the chat model like any other.
        `ranker`: the ranker of each session's catalog instead of recchat's own (a scripted one,
        for tests of what surrounds ranking)."""
        self.settings = settings
        self._ranker = ranker
        self._catalogs: dict[str, Catalog] = {}
        self._readers: dict[str, tuple[TitleMatcher, Reader]] = {}
        self.on_wait = on_wait  # hears "waiting for another recchat…" when the data folder is busy
        self.on_notice = on_notice  # hears that the chosen model failed to load and the default answers
        self._limits: ModelLimits | None = None  # the chosen model's, once it is built
        if chat_model is not None:
            self.__dict__["chat_model"] = chat_model  # what the cached property would have built
        if embedder is not None:
            self.__dict__["embedder"] = embedder

    @cached_property
    def store(self) -> Store:
        from recchat.store import Store
        from recchat.store.files import secure_tree

        with timed("store.open"):
            if self.settings.chroma is not None:
                return Store.server(self.settings.chroma)
            if self.settings.incognito:  # reads a throwaway copy: not one byte of the data folder changes
                return Store.snapshot_of(self.settings.store_dir, on_wait=self.on_wait)
            # What recchat keeps holds what a person said: theirs alone, whatever made the folders.
            # Only recchat's own folders are touched: --home may well point at a folder of the user's.
            self.settings.home.mkdir(parents=True, exist_ok=True, mode=0o700)
            for folder in (*self.settings.data_dirs, self.settings.lock_dir):
                secure_tree(folder)
            return Store.embedded(self.settings.store_dir, on_wait=self.on_wait)

    @cached_property
    def embedder(self) -> Embedder:
        if self.settings.backend == "fake":
            from recchat.embed.fake import HashingEmbedder

            return HashingEmbedder()
        from pathlib import Path

        from recchat.embed.onnx import OnnxEmbedder

        # sentence-transformers models, run by onnxruntime: the same vectors (and the same name)
        # without importing torch on every start. The export is made once, in the cache folder.
        cache = self.settings.cache_dir / "onnx"
        threads = self.settings.generation.threads
        precision = self.settings.embedder_precision
        if self.settings.embedder:
            return OnnxEmbedder(Path(self.settings.embedder).expanduser(), cache, threads=threads, precision=precision)
        return OnnxEmbedder.default(cache, threads=threads, precision=precision)

    @cached_property
    def chat_model(self) -> ChatModel | None:
        if not self.settings.use_llm:
            return None
        if self.settings.backend == "fake":
            from recchat.llm.fake import ScriptedChatModel

            return ScriptedChatModel()
        from recchat.models.choice import chosen_model

        model, self._limits = chosen_model(
            self.settings.model, self.settings.generation, self.settings.model_search, self._notice
        )
        return model

    @property
    def model_limits(self) -> ModelLimits:
        """The chosen model's context and explanation budget (the defaults for a fake model)."""
        from recchat.llm.limits import model_limits

        model = self.chat_model  # building it reads its header, and so its limits
        if model is not None and self._limits is not None:
            return self._limits
        return model_limits(self.settings.generation)

    def _notice(self, text: str) -> None:
        if self.on_notice is not None:
            self.on_notice(text)

    def explanation_start(self) -> list[ChatMessage]:
        """What every explanation prompt begins with: the app has the model read it while the
        person types (`ChatModel.prefill`), so the first explanation starts sooner."""
        from recchat.explain import Explainer

        budget = self.model_limits.explanation
        return Explainer(
            self.chat_model, self.prompts, None, budget.max_tokens, sentences=budget.sentences
        ).shared_start()

    def read_ahead(self) -> Callable[[], None]:
        """Load the chat model and have it read the start that every explanation prompt shares,
        on a thread, while this process opens the store and the catalog and retrieves: a one-shot
        `ask` then starts its first explanation from llama.cpp's cache instead of loading and
        reading first. Returns the wait for it (call before printing: loading swaps the
        process's stdout for a moment). A failure is left to the first explanation, which loads
        again and reports it."""
        model = self.chat_model
        start = self.explanation_start() if model is not None else []
        if model is None or not start:
            return lambda: None

        def read() -> None:
            with contextlib.suppress(Exception):  # the first explanation raises it where it is heard
                model.prefill(start, alongside=True)

        thread = threading.Thread(target=read, name="recchat-read-ahead", daemon=True)
        thread.start()
        return thread.join

    @cached_property
    def prompts(self) -> Prompts:
        return Prompts(self.settings.prompts_dir)

    def catalog_name(self, name: str | None = None) -> str:
        """The named catalog, the configured one, or the only one there is."""
        chosen = name or self.settings.catalog
        if chosen:
            return check_name(chosen, "catalog")
        names = self.store.catalogs()
        if len(names) == 1:
            return names[0]
        if not names:
            raise NotFoundError("no catalog loaded yet", "add one: `recchat catalog add ./sample_catalog`")
        raise NotFoundError(
            f"several catalogs ({', '.join(names)}): which one?", "pass --catalog NAME or set `catalog` in config.toml"
        )

    def catalog(self, name: str | None = None) -> Catalog:
        """The named catalog, opened once per process (its index and title matcher are costly)."""
        from recchat.catalog.library import Catalog
        from recchat.store import check_embedder

        chosen = self.catalog_name(name)
        if chosen not in self._catalogs:
            with timed("catalog.open"):
                collection = self.store.open("catalog", chosen)
                _check_variant(collection, self.embedder.name)
                check_embedder(collection, self.embedder.name, self.embedder.dimension)
                # Incognito writes nothing at all, not even the catalog caches; it may read them.
                incognito = self.settings.incognito
                self._catalogs[chosen] = Catalog(collection, self.settings.cache_dir, write_cache=not incognito)
        return self._catalogs[chosen]

    def forget_catalog(self, name: str) -> None:
        """Drop cached views of a catalog after it was re-imported or removed."""
        self._catalogs.pop(name, None)
        self._readers.pop(name, None)

    def reader(self, catalog: Catalog) -> tuple[TitleMatcher, Reader]:
        from recchat.conversation.mentions import TITLES, TitleTable
        from recchat.conversation.people_table import PEOPLE, PeopleTable
        from recchat.conversation.understanding import reader_for

        if catalog.name not in self._readers:
            with timed("catalog.index"):
                index = catalog.index
            # as the import saved them; a catalog imported before they were saved: from its index
            titles = catalog.derived(TITLES, lambda: TitleTable.of(index.entries))
            people = catalog.derived(PEOPLE, lambda: PeopleTable.of(catalog.schema, index.entries))
            with timed("matcher.build", items=len(index)):
                reader = reader_for(catalog.schema, index, _held_in(catalog), (titles, people), catalog.name)
                matcher = reader.matcher
            self._readers[catalog.name] = (matcher, reader)
        return self._readers[catalog.name]

    def profile_store(self, name: str | None = None) -> ProfileStore:
        from recchat.profile import ChromaProfileStore, MemoryProfileStore

        if self.settings.incognito:
            return MemoryProfileStore()
        profile = check_name(name or self.settings.profile, "profile")
        embedder, dimension = self.embedder.name, self.embedder.dimension
        try:
            return ChromaProfileStore(self.store.open_or_create("profile", profile, embedder, dimension))
        except StoreError:
            collection = self.store.open("profile", profile)
            old = str(collection.info.get("embedder", ""))
            if model_of(old) != model_of(embedder) or int(collection.info.get("dimension", dimension)) != dimension:
                raise  # another model: refused, with the fix
        # Another variant of the same model (int8, float32): the person's words are embedded
        # again, so their profile and the catalog's vectors stay comparable.
        store = ChromaProfileStore(collection)
        store.embed_again(self.embedder)
        return store

    def profile(self, name: str | None = None, store: ProfileStore | None = None) -> Profile:
        from recchat.history import Transcripts
        from recchat.profile import Profile

        folder = None if self.settings.incognito else self.settings.history_dir
        return Profile(name or self.settings.profile, store or self.profile_store(name), Transcripts(folder))

    def session(
        self,
        *,
        catalog: str | None = None,
        profile: Profile | None = None,
        session_id: str | None = None,
        ranker: Ranker | None = None,
        state: ConversationState | None = None,
    ) -> Session:
        from recchat.conversation.policy import Elicitor
        from recchat.explain import Explainer
        from recchat.ranking.retrieval import Retriever
        from recchat.session import Parts, Session

        stored = self.catalog(catalog)
        stored.load_vectors()  # in the background, while the readers load
        matcher, reader = self.reader(stored)
        model = self.chat_model
        parts = Parts(
            catalog=stored,
            profile=profile or self.profile(),
            embedder=self.embedder,
            reader=reader,
            retriever=ranker or (self._ranker or Retriever)(stored),
            explainer=Explainer(
                model,
                self.prompts,
                matcher,
                self.model_limits.explanation.max_tokens,
                schema=stored.schema,
                tags=stored.tag_vocabulary(),
                sentences=self.model_limits.explanation.sentences,
            ),
            elicitor=Elicitor(model, self.prompts, matcher, str(stored.info.get("kind", "items"))),
        )
        return Session(parts, k=self.settings.k, session_id=session_id, state=state)

    def use_model(self, model: str | None, *, use_llm: bool = True) -> None:
        """Point later sessions at another model: a GGUF path or a name from `recchat models`
        (None: the default), or at none (template explanations); the store and the embedder stay
        loaded. A reference that names no model raises ModelError and changes nothing."""
        if use_llm and model is not None:
            from recchat.errors import ModelError
            from recchat.models.listing import resolve

            found = resolve(model, self.settings.model_search)
            if not found.path.is_file():
                raise ModelError(f"model file {found.path} does not exist", "`recchat models` lists the models here")
        self.settings = self.settings.with_changes(model=model, use_llm=use_llm)
        # drop the cached model (and its limits) so the next use builds the new one
        self.__dict__.pop("chat_model", None)
        self._limits = None


def _check_variant(collection: Collection, embedder: str) -> None:
    """A catalog embedded by another variant of the model recchat runs (int8, float32) is read
    by neither: say how to embed it again, or how to keep the variant it has."""
    old = str(collection.info.get("embedder", ""))
    if old == embedder or model_of(old) != model_of(embedder):
        return  # the same, or another model: check_embedder says the rest
    source = collection.info.get("source", "FOLDER")
    precision = "float32" if old == model_of(old) else "int8"
    raise StoreError(
        f"catalog '{collection.name}' was embedded by {old}, not {embedder} (another variant of the same model)",
        f"embed it again: `recchat catalog add {source} --name {collection.name}`; or keep it as it is "
        f'with embedder_precision = "{precision}" in config.toml (RECCHAT_EMBEDDER_PRECISION={precision})',
    )


def _held_in(catalog: Catalog) -> Callable[[str], float]:
    """The share of items whose text holds all these words (0.0: none; the catalog's word index,
    read lazily)."""

    def held(phrase: str) -> float:
        lexical = catalog.lexical
        return len(lexical.with_terms([stem(w) for w in words(phrase)])) / max(len(lexical), 1)

    return held
