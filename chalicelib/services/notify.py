"""Notifications as jobs (R-REALTIME): the reactor enqueues them, the notifier delivers
each to the post's current holders (or the district nodal officer if the post is
vacant) through SMS and a call, recording every attempt."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain import messages
from chalicelib.domain.calendar import WorkingDays
from chalicelib.domain.complaint import Complaint
from chalicelib.domain.directory import nodal_post
from chalicelib.domain.tokens import sign
from chalicelib.services.bundles import Links, Notifier
from chalicelib.services.ports import Clock, Directory

# An officer's link lasts until the assignment's deadline and this many working days more.
LINK_GRACE_WORKING_DAYS = 2


def job(
    c: Complaint,
    version: int,
    template: str,
    channel: str,
    to_post: str | None = None,
    to_mobile: str | None = None,
    **params: str,
) -> dict[str, Any]:
    return {
        "job": f"{c.reference}:{version}:{template}:{channel}",
        "channel": channel,
        "template": template,
        "to_post": to_post,
        "to_mobile": to_mobile,
        "district": c.district,
        "params": {"reference": c.reference, "level": str(c.level), "due_at": c.due_at, **params},
    }


def link_expiry(c: Complaint, clock: Clock, calendar: WorkingDays) -> datetime:
    """When an officer's link for `c`'s assignment stops working, in wall time (as tokens are
    checked): the end of the LINK_GRACE_WORKING_DAYS-th working day after the assignment's
    deadline, or after today when that is later (a reminder about overdue work still gets a
    link that works). Deadlines are system time; a fast local clock makes the link shorter."""
    now = clock.now()
    due = datetime.fromisoformat(c.due_at) if c.due_at else now
    until = max(calendar.deadline(due, LINK_GRACE_WORKING_DAYS), calendar.deadline(now, LINK_GRACE_WORKING_DAYS))
    speed = clock.span(timedelta(seconds=1)) / timedelta(seconds=1)
    return clock.wall() + (until - now) / speed


def officer_jobs(
    c: Complaint, version: int, template: str, clock: Clock, calendar: WorkingDays, links: Links, call: bool = True
) -> list[dict[str, Any]]:
    """SMS with a signed link bound to this assignment, lasting until its deadline and a little
    more (`link_expiry`), and, for new work, a call."""
    token = sign("link", c.assignment_id, link_expiry(c, clock, calendar), links.secret)
    link = f"{links.base_url}/o/{token}"
    out = [job(c, version, template, "sms", to_post=c.post_id, link=link)]
    if call:
        out.append(job(c, version, template, "call", to_post=c.post_id))
    return out


def recipients(job_: dict[str, Any], directory: Directory) -> list[str]:
    if job_.get("to_mobile"):
        return [str(job_["to_mobile"])]
    holders = directory.current_holders(job_["to_post"])
    if not holders:
        holders = directory.current_holders(nodal_post(job_["district"]))
    mobiles = []
    for h in holders:
        officer = directory.officer(h.officer_id)
        if officer is not None:
            mobiles.append(officer.mobile)
    return mobiles


def deliver(job_: dict[str, Any], deps: Notifier) -> int:
    """Sends one job to each recipient not yet served; returns how many were sent.
    Raises after recording the failure, so the queue retries (then the DLQ)."""
    sms, voice, ledger, clock = deps.sms, deps.voice, deps.ledger, deps.clock
    sent, failures = 0, []
    kind, template, params = job_["channel"], job_["template"], job_["params"]
    for to in recipients(job_, deps.directory):
        if not ledger.claim(job_["job"], to, kind, clock.wall()):
            continue
        try:
            if kind == "sms":
                provider_id = sms.send(to, messages.sms(template, params), template)
            else:
                provider_id = voice.call(
                    to,
                    messages.call_script(template, params),
                    {"reference": params["reference"]},
                    f"{job_['job']}:{to}",
                )
        except Exception as exc:  # any provider failure: record it, let the queue retry
            ledger.fail(job_["job"], to, kind, clock.now(), repr(exc))
            failures.append(f"{to}: {exc!r}")
            continue
        ledger.finish(job_["job"], to, kind, clock.now(), provider_id)
        sent += 1
    if failures:
        raise RuntimeError(f"notification {job_['job']} failed for {failures}")
    return sent
