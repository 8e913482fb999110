"""Satisfaction callbacks (R-SATISFACTION): scheduled after a resolution, dispatched every
15 minutes within calling hours to the automated survey (when configured) or the call
centre's queue, and cleared once the citizen has answered."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from chalicelib.clock import iso
from chalicelib.domain import callbacks as rules
from chalicelib.domain.callbacks import Callback
from chalicelib.domain.messages import spaced
from chalicelib.services.bundles import Callbacks
from chalicelib.services.ports import CallbacksStore, ComplaintsStore


def schedule(reference: str, resolved_at: datetime, survey: bool, repo: CallbacksStore) -> None:
    repo.put(Callback(reference, "auto" if survey else "cce", iso(resolved_at), 0))


def dispatch(now: datetime, deps: Callbacks) -> dict[str, int]:
    """Places the due automated survey calls; a survey that already rang 3 times goes to
    the call centre. Nothing is called outside 07:00–23:00 IST."""
    if not rules.within_hours(now):
        return {"called": 0, "to_cce": 0}
    called = to_cce = 0
    for cb in deps.callbacks.due(now, "auto"):
        if cb.attempts >= rules.MAX_SURVEY_ATTEMPTS:
            deps.callbacks.put(Callback(cb.reference, "cce", iso(now), cb.attempts), replacing=cb)
            to_cce += 1
            continue
        c = deps.complaints.get(cb.reference)
        if c is None or c.status != "resolved":
            deps.callbacks.remove(cb.reference)
            continue
        deps.voice.call(
            c.mobile,
            survey_script(cb.reference, c.lang),
            {"reference": cb.reference, "survey": "1", "lang": c.lang},  # the flow's last words in it too
            f"survey:{cb.reference}:{cb.attempts + 1}",
        )
        nxt = rules.next_attempt(now, cb.attempts + 1, deps.calendar)
        deps.callbacks.put(Callback(cb.reference, "auto", iso(nxt), cb.attempts + 1), replacing=cb)
        called += 1
    return {"called": called, "to_cce": to_cce}


def survey_script(reference: str, lang: str = "hi") -> str:
    """The survey call's question, in the complainant's language only (Hindi unless they chose
    English when filing), as their SMS are."""
    if lang == "en":
        return (
            f"Hello from CM Helpline 181. Complaint number {spaced(reference)} has been resolved. "
            "Press 1 if you are satisfied, 2 if you are not."
        )
    return (
        f"नमस्कार, सीएम हेल्पलाइन 181 से। आपकी शिकायत क्रमांक {spaced(reference)} का निराकरण दर्ज हुआ है। "
        "यदि आप संतुष्ट हैं तो 1 दबाएँ, असंतुष्ट हैं तो 2 दबाएँ।"
    )


def queue_for_cce(now: datetime, repo: CallbacksStore, complaints: ComplaintsStore) -> list[dict[str, Any]]:
    out = []
    for cb in repo.due(now, "cce"):
        c = complaints.get(cb.reference)
        if c is None or c.status != "resolved":
            continue
        out.append(
            {
                "reference": c.reference,
                "name": c.name,
                "mobile": c.mobile,
                "department": c.department,
                "district": c.district,
                "subject": c.subject,
                "resolved_at": c.extra.get("resolved_at"),
                "survey_attempts": cb.attempts,
                "due": cb.due,
            }
        )
    return out
