"""The local event pump reads the complaints stream as the deployed mapping does
(infra/stage.py): in batches of the handler's size, in order, a failing batch retried and
split in halves, so the records before a failing one go through while it holds its shard."""

from __future__ import annotations

from typing import Any

from devstack.pump import _Stream
from tests.integration.helpers import FORM, body, citizen_token, post


def test_a_failing_batch_is_split_until_the_records_before_the_failing_one_are_handled(
    app_client: Any, pump: Any, mobile: str
) -> None:
    token = citizen_token(app_client, mobile)
    pump.drain()
    real = next(s for s in pump.streams if s.name == "on_complaint_change")
    refs = [
        body(post(app_client, "/v1/complaints", {**FORM, "subject": f"खसरा नकल {n} नहीं मिली"}, token))["reference"]
        for n in range(4)
    ]
    poison = f"C#{refs[2]}"
    handled: list[str] = []

    def handler(event: dict[str, Any], context: Any) -> None:
        keys = [r["dynamodb"]["Keys"]["pk"]["S"] for r in event["Records"]]
        if poison in keys:
            raise RuntimeError("a record this handler cannot take")
        handled.extend(keys)

    probe = _Stream("probe", handler, real.arn, batch=real.batch, positions=dict(real.positions))
    try:
        for _ in range(12):
            pump.poll_stream(probe)
    finally:  # the probe's failures are this test's, not a fault later tests should see
        pump.errors[:] = [e for e in pump.errors if not e.startswith("probe:")]
    ours = [k for k in handled if k in {f"C#{r}" for r in refs}]
    assert set(ours) == {f"C#{refs[0]}", f"C#{refs[1]}"}  # all before the failing one, none after
    assert set(probe.bisect.values()) == {1}  # down to the failing record alone, which holds its shard
    assert real.batch == 50  # the handler's own batch size, as its mapping has it
