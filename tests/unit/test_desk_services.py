"""Filing, tracking and acting, as use cases on the in-memory fakes (no moto, no network)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest

from chalicelib.domain.actor import CITIZEN, LINK, STAFF, SURVEY, Caller
from chalicelib.domain.complaint import CLOSED, OPEN, RESOLVED, STATE_GOVT, Complaint
from chalicelib.domain.directory import STATE_DESK_POST, nodal_post
from chalicelib.domain.errors import Conflict, Forbidden, InvalidInput, NotFound, RateLimited
from chalicelib.domain.reference import verhoeff_valid
from chalicelib.services import actions, inbox, tracking
from chalicelib.services.intake import file_complaint
from tests.fakes.world import SECRET, World

FORM = {
    "category": "complaint",
    "department": "REVENUE",
    "district": "SEHORE",
    "block": "SEHORE-BUDHNI",
    "name": "रमेश कुमार",
    "subject": "खसरा नकल नहीं मिली",
    "description": "तीन महीने से आवेदन लंबित है।",
}
MOBILE = "+919812345678"
CITIZEN_ME = Caller(CITIZEN, MOBILE)
CCE = Caller(STAFF, "cce1", frozenset({"cce"}))
RESOLVE = {"action": "resolve", "remarks": "नकल दे दी गई", "rule_reference": "भू-राजस्व संहिता धारा 12"}


@pytest.fixture
def w() -> World:
    return World()


def staff(w: World, post: str) -> Caller:
    return Caller(STAFF, w.post_officer(post).officer_id)


def file(w: World, who: Caller = CITIZEN_ME, key: str | None = None, **over: Any) -> Complaint:
    c, created = file_complaint(who, {**FORM, **over}, key, w.desk())
    assert created
    return c


# ---- filing ------------------------------------------------------------------------------


def test_a_citizen_files_on_the_web_for_their_own_mobile_at_the_block_officer(w: World) -> None:
    c = file(w)
    assert verhoeff_valid(c.reference) and len(c.reference) == 10
    assert (c.status, c.level, c.channel, c.mobile) == (OPEN, 1, "web", MOBILE)
    assert c.post_id == "REVENUE:L1:SEHORE-BUDHNI" and c.chain[1] == "REVENUE:L2:SEHORE"
    assert c.chain[3] == "REVENUE:L4:STATE" and c.chain_kind == "general"
    assert c.filed_by is None
    [first] = w.complaints.history(c.reference)
    assert (first.event, first.actor, first.details["channel"]) == ("registered", "citizen", "web")


def test_the_deadline_is_seven_working_days_at_the_end_of_the_day_ist(w: World) -> None:
    c = file(w)
    # Monday 23 Nov 2026 10:30 IST: 7 working days later (Sundays, 2nd/4th Saturdays off) -> 3 Dec.
    assert c.due_at == w.calendar.deadline(w.clock.now()).isoformat()
    assert datetime.fromisoformat(c.due_at).isoformat() == "2026-12-03T18:29:59+00:00"


def test_a_citizen_cannot_file_for_another_mobile(w: World) -> None:
    with pytest.raises(InvalidInput) as err:
        file_complaint(CITIZEN_ME, {**FORM, "mobile": "+919000000001"}, None, w.desk())
    assert set(err.value.fields) == {"mobile"} and w.complaints.items == {}


def test_the_call_centre_files_for_the_callers_mobile_on_the_call_centre_channel(w: World) -> None:
    c = file(w, CCE, mobile="+919811111111")
    assert (c.channel, c.mobile, c.filed_by) == ("call_centre", "+919811111111", "cce1")
    assert w.complaints.history(c.reference)[0].actor == "cce1"


def test_the_call_centre_must_give_a_valid_mobile(w: World) -> None:
    with pytest.raises(InvalidInput) as err:
        file_complaint(CCE, FORM, None, w.desk())
    assert "mobile" in err.value.fields
    with pytest.raises(InvalidInput):
        file_complaint(CCE, {**FORM, "mobile": "98123"}, None, w.desk())


@pytest.mark.parametrize(
    "who",
    [
        Caller(STAFF, "officer.x"),
        Caller(STAFF, "admin", frozenset({"admin"})),
        Caller(LINK, "1234567890-1"),
        Caller(SURVEY, "x"),
    ],
)
def test_nobody_else_files(w: World, who: Caller) -> None:
    with pytest.raises(Forbidden):
        file_complaint(who, {**FORM, "mobile": MOBILE}, None, w.desk())
    assert w.complaints.items == {}


def test_every_bad_field_is_named_at_once_in_both_languages(w: World) -> None:
    with pytest.raises(InvalidInput) as err:
        file_complaint(CITIZEN_ME, {"category": "corruption", "status": "closed"}, None, w.desk())
    fields = err.value.fields
    assert {"department", "district", "block", "name", "subject", "description", "accused_level", "status"} <= set(
        fields
    )
    assert fields["status"].en == "unknown field" and fields["name"].hi == "आवश्यक है"
    assert "Invalid input" in err.value.en and "जानकारी" in err.value.hi


def test_unknown_places_are_refused_field_by_field(w: World) -> None:
    with pytest.raises(InvalidInput) as err:
        file_complaint(CITIZEN_ME, {**FORM, "district": "ATLANTIS", "department": "MAGIC"}, None, w.desk())
    assert set(err.value.fields) == {"district", "department"}
    with pytest.raises(InvalidInput) as err:
        file_complaint(CITIZEN_ME, {**FORM, "block": "INDORE-MHOW"}, None, w.desk())
    assert set(err.value.fields) == {"block"}


def test_a_retry_with_the_same_key_files_once_and_another_body_is_a_conflict(w: World) -> None:
    first, created = file_complaint(CITIZEN_ME, FORM, "k-1", w.desk())
    again, created_again = file_complaint(CITIZEN_ME, FORM, "k-1", w.desk())
    assert created and not created_again and again.reference == first.reference
    assert len(w.complaints.items) == 1
    with pytest.raises(Conflict):
        file_complaint(CITIZEN_ME, {**FORM, "subject": "दूसरा"}, "k-1", w.desk())
    other, created_other = file_complaint(Caller(CITIZEN, "+919800000002"), FORM, "k-1", w.desk())
    assert created_other and other.reference != first.reference  # keys are per filer


@pytest.mark.parametrize("key", ["", "x" * 101])
def test_an_idempotency_key_is_1_to_100_characters(w: World, key: str) -> None:
    with pytest.raises(InvalidInput) as err:
        file_complaint(CITIZEN_ME, FORM, key, w.desk())
    assert set(err.value.fields) == {"Idempotency-Key"}


def test_a_taken_reference_is_drawn_again(w: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from chalicelib.services import intake

    draws = iter(["1234567890", "1234567890", "2345678901"])
    monkeypatch.setattr(intake, "new_reference", lambda: next(draws))
    assert file(w).reference == "1234567890"
    assert file(w).reference == "2345678901"


def test_corruption_below_the_district_head_skips_the_block_and_starts_at_the_district_head(w: World) -> None:
    c = file(w, category="corruption", accused_level="below_district_head")
    assert c.chain_kind == "corruption" and c.post_id == "REVENUE:L2:SEHORE"
    assert c.chain[1] == "COLLECTOR:L2:SEHORE" and c.chain[2].startswith("COMMISSIONER:L3:")
    assert not any(p.startswith("REVENUE:L1:") for p in c.chain)


def test_corruption_against_the_district_head_goes_to_the_state_desk(w: World) -> None:
    c = file(w, category="corruption", accused_level="district_head_or_above")
    assert (c.status, c.level, c.post_id, c.chain) == (STATE_GOVT, 4, STATE_DESK_POST, [STATE_DESK_POST])


def test_an_unmapped_post_falls_to_the_district_nodal_officer_visibly(w: World) -> None:
    del w.directory.posts["REVENUE:L1:SEHORE-BUDHNI"]
    c = file(w)
    assert c.post_id == nodal_post("SEHORE")
    assert w.complaints.history(c.reference)[0].details["unmapped_posts"] == ["REVENUE:L1:SEHORE-BUDHNI"]


# ---- tracking ----------------------------------------------------------------------------


def test_the_complainant_sees_everything_and_a_stranger_nothing(w: World) -> None:
    c = file(w)
    mine = tracking.full_view(c.reference, CITIZEN_ME, w.complaints, w.directory)
    assert mine["mobile"] == MOBILE and mine["name"] == FORM["name"] and mine["history"][0]["event"] == "registered"
    with pytest.raises(NotFound):
        tracking.full_view(c.reference, Caller(CITIZEN, "+919800000009"), w.complaints, w.directory)
    with pytest.raises(NotFound):
        tracking.full_view(c.reference, Caller(STAFF, "unposted.officer"), w.complaints, w.directory)
    with pytest.raises(NotFound):
        tracking.find("1234567890", w.complaints)


def test_the_chain_sees_the_complaint_but_not_a_corruption_complainant(w: World) -> None:
    general = file(w)
    l2 = staff(w, "REVENUE:L2:SEHORE")
    assert tracking.full_view(general.reference, l2, w.complaints, w.directory)["mobile"] == MOBILE
    corrupt = file(w, category="corruption", accused_level="below_district_head")
    view = tracking.full_view(corrupt.reference, l2, w.complaints, w.directory)
    assert "mobile" not in view and "name" not in view and view["subject"] == FORM["subject"]
    assert tracking.full_view(corrupt.reference, CCE, w.complaints, w.directory)["mobile"] == MOBILE


def test_the_accused_block_officer_does_not_see_a_corruption_complaint(w: World) -> None:
    corrupt = file(w, category="corruption", accused_level="below_district_head")
    block = staff(w, "REVENUE:L1:SEHORE-BUDHNI")
    with pytest.raises(NotFound):
        tracking.full_view(corrupt.reference, block, w.complaints, w.directory)
    assert inbox.inbox(block.id, w.directory, w.complaints, None, SECRET)["complaints"] == []


def test_a_link_sees_only_its_own_assignment(w: World) -> None:
    c = file(w)
    assert tracking.full_view(c.reference, Caller(LINK, c.assignment_id), w.complaints, w.directory)
    with pytest.raises(NotFound):
        tracking.full_view(c.reference, Caller(LINK, f"{c.reference}-2"), w.complaints, w.directory)


def test_one_reminder_a_day_only_by_the_complainant_only_while_pending(w: World) -> None:
    c = file(w)
    entry = tracking.remind(c.reference, CITIZEN_ME, w.complaints, w.clock)
    assert entry.event == "reminder" and w.complaints.get(c.reference).version == 2  # type: ignore[union-attr]
    with pytest.raises(RateLimited):
        tracking.remind(c.reference, CITIZEN_ME, w.complaints, w.clock)
    w.clock.advance(days=1)
    tracking.remind(c.reference, CITIZEN_ME, w.complaints, w.clock)
    with pytest.raises(NotFound):
        tracking.remind(c.reference, Caller(CITIZEN, "+919800000009"), w.complaints, w.clock)
    actions.act(Caller(LINK, c.assignment_id), c.reference, RESOLVE, w.desk())
    w.clock.advance(days=1)
    with pytest.raises(Conflict):
        tracking.remind(c.reference, CITIZEN_ME, w.complaints, w.clock)


def test_the_inbox_has_every_post_held_most_urgent_first_and_pages(w: World) -> None:
    officer = w.post_officer("REVENUE:L1:SEHORE-BUDHNI", "tehsildar.budhni")
    w.post_officer("REVENUE:L1:SEHORE-ASHTA", "tehsildar.budhni", charge="additional")
    refs = []
    for i in range(60):
        refs.append(file(w, block=["SEHORE-BUDHNI", "SEHORE-ASHTA"][i % 2], subject=f"विषय {i}").reference)
        w.clock.advance(hours=3)
    seen: list[str] = []
    page = inbox.inbox(officer.officer_id, w.directory, w.complaints, None, SECRET)
    assert page["posts"] == ["REVENUE:L1:SEHORE-ASHTA", "REVENUE:L1:SEHORE-BUDHNI"]
    while True:
        dues = [i["due_at"] for i in page["complaints"]]
        assert dues == sorted(dues)
        seen += [i["reference"] for i in page["complaints"]]
        if not page["next"]:
            break
        page = inbox.inbox(officer.officer_id, w.directory, w.complaints, page["next"], SECRET)
    assert sorted(seen) == sorted(refs)


@pytest.mark.parametrize("cursor", ["!!!", "W10=", "eyJhIjogMX0="])  # not base64, [], {"a": 1}
def test_a_forged_inbox_cursor_is_bad_input(w: World, cursor: str) -> None:
    with pytest.raises(InvalidInput):
        inbox.inbox("x", w.directory, w.complaints, cursor, SECRET)


# ---- acting ------------------------------------------------------------------------------


def test_the_officer_resolves_by_link_with_reasons_and_a_stale_version_changes_nothing(w: World) -> None:
    c = file(w)
    link = Caller(LINK, c.assignment_id)
    with pytest.raises(InvalidInput) as err:
        actions.act(link, c.reference, {"action": "resolve", "remarks": "x"}, w.desk())
    assert set(err.value.fields) == {"rule_reference"}
    with pytest.raises(Conflict):
        actions.act(link, c.reference, {**RESOLVE, "version": 7}, w.desk())
    done = actions.act(link, c.reference, {**RESOLVE, "version": 1}, w.desk())
    assert (done.status, done.resolved_level, done.version) == (RESOLVED, 1, 2)
    last = w.complaints.history(c.reference)[-1]
    assert (last.event, last.actor, last.details["rule_reference"]) == (
        "resolved",
        f"link:{c.assignment_id}",
        RESOLVE["rule_reference"],
    )
    with pytest.raises(Conflict):  # the same form again
        actions.act(link, c.reference, {**RESOLVE, "version": 1}, w.desk())
    with pytest.raises(Conflict):  # no longer open
        actions.act(link, c.reference, RESOLVE, w.desk())
    assert len(w.complaints.history(c.reference)) == 2


def test_an_interim_reply_keeps_the_complaint_open_at_its_level(w: World) -> None:
    c = file(w)
    after = actions.act(
        Caller(LINK, c.assignment_id), c.reference, {"action": "interim", "remarks": "जाँच जारी"}, w.desk()
    )
    assert (after.status, after.level, after.assignment_id, after.due_at) == (OPEN, 1, c.assignment_id, c.due_at)


def test_an_old_link_is_forbidden_once_the_complaint_moved_on(w: World) -> None:
    c = file(w)
    link = Caller(LINK, c.assignment_id)
    actions.act(link, c.reference, {"action": "transfer", "to_department": "ENERGY", "remarks": "बिजली"}, w.desk())
    with pytest.raises(Forbidden):
        actions.act(link, c.reference, RESOLVE, w.desk())
    with pytest.raises(Forbidden):
        actions.allowed_actions(link, w.complaints.get(c.reference), w.directory)  # type: ignore[arg-type]


def test_a_transfer_starts_a_fresh_chain_and_clock_in_the_new_department(w: World) -> None:
    c = file(w)
    w.clock.advance(days=2)
    after = actions.act(
        staff(w, "REVENUE:L1:SEHORE-BUDHNI"),
        c.reference,
        {"action": "transfer", "to_department": "ENERGY", "remarks": "बिजली बिल"},
        w.desk(),
    )
    assert (after.department, after.level, after.post_id) == ("ENERGY", 1, "ENERGY:L1:SEHORE-BUDHNI")
    assert after.assignment_id == f"{c.reference}-2" and after.due_at > c.due_at
    entry = w.complaints.history(c.reference)[-1]
    assert entry.details["previous_assignment"] == c.assignment_id and entry.details["from_department"] == "REVENUE"
    for bad in ("ENERGY", "MAGIC"):  # its own department, or none
        with pytest.raises(InvalidInput):
            actions.act(
                Caller(LINK, after.assignment_id),
                c.reference,
                {"action": "transfer", "to_department": bad, "remarks": "x"},
                w.desk(),
            )


def test_strangers_get_404_and_the_chain_above_may_only_look(w: World) -> None:
    c = file(w)
    with pytest.raises(NotFound):
        actions.act(Caller(STAFF, "unposted"), c.reference, RESOLVE, w.desk())
    with pytest.raises(NotFound):
        actions.act(CITIZEN_ME, c.reference, RESOLVE, w.desk())
    l2 = staff(w, "REVENUE:L2:SEHORE")
    assert actions.allowed_actions(l2, c, w.directory) == []
    with pytest.raises(Forbidden):
        actions.act(l2, c.reference, RESOLVE, w.desk())
    with pytest.raises(NotFound):
        actions.act(CITIZEN_ME, "1234567890", RESOLVE, w.desk())


def test_the_district_nodal_officer_may_transfer_but_not_resolve(w: World) -> None:
    c = file(w)
    nodal = staff(w, nodal_post("SEHORE"))
    assert actions.allowed_actions(nodal, c, w.directory) == ["transfer"]
    with pytest.raises(Forbidden):
        actions.act(nodal, c.reference, RESOLVE, w.desk())


def escalate(w: World, c: Complaint) -> Complaint:
    """What the escalation workflow writes when a level's time lapses."""
    n = int(c.assignment_id.rsplit("-", 1)[1]) + 1
    moved = replace(
        c,
        version=c.version + 1,
        level=c.level + 1,
        post_id=c.chain[c.level],
        assignment_id=f"{c.reference}-{n}",
        assigned_at=c.due_at,
        due_at=w.calendar.deadline(datetime.fromisoformat(c.due_at)).isoformat(),
    )
    w.complaints.move(moved)
    return moved


