"""WhatsApp: what the webhook does before the platform gets its 200, and what answering one
message costs, on moto's server: AWS calls and median and p95 times of a signed webhook POST
(checked, read, queued), and of the WhatsApp queue's handler answering one "स्थिति" from a
number with a complaint (the reply written to the emulated phone; a deployed stage adds the
Cloud API's round trip).

Run: `python -m bench.whatsapp` (`BENCH_N`, default 50). Prints figures; asserts nothing.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta

from bench.registration import _count_calls

N = int(os.environ.get("BENCH_N", "50"))


def _p95(times: list[float]) -> float:
    return sorted(times)[max(0, int(len(times) * 0.95) - 1)] * 1000


def main() -> int:
    from bench.stack import moto_stack

    with moto_stack():
        from chalice.test import Client

        from app import app
        from chalicelib import bootstrap
        from chalicelib.domain.tokens import sign
        from chalicelib.domain.whatsapp import signature
        from chalicelib.settings import get_settings
        from devstack.pump import EventPump, sqs_event
        from devstack.whatsapp import new_message_id, payload

        s = get_settings()
        pump = EventPump(app, bootstrap.client, bootstrap.get_clock())
        [queue] = [q for q in pump.queues if q.name == "on_whatsapp_message"]
        form = {
            "category": "complaint",
            "department": "REVENUE",
            "district": "SEHORE",
            "block": "SEHORE-BUDHNI",
            "name": "बेंच",
            "subject": "माप",
            "description": "व्हाट्सऐप की लागत",
        }
        calls = _count_calls()
        webhook, answering = [], []
        webhook_calls: dict[str, int] = {}
        answer_calls: dict[str, int] = {}
        expires = datetime.now(UTC) + timedelta(hours=1)
        with Client(app, stage_name="local") as client:
            for i in range(N):
                mobile = f"+9198{i:08d}"
                token = sign("citizen", mobile, expires, s.signing_secret)
                client.http.post(
                    "/v1/complaints",
                    body=json.dumps(form),
                    headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
                )
                at = bootstrap.get_clock().wall()
                raw = json.dumps(payload(mobile, "स्थिति", at, new_message_id(), s.whatsapp_phone_number_id)).encode()
                headers = {
                    "Content-Type": "application/json",
                    "X-Hub-Signature-256": signature(raw, s.whatsapp_app_secret),
                }
                calls.clear()
                t0 = time.perf_counter()
                resp = client.http.post("/v1/whatsapp/webhook", body=raw, headers=headers)
                webhook.append(time.perf_counter() - t0)
                webhook_calls = dict(calls)
                assert resp.status_code == 200, resp.body
                sqs = bootstrap.client("sqs")
                msgs = sqs.receive_message(QueueUrl=queue.url, MaxNumberOfMessages=1, AttributeNames=["All"])
                event = sqs_event(msgs["Messages"], queue.arn)
                calls.clear()
                t0 = time.perf_counter()
                out = queue.handler(event, None)
                answering.append(time.perf_counter() - t0)
                answer_calls = dict(calls)
                assert out == {"batchItemFailures": []}, out
                sqs.delete_message(QueueUrl=queue.url, ReceiptHandle=msgs["Messages"][0]["ReceiptHandle"])
        print(f"whatsapp: {N} messages on moto's server")
        print(f"  webhook (signature, read, queue): AWS calls {sum(webhook_calls.values())} {webhook_calls}")
        print(f"    median {statistics.median(webhook) * 1000:.1f} ms, p95 {_p95(webhook):.1f} ms")
        print(f"  answering one message (queue handler): AWS calls {sum(answer_calls.values())} {answer_calls}")
        print(f"    median {statistics.median(answering) * 1000:.1f} ms, p95 {_p95(answering):.1f} ms")
        return 0


if __name__ == "__main__":
    sys.exit(main())
