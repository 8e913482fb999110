"""What follows a change (reactions), delivery (notify), satisfaction callbacks, moving
deadlines and OTPs, as use cases on the in-memory fakes (no moto, no network)."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from chalicelib.adapters.workflow import lapse_input
from chalicelib.domain import history as h
from chalicelib.domain.actor import CITIZEN, LINK, Caller
from chalicelib.domain.calendar import IST, YearCalendar
from chalicelib.domain.callbacks import Callback
from chalicelib.domain.complaint import Complaint
from chalicelib.domain.directory import nodal_post
from chalicelib.domain.errors import InvalidInput, RateLimited, Unauthorized
from chalicelib.domain.escalation import next_step
from chalicelib.domain.speech import heard
from chalicelib.domain.tokens import LinkGrant, is_link_token, link_digest, verify
from chalicelib.services import actions, callbacks, deadlines, notify, officer_links, otp, reactions, tracking
from chalicelib.services.intake import file_complaint
from chalicelib.services.notify import deliver
from tests.fakes.world import BASE, SECRET, World, officer_id
from tests.unit.test_desk_services import CITIZEN_ME, FORM, MOBILE, RESOLVE, escalate

L1 = "REVENUE:L1:SEHORE-BUDHNI"


@pytest.fixture
def w() -> World:
    world = World()
    world.post_officer(L1)
    return world


def file(w: World, **over: Any) -> Complaint:
    return file_complaint(CITIZEN_ME, {**FORM, **over}, None, w.desk())[0]


def officer_mobile(w: World, post: str) -> str:
    [holder] = w.directory.current_holders(post)
    return officer_mobile_of(w, holder.officer_id)


def officer_mobile_of(w: World, officer: str) -> str:
    found = w.directory.officer(officer)
    assert found is not None
    return found.mobile


# ---- reactions and delivery --------------------------------------------------------------


def test_a_new_complaint_sms_the_citizen_and_sms_and_calls_the_l1_officer(w: World) -> None:
    c = file(w)
    jobs = w.react_all()
    assert sorted((j["template"], j["channel"]) for j in jobs) == [
        ("citizen_registered", "sms"),
        ("officer_new", "call"),
        ("officer_new", "sms"),
    ]
    assert w.deliver_all() == 3
    [to_citizen] = w.sms.to(MOBILE)
    assert c.reference in to_citizen and f"{BASE.removeprefix('https://')}/t/{c.reference}" in to_citizen
    mobile = officer_mobile(w, L1)
    [to_officer] = w.sms.to(mobile)
    assert c.reference in to_officer and f"{BASE.removeprefix('https://')}/o/" in to_officer
    [script] = w.voice.to(mobile)
    assert " ".join(c.reference) in heard(script) and c.subject in heard(script)
    assert w.timers.running(c.assignment_id)


def link_of(text: str) -> str:
    found = re.search(r"/o/(\S+)", text)
    assert found is not None, text
    return found.group(1)


def resolve_at(w: World, token: str, at: datetime) -> Caller:
    w.clock.set(at)
    return officer_links.resolve(token, w.officer_links())


def test_the_officers_link_is_a_short_random_token_kept_only_as_its_digest(w: World) -> None:
    c = file(w)
    jobs = w.react_all()
    [sms_job] = [j for j in jobs if j["template"] == "officer_new" and j["channel"] == "sms"]
    assert "link" not in sms_job["params"]  # no token waits in a queue
    w.deliver_all()
    token = link_of(w.sms.to(officer_mobile(w, L1))[0])
    assert len(token) == 16 and is_link_token(token)
    assert officer_links.resolve(token, w.officer_links()) == Caller(LINK, c.assignment_id, holder=officer_id(L1))
    [(digest, grant)] = w.link_store.grants.items()
    assert digest == link_digest(token) and token not in repr(w.link_store.grants)
    assert (grant.assignment_id, grant.post_id, grant.officer_id) == (c.assignment_id, L1, officer_id(L1))
    for wrong in (token[:-1] + ("A" if token[-1] != "A" else "B"), token[:15], token + "x", ""):
        with pytest.raises(Unauthorized):
            officer_links.resolve(wrong, w.officer_links())


def test_a_token_drawn_twice_is_never_issued_twice(w: World) -> None:
    grant = LinkGrant("1234567897-1", L1, officer_id(L1), w.clock.wall() + timedelta(days=1))
    draws = iter(["A" * 16, "A" * 16, "B" * 16])
    assert officer_links.issue(grant, w.link_store, lambda: next(draws)) == "A" * 16
    assert officer_links.issue(grant, w.link_store, lambda: next(draws)) == "B" * 16
    with pytest.raises(RuntimeError):
        officer_links.issue(grant, w.link_store, lambda: "A" * 16)


def test_each_holder_gets_a_link_of_their_own_which_stops_when_they_leave_the_post(w: World) -> None:
    incharge = w.post_officer(L1, "sdm.incharge", charge="additional")
    c = file(w)
    w.react_all()
    w.deliver_all()
    mine, theirs = link_of(w.sms.to(officer_mobile_of(w, officer_id(L1)))[0]), link_of(w.sms.to(incharge.mobile)[0])
    assert mine != theirs
    [posting] = [p for p in w.directory.current_holders(L1) if p.officer_id == incharge.officer_id]
    w.directory.end_posting(posting, w.clock.now().isoformat(), "transfer")
    with pytest.raises(Unauthorized) as refused:
        officer_links.resolve(theirs, w.officer_links())
    assert refused.value.en == officer_links.NOT_HOLDER[1]
    assert officer_links.resolve(mine, w.officer_links()).id == c.assignment_id


def test_the_officers_link_lasts_until_the_deadline_and_two_working_days_more(w: World) -> None:
    # Filed Monday 23 Nov 2026; Tuesday 24th is Guru Nanak's birthday. The seventh working day
    # after is Thursday 3 Dec (the deadline), two more are Friday 4 and Monday 7 Dec; seven
    # calendar days would have ended the link on Monday 30 Nov, before the deadline.
    c = file(w)
    assert datetime.fromisoformat(c.due_at) == datetime(2026, 12, 3, 23, 59, 59, tzinfo=IST)
    w.react_all()
    w.deliver_all()
    token = link_of(w.sms.to(officer_mobile(w, L1))[0])
    for still_valid in (datetime(2026, 11, 30, 23, 0, tzinfo=IST), datetime(2026, 12, 7, 23, 59, 58, tzinfo=IST)):
        assert resolve_at(w, token, still_valid).id == c.assignment_id
    with pytest.raises(Unauthorized):
        resolve_at(w, token, datetime(2026, 12, 8, 0, 0, tzinfo=IST))


def test_a_link_sent_after_the_deadline_still_lasts_two_working_days(w: World) -> None:
    c = file(w)
    w.clock.set(datetime(2026, 12, 10, 11, 0, tzinfo=IST))  # Thursday, a week past the deadline
    w.queue.put(notify.officer_jobs(c, 2, "officer_reminder", w.clock, w.calendar, w.links(), call=False))
    w.deliver_all()
    token = link_of(w.sms.to(officer_mobile(w, L1))[-1])
    assert resolve_at(w, token, datetime(2026, 12, 14, 23, 59, 58, tzinfo=IST))  # Fri 11, Mon 14
    with pytest.raises(Unauthorized):
        resolve_at(w, token, datetime(2026, 12, 15, 0, 0, tzinfo=IST))


def test_on_a_fast_clock_the_link_ends_when_its_system_time_comes(w: World) -> None:
    from chalicelib.clock import ScaledClock

    real = [w.clock.now().timestamp()]
    fast = ScaledClock(day_seconds=864, epoch=real[0], real=lambda: real[0])  # a day in 864 s
    c = file(w)
    until = notify.link_expiry(c, fast, w.calendar)
    assert until == fast.to_real(datetime(2026, 12, 7, 23, 59, 59, tzinfo=IST))
    assert until - fast.wall() < timedelta(days=1)


def test_a_vacant_post_notifies_the_district_nodal_officer(w: World) -> None:
    w.post_officer(nodal_post("SEHORE"))
    file(w, block="SEHORE-ASHTA")  # nobody holds REVENUE:L1:SEHORE-ASHTA
    w.react_all()
    w.deliver_all()
    [text] = w.sms.to(officer_mobile(w, nodal_post("SEHORE")))
    assert len(w.voice.to(officer_mobile(w, nodal_post("SEHORE")))) == 1
    [grant] = w.link_store.grants.values()
    assert (grant.post_id, grant.officer_id) == (nodal_post("SEHORE"), officer_id(nodal_post("SEHORE")))
    assert officer_links.resolve(link_of(text), w.officer_links()).kind == LINK


def test_an_additional_charge_holder_is_notified_too(w: World) -> None:
    incharge = w.post_officer(L1, "sdm.incharge", charge="additional")
    file(w)
    w.react_all()
    w.deliver_all()
    regular = w.directory.officer(w.post_officer(L1).officer_id)
    assert regular is not None and len(w.sms.to(regular.mobile)) == 1
    assert len(w.sms.to(incharge.mobile)) == 1 and len(w.voice.to(incharge.mobile)) == 1


def test_a_redelivered_stream_record_sends_nothing_twice(w: World) -> None:
    c = file(w)
    first = w.react_all()
    [entry] = w.complaints.history(c.reference)
    again = reactions.on_history(entry, c.reference, w.reactor())  # the stream delivers it again
    w.queue.put([])  # nothing else queued
    assert [j["job"] for j in again] == [j["job"] for j in first]
    assert w.deliver_all() == 3  # both batches: the ledger lets each job through once
    assert len(w.sms.to(MOBILE)) == 1 and len(w.voice.calls) == 1


def test_a_provider_failure_is_recorded_raised_for_a_retry_and_the_retry_sends_once(w: World) -> None:
    file(w)
    [citizen_job] = [j for j in w.react_all() if j["template"] == "citizen_registered"]
    w.sms.down = True
    with pytest.raises(RuntimeError):
        deliver(citizen_job, w.notifier())
    assert w.ledger.attempts(citizen_job["job"])[0]["status"] == "failed"
    w.sms.down = False
    assert deliver(citizen_job, w.notifier()) == 1
    assert deliver(citizen_job, w.notifier()) == 0
    row = w.ledger.attempts(citizen_job["job"])[0]
    assert (row["status"], row["attempts"]) == ("sent", 2) and len(w.sms.to(MOBILE)) == 1


def test_resolution_stops_the_timer_tells_the_citizen_and_schedules_the_callback(w: World) -> None:
    c = file(w)
    w.react_all()
    actions.act(Caller(LINK, c.assignment_id), c.reference, RESOLVE, w.desk())
    jobs = w.react_all()
    assert [j["template"] for j in jobs] == ["citizen_resolved"]
    assert w.timers.stopped[c.assignment_id] == "resolved"
    cb = w.callbacks_store.get(c.reference)
    assert cb is not None and (cb.queue, cb.attempts) == ("cce", 0)


def test_with_the_survey_configured_the_callback_goes_to_the_automated_call(w: World) -> None:
    w.survey = True
    c = file(w)
    actions.act(Caller(LINK, c.assignment_id), c.reference, RESOLVE, w.desk())
    w.react_all()
    assert w.callbacks_store.get(c.reference).queue == "auto"  # type: ignore[union-attr]


def test_closing_sends_the_closed_sms_and_clears_the_callback(w: World) -> None:
    c = file(w)
    actions.act(Caller(LINK, c.assignment_id), c.reference, RESOLVE, w.desk())
    w.react_all()
    actions.record_satisfaction(CITIZEN_ME, c.reference, {"satisfied": True}, w.desk())
    jobs = w.react_all()
    assert [j["template"] for j in jobs] == ["citizen_closed"] and w.callbacks_store.get(c.reference) is None


def test_a_dispute_notifies_the_next_officer_and_starts_a_new_timer(w: World) -> None:
    w.post_officer("REVENUE:L2:SEHORE")
    c = file(w)
    actions.act(Caller(LINK, c.assignment_id), c.reference, RESOLVE, w.desk())
    w.react_all()
    after = actions.record_satisfaction(CITIZEN_ME, c.reference, {"satisfied": False}, w.desk())
    jobs = w.react_all()
    assert {(j["template"], j["to_post"]) for j in jobs} == {("officer_new", "REVENUE:L2:SEHORE")}
    assert w.timers.running(after.assignment_id) and w.callbacks_store.get(c.reference) is None


def test_a_reminder_sms_the_current_officer_without_a_call(w: World) -> None:
    c = file(w)
    w.react_all()
    w.deliver_all()
    tracking.remind(c.reference, CITIZEN_ME, w.complaints, w.clock)
    jobs = w.react_all()
    assert [(j["template"], j["channel"]) for j in jobs] == [("officer_reminder", "sms")]


def test_an_escalation_written_by_the_workflow_gets_its_history_once_and_notifies_l2(w: World) -> None:
    w.post_officer("REVENUE:L2:SEHORE")
    c = file(w)
    w.react_all()
    moved = escalate(w, c)
    assert reactions.on_workflow_change(c, moved, h.ESCALATED, c.assignment_id, w.complaints)
    assert not reactions.on_workflow_change(c, moved, h.ESCALATED, c.assignment_id, w.complaints)
    entry = w.complaints.history(c.reference)[-1]
    assert (entry.event, entry.level, entry.details["lapsed_post"]) == (h.ESCALATED, 2, L1)
    jobs = w.react_all()
    assert {j["template"] for j in jobs} == {"citizen_escalated", "officer_escalated"}
    assert w.timers.stopped[c.assignment_id].startswith("replaced") and w.timers.running(moved.assignment_id)


def test_a_change_that_is_not_an_escalation_writes_no_history(w: World) -> None:
    c = file(w)
    assert not reactions.on_workflow_change(c, replace(c, version=2), None, None, w.complaints)
    assert not reactions.on_workflow_change(None, c, h.ESCALATED, None, w.complaints)


# ---- satisfaction callbacks --------------------------------------------------------------


def at_ist(day: str, hour: int) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00").replace(tzinfo=IST)


def resolved_with_survey(w: World, **over: Any) -> Complaint:
    w.survey = True
    c = file(w, **over)
    c = actions.act(Caller(LINK, c.assignment_id), c.reference, RESOLVE, w.desk())
    w.react_all()
    return c


def test_the_survey_calls_the_complainant_within_hours_and_tries_three_times_then_the_call_centre(w: World) -> None:
    c = resolved_with_survey(w)
    now = at_ist("2026-11-23", 11)
    for attempt in range(1, 4):
        out = callbacks.dispatch(now, w.callback_desk())
        assert out == {"called": 1, "to_cce": 0}
        cb = w.callbacks_store.get(c.reference)
        assert cb is not None and cb.attempts == attempt and cb.queue == "auto"
        now = datetime.fromisoformat(cb.due)
    assert len(w.voice.to(MOBILE)) == 3
    assert callbacks.dispatch(now, w.callback_desk()) == {"called": 0, "to_cce": 1}
    assert w.callbacks_store.get(c.reference).queue == "cce"  # type: ignore[union-attr]
    queue = callbacks.queue_for_cce(now + timedelta(minutes=1), w.callbacks_store, w.complaints)
    assert [(q["reference"], q["mobile"], q["survey_attempts"]) for q in queue] == [(c.reference, MOBILE, 3)]


@pytest.mark.parametrize(
    ("lang", "says", "never"),
    [
        ("hi", "नमस्कार, सीएम हेल्पलाइन 181 से। आपकी शिकायत क्रमांक", "Hello"),
        ("en", "Hello from CM Helpline 181. Complaint number", "नमस्कार"),
    ],
)
def test_the_survey_call_speaks_the_complainants_language_only(w: World, lang: str, says: str, never: str) -> None:
    c = resolved_with_survey(w, lang=lang)
    assert callbacks.dispatch(at_ist("2026-11-23", 11), w.callback_desk())["called"] == 1
    [(_, script, attributes, _)] = w.voice.calls
    assert attributes == {"reference": c.reference, "survey": "1", "lang": lang}  # the flow's closing words too
    assert script.startswith(says) and never not in script and " ".join(c.reference) in script
    assert ("1" in script and "2" in script) and script == callbacks.survey_script(c.reference, lang)


def test_the_dispatcher_fires_every_quarter_hour_of_the_calling_hours_and_never_at_night() -> None:
    from chalice.app import ScheduledEventConfig

    from app import app
    from chalicelib.domain.callbacks import within_hours
    from devstack.schedule import Schedule

    (source,) = [s for s in app.event_sources if isinstance(s, ScheduledEventConfig) and s.name == "dispatch_callbacks"]
    expression = source.schedule_expression
    schedule = Schedule(expression if isinstance(expression, str) else expression.to_string())
    day = datetime(2026, 12, 7, tzinfo=IST).astimezone(UTC)  # EventBridge's clock is UTC
    fired = schedule.due(day, day + timedelta(days=1))
    quarters = [day + timedelta(minutes=15 * n) for n in range(1, 97)]
    assert [t for t in quarters if within_hours(t)] == [t for t in fired if within_hours(t)]  # none missed
    assert len(fired) == 68 and sum(not within_hours(t) for t in fired) == 4  # 06:30–06:45, 23:00–23:15 IST


def test_nobody_is_called_at_night(w: World) -> None:
    resolved_with_survey(w)
    assert callbacks.dispatch(at_ist("2026-11-24", 23), w.callback_desk()) == {"called": 0, "to_cce": 0}
    assert callbacks.dispatch(at_ist("2026-11-24", 6), w.callback_desk()) == {"called": 0, "to_cce": 0}
    assert w.voice.calls == []


def test_a_callback_for_a_complaint_no_longer_resolved_is_dropped(w: World) -> None:
    c = resolved_with_survey(w)
    actions.record_satisfaction(CITIZEN_ME, c.reference, {"satisfied": True}, w.desk())
    w.callbacks_store.put(Callback(c.reference, "auto", c.registered_at, 0))  # a stale one
    assert callbacks.dispatch(at_ist("2026-11-23", 12), w.callback_desk())["called"] == 0
    assert w.callbacks_store.get(c.reference) is None and w.voice.calls == []


# ---- deadlines that move -----------------------------------------------------------------


def _holiday_on_27_november(w: World) -> datetime:
    """A local holiday on Friday 27 Nov 2026 stored in the calendar; from when deadlines move."""
    old = w.calendar.year(2026)
    new = old.with_holiday(date(2026, 11, 27), "स्थानीय अवकाश")
    since = deadlines.changed_from(old, new)
    assert since is not None and since.date() == date(2026, 11, 27)
    w.calendar.store_year(new)
    return since


def test_a_new_holiday_moves_waiting_deadlines_and_replaces_their_timers(w: World) -> None:
    c = file(w)
    w.react_all()
    since = _holiday_on_27_november(w)
    out = deadlines.recompute_district("SEHORE", since, w.complaints, w.calendar, w.clock)
    assert out == {"checked": 1, "moved": 1}
    after = w.complaints.get(c.reference)
    assert after is not None and after.due_at > c.due_at
    assert datetime.fromisoformat(after.due_at).astimezone(IST).date() == date(2026, 12, 4)
    w.react_all()
    assert not w.timers.running(c.assignment_id) and w.timers.running(after.extra["timer"])
    assert deadlines.recompute_district("SEHORE", since, w.complaints, w.calendar, w.clock)["moved"] == 0


def test_a_replaced_timer_is_the_one_stopped_when_the_officer_resolves(w: World) -> None:
    c = file(w)
    w.react_all()
    deadlines.recompute_district("SEHORE", _holiday_on_27_november(w), w.complaints, w.calendar, w.clock)
    w.react_all()
    moved = w.complaints.get(c.reference)
    assert moved is not None and w.timers.running(moved.extra["timer"])
    actions.act(Caller(LINK, c.assignment_id), c.reference, RESOLVE, w.desk())
    w.react_all()
    # the replacement waits under its own name: stopping the assignment's would leave it to fire
    assert w.timers.stopped[moved.extra["timer"]] == "resolved" and not w.timers.running(moved.extra["timer"])


def test_the_workflow_input_says_what_the_lapse_writes_below_and_at_the_last_level(w: World) -> None:
    c = file(w)
    below = lapse_input(c, next_step(c, w.calendar), w.clock)
    assert below["lapse"] == {"event": "escalated", "waiting": "open"} and below["final"] is False
    assert below["next"]["level"] == 2 and below["next"]["post_id"] == c.chain[1]
    assert below["next"]["assignment_id"] != c.assignment_id and below["next"]["assigned_at"] == c.due_at
    top = replace(c, level=4, post_id=c.chain[3])
    last = lapse_input(top, next_step(top, w.calendar), w.clock)
    assert last["lapse"] == {"event": "overdue", "waiting": "state_government"} and last["final"] is True
    # at the last level the complaint stays on its assignment, as it is
    assert last["next"] == {
        "level": 4,
        "post_id": top.post_id,
        "assignment_id": top.assignment_id,
        "assigned_at": top.assigned_at,
        "due_at": top.due_at,
    }


def test_a_holiday_after_the_deadline_changes_nothing(w: World) -> None:
    c = file(w)
    new = w.calendar.year(2026).with_holiday(date(2026, 12, 15), "x")
    w.calendar.store_year(new)
    out = deadlines.recompute_district("SEHORE", datetime(2026, 12, 15, tzinfo=IST), w.complaints, w.calendar, w.clock)
    assert out == {"checked": 0, "moved": 0} and w.complaints.get(c.reference) == c


def test_the_reconciler_repairs_a_lost_timer_only_after_the_grace(w: World) -> None:
    c = file(w)  # no reaction: its timer never started
    w.clock.set(datetime.fromisoformat(c.due_at) + timedelta(minutes=30))
    assert deadlines.reconcile_district("SEHORE", w.complaints, w.timers, w.clock) == {"lapsed": 0, "repaired": 0}
    w.clock.advance(hours=2)
    assert deadlines.reconcile_district("SEHORE", w.complaints, w.timers, w.clock) == {"lapsed": 1, "repaired": 1}
    assert w.complaints.history(c.reference)[-1].event == h.TIMER_REPAIRED
    w.react_all()
    repaired = w.complaints.get(c.reference)
    assert repaired is not None and w.timers.running(repaired.extra["timer"])
    assert deadlines.reconcile_district("SEHORE", w.complaints, w.timers, w.clock)["repaired"] == 0


@pytest.mark.parametrize("data", ["x", [], {"holidays": "none"}, {"holidays": [{"date": "2026-13-45"}]}])
def test_a_bad_calendar_is_bad_input(data: Any) -> None:
    with pytest.raises(InvalidInput):
        deadlines.parse_year(2026, data)


def test_a_calendar_round_trips() -> None:
    cal = YearCalendar.default(2026).with_holiday(date(2026, 11, 27), "x")
    assert deadlines.parse_year(2026, cal.to_data()) == cal


# ---- OTP ---------------------------------------------------------------------------------


def code(w: World, mobile: str = MOBILE) -> str:
    return re.search(r"\d{6}", w.sms.to(mobile)[-1]).group(0)  # type: ignore[union-attr]


def test_a_right_otp_gives_a_short_citizen_token_once(w: World) -> None:
    otp.request_otp(MOBILE, "1.2.3.4", w.access())
    assert w.ops.otps[MOBILE]["hash"] != code(w)  # only a hash is kept
    out = otp.verify_otp(MOBILE, code(w), w.access())
    claims = verify(out["token"], "citizen", SECRET, w.clock.wall())
    assert claims.subject == MOBILE
    assert datetime.fromisoformat(out["expires_at"]) == w.clock.wall() + timedelta(minutes=30)
    with pytest.raises(Unauthorized):
        otp.verify_otp(MOBILE, code(w), w.access())


def test_five_wrong_tries_lock_the_otp_even_for_the_right_code(w: World) -> None:
    otp.request_otp(MOBILE, "1.2.3.4", w.access())
    right = code(w)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    for _ in range(5):
        with pytest.raises(Unauthorized):
            otp.verify_otp(MOBILE, wrong, w.access())
    with pytest.raises(RateLimited):
        otp.verify_otp(MOBILE, right, w.access())


def test_an_otp_expires_after_ten_minutes(w: World) -> None:
    otp.request_otp(MOBILE, "1.2.3.4", w.access())
    w.clock.advance(minutes=10)
    with pytest.raises(Unauthorized):
        otp.verify_otp(MOBILE, code(w), w.access())


def test_otp_sends_are_limited_per_number_and_per_network(w: World) -> None:
    for _ in range(3):
        otp.request_otp(MOBILE, "1.2.3.4", w.access())
    with pytest.raises(RateLimited):
        otp.request_otp(MOBILE, "1.2.3.4", w.access())
    w.clock.advance(minutes=16)
    otp.request_otp(MOBILE, "1.2.3.4", w.access())
    for i in range(2):
        otp.request_otp(f"+91980000000{i}", "5.6.7.8", w.access(per_source_hour=2))
    with pytest.raises(RateLimited):
        otp.request_otp("+919800000009", "5.6.7.8", w.access(per_source_hour=2))
    assert w.sms.to("+919800000009") == []


@pytest.mark.parametrize(
    "mobile", ["12345", "+9198123456789", None, 98123, "+91 9812345678", "+9198123४५६७८", "+919812345678\n"]
)
def test_a_bad_mobile_gets_no_sms(w: World, mobile: Any) -> None:
    with pytest.raises(InvalidInput) as err:
        otp.request_otp(mobile, "1.2.3.4", w.access())
    assert set(err.value.fields) == {"mobile"} and w.sms.sent == []


@pytest.mark.parametrize("given", ["12345", "abcdef", None, 123456])
def test_a_malformed_otp_is_bad_input(w: World, given: Any) -> None:
    otp.request_otp(MOBILE, "1.2.3.4", w.access())
    with pytest.raises(InvalidInput):
        otp.verify_otp(MOBILE, given, w.access())


def test_a_citizen_caller_of_another_mobile_cannot_use_the_token(w: World) -> None:
    otp.request_otp(MOBILE, "1.2.3.4", w.access())
    token = otp.verify_otp(MOBILE, code(w), w.access())["token"]
    assert Caller(CITIZEN, verify(token, "citizen", SECRET, w.clock.wall()).subject) == CITIZEN_ME


@pytest.mark.parametrize(
    ("lang", "template", "opening"), [("en", "otp.en", "CM Helpline 181: your OTP"), ("hi", "otp.hi", "OTP ")]
)
def test_the_otp_goes_in_the_language_asked_for(w: World, lang: str, template: str, opening: str) -> None:
    otp.request_otp(MOBILE, "1.2.3.4", w.access(), lang)
    [(to, text, sent_template)] = w.sms.sent
    assert (to, sent_template) == (MOBILE, template) and text.startswith(opening)
    assert otp.verify_otp(MOBILE, code(w), w.access())["token"]  # the code is the code, in either language


def test_the_otp_is_hindi_unless_english_is_asked_for(w: World) -> None:
    otp.request_otp(MOBILE, "1.2.3.4", w.access())
    otp.request_otp("+919800000001", "1.2.3.4", w.access(), "fr")
    assert [t for _, _, t in w.sms.sent] == ["otp.hi", "otp.hi"]