def test_a_lower_level_may_still_act_late_after_escalation(w: World) -> None:
    c = escalate(w, file(w))
    l1 = staff(w, "REVENUE:L1:SEHORE-BUDHNI")
    assert actions.allowed_actions(l1, c, w.directory) == ["resolve", "interim"]
    after = actions.act(l1, c.reference, RESOLVE, w.desk())
    assert after.status == RESOLVED and after.resolved_level == 1
    assert w.complaints.history(c.reference)[-1].details["late"] is True


def dispute(w: World) -> Complaint:
    """Filed, resolved at L1, the citizen not satisfied: disputed at L2."""
    c = file(w)
    actions.act(Caller(LINK, c.assignment_id), c.reference, RESOLVE, w.desk())
    return actions.record_satisfaction(CITIZEN_ME, c.reference, {"satisfied": False, "remarks": "नहीं मिली"}, w.desk())


def test_not_satisfied_goes_to_the_next_senior_officer_with_a_fresh_clock(w: World) -> None:
    w.clock.advance(days=3)
    c = dispute(w)
    assert (c.status, c.level, c.post_id, c.extra["disputed"]) == (OPEN, 2, "REVENUE:L2:SEHORE", True)
    assert c.due_at == w.calendar.deadline(w.clock.now()).isoformat()
    last = w.complaints.history(c.reference)[-1]
    assert (last.event, last.details["satisfied"], last.details["via"]) == ("reopened", False, "web")


