"""Officer inbox cost: AWS calls for `GET /v1/officer/inbox` of an officer holding two posts
(regular + additional charge), with 120 open complaints: one index query per post held."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime

KEY = "bench-cursor-key"


def main() -> int:
    from bench.registration import _count_calls
    from bench.stack import moto_stack

    with moto_stack():
        from chalicelib import bootstrap
        from chalicelib.domain.complaint import Filing
        from chalicelib.domain.directory import Officer, Posting
        from chalicelib.services import inbox
        from chalicelib.services.intake import Actor, register

        d, complaints = bootstrap.get_directory(), bootstrap.get_complaints()
        posts = ["REVENUE:L1:SEHORE-BUDHNI", "REVENUE:L1:SEHORE-ASHTA"]
        d.put_officers([Officer("bench.officer", "बेंच अधिकारी", "तहसीलदार", "+917000000999")])
        d.put_postings(
            [
                Posting(p, "bench.officer", c, "2026-01-01T00:00:00+00:00")
                for p, c in zip(posts, ("regular", "additional"), strict=True)
            ]
        )
        for i in range(120):
            block = ["SEHORE-BUDHNI", "SEHORE-ASHTA"][i % 2]
            f = Filing("complaint", "REVENUE", "SEHORE", block, "नाम", f"विषय {i}", "विवरण", f"+9190{i:08d}")
            register(f, "web", Actor("citizen", f.mobile), None, bootstrap.desk())
        calls = _count_calls()
        t0 = time.perf_counter()
        page = inbox.inbox("bench.officer", d, complaints, None, KEY)
        took = time.perf_counter() - t0
        pages = 1
        while page["next"]:
            page = inbox.inbox("bench.officer", d, complaints, page["next"], KEY)
            pages += 1
        print("officer inbox: 2 posts held (regular + additional charge), 120 open complaints")
        print(f"  AWS calls for all {pages} pages: {dict(calls)}")
        print(f"  first page: {took * 1000:.1f} ms; at {datetime.now(UTC):%H:%M:%S}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
