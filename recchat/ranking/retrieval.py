"""Finding and ranking suggestions: a candidate pool, score fusion, exclusions, MMR.

Candidates come from Chroma (nearest to the request, the profile and the seed items), from the
usage log (items that came up with the seeds), from BM25 over item texts (queried with the
person's words, and with the seed items' own texts), and from the popular items (overall and in
the genres in play). Each candidate gets a weighted sum of score parts;
every part is kept with the suggestion, so "why this?" shows the arithmetic, and the evaluation
can switch parts off to measure what each is worth (README: ablation table).

Seeds are the items the person liked or mentioned, and, more faintly, the items already brought
up by the assistant in this conversation: they say where the conversation is going. What was
liked before this conversation only orders what the request finds (background.py).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice
from typing import TYPE_CHECKING, Any, Protocol

from recchat.catalog.items import item_text
from recchat.domain import Constraint, Evidence, MatchedUtterance, Recommendation
from recchat.ranking.background import background_vector, split_signals
from recchat.ranking.filters import labels_met, meets_item
from recchat.ranking.lexical import weighted_terms
from recchat.ranking.signals import CatalogSignals, fit_of
from recchat.ranking.vectors import centroid, max_similarity, mmr, scaled, top_keys, weighted_similarity
from recchat.text import content_words, stem

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from recchat.catalog.library import Candidate, Catalog
    from recchat.profile import ProfileSnapshot, WeightedEntry

    Vector = npt.NDArray[np.float32]

ALLOWED_FETCH = 1500  # when constraints leave at most this many items, every one is a candidate
# Disliked items whose neighbours are pushed down: the most recent ones. A disliked item never
# comes back however old, but its pull is a maximum at full weight that never fades, so with
# every dislike ever made most of a catalog sits near one of them and the penalty stops telling
# candidates apart; the latest 20 say what the person steers away from now (as MAX_SEEDS does
# for what they like, ranking/background.py).
MAX_DISLIKED_NEIGHBOURS = 20


@dataclass(frozen=True)
class RankingWeights:
    """Weights of the score parts. Tuned on the ReDial dev dialogues, with round values on purpose
    (README: split-half check); each part is scaled to at most about 1 before weighting."""

    request: float = 0.5  # similarity to what was just said
    profile: float = 0.5  # similarity to everything the person said, recent words first
    items: float = 2.0  # similarity to the seed items
    together: float = 1.0  # brought up together with the seeds in the usage log
    lexical: float = 1.0  # BM25: the person's words and the liked items' texts against each item's text
    # BM25 with every seed's text (assistant's titles too) as the query: the names a dense vector
    # blurs, such as cast, director, franchise and setting (README: ablation table).
    seed_text: float = 1.0
    # how much a subject word in a query also asks for the words of its group
    # (language/subjects.toml): "extraterrestrials" finds "alien", across kinds of item too
    related_words: float = 0.5
    popularity: float = 1.75  # 1.25 before study 7: with hard wishes, the better known count for more
    # popularity against the most popular item of the same kind (a catalog mixing films, books
    # and games counts each its own way), not against the whole catalog
    popularity_per_kind: bool = True
    tags: float = 0.3  # tags the person asked for by name
    genres: float = 0.5  # tags shared with the seed items
    themes: float = 0.5  # subjects (language/subjects.toml) the seeds' texts and the item's both speak of
    names: float = 0.5  # names shared with the seed items: people fields, names their text opens with
    fit: float = 1.0  # how well an item's numbers centre on the numbers asked for (ranking/fit.py)
    avoid: float = 0.8  # closeness to what the person asked to avoid, and to dislikes
    suggested_seed: float = 0.75  # how much an item the assistant brought up counts as a seed
    # Closeness to what was liked before this conversation, when the request leads, counted in
    # proportion to how well each candidate meets the request (see _background): it orders the
    # good fits. Ungated, 0.5 put Twilight Imperium first for "a game for my nephew" after
    # science-fiction novels were liked (43rd on the request alone).
    background: float = 1.0
    mmr_lambda: float = 1.0  # 1.0 = pure relevance; lower = more varied lists
    pool: int = 150  # candidates per source


@dataclass(frozen=True)
class Query:
    """One turn's request, already understood and embedded."""

    text: str
    vector: Vector | None
    wanted_tags: tuple[str, ...] = ()
    avoided_tags: tuple[str, ...] = ()
    avoid_vectors: Sequence[tuple[str, Vector, float]] = ()
    where: Mapping[str, Any] | None = None
    like_vector: Vector | None = None  # "more like this": an item to stay close to
    exclude: frozenset[str] = field(default_factory=frozenset)
    # Explicit constraints, and the ids of the items that meet them (ranking/filters.py): only
    # those may be suggested. None: no constraint in force.
    constraints: tuple[Constraint, ...] = ()
    allowed: frozenset[str] | None = None
    # False: `allowed` already says which items may come (some meet a wish only by evidence, or
    # miss one: ranking/select.py); only what to avoid is checked again on each item's text.
    enforce: bool = True
    recent: tuple[Constraint, ...] = ()  # the wishes said in this turn (kept longest when filling)


