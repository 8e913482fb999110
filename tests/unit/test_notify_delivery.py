"""Delivery at its edges, on the fakes: a claim held by another attempt, a crash after the
provider accepted, a ledger that cannot be written; and when the queue brings a job back."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from chalicelib.events.notifier import retry_delay
from chalicelib.services.intake import file_complaint
from chalicelib.services.notify import NotDelivered, deliver
from chalicelib.settings import NOTIFY_LEASE_SECONDS, NOTIFY_VISIBILITY_SECONDS
from tests.fakes.outside import Crash
from tests.fakes.world import World
from tests.unit.test_desk_services import CITIZEN_ME, FORM, MOBILE

L1 = "REVENUE:L1:SEHORE-BUDHNI"
LEASE = timedelta(seconds=NOTIFY_LEASE_SECONDS)


@pytest.fixture
def w() -> World:
    world = World()
    world.post_officer(L1)
    return world


def holders(w: World) -> list[str]:
    officers = [w.directory.officer(h.officer_id) for h in w.directory.current_holders(L1)]
    return [o.mobile for o in officers if o is not None]


def jobs(w: World) -> dict[tuple[str, str], dict[str, Any]]:
    """The registration's jobs by (template, channel)."""
    file_complaint(CITIZEN_ME, FORM, None, w.desk())
    return {(j["template"], j["channel"]): j for j in w.react_all()}


def test_a_job_whose_claim_another_attempt_holds_comes_back_after_the_lease_and_is_sent_if_that_attempt_died(
    w: World,
) -> None:
    citizen = jobs(w)[("citizen_registered", "sms")]
    # An attempt claimed the citizen's SMS and died before sending it.
    held = w.ledger.claim(citizen["job"], MOBILE, "sms", w.clock.wall())
    w.clock.advance(seconds=30)  # the message is delivered again, the lease still running
    with pytest.raises(NotDelivered) as again:
        deliver(citizen, w.notifier())
    assert (again.value.leased_until, again.value.failures) == (held.until, [])
    assert w.sms.to(MOBILE) == []
    w.clock.advance(seconds=NOTIFY_LEASE_SECONDS)  # it comes back once the lease has run out
    assert deliver(citizen, w.notifier()) == 1
    assert len(w.sms.to(MOBILE)) == 1
    assert deliver(citizen, w.notifier()) == 0  # and never again
    [row] = w.ledger.attempts(citizen["job"])
    assert (row["status"], row["attempts"]) == ("sent", 2)


def test_a_crash_after_the_provider_accepted_repeats_that_one_message_once_and_no_other(w: World) -> None:
    w.post_officer(L1, "sdm.incharge", charge="additional")
    officer_sms = jobs(w)[("officer_new", "sms")]
    first, second = holders(w)  # in the order the notifier serves them
    w.sms.crash_after_accepting = True
    with pytest.raises(Crash):  # the first holder's SMS went out, the ledger was never told
        deliver(officer_sms, w.notifier())
    assert (len(w.sms.to(first)), len(w.sms.to(second))) == (1, 0)
    # The queue brings the message back after its visibility timeout, longer than the lease.
    w.clock.advance(seconds=NOTIFY_LEASE_SECONDS + 1)
    assert deliver(officer_sms, w.notifier()) == 2
    assert (len(w.sms.to(first)), len(w.sms.to(second))) == (2, 1)  # the one repeat, to the one recipient
    w.clock.advance(days=1)
    assert deliver(officer_sms, w.notifier()) == 0
    assert (len(w.sms.to(first)), len(w.sms.to(second))) == (2, 1)
    attempts = {r["to"]: (r["status"], r["attempts"]) for r in w.ledger.attempts(officer_sms["job"])}
    assert attempts == {first: ("sent", 2), second: ("sent", 1)}


def test_a_sent_message_the_ledger_is_slow_to_record_is_recorded_and_not_sent_again(w: World) -> None:
    citizen = jobs(w)[("citizen_registered", "sms")]
    w.ledger.refuse["finish"] = 2  # the table throttles twice, then takes the write
    assert deliver(citizen, w.notifier()) == 1
    assert w.ledger.attempts(citizen["job"])[0]["status"] == "sent"
    w.clock.advance(days=1)
    assert deliver(citizen, w.notifier()) == 0 and len(w.sms.to(MOBILE)) == 1


