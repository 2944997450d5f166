"""A profile that stays where it was said, and a request that leads: entries keep their catalog,
count elsewhere only by meaning, never as an explanation's words; a history orders what a
request finds and pulls in nothing; an imported history is a head start."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from recchat.catalog.importer import import_catalog
from recchat.domain import FeedbackKind, Mention, Polarity, Role, Utterance
from recchat.explain.context import asked_for
from recchat.factory import Runtime
from recchat.imports.history import apply_import, plan_import
from recchat.profile import MemoryProfileStore, Profile, ProfileEntry, ProfileSnapshot, build_snapshot
from recchat.ranking.retrieval import Query, RankingWeights, Retriever
from recchat.snapshot import OTHER_CATALOG_FACTOR

HISTORY = Path(__file__).resolve().parent / "data" / "history"


def entry(uid: str, text: str, *, catalog: str | None, session: str = "s", **extra: object) -> ProfileEntry:
    u = Utterance(uid, text, Role.USER, 0.0, session, Polarity.POSITIVE, catalog=catalog, **extra)  # type: ignore[arg-type]
    return ProfileEntry(u, np.ones(4, dtype=np.float32) / 2)


def test_words_and_verdicts_said_over_another_catalog_count_by_meaning_only() -> None:
    liked = (Mention("x1", "Arrival", Polarity.POSITIVE),)
    entries = [
        entry("a", "films about dreams", catalog="films", mentions=liked),
        entry("b", "like: Dune", catalog="films", feedback=FeedbackKind.LIKE, mentions=liked),
        entry("c", "quiet card games", catalog="games"),
    ]
    here = build_snapshot(entries, "s", 0.0, "games")
    assert here.liked_items == {} and here.mentioned_items == set()  # another catalog's ids mean nothing
    words = {w.entry.utterance.id: w for w in here.likes}
    assert not words["a"].here and not words["b"].here and words["c"].here
    there = build_snapshot(entries, "s", 0.0, "films")
    assert set(there.liked_items) == {"x1"}
    said_there = next(w for w in there.likes if w.entry.utterance.id == "a")
    assert words["a"].weight == pytest.approx(said_there.weight * OTHER_CATALOG_FACTOR)


def test_entries_from_before_catalogs_were_recorded_count_everywhere() -> None:
    old = entry("old", "I loved Arrival", catalog=None, mentions=(Mention("x1", "Arrival", Polarity.POSITIVE),))
    snapshot = build_snapshot([old], "s", 0.0, "anything")
    assert set(snapshot.liked_items) == {"x1"} and snapshot.likes[0].here


def test_words_said_over_one_catalog_are_never_an_explanations_in_another(loaded: Runtime, tmp_path: Path) -> None:
    import_catalog(loaded.store, loaded.embedder, HISTORY / "catalog", "hist")
    person = loaded.profile()
    elsewhere = loaded.session(catalog="hist", profile=person)
    elsewhere.handle("films about dreams and a wormhole, I loved Arrival", k=2)
    session = loaded.session(catalog="mini", profile=person)
    reply = session.handle("science fiction", k=5)
    _, reader = loaded.reader(session.catalog)
    asked = asked_for(session.catalog, session.snapshot(), reply.constraints, reader, reply.recommendations)
    assert "wormhole" not in asked.words and "dreams" not in asked.words
    assert not {seed.item_id for seed in asked.seeds} & {"h-arrival"}
    for rec in reply.recommendations:
        assert all("wormhole" not in u.text for u in rec.evidence.utterances)
        assert not any("wormhole" in f or "dream" in f for f in rec.evidence.fields)
        assert "wormhole" not in rec.explanation.lower() and "dreams" not in rec.explanation.lower()
    # Said over this catalog, the same words are the person's own, and explanations use them.
    here = loaded.session(catalog="mini", profile=Profile("p", MemoryProfileStore()))
    again = here.handle("films about dreams and a wormhole", k=5)
    assert any("wormhole" in f or "dreams" in f for r in again.recommendations for f in r.evidence.fields)


def background_snapshot(runtime: Runtime, liked: list[str]) -> Profile:
    catalog = runtime.catalog("mini")
    profile = Profile("p", MemoryProfileStore())
    vectors = catalog.vectors(liked)
    for n, item_id in enumerate(liked):
        u = Utterance(
            f"i{n}",
            f"like: {item_id}",
            Role.USER,
            time.time(),
            "import-x",
            Polarity.POSITIVE,
            (Mention(item_id, item_id, Polarity.POSITIVE),),
            feedback=FeedbackKind.LIKE,
            catalog="mini",
        )
        profile.record(u, vectors[item_id])
    return profile


def test_a_history_orders_what_a_request_finds_and_pulls_in_nothing(loaded: Runtime) -> None:
    catalog = loaded.catalog("mini")
    retriever = Retriever(catalog, RankingWeights(pool=4, popularity=0.0))
    asked = Query(text="funny comedy", vector=loaded.embedder.embed(["funny comedy"])[0])
    history = background_snapshot(loaded, ["m06", "m08", "m09"]).snapshot("s", catalog="mini")  # horror
    # The same items ruled out, nothing liked: what the request alone finds.
    unliked = ProfileSnapshot(seen_items=set(history.liked_items))
    alone = {r.item.id for r in retriever.recommend(asked, unliked, 26)}
    led = retriever.recommend(asked, history, 26)
    assert {r.item.id for r in led} <= alone
    # Counted by how well each candidate meets the request: the poorest fit gets nothing from it.
    poorest = min(led, key=lambda r: r.score - r.evidence.score_parts["background"])
    assert poorest.evidence.score_parts["background"] == 0.0
    assert max(r.evidence.score_parts["background"] for r in led) > 0.0
    # With nothing asked, the history leads: related items come in.
    vague = retriever.recommend(Query(text="", vector=None), history, 3)
    assert any("horror" in r.item.tags for r in vague)


def test_an_imported_history_is_a_head_start_and_seen_items_never_come_back(loaded: Runtime, tmp_path: Path) -> None:
    sheet = tmp_path / "history.csv"
    sheet.write_text(
        "title,year,rating,status\nThe Shining,1980,5,\nGet Out,2017,5,\nInterstellar,2014,,watched\n"
        "The Matrix,1999,,watched\n",
        encoding="utf-8",
    )
    catalog = loaded.catalog("mini")
    plan = plan_import([sheet], "mini", catalog.index, catalog.schema)
    person = Profile("p", MemoryProfileStore())
    before = loaded.session(catalog="mini", profile=Profile("q", MemoryProfileStore()))
    cold = before.handle("a movie for tonight", k=3, always_recommend=True)
    assert apply_import(plan, person, catalog.vectors([o.item_id for o in plan.outcomes]), time.time()) == 4
    session = loaded.session(catalog="mini", profile=person)
    warm = session.handle("a movie for tonight", k=3)
    horror = [sum("horror" in r.item.tags for r in reply.recommendations) for reply in (cold, warm)]
    assert horror[1] > horror[0]
    wide = session.handle("science fiction space", k=20)
    assert not {"m01", "m04", "m06", "m08"} & {r.item.id for r in wide.recommendations}
    again = apply_import(plan, person, catalog.vectors([o.item_id for o in plan.outcomes]), time.time())
    assert again == 0 and plan.already == 4  # importing the same file twice changes nothing
    assert person.forget_import(plan.import_id) == 4
    assert not [e for e in person.entries if e.utterance.session == plan.import_id]


def test_the_suites_rich_profile_holds_only_what_was_left_over_other_catalogs() -> None:
    from recchat.eval.rich_profile import elsewhere

    built = {
        "sample": [entry("s1", "quiet card games", catalog="suite-sample")],
        "films": [entry("f1", "80s horror", catalog="suite-films"), entry("f2", "Tom Hanks", catalog="suite-films")],
    }
    assert [e.utterance.id for e in elsewhere(built, "sample").entries] == ["f1", "f2"]
    assert [e.utterance.id for e in elsewhere(built, "films").entries] == ["s1"]
