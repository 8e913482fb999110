"""The WhatsApp channel as pure code and use cases on the in-memory fakes: the webhook's
signature and payload (the sample events of tests/integration/events), what a message asks,
the conversation (own complaints, status by reference, schemes, menu), each message answered
once, the 24-hour window, the rate limit, and the citizen's notifications as templates to
numbers that wrote."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from chalicelib.domain import chat
from chalicelib.domain.actor import CITIZEN, LINK, Caller
from chalicelib.domain.reference import verhoeff_check_digit
from chalicelib.domain.whatsapp import (
    ChatContact,
    Inbound,
    Malformed,
    number_of,
    opted_in,
    parse_delivery,
    signature,
    signed,
    template_message,
    verification,
    within_window,
)
from chalicelib.services import actions, whatsapp
from chalicelib.services.intake import file_complaint
from chalicelib.services.notify import deliver
from chalicelib.services.whatsapp import NotAnswered, answer
from devstack.schemes import load_schemes
from tests.fakes.outside import FakeQueue
from tests.fakes.world import BASE, MONDAY, World
from tests.unit.test_desk_services import CITIZEN_ME, FORM, MOBILE, RESOLVE

EVENTS = Path(__file__).resolve().parents[1] / "integration" / "events"
PHONE_ID = "100000000000181"  # the sample events' (and the local stack's) phone number id
L1 = "REVENUE:L1:SEHORE-BUDHNI"
OTHER = "+919898989898"


def event(name: str) -> dict[str, Any]:
    return json.loads((EVENTS / f"whatsapp_{name}.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.fixture
def w() -> World:
    world = World()
    world.post_officer(L1)
    return world


_ids = iter(range(1, 10_000))


def said(w: World, text: str, sender: str = MOBILE, at: Any = None, message_id: str | None = None) -> Inbound:
    return Inbound(message_id or f"wamid.unit{next(_ids)}", sender, at or w.clock.wall(), "text", text)


def ask(w: World, text: str, sender: str = MOBILE) -> str:
    done = answer(said(w, text, sender), w.chat())
    assert done.outcome == "replied", done
    assert done.reply is not None
    return done.reply


def file(w: World, **over: Any) -> Any:
    return file_complaint(CITIZEN_ME, {**FORM, **over}, None, w.desk())[0]


# ---- the platform: signature, verification, payloads -----------------------------------------


def test_a_signature_is_the_hmac_of_the_raw_body_with_the_app_secret() -> None:
    raw = json.dumps(event("text")).encode()
    good = signature(raw, "app-secret")
    assert good.startswith("sha256=") and len(good) == 7 + 64
    assert signed(raw, good, ["app-secret"])
    assert not signed(raw, good, ["another-secret"])
    assert not signed(raw + b" ", good, ["app-secret"])  # the bytes, not the parsed JSON
    assert not signed(raw, None, ["app-secret"]) and not signed(raw, "", ["app-secret"])
    assert not signed(raw, good.removeprefix("sha256="), ["app-secret"])  # the prefix is part of it
    assert not signed(raw, "sha256=" + "é" * 64, ["app-secret"])  # not ASCII: refused, no error
    assert signed(raw, good, ["new-secret", "app-secret"])  # the previous secret during a rotation
    assert not signed(raw, signature(raw, ""), [""])  # an empty secret signs nothing


def test_the_verification_request_gets_its_challenge_back_only_with_our_token() -> None:
    assert verification("subscribe", "local-verify-token", "1158201444", "local-verify-token") == "1158201444"
    assert verification("subscribe", "wrong", "1158201444", "local-verify-token") is None
    assert verification("unsubscribe", "local-verify-token", "1", "local-verify-token") is None
    assert verification("subscribe", None, "1", "local-verify-token") is None
    assert verification("subscribe", "local-verify-token", None, "local-verify-token") is None
    assert verification("subscribe", "", "1", "") is None  # no token configured: nothing matches


def test_a_text_message_is_read_with_its_sender_in_e164_and_its_time() -> None:
    delivery = parse_delivery(event("text"), PHONE_ID)
    [m] = delivery.messages
    assert (m.sender, m.kind, m.text, m.at) == (MOBILE, "text", "स्थिति", MONDAY)
    assert m.id.startswith("wamid.") and delivery.statuses == 0
    assert Inbound.from_job(json.loads(json.dumps(m.to_job()))) == m  # what the queue carries


def test_a_status_callback_an_image_and_a_button_reply() -> None:
    status = parse_delivery(event("status"), PHONE_ID)
    assert (status.messages, status.statuses) == ([], 1)
    [image] = parse_delivery(event("image"), PHONE_ID).messages
    assert (image.kind, image.text, image.type) == ("media", "", "image")
    [button] = parse_delivery(event("button"), PHONE_ID).messages
    assert (button.kind, button.text) == ("text", "1")


def test_another_numbers_messages_and_broken_items_are_left_out_and_junk_is_malformed() -> None:
    other = parse_delivery(event("text"), "999999999999")
    assert other.messages == [] and other.skipped == ["a change for another phone number"]
    broken = event("text")
    message = broken["entry"][0]["changes"][0]["value"]["messages"][0]
    broken["entry"][0]["changes"][0]["value"]["messages"] = [
        {**message, "from": "12"},
        {**message, "timestamp": "yesterday"},
        {**message, "id": None},
        "not an object",
        {**message, "type": "reaction", "reaction": {"emoji": "👍"}},
        {**message, "type": "text", "text": "not an object"},
    ]
    out = parse_delivery(broken, PHONE_ID)
    assert len(out.skipped) == 5 and [m.kind for m in out.messages] == ["other"]
    junks: tuple[Any, ...] = (None, [], "x", {"object": "page", "entry": []}, {"object": "whatsapp_business_account"})
    for junk in junks:
        with pytest.raises(Malformed):
            parse_delivery(junk, PHONE_ID)


def test_a_whatsapp_id_becomes_the_number_the_intake_stores() -> None:
    assert number_of("919812345678") == "+919812345678"
    assert number_of("14155552671") == "+14155552671"  # another country's valid number
    for bad in ("12", "91981234567x", "+919812345678", "९१९८१२३४५६७८", None, 919812345678, "9" * 16):
        assert number_of(bad) is None


def test_the_window_is_24_hours_from_the_last_message_and_the_opt_in_is_having_written() -> None:
    contact = ChatContact(MOBILE, MONDAY)
    assert within_window(contact, MONDAY + timedelta(hours=23, minutes=59))
    assert not within_window(contact, MONDAY + timedelta(hours=24))
    assert not within_window(None, MONDAY) and not within_window(ChatContact(MOBILE), MONDAY)
    assert opted_in(contact) and not opted_in(None) and not opted_in(ChatContact(MOBILE, lang="en"))
    assert not opted_in(replace(contact, opted_out=True))


def test_templates_fill_the_approved_body_in_the_citizens_language() -> None:
    params = {"reference": "1234567897", "level": "2", "due_at": "2026-12-02T18:29:59+00:00"}
    hi = template_message("citizen_registered", params, "hi")
    assert (hi.name, hi.lang, hi.params) == ("cmh181_complaint_registered", "hi", ("1234567897", "02-12-2026"))
    assert "1234567897" in hi.text and "02-12-2026" in hi.text and "{{" not in hi.text and "STOP" in hi.text
    en = template_message("citizen_escalated", params, "en")
    assert en.lang == "en" and "level 2" in en.text
    with pytest.raises(ValueError):
        template_message("officer_new", params, "hi")  # officers get SMS and calls only


# ---- what a message asks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("स्थिति", "status", ""),
        ("Status", "status", ""),
        ("1", "status", ""),
        ("मेरी शिकायत", "status", ""),
        ("1234567897", "reference", "1234567897"),
        ("शिकायत १२३४५ ६७८९७ की स्थिति", "reference", "1234567897"),
        ("status 12345-67897", "reference", "1234567897"),
        ("योजना वृद्धावस्था पेंशन", "scheme", "वृद्धावस्था पेंशन"),
        ("Scheme old age pension", "scheme", "old age pension"),
        ("pension yojna", "scheme", "pension"),
        ("योजना", "scheme_help", ""),
        ("2", "scheme_help", ""),
        ("3", "file", ""),
        ("EN", "lang", "en"),
        ("हिंदी", "lang", "hi"),
        ("STOP", "stop", ""),
        ("start", "start", ""),
        ("नमस्ते", "menu", ""),
        ("+919812345678", "menu", ""),
        ("", "menu", ""),
    ],
)
def test_what_a_message_asks(text: str, kind: str, value: str) -> None:
    assert chat.intent(text) == chat.Intent(kind, value)


def test_the_reply_language_follows_how_the_message_is_written() -> None:
    assert chat.language_of("स्थिति") == "hi"
    assert chat.language_of("status please") == "en"
    assert chat.language_of("yojana pension") == "hi"  # Hindi in Latin letters
    assert chat.language_of("Hindi") == "hi"
    assert chat.language_of("1234567897") is None and chat.language_of("1") is None


# ---- the conversation ------------------------------------------------------------------------


def test_status_lists_the_senders_own_complaints_newest_first_with_level_and_due_date(w: World) -> None:
    first = file(w, subject="खसरा नकल नहीं मिली")
    w.clock.advance(hours=1)
    second = file(w, subject="पेंशन बंद")
    file_complaint(Caller(CITIZEN, OTHER), {**FORM, "subject": "किसी और की"}, None, w.desk())
    reply = ask(w, "स्थिति")
    lines = reply.splitlines()
    assert lines[0] == "आपकी शिकायतें (नई पहले):"
    assert lines[1].startswith(f"{second.reference} — अधिकारी के पास लंबित, स्तर 1, अंतिम तिथि ")
    assert lines[2].startswith(first.reference) and "खसरा नकल नहीं मिली" in lines[2]
    assert "किसी और की" not in reply and len(lines) == 3
    assert chat.day(first.due_at) in lines[2]
    english = ask(w, "status")
    assert english.startswith("Your complaints (newest first):") and "pending with the officer, level 1, due" in english


def test_status_caps_the_list_and_says_there_are_more(w: World) -> None:
    for n in range(chat.MAX_COMPLAINTS + 1):
        w.clock.advance(minutes=1)
        file(w, subject=f"विषय {n}")
    reply = ask(w, "1")
    assert len([line for line in reply.splitlines() if " — " in line]) == chat.MAX_COMPLAINTS
    assert "और भी हैं" in reply


def test_status_from_a_number_without_complaints_says_how_to_go_on(w: World) -> None:
    assert "कोई शिकायत नहीं मिली" in ask(w, "स्थिति", OTHER)


def test_a_reference_gets_its_public_status_and_its_subject_only_for_its_complainant(w: World) -> None:
    c = file(w, subject="खसरा नकल नहीं मिली")
    mine = ask(w, c.reference)
    assert mine.startswith(f"शिकायत {c.reference} — अधिकारी के पास लंबित, स्तर 1, अंतिम तिथि")
    assert "खसरा नकल नहीं मिली" in mine and "राजस्व" in mine and "सीहोर" in mine
    theirs = ask(w, f"complaint {c.reference}", OTHER)
    assert theirs.startswith(f"Complaint {c.reference} — pending with the officer, level 1, due")
    assert "Revenue" in theirs and "Sehore" in theirs
    assert "खसरा" not in theirs and MOBILE not in theirs and FORM["name"] not in theirs


def test_a_resolved_complaint_shows_no_due_date(w: World) -> None:
    c = file(w)
    actions.act(Caller(LINK, c.assignment_id), c.reference, RESOLVE, w.desk())
    reply = ask(w, c.reference)
    assert "निराकृत, आपकी पुष्टि शेष, स्तर 1" in reply and "अंतिम तिथि" not in reply


def test_an_unknown_reference_and_a_wrong_check_digit_get_a_clear_answer(w: World) -> None:
    c = file(w)
    wrong = c.reference[:-1] + next(d for d in "0123456789" if d != c.reference[-1])
    assert "सही शिकायत क्रमांक नहीं है" in ask(w, wrong)
    unknown = "123456789" + verhoeff_check_digit("123456789")  # a valid check digit, no such complaint
    assert f"शिकायत क्रमांक {unknown} नहीं मिला" in ask(w, unknown)
    assert f"We found no complaint {unknown}" in ask(w, f"status of {unknown}")


def test_a_scheme_question_gets_the_best_matching_schemes_short(w: World) -> None:
    load_schemes(w.scheme_desk())
    reply = ask(w, "योजना वृद्धावस्था पेंशन")
    lines = reply.splitlines()
    assert lines[0] == "मिलती योजनाएँ:" and len(lines) == 2 + whatsapp.SCHEMES_SHOWN
    pension = next(s for s in w.schemes.catalogue() if s.name.en == "Indira Gandhi National Old Age Pension Scheme")
    assert lines[1].startswith(f"1. {pension.name.hi} (") and "\n" not in pension.objective.hi.join(lines)
    assert f"{BASE}/schemes" in lines[-1] and len(reply) < 1000
    english = ask(w, "scheme old age pensoin")  # misspelt
    assert english.splitlines()[1].startswith("1. Indira Gandhi National Old Age Pension Scheme (")
    latin = ask(w, "vridha pension yojna")  # Hindi in Latin letters: answered in Hindi
    assert latin.splitlines()[1].startswith(f"1. {pension.name.hi} (")
    assert "No scheme matches 'qwxz zzvv'" in ask(w, "scheme qwxz zzvv")


def test_a_scheme_question_without_words_says_how_to_ask(w: World) -> None:
    assert ask(w, "योजना") == chat.scheme_help("hi")
    assert ask(w, "2") == chat.scheme_help("hi")


def test_anything_else_gets_the_short_menu_with_how_to_file(w: World) -> None:
    menu = ask(w, "नमस्ते")
    assert menu == chat.menu("hi", BASE)
    assert "181" in menu and BASE in menu and "ऐप" in menu and "For English, send EN." in menu
    assert ask(w, "3") == chat.how_to_file("hi", BASE)


def test_a_picture_gets_a_polite_text_and_the_menu(w: World) -> None:
    picture = replace(said(w, ""), kind="media", type="image")
    done = answer(picture, w.chat())
    assert done.outcome == "replied" and done.reply == chat.only_text("hi", BASE)


def test_english_once_chosen_stays_for_a_bare_number(w: World) -> None:
    c = file(w)
    assert ask(w, "EN").startswith("CM Helpline 181 — send:")
    assert ask(w, c.reference).startswith(f"Complaint {c.reference}")
    assert ask(w, "हिंदी").startswith("सीएम हेल्पलाइन 181 — भेजें:")
    assert ask(w, c.reference).startswith(f"शिकायत {c.reference}")


# ---- each message once, the window, the rate limit -------------------------------------------


def test_a_message_delivered_twice_is_answered_once(w: World) -> None:
    m = said(w, "स्थिति")
    assert answer(m, w.chat()).outcome == "replied"
    assert answer(m, w.chat()).outcome == "duplicate"
    assert len(w.whatsapp.to(MOBILE)) == 1


def test_a_message_another_attempt_holds_comes_back_after_its_lease(w: World) -> None:
    m = said(w, "स्थिति")
    w.ledger.claim(whatsapp.job_of(m.id), m.sender, "whatsapp", w.clock.wall())  # an attempt still at it
    with pytest.raises(NotAnswered) as busy:
        answer(m, w.chat())
    assert busy.value.leased_until is not None and w.whatsapp.sent == []
    w.clock.advance(seconds=121)  # the holder died: its lease ran out
    assert answer(m, w.chat()).outcome == "replied"


def test_a_failed_reply_is_recorded_and_sent_when_the_message_comes_back(w: World) -> None:
    m = said(w, "स्थिति")
    w.whatsapp.down = True
    with pytest.raises(NotAnswered) as failed:
        answer(m, w.chat())
    assert failed.value.leased_until is None
    assert w.ledger.attempts(whatsapp.job_of(m.id))[0]["status"] == "failed"
    w.whatsapp.down = False
    assert answer(m, w.chat()).outcome == "replied"
    assert answer(m, w.chat()).outcome == "duplicate" and len(w.whatsapp.to(MOBILE)) == 1


def test_a_message_taken_after_its_24_hour_window_is_recorded_never_answered(w: World) -> None:
    old = said(w, "स्थिति", at=w.clock.wall())
    w.clock.advance(hours=24, seconds=1)  # e.g. redriven from the DLQ the next day
    assert answer(old, w.chat()).outcome == "late"
    assert w.whatsapp.sent == []
    assert w.chats.get(MOBILE) is not None  # the number still wrote: its opt-in stands


def test_a_later_message_keeps_the_window_open_for_an_earlier_one(w: World) -> None:
    early = said(w, "स्थिति", at=w.clock.wall() - timedelta(hours=30))
    answer(said(w, "नमस्ते"), w.chat())
    assert answer(early, w.chat()).outcome == "replied"


def test_when_the_platform_says_the_window_closed_the_message_is_not_retried(w: World) -> None:
    w.whatsapp.closed.add(MOBILE)
    m = said(w, "स्थिति")
    assert answer(m, w.chat()).outcome == "late"
    assert w.ledger.attempts(whatsapp.job_of(m.id))[0]["status"] == "sent"  # done with: not retried
    w.whatsapp.closed.clear()
    assert answer(m, w.chat()).outcome == "duplicate"


def test_each_number_is_rate_limited(w: World) -> None:
    minute = whatsapp.LIMITS[0]
    outcomes = [answer(said(w, "स्थिति"), w.chat()).outcome for _ in range(minute.count + 2)]
    assert outcomes == ["replied"] * minute.count + ["limited", "limited"]
    assert answer(said(w, "स्थिति", OTHER), w.chat()).outcome == "replied"  # another number is not held up
    w.clock.advance(seconds=minute.seconds)
    assert answer(said(w, "स्थिति"), w.chat()).outcome == "replied"


def test_the_webhook_body_goes_on_the_queue_message_by_message(w: World) -> None:
    queue = FakeQueue()
    raw = json.dumps(event("text")).encode()
    delivery = whatsapp.take(raw, PHONE_ID, queue)
    assert [j["message"]["id"] for j in queue.jobs] == [delivery.messages[0].id]
    for body in (b"not json", b"\xff\xfe", b"[]", json.dumps(event("status")).encode()):
        assert whatsapp.take(body, PHONE_ID, queue).messages == []
    assert len(queue.jobs) == 1


# ---- the system's own notifications: templates, only to numbers that wrote --------------------


def test_a_resolution_goes_as_a_template_to_a_citizen_who_wrote_and_by_sms_as_ever(w: World) -> None:
    c = file(w)
    w.react_all()
    w.deliver_all()
    assert w.whatsapp.sent == []  # never wrote: SMS only
    w.clock.advance(days=3)
    ask(w, "नमस्ते")
    w.clock.advance(days=3)  # the window has closed: the template still goes
    w.whatsapp.sent.clear()
    actions.act(Caller(LINK, c.assignment_id), c.reference, RESOLVE, w.desk())
    jobs = w.react_all()
    assert sorted((j["template"], j["channel"]) for j in jobs) == [
        ("citizen_resolved", "sms"),
        ("citizen_resolved", "whatsapp"),
    ]
    w.deliver_all()
    [(to, name, text)] = templates(w)
    assert (to, name) == (MOBILE, "cmh181_complaint_resolved") and c.reference in text
    assert any(c.reference in t for t in w.sms.to(MOBILE))
    [job] = [j for j in jobs if j["channel"] == "whatsapp"]
    assert deliver(job, w.notifier()) == 0  # redelivered: sent once


def templates(w: World) -> list[tuple[str, str, str]]:
    return [sent for sent in w.whatsapp.sent if sent[1] != "text"]


def test_a_citizen_who_said_stop_gets_no_template_and_start_brings_them_back(w: World) -> None:
    ask(w, "नमस्ते")
    assert ask(w, "STOP") == chat.stopped("en")
    c = file(w)
    assert [j["channel"] for j in w.react_all() if j["to_mobile"] == MOBILE] == ["sms"]
    assert ask(w, "START") == chat.started("en")
    actions.act(Caller(LINK, c.assignment_id), c.reference, RESOLVE, w.desk())
    jobs = w.react_all()
    assert sorted(j["channel"] for j in jobs) == ["sms", "whatsapp"]
    ask(w, "STOP")  # after the job was queued: still nothing on WhatsApp
    w.deliver_all()
    assert templates(w) == [] and any(c.reference in t for t in w.sms.to(MOBILE))


def test_the_template_goes_in_the_language_the_citizen_writes_in(w: World) -> None:
    c = file(w)
    ask(w, "status")
    w.react_all()
    w.deliver_all()
    [(_, name, _)] = templates(w)
    assert name == "cmh181_complaint_registered"  # wrote before the complaint was registered
    w.whatsapp.sent.clear()
    actions.act(Caller(LINK, c.assignment_id), c.reference, RESOLVE, w.desk())
    w.react_all()
    w.deliver_all()
    [(_, name, text)] = templates(w)
    assert name == "cmh181_complaint_resolved" and text.startswith("CM Helpline 181: complaint")