def test_the_l3_officer_takes_the_final_decision_on_a_disputed_complaint_and_it_closes(w: World) -> None:
    c = dispute(w)
    l3 = staff(w, c.chain[2])
    l2 = staff(w, c.chain[1])
    assert actions.allowed_actions(l3, c, w.directory) == ["final_decision"]
    assert "final_decision" not in actions.allowed_actions(l2, c, w.directory)
    decision = {"action": "final_decision", "remarks": "अभिलेख अनुसार सही", "rule_reference": "धारा 12"}
    with pytest.raises(Forbidden):
        actions.act(l2, c.reference, decision, w.desk())
    closed = actions.act(l3, c.reference, decision, w.desk())
    assert (closed.status, closed.extra["closed_by"]) == (CLOSED, "final_decision")
    last = w.complaints.history(c.reference)[-1]
    assert (last.event, last.details["basis"], last.actor) == ("final_decision", decision["remarks"], l3.label)


def test_a_final_decision_needs_a_dispute(w: World) -> None:
    c = file(w)
    l3 = staff(w, c.chain[2])
    assert actions.allowed_actions(l3, c, w.directory) == []
    with pytest.raises(Conflict):
        actions.act(l3, c.reference, {"action": "final_decision", "remarks": "x", "rule_reference": "y"}, w.desk())


