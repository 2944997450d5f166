"""Incremental catalog import: validate everything first, then embed only what changed.

Two passes over the files keep memory bounded: the first validates and hashes (keeping only
id -> hash), the second re-reads and embeds changed items in batches. Nothing is written until
the first pass has found the whole folder valid (or `skip_invalid` was asked for).

Crash safety: the catalog is marked `state=importing` from the moment it is created until the
last write, and readers refuse it in that state. Every step is idempotent (upsert by id, content
hash compared with what is stored), so re-running an interrupted import finishes it, embedding
only what the killed run had not written. A per-catalog lock makes a second import of the same
catalog fail at once instead of interleaving, and tells readers a running import from a dead
one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recchat.catalog.fieldmap import FieldRules, FieldUsage, read_items
from recchat.catalog.interactions import encode_neighbours, neighbours, read_sessions
from recchat.catalog.items import content_hash, item_text
from recchat.catalog.readers import iter_catalog_files, iter_interaction_files
from recchat.catalog.record import HASH, NEIGHBOURS, item_metadata
from recchat.catalog.schema import CatalogSchema, SchemaLearner
from recchat.domain import Item
from recchat.errors import CatalogError, InvalidCatalogError, StoreError

if TYPE_CHECKING:
    from recchat.embed.base import Embedder
    from recchat.store import Collection, Store

Progress = Callable[[int, int], None]
MAX_REPORTED_ERRORS = 1000
REVISION_FORMAT = "revision 1"  # change when what the revision covers changes


@dataclass
class ImportReport:
    name: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    relinked: int = 0  # items whose collaborative neighbours changed, not their content
    interactions: int = 0
    skipped: list[CatalogError] = field(default_factory=list)
    seconds: float = 0.0
    revision: str = ""  # the catalog's revision now: a hash of its content
    fields: list[FieldUsage] = field(default_factory=list)  # what recchat's fields were read from

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged

    @property
    def skipped_count(self) -> int:
        """All problems found; `skipped` keeps only the first MAX_REPORTED_ERRORS."""
        return max(getattr(self.skipped, "total", 0), len(self.skipped))


class ErrorList(list[CatalogError]):
    """Problems found, keeping the first MAX_REPORTED_ERRORS and counting the rest: a huge file
    of bad lines must not turn into millions of messages in memory."""

    def __init__(self) -> None:
        super().__init__()
        self.total = 0

    def append(self, error: CatalogError) -> None:
        self.total += 1
        if len(self) < MAX_REPORTED_ERRORS:
            super().append(error)

    def extend(self, errors: Iterable[CatalogError]) -> None:
        for error in errors:
            self.append(error)


@dataclass
class _Scan:
    hashes: dict[str, str] = field(default_factory=dict)
    locations: dict[str, str] = field(default_factory=dict)
    errors: ErrorList = field(default_factory=ErrorList)
    schema: SchemaLearner = field(default_factory=SchemaLearner)


def iter_valid_items(
    root: Path, errors: list[CatalogError], rules: FieldRules | None = None
) -> Iterator[tuple[Item, str]]:
    """Every valid item with its 'file:line'; problems are appended to `errors`. `rules` holds
    the field maps, and learns what each file's fields were read from."""
    rules = rules or FieldRules(root)
    for path in iter_catalog_files(root, errors):
        shown = _relative(path, root)
        try:
            for item, line in read_items(path, rules, errors, shown):
                yield item, f"{shown}:{line}"
        except CatalogError as error:  # the file itself is unreadable: report it, go on
            errors.append(error)


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root)) if path != root else path.name
    except ValueError:
        return path.name


def _scan(root: Path, rules: FieldRules, *, stop_early: bool) -> _Scan:
    """Validate and hash every item. Without --skip-invalid the import fails anyway, so the
    scan stops once the error list is full rather than reading a broken folder to its end."""
    scan = _Scan()
    for item, location in iter_valid_items(root, scan.errors, rules):
        if item.id in scan.locations:
            path, _, line = location.rpartition(":")
            where = root if root.is_file() else root / path
            scan.errors.append(
                CatalogError(where, int(line), f"duplicate id '{item.id}' (first at {scan.locations[item.id]})")
            )
            continue
        scan.hashes[item.id] = content_hash(item)
        scan.locations[item.id] = location
        scan.schema.add(item)
        if stop_early and scan.errors.total >= MAX_REPORTED_ERRORS:
            break
    return scan


