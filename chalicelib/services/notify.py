"""Notifications as jobs (R-REALTIME): the reactor enqueues them, the notifier delivers
each to the post's current holders (or the district nodal officer if the post is
vacant) through SMS and a call, recording every attempt. A citizen who wrote to the
helpline's WhatsApp number (and did not say STOP) also gets their notifications there, as
approved templates (`domain.whatsapp.TEMPLATES`).

Exactly once where it can be, never lost. Each recipient of a job is claimed in the
ledger before anything is sent, and recorded `sent` once the provider has accepted it, so a
redelivered job sends nothing twice. A recipient whose claim another attempt still holds is
not dropped: the job goes back on the queue until that lease runs out, and if the holder died
the next attempt sends it. The one window left is a crash after the provider accepted a
message and before the ledger says so: the lease then runs out and that one message, to that
one recipient, is sent once more. Calls carry the job as Connect's client token, so a call is
placed once even then; an SMS has no such token and may arrive twice.

An officer's SMS carries a link of its own to each recipient: the job says which assignment
and until when (`link_until`), and the notifier issues the token as it sends
(`services.officer_links`), bound to the post that recipient holds and to them. No token
travels in a queued job.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain import messages, whatsapp
from chalicelib.domain.calendar import WorkingDays
from chalicelib.domain.complaint import Complaint
from chalicelib.domain.directory import nodal_post
from chalicelib.domain.tokens import LinkGrant
from chalicelib.services import officer_links
from chalicelib.services.bundles import Links, Notifier
from chalicelib.services.ports import Clock, Directory, Ledger

# An officer's link lasts until the assignment's deadline and this many working days more.
LINK_GRACE_WORKING_DAYS = 2
# Tries at recording that a message was sent before giving up (each is itself retried by the SDK).
RECORD_TRIES = 3
log = logging.getLogger(__name__)


class NotDelivered(RuntimeError):
    """Some recipients of a job were not served by this attempt, so the job must come back:
    those that failed (recorded in the ledger) after the queue's backoff, those claimed by
    another attempt once its lease has run out (`leased_until`)."""

    def __init__(self, job: str, failures: list[str], leased_until: datetime | None) -> None:
        parts = ([f"failed for {failures}"] if failures else []) + (
            [f"leased until {leased_until.isoformat()}"] if leased_until else []
        )
        super().__init__(f"notification {job} not delivered: {'; '.join(parts)}")
        self.job = job
        self.failures = failures
        self.leased_until = leased_until


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
    """SMS with a link to this assignment, lasting until its deadline and a little more
    (`link_expiry`; the token is issued per recipient as it is sent), and, for new work, a call."""
    until = link_expiry(c, clock, calendar).isoformat()
    out = [job(c, version, template, "sms", to_post=c.post_id, assignment=c.assignment_id, link_until=until)]
    if call:
        # The call says what the complaint is about; the SMS, a part short, does not.
        out.append(job(c, version, template, "call", to_post=c.post_id, subject=c.subject))
    return out


@dataclass(frozen=True)
class Recipient:
    mobile: str
    lang: str
    post_id: str | None = None  # an officer: the post they get it as the holder of
    officer_id: str | None = None


def recipients(job_: dict[str, Any], directory: Directory) -> list[Recipient]:
    """Each person the job goes to: the citizen named in it, or the post's current holders
    (the district nodal officer's when it is vacant); a job naming both a post and a mobile
    goes to that holder only (the link sent again to the officer on a call)."""
    mobile = job_.get("to_mobile")
    if not job_.get("to_post"):
        return [Recipient(str(mobile), str(job_["params"].get("lang") or "hi"))]
    post = job_["to_post"]
    holders = directory.current_holders(post)
    if not holders:
        post = nodal_post(job_["district"])
        holders = directory.current_holders(post)
    out = []
    for h in holders:
        officer = directory.officer(h.officer_id)
        if officer is not None and (not mobile or officer.mobile == mobile):
            out.append(Recipient(officer.mobile, officer.lang, post, officer.officer_id))
    return out


def _with_link(params: dict[str, str], to: Recipient, deps: Notifier) -> dict[str, str]:
    """An officer's SMS: the job's parameters with a token of the recipient's own."""
    if not params.get("link_until") or to.post_id is None or to.officer_id is None:
        return params
    grant = LinkGrant(params["assignment"], to.post_id, to.officer_id, datetime.fromisoformat(params["link_until"]))
    token = officer_links.issue(grant, deps.links)
    return {**params, "link": f"{deps.public_base_url}/o/{token}"}


def deliver(job_: dict[str, Any], deps: Notifier) -> int:
    """Sends one job to each recipient not yet served; returns how many were sent.
    Raises `NotDelivered` after trying every recipient if any failed (the failure is
    recorded) or is claimed by another attempt, so the queue brings the job back."""
    sms, voice, ledger, clock = deps.sms, deps.voice, deps.ledger, deps.clock
    sent, failures, leased = 0, [], []
    name, kind, template, params = job_["job"], job_["channel"], job_["template"], job_["params"]
    for person in recipients(job_, deps.directory):
        to, lang = person.mobile, person.lang
        if kind == "whatsapp":
            contact = deps.chats.get(to)
            if not whatsapp.opted_in(contact):  # wrote to us, then said STOP, or never wrote
                continue
            lang = (contact.lang if contact else None) or lang
        try:
            claim = ledger.claim(name, to, kind, clock.wall())
        except Exception as exc:  # the ledger could not be asked: nothing was sent
            failures.append(f"{to}: claim {exc!r}")
            continue
        if claim.status == "sent":
            continue
        if claim.status == "leased":
            assert claim.until is not None
            leased.append(claim.until)
            continue
        try:
            if kind == "sms":
                text = messages.sms(template, _with_link(params, person, deps), lang)
                provider_id = sms.send(to, text, messages.dlt_key(template, lang))
            elif kind == "whatsapp":  # the system's own message: an approved template, never free-form
                provider_id = deps.whatsapp.send_template(to, whatsapp.template_message(template, params, lang))
            else:
                provider_id = voice.call(
                    to,
                    messages.call_script(template, params, lang),
                    {"reference": params["reference"]},
                    f"{name}:{to}",
                )
        except Exception as exc:  # any provider failure: record it, let the queue retry
            _record_failure(ledger, name, to, kind, clock.now(), repr(exc))
            failures.append(f"{to}: {exc!r}")
            continue
        # The provider has it. From here to the ledger's `sent` is the window in which a
        # crash repeats this one message once (see the module's docstring).
        _record_sent(ledger, name, to, kind, clock.now(), provider_id)
        sent += 1
    if failures or leased:
        raise NotDelivered(name, failures, max(leased) if leased else None)
    return sent


def _record_sent(ledger: Ledger, job: str, to: str, kind: str, now: datetime, provider_id: str) -> None:
    """The message went out: the ledger must say so, or a later attempt would send it again.
    If the ledger still refuses after a few tries the recipient stays served (the provider
    has the message) and the job is not made to come back on its account."""
    for attempt in range(1, RECORD_TRIES + 1):
        try:
            ledger.finish(job, to, kind, now, provider_id)
            return
        except Exception:
            if attempt == RECORD_TRIES:
                log.exception("notification %s to %s sent (%s) but not recorded", job, to, provider_id)


def _record_failure(ledger: Ledger, job: str, to: str, kind: str, now: datetime, error: str) -> None:
    """Nothing was sent; if the ledger cannot say so either, the claim's lease runs out and a
    later attempt sends (the job comes back in any case)."""
    try:
        ledger.fail(job, to, kind, now, error)
    except Exception:
        log.exception("notification %s to %s failed and the failure was not recorded", job, to)