def test_allowed_actions_is_exactly_what_act_accepts(w: World) -> None:
    """For every standing (current, lower, nodal, chain, stranger, link) and complaint
    state (new, escalated, disputed), each action `act` accepts is offered and no other."""
    bodies = {
        "resolve": RESOLVE,
        "interim": {"action": "interim", "remarks": "r"},
        "transfer": {"action": "transfer", "to_department": "ENERGY", "remarks": "r"},
        "final_decision": {"action": "final_decision", "remarks": "r", "rule_reference": "y"},
    }
    posts = ["REVENUE:L1:SEHORE-BUDHNI", "REVENUE:L2:SEHORE", nodal_post("SEHORE"), "REVENUE:L4:STATE"]
    checked = 0
    for state in ("new", "escalated", "disputed"):
        for who_post in [*posts, "link", "division"]:
            for kind, body in bodies.items():
                world = World(clock=w.clock)
                c = file(world)
                if state == "escalated":
                    c = escalate(world, c)
                elif state == "disputed":
                    c = dispute(world)
                if who_post == "link":
                    who = Caller(LINK, c.assignment_id)
                elif who_post == "division":
                    who = staff(world, c.chain[2])
                else:
                    who = staff(world, who_post)
                offered = actions.allowed_actions(who, c, world.directory)
                try:
                    actions.act(who, c.reference, body, world.desk())
                    accepted = True
                except (Forbidden, Conflict, NotFound):
                    accepted = False
                assert accepted == (kind in offered), (state, who_post, kind, offered)
                checked += 1
    assert checked == 3 * 6 * 4


