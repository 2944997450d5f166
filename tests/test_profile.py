"""The profile: stored in Chroma, decayed by age, negatives kept negative, forget deletes."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from conftest import both_stores
from recchat.domain import FeedbackKind, Mention, Polarity, Role, Utterance
from recchat.factory import Runtime
from recchat.profile import MemoryProfileStore, Profile, ProfileEntry, build_snapshot

DAY = 86400.0


def said(
    uid: str,
    text: str,
    *,
    time: float = 0.0,
    session: str = "s",
    polarity: Polarity = Polarity.POSITIVE,
    mentions: tuple[Mention, ...] = (),
    avoid: tuple[str, ...] = (),
    role: Role = Role.USER,
    feedback: FeedbackKind | None = None,
) -> Utterance:
    return Utterance(uid, text, role, time, session, polarity, mentions, avoid, feedback)


def vector(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=8).astype(np.float32)
    return v / np.linalg.norm(v)


def memory_profile(*utterances: Utterance) -> Profile:
    profile = Profile("p", MemoryProfileStore())
    for n, u in enumerate(utterances):
        profile.record(u, vector(n))
    return profile


def test_recent_words_weigh_more_than_old_ones() -> None:
    profile = memory_profile(
        said("1", "space adventures", time=0), said("2", "quiet dramas", time=10), said("3", "funny heists", time=20)
    )
    weights = {w.entry.utterance.id: w.weight for w in profile.snapshot("s", now=20).likes}
    assert weights["3"] > weights["2"] > weights["1"]


def test_words_from_long_ago_and_other_sessions_fade() -> None:
    profile = memory_profile(
        said("old", "space adventures", time=0, session="other"), said("new", "funny heists", time=60 * DAY)
    )
    weights = {w.entry.utterance.id: w.weight for w in profile.snapshot("s", now=60 * DAY).likes}
    assert weights["old"] < 0.1 < weights["new"]


def test_negative_mentions_are_dislikes_and_positive_ones_likes() -> None:
    profile = memory_profile(
        said(
            "1", "I hated Titanic", polarity=Polarity.NEGATIVE, mentions=(Mention("t", "Titanic", Polarity.NEGATIVE),)
        ),
        said("2", "I loved Alien", mentions=(Mention("a", "Alien", Polarity.POSITIVE),)),
    )
    snapshot = profile.snapshot("s", now=0)
    assert list(snapshot.disliked_items) == ["t"] and set(snapshot.liked_items) == {"a"}
    assert [w.entry.utterance.id for w in snapshot.dislikes] == ["1"]
    assert [w.entry.utterance.id for w in snapshot.likes] == ["2"]
    assert snapshot.excluded == {"t", "a"}


def test_disliked_items_come_most_recent_first() -> None:
    # 25 dislikes, one said again later: the order is when each was last disliked, newest first.
    dislikes = [
        said(
            f"{n:02d}",
            f"dislike: item {n}",
            time=float(n),
            polarity=Polarity.NEGATIVE,
            mentions=(Mention(f"i{n % 25}", f"Item {n % 25}", Polarity.NEGATIVE),),
            feedback=FeedbackKind.DISLIKE if n % 2 else None,
        )
        for n in range(26)  # the last one dislikes i0 again
    ]
    snapshot = memory_profile(*dislikes).snapshot("s", now=30)
    assert list(snapshot.disliked_items) == ["i0", *(f"i{n}" for n in range(24, 0, -1))]
    assert snapshot.disliked_items["i0"] == 25.0


def test_feedback_and_assistant_suggestions_shape_exclusions() -> None:
    profile = memory_profile(
        said("1", "seen: X", mentions=(Mention("x", "X", Polarity.NEUTRAL),), feedback=FeedbackKind.SEEN),
        said(
            "2",
            "not now: Y",
            mentions=(Mention("y", "Y", Polarity.NEUTRAL),),
            feedback=FeedbackKind.NOT_NOW,
            session="old",
        ),
        said("3", "Here: Z", role=Role.ASSISTANT, mentions=(Mention("z", "Z", Polarity.NEUTRAL),)),
        said("4", "Here: W", role=Role.ASSISTANT, session="old", mentions=(Mention("w", "W", Polarity.NEUTRAL),)),
    )
    snapshot = profile.snapshot("s", now=0)
    assert snapshot.seen_items == {"x"}
    assert snapshot.suggested_items == {"z"}  # only this conversation's suggestions
    assert snapshot.skipped_items == set()  # "not now" was said in another conversation
    assert snapshot.is_thin


@both_stores
def test_chroma_profile_round_trips_and_forget_really_deletes(runtime: Runtime) -> None:
    profile = runtime.profile("alice")
    mention = Mention("i1", "Interstellar (2014)", Polarity.POSITIVE)
    first = said("a", "I loved Interstellar", mentions=(mention,), avoid=("horror",))
    profile.record(first, runtime.embedder.embed(["I loved Interstellar"])[0])
    profile.record(said("b", "funny heists", time=1), runtime.embedder.embed(["funny heists"])[0])

    reopened = runtime.profile("alice")  # read back from Chroma, not from memory
    assert [e.utterance for e in reopened.entries] == [first, said("b", "funny heists", time=1)]
    assert reopened.forget(["a", "missing"]) == 1
    assert [e.utterance.id for e in runtime.profile("alice").entries] == ["b"]
    assert runtime.profile("alice").forget_all() == 1
    assert runtime.store.open("profile", "alice").count() == 0


@both_stores
def test_chroma_profile_keeps_each_entrys_catalog_and_imports_in_one_write(runtime: Runtime) -> None:
    """What the per-catalog profile and `profile import` store: the catalog an entry was said
    over, a topic, recchat's own list, a wish; many entries in one write; forgotten by import and
    by catalog."""
    profile = runtime.profile("alice")
    spoken = replace(said("s1", "funny heists", time=1), topic="heists", catalog="films")
    listed = replace(said("s2", "Heat", time=2, role=Role.ASSISTANT), own_list=True, catalog="films")
    profile.record(spoken, vector(1))
    profile.record(listed, vector(2))
    wish = Mention("b1", "Dune", Polarity.NEUTRAL)
    imported = [
        ProfileEntry(
            replace(said(f"i{n}", f"wish: book {n}", time=10 + n, session="import-x"), catalog="books"),
            vector(10 + n),
        )
        for n in range(3)
    ]
    imported[0] = replace(
        imported[0], utterance=replace(imported[0].utterance, mentions=(wish,), feedback=FeedbackKind.WISH)
    )
    profile.record_many(imported)
    reopened = runtime.profile("alice")
    assert [e.utterance for e in reopened.entries] == [spoken, listed, *(e.utterance for e in imported)]
    assert reopened.forget_import("x") == 3
    assert runtime.profile("alice").forget_catalog("films") == 2
    assert runtime.store.open("profile", "alice").count() == 0


@both_stores
def test_profiles_are_separate(runtime: Runtime) -> None:
    runtime.profile("alice").record(said("a", "horror"), runtime.embedder.embed(["horror"])[0])
    assert runtime.profile("bob").entries == []


def test_export_has_every_entry_with_its_fields() -> None:
    profile = memory_profile(said("1", "no horror please", avoid=("horror",), polarity=Polarity.NEGATIVE))
    exported = profile.export()
    assert exported["profile"] == "p"
    assert exported["entries"][0]["text"] == "no horror please" and exported["entries"][0]["avoid"] == ["horror"]


def test_snapshot_of_nothing_is_thin() -> None:
    assert build_snapshot([], "s", 0.0).is_thin
