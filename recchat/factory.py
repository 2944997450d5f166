"""Settings -> wired objects. The only place where concrete backends are chosen."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from recchat.config import Settings, check_name
from recchat.errors import NotFoundError
from recchat.prompts import Prompts
from recchat.text import stem, words
from recchat.timing import timed

if TYPE_CHECKING:
    from pathlib import Path

    from recchat.catalog.library import Catalog
    from recchat.conversation.mentions import TitleMatcher
    from recchat.conversation.state import ConversationState
    from recchat.conversation.understanding import Reader
    from recchat.embed.base import Embedder
    from recchat.llm.base import ChatMessage, ChatModel
    from recchat.profile import Profile, ProfileStore
    from recchat.ranking.retrieval import Ranker
    from recchat.session import Session
    from recchat.store import Store


class Runtime:
    """Lazily built parts shared by one process: the store, the embedder, the chat model."""

    def __init__(
        self,
        settings: Settings,
        *,
        on_wait: Callable[[str], None] | None = None,
        chat_model: ChatModel | None = None,
        ranker: Callable[[Catalog], Ranker] | None = None,
    ) -> None:
        """`chat_model`: a model to use instead of the one the settings name (a scripted or slow
        fake behind the same protocol, in tests); `use_model` replaces it like any other.
        `ranker`: the ranker of each session's catalog instead of recchat's own (a scripted one,
        for tests of what surrounds ranking)."""
        self.settings = settings
        self._ranker = ranker
        self._catalogs: dict[str, Catalog] = {}
        self._readers: dict[str, tuple[TitleMatcher, Reader]] = {}
        self.on_wait = on_wait  # hears "waiting for another recchat…" when the data folder is busy
        if chat_model is not None:
            self.__dict__["chat_model"] = chat_model  # what the cached property would have built

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
        if self.settings.embedder:
            return OnnxEmbedder(Path(self.settings.embedder).expanduser(), cache, threads=threads)
        return OnnxEmbedder.default(cache, threads=threads)

    @cached_property
    def chat_model(self) -> ChatModel | None:
        if not self.settings.use_llm:
            return None
        if self.settings.backend == "fake":
            from recchat.llm.fake import ScriptedChatModel

            return ScriptedChatModel()
        from recchat.llm.llama_cpp import LlamaCppModel, default_model_path

        return LlamaCppModel(self.settings.model or default_model_path(), self.settings.generation)

    def explanation_start(self) -> list[ChatMessage]:
        """What every explanation prompt begins with: the app has the model read it while the
        person types (`ChatModel.prefill`), so the first explanation starts sooner."""
        from recchat.explain import Explainer

        return Explainer(self.chat_model, self.prompts, None).shared_start()

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
        from recchat.conversation.mentions import TitleMatcher
        from recchat.conversation.request import RequestReader
        from recchat.conversation.understanding import GENERIC, Reader

        if catalog.name not in self._readers:
            with timed("catalog.index"):
                index = catalog.index
            with timed("matcher.build", items=len(index)):
                matcher = TitleMatcher(index)
                reader = Reader(matcher, catalog.tag_vocabulary())
                generic = {stem(word) for word in GENERIC}
                reader.request = RequestReader(
                    catalog.schema, index, reader.tags_in, generic, reader.tag_spans, _held_in(catalog)
                )
            self._readers[catalog.name] = (matcher, reader)
        return self._readers[catalog.name]

    def profile_store(self, name: str | None = None) -> ProfileStore:
        from recchat.profile import ChromaProfileStore, MemoryProfileStore

        if self.settings.incognito:
            return MemoryProfileStore()
        profile = check_name(name or self.settings.profile, "profile")
        return ChromaProfileStore(
            self.store.open_or_create("profile", profile, self.embedder.name, self.embedder.dimension)
        )

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
                self.settings.generation.max_tokens,
                schema=stored.schema,
                tags=stored.tag_vocabulary(),
            ),
            elicitor=Elicitor(model, self.prompts, matcher, str(stored.collection.info.get("kind", "items"))),
        )
        return Session(parts, k=self.settings.k, session_id=session_id, state=state)

    def use_model(self, model: Path | None, *, use_llm: bool = True) -> None:
        """Point later sessions at another GGUF (None: the default), or at none (template
        explanations); the store and the embedder stay loaded."""
        self.settings = self.settings.with_changes(model=model, use_llm=use_llm)
        self.__dict__.pop("chat_model", None)  # drop the cached model so the next use builds the new one


def _held_in(catalog: Catalog) -> Callable[[str], bool]:
    """Whether some item's text holds all these words (the catalog's word index, read lazily)."""

    def held(phrase: str) -> bool:
        return bool(catalog.lexical.with_terms([stem(w) for w in words(phrase)]))

    return held
