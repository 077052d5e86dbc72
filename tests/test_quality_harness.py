"""The quality harness on tiny fixtures written for these tests (tests/fixtures/quality)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from bench.quality import EVALUATIONS, bcubed, main, shingle_prf, span_prf

FIXTURES = Path(__file__).with_name("fixtures") / "quality"


def test_bcubed_on_known_clusterings():
    gold = ["a", "a", "b", "b"]
    assert bcubed(gold, [1, 1, 2, 2]) == (1.0, 1.0, 1.0)
    p, r, f = bcubed(gold, [1, 1, 1, 1])  # one big cluster: perfect recall, half precision
    assert (p, r) == (0.5, 1.0) and math.isclose(f, 2 / 3)
    p, r, _ = bcubed(gold, [1, 2, 3, 4])  # singletons: perfect precision, half recall
    assert (p, r) == (1.0, 0.5)


def test_span_scores_give_partial_overlap_credit():
    p_sum, r_sum, n_pred, n_gold = span_prf([(0, 10)], [(5, 15)])
    assert (p_sum, r_sum, n_pred, n_gold) == (0.5, 0.5, 1, 1)
    assert span_prf([], [(0, 4)])[:2] == (0, 0)


def test_shingle_metric_of_the_extraction_benchmark():
    gold = "one two three four five six"
    assert shingle_prf(gold, gold) == (1.0, 1.0)
    precision, recall = shingle_prf(gold + " seven eight nine ten", gold)
    assert recall == 1.0 and precision == 3 / 7
    assert shingle_prf("", gold) == (0.0, 0.0)


def test_every_evaluation_runs_on_the_fixtures_and_prints_one_table(tmp_path, capsys):
    out = tmp_path / "q.json"
    assert main(["--data", str(FIXTURES), "--json", str(out)]) == 0
    table = capsys.readouterr().out
    for name in EVALUATIONS:
        assert name in table
    results = {r["dataset"]: r for r in json.loads(out.read_text())}
    assert set(results) == set(EVALUATIONS)
    for r in results.values():
        assert r["items"] > 0 and r["rows"]
    clusters = {row["metric"]: row for row in results["ecbplus_story_clusters"]["rows"]}
    # the fixture's two events of one kind (two earthquakes) are told apart
    assert any(m.startswith("all ") and "B3 F1" in m and row["newsverdict"] > 0.8 for m, row in clusters.items())
    summaries = {row["metric"]: row for row in results["frank_cnndm_xsum_summaries"]["rows"]}
    assert "lead_3" in summaries["cnndm rouge1"]["baselines"] and "textrank" in summaries["cnndm rouge1"]["baselines"]
    claims = results["claim_strength_yu"]["rows"][0]
    assert claims["newsverdict"] == pytest.approx(1.0)  # the four textbook sentences are classified right
    impact = {row["metric"]: row for row in results["impact_ratings"]["rows"]}
    # grouped cross-validation: refitted on the other folds, policy still lands above gossip
    assert impact["impact Spearman"]["newsverdict"] > 0.5
    assert impact["hype Spearman"]["newsverdict"] > 0.5
    assert "ridge_same_folds" in impact["impact Spearman"]["baselines"]
    assert "annotators" in impact["hype Spearman"]["baselines"]
    # the Welsh article is refused by the language check: counted and named, and the run goes on
    note = results["impact_ratings"]["note"]
    assert "1 refused" in note and "fixture:welsh" in note


def test_event_groups_keep_one_event_on_one_side():
    from bench.fit import event_groups, grouped_folds

    rows = [
        {"id": "ecbplus:3_1ecb", "text": "A fire broke out in the old mill."},
        {"id": "ecbplus:3_7ecbplus", "text": "Police arrested a man in the harbour."},
        {"id": "frank:a", "text": "Zorvania's parliament passed the Kelmar pension reform bill on Tuesday."},
        {"id": "frank:b", "text": "The Kelmar pension reform bill passed Zorvania's parliament on Tuesday."},
        {"id": "ptc:c", "text": "A cat was rescued from a tree by firefighters in a small town."},
    ]
    groups = event_groups(rows)
    assert groups[0] == groups[1]  # one ECB+ topic
    assert groups[2] == groups[3]  # the same event retold
    assert len({groups[0], groups[2], groups[4]}) == 3
    folds = grouped_folds(groups, 3)
    assert folds[0] == folds[1] and folds[2] == folds[3]
    assert len(set(folds.tolist())) == 3


def test_only_and_missing_data(tmp_path, capsys):
    assert main(["--data", str(FIXTURES), "--only", "claim_strength_yu"]) == 0
    assert "webis" not in capsys.readouterr().out
    assert main(["--data", str(FIXTURES), "--only", "nope"]) == 2
    assert main(["--data", str(tmp_path)]) == 2  # no data files at all
    assert main(["--data", str(tmp_path / "absent")]) == 2
