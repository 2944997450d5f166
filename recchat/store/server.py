"""Connecting to a Chroma server: the client for its tenant and database, with timeouts."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from recchat.errors import StoreError
from recchat.store.collection import Caller, Retry

if TYPE_CHECKING:
    from recchat.config import ChromaServer


def connect(server: ChromaServer) -> Any:
    """An HttpClient for the server's tenant and database (created when missing), with a timeout."""
    import chromadb

    from recchat.store.http import base_url, limit_waits, probe

    base = base_url(server.url)
    probe(server, base)
    call = Caller(server, Retry(waits=()))  # a server that is down now stays down: fail fast
    if server.tenant or server.database:
        _check_scope(server, chromadb.AdminClient(_client_settings(server, base)), call)
    client = call(
        "connecting",
        chromadb.HttpClient,
        host=base,
        port=urlparse(base).port,
        ssl=base.startswith("https"),
        settings=_client_settings(server, base),
        **{key: value for key, value in (("tenant", server.tenant), ("database", server.database)) if value},
    )
    limit_waits(client, server.timeout)
    return client


def _client_settings(server: ChromaServer, base: str) -> Any:
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(
        anonymized_telemetry=False,
        chroma_api_impl="chromadb.api.fastapi.FastAPI",
        chroma_server_host=base,  # a full URL: chromadb then keeps its port and any path
        chroma_server_http_port=urlparse(base).port,
        chroma_server_ssl_enabled=base.startswith("https"),
    )
    if not base.startswith("https"):  # no TLS, so no certificates to load
        settings.chroma_server_ssl_verify = False
    if server.token:  # Chroma's own token provider: "Authorization: Bearer T" or "X-Chroma-Token: T"
        settings.chroma_client_auth_provider = "chromadb.auth.token_authn.TokenAuthClientProvider"
        settings.chroma_client_auth_credentials = server.token
        settings.chroma_auth_token_transport_header = server.token_header
    return settings


def _check_scope(server: ChromaServer, admin: Any, call: Caller) -> None:
    """The tenant must exist; the database is created on first use, so a household or team only
    has to name it to get collections of its own."""
    from chromadb.config import DEFAULT_TENANT

    from recchat.store.http import limit_waits, public_url

    limit_waits(admin, server.timeout)
    tenant = server.tenant or DEFAULT_TENANT
    if not _exists(server, call, "tenant", tenant, admin.get_tenant, tenant):
        raise StoreError(
            f"the Chroma server at {public_url(server.url)} has no tenant {tenant!r}",
            "fix `tenant` in the [chroma] settings, or create it with chromadb's AdminClient",
        )
    database = server.database
    if database and not _exists(server, call, "database", database, admin.get_database, database, tenant=tenant):
        with contextlib.suppress(StoreError):  # another client may have just created it
            call(f"creating database {database!r}", admin.create_database, database, tenant=tenant)
        call("checking the database", admin.get_database, database, tenant=tenant)


def _exists(
    server: ChromaServer, call: Caller, label: str, name: str, lookup: Callable[..., Any], *args: Any, **kwargs: Any
) -> bool:
    """Whether the tenant or database is there; a name the server refuses is the user's to fix."""
    from chromadb.errors import InvalidArgumentError
    from chromadb.errors import NotFoundError as ChromaNotFound

    from recchat.store.http import public_url

    try:
        call(f"checking the {label}", lookup, *args, **kwargs)
    except StoreError as error:
        if isinstance(error.__cause__, ChromaNotFound):
            return False
        if isinstance(error.__cause__, InvalidArgumentError):
            raise StoreError(
                f"the Chroma server at {public_url(server.url)} refuses the {label} name {name!r}: {error.__cause__}",
                f"choose another `{label}` in the [chroma] settings (RECCHAT_CHROMA_{label.upper()})",
            ) from error
        raise
    return True
