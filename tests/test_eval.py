"""`recchat eval`: metrics on hand-made rankings with known answers, and the harness end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA, MINI_CATALOG
from recchat.errors import InvalidCatalogError
from recchat.eval.cases import read_cases
from recchat.eval.harness import evaluate
from recchat.eval.metrics import ndcg_at, percentile, recall_at, reciprocal_rank, score_case
from recchat.factory import Runtime

CASES = DATA / "mini_cases.jsonl"


def test_recall_counts_each_target() -> None:
    ranked = ["a", "b", "c", "d"]
    assert recall_at(ranked, ["c"], 2) == 0.0
    assert recall_at(ranked, ["c"], 3) == 1.0
    assert recall_at(ranked, ["a", "z"], 10) == 0.5


def test_ndcg_and_mrr_reward_early_hits() -> None:
    assert ndcg_at(["t", "x"], ["t"], 10) == 1.0
    assert ndcg_at(["x", "t"], ["t"], 10) == pytest.approx(1 / 1.5849625, rel=1e-6)
    assert ndcg_at(["x", "y"], ["t"], 10) == 0.0
    assert reciprocal_rank(["x", "y", "t"], ["t"]) == pytest.approx(1 / 3)
    assert reciprocal_rank(["x"], ["t"]) == 0.0


def test_case_score_counts_repeats_and_items_outside_the_catalog() -> None:
    score = score_case(["a", "ghost", "seen"], ["a"], frozenset({"seen"}), {"a", "seen"}, [1, 10])
    assert score.recall == {1: 1.0, 10: 1.0}
    assert (score.out_of_catalog, score.repeats, score.suggested) == (1, 1, 3)


def test_percentile_is_nearest_rank() -> None:
    assert percentile([5.0, 1.0, 3.0, 2.0, 4.0], 0.5) == 3.0
    assert percentile(list(range(1, 101)), 0.95) == 95
    assert percentile([], 0.5) == 0.0


def test_bad_cases_file_names_each_bad_line(tmp_path: Path) -> None:
    bad = tmp_path / "cases.jsonl"
    bad.write_text(
        json.dumps({"id": "ok", "context": [{"role": "user", "text": "x"}], "targets": ["a"], "exclude": []})
        + "\n"
        + json.dumps({"id": "no-targets", "context": [{"role": "user", "text": "x"}], "targets": []})
        + "\n"
        + json.dumps({"id": "ends-with-assistant", "context": [{"role": "assistant", "text": "x"}], "targets": ["a"]})
        + "\n"
    )
    with pytest.raises(InvalidCatalogError) as caught:
        read_cases(bad)
    message = str(caught.value)
    assert f"{bad}:2:" in message and "targets" in message
    assert f"{bad}:3:" in message and "last turn" in message


def test_harness_replays_conversations_through_the_session(loaded: Runtime) -> None:
    cases = read_cases(CASES)
    result = evaluate(loaded, "mini", cases, ks=(1, 10, 50))
    assert result["cases"] == 3
    assert result["out_of_catalog_rate"] == 0.0
    assert result["repeat_rate"] == 0.0  # Interstellar, Knives Out and The Mask were all understood
    assert result["recall@50"] == 1.0  # the whole mini catalog fits in 50
    assert 0.0 < result["recall@10"] <= 1.0
    assert {"ndcg@10", "mrr", "coverage", "intra_list_diversity", "latency_p50_ms", "latency_p95_ms"} <= result.keys()


def test_harness_never_touches_the_users_profile(loaded: Runtime) -> None:
    loaded.session(catalog="mini").handle("I love board games for big groups")
    before = [e.utterance for e in loaded.profile().entries]
    evaluate(loaded, "mini", read_cases(CASES), ks=(10,))
    assert [e.utterance for e in loaded.profile().entries] == before
    assert loaded.store.profiles() == ["default"]


@pytest.mark.parametrize("method", ["popularity", "dense", "bm25", "bm25+items+popularity"])
def test_baselines_run_through_the_same_harness(loaded: Runtime, method: str) -> None:
    result = evaluate(loaded, "mini", read_cases(CASES), method=method, ks=(10,))
    assert result["method"] == method and result["cases"] == 3
    assert result["out_of_catalog_rate"] == 0.0 and result["repeat_rate"] == 0.0


def test_popularity_baseline_ranks_by_popularity(loaded: Runtime) -> None:
    case = read_cases(CASES)[2]  # The Mask is excluded; the most popular other items come first
    result = evaluate(loaded, "mini", [case], method="popularity", ks=(1,))
    assert result["recall@1"] == 0.0  # Groundhog Day (popularity 58) is not the most popular


def test_explain_reports_fallbacks(loaded: Runtime) -> None:
    result = evaluate(loaded, "mini", read_cases(CASES)[:1], ks=(10,), explain=True)
    assert result["explanations"] == 5
    assert 0 <= result["template_fallbacks"] <= 5


def test_cli_prints_one_json_object(fake_cli) -> None:  # type: ignore[no-untyped-def]
    added = fake_cli("catalog", "add", str(MINI_CATALOG), "--name", "mini")
    assert added.returncode == 0
    result = fake_cli("eval", "--catalog", "mini", "--cases", str(CASES), "--json", "--k", "1,10")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["cases"] == 3 and "recall@1" in summary and "recall@10" in summary
