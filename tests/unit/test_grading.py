"""District grading (domain/grading.py): weights as data, rank table, month-on-month change."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.grading import (
    DEFAULT_WEIGHTS,
    Grade,
    check_weights,
    describe,
    indian,
    rank,
    score,
    with_change,
)


def test_largest_default_weight_is_satisfactory_disposal_in_time() -> None:
    assert max(DEFAULT_WEIGHTS, key=DEFAULT_WEIGHTS.__getitem__) == "satisfied_in_time"
    assert abs(sum(DEFAULT_WEIGHTS.values()) - 1) < 1e-9


def test_score_weights_each_share_of_received_complaints() -> None:
    counts = {"received": 100, "satisfied_in_time": 60, "disposed_in_time": 80, "disposed": 90}
    assert score(counts) == round(100 * (0.5 * 0.6 + 0.3 * 0.8 + 0.2 * 0.9), 2)
    assert score({"received": 10, "disposed": 25}) == 20.0  # a share never exceeds 1 (old backlog disposed)
    assert score({"received": 0, "disposed": 5}) is None


def test_weights_are_data_and_checked() -> None:
    counts = {"received": 10, "disposed": 10, "satisfied_in_time": 0}
    assert score(counts, {"disposed": 1.0}) == 100.0
    with pytest.raises(InvalidInput):
        check_weights({"disposed": 0.5})
    with pytest.raises(InvalidInput):
        check_weights({"pending": 1.0})


def test_rank_table_best_first_ties_to_the_larger_district_ungraded_last() -> None:
    rows = {
        "SEHORE": {"received": 10, "disposed": 10},
        "CHHINDWARA": {"received": 20, "disposed": 20},
        "BHOPAL": {"received": 10, "disposed": 5},
        "HARDA": {},
    }
    table = rank(rows, {"disposed": 1.0})
    assert [(g.district, g.rank) for g in table] == [("CHHINDWARA", 1), ("SEHORE", 2), ("BHOPAL", 3), ("HARDA", None)]


def test_month_on_month_change_in_points_and_places() -> None:
    now = [Grade("A", 10, 80.0, 1), Grade("B", 10, 70.0, 2), Grade("C", 5, 60.0, 3)]
    before = [Grade("B", 9, 75.5, 1), Grade("A", 9, 70.0, 2)]
    out = {g.district: g for g in with_change(now, before)}
    assert (out["A"].score_change, out["A"].rank_change) == (10.0, 1)
    assert (out["B"].score_change, out["B"].rank_change) == (-5.5, -1)
    assert out["C"].score_change is None and out["C"].rank_change is None


def test_described_as_the_state_reads_its_ranking_in_indian_numbers() -> None:
    g = Grade("CHHINDWARA", 4728, 80.07, 1)
    assert describe(g, "Chhindwara", "en") == "Chhindwara 80.07 % of 4,728 — first"
    assert describe(Grade("SEHORE", 123456, 79.69, 2), "सीहोर") == "सीहोर 79.69 % (1,23,456 शिकायतें) — द्वितीय"
    assert indian(1234567) == "12,34,567" and indian(999) == "999"
    assert describe(Grade("X", 1, 1.0, 23), "X", "en").endswith("23rd")
