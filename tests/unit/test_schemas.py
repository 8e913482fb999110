"""The request schemas as the domain uses them: pydantic's errors as bilingual fields, the one
canonical mobile, dates that exist, sealed cursors, and the officer page's history view of
entries stored before the schemas."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from chalicelib.domain import cursors, schemas
from chalicelib.domain.actions import parse_action
from chalicelib.domain.calls import REFERRALS, parse_call
from chalicelib.domain.complaint import parse_filing
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.text import Text
from chalicelib.domain.tokens import SigningKeys
from chalicelib.pages import officer_view

FILING = {
    "category": "complaint",
    "department": "REVENUE",
    "district": "SEHORE",
    "block": "SEHORE-BUDHNI",
    "name": "रमेश कुमार",
    "subject": "खसरा नकल नहीं मिली",
    "description": "तीन महीने से आवेदन लंबित है।",
}
MOBILE = "+919812345678"


def fields(fn: Any, *args: Any) -> dict[str, Text]:
    with pytest.raises(InvalidInput) as err:
        fn(*args)
    return err.value.fields


@pytest.mark.parametrize(
    "text, canonical",
    [
        ("+919812345678", "+919812345678"),
        ("+916000000000", "+916000000000"),
        ("+919812345678\n", None),  # a trailing newline
        ("+९१९८१२३४५६७८", None),  # Devanagari digits
        ("+91९८१२३४५६७८", None),
        ("+91 98123 45678", None),  # not the canonical form
        ("09812345678", None),
        ("+917552551234", None),  # a Bhopal landline
        ("+14155550100", None),
        (9812345678, None),
    ],
)
def test_a_mobile_is_an_indian_mobile_in_its_one_e164_form(text: Any, canonical: str | None) -> None:
    assert schemas.canonical_mobile(text) == canonical


def test_errors_are_named_field_by_field_in_hindi_and_english() -> None:
    got = fields(
        parse_filing,
        {**FILING, "name": "न" * 101, "address": 5, "category": "letters", "level": 4, "subject": "   "},
        MOBILE,
    )
    assert got == {
        "category": Text(
            "इनमें से एक: complaint, demand, suggestion, corruption", "one of complaint, demand, suggestion, corruption"
        ),
        "name": Text("अधिकतम 100 अक्षर", "at most 100 characters"),
        "subject": Text("आवश्यक है", "required"),
        "address": Text("टेक्स्ट होना चाहिए", "must be text"),
        "level": Text("अज्ञात फ़ील्ड", "unknown field"),
    }


def test_a_filing_is_stripped_and_keeps_its_canonical_mobile() -> None:
    f = parse_filing({**FILING, "name": "  रमेश  ", "address": " ग्राम "}, MOBILE)
    assert (f.name, f.address, f.mobile) == ("रमेश", "ग्राम", MOBILE)
    assert fields(parse_filing, FILING, MOBILE + "\n") == {"mobile": schemas.MOBILE_TEXT}
    assert "accused_level" in fields(parse_filing, {**FILING, "category": "corruption"}, MOBILE)


@pytest.mark.parametrize("body", ["x", [], 5, None, True])
def test_a_body_that_is_not_an_object_is_bad_input_for_every_parser(body: Any) -> None:
    for parse in (lambda b: parse_filing(b, MOBILE), parse_action, parse_call):
        assert fields(parse, body) == {"body": Text("JSON ऑब्जेक्ट अपेक्षित", "JSON object expected")}


def test_an_action_takes_json_types_as_they_are_and_dates_that_exist() -> None:
    ok = {"action": "resolve", "remarks": "r", "rule_reference": "धारा 12"}
    assert parse_action({**ok, "letter_no": "1/26", "letter_date": "2028-02-29", "version": 3}).version == 3
    for bad, field in (
        ({"letter_no": ["1"], "letter_date": "2026-11-24"}, "letter_no"),
        ({"letter_no": "1", "letter_date": "2026-02-29"}, "letter_date"),
        ({"letter_no": "1", "letter_date": "2026-13-45"}, "letter_date"),
        ({"letter_no": "1", "letter_date": 20261124}, "letter_date"),
        ({"version": "3"}, "version"),
        ({"version": True}, "version"),
        ({"rule_reference": "r" * 501}, "rule_reference"),
        ({"rule_reference": "धारा\n12"}, "rule_reference"),
        ({"letter_no": "1" * 101, "letter_date": "2026-11-24"}, "letter_no"),
    ):
        assert list(fields(parse_action, {**ok, **bad})) == [field], bad
    assert fields(parse_action, {"action": "resolve", "remarks": " "}) == {
        "remarks": Text("आवश्यक: कारण/की गई कार्रवाई पूर्ण रूप में", "required: the reason or action taken, in full"),
        "rule_reference": Text("आवश्यक: लागू नियम", "required: the applicable rule"),
    }


def test_error_fields_stay_few_whatever_the_body_holds() -> None:
    got = fields(parse_action, {f"x{i}": i for i in range(50_000)})
    assert len(got) == InvalidInput.KEPT


def test_the_vocabularies_agree_with_the_domain() -> None:
    assert schemas.REFERRAL_LINES == tuple(REFERRALS)
    assert parse_call({"kind": "referral", "referred_to": "kisan"}).referred_to == "kisan"
    assert fields(parse_call, {"kind": "referral"}) == {"referred_to": schemas.one_of(list(REFERRALS))}
    assert fields(parse_call, {"kind": "scheme_information", "scheme": " "}) == {
        "scheme": Text("योजना का नाम आवश्यक", "scheme required")
    }


def test_a_calendar_holds_dates_that_exist_with_names() -> None:
    ok = {"weekly_off": [5, 6], "holidays": {"2026-01-26": "गणतंत्र दिवस"}}
    assert schemas.check(schemas.CalendarYear, ok).holidays == {"2026-01-26": "गणतंत्र दिवस"}
    for bad in (
        {**ok, "weekly_off": [7]},
        {**ok, "weekly_off": ["5"]},
        {**ok, "holidays": {"2026-13-45": "x"}},
        {**ok, "holidays": {"2026-01-26": 5}},
        {**ok, "extra": 1},
    ):
        with pytest.raises(InvalidInput):
            schemas.check(schemas.CalendarYear, bad)


def test_a_cursor_is_recognised_only_for_its_own_purpose_and_unaltered() -> None:
    state = {"REVENUE:L1:X": {"pk": {"S": "C#1"}}}
    sealed = cursors.seal(state, "inbox|a", "key")
    assert sealed is not None and cursors.unseal(sealed, "inbox|a", "key") == state
    assert cursors.seal({}, "inbox|a", "key") is None and cursors.unseal(None, "inbox|a", "key") == {}
    payload, mac = sealed.split(".")
    for bad, purpose, key in (
        (sealed, "inbox|b", "key"),
        (sealed, "inbox|a", "other key"),
        (payload, "inbox|a", "key"),
        (payload[:-1] + ("A" if payload[-1] != "A" else "B") + "." + mac, "inbox|a", "key"),
        ("ऑ.ऑ", "inbox|a", "key"),
    ):
        with pytest.raises(InvalidInput):
            cursors.unseal(bad, purpose, key)


class NoDirectory:
    def department(self, code: str) -> None:
        assert isinstance(code, str)
        return None


def test_the_history_view_shows_any_stored_detail_as_short_text() -> None:
    at = datetime(2026, 11, 23, 5, tzinfo=UTC).isoformat()
    entries = [
        {
            "at": at,
            "event": "interim",
            "level": 1,
            "remarks": ["a", "list"],
            "letter_no": ["12", "13"],
            "letter_date": "2026-13-45",
            "rule_reference": "नियम " * 20_000,
            "to_department": ["ENERGY"],
        },
        {"at": at, "event": "resolved", "level": 1, "remarks": 5, "letter_no": "1" * 450_000, "letter_date": 7},
    ]
    first, second = officer_view.history(entries, "hi", NoDirectory())  # type: ignore[arg-type]
    assert first["letter"] == '["12", "13"] / 45-13-2026' and first["note"] == '→ ["ENERGY"]: ["a", "list"]'
    assert len(first["rule"]) == officer_view.SUMMARY_CHARS + 1 and first["rule"].endswith("…")
    assert second["note"] == "5" and second["letter"] == "1" * officer_view.SUMMARY_CHARS + "… / 7"


def test_a_cursor_sealed_before_a_key_rotation_still_turns_the_page_and_no_other_key_opens_it() -> None:
    state = {"REVENUE:L1:X": {"pk": {"S": "C#1"}}}
    before = cursors.seal(state, "inbox|a", SigningKeys("old key"))
    after = SigningKeys("new key", previous=("old key",))
    assert cursors.unseal(before, "inbox|a", after) == state
    resealed = cursors.seal(state, "inbox|a", after)
    assert resealed != before and cursors.unseal(resealed, "inbox|a", SigningKeys("new key")) == state
    for keys in (SigningKeys("new key"), SigningKeys(""), SigningKeys("other", previous=("new key x",))):
        with pytest.raises(InvalidInput):
            cursors.unseal(before, "inbox|a", keys)
