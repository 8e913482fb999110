"""The phone lines' Lambdas on the in-memory world: Connect's event in, a flat map of strings
out, the same use cases as the API underneath (status by reference, the caller's own
complaints, the officer's inbox and standing), and what the caller hears."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest

from chalicelib import bootstrap
from chalicelib.adapters.voice import contact_attributes
from chalicelib.domain import messages
from chalicelib.domain.actor import CITIZEN, LINK, STAFF, Caller
from chalicelib.domain.calendar import ist_date
from chalicelib.domain.complaint import Complaint
from chalicelib.domain.directory import Officer, Posting, nodal_post
from chalicelib.domain.errors import Forbidden, InvalidInput
from chalicelib.events import connect
from chalicelib.pages import speech
from chalicelib.services import actions, ivr, officer_links
from chalicelib.services.intake import file_complaint
from chalicelib.services.notify import deliver
from tests.fakes.world import World
from tests.unit.test_desk_services import FORM, MOBILE, RESOLVE, escalate

STRANGER = "+919000000009"
L1 = "REVENUE:L1:SEHORE-BUDHNI"


@pytest.fixture
def w() -> Iterator[World]:
    world = World()
    bootstrap.override(
        complaints=world.complaints,
        directory=world.directory,
        calendar=world.calendar,
        clock=world.clock,
        callbacks=world.callbacks_store,
        notify_queue=world.queue,
        timers=world.timers,
    )
    yield world
    bootstrap.reset()


def event(caller: str = STRANGER, contact: str = "contact-1", **params: str) -> dict[str, Any]:
    return {
        "Name": "ContactFlowEvent",
        "Details": {
            "ContactData": {
                "Attributes": {"lang": params.pop("attr_lang", "hi")},
                "ContactId": contact,
                "CustomerEndpoint": {"Address": caller, "Type": "TELEPHONE_NUMBER"},
            },
            "Parameters": params,
        },
    }


def file(w: World, mobile: str = MOBILE, **over: Any) -> Any:
    c, _ = file_complaint(Caller(CITIZEN, mobile), {**FORM, **over}, None, w.desk())
    return c


def stored(w: World, reference: str) -> Complaint:
    c = w.complaints.get(reference)
    assert c is not None
    return c


def spaced(reference: str) -> str:
    return f'<say-as interpret-as="digits">{reference}</say-as>'


def test_the_callers_complaints_newest_first_and_those_not_closed(w: World) -> None:
    older = file(w)
    w.clock.advance(hours=1)
    newer = file(w)
    w.complaints.move(replace(older, status="closed"))
    out = connect.connect_callers_complaints(event(MOBILE), None)
    assert out == {"outcome": "known", "count": "2", "latest": newer.reference, "pending_references": newer.reference}
    assert connect.connect_callers_complaints(event(STRANGER), None) == {
        "outcome": "none",
        "count": "0",
        "latest": "",
        "pending_references": "",
    }


def test_a_wrong_check_digit_is_read_back_and_said_plainly(w: World) -> None:
    c = file(w)
    wrong = c.reference[:-1] + str((int(c.reference[-1]) + 1) % 10)
    out = connect.connect_complaint_status(event(reference=wrong), None)
    assert out["outcome"] == "bad_reference"
    assert spaced(wrong) in out["ssml"] and "यह शिकायत क्रमांक सही नहीं है" in out["ssml"]
    assert connect.connect_complaint_status(event(reference="Timeout"), None)["outcome"] == "no_input"
    assert connect.connect_complaint_status(event(reference=""), None)["outcome"] == "no_input"


def test_an_unknown_reference_is_not_found(w: World) -> None:
    from chalicelib.domain.reference import new_reference

    out = connect.connect_complaint_status(event(reference=new_reference()), None)
    assert out["outcome"] == "unknown" and "कोई शिकायत नहीं मिली" in out["ssml"]


def test_a_stranger_hears_the_public_status_and_the_complainant_the_subject_too(w: World) -> None:
    c = file(w, subject="नल & पानी")
    public = connect.connect_complaint_status(event(STRANGER, reference=c.reference, lang="en"), None)
    assert public["outcome"] == "found" and public["status"] == "open"
    assert '<lang xml:lang="en-IN">' in public["ssml"]
    assert "registered on 23 November 2026" in public["ssml"] and "Revenue Department" in public["ssml"]
    assert f"Action is due by {speech.day_of(c.due_at, 'en')}." in public["ssml"]
    assert "नल" not in public["ssml"] and MOBILE not in public["ssml"]
    own = connect.connect_complaint_status(event(MOBILE, reference=c.reference), None)
    assert "विषय: नल &amp; पानी" in own["ssml"] and "23 नवंबर 2026" in own["ssml"]


def test_resolved_and_closed_complaints_say_so(w: World) -> None:
    c = file(w)
    w.complaints.move(replace(c, status="resolved"))
    out = connect.connect_complaint_status(event(reference=c.reference), None)
    assert "निराकरण दर्ज किया है" in out["ssml"] and "अंतिम तिथि" not in out["ssml"]
    w.complaints.move(replace(c, status="closed"))
    assert "बंद हो चुकी है" in connect.connect_complaint_status(event(reference=c.reference), None)["ssml"]


def test_an_officer_is_known_by_a_mobile_that_holds_a_post_today(w: World) -> None:
    o = w.post_officer(L1)
    out = connect.connect_officer_identify(event(o.mobile), None)
    assert (out["outcome"], out["officer_id"], out["posts"]) == ("officer", o.officer_id, L1)
    assert f"नमस्कार {o.name}" in out["ssml"]
    retired = Officer("retired.one", "R & D", "अधिकारी", "+917111111111")
    w.directory.put_officers([retired])
    w.directory.put_postings([Posting(L1, "retired.one", "regular", "2020-01-01", "2025-01-01", "retirement")])
    assert connect.connect_officer_identify(event(retired.mobile), None) == {"outcome": "unknown"}
    assert connect.connect_officer_identify(event(STRANGER), None) == {"outcome": "unknown"}


def test_the_officer_hears_the_count_and_the_three_most_urgent_with_days_left(w: World) -> None:
    o = w.post_officer(L1)
    refs = []
    for i in range(4):
        refs.append(file(w, subject=f"विषय {i}").reference)
        w.clock.advance(days=1)
    out = connect.connect_officer_pending(event(o.mobile, officer_id=o.officer_id), None)
    assert out["outcome"] == "ok" and out["pending"] == "4"
    ssml = out["ssml"]
    assert "आपके पदों पर 4 शिकायतें लंबित हैं" in ssml
    due = {r: stored(w, r).due_at for r in refs}
    said = sorted((ssml.index(spaced(r)), r) for r in refs if spaced(r) in ssml)
    assert len(said) == 3 and [due[r] for _, r in said] == sorted(due[r] for _, r in said)
    assert max(due.values()) == due[next(r for r in refs if spaced(r) not in ssml)]
    first = said[0][1]
    left = ivr.working_days_left(ist_date(w.clock.now()), ist_date(datetime.fromisoformat(due[first])), w.calendar)
    assert left > 0 and f"{spaced(first)}, विषय {refs.index(first)}, {left} कार्य दिवस शेष" in ssml
    nobody = w.post_officer("ENERGY:L1:SEHORE-BUDHNI")
    none = connect.connect_officer_pending(event(nobody.mobile, officer_id=nobody.officer_id, lang="en"), None)
    assert "No complaint is waiting on your posts" in none["ssml"]


def test_working_days_left_count_to_the_due_day_and_past_it() -> None:
    from datetime import date

    from tests.fakes.outside import FakeCalendar

    cal = FakeCalendar()
    friday, monday, wednesday = date(2026, 11, 27), date(2026, 11, 30), date(2026, 12, 2)
    assert ivr.working_days_left(friday, wednesday, cal) == 3
    assert ivr.working_days_left(friday, friday, cal) == 0
    assert ivr.working_days_left(wednesday, monday, cal) == -2


def test_an_officer_may_record_on_their_post_or_one_that_lapsed_and_nothing_else(w: World) -> None:
    l1 = w.post_officer(L1)
    other = w.post_officer("ENERGY:L1:SEHORE-BUDHNI")
    c = file(w)
    mine = connect.connect_officer_reference(event(l1.mobile, officer_id=l1.officer_id, reference=c.reference), None)
    assert (mine["outcome"], mine["lapsed"], mine["reference"]) == ("ok", "false", c.reference)
    theirs = connect.connect_officer_reference(
        event(other.mobile, officer_id=other.officer_id, reference=c.reference), None
    )
    assert theirs["outcome"] == "not_theirs" and c.reference not in theirs["ssml"]
    bad = c.reference[:-1] + str((int(c.reference[-1]) + 1) % 10)
    assert (
        connect.connect_officer_reference(event(officer_id=l1.officer_id, reference=bad), None)["outcome"]
        == "bad_reference"
    )
    escalate(w, c)
    late = connect.connect_officer_reference(event(officer_id=l1.officer_id, reference=c.reference), None)
    assert (late["outcome"], late["lapsed"], late["acting_level"]) == ("ok", "true", "1")
    assert "कार्रवाई विलंब से दर्ज होगी" in late["ssml"]
    w.complaints.move(replace(stored(w, c.reference), status="closed"))
    done = connect.connect_officer_reference(event(officer_id=l1.officer_id, reference=c.reference), None)
    assert done["outcome"] == "not_pending"


def test_the_executive_records_the_officers_update_as_the_officer_naming_both(w: World) -> None:
    l1 = w.post_officer(L1)
    c = escalate(w, file(w))
    executive = Caller(STAFF, "cce1", frozenset({"cce"}))
    with pytest.raises(Forbidden):
        actions.act_for_officer(Caller(STAFF, "someone"), l1.officer_id, "call-1", c.reference, RESOLVE, w.desk())
    with pytest.raises(InvalidInput):
        transfer = {"action": "transfer", "to_department": "ENERGY", "remarks": "x"}
        actions.act_for_officer(executive, l1.officer_id, "call-1", c.reference, transfer, w.desk())
    after = actions.act_for_officer(executive, l1.officer_id, "call-1", c.reference, RESOLVE, w.desk())
    assert after.status == "resolved" and after.resolved_level == 1
    last = w.complaints.history(c.reference)[-1]
    assert last.actor == f"staff:{l1.officer_id}"
    assert last.details["late"] is True
    assert (last.details["recorded_by"], last.details["via"], last.details["contact"]) == (
        "staff:cce1",
        "tollfree",
        "call-1",
    )


def test_the_sms_link_again_goes_to_the_number_called_once_per_call(w: World) -> None:
    c = file(w)
    holder = w.post_officer(L1)
    out = connect.connect_officer_link_again(event(holder.mobile, contact="c-9", reference=c.reference), None)
    assert out == {"outcome": "sent"}
    (job,) = w.queue.take()
    assert (job["channel"], job["to_mobile"], job["to_post"]) == ("sms", holder.mobile, L1)
    assert job["job"].endswith(":again:c-9") and "link" not in job["params"]
    other = w.post_officer(L1, "sdm.incharge", charge="additional")
    assert deliver(job, w.notifier()) == 1  # to the number called only, with a link of its own
    [text] = w.sms.to(holder.mobile)
    assert w.sms.to(other.mobile) == []
    token = text.rsplit("/o/", 1)[1]
    assert officer_links.resolve(token, w.officer_links()) == Caller(LINK, c.assignment_id, holder=holder.officer_id)
    # A number that holds neither the post nor the nodal post is told so, and nothing is queued.
    out = connect.connect_officer_link_again(event(STRANGER, contact="c-10", reference=c.reference), None)
    assert out == {"outcome": "not_holder"} and w.queue.take() == []
    nodal = w.post_officer(nodal_post("SEHORE"))
    assert connect.connect_officer_link_again(event(nodal.mobile, reference=c.reference), None) == {
        "outcome": "not_holder"  # the post has holders: the nodal officer is not one
    }
    assert w.queue.take() == []
    w.complaints.move(replace(c, status="resolved"))
    assert connect.connect_officer_link_again(event(holder.mobile, reference=c.reference), None) == {
        "outcome": "not_pending"
    }


def test_every_invocation_is_logged_with_its_contact_id_and_a_failure_is_raised(
    w: World, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.INFO, logger="chalicelib.events.connect")
    c = file(w)
    connect.connect_complaint_status(event(contact="contact-42", reference=c.reference), None)
    assert "contact=contact-42 outcome=found" in caplog.text and c.reference not in caplog.text
    assert MOBILE not in caplog.text

    def down(*args: Any) -> Any:
        raise RuntimeError("store down")

    monkeypatch.setattr(ivr, "status_by_reference", down)
    with pytest.raises(RuntimeError):
        connect.connect_complaint_status(event(contact="contact-43", reference=c.reference), None)
    assert "complaint_status contact=contact-43 failed" in caplog.text


def test_the_survey_answer_is_logged_with_its_contact_id_like_every_connect_lambda(
    w: World, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from chalicelib.events import callbacks

    caplog.set_level(logging.INFO, logger="chalicelib.events.connect")
    c = file(w)
    w.complaints.move(replace(c, status="resolved", resolved_level=1))
    out = callbacks.connect_survey_answer(event(MOBILE, contact="contact-77", answer="1", reference=c.reference), None)
    assert out == {"status": "recorded"} and stored(w, c.reference).status == "closed"
    assert "connect survey_answer contact=contact-77 outcome=recorded" in caplog.text
    assert c.reference not in caplog.text and MOBILE not in caplog.text
    bad = callbacks.connect_survey_answer(event(MOBILE, contact="contact-78", answer="7", reference=c.reference), None)
    assert bad == {"status": "invalid_answer"} and "contact=contact-78 outcome=invalid_answer" in caplog.text

    def down(*args: Any) -> Any:
        raise RuntimeError("store down")

    monkeypatch.setattr(actions, "record_satisfaction", down)
    with pytest.raises(RuntimeError):
        callbacks.connect_survey_answer(event(MOBILE, contact="contact-79", answer="2", reference=c.reference), None)
    assert "survey_answer contact=contact-79 failed" in caplog.text


def test_dates_are_said_as_people_say_them_and_numbers_digit_by_digit() -> None:
    assert speech.day_of("2026-12-02T18:29:59+00:00", "hi") == "2 दिसंबर 2026"
    assert speech.day_of("2026-12-02T18:30:00+00:00", "en") == "3 December 2026"  # midnight in India
    assert speech.digits("98-93 04") == '<say-as interpret-as="digits">989304</say-as>'
    assert speech.speak("en", "a", "", "b") == '<speak><lang xml:lang="en-IN">a b</lang></speak>'
    assert speech.lang_of("fr") == "hi"


def test_a_capped_count_says_at_least() -> None:
    p = ivr.Pending(500, True, [])
    assert "कम से कम 500" in speech.pending(p, "hi")
    assert "At least 500 complaints" in speech.pending(p, "en")


def _outbound(attributes: dict[str, str], to: str) -> tuple[Any, dict[str, Any]]:
    from app import app
    from devstack.flows import Runner, Stage
    from devstack.telephone import lambdas_of

    runner = Runner(Stage.of_template(lambdas_of(app), lambda: bootstrap.get_clock().now()))
    contact = runner.contact("OutboundCallFlow", to, "+911800233018", attributes, method="API")
    return runner, contact


SURVEY_WORDS = {
    "en": ("Press 1 if you are satisfied", "Thank you, your answer has been recorded", "We did not get your answer"),
    "hi": ("संतुष्ट हैं तो 1 दबाएँ", "धन्यवाद, आपका उत्तर दर्ज हो गया है", "हमें आपका उत्तर नहीं मिला"),
}


@pytest.mark.parametrize("lang", ["hi", "en"])
def test_the_survey_call_records_the_complainants_key_through_the_deployable_flow_in_their_language(
    w: World, lang: str
) -> None:
    c = file(w)
    w.complaints.move(replace(c, status="resolved", resolved_level=1))
    from chalicelib.services.callbacks import survey_script

    asks, thanks, missed = SURVEY_WORDS[lang]
    _, not_thanks, not_missed = SURVEY_WORDS["en" if lang == "hi" else "hi"]  # the other language's
    call = {"reference": c.reference, "survey": "1", "lang": lang}  # as the dispatcher places it
    runner, contact = _outbound({**call, "script": survey_script(c.reference, lang)}, MOBILE)
    heard = runner.start(contact)
    assert contact["flow"] == "SatisfactionSurveyFlow" and asks in heard[0]
    said = " ".join(runner.press(contact, "1"))
    assert thanks in said and not_thanks not in said
    assert stored(w, c.reference).status == "closed" and contact["state"] == "ended"
    runner, contact = _outbound({**call, "script": "x"}, MOBILE)
    runner.start(contact)
    said = " ".join(runner.press(contact, "") + runner.press(contact, ""))
    assert missed in said and not_missed not in said


def _officers_call(w: World, mobile: str) -> tuple[str, dict[str, str]]:
    """The call the notifier places to `mobile` for the jobs the reactor queued: its script
    and the attributes Connect's contact starts with (as the Connect adapter builds them)."""
    w.react_all()
    w.deliver_all()
    [(_, script, attributes, _)] = [c for c in w.voice.calls if c[0] == mobile]
    return script, contact_attributes(script, attributes)


