"""Background jobs (deadline recomputation per district) and the daily timer reconciler."""

from __future__ import annotations

import json
import logging
from datetime import datetime
from typing import Any

from chalice import Blueprint, Cron

from chalicelib.settings import MAINTENANCE_QUEUE

bp = Blueprint(__name__)
log = logging.getLogger(__name__)


@bp.on_sqs_message(queue=MAINTENANCE_QUEUE, batch_size=1)
def on_maintenance_job(event: Any) -> None:
    from chalicelib import bootstrap as b
    from chalicelib.services import deadlines

    for record in event:
        job = json.loads(record.body)
        if job.get("type") == "recompute_deadlines":
            b.reset_calendar()  # the year just changed: never use a cached calendar
            out = deadlines.recompute_district(
                job["district"],
                datetime.fromisoformat(job["since"]),
                b.get_complaints(),
                b.get_calendar(),
                b.get_clock(),
            )
            log.info("recomputed deadlines in %s: %s", job["district"], out)


# 01:30 IST every day.
@bp.schedule(Cron(0, 20, "*", "*", "?", "*"), name="reconcile_timers")
def reconcile_timers(event: Any) -> dict[str, Any]:
    """Finds waiting complaints whose timer is missing and repairs them; reports what it did."""
    from chalicelib import bootstrap as b
    from chalicelib.services import deadlines

    report: dict[str, Any] = {"lapsed": 0, "repaired": 0, "districts": {}}
    for d in b.get_directory().districts():
        out = deadlines.reconcile_district(d.code, b.get_complaints(), b.get_timers(), b.get_clock())
        report["lapsed"] += out["lapsed"]
        report["repaired"] += out["repaired"]
        if out["repaired"]:
            report["districts"][d.code] = out
    log.info("timer reconciliation: %s", report)
    if report["repaired"]:
        from chalicelib import observe

        observe.metric("TimerRepairs", report["repaired"])
    return report
