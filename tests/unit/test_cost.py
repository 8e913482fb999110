"""The cost benchmark's arithmetic (bench/cost.py) and the meter's item sizes (devstack/meter.py):
request units from item sizes, transactions doubled, GSIs, shares, what is left out."""

from __future__ import annotations

import pytest

from bench.cost import (
    LAMBDA_SAMPLING,
    PRICES,
    Sampling,
    count,
    dollars,
    excluded,
    gb_seconds,
    memory_of,
    read_units,
    recorded,
    recorded_traces,
    sample,
    schedule_firings_a_day,
    shares,
    sqs_requests,
    transitions,
    write_units,
)
from devstack.meter import item_size


def test_item_size_counts_names_and_values_in_bytes() -> None:
    assert item_size({"pk": {"S": "C#1"}}) == 2 + 3
    assert item_size({"नाम": {"S": "राम"}}) == 9 + 9  # UTF-8 bytes, not characters
    assert item_size({"n": {"N": "12345"}}) == 1 + 4  # about a byte per two digits, plus one
    assert item_size({"b": {"BOOL": True}, "z": {"NULL": True}}) == 4
    assert item_size({"m": {"M": {"a": {"S": "xy"}}}}) == 1 + 3 + 1 + 1 + 2
    assert item_size({"l": {"L": [{"S": "ab"}, {"S": "c"}]}}) == 1 + 3 + (1 + 2) + (1 + 1)


def test_a_write_is_one_unit_per_started_kilobyte_of_the_larger_image() -> None:
    assert write_units({"before": None, "after": 100}) == 1
    assert write_units({"before": None, "after": 1024}) == 1
    assert write_units({"before": None, "after": 1025}) == 2
    assert write_units({"before": 3000, "after": 500}) == 3  # the item before was larger
    assert write_units({"before": None, "after": None}) == 1  # deleting nothing still costs a unit


def test_a_transaction_doubles_the_table_write() -> None:
    assert write_units({"before": None, "after": 1500}, transaction=True) == 4
    assert write_units({"before": None, "after": 1500}, transaction=False) == 2


def test_each_changed_index_entry_is_written_too() -> None:
    new = {"before": None, "after": 900, "gsi": {"inbox": [None, 900, False, True], "due": [None, 80, False, True]}}
    assert write_units(new) == 3
    # An index whose projection of the item did not change is not written.
    same = {"before": 900, "after": 900, "gsi": {"due": [80, 80, True, False]}}
    assert write_units(same) == 1
    # A changed index key is a delete of the old entry and a put of the new one.
    moved = {"before": 900, "after": 900, "gsi": {"inbox": [900, 2000, False, True]}}
    assert write_units(moved) == 1 + 1 + 2
    # Same key, other projected attributes changed: one write at the larger size.
    updated = {"before": 900, "after": 900, "gsi": {"inbox": [900, 1100, True, True]}}
    assert write_units(updated) == 1 + 2


def test_reads_are_four_kilobyte_units_halved_when_eventually_consistent() -> None:
    assert read_units({"sizes": [100], "consistent": True}) == 1
    assert read_units({"sizes": [100], "consistent": False}) == 0.5
    assert read_units({"sizes": [4097], "consistent": True}) == 2
    assert read_units({"sizes": [0], "consistent": False}) == 0.5  # a miss still costs
    assert read_units({"sizes": [100], "transaction": True}) == 2
    # A get of several items rounds each; a query rounds its page's total once.
    assert read_units({"sizes": [100, 100, 100], "consistent": True}) == 3
    assert read_units({"sizes": [100, 100, 100], "consistent": True, "paged": True}) == 1
    assert read_units({"sizes": [], "consistent": False, "paged": True}) == 0.5


def test_a_query_pays_for_the_items_its_filter_dropped() -> None:
    read = {"sizes": [3000], "count": 1, "scanned": 3, "consistent": True, "paged": True}
    assert read_units(read) == 3  # 9000 bytes read, not 3000