def import_catalog(
    store: Store,
    embedder: Embedder,
    root: Path,
    name: str,
    *,
    skip_invalid: bool = False,
    field_map: Mapping[str, str] | None = None,
    on_progress: Progress | None = None,
    batch_size: int = 256,  # big enough that the embedder can sort by length
) -> ImportReport:
    started = time.perf_counter()
    root = root.expanduser()
    if not root.exists() and not root.is_symlink():
        raise CatalogError(root, None, "no such file or folder")
    rules = FieldRules(root, field_map)
    with _importing(store, name):
        scan = _scan(root, rules, stop_early=not skip_invalid)
        links, link_errors = _read_links(root, set(scan.hashes))
        scan.errors.extend(link_errors)
        if scan.errors and not skip_invalid:
            # With no valid item, --skip-invalid would only end in "no items found".
            hint = "fix these, or import the valid items with --skip-invalid" if scan.hashes else "fix these"
            raise InvalidCatalogError(scan.errors, hint, total=scan.errors.total)
        if not scan.hashes:
            raise CatalogError(
                root, None, "no items found", "a catalog is a folder of .jsonl, .json, .csv or .md files"
            )
        report = ImportReport(name=name, skipped=scan.errors, interactions=len(links), fields=rules.grouped_usage())
        _write_catalog(store, embedder, root, rules, name, scan, links, report, batch_size, on_progress)
    report.seconds = time.perf_counter() - started
    return report


@contextlib.contextmanager
def _importing(store: Store, name: str) -> Iterator[None]:
    lock = store.import_lock(name)
    if lock is None:
        yield
        return
    with lock.held(f"importing catalog '{name}'"):
        yield


def _open_for_import(
    store: Store, embedder: Embedder, root: Path, name: str
) -> tuple[Collection, dict[str, tuple[Any, Any]]]:
    """The catalog's collection marked as importing, and each stored id's (hash, neighbours).

    An import killed mid-write can leave Chroma's index unreadable. The folder is the truth and
    such a catalog was never marked ready again, so it is dropped and imported from scratch."""
    collection = store.open_or_create(
        "catalog", name, embedder.name, embedder.dimension, initial={"state": "importing"}
    )
    interrupted = collection.info.get("state") == "importing"
    collection.set_info(state="importing", source=str(root.resolve()))
    try:
        return collection, _stored_hashes(collection)
    except StoreError as error:
        if not interrupted:  # a ready catalog is never dropped behind the user's back
            hint = f"if it persists, `recchat catalog remove {name} --yes` and add the folder again"
            raise StoreError(error.message, hint) from error
    store.delete("catalog", name)
    collection = store.open_or_create(
        "catalog", name, embedder.name, embedder.dimension, initial={"state": "importing"}
    )
    collection.set_info(source=str(root.resolve()))
    return collection, _stored_hashes(collection)


def _stored_hashes(collection: Collection) -> dict[str, tuple[Any, Any]]:
    # Only what the comparison needs: a big catalog's whole metadata would not fit in memory.
    return {r.id: (r.metadata.get(HASH), r.metadata.get(NEIGHBOURS, "")) for r in collection.iter_all()}