def test_the_officers_call_says_a_new_complaint_its_number_subject_and_the_day_to_act_by(w: World) -> None:
    holder = w.post_officer(L1)
    c = file(w, subject="हैंडपंप <खराब> है")
    script, attributes = _officers_call(w, holder.mobile)
    assert script.startswith('<speak><lang xml:lang="hi-IN">') and '<lang xml:lang="en-IN">' in script
    assert script.index('xml:lang="hi-IN"') < script.index('xml:lang="en-IN"')  # Hindi first
    runner, contact = _outbound(attributes, holder.mobile)
    said = runner.start(contact)[0]
    assert contact["flow"] == "OfficerNotificationFlow"
    due = datetime.fromisoformat(c.due_at)
    hi_due, en_due = speech.day_of(c.due_at, "hi"), speech.day_of(c.due_at, "en")
    assert f"आपको एक नई शिकायत सौंपी गई है, क्रमांक {' '.join(c.reference)}।" in said
    assert "विषय: हैंडपंप <खराब> है।" in said and f"कृपया {hi_due} तक कार्रवाई दर्ज करें।" in said
    assert f"A new complaint has been assigned to you: number {' '.join(c.reference)}." in said
    assert f"Please record your action by {en_due}." in said
    assert due.strftime("%d-%m-%Y") not in said and "-2026" not in said
    assert "&lt;खराब&gt;" in script  # the citizen's text is escaped, never markup


