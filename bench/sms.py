"""The SMS bill of a month: the demo month's mix of complaints (filed by citizens and the call
centre, resolved, escalated, reopened, closed, with the morning digests) run on the local
stack, then every SMS it sent counted in parts as the operators bill them.

Prints SMS messages and parts per complaint, by kind, and the month's total parts.
`python -m bench.sms [--days 30 --per-day 8 --seed 181]`.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--per-day", type=int, default=8)
    parser.add_argument("--seed", type=int, default=181)
    parser.add_argument("--day-seconds", default="2", help="real seconds a system day lasts")
    args = parser.parse_args(argv)

    from devstack.launch import start_stack, stop_stack
    from devstack.month import generate

    # Links at a deployment's length (the public base URL counts in every SMS that carries one).
    stack = start_stack(Path(tempfile.mkdtemp(prefix="bench-sms-")), args.day_seconds, "https://cmhelpline.mp.gov.in")
    try:
        month = generate(stack.api, days=args.days, per_day=args.per_day, seed=args.seed, out=io.StringIO())
        messages = _settled(stack.moto)
    finally:
        stop_stack(stack)
    # The mix as it ran: a loaded machine can make planned actions late (more escalations).
    print(f"month: filed {len(month.filed)}, actions {dict(sorted(month.done.items()))}")
    for problem in month.problems[:5]:
        print(f"  problem: {problem}")
    return report(messages, len(month.filed))


def _settled(moto: str, quiet: float = 20.0, limit: float = 600.0) -> list[dict[str, str]]:
    """The SMS sent once the notifications have drained: no new one for `quiet` seconds
    other than the morning digests (of either language), which go on every system day."""
    deadline, last, since = time.time() + limit, -1, time.time()
    while time.time() < deadline:
        messages = _sent(moto)
        others = sum(1 for m in messages if str(m.get("template", "")).split(".")[0] != "digest_daily")
        if others != last:
            last, since = others, time.time()
        elif time.time() - since >= quiet:
            return messages
        time.sleep(2)
    return _sent(moto)


def _sent(moto: str) -> list[dict[str, str]]:
    """Every SMS the stack sent, from its phone log (read where the stack stored it)."""
    from chalicelib import bootstrap
    from devstack import env

    env.apply(env.local_env(int(moto.rsplit(":", 1)[1])))
    bootstrap.reset()
    return [m for m in bootstrap.get_phone_log().messages(limit=10**7) if m.get("kind") == "sms"]


def report(messages: list[dict[str, str]], complaints: int) -> int:
    from chalicelib.domain.messages import sms_parts

    count: Counter[str] = Counter()
    parts: Counter[str] = Counter()
    for m in messages:
        kind = str(m.get("template") or "?")
        count[kind] += 1
        parts[kind] += sms_parts(str(m["text"])).parts
    n = max(complaints, 1)
    print(f"{'kind':<22}{'SMS':>7}{'parts':>8}{'parts/SMS':>11}")
    for kind in sorted(count, key=lambda k: -parts[k]):
        print(f"{kind:<22}{count[kind]:>7}{parts[kind]:>8}{parts[kind] / count[kind]:>11.2f}")
    total_sms, total_parts = sum(count.values()), sum(parts.values())
    registered = sum(n for kind, n in count.items() if kind.split(".")[0] == "citizen_registered")
    print(f"complaints filed: {complaints}; 'registered' SMS (either language): {registered}")
    print(
        f"SMS: {total_sms} ({total_sms / n:.2f} per complaint), "
        f"parts: {total_parts} ({total_parts / n:.2f} per complaint)"
    )
    print(
        f"sms: {complaints} complaints, {total_sms} SMS, {total_parts} parts, {total_parts / n:.2f} parts per complaint"
    )
    return 0 if complaints else 1


if __name__ == "__main__":
    sys.exit(main())
