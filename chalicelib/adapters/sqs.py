"""The durable job queues (notifications, maintenance) on Amazon SQS, each with its DLQ."""

from __future__ import annotations

import json
from typing import Any


class SqsJobQueue:
    """Implements `JobQueue`: jobs as JSON messages, sent ten to a batch."""

    def __init__(self, sqs: Any, url: str) -> None:
        self._sqs = sqs
        self.url = url

    def put(self, jobs: list[dict[str, Any]]) -> None:
        """Raises if SQS refused any message, so the caller's event is retried."""
        for i in range(0, len(jobs), 10):
            batch = jobs[i : i + 10]
            resp = self._sqs.send_message_batch(
                QueueUrl=self.url,
                Entries=[{"Id": str(n), "MessageBody": json.dumps(j, ensure_ascii=False)} for n, j in enumerate(batch)],
            )
            if resp.get("Failed"):
                raise RuntimeError(f"notify queue refused {resp['Failed']}")
