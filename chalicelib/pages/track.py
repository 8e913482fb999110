"""The public status page (R-REF): what `GET /v1/complaints/{ref}/status` says, in words."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chalice import Response

from chalicelib import bootstrap as b
from chalicelib.domain.calendar import IST
from chalicelib.domain.complaint import public_status
from chalicelib.domain.reference import parse_reference
from chalicelib.pages.forms import Req, attempt
from chalicelib.pages.render import html
from chalicelib.services import tracking


def day(iso_text: str | None) -> str:
    """dd-mm-yyyy in India Standard Time."""
    if not iso_text:
        return ""
    return datetime.fromisoformat(iso_text).astimezone(IST).strftime("%d-%m-%Y")


def _name(place: Any, code: str, lang: str) -> str:
    if place is None:
        return code
    return str(place.name_hi if lang == "hi" else place.name_en)


def status_view(status: dict[str, Any], lang: str) -> dict[str, Any]:
    directory = b.get_directory()
    return {
        "reference": status["reference"],
        "status": status["status"],
        "level": status["level"],
        "department": _name(directory.department(status["department"]), status["department"], lang),
        "district": _name(directory.district(status["district"]), status["district"], lang),
        "registered": day(status["registered_at"]),
        "due": day(status.get("due_at")),
        "overdue": bool(status.get("overdue")),
    }


def track(r: Req) -> Response:
    """GET /track?ref=: a form; with a reference, its public status (400 bad number, 404 unknown)."""
    text = r.form.get("ref", "").strip()
    query = {"ref": text} if text else {}
    ctx: dict[str, Any] = {"lang": r.lang, "base": r.base, "f": r.form, "query": query}
    if not text:
        return html("track.html", **ctx)
    ref, error = attempt(parse_reference, text)
    if error or ref is None:
        return html("track.html", error.status if error else 400, error=error, bad_ref=True, **ctx)
    complaint, error = attempt(tracking.find, ref, b.get_complaints())
    if error or complaint is None:
        return html("track.html", error.status if error else 404, not_found=True, **ctx)
    return html("track.html", s=status_view(public_status(complaint), r.lang), **ctx)
