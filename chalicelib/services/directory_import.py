"""A CSV of postings (R-POSTINGS), all or nothing: every row is checked as `POST
/v1/directory/posts/{post_id}/postings` would check it, and against the rows before it (one
regular holder a post, one person a mobile); one bad row and nothing is applied, and the answer
names each bad row's fields in Hindi and English. Only when every row is good are they written,
in order, each as its own posting with its login and history entry.

Sending the same file again is safe: a row already in the directory (the same person holding
the post with the same charge under the same order) is reported as `already` and written
again only as far as its login, so an import that stopped part-way (a write refused, the
connection lost) is finished by sending the file once more, and nothing is doubled."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from typing import Any, NamedTuple

from chalicelib.clock import iso
from chalicelib.domain import schemas
from chalicelib.domain.actor import Caller
from chalicelib.domain.directory import Officer, Post, Posting
from chalicelib.domain.errors import DomainError, Forbidden, InvalidInput
from chalicelib.domain.imports import COLUMNS, MAX_ROWS, OPTIONAL
from chalicelib.domain.postings import KINDS, posting_id, same_person
from chalicelib.domain.text import Text
from chalicelib.services import postings
from chalicelib.services.bundles import Postings

MAX_BYTES = 256_000
NOT_YOURS = Text("पद नहीं मिला या आपके क्षेत्र का नहीं", "unknown post, or not one you manage")


def read(text: str) -> list[dict[str, str]]:
    """The rows as dicts of the known columns (blank cells dropped); a missing or unknown column,
    too many rows or a file that is not CSV is InvalidInput."""
    if len(text.encode()) > MAX_BYTES:
        raise InvalidInput({"body": Text(f"अधिकतम {MAX_BYTES // 1000} KB", f"at most {MAX_BYTES // 1000} KB")})
    try:
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        header = [h.strip() for h in (reader.fieldnames or [])]
        missing = [c for c in COLUMNS if c not in header and c not in OPTIONAL]
        unknown = [h for h in header if h not in COLUMNS]
        if missing or unknown:
            return _bad_header(missing, unknown)
        reader.fieldnames = header
        rows: list[dict[str, str]] = []
        for row in reader:
            if None in row:
                raise InvalidInput({f"row {len(rows) + 1}": Text("अधिक कॉलम", "too many cells")})
            rows.append({k: v.strip() for k, v in row.items() if k and v is not None and v.strip()})
            if len(rows) > MAX_ROWS:
                raise InvalidInput({"body": Text(f"अधिकतम {MAX_ROWS} पंक्तियाँ", f"at most {MAX_ROWS} rows")})
    except csv.Error as exc:
        raise InvalidInput({"body": Text("CSV सही नहीं", "not a valid CSV file")}) from exc
    if not rows:
        raise InvalidInput({"body": Text("कोई पंक्ति नहीं", "no rows")})
    return rows


def _bad_header(missing: list[str], unknown: list[str]) -> list[dict[str, str]]:
    fields = {f"column {c}": Text("कॉलम आवश्यक", "column required") for c in missing}
    fields |= {f"column {c[:30]}": Text("अज्ञात कॉलम", "unknown column") for c in unknown}
    raise InvalidInput(fields)


def import_csv(who: Caller, text: str, deps: Postings) -> dict[str, Any]:
    """`POST /v1/directory/imports`: 200 with each row's posting and login once all are applied;
    InvalidInput (nothing applied) naming `row N: field` for every bad one."""
    m = postings.manager(who, deps.directory)
    if not m.any:
        raise Forbidden(*postings.NOT_A_MANAGER)
    rows = read(text)
    now = iso(deps.clock.now())
    steps: list[tuple[int, postings.Plan | Held]] = []
    errors: dict[str, Text] = {}
    regular: set[str] = set()
    mobiles: dict[str, str] = {}
    for n, row in enumerate(rows, start=1):
        body, bad = schemas.attempt(schemas.PostingRow, row)
        if body is None:
            errors |= {f"row {n}: {k}": t for k, t in bad.items()}
            continue
        post = deps.directory.post(body.post_id)
        if post is None or not m.manages(post):
            errors[f"row {n}: post_id"] = NOT_YOURS
            continue
        if body.mobile in mobiles and not same_person(mobiles[body.mobile], body.name):
            errors[f"row {n}: mobile"] = Text(
                "यह मोबाइल ऊपर किसी और पंक्ति में दूसरे नाम से है", "the same mobile is above under another name"
            )
            continue
        if KINDS[body.kind] == "regular" and post.post_id in regular:
            errors[f"row {n}: post_id"] = Text(
                "इस पद की नियमित पदस्थापना ऊपर भी है", "a regular posting of this post is above too"
            )
            continue
        try:
            checked = schemas.check(schemas.PostingBody, _posting(row))
            steps.append((n, held(post, checked, deps) or postings.plan(post, checked, deps, now)))
        except DomainError as err:
            fields = getattr(err, "fields", None) or {"post_id": err.text}
            errors |= {f"row {n}: {k}": t for k, t in fields.items()}
            continue
        mobiles[body.mobile] = body.name
        if KINDS[body.kind] == "regular":
            regular.add(post.post_id)
    if errors:
        raise InvalidInput(errors)
    report = []
    for n, step in _one_officer_per_person(steps):
        if isinstance(step, Held):
            done = {"posting_id": posting_id(step.posting), "username": postings.login(step.officer, deps)}
            report.append({"row": n, "post_id": step.posting.post_id, **done, "already": True})
        else:
            report.append({"row": n, "post_id": step.post.post_id, **postings.apply(who, step, deps)})
    return {"applied": sum(1 for r in report if not r.get("already")), "rows": report}


class Held(NamedTuple):
    """A row already in the directory: its posting, and the officer who holds it."""

    posting: Posting
    officer: Officer


def held(post: Post, body: schemas.PostingBody, deps: Postings) -> Held | None:
    """The row's posting if the directory has it already: the same person (mobile and name)
    holds the post now, with the same charge, under the same order number."""
    same = {o.officer_id: o for o in deps.directory.officers_by_mobile(body.mobile) if same_person(o.name, body.name)}
    for h in deps.directory.current_holders(post.post_id):
        if h.officer_id in same and h.charge == KINDS[body.kind] and h.order_no == body.order_no:
            return Held(h, same[h.officer_id])
    return None


def _posting(row: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in row.items() if k != "post_id"}


def _one_officer_per_person(
    steps: list[tuple[int, postings.Plan | Held]],
) -> list[tuple[int, postings.Plan | Held]]:
    """A new officer named in several rows (a regular post and an additional charge) is one
    officer: the later rows reuse the first row's, which is written first."""
    first: dict[str, postings.Plan] = {}
    out: list[tuple[int, postings.Plan | Held]] = []
    for n, p in steps:
        if isinstance(p, Held):
            out.append((n, p))
            continue
        if p.new and p.officer.mobile in first:
            earlier = first[p.officer.mobile]
            posting = replace(p.posting, officer_id=earlier.officer.officer_id)
            p = postings.Plan(posting, p.post, earlier.officer, False)
        elif p.new:
            first[p.officer.mobile] = p
        out.append((n, p))
    return out