# ---- satisfaction ------------------------------------------------------------------------


def resolved(w: World) -> Complaint:
    c = file(w)
    return actions.act(Caller(LINK, c.assignment_id), c.reference, RESOLVE, w.desk())


def test_a_satisfied_complainant_closes_it(w: World) -> None:
    c = resolved(w)
    closed = actions.record_satisfaction(CITIZEN_ME, c.reference, {"satisfied": True}, w.desk())
    assert (closed.status, closed.extra["closed_by"]) == (CLOSED, "satisfied")
    with pytest.raises(Conflict):
        actions.record_satisfaction(CITIZEN_ME, c.reference, {"satisfied": True}, w.desk())


def test_only_the_complainant_the_survey_or_the_call_centre_record_satisfaction(w: World) -> None:
    c = resolved(w)
    with pytest.raises(NotFound):
        actions.record_satisfaction(Caller(CITIZEN, "+919800000009"), c.reference, {"satisfied": True}, w.desk())
    with pytest.raises(Forbidden):
        actions.record_satisfaction(staff(w, "REVENUE:L1:SEHORE-BUDHNI"), c.reference, {"satisfied": True}, w.desk())
    with pytest.raises(Forbidden):
        actions.record_satisfaction(Caller(LINK, c.assignment_id), c.reference, {"satisfied": True}, w.desk())
    by_phone = actions.record_satisfaction(CCE, c.reference, {"satisfied": False}, w.desk())
    last = w.complaints.history(c.reference)[-1]
    assert by_phone.level == 2 and (last.details["via"], last.actor) == ("call", "staff:cce1")