def test_sqs_payload_chunks_and_lambda_gb_seconds() -> None:
    assert sqs_requests(10) == 1
    assert sqs_requests(64 * 1024) == 1
    assert sqs_requests(64 * 1024 + 1) == 2
    assert gb_seconds(100.2, 128) == pytest.approx(0.101 * 0.125)
    assert gb_seconds(1000, 1024) == 1.0


def test_memory_comes_from_the_chalice_config_as_chalice_resolves_it() -> None:
    config = {
        "lambda_memory_size": 256,
        "lambda_functions": {"digest": {"lambda_memory_size": 512}},
        "stages": {"prod": {"lambda_functions": {"digest": {"lambda_memory_size": 1024}}}},
    }
    assert memory_of(config, "api_handler") == 256
    assert memory_of(config, "digest") == 1024
    assert memory_of(config, "digest", stage="local") == 512
    assert memory_of({}, "api_handler") == 128  # Chalice's default


def test_transitions_are_the_states_entered() -> None:
    events = [
        {"type": "ExecutionStarted"},
        {"type": "WaitStateEntered"},
        {"type": "WaitStateExited"},
        {"type": "ChoiceStateEntered"},
        {"type": "TaskStateEntered"},
        {"type": "TaskSucceeded"},
        {"type": "SucceedStateEntered"},
        {"type": "ExecutionSucceeded"},
    ]
    assert transitions(events) == 4


def test_shares_add_the_rows_of_a_service_and_sum_to_one() -> None:
    cost = {row: 0.0 for row in PRICES}
    cost.update({"DynamoDB writes": 3.0, "DynamoDB reads": 1.0, "X-Ray": 4.0})
    got = shares(cost)
    assert got["DynamoDB"] == 0.5
    assert got["X-Ray"] == 0.5
    assert sum(got.values()) == pytest.approx(1.0)
    assert shares({row: 0.0 for row in PRICES})["Lambda"] == 0.0


def test_dollars_are_units_times_the_listed_price() -> None:
    got = dollars({"Step Functions": 1000, "API Gateway": 1e6})
    assert got["Step Functions"] == pytest.approx(0.025)
    assert got["API Gateway"] == pytest.approx(3.50)
    assert got["SQS"] == 0.0


def test_local_only_requests_are_left_out() -> None:
    assert excluded({"who": "api GET /dev/clock"})
    assert not excluded({"who": "api GET /v1/complaints/X"})
    assert excluded({"who": "on_notify_job", "pks": ["DEVPHONE"]})  # the emulated phone's rows
    assert not excluded({"who": "on_notify_job", "pks": ["C#1"]})


def test_count_bills_an_api_request_and_what_it_did() -> None:
    records = [
        {"t": 1, "kind": "aws", "who": "setup", "svc": "dynamodb", "op": "PutItem", "writes": [{"after": 10}]},
        {"t": 5, "kind": "aws", "who": "api POST /v1/complaints", "svc": "dynamodb", "op": "TransactWriteItems",
         "transaction": True, "writes": [{"before": None, "after": 1500}, {"before": None, "after": 100}]},
        {"t": 5, "kind": "aws", "who": "api POST /v1/complaints", "svc": "sqs", "op": "SendMessage", "bytes": 300},
        {"t": 5, "kind": "aws", "who": "queue:on_notify_job", "svc": "sqs", "op": "ReceiveMessage", "messages": 0},
        {"t": 6, "kind": "invoke", "who": "api POST /v1/complaints", "src": "api", "ms": 99.5, "log_bytes": 650},
        {"t": 7, "kind": "invoke", "who": "api GET /dev/clock", "src": "api", "ms": 5},
        {"t": 8, "kind": "invoke", "who": "on_notify_job", "src": "queue", "ms": 10},
    ]  # fmt: skip
    bill = count(records, {}, since=2)
    assert bill.units["DynamoDB writes"] == 4 + 2  # the setup write came before the month
    assert bill.units["SQS"] == 1  # an empty receive is the poller's, not the complaint's
    assert bill.units["API Gateway"] == 1  # /dev/ is the local stack's own
    assert bill.units["Lambda requests"] == 2
    assert bill.units["X-Ray"] == 1  # the queue handler continues the API request's trace
    assert bill.units["Lambda compute"] == pytest.approx((0.100 + 0.010) * 0.125)
    assert bill.units["CloudWatch Logs"] == pytest.approx((650 + 350 + 0 + 350) / 1e9)


