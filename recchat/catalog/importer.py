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
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recchat.catalog.derived import DerivedOutputs, Feed, StoredItem, stored_item_of
from recchat.catalog.fieldmap import FieldRules, FieldUsage, NoTitleError, field_overrides, read_items
from recchat.catalog.interactions import encode_neighbours, neighbours, read_sessions
from recchat.catalog.items import DerivedIds, content_hash, embed_text
from recchat.catalog.readers import iter_catalog_files, iter_interaction_files, spreadsheets_in
from recchat.catalog.record import HASH, NEIGHBOURS
from recchat.catalog.schema import CatalogSchema, SchemaLearner
from recchat.domain import Item
from recchat.embed.base import model_of
from recchat.errors import CatalogError, InvalidCatalogError, NotFoundError, StoreError

if TYPE_CHECKING:
    from recchat.embed.base import Embedder
    from recchat.store import Collection, Store

Progress = Callable[[int, int], None]  # items embedded and stored so far, of how many
Reading = Callable[[int], None]  # items read and checked so far (the first pass)
READ_REPORT_EVERY = 1000
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
    # The embedder a catalog had been embedded by when another variant of the same model (int8,
    # float32) embedded all of it again in this import; "" otherwise.
    replaced_embedder: str = ""

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
    ids = DerivedIds()
    for path in iter_catalog_files(root, errors):
        shown = _relative(path, root)
        try:
            for item, line in read_items(path, rules, errors, shown):
                yield ids.assign(item), f"{shown}:{line}"
        except CatalogError as error:  # the file itself is unreadable: report it, go on
            errors.append(error)


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root)) if path != root else path.name
    except ValueError:
        return path.name


def _scan(root: Path, rules: FieldRules, *, stop_early: bool, on_read: Reading | None = None) -> _Scan:
    """Validate and hash every item. Without --skip-invalid the import fails anyway, so the
    scan stops once the error list is full rather than reading a broken folder to its end."""
    scan = _Scan()
    for count, (item, location) in enumerate(iter_valid_items(root, scan.errors, rules), start=1):
        if on_read and count % READ_REPORT_EVERY == 0:
            on_read(count)
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
    on_read: Reading | None = None,
    batch_size: int = 256,  # big enough that the embedder can sort by length
    cache_dir: Path | None = None,
) -> ImportReport:
    """`cache_dir`: where the catalog's derived data (recchat/catalog/derived.py) is written for
    its new revision; None leaves it to be built when the catalog is first read."""
    started = time.perf_counter()
    root = root.expanduser()
    if not root.exists() and not root.is_symlink():
        raise CatalogError(root, None, "no such file or folder")
    rules = FieldRules(root, field_map)
    with _importing(store, name):
        scan = _scan(root, rules, stop_early=not skip_invalid, on_read=on_read)
        guesses = _title_guesses(scan.errors)
        if guesses:  # 'Show', 'Recipe', 'Wine': a column of names with a header recchat does not know
            rules.guess_titles(guesses)
            scan = _scan(root, rules, stop_early=not skip_invalid, on_read=on_read)
        links, link_errors = _read_links(root, set(scan.hashes))
        scan.errors.extend(link_errors)
        if scan.errors and not skip_invalid:
            # With no valid item, --skip-invalid would only end in "no items found".
            hint = "fix these, or import the valid items with --skip-invalid" if scan.hashes else "fix these"
            raise InvalidCatalogError(scan.errors, hint, total=scan.errors.total)
        if not scan.hashes:
            raise CatalogError(root, None, "no items found", _no_items_hint(root))
        report = ImportReport(name=name, skipped=scan.errors, interactions=len(links), fields=rules.grouped_usage())
        job = _Job(store, embedder, root, rules, name, batch_size, on_progress, cache_dir)
        _write_catalog(job, scan, links, report)
    report.seconds = time.perf_counter() - started
    return report


@dataclass(frozen=True)
class _Job:
    store: Store
    embedder: Embedder
    root: Path
    rules: FieldRules
    name: str
    batch_size: int
    on_progress: Progress | None
    cache_dir: Path | None


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


def _drop_other_variant(store: Store, embedder: Embedder, name: str) -> str:
    """A catalog embedded by another variant of this model (int8 or float32) is embedded again,
    from scratch, rather than mixing two kinds of vectors. Another model altogether is refused
    by `open_or_create`, with the fix. Returns the replaced embedder's name, or ""."""
    try:
        existing = store.open("catalog", name)
    except NotFoundError:
        return ""
    old = str(existing.info.get("embedder", ""))
    if old == embedder.name or model_of(old) != model_of(embedder.name):
        return ""
    store.delete("catalog", name)
    return old


