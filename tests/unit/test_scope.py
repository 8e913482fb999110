"""Who sees what, tier by tier (domain/scope.py `sight`), through the use cases that read a
complaint: the full view, acting, the inbox, the district and department lists, the dashboards.

Every tier (citizen, the general chain's L1..L4, Collector, Commissioner, the district nodal
officer of its own and of another district, call centre, administrator, State desk) against the
three kinds of complaint: general, corruption below the district office head, corruption
against the district office head or above (the State desk). All filed in Sehore (Bhopal
division), Revenue, Budhni block, at level 1 of their chain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from chalicelib.domain.actor import CITIZEN, STAFF, Caller
from chalicelib.domain.complaint import Complaint
from chalicelib.domain.directory import STATE_DESK_POST, nodal_post
from chalicelib.domain.errors import Forbidden, NotFound
from chalicelib.domain.scope import Sight, sight, viewer, with_state_desk
from chalicelib.services import actions, aggregation, dashboards, inbox, lists, monitoring, tracking
from chalicelib.services.bundles import Aggregator, Reports
from chalicelib.services.report_tables import to_csv
from tests.fakes.reports import fake_reports
from tests.fakes.world import SECRET, World, officer_id

MOBILE = "+919812345678"
FORM = {
    "department": "REVENUE",
    "district": "SEHORE",
    "block": "SEHORE-BUDHNI",
    "name": "रमेश कुमार",
    "description": "तीन महीने से आवेदन लंबित है।",
}
KINDS: dict[str, dict[str, str]] = {
    "general": {"category": "complaint", "subject": "खसरा नकल नहीं मिली"},
    "corruption": {"category": "corruption", "accused_level": "below_district_head", "subject": "पटवारी ने रिश्वत मांगी"},
    "state_desk": {"category": "corruption", "accused_level": "district_head_or_above", "subject": "एसडीएम ने रिश्वत ली"},
}
INTERIM = {"action": "interim", "remarks": "जाँच जारी"}


@dataclass(frozen=True)
class Tier:
    posts: tuple[str, ...] = ()
    groups: tuple[str, ...] = ("officer",)
    citizen: str | None = None  # a citizen's verified mobile instead of a login


TIERS = {
    "citizen": Tier(citizen=MOBILE),
    "other_citizen": Tier(citizen="+919800000009"),
    "L1": Tier(("REVENUE:L1:SEHORE-BUDHNI",)),
    "L2": Tier(("REVENUE:L2:SEHORE",)),
    "L3": Tier(("REVENUE:L3:BHOPAL",)),
    "L4": Tier(("REVENUE:L4:STATE",), ("officer", "monitor")),
    "collector": Tier(("COLLECTOR:L2:SEHORE",), ("officer", "monitor")),
    "commissioner": Tier(("COMMISSIONER:L3:BHOPAL",), ("officer", "monitor")),
    "nodal_own": Tier((nodal_post("SEHORE"),), ("nodal", "officer")),
    "nodal_other": Tier((nodal_post("INDORE"),), ("nodal", "officer")),
    "cce": Tier((), ("cce",)),
    "admin": Tier((), ("admin",)),
    "state_desk": Tier((STATE_DESK_POST,)),
}

# What each tier sees of each kind: "all" (with name and mobile), "anon" (without), "-" (404).
SEES = {
    #                 general  corruption  state_desk
    "citizen": ("all", "all", "all"),
    "other_citizen": ("-", "-", "-"),
    "L1": ("all", "-", "-"),  # the accused's own block officer never sees a corruption complaint
    "L2": ("all", "anon", "-"),
    "L3": ("all", "-", "-"),  # the general chain's divisional officer is no part of the corruption chain
    "L4": ("all", "anon", "-"),
    "collector": ("-", "anon", "-"),
    "commissioner": ("-", "anon", "-"),
    "nodal_own": ("all", "anon", "-"),
    "nodal_other": ("-", "-", "-"),
    "cce": ("all", "all", "all"),
    "admin": ("all", "anon", "anon"),
    "state_desk": ("-", "-", "anon"),
}
# An interim reply by each tier: "ok", or the error's status (403 sees but may not, 404 does not see).
ACTS = {
    "citizen": (404, 404, 404),
    "other_citizen": (404, 404, 404),
    "L1": ("ok", 404, 404),
    "L2": (403, "ok", 404),
    "L3": (403, 404, 404),
    "L4": (403, 403, 404),
    "collector": (404, 403, 404),
    "commissioner": (404, 403, 404),
    "nodal_own": (403, 403, 404),
    "nodal_other": (404, 404, 404),
    "cce": (404, 404, 404),
    "admin": (404, 404, 404),
    "state_desk": (404, 404, "ok"),
}
# Whether the complaint's line is in Sehore's district list and in Revenue's department list
# ("x": the list itself is out of the tier's scope, 404). Tiers outside the monitoring group
# have no list at all.
LISTED = {
    #                district list          department list
    "L4": ((True, True, False), (True, True, False)),
    "collector": ((True, True, False), "x"),
    "commissioner": ((True, True, False), "x"),
    "admin": ((True, True, False), (True, True, False)),
}


def caller(w: World, name: str) -> Caller:
    t = TIERS[name]
    if t.citizen:
        return Caller(CITIZEN, t.citizen)
    who = f"{name}.user"
    for post in t.posts:
        w.post_officer(post, who)
    return Caller(STAFF, who, frozenset(t.groups))


def staffed(kind: str) -> tuple[World, Complaint]:
    """A world with an officer on every post of the three chains, and one complaint of `kind`."""
    from chalicelib.services.intake import file_complaint

    w = World()
    for t in TIERS.values():
        for post in t.posts:
            w.post_officer(post)
    c, _ = file_complaint(Caller(CITIZEN, MOBILE), {**FORM, **KINDS[kind]}, None, w.desk())
    return w, c


def reports(w: World) -> Reports:
    aggregates, store = fake_reports(False, w.complaints)
    return Reports(w.directory, aggregates, store, w.complaints, w.clock, SECRET)


STATUS = {NotFound: 404, Forbidden: 403}


def outcome(fn: Any, *args: Any) -> Any:
    """The result, or the HTTP status the refusal becomes (404 out of sight, 403 not allowed)."""
    try:
        return fn(*args)
    except (NotFound, Forbidden) as e:
        return STATUS[type(e)]


CASES = [(tier, i, kind) for tier in TIERS for i, kind in enumerate(KINDS)]


@pytest.mark.parametrize("tier, i, kind", CASES, ids=[f"{t}-{k}" for t, _, k in CASES])
def test_each_tier_sees_exactly_its_complaints_and_names_only_where_allowed(tier: str, i: int, kind: str) -> None:
    w, c = staffed(kind)
    who = caller(w, tier)
    got = outcome(tracking.full_view, c.reference, who, w.complaints, w.directory)
    want = SEES[tier][i]
    if want == "-":
        assert got == 404
        return
    assert isinstance(got, dict) and got["reference"] == c.reference and got["subject"] == KINDS[kind]["subject"]
    assert got["history"][0]["event"] == "registered"
    personal = {k: got.get(k) for k in ("name", "mobile")}
    assert personal == ({"name": FORM["name"], "mobile": MOBILE} if want == "all" else {"name": None, "mobile": None})


@pytest.mark.parametrize("tier, i, kind", CASES, ids=[f"{t}-{k}" for t, _, k in CASES])
def test_each_tier_acts_only_where_it_stands_and_out_of_sight_is_404(tier: str, i: int, kind: str) -> None:
    w, c = staffed(kind)
    who = caller(w, tier)
    got = outcome(actions.act, who, c.reference, INTERIM, w.desk())
    want = ACTS[tier][i]
    if want == "ok":
        assert isinstance(got, Complaint) and got.version == c.version + 1
        assert w.complaints.history(c.reference)[-1].event == "interim"
    else:
        assert got == want
        assert w.complaints.get(c.reference) == c  # nothing changed
    # The pages offer what act accepts: nothing at all where the complaint is out of sight.
    if want == 404 and who.kind == STAFF:
        assert actions.allowed_actions(who, c, w.directory) == []


@pytest.mark.parametrize("tier", list(TIERS))
def test_only_monitoring_officers_have_lists_and_state_desk_complaints_are_never_listed(tier: str) -> None:
    w = World()
    for t in TIERS.values():
        for post in t.posts:
            w.post_officer(post)
    from chalicelib.services.intake import file_complaint

    made = [file_complaint(Caller(CITIZEN, MOBILE), {**FORM, **KINDS[k]}, None, w.desk())[0] for k in KINDS]
    deps, who = reports(w), caller(w, tier)
    if who.kind != STAFF or tier not in LISTED:
        with pytest.raises(NotFound):
            monitoring.viewer(who, deps)
        return
    v = monitoring.viewer(who, deps)
    for fn, code, want in (
        (lists.district_list, "SEHORE", LISTED[tier][0]),
        (lists.department_list, "REVENUE", LISTED[tier][1]),
    ):
        if want == "x":
            with pytest.raises(NotFound):
                fn(code, None, None, v, deps)
            continue
        page = fn(code, None, None, v, deps)
        seen = {row["reference"] for row in page["complaints"]}
        assert [c.reference in seen for c in made] == list(want), (fn.__name__, code)
        assert all(not {"name", "mobile"} & set(row) for row in page["complaints"])
        assert KINDS["state_desk"]["subject"] not in repr(page)


def test_dashboards_count_the_state_desk_complaint_without_describing_it() -> None:
    w, c = staffed("state_desk")
    from chalicelib.services.intake import file_complaint

    file_complaint(Caller(CITIZEN, MOBILE), {**FORM, **KINDS["general"]}, None, w.desk())
    deps = reports(w)
    feed = Aggregator(deps.monitoring, deps.aggregates, w.calendar, w.clock)
    for ref in list(w.complaints.items):
        for e in w.complaints.history(ref):
            aggregation.on_history(e, ref, feed)
    for tier, view, code in (
        ("collector", dashboards.district, "SEHORE"),
        ("commissioner", dashboards.district, "SEHORE"),
        ("L4", dashboards.department, "REVENUE"),
    ):
        who = caller(w, tier)
        scope = monitoring.viewer_scope(who.id, who.groups, deps)
        out = view(code, None, scope, deps, "hi", None, True)
        row = next(r for r in out["rows"] if r["code"] in ("REVENUE", "SEHORE"))
        assert (row["received"], row["pending"]) == (2, 2), tier  # the general one and the State desk's
        text = to_csv(out["columns"], out["rows"]) + repr(out)
        assert KINDS["state_desk"]["subject"] not in text and c.reference not in text, tier


def test_the_district_nodal_officer_manages_their_own_district_only() -> None:
    move = {"action": "transfer", "to_department": "ENERGY", "remarks": "बिजली का मामला"}
    for kind, own in (("general", True), ("corruption", True), ("state_desk", False)):
        w, c = staffed(kind)
        other = caller(w, "nodal_other")
        assert outcome(actions.act, other, c.reference, move, w.desk()) == 404, kind
        nodal = caller(w, "nodal_own")
        if own:
            assert actions.allowed_actions(nodal, c, w.directory) == ["transfer"], kind
            moved = actions.act(nodal, c.reference, move, w.desk())
            assert (moved.department, moved.level) == ("ENERGY", 1), kind
        else:  # the State desk's complaint is not the district's to move
            assert actions.allowed_actions(nodal, c, w.directory) == []
            assert outcome(actions.act, nodal, c.reference, move, w.desk()) == 404
            assert w.complaints.get(c.reference) == c


def test_an_officer_of_the_accused_block_never_sees_it_even_holding_a_post_of_its_chain() -> None:
    w, corrupt = staffed("corruption")
    from chalicelib.services.intake import file_complaint

    general, _ = file_complaint(Caller(CITIZEN, MOBILE), {**FORM, **KINDS["general"]}, None, w.desk())
    # The Budhni block officer also holds the district office head's post (additional charge),
    # the post the corruption complaint is with.
    w.post_officer("REVENUE:L1:SEHORE-BUDHNI", "tehsildar.budhni")
    w.post_officer("REVENUE:L2:SEHORE", "tehsildar.budhni", charge="additional")
    who = Caller(STAFF, "tehsildar.budhni", frozenset({"officer"}))
    assert outcome(tracking.full_view, corrupt.reference, who, w.complaints, w.directory) == 404
    assert outcome(actions.act, who, corrupt.reference, INTERIM, w.desk()) == 404
    box = inbox.inbox(who.id, w.directory, w.complaints, None, SECRET)
    assert [i["reference"] for i in box["complaints"]] == [general.reference]
    # The district office head on regular charge sees it, without who complained.
    head = Caller(STAFF, officer_id("REVENUE:L2:SEHORE"))
    assert [i["reference"] for i in inbox.inbox(head.id, w.directory, w.complaints, None, SECRET)["complaints"]] == [
        corrupt.reference
    ]


def test_the_state_desk_inbox_has_its_complaints_and_nobody_elses_does() -> None:
    w, c = staffed("state_desk")
    assert with_state_desk(c)
    for tier in ("L2", "collector", "nodal_own", "state_desk"):
        who = caller(w, tier)
        refs = [i["reference"] for i in inbox.inbox(who.id, w.directory, w.complaints, None, SECRET)["complaints"]]
        assert refs == ([c.reference] if tier == "state_desk" else []), tier


def test_sight_after_resolution_still_keeps_the_state_desk_complaint_apart() -> None:
    """Resolved, the State desk's complaint is no longer `state_government`: its chain still says whose it is."""
    from dataclasses import replace

    w, c = staffed("state_desk")
    done = replace(c, status="resolved")
    collector = caller(w, "collector")
    v = viewer(collector, w.directory.posts_held(collector.id))
    assert sight(v, done) == Sight()
    desk = caller(w, "state_desk")
    assert sight(viewer(desk, w.directory.posts_held(desk.id)), done) == Sight(True, False, False, "state_desk")


def test_a_commissioner_lists_only_the_districts_of_their_division() -> None:
    w, c = staffed("general")
    who = caller(w, "commissioner")
    v = viewer(who, w.directory.posts_held(who.id))
    assert sight(v, c, lambda d: {"SEHORE": "BHOPAL"}.get(d)).listed
    assert not sight(v, c, lambda d: "INDORE").listed
    with pytest.raises(NotFound):
        lists.district_list("INDORE", None, None, monitoring.viewer(who, reports(w)), reports(w))
