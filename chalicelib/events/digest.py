"""Monitoring schedules (EventBridge, UTC): daily digest 09:00 IST, weekly pack Monday 08:00 IST,
feedback sampling daily 09:30 IST."""

from __future__ import annotations

from typing import Any

from chalice import Blueprint, Cron

from chalicelib.domain.calendar import IST

bp = Blueprint(__name__)


@bp.schedule(Cron(30, 3, "*", "*", "?", "*"), name="daily_digest")
def daily_digest(event: Any) -> None:
    """One SMS per officer with pending complaints (R-DAILY-VIEW)."""
    from chalicelib import bootstrap as b
    from chalicelib.services import digest

    digest.send(b.report_schedules())


@bp.schedule(Cron(30, 2, "?", "*", "MON", "*"), name="weekly_review_pack")
def weekly_review_pack(event: Any) -> None:
    """The Chief Secretary's and Chief Minister's review pack (R-WEEKLY)."""
    from chalicelib import bootstrap as b
    from chalicelib.services import weekly

    weekly.publish(b.report_schedules().reports)


@bp.schedule(Cron(0, 4, "*", "*", "?", "*"), name="feedback_sampling")
def feedback_sampling(event: Any) -> None:
    """Today's complainants to call, per HoD and Collector (R-FEEDBACK-SAMPLING)."""
    from chalicelib import bootstrap as b
    from chalicelib.services import feedback

    s = b.report_schedules()
    feedback.sample(s.reports.clock.now().astimezone(IST).date(), s.feedback_seed, s.reports)