def test_the_survey_call_records_as_the_citizen_by_ivr(w: World) -> None:
    c = resolved(w)
    actions.record_satisfaction(Caller(SURVEY, c.reference), c.reference, {"satisfied": True}, w.desk())
    last = w.complaints.history(c.reference)[-1]
    assert (last.event, last.actor, last.details["via"]) == ("closed", "citizen:ivr", "ivr")


@pytest.mark.parametrize(
    "body",
    [
        {"satisfied": "yes"},
        {},
        {"satisfied": True, "remarks": "x" * 2001},
        {"satisfied": True, "remarks": 5},
        ["satisfied"],
        "x",
    ],
)
def test_a_bad_satisfaction_answer_is_bad_input_and_changes_nothing(w: World, body: Any) -> None:
    c = resolved(w)
    with pytest.raises(InvalidInput):
        actions.record_satisfaction(CITIZEN_ME, c.reference, body, w.desk())
    assert w.complaints.get(c.reference).version == c.version  # type: ignore[union-attr]


def test_a_dispute_reopens_above_the_level_that_resolved_never_past_the_chain(w: World) -> None:
    c = file(w)
    for _ in range(3):
        c = escalate(w, c)
    assert c.level == 4
    c = actions.act(Caller(LINK, c.assignment_id), c.reference, RESOLVE, w.desk())
    again = actions.record_satisfaction(CITIZEN_ME, c.reference, {"satisfied": False}, w.desk())
    assert (again.level, again.post_id) == (4, "REVENUE:L4:STATE")
