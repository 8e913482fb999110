"""Demo scheme information for the local stack: a few of Madhya Pradesh's well-known schemes in the
circular's format (department, name, main objective in at most two lines, key eligibility in
short bullets), Hindi and English. Only what is widely published; amounts and rules change, so a
deployment's departments enter their own. Loaded through the same use case as `POST /v1/schemes`
(as the administrator); loading twice changes nothing.

The schemes are in `demo_schemes.json` beside this file. One is entered as first announced and
then amended (Ladli Behna's lower age limit went from 23 to 21 years), so that the console's
"changed today" and the versions have something to show.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from chalicelib.domain.actor import STAFF, Caller
from chalicelib.domain.errors import Conflict
from chalicelib.services import schemes
from chalicelib.services.bundles import SchemeDesk

ADMIN = Caller(STAFF, "demo-loader", frozenset({"admin"}))
DATA = Path(__file__).with_name("demo_schemes.json")
# As first announced, Ladli Behna's lower age limit was 23 (its second condition); now 21.
FIRST_LADLI_BEHNA_AGE = {"hi": "आयु 23 से 60 वर्ष", "en": "Aged 23 to 60 years"}
LADLI_BEHNA_NOTE = "न्यूनतम आयु 23 से घटाकर 21 वर्ष / lower age limit 23 → 21 years"


def demo_schemes() -> list[dict[str, Any]]:
    """The demo schemes as `POST /v1/schemes` bodies."""
    return json.loads(DATA.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def load_schemes(desk: SchemeDesk) -> int:
    """Enters the demo schemes that are not there yet; returns how many were added."""
    added = 0
    for i, body in enumerate(demo_schemes()):
        first = body
        if i == 0:
            first = body | {"eligibility": [body["eligibility"][0], FIRST_LADLI_BEHNA_AGE, *body["eligibility"][2:]]}
        try:
            created = schemes.create(ADMIN, first, desk)
        except Conflict:
            continue
        added += 1
        if i == 0:
            amended = {k: v for k, v in body.items() if k != "department"} | {"note": LADLI_BEHNA_NOTE}
            schemes.amend(ADMIN, created.scheme_id, amended, desk)
    return added
