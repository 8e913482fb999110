"""Postings on the in-memory world: who manages which post, the groups that follow the posts
held, a transfer's handover (the inbox, the links already sent), an additional charge, the
CSV's all-or-nothing, and the vacancies."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest

from chalicelib.domain.actor import LINK, STAFF, Caller
from chalicelib.domain.directory import ADMIN_POST, Post
from chalicelib.domain.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthorized
from chalicelib.domain.postings import groups_for, manager_of, parse_posting_id, posting_id, temporary_password
from chalicelib.domain.tokens import LinkGrant
from chalicelib.services import directory_import, inbox, link_holder, notify, officer_links, postings, roster
from chalicelib.services.bundles import Postings
from tests.fakes.world import MONDAY, SECRET, World

NODAL = Caller(STAFF, "nodal.district.sehore", frozenset({"nodal", "officer"}))
POST = "HEALTH:L1:SEHORE-ICHHAWAR"
ORDER = {"order_no": "क्र. 1", "order_date": "2026-11-20"}


def sent_link(w: World, assignment: str, post: str, officer_id: str) -> str:
    """The token of an SMS link to `assignment`, as the notifier issues it to `officer_id`
    as the holder of `post`."""
    return officer_links.issue(LinkGrant(assignment, post, officer_id, MONDAY.replace(year=2027)), w.link_store)


def world() -> tuple[World, Postings]:
    w = World()
    w.post_officer("NODAL:DISTRICT:SEHORE", NODAL.id)
    return w, Postings(w.directory, w.staff_auth, w.sms, w.clock, "https://181.example.in/officer")


def new_officer(mobile: str = "+919826100181", **kw: str) -> dict[str, str]:
    return {"name": "डॉ. अंजलि", "designation": "बीएमओ", "mobile": mobile, "kind": "regular", **ORDER, **kw}


def test_who_manages_what_follows_the_posts_held() -> None:
    sehore = Post("HEALTH:L2:SEHORE", "HEALTH", "L2", "SEHORE", "SEHORE", "", "")
    state = Post("HEALTH:L3:BHOPAL", "HEALTH", "L3", "BHOPAL", None, "", "")
    district = manager_of(["NODAL:DISTRICT:SEHORE"], set())
    department = manager_of(["HEALTH:NODAL:STATE"], set())
    assert district.manages(sehore) and not district.manages(state)
    assert department.manages(state) and not department.manages(sehore)
    assert not manager_of(["HEALTH:L1:SEHORE-ICHHAWAR"], {"nodal"}).any  # a stale group is not a post
    assert manager_of([ADMIN_POST], set()).everything and manager_of([], {"admin"}).everything
    assert groups_for(["COLLECTOR:L2:SEHORE"]) == {"officer", "monitor"}
    assert groups_for(["HEALTH:SECRETARY:STATE"]) == {"officer", "monitor"}
    assert groups_for(["HEALTH:NODAL:STATE"]) == {"nodal", "officer"}
    assert groups_for([]) == frozenset()


def test_posting_ids_and_temporary_passwords() -> None:
    from chalicelib.domain.directory import Posting

    p = Posting(POST, "o12345678", "regular", "2026-11-23T05:00:00+00:00")
    assert parse_posting_id(posting_id(p)) == (POST, p.start, p.officer_id)
    assert parse_posting_id("not a posting") is None and parse_posting_id("bm90LWEtcG9zdGluZw") is None
    for _ in range(50):
        pw = temporary_password()
        assert len(pw) >= 12 and re.search("[A-Z]", pw) and re.search("[a-z]", pw) and re.search("[0-9]", pw)
        assert "@" in pw


def test_a_transfer_hands_the_inbox_and_the_links_to_the_new_holder_at_once() -> None:
    w, deps = world()
    previous = w.post_officer(POST)
    token = sent_link(w, "1234567897-1", POST, previous.officer_id)
    old_link = officer_links.resolve(token, w.officer_links())
    assert old_link.holder == previous.officer_id
    link_holder.check(old_link, _complaint(POST), w.directory)  # works while they hold the post
    (held,) = w.directory.current_holders(POST)
    end = {"reason": "transfer", "order_no": "क्र. 2", "order_date": "2026-11-21"}
    out = postings.end(NODAL, posting_id(held), end, deps)
    assert out["login"] == "disabled" and w.directory.posts_held(previous.officer_id) == []
    made = postings.start(NODAL, POST, new_officer(), deps)
    assert w.directory.posts_held(made["username"]) == [POST]
    assert w.staff_auth.users[made["username"]][1] == ("officer",) and made["username"] in w.staff_auth.temporary
    sms = w.sms.to("+919826100181")[0]
    assert made["username"] in sms and w.staff_auth.users[made["username"]][0] in sms  # the password by our SMS
    with pytest.raises(Unauthorized) as refused:  # the old SMS link is refused at once
        officer_links.resolve(token, w.officer_links())
    assert refused.value.en == officer_links.NOT_HOLDER[1]
    with pytest.raises(Forbidden):  # and by the use cases, for a caller resolved before the handover
        link_holder.check(old_link, _complaint(POST), w.directory)
    new_link = officer_links.resolve(sent_link(w, "1234567897-1", POST, made["username"]), w.officer_links())
    link_holder.check(new_link, _complaint(POST), w.directory)
    link_holder.check(Caller(LINK, "x-1"), _complaint(POST), w.directory)  # a link naming no holder: as before


def _complaint(post: str) -> Any:
    from chalicelib.domain.complaint import Complaint

    return Complaint(
        reference="1234567897",
        version=1,
        category="complaint",
        department="HEALTH",
        district="SEHORE",
        block="SEHORE-ICHHAWAR",
        status="open",
        level=1,
        chain=[post],
        chain_kind="general",
        post_id=post,
        assignment_id="1234567897-1",
        assigned_at=MONDAY.isoformat(),
        due_at=MONDAY.isoformat(),
        registered_at=MONDAY.isoformat(),
        channel="web",
        mobile="+919800000001",
        name="नागरिक",
        subject="विषय",
        description="विवरण",
    )


def test_a_link_sent_to_the_nodal_officer_for_a_vacant_post_stops_once_the_post_is_filled() -> None:
    w, deps = world()
    token = sent_link(w, "1234567897-1", "NODAL:DISTRICT:SEHORE", NODAL.id)
    link_holder.check(officer_links.resolve(token, w.officer_links()), _complaint(POST), w.directory)  # vacant
    postings.start(NODAL, POST, new_officer(), deps)
    link = officer_links.resolve(token, w.officer_links())  # the nodal officer still holds their own post
    with pytest.raises(Forbidden):
        link_holder.check(link, _complaint(POST), w.directory)


def test_bad_postings_are_refused_and_write_nothing() -> None:
    w, deps = world()
    w.post_officer(POST)
    with pytest.raises(Conflict):
        postings.start(NODAL, POST, new_officer(), deps)  # a regular holder is there
    with pytest.raises(NotFound):
        postings.start(NODAL, "HEALTH:L1:INDORE-MHOW", new_officer(), deps)  # another district's
    with pytest.raises(Forbidden):
        postings.start(Caller(STAFF, "someone"), POST, new_officer(), deps)
    taken = w.directory.officer(w.directory.current_holders(POST)[0].officer_id)
    with pytest.raises(InvalidInput):
        postings.start(NODAL, "HEALTH:L2:SEHORE", new_officer(taken.mobile, name="कोई और"), deps)  # type: ignore[union-attr]
    assert w.directory.current_holders("HEALTH:L2:SEHORE") == [] and not w.sms.sent


def test_an_additional_charge_brings_a_second_posts_work_until_it_is_withdrawn() -> None:
    w, deps = world()
    made = postings.start(NODAL, POST, new_officer(), deps)
    charge = postings.start(NODAL, "HEALTH:L1:SEHORE-ASHTA", new_officer(kind="additional_charge"), deps)
    assert charge["username"] == made["username"]
    box = inbox.inbox(made["username"], w.directory, w.complaints, None, SECRET)
    assert box["posts"] == ["HEALTH:L1:SEHORE-ASHTA", POST]
    end = {"reason": "charge_withdrawn", "order_no": "3", "order_date": "2026-11-22"}
    assert postings.end(NODAL, charge["posting_id"], end, deps)["login"] == "active"
    assert w.directory.posts_held(made["username"]) == [POST]


def test_a_csv_with_a_bad_row_applies_nothing_and_a_good_one_applies_every_row() -> None:
    w, deps = world()
    head = "post_id,name,designation,mobile,kind,order_no,order_date\n"
    good = "HEALTH:L2:SEHORE,रमा,सीएमएचओ,+919826100190,regular,5,2026-11-20\n"
    for bad in (
        "HEALTH:L2:SEHORE,दूसरा,सीएमएचओ,+919826100191,regular,6,2026-11-20\n",  # a second regular holder
        "HEALTH:L2:SEHORE,रमा,सीएमएचओ,+919826100190,regular,6,2026-13-20\n",  # no such date
        "HEALTH:L2:INDORE,रमा,सीएमएचओ,+919826100190,additional_charge,6,2026-11-20\n",  # not this district's
    ):
        with pytest.raises(InvalidInput) as err:
            directory_import.import_csv(NODAL, head + good + bad, deps)
        assert [k for k in err.value.fields if k.startswith("row 2")], err.value.fields
        assert w.directory.current_holders("HEALTH:L2:SEHORE") == [] and not w.sms.sent
    with pytest.raises(InvalidInput):
        directory_import.import_csv(NODAL, "post_id,nme\n", deps)
    extra = "PHE:L2:SEHORE,रमा,सीएमएचओ,+919826100190,additional_charge,7,2026-11-20\n"
    report = directory_import.import_csv(NODAL, head + good + extra, deps)
    assert report["applied"] == 2 and report["rows"][0]["username"] == report["rows"][1]["username"]
    assert len(w.sms.to("+919826100190")) == 1  # one login, one password


def test_vacancies_list_the_posts_without_holder_and_their_waiting_complaints() -> None:
    w, deps = world()
    w.post_officer("HEALTH:L2:SEHORE")
    rows = roster.listing(NODAL, "SEHORE", "HEALTH", w.directory)
    vacant = {p["post_id"] for p in rows if p["vacant"]}
    assert "HEALTH:L2:SEHORE" not in vacant and POST in vacant
    listed = roster.vacancies(w.directory, w.complaints, "SEHORE", frozenset({"HEALTH"}))
    assert {v["post_id"] for v in listed} == vacant and all(v["waiting"] == 0 for v in listed)
    with pytest.raises(NotFound):
        roster.listing(NODAL, "INDORE", None, w.directory)
    csv_text = roster.to_csv(rows)
    assert "vacant" in csv_text and "+91" not in csv_text


def test_the_notifier_issues_each_officers_link_for_its_recipient() -> None:
    w, _ = world()  # the post is vacant: its SMS goes to the district nodal officer
    c = _complaint(POST)
    until = MONDAY.replace(year=2027).isoformat()
    job = notify.job(c, 1, "officer_new", "sms", to_post=POST, assignment=c.assignment_id, link_until=until)
    assert notify.deliver(job, w.notifier()) == 1
    nodal_mobile = w.directory.officer(NODAL.id).mobile  # type: ignore[union-attr]
    token = w.sms.to(nodal_mobile)[0].rsplit("/o/", 1)[1].split()[0]
    link = officer_links.resolve(token, w.officer_links())
    assert (link.id, link.holder) == (c.assignment_id, NODAL.id)


def test_a_posts_history_is_read_newest_first_by_its_manager_only() -> None:
    w, deps = world()
    assert postings.history(NODAL, POST, w.directory) == []
    made = postings.start(NODAL, POST, new_officer(), deps)
    w.clock.advance(hours=1)
    postings.reset_password(NODAL, made["username"], deps)
    w.clock.advance(hours=1)
    postings.end(
        NODAL, made["posting_id"], {"reason": "suspension", "order_no": "क्र. 3", "order_date": "2026-11-24"}, deps
    )
    ended, password, posted = postings.history(NODAL, POST, w.directory)
    assert [ended["event"], password["event"], posted["event"]] == ["ended", "password_reset", "posted"]
    assert posted["officer"] == "डॉ. अंजलि" and posted["username"] == made["username"] and posted["kind"] == "regular"
    assert (posted["order_no"], posted["order_date"]) == (ORDER["order_no"], ORDER["order_date"])
    assert (ended["reason"], ended["order_no"], ended["kind"]) == ("suspension", "क्र. 3", "regular")
    assert all(e["by"] == NODAL.id and e["by_name"] == "अधिकारी NODAL:DISTRICT:SEHORE" for e in (ended, posted))
    assert posted["at"] < password["at"] < ended["at"]
    # Another district's nodal officer: not found, as the post's other pages; no manager: forbidden.
    w.post_officer("NODAL:DISTRICT:RAISEN", "nodal.district.raisen")
    raisen = Caller(STAFF, "nodal.district.raisen", frozenset({"nodal", "officer"}))
    with pytest.raises(NotFound):
        postings.history(raisen, POST, w.directory)
    with pytest.raises(Forbidden):
        postings.history(Caller(STAFF, "someone", frozenset({"nodal"})), POST, w.directory)


def test_an_english_officers_login_and_new_complaint_sms_go_in_english() -> None:
    w, deps = world()
    made = postings.start(NODAL, POST, new_officer(lang="en"), deps)
    officer = w.directory.officer(made["username"])
    assert officer is not None and officer.lang == "en"
    [(_, login, template)] = w.sms.sent
    assert template == "officer_login.en" and login.startswith("CMH181 login:")
    c = _complaint(POST)
    until = MONDAY.replace(year=2027).isoformat()
    job = notify.job(c, 1, "officer_new", "sms", to_post=POST, assignment=c.assignment_id, link_until=until)
    assert notify.deliver(job, w.notifier()) == 1
    (_, text, template) = w.sms.sent[-1]
    assert template == "officer_new.en" and text.startswith("CMH181: new complaint 1234567897")
    [row] = [p for p in roster.listing(NODAL, "SEHORE", "HEALTH", w.directory) if p["post_id"] == POST]
    assert row["holders"][0]["lang"] == "en"
    [exported] = csv.DictReader(io.StringIO(roster.to_csv([row])))
    assert exported["lang"] == "en" and exported["username"] == made["username"]


def test_an_officer_is_hindi_unless_told_and_a_known_one_keeps_theirs_unless_told() -> None:
    w, deps = world()
    made = postings.start(NODAL, POST, new_officer(), deps)
    assert w.directory.officer(made["username"]).lang == "hi"  # type: ignore[union-attr]
    assert w.sms.sent[-1][2] == "officer_login.hi"
    charge = new_officer(kind="additional_charge")
    postings.start(NODAL, "HEALTH:L1:SEHORE-ASHTA", {**charge, "lang": "en"}, deps)  # the same officer, now English
    assert w.directory.officer(made["username"]).lang == "en"  # type: ignore[union-attr]
    postings.start(NODAL, "PHE:L2:SEHORE", charge, deps)  # no lang: unchanged
    assert w.directory.officer(made["username"]).lang == "en"  # type: ignore[union-attr]
    with pytest.raises(InvalidInput) as err:
        postings.start(NODAL, "REVENUE:L2:SEHORE", {**charge, "lang": "EN"}, deps)
    assert err.value.fields["lang"].en == "one of hi, en"


def test_a_csv_sets_each_officers_language_and_may_leave_the_column_out() -> None:
    w, deps = world()
    head = "post_id,name,designation,mobile,kind,order_no,order_date,lang\n"
    rows = (
        "HEALTH:L2:SEHORE,रमा,सीएमएचओ,+919826100190,regular,5,2026-11-20,en\n"
        "PHE:L2:SEHORE,श्याम,ईई,+919826100191,regular,6,2026-11-20,\n"
    )
    report = directory_import.import_csv(NODAL, head + rows, deps)
    langs = [w.directory.officer(r["username"]).lang for r in report["rows"]]  # type: ignore[union-attr]
    assert langs == ["en", "hi"]
    assert [t for _, _, t in w.sms.sent] == ["officer_login.en", "officer_login.hi"]
    with pytest.raises(InvalidInput) as err:
        directory_import.import_csv(NODAL, head + "REVENUE:L2:SEHORE,क,ख,+919826100192,regular,7,2026-11-20,fr\n", deps)
    assert set(err.value.fields) == {"row 1: lang"}


def test_a_csv_that_stopped_part_way_is_finished_by_sending_it_again_and_nothing_is_doubled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    w, deps = world()
    head = "post_id,name,designation,mobile,kind,order_no,order_date\n"
    rows = (
        "HEALTH:L2:SEHORE,रमा,सीएमएचओ,+919826100190,regular,5,2026-11-20\n"
        "PHE:L2:SEHORE,विजय,कार्यपालन यंत्री,+919826100193,regular,5,2026-11-20\n"
    )
    record = w.directory.record_posting
    calls: list[str] = []

    def refused_second(posting: Any, *args: Any) -> None:
        calls.append(posting.post_id)
        if len(calls) == 2:
            raise ConnectionError("the write's reply was lost")
        record(posting, *args)

    monkeypatch.setattr(w.directory, "record_posting", refused_second)
    with pytest.raises(ConnectionError):
        directory_import.import_csv(NODAL, head + rows, deps)
    assert [h.post_id for h in w.directory.current_holders("HEALTH:L2:SEHORE")] == ["HEALTH:L2:SEHORE"]
    assert w.directory.current_holders("PHE:L2:SEHORE") == []
    again = directory_import.import_csv(NODAL, head + rows, deps)  # the nodal officer sends it again
    assert again["applied"] == 1 and [r.get("already", False) for r in again["rows"]] == [True, False]
    assert again["rows"][0]["username"] == w.directory.current_holders("HEALTH:L2:SEHORE")[0].officer_id
    assert [len(w.directory.current_holders(p)) for p in ("HEALTH:L2:SEHORE", "PHE:L2:SEHORE")] == [1, 1]
    assert len(w.sms.to("+919826100190")) == 1 and len(w.sms.to("+919826100193")) == 1  # one password each
    # the same file a third time: every row is already there, nothing written, nothing sent
    third = directory_import.import_csv(NODAL, head + rows, deps)
    assert third["applied"] == 0 and all(r["already"] for r in third["rows"]) and len(w.sms.sent) == 2
    # a row that differs (another order number) is a new posting, refused as a second regular
    with pytest.raises(InvalidInput):
        directory_import.import_csv(NODAL, head + rows.replace(",5,2026-11-20\n", ",6,2026-11-20\n", 1), deps)