def test_an_officer_who_chose_english_hears_english_and_an_escalation_says_so(w: World) -> None:
    holder = w.post_officer(L1)
    w.directory.put_officers([replace(holder, lang="en")])
    c = file(w, subject="Hand pump broken")
    script, attributes = _officers_call(w, holder.mobile)
    assert 'xml:lang="hi-IN"' not in script
    said = _outbound(attributes, holder.mobile)
    heard = said[0].start(said[1])[0]
    assert heard.startswith("Hello, this is CM Helpline 181. A new complaint")
    assert "Subject: Hand pump broken." in heard and f"by {speech.day_of(c.due_at, 'en')}." in heard
    escalated = messages.call_script("officer_escalated", {"reference": c.reference, "due_at": c.due_at}, "hi")
    assert "समय-सीमा पार होने से एक शिकायत आपके स्तर पर आई है" in escalated and "विषय" not in escalated


def test_the_officers_call_repeats_on_1_and_sends_the_link_again_on_2(w: World) -> None:
    holder = w.post_officer(L1)
    c = file(w)
    _, attributes = _officers_call(w, holder.mobile)
    runner, contact = _outbound(attributes, holder.mobile)
    first = runner.start(contact)[0]
    assert c.reference in first.replace(" ", "")
    assert runner.press(contact, "1")[0] == first
    said = " ".join(runner.press(contact, "2"))
    assert "The link has been sent again by SMS" in said and contact["state"] == "ended"
    (job,) = w.queue.take()
    assert job["to_mobile"] == holder.mobile and job["job"].endswith(f":again:{contact['call']}")


