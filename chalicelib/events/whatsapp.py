"""The WhatsApp queue's handler: each message a citizen sent, answered once
(`services.whatsapp.answer`).

The webhook only checks the signature and puts the messages on the queue, so the platform
gets its 200 at once and a message survives a failing reply: partial batch failures as on
the notify queue (`events/notifier.py`): a message whose reply failed comes back after the
backoff, one whose claim another attempt holds once that lease has run out, and after five
receives it waits in the DLQ (alarmed). Logged by message id, never by number or text.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from chalice import Blueprint

from chalicelib import observe
from chalicelib.settings import WHATSAPP_QUEUE

bp = Blueprint(__name__)
log = logging.getLogger(__name__)


@bp.on_sqs_message(queue=WHATSAPP_QUEUE, batch_size=10)
def on_whatsapp_message(event: Any) -> dict[str, list[dict[str, str]]]:
    """Answers every message of the batch; returns the ids of those that must come back."""
    from chalicelib import bootstrap as b
    from chalicelib.domain.whatsapp import Inbound
    from chalicelib.events.notifier import retry_delay
    from chalicelib.services.whatsapp import NotAnswered, answer

    deps = b.chat()
    again: list[dict[str, str]] = []
    for record in event:
        raw = record.to_dict()
        try:
            message = Inbound.from_job(json.loads(record.body)["message"])
        except (ValueError, KeyError, TypeError):  # not a job the webhook writes: nothing to answer
            log.error("whatsapp queue message %s is not a message job: dropped", raw.get("messageId"))
            continue
        with observe.correlated(message.id):
            try:
                done = answer(message, deps)
                observe.metric(f"WhatsApp{done.outcome.capitalize()}")
                continue
            except NotAnswered as exc:
                log.warning("%s", exc)
                delay = retry_delay(raw, exc.leased_until is None, exc.leased_until, deps.desk.clock.wall())
            except Exception:  # the stores unreachable…: retried, then the DLQ
                log.exception("whatsapp message %s failed", message.id)
                delay = retry_delay(raw, True, None, deps.desk.clock.wall())
        again.append({"itemIdentifier": raw["messageId"]})
        _visible_in(record.receipt_handle, delay)
    return {"batchItemFailures": again}


def _visible_in(receipt_handle: str, seconds: int) -> None:
    from chalicelib import bootstrap as b

    try:
        b.client("sqs").change_message_visibility(
            QueueUrl=b.get_whatsapp_queue().url, ReceiptHandle=receipt_handle, VisibilityTimeout=seconds
        )
    except Exception:  # the queue's own visibility timeout still brings it back
        log.warning("could not set the visibility of a whatsapp message", exc_info=True)
