"""Monitoring schedules (EventBridge, UTC): daily digest 09:00 IST, weekly pack Monday 08:00 IST,
feedback sampling daily 09:30 IST."""

from __future__ import annotations

import os
from typing import Any

from chalice import Blueprint, Cron

from chalicelib.services import digest, feedback, weekly
from chalicelib.services.monitoring import deps_from_bootstrap

bp = Blueprint(__name__)


def _deps() -> Any:
    from chalicelib import bootstrap as b
    from chalicelib.settings import get_settings

    d = deps_from_bootstrap()
    d.queue, d.settings = b.get_notify_queue(), get_settings()
    return d


@bp.schedule(Cron(30, 3, "*", "*", "?", "*"), name="daily_digest")
def daily_digest(event: Any) -> None:
    """One SMS per officer with pending complaints (R-DAILY-VIEW)."""
    digest.send(_deps())


@bp.schedule(Cron(30, 2, "?", "*", "MON", "*"), name="weekly_review_pack")
def weekly_review_pack(event: Any) -> None:
    """The Chief Secretary's and Chief Minister's review pack (R-WEEKLY)."""
    weekly.publish(_deps())


@bp.schedule(Cron(0, 4, "*", "*", "?", "*"), name="feedback_sampling")
def feedback_sampling(event: Any) -> None:
    """Today's complainants to call, per HoD and Collector (R-FEEDBACK-SAMPLING)."""
    from chalicelib.domain.calendar import IST

    d = _deps()
    feedback.sample(d.clock.now().astimezone(IST).date(), os.environ.get("FEEDBACK_SEED", ""), d)
