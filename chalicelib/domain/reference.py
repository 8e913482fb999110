"""Complaint reference numbers of R-REF: 10 random digits ending in a Verhoeff check digit."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.text import Text

BAD_REFERENCE = Text("शिकायत क्रमांक गलत है", "The reference number is not valid")

REFERENCE_LENGTH = 10
_SEPARATORS = re.compile(r"[\s\-]+")

# Verhoeff's dihedral-group tables (the scheme Aadhaar uses): unlike a mod-10 sum it
# catches every single-digit error and every adjacent transposition, the two
# mistakes people make reading a number over the phone.
_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 2, 3, 4, 0, 6, 7, 8, 9, 5),
    (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7),
    (4, 0, 1, 2, 3, 9, 5, 6, 7, 8),
    (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2),
    (7, 6, 5, 9, 8, 2, 1, 0, 4, 3),
    (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
    (1, 5, 7, 6, 2, 8, 3, 0, 9, 4),
    (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7),
    (9, 4, 5, 3, 1, 2, 6, 8, 7, 0),
    (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5),
    (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)
_INV = (0, 4, 3, 2, 1, 5, 6, 7, 8, 9)


class InvalidReference(InvalidInput, ValueError):
    """A reference number that is malformed or fails its check digit."""

    def __init__(self, text: str = "") -> None:
        super().__init__({"reference": BAD_REFERENCE})
        self.given = text


def _checksum(digits: str, offset: int) -> int:
    # `offset` is 1 when the check digit is still to be appended, shifting every position.
    if not digits.isascii() or not digits.isdigit():
        raise ValueError(f"digits only, got {digits!r}")
    c = 0
    for i, ch in enumerate(reversed(digits)):
        c = _D[c][_P[(i + offset) % 8][int(ch)]]
    return c


def verhoeff_check_digit(digits: str) -> str:
    """The Verhoeff check digit to append to `digits`."""
    return str(_INV[_checksum(digits, 1)])


def verhoeff_valid(number: str) -> bool:
    """True if `number`'s last digit is the correct Verhoeff check digit."""
    if not number or not number.isascii() or not number.isdigit():
        return False
    return _checksum(number, 0) == 0


def new_reference(randbelow: Callable[[int], int] = secrets.randbelow) -> str:
    """A fresh reference: 9 random digits (no leading 0, so it survives being read as
    a number) followed by the check digit. Uniqueness is the store's job."""
    body = str(1 + randbelow(9)) + "".join(str(randbelow(10)) for _ in range(REFERENCE_LENGTH - 2))
    return body + verhoeff_check_digit(body)


def parse_reference(text: str) -> str:
    """The 10-digit reference in `text`, ignoring spaces and hyphens.

    Raises InvalidReference when it is not 10 digits or its check digit is wrong.
    """
    number = _SEPARATORS.sub("", text)
    if len(number) != REFERENCE_LENGTH or not verhoeff_valid(number):
        raise InvalidReference(text)
    return number