class Ranker(Protocol):
    """Anything that turns a request and a profile into ranked suggestions. `Retriever` is
    recchat's own; the evaluation's baselines are others, run through the same Session."""

    def recommend(self, query: Query, snapshot: ProfileSnapshot, k: int) -> list[Recommendation]: ...


@dataclass
class _Context:
    """What one ranking call works from, gathered once."""

    query: Query
    snapshot: ProfileSnapshot
    seeds: dict[str, float]
    seed_vectors: dict[str, Vector]
    likes: list[WeightedEntry]  # the leading ones (background.py)
    profile_vector: Vector | None
    background_vector: Vector | None
    together: dict[str, tuple[float, str]]
    lexical: Mapping[str, float]
    seed_text: Mapping[str, float]
    genres: dict[str, float]
    names: dict[str, float]
    themes: dict[int, float]
    excluded: set[str]


class Retriever:
    def __init__(self, catalog: Catalog, weights: RankingWeights | None = None) -> None:
        self.catalog = catalog
        self.weights = weights or RankingWeights()
        self.signals = CatalogSignals(catalog)

    def recommend(self, query: Query, snapshot: ProfileSnapshot, k: int) -> list[Recommendation]:
        import numpy as np

        context = self._context(query, snapshot)
        pool = self._pool(context)
        if not pool:
            return []
        matrix = np.stack([c.vector for c in pool]).astype(np.float32)
        parts = self._score_parts(context, pool, matrix)
        totals = np.sum(list(parts.values()), axis=0)
        chosen = mmr(totals, matrix, k, self.weights.mmr_lambda)
        # Words the person said over this catalog, less those they said to avoid ("sci-fi but no
        # horror"): a card must never say it touches on horror "which you mentioned".
        avoided = {stem(w) for phrase, _ in snapshot.avoid for w in content_words(phrase)}
        spoken = {stem(w) for e in snapshot.likes if e.here for w in content_words(e.entry.utterance.about)}
        spoken -= avoided
        return [
            Recommendation(
                item=pool[i].item,
                score=round(float(totals[i]), 4),
                evidence=self._evidence(i, pool[i], context, matrix, parts, spoken),
            )
            for i in chosen
        ]

    def _context(self, query: Query, snapshot: ProfileSnapshot) -> _Context:
        asked = query.vector is not None or query.like_vector is not None
        signals = split_signals(snapshot, self.weights.suggested_seed, asked=asked)
        seeds = signals.seeds
        seed_vectors = self.catalog.vectors([*seeds, *signals.background_seeds])
        return _Context(
            query=query,
            snapshot=snapshot,
            seeds=seeds,
            seed_vectors={i: v for i, v in seed_vectors.items() if i in seeds},
            likes=signals.likes,
            profile_vector=centroid([(e.entry.vector, e.weight) for e in signals.likes]),
            background_vector=background_vector(signals, seed_vectors),
            together=self._together(seeds),
            lexical=self._lexical(signals.likes, snapshot, seeds) if self.weights.lexical > 0 else {},
            seed_text=self._seed_text(seeds) if self.weights.seed_text > 0 else {},
            genres=self._genres(seeds),
            names=self.signals.seed_names(seeds) if self.weights.names > 0 else {},
            themes=self._themes(seeds) if self.weights.themes > 0 else {},
            excluded=snapshot.excluded | query.exclude,
        )

    def _together(self, seeds: Mapping[str, float]) -> dict[str, tuple[float, str]]:
        """Collaborative scores: item -> (score, the seed it came with most strongly).

        Each seed's neighbours count against its own strongest one: a seed that came up in many
        sessions has larger pair weights than one that came up in few, and would otherwise
        outweigh it whatever the seeds' own weights say (ReDial dev: study 7)."""
        scores: dict[str, tuple[float, str]] = {}
        best: dict[str, float] = {}
        for source, pairs in self.catalog.neighbours(seeds).items():
            top = max((weight for _, weight in pairs), default=0.0) or 1.0
            for other, weight in pairs:
                total, strongest = scores.get(other, (0.0, source))
                contribution = seeds[source] * weight / top
                if contribution > best.get(other, 0.0):
                    best[other], strongest = contribution, source
                scores[other] = (total + contribution, strongest)
        return scores

    def _lexical(
        self, likes: Sequence[WeightedEntry], snapshot: ProfileSnapshot, seeds: Mapping[str, float]
    ) -> Mapping[str, float]:
        # Words said over another catalog count through their meaning only (the vectors), not here.
        texts = [(e.entry.utterance.about, e.weight) for e in likes if e.here and e.entry.utterance.feedback is None]
        liked = {i: w for i, w in seeds.items() if i in snapshot.liked_items}
        texts += [
            (item_text(c.item, description_chars=None), liked[c.item.id]) for c in self.catalog.fetch(list(liked))
        ]
        related = self.weights.related_words
        return self.catalog.lexical.weighted_scores(weighted_terms(texts, related=related)) if texts else {}

    def _seed_text(self, seeds: Mapping[str, float]) -> Mapping[str, float]:
        texts = [(item_text(c.item, description_chars=None), seeds[c.item.id]) for c in self.catalog.fetch(list(seeds))]
        related = self.weights.related_words
        return self.catalog.lexical.weighted_scores(weighted_terms(texts, related=related)) if texts else {}

    def _genres(self, seeds: Mapping[str, float]) -> dict[str, float]:
        """Tag -> weight from the seed items' tags: the genres in play."""
        genres: dict[str, float] = {}
        for item_id, weight in seeds.items():
            entry = self.catalog.index.by_id.get(item_id)
            for tag in entry.tags if entry else ():
                genres[tag] = genres.get(tag, 0.0) + weight
        return genres

    def _themes(self, seeds: Mapping[str, float]) -> dict[int, float]:
        themes: dict[int, float] = {}
        for candidate in self.catalog.fetch(list(seeds)):
            for theme in self.signals.themes(candidate.item):
                themes[theme] = themes.get(theme, 0.0) + seeds[candidate.item.id]
        return themes

    def _theme_scores(self, themes: Mapping[int, float], pool: Sequence[Candidate]) -> list[float]:
        """Subjects shared with the seeds, the rarer among the candidates the more telling."""
        if not themes:
            return [0.0] * len(pool)
        held = [self.signals.themes(c.item) for c in pool]
        counts: dict[int, int] = {}
        for found in held:
            for theme in found:
                counts[theme] = counts.get(theme, 0) + 1
        rarity = {t: math.log((1 + len(pool)) / (1 + counts.get(t, 0))) for t in themes}
        return [sum(themes[t] * rarity[t] for t in found if t in themes) for found in held]

    @cached_property
    def _popular(self) -> list[str]:
        return self.catalog.index.most_popular(len(self.catalog.index))

    def _pool(self, context: _Context) -> list[Candidate]:
        import numpy as np

        query, size = context.query, self.weights.pool
        searches = [v for v in (query.vector, query.like_vector, context.profile_vector) if v is not None]
        seed_centroid = centroid(
            [(context.seed_vectors[i], w) for i, w in context.seeds.items() if i in context.seed_vectors]
        )
        if seed_centroid is not None:
            searches.append(seed_centroid)
        found: dict[str, Candidate] = {}
        if searches:
            for row in self.catalog.search(np.stack(searches), size + len(context.excluded), query.where):
                for candidate in row:
                    found.setdefault(candidate.item.id, candidate)
        extra = top_keys({i: s for i, (s, _) in context.together.items()}, size)
        extra += top_keys(context.lexical, size)
        extra += top_keys(context.seed_text, size)
        extra += self._popular_in(set(query.wanted_tags) | set(context.genres), size)
        if self.weights.popularity > 0:
            extra += self._popular[:size]
        missing = [i for i in dict.fromkeys(extra) if i not in found and i not in context.excluded]
        missing += self._allowed_extra(query.allowed, found, context.excluded)
        for candidate in self.catalog.fetch(missing, query.where):
            found.setdefault(candidate.item.id, candidate)
        avoided = set(query.avoided_tags)
        pool = [
            c
            for c in found.values()
            if c.item.id not in context.excluded and not avoided.intersection(c.item.tags) and self._meets(c, query)
        ]
        # In a fixed order, the better known first: items the scores cannot tell apart are then
        # ranked the same way every time. Chroma returns equal distances in the order of its
        # index graph, which a multi-threaded build makes differ from one import to the next.
        by_id = self.catalog.index.by_id
        return sorted(pool, key=lambda c: (-(e.popularity if (e := by_id.get(c.item.id)) else 0.0), c.item.id))

    def _allowed_extra(
        self, allowed: frozenset[str] | None, found: Mapping[str, Candidate], excluded: set[str]
    ) -> list[str]:
        """Items that meet the constraints but no search found: all of them when they are few,
        else the best known, so that a narrow request still has candidates to rank."""
        if allowed is None:
            return []
        if len(allowed) <= ALLOWED_FETCH:
            return [i for i in sorted(allowed) if i not in found and i not in excluded]
        return [i for i in self._popular if i in allowed and i not in found and i not in excluded][: self.weights.pool]

    def _meets(self, candidate: Candidate, query: Query) -> bool:
        if query.allowed is None:
            return True
        if candidate.item.id not in query.allowed:
            return False
        entry = self.catalog.index.by_id.get(candidate.item.id)
        checked = query.constraints if query.enforce else [c for c in query.constraints if c.negated]
        return entry is not None and all(meets_item(candidate.item, entry, c) for c in checked)

    def _popular_in(self, tags: set[str], n: int) -> list[str]:
        if not tags:
            return []
        by_id = self.catalog.index.by_id
        return list(islice((i for i in self._popular if tags.intersection(by_id[i].tags)), n))

    def _score_parts(self, context: _Context, pool: Sequence[Candidate], matrix: Vector) -> dict[str, Any]:
        import numpy as np

        w, query, snapshot = self.weights, context.query, context.snapshot
        zeros = np.zeros(len(pool), dtype=np.float32)
        request = matrix @ query.vector if query.vector is not None else zeros
        if query.like_vector is not None:
            request = np.maximum(request, matrix @ query.like_vector)
        parts: dict[str, Any] = {"request": w.request * request}
        parts["profile"] = w.profile * (
            matrix @ context.profile_vector if context.profile_vector is not None else zeros
        )
        seeds = [(v, context.seeds[i]) for i, v in context.seed_vectors.items()]
        parts["items"] = w.items * weighted_similarity(matrix, seeds)
        strongest = max(context.seeds.values(), default=0.0)
        # Scaled by the strongest seed, so an old, faded seed cannot dominate a new request.
        parts["together"] = (
            w.together * strongest * scaled([context.together.get(c.item.id, (0.0, ""))[0] for c in pool])
        )
        parts["lexical"] = w.lexical * scaled([context.lexical.get(c.item.id, 0.0) for c in pool], context.lexical)
        # Scaled within the pool: over the whole catalog the largest score is a seed's own text,
        # and seeds are never suggested.
        parts["seed_text"] = w.seed_text * scaled([context.seed_text.get(c.item.id, 0.0) for c in pool])
        entries = [self.catalog.index.by_id.get(c.item.id) for c in pool]
        parts["popularity"] = w.popularity * np.array(
            [self.signals.popularity(e, per_kind=w.popularity_per_kind) if e else 0.0 for e in entries],
            dtype=np.float32,
        )
        wanted = set(query.wanted_tags)
        parts["tags"] = w.tags * np.array(
            [len(wanted.intersection(c.item.tags)) / len(wanted) if wanted else 0.0 for c in pool], dtype=np.float32
        )
        parts["genres"] = w.genres * scaled([sum(context.genres.get(t, 0.0) for t in c.item.tags) for c in pool])
        names = context.names
        parts["names"] = w.names * scaled(
            [sum(names.get(n, 0.0) for n in self.signals.names(e)) if e and names else 0.0 for e in entries]
        )
        parts["themes"] = w.themes * scaled(self._theme_scores(context.themes, pool))
        parts["fit"] = w.fit * np.array([fit_of(e, query.constraints) if e else 0.0 for e in entries], dtype=np.float32)
        negatives = [(v, weight) for _, v, weight in query.avoid_vectors]
        negatives += [(e.entry.vector, e.weight) for e in snapshot.dislikes]
        recent = list(snapshot.disliked_items)[:MAX_DISLIKED_NEIGHBOURS]  # the most recent first
        negatives += [(v, 1.0) for v in self.catalog.vectors(recent).values()]
        parts["avoid"] = -w.avoid * max_similarity(matrix, negatives)
        if context.background_vector is not None:
            parts["background"] = self._background(context.background_vector, matrix, parts)
        return parts

    def _background(self, direction: Vector, matrix: Vector, parts: Mapping[str, Any]) -> Vector:
        """Closeness to what was liked before, counted in proportion to how well each candidate
        meets the request (1 for the best fit in the pool, 0 for the worst): it orders the good
        fits, and cannot lift a poor one over them."""
        import numpy as np

        request = np.sum(list(parts.values()), axis=0)
        fit = scaled(request - float(request.min()))
        closeness: Vector = np.clip(matrix @ direction, 0.0, None)
        return self.weights.background * fit * closeness

    def _evidence(
        self,
        row: int,
        candidate: Candidate,
        context: _Context,
        matrix: Vector,
        parts: Mapping[str, Any],
        spoken: set[str],
    ) -> Evidence:
        vector, snapshot = matrix[row], context.snapshot
        words = [e for e in snapshot.likes if e.here and e.entry.utterance.feedback is None]
        said = sorted(
            ((float(e.entry.vector @ vector), e) for e in words),
            key=lambda pair: -pair[0] * pair[1].weight,
        )
        utterances = tuple(
            MatchedUtterance(e.entry.utterance.text, round(e.weight, 3), round(sim, 3))
            for sim, e in said[:2]
            if sim > 0.1
        )
        item = candidate.item
        fields = [f"tags: {tag}" for tag in item.tags if tag in context.query.wanted_tags]
        matched = [w for w in dict.fromkeys(content_words(f"{item.title} {item.description}")) if stem(w) in spoken]
        if matched:
            fields.append(f"description: {', '.join(matched[:5])}")
        source = context.together.get(item.id, (0.0, ""))[1]
        related = (self.catalog.index.by_id[source].title,) if source in self.catalog.index.by_id else ()
        return Evidence(
            utterances=utterances,
            fields=tuple(fields),
            related_titles=related,
            score_parts={name: round(float(values[row]), 4) for name, values in parts.items()},
            constraints=labels_met(item, self.catalog.index.by_id.get(item.id), context.query.constraints),
        )
