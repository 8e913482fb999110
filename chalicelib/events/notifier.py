"""The notifier: the notify queue's handler (SMS through SNS, calls through Connect)."""

from __future__ import annotations

import json
from typing import Any

from chalice import Blueprint

from chalicelib import bootstrap as b
from chalicelib.services.notify import deliver
from chalicelib.settings import NOTIFY_QUEUE

bp = Blueprint(__name__)


@bp.on_sqs_message(queue=NOTIFY_QUEUE, batch_size=10)
def on_notify_job(event: Any) -> None:
    """Delivers every job of the batch; if any failed, raises after trying all, so the
    batch is redelivered (jobs already sent are skipped by the ledger) and a job that
    keeps failing ends in the DLQ."""
    failures = []
    for record in event:
        try:
            deliver(json.loads(record.body), b.notifier())
        except Exception as exc:
            failures.append(repr(exc))
            _back_off(record)
    if failures:
        raise RuntimeError(f"{len(failures)} notification job(s) failed: {failures}")


def _back_off(record: Any) -> None:
    """Exponential backoff: the failed message comes back after 1x, 2x, 4x… the base delay
    (capped at 15 minutes) instead of the queue's fixed visibility timeout."""
    from chalicelib.settings import get_settings

    attrs = record.to_dict().get("attributes", {})
    tries = int(attrs.get("ApproximateReceiveCount", "1"))
    delay = min(900, int(get_settings().notify_backoff_seconds * 2 ** (tries - 1)))
    url = b.get_notify_queue().url
    try:
        b.client("sqs").change_message_visibility(
            QueueUrl=url, ReceiptHandle=record.receipt_handle, VisibilityTimeout=delay
        )
    except Exception:  # the queue's own visibility timeout still brings it back
        pass
