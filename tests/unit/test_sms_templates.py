"""Every SMS kind in each language, rendered with the longest realistic values, within its
budget of parts; the part counting itself against known cases."""

from __future__ import annotations

import pytest

from chalicelib.domain.messages import LANGS, LONGEST, TEMPLATES, Parts, sms, sms_parts, values


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_each_sms_fits_its_budget_with_the_longest_values(kind: str, lang: str) -> None:
    t = TEMPLATES[kind]
    text = t.render(lang, LONGEST)
    parts = sms_parts(text)
    assert parts.parts <= t.max_parts, (kind, lang, parts, text)
    assert parts.encoding == ("ucs2" if lang == "hi" else "gsm7"), text


@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_both_languages_carry_the_same_facts(kind: str) -> None:
    t = TEMPLATES[kind]
    hi_vars = {n for n in t.variables() if "{" + n + "}" in t.hi}
    en_vars = {n for n in t.variables() if "{" + n + "}" in t.en}
    assert hi_vars - {"link"} == en_vars - {"link"}, kind  # the Hindi digest has no room for the desk link
    assert "{reference}" in t.hi or kind in ("otp", "digest_daily", "officer_login", "officer_password")


def test_one_language_per_message() -> None:
    hi = sms("citizen_registered", {"reference": "1234567890", "track": "https://x.in/t/1234567890"})
    en = sms("citizen_registered", {"reference": "1234567890", "track": "https://x.in/t/1234567890"}, "en")
    assert "शिकायत" in hi and "complaint" not in hi.lower()
    assert "complaint" in en and not any("\u0900" <= c <= "\u097f" for c in en)
    assert "x.in/t/1234567890" in hi and "https://" not in hi  # a link without its scheme


def test_job_parameters_become_template_values() -> None:
    v = values({"reference": "1", "due_at": "2026-12-03T18:29:59+00:00", "link": "https://a.in/o/t"})
    assert (v["due"], v["link"]) == ("03-12-2026", "a.in/o/t")
    with pytest.raises(ValueError):
        sms("no_such_kind", {})


@pytest.mark.parametrize(
    ("text", "encoding", "units", "parts"),
    [
        ("a" * 160, "gsm7", 160, 1),
        ("a" * 161, "gsm7", 161, 2),
        ("a" * 306, "gsm7", 306, 2),
        ("a" * 307, "gsm7", 307, 3),
        ("[" * 80, "gsm7", 160, 1),  # the extension table counts twice
        ("[" * 81, "gsm7", 162, 2),
        ("क" * 70, "ucs2", 70, 1),
        ("क" * 71, "ucs2", 71, 2),
        ("क" * 134, "ucs2", 134, 2),
        ("क" * 135, "ucs2", 135, 3),
        ("a" * 69 + "क", "ucs2", 70, 1),  # one Hindi letter turns the whole SMS to UCS-2
        ("₹" + "a" * 69, "ucs2", 70, 1),
    ],
)
def test_parts_are_counted_as_operators_bill_them(text: str, encoding: str, units: int, parts: int) -> None:
    assert sms_parts(text) == Parts(encoding, units, parts)
