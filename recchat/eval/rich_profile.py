"""A rich profile built over other catalogs, to replay the conversation suite with: does what a
person said and imported over one catalog change what a request over another one meets?

For each suite catalog, the profile holds the history files imported into it (likes, dislikes,
seen, wishes: `recchat profile import`'s own code) and every user turn of its conversations
(words, titles, things to avoid). A conversation then starts from the entries of every *other*
catalog: a long-term profile that is rich, and was never said where the conversation is.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from recchat.imports.history import apply_import, plan_import
from recchat.profile import MemoryProfileStore, Profile, ProfileEntry

if TYPE_CHECKING:
    from recchat.eval.suite import Suite
    from recchat.factory import Runtime


def built_over(
    runtime: Runtime, suite: Suite, stored: Mapping[str, str], files: Sequence[Path]
) -> dict[str, list[ProfileEntry]]:
    """Suite catalog -> the entries a person left over it. `stored`: suite name -> store name."""
    built: dict[str, list[ProfileEntry]] = {}
    for name, store_name in stored.items():
        profile = Profile("rich", MemoryProfileStore())
        catalog = runtime.catalog(store_name)
        plan = plan_import(list(files), store_name, catalog.index, catalog.schema)
        apply_import(plan, profile, catalog.vectors([o.item_id for o in plan.outcomes]), time.time())
        for conversation in suite.conversations:
            if conversation.catalog == name:
                session = runtime.session(catalog=store_name, profile=profile)
                for turn in conversation.turns:
                    session.listen(turn.say)
        built[name] = list(profile.entries)
    return built


def elsewhere(built: Mapping[str, Sequence[ProfileEntry]], catalog: str) -> Profile:
    """A profile holding what was left over every catalog but this one."""
    store = MemoryProfileStore()
    store.add_many([e for name, entries in built.items() if name != catalog for e in entries])
    return Profile("eval", store)
