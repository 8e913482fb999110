"""The notifier: the notify queue's handler (SMS through SNS, calls through Connect).

Partial batch failures. Chalice 1.34's `on_sqs_message` has no setting for them, but it
hands back whatever the handler returns, so the handler returns Lambda's
`{"batchItemFailures": [{"itemIdentifier": <messageId>}, …]}` and the packaged template
turns `ReportBatchItemFailures` on for the queue's event source (`infra/build.py`): Lambda
deletes every message of the batch but those listed. The listed ones are made visible again
when they should be tried next (`ChangeMessageVisibility`): a failed job after an exponential
backoff, a job whose claim another attempt holds once that lease has run out. A message that
keeps failing ends in the DLQ after five receives.
"""

from __future__ import annotations

import json
import logging
import math
from datetime import datetime
from typing import Any

from chalice import Blueprint

from chalicelib.settings import NOTIFY_QUEUE

bp = Blueprint(__name__)
log = logging.getLogger(__name__)
MAX_DELAY = 900  # seconds: the longest backoff


@bp.on_sqs_message(queue=NOTIFY_QUEUE, batch_size=10)
def on_notify_job(event: Any) -> dict[str, list[dict[str, str]]]:
    """Delivers every job of the batch; returns the ids of those that must come back."""
    from chalicelib import bootstrap as b
    from chalicelib.services.notify import NotDelivered, deliver

    deps = b.notifier()
    again: list[dict[str, str]] = []
    for record in event:
        raw = record.to_dict()
        try:
            deliver(json.loads(record.body), deps)
            continue
        except NotDelivered as exc:
            log.warning("%s", exc)
            delay = retry_delay(raw, bool(exc.failures), exc.leased_until, deps.clock.wall())
        except Exception:  # a malformed job, the directory unreachable…: retried, then the DLQ
            log.exception("notification job %s failed", raw.get("messageId"))
            delay = retry_delay(raw, True, None, deps.clock.wall())
        again.append({"itemIdentifier": raw["messageId"]})
        _visible_in(record.receipt_handle, delay)
    return {"batchItemFailures": again}


def retry_delay(record: dict[str, Any], failed: bool, leased_until: datetime | None, now: datetime) -> int:
    """Seconds until the message should be received again: the exponential backoff (1x, 2x,
    4x… the base, at most 15 minutes) after a failure, and never before a lease held by
    another attempt has run out (sooner, it would only be put back again)."""
    from chalicelib.settings import get_settings

    delay = 0
    if failed:
        tries = int(record.get("attributes", {}).get("ApproximateReceiveCount", "1"))
        delay = min(MAX_DELAY, int(get_settings().notify_backoff_seconds * 2 ** (tries - 1)))
    if leased_until is not None:
        delay = max(delay, math.ceil((leased_until - now).total_seconds()) + 1)
    return delay


def _visible_in(receipt_handle: str, seconds: int) -> None:
    from chalicelib import bootstrap as b

    try:
        b.client("sqs").change_message_visibility(
            QueueUrl=b.get_notify_queue().url, ReceiptHandle=receipt_handle, VisibilityTimeout=seconds
        )
    except Exception:  # the queue's own visibility timeout (longer than any lease) still brings it back
        log.warning("could not set the visibility of a notification job", exc_info=True)
