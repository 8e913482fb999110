"""Unit tests for R-REF complaint reference numbers and their Verhoeff check digit."""

from __future__ import annotations

import random

import pytest

from chalicelib.domain.reference import (
    InvalidReference,
    new_reference,
    parse_reference,
    verhoeff_check_digit,
    verhoeff_valid,
)

SAMPLE = "8473920157"  # built below from its body so the test documents where it came from


def test_known_verhoeff_vectors() -> None:
    assert verhoeff_check_digit("236") == "3"
    assert verhoeff_valid("2363")
    assert not verhoeff_valid("2364")
    assert verhoeff_check_digit("12345") == "1"
    assert verhoeff_valid("123451")
    assert verhoeff_check_digit("142857") == "0"
    assert verhoeff_valid("1428570")


def test_sample_reference_is_valid() -> None:
    assert SAMPLE == "847392015" + verhoeff_check_digit("847392015")
    assert verhoeff_valid(SAMPLE)


def test_every_single_digit_substitution_of_a_reference_is_detected() -> None:
    for position in range(len(SAMPLE)):
        for digit in "0123456789":
            if digit == SAMPLE[position]:
                continue
            typo = SAMPLE[:position] + digit + SAMPLE[position + 1 :]
            assert not verhoeff_valid(typo), typo


def test_every_adjacent_transposition_of_a_reference_is_detected() -> None:
    for position in range(len(SAMPLE) - 1):
        a, b = SAMPLE[position], SAMPLE[position + 1]
        if a == b:
            continue
        swapped = SAMPLE[:position] + b + a + SAMPLE[position + 2 :]
        assert not verhoeff_valid(swapped), swapped


def test_verhoeff_valid_is_false_for_non_digits_and_empty() -> None:
    assert not verhoeff_valid("")
    assert not verhoeff_valid("23a3")
    assert not verhoeff_valid("२३६३")  # Devanagari digits are not accepted as the reference


def test_new_reference_is_ten_valid_digits_not_starting_with_zero() -> None:
    for _ in range(1000):
        ref = new_reference()
        assert len(ref) == 10 and ref.isdigit()
        assert ref[0] != "0"
        assert verhoeff_valid(ref)


def test_new_reference_never_starts_with_zero_even_when_randbelow_returns_zero() -> None:
    ref = new_reference(lambda n: 0)
    assert ref[:9] == "100000000"
    assert verhoeff_valid(ref)


def test_new_reference_is_deterministic_given_an_injected_randbelow() -> None:
    first = new_reference(random.Random(181).randrange)
    second = new_reference(random.Random(181).randrange)
    assert first == second
    assert new_reference(lambda n: n - 1) == "999999999" + verhoeff_check_digit("999999999")


def test_parse_reference_accepts_spaces_and_hyphens() -> None:
    spaced = f"{SAMPLE[:3]} {SAMPLE[3:6]} {SAMPLE[6:9]} {SAMPLE[9]}"
    assert parse_reference(spaced) == SAMPLE
    assert parse_reference(f" {SAMPLE[:5]}-{SAMPLE[5:]} ") == SAMPLE
    assert parse_reference(SAMPLE) == SAMPLE


@pytest.mark.parametrize(
    "text",
    [
        SAMPLE[:9] + str((int(SAMPLE[9]) + 1) % 10),  # wrong check digit
        SAMPLE[:4] + "A" + SAMPLE[5:],  # a letter
        SAMPLE[:9],  # too short
        SAMPLE + "0",  # too long
        "",
        "२३६३",
    ],
)
def test_parse_reference_rejects_bad_input(text: str) -> None:
    with pytest.raises(InvalidReference):
        parse_reference(text)


def test_invalid_reference_message_is_in_hindi_and_english() -> None:
    with pytest.raises(InvalidReference) as caught:
        parse_reference("12345")
    assert caught.value.fields["reference"].hi == "शिकायत क्रमांक गलत है"
    assert caught.value.fields["reference"].en == "The reference number is not valid"
    assert isinstance(caught.value, ValueError)
