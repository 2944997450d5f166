"""recchat on a Chroma server: settings, isolation between databases, auth, and what happens
when the server is down, stalled, or dies in the middle of an import. Every test here talks to a
real `chroma run` on loopback (or to nothing at all, on purpose)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from chroma_process import ChromaProcess, Proxy, free_port, silent_server

from conftest import MINI_CATALOG, run_cli
from recchat.catalog.importer import import_catalog, iter_valid_items
from recchat.catalog.items import content_hash
from recchat.catalog.record import HASH
from recchat.config import ChromaServer, Settings, load_settings
from recchat.domain import Polarity, Role, Utterance
from recchat.errors import ConfigError, RecchatError, StoreError
from recchat.factory import Runtime
from recchat.profile import new_id
from recchat.store import Retry, Store

QUICK = Retry(waits=(0.05,))


def server_settings(home: Path, url: str, **chroma: Any) -> Settings:
    return Settings(home=home, backend="fake", chroma=ChromaServer(url=url, **chroma))


# --- settings -------------------------------------------------------------------------------------


def test_flag_beats_environment_beats_config_file(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text(
        '[chroma]\nurl = "http://file:1"\ntoken = "t0k"\ntenant = "acme"\ndatabase = "house"\ntimeout = 5\n'
    )
    env = {"RECCHAT_HOME": str(tmp_path)}
    from_file = load_settings({}, env).chroma
    assert from_file == ChromaServer("http://file:1", "t0k", "acme", "house", "Authorization", 5.0)
    from_env = load_settings({}, {**env, "RECCHAT_CHROMA_URL": "http://env:2", "RECCHAT_CHROMA_TIMEOUT": "2.5"})
    assert from_env.chroma is not None and (from_env.chroma.url, from_env.chroma.timeout) == ("http://env:2", 2.5)
    assert from_env.chroma.database == "house"  # the rest still comes from the file
    from_flag = load_settings({"chroma_url": "http://flag:3"}, {**env, "RECCHAT_CHROMA_URL": "http://env:2"})
    assert from_flag.chroma is not None and from_flag.chroma.url == "http://flag:3"


def test_token_is_never_shown(tmp_path: Path) -> None:
    settings = load_settings(
        {"chroma_url": "http://h:1"}, {"RECCHAT_HOME": str(tmp_path), "RECCHAT_CHROMA_TOKEN": "s3"}
    )
    assert settings.chroma is not None and settings.chroma.token == "s3"
    assert "s3" not in repr(settings)


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [("RECCHAT_CHROMA_TIMEOUT", "soon", "RECCHAT_CHROMA_TIMEOUT"), ("RECCHAT_CHROMA_TOKEN_HEADER", "Cookie", "one of")],
)
def test_bad_server_settings_are_named(tmp_path: Path, variable: str, value: str, message: str) -> None:
    env = {"RECCHAT_HOME": str(tmp_path), "RECCHAT_CHROMA_URL": "http://h:1", variable: value}
    with pytest.raises(ConfigError, match=message):
        load_settings({}, env)


@pytest.mark.parametrize("url", ["127.0.0.1:8000", "ftp://h:1", "http://:8000", "http://h:port"])
def test_bad_url_says_what_a_good_one_looks_like(url: str) -> None:
    with pytest.raises(StoreError, match="bad Chroma server URL") as error:
        Store.server(ChromaServer(url=url))
    assert error.value.hint and "http://HOST:PORT" in error.value.hint


# --- a server that is not there, or stuck -----------------------------------------------------------


def test_server_down_is_a_clear_cli_error_with_the_url_and_a_fix(home: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    result = run_cli(home, "--backend", "fake", "--chroma-url", url, "catalog", "list")
    assert result.returncode == 1
    assert f"cannot reach the Chroma server at {url}" in result.stderr
    assert "chroma run --path DIR" in result.stderr and "Traceback" not in result.stderr


def test_a_server_that_never_answers_times_out() -> None:
    with silent_server() as url, pytest.raises(StoreError, match=r"did not answer within 0\.5s"):
        Store.server(ChromaServer(url=url, timeout=0.5))


@pytest.mark.server
def test_a_server_that_stalls_mid_session_times_out_without_retrying(chroma_server: ChromaProcess) -> None:
    with Proxy(chroma_server.url) as proxy:
        store = Store.server(ChromaServer(url=proxy.url, database="stall", timeout=0.5), retry=QUICK)
        store.open_or_create("profile", "p", "e", 4)
        proxy.delay = 1.5
        with pytest.raises(StoreError) as error:
            store.profiles()
    assert error.value.message.endswith("did not answer within 0.5s while listing collections")
    assert proxy.url in error.value.message


# --- auth, tenants, databases ---------------------------------------------------------------------


@pytest.mark.server
@pytest.mark.parametrize(("header", "sent"), [("Authorization", "Bearer s3cret"), ("X-Chroma-Token", "s3cret")])
def test_the_token_goes_in_the_configured_header(chroma_server: ChromaProcess, header: str, sent: str) -> None:
    with Proxy(chroma_server.url, header=header, expected=sent) as proxy:
        store = Store.server(ChromaServer(url=proxy.url, token="s3cret", token_header=header))
        store.open_or_create("profile", "p", "e", 4)
        assert "p" in store.profiles()
        with pytest.raises(StoreError, match="refused the credentials") as refused:
            Store.server(ChromaServer(url=proxy.url, token="wrong", token_header=header))
    assert refused.value.hint and "token" in refused.value.hint
    assert all(seen.get(header) == sent for seen in proxy.seen[:-1])  # every call but the refused one


@pytest.mark.server
@pytest.mark.parametrize(
    ("scope", "message", "hint"),
    [
        ({"tenant": "nobody"}, "has no tenant 'nobody'", "tenant"),
        ({"database": "x1"}, "refuses the database name 'x1'", "RECCHAT_CHROMA_DATABASE"),
    ],
)
def test_a_tenant_or_database_the_server_will_not_serve_is_named(
    chroma_server: ChromaProcess, scope: dict[str, Any], message: str, hint: str
) -> None:
    with pytest.raises(StoreError, match=message) as error:
        Store.server(ChromaServer(url=chroma_server.url, **scope))
    assert error.value.hint and hint in error.value.hint


@pytest.mark.server
def test_databases_on_one_server_never_see_each_others_data(chroma_server: ChromaProcess, tmp_path: Path) -> None:
    """Two households on one server: same catalog name, same profile name, different data."""
    homes = {name: tmp_path / name for name in ("north", "south")}
    for name, home in homes.items():
        home.mkdir()
        folder = tmp_path / f"{name}-items"
        folder.mkdir()
        (folder / "items.jsonl").write_text(json.dumps({"id": f"{name}-1", "title": f"{name.title()} Wind"}) + "\n")
        runtime = Runtime(server_settings(home, chroma_server.url, database=f"house-{name}"))
        import_catalog(runtime.store, runtime.embedder, folder, "shared-name")
        profile = runtime.profile("default")
        profile.record(*_utterance(runtime, f"only {name} says this"))
    for name, home in homes.items():
        runtime = Runtime(server_settings(home, chroma_server.url, database=f"house-{name}"))
        assert runtime.store.catalogs() == ["shared-name"]
        assert [e.id for e in runtime.catalog("shared-name").index.entries] == [f"{name}-1"]
        texts = [entry.utterance.text for entry in runtime.profile("default").entries]
        assert texts == [f"only {name} says this"]


def _utterance(runtime: Runtime, text: str) -> tuple[Utterance, Any]:
    import time

    now = time.time()
    utterance = Utterance(id=new_id(now), text=text, role=Role.USER, time=now, session="s", polarity=Polarity.POSITIVE)
    return utterance, runtime.embedder.embed([text])[0]


@pytest.mark.server
def test_index_cache_never_mixes_up_same_named_catalogs_of_two_stores(
    chroma_server: ChromaProcess, home: Path, tmp_path: Path
) -> None:
    """Embedded and server catalogs called 'mini', even at the same revision, share one local cache
    folder; each must be read through its own index."""
    small = tmp_path / "small"
    small.mkdir()
    (small / "items.jsonl").write_text(json.dumps({"id": "only", "title": "The Only One"}) + "\n")
    embedded = Runtime(Settings(home=home, backend="fake"))
    server = Runtime(server_settings(home, chroma_server.url, database="cache-check"))
    import_catalog(embedded.store, embedded.embedder, MINI_CATALOG, "mini")
    import_catalog(server.store, server.embedder, small, "mini")
    for runtime in (embedded, server):
        runtime.store.open("catalog", "mini").set_info(revision="same")
    assert len(embedded.catalog("mini").index) > 20
    assert [e.id for e in server.catalog("mini").index.entries] == ["only"]
    assert len(Runtime(embedded.settings).catalog("mini").index) > 20  # read back from the cache


# --- a server that dies in the middle of an import ------------------------------------------------


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[ChromaProcess]:
    """A server of this test's own, which it may kill and restart."""
    server = ChromaProcess(tmp_path / "own-chroma").start()
    yield server
    server.stop()