def test_the_link_again_to_a_number_that_no_longer_holds_the_post_says_so_and_sends_nothing(w: World) -> None:
    holder = w.post_officer(L1)
    file(w)
    _, attributes = _officers_call(w, holder.mobile)
    w.directory.end_posting(w.directory.current_holders(L1)[0], "2026-11-23T06:00:00+00:00", "transfer")
    successor = w.post_officer(L1, "successor.one")
    runner, contact = _outbound(attributes, holder.mobile)
    runner.start(contact)
    said = " ".join(runner.press(contact, "2"))
    assert "so no link was sent" in said and "इसलिए लिंक नहीं भेजा गया" in said
    assert "sent again" not in said and "1 8 0 0 2 3 3 0 1 8 3" in said and contact["state"] == "ended"
    assert w.queue.take() == [] and w.sms.to(successor.mobile) == []


def test_one_waiting_complaint_is_said_in_the_singular() -> None:
    one = ivr.Pending(1, False, [])
    assert "आपके पदों पर 1 शिकायत लंबित है।" in speech.pending(one, "hi")
    assert "1 complaint is waiting on your posts" in speech.pending(one, "en")
    at_least = ivr.Pending(1, True, [])
    assert "At least 1 complaints are waiting" in speech.pending(at_least, "en")  # a capped count stays plural