def test_a_sent_message_the_ledger_never_records_still_counts_as_delivered(w: World) -> None:
    """The provider has it: the job is not made to come back (it would be sent again)."""
    citizen = jobs(w)[("citizen_registered", "sms")]
    w.ledger.refuse["finish"] = 1_000
    assert deliver(citizen, w.notifier()) == 1
    assert len(w.sms.to(MOBILE)) == 1
    assert w.ledger.attempts(citizen["job"])[0]["status"] == "sending"


def test_a_claim_the_ledger_cannot_answer_sends_nothing_serves_the_others_and_is_retried(w: World) -> None:
    w.post_officer(L1, "sdm.incharge", charge="additional")
    officer_sms = jobs(w)[("officer_new", "sms")]
    w.ledger.refuse["claim"] = 1  # the first recipient's claim fails, the second's goes through
    with pytest.raises(NotDelivered) as failed:
        deliver(officer_sms, w.notifier())
    assert len(failed.value.failures) == 1 and failed.value.leased_until is None
    first, second = holders(w)
    assert (len(w.sms.to(first)), len(w.sms.to(second))) == (0, 1)
    assert deliver(officer_sms, w.notifier()) == 1
    assert (len(w.sms.to(first)), len(w.sms.to(second))) == (1, 1)


def test_a_failure_the_ledger_cannot_record_comes_back_once_the_claim_has_run_out(w: World) -> None:
    citizen = jobs(w)[("citizen_registered", "sms")]
    w.sms.down, w.ledger.refuse["fail"] = True, 1
    with pytest.raises(NotDelivered):
        deliver(citizen, w.notifier())
    w.sms.down = False
    w.clock.advance(seconds=10)  # back after a short backoff: the dead claim still runs
    with pytest.raises(NotDelivered) as leased:
        deliver(citizen, w.notifier())
    assert leased.value.leased_until is not None
    w.clock.set(leased.value.leased_until + timedelta(seconds=1))
    assert deliver(citizen, w.notifier()) == 1 and len(w.sms.to(MOBILE)) == 1


# ---- when the queue brings a job back ------------------------------------------------------------

NOW = datetime.fromisoformat("2026-11-23T05:00:00+00:00")


def received(times: int) -> dict[str, Any]:
    return {"messageId": "m", "attributes": {"ApproximateReceiveCount": str(times)}}


def test_a_failed_job_backs_off_exponentially_up_to_fifteen_minutes(monkeypatch: pytest.MonkeyPatch) -> None:
    from chalicelib.settings import get_settings

    monkeypatch.setenv("NOTIFY_BACKOFF_SECONDS", "10")
    get_settings.cache_clear()
    try:
        assert [retry_delay(received(n), True, None, NOW) for n in (1, 2, 3, 9)] == [10, 20, 40, 900]
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()


def test_a_leased_job_comes_back_only_once_the_lease_has_run_out() -> None:
    until = NOW + timedelta(seconds=95.5)
    assert retry_delay(received(1), False, until, NOW) == 97
    assert retry_delay(received(1), False, until, until) == 1
    # Failed for one recipient, leased for another: not before the lease, whatever the backoff.
    assert retry_delay(received(1), True, until, NOW) >= 97
    assert retry_delay(received(1), False, NOW + LEASE, NOW) < NOTIFY_VISIBILITY_SECONDS  # the queue's is later


def test_the_local_pump_deletes_what_lambda_deletes_with_batch_item_failures() -> None:
    from devstack.pump import lambda_deletes

    msgs = [{"MessageId": i} for i in ("a", "b", "c")]
    assert lambda_deletes(msgs, None) == msgs  # a handler that returns nothing processed all
    assert lambda_deletes(msgs, {"batchItemFailures": []}) == msgs
    assert lambda_deletes(msgs, {"batchItemFailures": [{"itemIdentifier": "b"}]}) == [msgs[0], msgs[2]]
    assert lambda_deletes(msgs, {"batchItemFailures": [{"itemIdentifier": "x"}]}) == []  # unknown id: all back
    assert lambda_deletes(msgs, {"batchItemFailures": [{"itemIdentifier": ""}]}) == []