def _write_catalog(
    store: Store,
    embedder: Embedder,
    root: Path,
    rules: FieldRules,
    name: str,
    scan: _Scan,
    links: dict[str, list[tuple[str, float]]],
    report: ImportReport,
    batch_size: int,
    on_progress: Progress | None,
) -> None:
    collection, stored = _open_for_import(store, embedder, root, name)
    link_text = {item_id: encode_neighbours(pairs) for item_id, pairs in links.items()}

    changed = {i for i, h in scan.hashes.items() if stored.get(i, (None, ""))[0] != h}
    report.added = len(changed - stored.keys())
    report.updated = len(changed) - report.added
    report.unchanged = len(scan.hashes) - len(changed)
    written = _write_changed(collection, embedder, root, rules, changed, link_text, batch_size, on_progress)
    if written != len(changed):
        raise CatalogError(root, None, "files changed while they were being imported", "run the import again")
    report.relinked = _relink(collection, scan.hashes.keys() - changed, stored, link_text)
    removed = sorted(stored.keys() - scan.hashes.keys())
    collection.delete(removed)
    report.removed = len(removed)
    schema = scan.schema.schema(usage_log=len(links))
    schema_json = json.dumps(schema.to_json(), ensure_ascii=False)
    report.revision = content_revision(scan.hashes, link_text, schema_json)
    collection.set_info(
        state="ready",
        revision=report.revision,
        items=len(scan.hashes),
        updated=time.time(),
        kind=describe_kinds(schema),
        schema=schema_json,
        fields_from=json.dumps([usage.to_json() for usage in report.fields], ensure_ascii=False),
    )


def content_revision(hashes: Mapping[str, str], link_text: Mapping[str, str], schema_json: str) -> str:
    """A hash of everything stored for the catalog: it changes when the content does and only
    then, so caches keyed by it survive an import that changed nothing."""
    digest = hashlib.sha256(f"{REVISION_FORMAT}\n{schema_json}\n".encode())
    for item_id in sorted(hashes):
        digest.update(json.dumps([item_id, hashes[item_id], link_text.get(item_id, "")]).encode() + b"\n")
    return digest.hexdigest()[:16]


def _read_links(root: Path, known: set[str]) -> tuple[dict[str, list[tuple[str, float]]], list[CatalogError]]:
    sessions = []
    errors: list[CatalogError] = []
    for path in iter_interaction_files(root):
        found, problems = read_sessions(path)
        sessions.extend(found)
        errors.extend(problems)
    return neighbours(sessions, known), errors


def _write_changed(
    collection: Collection,
    embedder: Embedder,
    root: Path,
    rules: FieldRules,
    changed: set[str],
    link_text: dict[str, str],
    batch_size: int,
    on_progress: Progress | None,
) -> int:
    """Embed and store the changed items; returns how many were written."""
    done = 0
    if on_progress:
        on_progress(0, len(changed))
    batch: list[tuple[Item, str]] = []
    ignored: list[CatalogError] = []  # already reported by the scan
    seen: set[str] = set()
    for item, location in iter_valid_items(root, ignored, rules):
        if item.id not in changed or item.id in seen:
            continue
        seen.add(item.id)
        batch.append((item, location))
        if len(batch) >= batch_size:
            _write_batch(collection, embedder, batch, link_text)
            done += len(batch)
            batch = []
            if on_progress:
                on_progress(done, len(changed))
    if batch:
        _write_batch(collection, embedder, batch, link_text)
        done += len(batch)
    if on_progress:
        on_progress(done, len(changed))
    return done


def _write_batch(
    collection: Collection, embedder: Embedder, batch: list[tuple[Item, str]], link_text: dict[str, str]
) -> None:
    texts = [item_text(item) for item, _ in batch]
    vectors = embedder.embed(texts)
    metadatas = [item_metadata(item, location, link_text.get(item.id, "")) for item, location in batch]
    collection.upsert([item.id for item, _ in batch], vectors, texts, metadatas)


def _relink(
    collection: Collection, unchanged: set[str], stored: dict[str, tuple[Any, Any]], link_text: dict[str, str]
) -> int:
    stale = sorted(i for i in unchanged if stored[i][1] != link_text.get(i, ""))
    for start in range(0, len(stale), 1000):
        ids = stale[start : start + 1000]
        collection.update_metadatas(ids, [{NEIGHBOURS: link_text.get(i, "")} for i in ids])
    return len(stale)


def describe_kinds(schema: CatalogSchema) -> str:
    """'movies', or 'movies, books and board games': what the catalog holds, for prompts. Read
    from the field that says what sort each item is, whatever the catalog calls it."""
    field = schema.kind_field
    if field is None or field.count < schema.items / 2:
        return "items"
    named = [f"{kind}s" if not kind.endswith("s") else kind for kind in field.values[:3]]
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
