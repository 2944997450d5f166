"""Ranking on the mini catalog: fusion, exclusions, filters, diversity, evidence."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from conftest import both_stores
from recchat.domain import Mention, Polarity, Role, Utterance
from recchat.factory import Runtime
from recchat.profile import ProfileEntry, ProfileSnapshot, WeightedEntry, build_snapshot
from recchat.ranking.retrieval import Query, RankingWeights, Retriever
from recchat.ranking.vectors import mmr

NEG = Polarity.NEGATIVE


def query(runtime: Runtime, text: str, **extra: object) -> Query:
    return Query(text=text, vector=runtime.embedder.embed([text])[0], **extra)  # type: ignore[arg-type]


def liked(runtime: Runtime, text: str, weight: float = 1.0) -> WeightedEntry:
    u = Utterance("u", text, Role.USER, 0.0, "s", Polarity.POSITIVE)
    return WeightedEntry(ProfileEntry(u, runtime.embedder.embed([text])[0]), weight)


def ids(recs: list) -> list[str]:  # type: ignore[type-arg]
    return [r.item.id for r in recs]


def test_request_similarity_ranks_matching_items_first(loaded: Runtime) -> None:
    retriever = Retriever(loaded.catalog("mini"), RankingWeights(popularity=0.0, together=0.0))
    top = retriever.recommend(query(loaded, "detective mystery murder"), ProfileSnapshot(), 3)
    assert {"m15", "m16"} <= set(ids(top))


def test_excluded_items_never_appear_even_when_they_match_best(loaded: Runtime) -> None:
    retriever = Retriever(loaded.catalog("mini"))
    snapshot = ProfileSnapshot(
        disliked_items={"m15": 0.0}, seen_items={"m16"}, mentioned_items={"m17"}, suggested_items={"b02"}
    )
    top = retriever.recommend(query(loaded, "detective mystery murder village"), snapshot, 30)
    assert not {"m15", "m16", "m17", "b02"} & set(ids(top))
    assert len(top) == 26 - 4


def test_avoided_tags_are_hard_filters(loaded: Runtime) -> None:
    retriever = Retriever(loaded.catalog("mini"))
    top = retriever.recommend(query(loaded, "space alien", avoided_tags=("horror",)), ProfileSnapshot(), 10)
    assert all("horror" not in r.item.tags for r in top)
    assert "m07" not in ids(top)  # Alien: space, but horror


@both_stores
def test_catalog_fields_filter_through_chroma(loaded: Runtime) -> None:
    retriever = Retriever(loaded.catalog("mini"))
    top = retriever.recommend(query(loaded, "mystery", where={"type": "book"}), ProfileSnapshot(), 5)
    assert top and all(r.item.metadata["type"] == "book" for r in top)


def test_liked_items_pull_their_neighbours_from_the_usage_log(loaded: Runtime) -> None:
    retriever = Retriever(
        loaded.catalog("mini"), RankingWeights(request=0.0, profile=0.0, items=0.0, popularity=0.0, tags=0.0)
    )
    snapshot = ProfileSnapshot(liked_items={"m10": 1.0}, mentioned_items={"m10"})
    top = retriever.recommend(Query(text="", vector=None), snapshot, 1)
    assert ids(top) == ["m11"]  # The Mask -> Groundhog Day (liked together); Superbad was disliked
    assert top[0].evidence.related_titles == ("The Mask (1994)",)


def test_a_title_the_assistant_brought_up_pulls_items_whose_texts_share_its_words(loaded: Runtime) -> None:
    # Only the seed-text part counts: The Shining's text (horror, haunt...) is the BM25 query.
    only_seed_text = RankingWeights(
        request=0, profile=0, items=0, together=0, lexical=0, popularity=0, tags=0, genres=0, avoid=0, seed_text=1
    )
    snapshot = ProfileSnapshot(context_items={"m06": 1.0}, suggested_items={"m06"})
    top = Retriever(loaded.catalog("mini"), only_seed_text).recommend(Query(text="", vector=None), snapshot, 26)
    assert set(ids(top[:3])) == {"m07", "m08", "m09"}  # the other horror films
    assert top[0].evidence.score_parts["seed_text"] == 1.0  # scaled within the candidates
    assert all(r.evidence.score_parts["seed_text"] == 0.0 for r in top[3:] if "comedy" in r.item.tags)
    assert "m06" not in ids(top)


def test_popularity_breaks_ties_when_nothing_else_is_known(loaded: Runtime) -> None:
    retriever = Retriever(loaded.catalog("mini"))
    top = retriever.recommend(Query(text="", vector=None), ProfileSnapshot(), 3)
    assert ids(top)[0] in {"m01", "b01"}  # the most popular items (90)


def test_dislikes_push_similar_items_down(loaded: Runtime) -> None:
    retriever = Retriever(loaded.catalog("mini"), RankingWeights(popularity=0.0, together=0.0))
    base = retriever.recommend(query(loaded, "comedy"), ProfileSnapshot(), 26)
    hated = replace(ProfileSnapshot(), dislikes=[liked(loaded, "romance love couple")])
    after = retriever.recommend(query(loaded, "comedy"), hated, 26)
    assert ids(after).index("m14") > ids(base).index("m14")  # Notting Hill: romantic comedy


def test_only_the_most_recent_dislikes_push_their_neighbours_down(loaded: Runtime) -> None:
    # 22 dislikes: the two oldest are the items closest to `kept`; the 20 most recent push away.
    catalog = loaded.catalog("mini")
    every = [e.id for e in catalog.index.entries]
    vectors = catalog.vectors(every)
    kept = every[0]
    by_likeness = sorted(every[1:], key=lambda i: -float(vectors[i] @ vectors[kept]))
    oldest, recent = by_likeness[:2], by_likeness[-20:]
    year = 365 * 86400.0  # so long ago that the words weigh nothing; the verdicts on items stay
    entries = [
        ProfileEntry(
            Utterance(f"u{n}", f"not {i}", Role.USER, n - 10 * year, "old", Polarity.NEGATIVE, (Mention(i, i, NEG),)),
            vectors[i],
        )
        for n, i in enumerate([*oldest, *recent])
    ]
    snapshot = build_snapshot(entries, "s", 0.0)
    weights = RankingWeights()
    found = {r.item.id: r for r in Retriever(catalog, weights).recommend(Query(text="", vector=None), snapshot, 10)}
    nearest_recent = max(max(float(vectors[i] @ vectors[kept]), 0.0) for i in recent)
    assert found[kept].evidence.score_parts["avoid"] == pytest.approx(-weights.avoid * nearest_recent, abs=1e-3)
    assert nearest_recent < float(vectors[oldest[-1]] @ vectors[kept])  # the old ones would push harder


def test_evidence_names_the_words_and_fields_that_matched(loaded: Runtime) -> None:
    retriever = Retriever(loaded.catalog("mini"))
    snapshot = ProfileSnapshot(likes=[liked(loaded, "a detective mystery")])
    top = retriever.recommend(query(loaded, "a detective mystery", wanted_tags=("mystery",)), snapshot, 1)
    evidence = top[0].evidence
    assert "tags: mystery" in evidence.fields
    assert any(f.startswith("description:") and "detective" in f for f in evidence.fields)
    assert evidence.utterances[0].text == "a detective mystery"
    assert set(evidence.score_parts) == {
        "request",
        "profile",
        "items",
        "together",
        "popularity",
        "tags",
        "genres",
        "lexical",
        "seed_text",
        "names",
        "themes",
        "fit",
        "avoid",
    }
    assert abs(sum(evidence.score_parts.values()) - top[0].score) < 1e-3


def test_evidence_never_claims_a_word_the_person_asked_to_avoid(loaded: Runtime) -> None:
    # An old "no horror" has faded below the avoid threshold, so horror items can come back;
    # a card may then say they touch on "satire", never on horror "which you mentioned".
    said = "satire, a disturbing secret, but no horror"
    snapshot = ProfileSnapshot(likes=[liked(loaded, said)], avoid=[("horror", 0.05)])
    retriever = Retriever(loaded.catalog("mini"))
    top = retriever.recommend(query(loaded, "a disturbing secret horror satire"), snapshot, 3)
    get_out = next(r for r in top if r.item.title.startswith("Get Out"))
    described = next(f for f in get_out.evidence.fields if f.startswith("description:"))
    assert "satire" in described and "horror" not in described


def test_mmr_prefers_a_different_item_over_a_near_duplicate() -> None:
    vectors = np.array([[1.0, 0.0], [0.999, 0.045], [0.0, 1.0]], dtype=np.float32)
    scores = np.array([1.0, 0.99, 0.8], dtype=np.float32)
    assert mmr(scores, vectors, 2, balance=0.5) == [0, 2]
    assert mmr(scores, vectors, 2, balance=1.0) == [0, 1]


def test_mentions_in_the_profile_are_excluded_end_to_end(loaded: Runtime) -> None:
    session = loaded.session(catalog="mini")
    session.handle("I liked Knives Out")
    snapshot = session.snapshot()
    assert "m15" in snapshot.excluded
    assert snapshot.liked_items.keys() == {"m15"}
    assert isinstance(next(iter(snapshot.likes)).entry.utterance.mentions[0], Mention)


def test_items_the_scores_cannot_tell_apart_rank_the_same_whatever_order_the_store_returns(
    loaded: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A request whose vector says nothing (all zeros) leaves every item at the same distance;
    # Chroma then returns them in the order of its index graph, which differs between imports.
    catalog = loaded.catalog("mini")
    weights = RankingWeights(popularity=0.0, together=0.0, lexical=0.0, seed_text=0.0)
    silent = Query(text="", vector=np.zeros_like(loaded.embedder.embed(["x"])[0]))
    first = ids(Retriever(catalog, weights).recommend(silent, ProfileSnapshot(), 5))
    search = type(catalog).search
    monkeypatch.setattr(type(catalog), "search", lambda self, *a, **k: [row[::-1] for row in search(self, *a, **k)])
    again = ids(Retriever(catalog, weights).recommend(silent, ProfileSnapshot(), 5))
    assert first == again
    popularity = {i: catalog.index.by_id[i].popularity for i in first}
    assert list(popularity.values()) == sorted(popularity.values(), reverse=True)  # the better known first


def test_each_seeds_usage_log_neighbours_count_against_its_strongest(loaded: Runtime) -> None:
    # Two seeds of equal weight: "a" came up in many sessions (large pair weights), "b" in few.
    # Unnormalised, every neighbour of "a" outscores the best neighbour of "b".
    class Log:
        def neighbours(self, ids: object) -> dict[str, list[tuple[str, float]]]:
            return {"a": [("a1", 4.0), ("a2", 2.0)], "b": [("b1", 0.5), ("b2", 0.25)]}

    retriever = Retriever(loaded.catalog("mini"))
    retriever.catalog = Log()  # type: ignore[assignment]
    scores = retriever._together({"a": 1.0, "b": 1.0})
    assert scores["a1"] == (1.0, "a") and scores["b1"] == (1.0, "b")  # each seed's best counts alike
    assert scores["b1"][0] > scores["a2"][0]  # b's strongest neighbour now beats a's second
