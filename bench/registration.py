"""Registration cost: AWS calls per `POST /v1/complaints` and median time, on moto's server.

Run: `make bench` (or `python -m bench.registration`). Prints figures; asserts nothing
about speed (speed belongs here, not in tests), but fails if a registration scans.
"""

from __future__ import annotations

import collections
import json
import os
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

N = int(os.environ.get("BENCH_N", "50"))


def _count_calls() -> collections.Counter[str]:
    """Counts every AWS API call made through botocore (boto3 and PynamoDB alike)."""
    import botocore.client

    calls: collections.Counter[str] = collections.Counter()
    original = botocore.client.BaseClient._make_api_call

    def counting(self: Any, operation: str, params: Any) -> Any:
        calls[f"{self.meta.service_model.service_name}.{operation}"] += 1
        return original(self, operation, params)

    botocore.client.BaseClient._make_api_call = counting  # type: ignore[method-assign]
    return calls


def main() -> int:
    from bench.stack import moto_stack

    with moto_stack():
        from chalice.test import Client

        from app import app
        from chalicelib.domain.tokens import sign
        from chalicelib.settings import get_settings

        calls = _count_calls()
        form = {
            "category": "complaint",
            "department": "REVENUE",
            "district": "SEHORE",
            "block": "SEHORE-BUDHNI",
            "name": "बेंच",
            "subject": "माप",
            "description": "पंजीकरण की लागत",
        }
        times = []
        expires = datetime.now(UTC) + timedelta(hours=1)
        with Client(app, stage_name="local") as client:
            for i in range(N):
                token = sign("citizen", f"+9199{i:08d}", expires, get_settings().signing_secret)
                calls.clear()
                t0 = time.perf_counter()
                resp = client.http.post(
                    "/v1/complaints",
                    body=json.dumps(form),
                    headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
                )
                times.append(time.perf_counter() - t0)
                assert resp.status_code == 201, resp.body
                per_call = dict(calls)
        scans = {k: v for k, v in per_call.items() if k.endswith(".Scan")}
        print(f"registration: {N} complaints through the app on moto's server")
        print(f"  AWS calls per registration: {sum(per_call.values())}  {per_call}")
        tx = per_call.get("dynamodb.TransactWriteItems", 0)
        print(f"  TransactWriteItems per registration: {tx}; scans: {scans or 0}")
        print(f"  median {statistics.median(times) * 1000:.1f} ms, p90 {sorted(times)[int(N * 0.9) - 1] * 1000:.1f} ms")
        return 1 if scans else 0


if __name__ == "__main__":
    sys.exit(main())
