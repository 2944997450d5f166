"""The Chroma store: the only package that imports chromadb or reads Chroma's files.

- collection.py: one collection as plain values; how calls are made, retried and reported
- database.py: the Store, catalogs and profiles in one database (embedded or server)
- embedded.py: one client and lock per data folder in this process
- server.py, http.py: a Chroma server's client, and its URL, probe, timeouts and errors
- files.py: Chroma's folder on disk (permissions, integrity, compaction)
- locking.py: the data folder's lock files
"""

from recchat.store.collection import PAGE, PREFIXES, REBUILD_PREFIX, Collection, Record, Retry, check_embedder
from recchat.store.database import Store
from recchat.store.embedded import lock_path

__all__ = [
    "PAGE",
    "PREFIXES",
    "REBUILD_PREFIX",
    "Collection",
    "Record",
    "Retry",
    "Store",
    "check_embedder",
    "lock_path",
]