def assert_complete(runtime: Runtime, folder: Path) -> None:
    expected = {item.id: content_hash(item) for item, _ in iter_valid_items(folder, [])}
    catalog = runtime.catalog("mini")  # refuses a catalog whose import did not finish
    assert catalog.collection.info["state"] == "ready"
    assert {r.id: r.metadata[HASH] for r in catalog.collection.iter_all()} == expected
    reply = runtime.session(catalog="mini").handle("space science fiction with aliens", k=3)
    assert len(reply.recommendations) == 3 and all(r.item.id in expected for r in reply.recommendations)


@pytest.mark.server
def test_server_killed_mid_import_fails_clearly_and_a_re_run_completes(own_server: ChromaProcess, home: Path) -> None:
    server = ChromaServer(url=own_server.url)
    runtime = Runtime(Settings(home=home, backend="fake", chroma=server))
    store = Store.server(server, retry=QUICK)

    def crash_after_first_batch(done: int, total: int) -> None:
        if done == 4:
            own_server.stop(kill=True)

    with pytest.raises(StoreError) as error:
        import_catalog(store, runtime.embedder, MINI_CATALOG, "mini", batch_size=4, on_progress=crash_after_first_batch)
    assert f"cannot reach the Chroma server at {own_server.url} while writing to catalog 'mini'" in error.value.message
    assert error.value.hint and "finishes when run again" in error.value.hint

    own_server.start()
    with pytest.raises(RecchatError, match="incomplete: an import was interrupted"):
        Runtime(runtime.settings).catalog("mini")
    report = import_catalog(Runtime(runtime.settings).store, runtime.embedder, MINI_CATALOG, "mini")
    assert report.unchanged == 4 and report.added == report.total - 4  # the first batch was kept
    assert_complete(Runtime(runtime.settings), MINI_CATALOG)