def _stored_hashes(collection: Collection) -> dict[str, tuple[Any, Any]]:
    # Only what the comparison needs: a big catalog's whole metadata would not fit in memory.
    return {r.id: (r.metadata.get(HASH), r.metadata.get(NEIGHBOURS, "")) for r in collection.iter_all()}


def _write_catalog(job: _Job, scan: _Scan, links: dict[str, list[tuple[str, float]]], report: ImportReport) -> None:
    report.replaced_embedder = _drop_other_variant(job.store, job.embedder, job.name)
    collection, stored = _open_for_import(job.store, job.embedder, job.root, job.name)
    link_text = {item_id: encode_neighbours(pairs) for item_id, pairs in links.items()}
    schema = scan.schema.schema(usage_log=len(links), overrides=field_overrides(job.root))
    schema_json = json.dumps(schema.to_json(), ensure_ascii=False)
    report.revision = content_revision(scan.hashes, link_text, schema_json)
    outputs = DerivedOutputs.missing(job.cache_dir, collection.origin, job.name, report.revision)

    changed = {i for i, h in scan.hashes.items() if stored.get(i, (None, ""))[0] != h}
    report.added = len(changed - stored.keys())
    report.updated = len(changed) - report.added
    report.unchanged = len(scan.hashes) - len(changed)
    feed = outputs.feed(schema) if outputs else None
    if changed or feed:
        written = _write_changed(collection, job, changed, link_text, feed)
        if written != len(changed):
            raise CatalogError(job.root, None, "files changed while they were being imported", "run the import again")
    report.relinked = _relink(collection, scan.hashes.keys() - changed, stored, link_text)
    removed = sorted(stored.keys() - scan.hashes.keys())
    collection.delete(removed)
    report.removed = len(removed)
    if feed and outputs:
        outputs.save(feed.finish())
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
    collection: Collection, job: _Job, changed: set[str], link_text: dict[str, str], feed: Feed | None
) -> int:
    """Embed and store the changed items, feeding every item to `feed` on the way (derived data
    sees the whole catalog, changed or not); returns how many were written."""
    writer = _Writer(collection, job.embedder, len(changed), job.on_progress)
    batch: list[tuple[StoredItem, str]] = []
    ignored: list[CatalogError] = []  # already reported by the scan
    seen: set[str] = set()
    with writer:
        for item, location in iter_valid_items(job.root, ignored, job.rules):
            if item.id in seen or (feed is None and item.id not in changed):
                continue
            seen.add(item.id)
            stored = stored_item_of(item, location, link_text.get(item.id, ""))
            if feed is not None:
                feed.add(stored)
            if item.id in changed:
                batch.append((stored, embed_text(item)))
            if len(batch) >= job.batch_size:
                writer.add(batch)
                batch = []
        writer.add(batch)
    return writer.written


class _Writer:
    """Embeds one batch on a thread while the one before is stored and the next is read:
    onnxruntime lets go of the GIL while it runs and Chroma's writes do not, so on two cores the
    model need not wait for the store, nor the store for the model."""

    def __init__(self, collection: Collection, embedder: Embedder, total: int, on_progress: Progress | None) -> None:
        self._collection = collection
        self._embedder = embedder
        self._total = total
        self._on_progress = on_progress
        self._pending: tuple[list[tuple[StoredItem, str]], Future[Any]] | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="recchat-embed")
        self.written = 0

    def __enter__(self) -> _Writer:
        if self._on_progress:
            self._on_progress(0, self._total)
        return self

    def add(self, batch: list[tuple[StoredItem, str]]) -> None:
        future = self._pool.submit(self._embedder.embed, [text for _, text in batch]) if batch else None
        self._store_pending()
        if batch and future is not None:
            self._pending = (batch, future)

    def _store_pending(self) -> None:
        if self._pending is None:
            return
        batch, future = self._pending
        self._pending = None
        items = [stored for stored, _ in batch]
        vectors = future.result()
        self._collection.upsert(
            [i.id for i in items], vectors, [i.document for i in items], [i.metadata for i in items]
        )
        self.written += len(batch)
        if self._on_progress:
            self._on_progress(self.written, self._total)

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        try:
            if error is None:
                self._store_pending()
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)


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


def _no_items_hint(root: Path) -> str:
    sheets = spreadsheets_in(root)
    if sheets:
        names = ", ".join(p.name for p in sheets)
        return f"{names}: save it from the spreadsheet program as CSV (.csv) and add the folder again"
    return "a catalog is a folder of .jsonl, .json, .csv, .tsv or .md files"


def _title_guesses(errors: list[CatalogError]) -> dict[Path, str]:
    """Files refused for want of a title, each with the one column whose cells name the items;
    empty unless every error is such a file (anything else is the person's to fix first)."""
    guesses = {e.path: e.guess for e in errors if isinstance(e, NoTitleError) and e.guess is not None}
    return guesses if errors and len(guesses) == len(errors) else {}
