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
            deliver(json.loads(record.body), b.get_directory(), b.get_sms(), b.get_voice(), b.get_ledger(),
                    b.get_clock())
        except Exception as exc:
            failures.append(repr(exc))
    if failures:
        raise RuntimeError(f"{len(failures)} notification job(s) failed: {failures}")
