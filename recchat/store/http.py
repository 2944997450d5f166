"""The HTTP side of a Chroma server: its URL, a first heartbeat, timeouts, and failures worded so
that a user can act on them. server.py and collection.py make the chromadb calls."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from recchat.errors import StoreError

if TYPE_CHECKING:
    import httpx

    from recchat.config import ChromaServer

RESUME_HINT = "an interrupted `recchat catalog add` finishes when run again"
BUSY = {429, 502, 503, 504}
DENIED = {401, 403}


def describe(server: ChromaServer) -> str:
    """The server's URL, plus the tenant and database when they are not the defaults."""
    scope = [f"{label} {value}" for label, value in (("tenant", server.tenant), ("database", server.database)) if value]
    return public_url(server.url) + (f" ({', '.join(scope)})" if scope else "")


def start_hint(url: str) -> str:
    parsed = urlparse(base_url(url))  # the URL was checked before anything was sent
    host, port = parsed.hostname or "127.0.0.1", parsed.port
    unsaid = "" if urlparse(url).port else f"; the URL names no port, so {port} was tried (`chroma run` uses 8000)"
    return (
        f"start it with `chroma run --path DIR --host {host} --port {port}`, "
        f"or fix the URL (--chroma-url, RECCHAT_CHROMA_URL or [chroma] url in config.toml){unsaid}"
    )


def public_url(url: str) -> str:
    """The URL without any user:password@ part, fit to print."""
    parsed = urlparse(url)
    return parsed._replace(netloc=parsed.netloc.rpartition("@")[2]).geturl()


def base_url(url: str) -> str:
    """http(s)://HOST:PORT[/PATH] with the port spelled out (80 or 443 when the URL has none)."""
    parsed = urlparse(url)
    try:
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
    except ValueError:  # a port that is not a number
        port = None
    if parsed.scheme not in {"http", "https"} or not parsed.hostname or port is None or parsed.query:
        raise StoreError(f"bad Chroma server URL {url!r}", "use http://HOST:PORT, e.g. http://127.0.0.1:8000")
    host = f"[{parsed.hostname}]" if ":" in parsed.hostname else parsed.hostname
    return f"{parsed.scheme}://{host}:{port}{parsed.path.rstrip('/')}"


def probe(server: ChromaServer, base: str) -> None:
    """One heartbeat with a timeout before chromadb connects: its own first calls have none."""
    import httpx

    headers = {}
    if server.token:
        bearer = server.token_header == "Authorization"
        headers[server.token_header] = f"Bearer {server.token}" if bearer else server.token
    try:
        response = httpx.get(
            f"{base}/api/v2/heartbeat",
            headers=headers,
            timeout=timeout(server.timeout),
            verify=base.startswith("https"),  # plain HTTP: no certificates to load
        )
    except httpx.HTTPError as error:
        raise failure(server, "connecting", error, 1, 0.0) from error
    if response.status_code in DENIED:
        raise StoreError(
            f"the Chroma server at {describe(server)} refused the credentials (HTTP {response.status_code})",
            "check `token` and `token_header` in the [chroma] settings (RECCHAT_CHROMA_TOKEN)",
        )
    if response.status_code != 200:
        raise StoreError(
            f"no Chroma server answers at {describe(server)} (HTTP {response.status_code} from /api/v2/heartbeat)",
            "recchat needs a Chroma 1.x server; check the URL, including any path before /api",
        )


def timeout(seconds: float) -> httpx.Timeout:
    import httpx

    return httpx.Timeout(seconds, connect=min(seconds, 5.0))


def limit_waits(client: Any, seconds: float) -> None:
    """chromadb 1.5 gives its HTTP session no timeout at all, so a stuck server would hang recchat
    forever. Set one on the session it uses (a test checks that a stalled server times out)."""
    import httpx

    session = getattr(getattr(client, "_server", None), "_session", None)
    if isinstance(session, httpx.Client):
        session.timeout = timeout(seconds)


def status(error: Exception) -> int | None:
    """The HTTP status a chromadb error stands for (ChromaError.code()), if any."""
    code = getattr(error, "code", None)
    value = code() if callable(code) else None
    return value if isinstance(value, int) else None


def transient(error: Exception) -> bool:
    """Worth another try: the connection was refused or dropped (a restart), or the server said it
    is busy. Not a timeout: a server too slow to answer once is no quicker at once, and waiting
    `timeout` seconds several times over would leave the user staring at nothing."""
    import httpx

    return isinstance(error, httpx.NetworkError | httpx.RemoteProtocolError) or status(error) in BUSY


def failure(server: ChromaServer, action: str, error: Exception, tries: int, seconds: float) -> StoreError:
    """What went wrong, on which server, doing what, and what to do about it."""
    import httpx

    where = describe(server)
    tried = f" (tried {tries} times over {seconds:.1f}s)" if tries > 1 else ""
    if isinstance(error, httpx.TimeoutException) and not isinstance(error, httpx.ConnectTimeout):
        return StoreError(
            f"the Chroma server at {where} did not answer within {server.timeout:g}s while {action}{tried}",
            "it may be overloaded or stuck: check its log and try again, or raise `timeout` in the [chroma] "
            f"settings (RECCHAT_CHROMA_TIMEOUT); {RESUME_HINT}",
        )
    if isinstance(error, httpx.TransportError) or "Could not connect to a Chroma server" in str(error):
        return StoreError(
            f"cannot reach the Chroma server at {where} while {action}: {_reason(error)}{tried}",
            f"is it running? {start_hint(server.url)}" + ("" if action == "connecting" else f"; {RESUME_HINT}"),
        )
    if status(error) in DENIED:
        return StoreError(
            f"the Chroma server at {where} refused access while {action}: {error}",
            "check `token`, `token_header`, `tenant` and `database` in the [chroma] settings",
        )
    return StoreError(
        f"the Chroma server at {where} failed while {action}: {type(error).__name__}: {error}{tried}",
        f"see the server's log; {RESUME_HINT}",
    )


def _reason(error: Exception) -> str:
    text = str(error) or type(error).__name__
    return "connection refused" if "refused" in text.lower() else text
