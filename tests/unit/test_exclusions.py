"""Service exclusion (R-EXCLUSION) as rules and as use cases on the in-memory fakes: what a
proposal may cover, who proposes and who decides, the history of every step, and a filing for
an excluded service refused at intake with where to go instead."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from chalicelib.domain import schemas
from chalicelib.domain.actor import CITIZEN, STAFF, Caller
from chalicelib.domain.directory import state_nodal_post
from chalicelib.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from chalicelib.domain.exclusion import (
    ACCEPTED,
    LIFTED,
    PROPOSED,
    REJECTED,
    Excluded,
    Exclusion,
    applies,
    check_scope,
    excluding,
    proposer_departments,
    words,
)
from chalicelib.domain.text import Text
from chalicelib.pages.problems import body_of, status_of
from chalicelib.services import exclusions as ex
from chalicelib.services.intake import file_complaint
from tests.fakes.world import World

PROPOSAL = {
    "department": "REVENUE",
    "category": "complaint",
    "terms": ["न्यायालय में लंबित", "court case"],
    "service_hi": "न्यायालय में लंबित राजस्व प्रकरण",
    "service_en": "Revenue cases pending before a court",
    "instead_hi": "संबंधित राजस्व न्यायालय (तहसील) में आवेदन करें",
    "instead_en": "apply to the revenue court (Tehsil) hearing the case",
    "reason_kind": "legal",
    "reason": "न्यायालय में विचाराधीन प्रकरण में प्रशासनिक हस्तक्षेप वर्जित है",
    "legal_reference": "म.प्र. भू-राजस्व संहिता, 1959",
}
FILING = {
    "category": "complaint",
    "department": "REVENUE",
    "district": "SEHORE",
    "block": "SEHORE-BUDHNI",
    "name": "रमेश कुमार",
    "subject": "नामांतरण प्रकरण न्यायालय में लंबित है",
    "description": "दो साल से सुनवाई नहीं हुई।",
}
CITIZEN_ME = Caller(CITIZEN, "+919812345678")
ADMIN = Caller(STAFF, "admin", frozenset({"admin"}))
NODAL_GROUPS = frozenset({"nodal", "officer"})


@pytest.fixture
def w() -> World:
    return World()


def nodal(w: World, department: str = "REVENUE") -> Caller:
    return Caller(STAFF, w.post_officer(state_nodal_post(department)).officer_id, NODAL_GROUPS)


def exclusion(**over: Any) -> Exclusion:
    base = Exclusion(
        "EX-20261123-0001",
        2,
        "REVENUE",
        "complaint",
        ("न्यायालय में लंबित",),
        Text("सेवा", "service"),
        Text("तहसील", "the Tehsil"),
        "legal",
        "धारा",
        None,
        ACCEPTED,
        "revenue.nodal.state",
        "2026-11-23T05:00:00+00:00",
    )
    return replace(base, **over)


# ---- the rules ---------------------------------------------------------------------------


def test_terms_match_whole_words_of_the_subject_in_hindi_or_english_whatever_the_case() -> None:
    x = exclusion(terms=("न्यायालय में लंबित", "court case"))
    assert applies(x, "REVENUE", "complaint", "नामांतरण प्रकरण न्यायालय में लंबित है")
    assert applies(x, "REVENUE", "complaint", "My COURT case, pending")
    assert not applies(x, "REVENUE", "complaint", "courtyard cases")  # not the whole words
    assert not applies(x, "REVENUE", "complaint", "न्यायालय का आदेश लंबित")  # not the phrase
    assert words("न्यायालय-में  लंबित!") == ("न्यायालय", "में", "लंबित")


def test_only_an_exclusion_in_force_of_that_department_and_category_applies_and_never_to_corruption() -> None:
    subject = "प्रकरण न्यायालय में लंबित"
    assert applies(exclusion(), "REVENUE", "complaint", subject)
    for status in (PROPOSED, REJECTED, LIFTED):
        assert not applies(exclusion(status=status), "REVENUE", "complaint", subject)
    assert not applies(exclusion(), "ENERGY", "complaint", subject)
    assert not applies(exclusion(), "REVENUE", "demand", subject)
    assert applies(exclusion(category=None), "REVENUE", "demand", subject)
    assert applies(exclusion(terms=()), "REVENUE", "complaint", "anything at all")
    assert not applies(exclusion(category=None), "REVENUE", "corruption", subject)


def test_of_several_exclusions_in_force_the_oldest_answers() -> None:
    old = exclusion(exclusion_id="EX-20261101-0001", proposed_at="2026-11-01T00:00:00+00:00")
    new = exclusion(exclusion_id="EX-20261120-0001", proposed_at="2026-11-20T00:00:00+00:00")
    assert excluding([new, old], "REVENUE", "complaint", "न्यायालय में लंबित") == old
    assert excluding([new, old], "REVENUE", "complaint", "खसरा नकल") is None


def test_a_proposal_names_a_category_or_words_never_the_whole_department_nor_corruption() -> None:
    assert check_scope("complaint", ()) == {}
    assert check_scope(None, ("court case",)) == {}
    assert set(check_scope(None, ())) == {"terms"}
    assert set(check_scope("corruption", ("x",))) == {"category"}
    assert set(check_scope("demand", ("!!",))) == {"terms"}


def test_only_the_nodal_group_holding_the_departments_state_nodal_post_proposes_for_it() -> None:
    held = [state_nodal_post("REVENUE"), "NODAL:DISTRICT:SEHORE", "ENERGY:L4:STATE"]
    assert proposer_departments({"nodal", "officer"}, held) == {"REVENUE"}
    assert proposer_departments({"officer", "monitor"}, held) == set()
    assert proposer_departments({"nodal"}, ["NODAL:DISTRICT:SEHORE"]) == set()


def test_a_refused_filing_answers_422_in_hindi_and_english_with_where_to_go_instead() -> None:
    err = Excluded(exclusion())
    assert status_of(err) == (422, "ServiceExcludedError")
    out = body_of(err)
    assert "तहसील" in out["message_hi"] and "the Tehsil" in out["Message"] and "सेवा" in out["message_hi"]
    assert out["exclusion"] == {
        "exclusion_id": "EX-20261123-0001",
        "service": {"hi": "सेवा", "en": "service"},
        "instead": {"hi": "तहसील", "en": "the Tehsil"},
    }


# ---- the use cases -----------------------------------------------------------------------


def test_proposed_then_accepted_an_exclusion_refuses_filings_for_its_service_at_once(w: World) -> None:
    before, created = file_complaint(CITIZEN_ME, FILING, None, w.desk())
    assert created  # nothing is excluded while it is only proposed:
    x = ex.propose(nodal(w), PROPOSAL, w.exclusions())
    assert x.status == PROPOSED and x.terms == ("न्यायालय में लंबित", "court case")
    assert file_complaint(CITIZEN_ME, {**FILING, "name": "दूसरा"}, None, w.desk())[1]
    w.clock.advance(hours=2)
    accepted = ex.decide(ADMIN, x.exclusion_id, {"decision": "accept", "remarks": "विधिक प्रावधान सही"}, w.exclusions())
    assert (accepted.status, accepted.decided_by, accepted.version) == (ACCEPTED, "admin", 2)
    count = len(w.complaints.items)
    with pytest.raises(Excluded) as refused:
        file_complaint(CITIZEN_ME, {**FILING, "name": "तीसरा"}, None, w.desk())
    assert "राजस्व न्यायालय" in refused.value.hi and "revenue court" in refused.value.en
    assert len(w.complaints.items) == count  # nothing stored
    cce = Caller(STAFF, "cce1", frozenset({"cce"}))
    with pytest.raises(Excluded):  # the call centre files through the same use case
        file_complaint(cce, {**FILING, "mobile": "+919812345679"}, None, w.desk())
    # Other services of the department, and corruption complaints, are still taken.
    assert file_complaint(CITIZEN_ME, {**FILING, "subject": "खसरा नकल नहीं मिली"}, None, w.desk())[1]
    corruption = {**FILING, "category": "corruption", "accused_level": "below_district_head"}
    assert file_complaint(CITIZEN_ME, corruption, None, w.desk())[1]
    assert [e.event for e in w.exclusions_store.history(x.exclusion_id)] == [PROPOSED, ACCEPTED]
    assert [y.exclusion_id for y in ex.in_force(w.exclusions())] == [x.exclusion_id]
    assert before.reference in w.complaints.items  # what was filed before stays


def test_a_rejected_proposal_excludes_nothing_and_cannot_be_decided_twice(w: World) -> None:
    x = ex.propose(nodal(w), PROPOSAL, w.exclusions())
    ex.decide(ADMIN, x.exclusion_id, {"decision": "reject", "remarks": "हेल्पलाइन पर ही सुनें"}, w.exclusions())
    assert file_complaint(CITIZEN_ME, FILING, None, w.desk())[1]
    with pytest.raises(Conflict):
        ex.decide(ADMIN, x.exclusion_id, {"decision": "accept", "remarks": "फिर से"}, w.exclusions())
    assert ex.in_force(w.exclusions()) == []
    assert [e.event for e in w.exclusions_store.history(x.exclusion_id)] == [PROPOSED, REJECTED]


def test_a_lifted_exclusion_lets_filings_in_again_and_only_one_in_force_can_be_lifted(w: World) -> None:
    x = ex.propose(nodal(w), PROPOSAL, w.exclusions())
    with pytest.raises(Conflict):
        ex.lift(ADMIN, x.exclusion_id, {"remarks": "अभी लागू नहीं"}, w.exclusions())
    ex.decide(ADMIN, x.exclusion_id, {"decision": "accept", "remarks": "ठीक"}, w.exclusions())
    ex.lift(ADMIN, x.exclusion_id, {"remarks": "न्यायालय का निर्णय आ गया"}, w.exclusions())
    assert file_complaint(CITIZEN_ME, FILING, None, w.desk())[1]
    assert [e.event for e in w.exclusions_store.history(x.exclusion_id)] == [PROPOSED, ACCEPTED, LIFTED]


def test_another_departments_state_nodal_officer_a_district_nodal_officer_and_a_citizen_cannot_propose(
    w: World,
) -> None:
    others = [
        nodal(w, "ENERGY"),
        Caller(STAFF, w.post_officer("NODAL:DISTRICT:SEHORE").officer_id, NODAL_GROUPS),
        Caller(STAFF, w.post_officer("REVENUE:L4:STATE").officer_id, frozenset({"officer", "monitor"})),
        ADMIN,
    ]
    for who in others:
        with pytest.raises(Forbidden):
            ex.propose(who, PROPOSAL, w.exclusions())
    with pytest.raises(Forbidden):
        ex.propose(CITIZEN_ME, PROPOSAL, w.exclusions())
    # Holding the post is not enough without the nodal group, nor the group without the post.
    holder = w.post_officer(state_nodal_post("REVENUE")).officer_id
    with pytest.raises(Forbidden):
        ex.propose(Caller(STAFF, holder, frozenset({"officer"})), PROPOSAL, w.exclusions())
    assert w.exclusions_store.items == {}


def test_nobody_but_the_administrator_decides_or_lifts(w: World) -> None:
    proposer = nodal(w)
    x = ex.propose(proposer, PROPOSAL, w.exclusions())
    for who in (proposer, Caller(STAFF, "cce1", frozenset({"cce"})), CITIZEN_ME):
        with pytest.raises(Forbidden):
            ex.decide(who, x.exclusion_id, {"decision": "accept", "remarks": "स्वयं"}, w.exclusions())
        with pytest.raises(Forbidden):
            ex.lift(who, x.exclusion_id, {"remarks": "स्वयं"}, w.exclusions())
    assert w.exclusions_store.get(x.exclusion_id) == x
    with pytest.raises(NotFound):
        ex.decide(ADMIN, "EX-20261123-FFFF", {"decision": "accept", "remarks": "?"}, w.exclusions())


def test_bad_proposals_are_refused_field_by_field_and_store_nothing(w: World) -> None:
    who = nodal(w)
    cases: list[tuple[dict[str, Any], str | None]] = [
        ({"reason": ""}, "reason"),
        ({"category": "corruption"}, "category"),
        ({"category": None, "terms": []}, "terms"),
        ({"reason_kind": "convenience"}, "reason_kind"),
        ({"instead_en": "x" * 301}, "instead_en"),
        ({"terms": ["a"] * 21}, "terms"),
        ({"department": "NOWHERE"}, None),  # not their department: 403 before anything else
    ]
    for over, field in cases:
        with pytest.raises((InvalidInput, Forbidden)) as err:
            ex.propose(who, {**PROPOSAL, **over}, w.exclusions())
        if field is not None:
            assert isinstance(err.value, InvalidInput) and field in err.value.fields, over
    assert w.exclusions_store.items == {}


def test_the_administrator_sees_every_proposal_with_its_history_a_state_nodal_officer_their_departments(
    w: World,
) -> None:
    revenue, energy = nodal(w), nodal(w, "ENERGY")
    mine = ex.propose(revenue, PROPOSAL, w.exclusions())
    w.clock.advance(minutes=5)  # the oldest first
    theirs = ex.propose(energy, {**PROPOSAL, "department": "ENERGY"}, w.exclusions())
    everything = ex.proposals(ADMIN, schemas.ExclusionsQuery(), w.exclusions())
    assert [x.exclusion_id for x, _ in everything] == [mine.exclusion_id, theirs.exclusion_id]
    assert [x.exclusion_id for x, _ in ex.proposals(revenue, schemas.ExclusionsQuery(), w.exclusions())] == [
        mine.exclusion_id
    ]
    assert ex.proposals(ADMIN, schemas.ExclusionsQuery(status="accepted"), w.exclusions()) == []
    with pytest.raises(Forbidden):
        ex.proposals(Caller(STAFF, "cce1", frozenset({"cce"})), schemas.ExclusionsQuery(), w.exclusions())
    record = ex.view(*everything[0])
    assert record["history"][0]["event"] == PROPOSED and record["proposed_by"] == revenue.id
    assert "proposed_by" not in ex.view(mine)  # the public list names no officer
