"""A conversation's first search must not wait for Chroma to load the catalog's vector index:
a session starts that load in a thread (Collection.load_in_background) while it reads the
catalog's derived data. The thread's failures stay its own: the turn's read reports them."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from recchat.catalog.importer import import_catalog
from recchat.config import Settings
from recchat.errors import NotFoundError
from recchat.factory import Runtime


@pytest.fixture
def escaped() -> Iterator[list[threading.ExceptHookArgs]]:
    """Exceptions that ended a thread (what threading would print on stderr)."""
    found: list[threading.ExceptHookArgs] = []
    before = threading.excepthook
    threading.excepthook = found.append
    yield found
    threading.excepthook = before


def imported(home: Path, mini_catalog: Path, *, incognito: bool = False) -> Runtime:
    settings = Settings(home=home, backend="fake", use_llm=False)
    runtime = Runtime(settings)
    import_catalog(runtime.store, runtime.embedder, mini_catalog, "mini", cache_dir=settings.cache_dir)
    return Runtime(Settings(home=home, backend="fake", use_llm=False, incognito=incognito))


def test_a_session_loads_the_vectors_in_the_background_once(
    home: Path, mini_catalog: Path, escaped: list[threading.ExceptHookArgs]
) -> None:
    runtime = imported(home, mini_catalog)
    session = runtime.session(catalog="mini")
    catalog = runtime.catalog("mini")
    loading = catalog._loading
    assert isinstance(loading, threading.Thread)
    loading.join(timeout=30)
    assert not loading.is_alive()
    runtime.session(catalog="mini")
    assert catalog._loading is loading, "a second session started another load"
    reply = session.handle("a space adventure", k=3, always_recommend=True)
    assert reply.recommendations and not escaped


def test_a_failed_load_is_left_to_the_turn_to_report(
    home: Path, mini_catalog: Path, escaped: list[threading.ExceptHookArgs]
) -> None:
    runtime = imported(home, mini_catalog)
    collection = runtime.catalog("mini").collection
    store = runtime.store
    with store.using("holding the store while the catalog goes", write=True):
        thread = collection.load_in_background()  # waits for the store's lock
        assert thread is not None
        store.delete("catalog", "mini")
    thread.join(timeout=30)
    assert not thread.is_alive() and not escaped, "the thread's failure escaped it"
    with pytest.raises(NotFoundError):
        collection.get(["m01"])


def test_incognito_loads_its_copy_and_writes_nothing(
    home: Path, mini_catalog: Path, escaped: list[threading.ExceptHookArgs]
) -> None:
    runtime = imported(home, mini_catalog, incognito=True)
    stored = runtime.settings.cache_dir, runtime.settings.store_dir
    before = [sorted((p.name, p.stat().st_mtime_ns) for p in folder.rglob("*")) for folder in stored]
    reply = runtime.session(catalog="mini").handle("a space adventure", k=3, always_recommend=True)
    loading = runtime.catalog("mini")._loading
    assert loading is not None
    loading.join(timeout=30)
    assert reply.recommendations and not escaped
    assert [sorted((p.name, p.stat().st_mtime_ns) for p in folder.rglob("*")) for folder in stored] == before