def test_a_sampling_rule_records_all_up_to_its_reservoir_then_its_rate_of_the_rest() -> None:
    rule = Sampling(reservoir=1, rate=0.05)
    assert recorded(50_000, rule) == 50_000  # under one a second: every trace
    assert recorded(86_400, rule) == 86_400
    assert recorded(186_400, rule) == pytest.approx(86_400 + 0.05 * 100_000)
    assert recorded(1_000_000, Sampling(2, 0.1)) == pytest.approx(172_800 + 0.1 * 827_200)
    assert recorded(1_000_000, Sampling(0, 1.0)) == 1_000_000  # no reservoir, rate 1: all
    assert recorded(1_000_000, Sampling(0, 0.0)) == 0


def test_traces_are_sampled_per_pool_at_the_stated_daily_volume() -> None:
    # 10 complaints made 100 API traces and 20 of one stream function: at 20,000 complaints a day
    # that is 200,000 API traces a day (over the reservoir) and 40,000 of the function (under it).
    stage = Sampling(1, 0.05)
    got = recorded_traces({"api": 100, "lambda:on_complaint_change": 20}, 10, 20_000, stage)
    api_day = 86_400 + 0.05 * (200_000 - 86_400)
    assert got == pytest.approx(api_day / 20_000 * 10 + 20)
    # a stream function has Lambda's own rule, whatever the stage's
    assert recorded_traces({"lambda:f": 100}, 10, 20_000, Sampling(0, 0.0)) == pytest.approx(
        recorded(200_000, LAMBDA_SAMPLING) / 20_000 * 10
    )
    # each function has a reservoir of its own: two pools record more than one of both
    two = recorded_traces({"lambda:a": 50, "lambda:b": 50}, 10, 20_000, stage)
    assert two > recorded_traces({"lambda:a": 100}, 10, 20_000, stage)


def test_the_bill_keeps_every_trace_until_sampled_and_all_traced_keeps_them() -> None:
    records = [
        {"t": 1, "kind": "invoke", "who": "api POST /v1/complaints", "src": "api", "ms": 10},
        {"t": 2, "kind": "invoke", "who": "on_complaint_change", "src": "stream", "ms": 10},
        {"t": 3, "kind": "invoke", "who": "daily_digest", "src": "schedule", "ms": 10},
        {"t": 4, "kind": "invoke", "who": "on_notify_job", "src": "queue", "ms": 10},
    ]
    bill = count(records, {})
    assert bill.units["X-Ray"] == 3
    assert bill.traces == {"api": 1, "lambda:on_complaint_change": 1, "lambda:daily_digest": 1}
    sample(bill, 1, 20_000, None)
    assert bill.units["X-Ray"] == 3  # --all-traced
    sampled = count(records * 10, {})
    sample(sampled, 1, 20_000, Sampling(1, 0.05))  # 200,000 of each a day
    assert sampled.units["X-Ray"] == pytest.approx(3 * recorded(200_000, Sampling(1, 0.05)) / 20_000)
    assert sampled.units["X-Ray"] < 30


def test_a_schedule_makes_its_firings_a_day_whatever_the_complaints() -> None:
    got = schedule_firings_a_day(
        {
            "q": "rate(15 minutes)",
            "day": "cron(0 20 * * ? *)",
            "week": "cron(30 2 ? * MON *)",
            "hours": "cron(0/15 1-17 * * ? *)",
        }
    )
    assert got == {"q": 96, "day": 1, "week": pytest.approx(1 / 7), "hours": 68}
    # 100 firings in a month of 10 complaints: at 20,000 complaints a day it is 68 traces a day, all recorded
    stage = Sampling(1, 0.05)
    assert recorded_traces({"lambda:hours": 100}, 10, 20_000, stage, got) == pytest.approx(68 / 20_000 * 10)
    # a stream function's traces still grow with the complaints
    assert recorded_traces({"lambda:f": 100}, 10, 20_000, stage, got) == pytest.approx(
        recorded(200_000, LAMBDA_SAMPLING) / 20_000 * 10
    )
