"""A card quotes only what the person said in this conversation: words said in another
conversation (another catalog, an old chat) stay out of the explanations, and of their checks."""

from __future__ import annotations

from recchat.factory import Runtime
from recchat.profile import MemoryProfileStore, Profile


def test_words_from_another_conversation_are_not_the_persons_words_here(loaded: Runtime) -> None:
    profile = Profile("p", MemoryProfileStore())
    earlier = loaded.session(catalog="mini", profile=profile)
    earlier.handle("something japanese and spooky", k=3, explain=False, always_recommend=True)
    now = loaded.session(catalog="mini", profile=profile)
    reply = now.handle("a funny movie", k=3, explain=False, always_recommend=True)
    asked = now._asked(now.snapshot(), reply.recommendations)
    assert "funny" in asked.words
    assert "japanese" not in asked.words and "spooky" not in asked.words
    again = earlier._asked(earlier.snapshot(), reply.recommendations)
    assert "japanese" in again.words  # the same profile, read from the earlier conversation


def test_each_suggestion_knows_which_wishes_it_meets(loaded: Runtime) -> None:
    session = loaded.session(catalog="mini", profile=Profile("p", MemoryProfileStore()))
    reply = session.handle("a board game for 9 players", k=4, explain=False, always_recommend=True)
    asked = session._asked(session.snapshot(), reply.recommendations)
    assert set(asked.verdicts) == {r.item.id for r in reply.recommendations}
    wishes = {c for c in asked.constraints if not c.negated}
    assert any(c.about == "number" for c in wishes), "no number wish was read: the test would prove nothing"
    for rec in reply.recommendations:
        verdict = asked.verdicts[rec.item.id]
        assert not set(verdict.met) & set(verdict.missed)
        assert set(verdict.met) | set(verdict.missed) == wishes
        players = rec.item.metadata.get("players")
        number = next(c for c in wishes if c.about == "number")
        if isinstance(players, str) and "-" in players:
            high = int(players.split("-")[1])
            assert (number in verdict.met) == (high >= 9), (rec.item.title, players)
