"""Every SMS kind in each language, rendered with the longest realistic values, within its
budget of parts; the part counting itself against known cases."""

from __future__ import annotations

import pytest

from chalicelib.domain.messages import (
    LANGS,
    LONG_BASE,
    LONGEST,
    PUBLIC_HOST_MAX,
    TEMPLATES,
    Parts,
    link_text,
    sms,
    sms_parts,
    values,
)
from chalicelib.domain.postings import new_username, temporary_password
from chalicelib.domain.tokens import new_link_token
from chalicelib.settings import problems
from infra.stage import PARAMETERS
from tests.deployed_env import deployed_env

ONE_PART = ("otp", "citizen_registered", "citizen_resolved", "citizen_closed", "officer_reminder", "digest_daily")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_each_sms_fits_its_budget_with_the_longest_values(kind: str, lang: str) -> None:
    t = TEMPLATES[kind]
    text = t.render(lang, LONGEST)
    parts = sms_parts(text)
    assert parts.parts <= t.max_parts, (kind, lang, parts, text)
    assert parts.encoding == ("ucs2" if lang == "hi" else "gsm7"), text


def test_the_budgets_count_logins_and_passwords_as_long_as_they_are_made() -> None:
    assert {len(temporary_password()) for _ in range(200)} == {len(LONGEST["password"])}
    assert {len(new_username()) for _ in range(200)} == {len(LONGEST["username"])}


def test_the_budgets_count_links_as_long_as_a_deployment_may_send() -> None:
    # The longest host a deployed stage accepts, and an officer's link with a real token.
    assert len(LONG_BASE) == PUBLIC_HOST_MAX
    longest = f"https://{LONG_BASE}"
    assert problems(deployed_env(PUBLIC_BASE_URL=longest)) == ()
    assert "PUBLIC_BASE_URL" in " ".join(problems(deployed_env(PUBLIC_BASE_URL=f"https://x{LONG_BASE}")))
    assert PARAMETERS["PublicDomainName"]["MaxLength"] == PUBLIC_HOST_MAX
    link = link_text(f"{longest}/o/{new_link_token()}")
    assert len(link) == len(LONGEST["link"]) and len(link_text(f"{longest}/t/1234567890")) == len(LONGEST["track"])


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", sorted(TEMPLATES))
def test_one_part_for_all_but_the_officers_new_work_which_takes_two_at_most(kind: str, lang: str) -> None:
    # The goal, whatever a template's own budget says: officers' SMS with a link in two parts.
    assert TEMPLATES[kind].max_parts == (1 if kind in ONE_PART or kind.startswith("citizen_") else 2)
    text = sms(kind, {**LONGEST, "link": f"https://{LONG_BASE}/o/{new_link_token()}"}, lang)
    assert sms_parts(text).parts <= TEMPLATES[kind].max_parts, (kind, lang, text)


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
