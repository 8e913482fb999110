"""What follows from each change (ARCHITECTURE principle 1): the stream is the outbox.

A new history item triggers its effects (notifications, starting or stopping the
escalation timer). A complaint moved by the escalation workflow gets its history item
written here, once. Every effect is idempotent, because stream records are redelivered.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from chalicelib.domain import history as h
from chalicelib.domain import whatsapp
from chalicelib.domain.complaint import OPEN, STATE_GOVT, Complaint
from chalicelib.domain.escalation import timer_of
from chalicelib.domain.history import Entry
from chalicelib.services import callbacks
from chalicelib.services.bundles import Reactor
from chalicelib.services.notify import job, officer_jobs
from chalicelib.services.ports import ComplaintsStore


def on_workflow_change(
    old: Complaint | None, new: Complaint, last_event: str | None, lapsed: str | None, complaints: ComplaintsStore
) -> bool:
    """Records the escalation (or the overdue mark at L4) the workflow just made."""
    if last_event not in (h.ESCALATED, h.OVERDUE) or old is None or old.version == new.version:
        return False
    details = {
        "lapsed_post": old.post_id,
        "lapsed_level": old.level,
        "lapsed_assignment": lapsed or "",
        "lapsed_due_at": old.due_at,
        "due_at": new.due_at,
    }
    entry = Entry(
        new.version,
        new.assigned_at if last_event == h.ESCALATED else old.due_at,
        last_event,
        new.level,
        new.post_id,
        new.assignment_id,
        "system",
        details,
    )
    return bool(complaints.append_history(new.reference, entry))


def on_history(entry: Entry, reference: str, deps: Reactor) -> list[dict[str, Any]]:
    """Effects of one history entry; returns the notification jobs it enqueued."""
    c = deps.complaints.get(reference)
    if c is None:
        return []
    # The entry's own view of the complaint (it may have moved on since).
    at_entry: Complaint = replace(
        c,
        level=entry.level,
        post_id=entry.post_id,
        assignment_id=entry.assignment_id,
        due_at=entry.details.get("due_at", c.due_at),
    )
    current = c.assignment_id == entry.assignment_id and c.status in (OPEN, STATE_GOVT)
    links, clock = deps.links, deps.clock
    jobs: list[dict[str, Any]] = []
    track = f"{links.base_url}/t/{reference}"
    if entry.event == h.REGISTERED:
        jobs.append(
            job(at_entry, entry.version, "citizen_registered", "sms", to_mobile=c.mobile, track=track, lang=c.lang)
        )
        jobs += officer_jobs(at_entry, entry.version, "officer_new", clock, deps.calendar, links)
    elif entry.event == h.ESCALATED:
        jobs.append(job(at_entry, entry.version, "citizen_escalated", "sms", to_mobile=c.mobile, lang=c.lang))
        jobs += officer_jobs(at_entry, entry.version, "officer_escalated", clock, deps.calendar, links)
    elif entry.event in (h.TRANSFERRED, h.REOPENED):
        jobs += officer_jobs(at_entry, entry.version, "officer_new", clock, deps.calendar, links)
    elif entry.event == h.RESOLVED:
        jobs.append(job(at_entry, entry.version, "citizen_resolved", "sms", to_mobile=c.mobile, lang=c.lang))
        deps.timers.stop(timer_of(c, entry.assignment_id), "resolved")
        if c.status == "resolved" and c.version == entry.version:
            callbacks.schedule(reference, datetime.fromisoformat(entry.at), deps.satisfaction_survey, deps.callbacks)
    elif entry.event in (h.CLOSED, h.FINAL_DECISION):
        jobs.append(job(at_entry, entry.version, "citizen_closed", "sms", to_mobile=c.mobile, track=track, lang=c.lang))
    if entry.event in (h.CLOSED, h.FINAL_DECISION, h.REOPENED):
        deps.callbacks.remove(reference)
    elif entry.event == h.REMINDER and current:
        jobs += officer_jobs(at_entry, entry.version, "officer_reminder", clock, deps.calendar, links, call=False)
    jobs += on_whatsapp(jobs, c, deps)
    if jobs:
        deps.queue.put(jobs)
    if entry.event in h.NEW_TIMER and current:
        # A replaced timer (deadline changed, timer repaired) waits under the name the
        # complaint records, not the assignment's: stopping the id would leave it running.
        left = entry.details.get("previous_assignment") or entry.details.get("lapsed_assignment")
        previous = entry.details.get("previous_timer") or (timer_of(c, str(left)) if left else None)
        if previous:
            deps.timers.stop(previous, f"replaced: {entry.event}")
        if c.version == entry.version or entry.event != h.DEADLINE_CHANGED:
            deps.timers.start(c, deps.calendar)
    return jobs


def on_whatsapp(jobs: list[dict[str, Any]], c: Complaint, deps: Reactor) -> list[dict[str, Any]]:
    """The citizen's notifications once more, on WhatsApp, when they wrote to its number and did
    not say STOP (the opt-in): the same job on the `whatsapp` channel, sent as a template."""
    mine = [j for j in jobs if j["to_mobile"] == c.mobile and j["template"] in whatsapp.TEMPLATES]
    if not mine or not whatsapp.opted_in(deps.chats.get(c.mobile)):
        return []
    return [
        {**j, "channel": "whatsapp", "job": j["job"].rsplit(":", 1)[0] + ":whatsapp", "params": dict(j["params"])}
        for j in mine
    ]