@pytest.mark.server
def test_a_server_restart_during_an_import_is_ridden_out(own_server: ChromaProcess, home: Path) -> None:
    runtime = Runtime(server_settings(home, own_server.url))
    restarted = threading.Event()

    def restart() -> None:
        own_server.start()
        restarted.set()

    def restart_after_first_batch(done: int, total: int) -> None:
        if done == 4:
            own_server.stop()
            threading.Thread(target=restart, daemon=True).start()

    store = Store.server(ChromaServer(url=own_server.url), retry=Retry(waits=(0.5,) * 60))
    report = import_catalog(
        store, runtime.embedder, MINI_CATALOG, "mini", batch_size=4, on_progress=restart_after_first_batch
    )
    assert restarted.wait(60)
    assert report.added == report.total
    assert_complete(Runtime(runtime.settings), MINI_CATALOG)


# --- the real default models against a server -----------------------------------------------------


@pytest.mark.real
@pytest.mark.server
def test_real_models_add_and_ask_through_a_server(chroma_server: ChromaProcess, real_home: Path) -> None:
    home = real_home
    env = {"RECCHAT_CHROMA_URL": chroma_server.url, "RECCHAT_CHROMA_DATABASE": "real-models"}
    added = run_cli(home, "catalog", "add", str(MINI_CATALOG), "--name", "mini", **env)
    assert added.returncode == 0, added.stderr
    asked = run_cli(
        home, "ask", "I loved Interstellar, more space science fiction", "-k", "3", "--json", "--no-llm", **env
    )
    assert asked.returncode == 0, asked.stderr
    reply = json.loads(asked.stdout)
    known = {item.id for item, _ in iter_valid_items(MINI_CATALOG, [])}
    assert reply["type"] == "recommendations" and len(reply["items"]) == 3
    assert all(item["id"] in known and item["explanation"].strip() for item in reply["items"])
    assert not (home / "chroma").exists()  # nothing went to an embedded store
