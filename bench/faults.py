"""Nothing lost, nothing doubled, under injected AWS faults.

Starts the local stack, switches on the fault injector (`PUT /dev/faults`: throttling, 5xx,
timeouts and lost replies at `--rate` on every service), files `--complaints` complaints
through the HTTP API as the call centre's console does (each with its own Idempotency-Key,
retried with it after a 5xx or a dropped connection), has officers resolve some while the
faults go on, then switches the faults off, lets the stack drain, redrives the DLQs, and
checks from the table, the emulated phone and Step Functions:

- every accepted complaint exists exactly once (one complaint per caller's mobile), with
  its whole history (versions 1..n, `registered` first);
- every complaint's "registered" SMS to the citizen and "new complaint" SMS to the L1 officer
  were delivered exactly once, or sit in the DLQ;
- every complaint still waiting for an officer has a running escalation timer.

    python -m bench.faults [--complaints 1000] [--rate 0.2] [--workers 4]

Its last line: `faults: N complaints, F faults injected, lost L, doubled D, dlq Q`.
A filing the API refused for good (e.g. 429 after repeated OTP/rate-limit refusals) is
reported as refused, not accepted; it is lost only if the client was told it was filed.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import urllib.error
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3

from devstack.launch import Stack
from devstack.month import DISTRICTS, complaint_body

SERVICES = ("dynamodb", "dynamodbstreams", "sqs", "sns", "stepfunctions", "cognito-idp")
ONCE = ("citizen_registered", "officer_new")  # sent once per complaint and recipient
RECHECKS, RECHECK_SECONDS = 6, 30.0


@dataclass
class Run:
    accepted: dict[str, str] = field(default_factory=dict)  # mobile -> reference
    refused: dict[str, str] = field(default_factory=dict)  # mobile -> the last answer
    retries: int = 0
    resolved: int = 0
    problems: list[str] = field(default_factory=list)


def aws(stack: Stack, service: str) -> Any:
    """A client of the stack's embedded AWS (this process injects no faults)."""
    return boto3.client(
        service,
        endpoint_url=stack.moto,
        region_name="ap-south-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def call(stack: Stack, method: str, path: str, data: Any = None, user: str = "cce1", **headers: str) -> Any:
    """One request as a careful client makes it: retried, with the same body and headers, after
    a 5xx or a dropped connection (a 401 logs in again)."""
    for attempt in range(12):
        try:
            token = stack.api.token(user, fresh=attempt > 0 and attempt % 4 == 0)
            status, out = stack.api.call(method, path, data, token, headers)
        except (OSError, urllib.error.URLError, RuntimeError) as exc:  # RuntimeError: a login that failed
            status, out = 0, repr(exc)
        if status == 401:
            stack.api.tokens.pop(user, None)
        if status not in (0, 401, 500, 502, 503, 504):
            return status, out, attempt
        time.sleep(min(0.1 * 2**attempt, 2.0))
    return status, out, 12


def file_one(stack: Stack, run: Run, n: int, rng: random.Random, blocks: dict[str, list[str]]) -> None:
    mobile = f"+9197{n:08d}"
    body = complaint_body(rng, blocks, mobile)
    status, out, tries = call(stack, "POST", "/v1/complaints", body, **{"Idempotency-Key": str(uuid.uuid4())})
    run.retries += tries
    if status in (200, 201) and isinstance(out, dict) and "reference" in out:
        run.accepted[mobile] = out["reference"]
    else:
        run.refused[mobile] = f"{status} {str(out)[:120]}"


def resolve(stack: Stack, run: Run, ref: str) -> None:
    from devstack.demo import username

    status, c, _ = call(stack, "GET", f"/v1/complaints/{ref}")
    if status != 200 or c.get("status") != "open":
        return
    body = {
        "action": "resolve",
        "remarks": "आवेदक की समस्या का निराकरण कर दिया गया।",
        "rule_reference": "लोक सेवा गारंटी अधिनियम 2010",
        "version": c["version"],
    }
    status, out, _ = call(stack, "POST", f"/v1/complaints/{ref}/actions", body, user=username(c["post_id"]))
    if status == 200:
        run.resolved += 1
    elif status not in (403, 409):  # 409/403: it moved on meanwhile (escalated, or our retry was first)
        run.problems.append(f"resolve {ref}: {status} {out}")


def set_rates(stack: Stack, rate: float) -> dict[str, Any]:
    status, out, _ = call(stack, "PUT", "/dev/faults", {"rates": dict.fromkeys(SERVICES, rate)})
    if status != 200:
        raise RuntimeError(f"PUT /dev/faults: {status} {out}")
    return out  # type: ignore[no-any-return]


def _plain(v: dict[str, Any]) -> Any:
    kind, val = next(iter(v.items()))
    if kind == "M":
        return {k: _plain(x) for k, x in val.items()}
    if kind == "L":
        return [_plain(x) for x in val]
    if kind == "N":
        return int(float(val))
    return None if kind == "NULL" else val


def stored(stack: Stack) -> dict[str, dict[str, Any]]:
    """Every complaint with its history, read straight from the table (a benchmark may scan)."""
    from chalicelib.settings import COMPLAINTS_TABLE

    out: dict[str, dict[str, Any]] = defaultdict(lambda: {"history": []})
    for page in aws(stack, "dynamodb").get_paginator("scan").paginate(TableName=COMPLAINTS_TABLE):
        for raw in page["Items"]:
            item = {k: _plain(v) for k, v in raw.items()}
            ref = item["pk"].removeprefix("C#")
            if item["sk"] == "COMPLAINT":
                out[ref]["complaint"] = item
            elif item["sk"].startswith("H#"):
                out[ref]["history"].append(item)
    return dict(out)


def dlq(stack: Stack, redrive: bool) -> list[str]:
    """The bodies in the DLQs; with `redrive`, moved back to their queues (as an operator does)."""
    from chalicelib import settings

    sqs, bodies = aws(stack, "sqs"), []
    for source, dead in (
        (settings.NOTIFY_QUEUE, settings.NOTIFY_DLQ),
        (settings.MAINTENANCE_QUEUE, settings.MAINTENANCE_DLQ),
        (settings.WHATSAPP_QUEUE, settings.WHATSAPP_DLQ),
    ):
        dead_url = sqs.get_queue_url(QueueName=dead)["QueueUrl"]
        source_url = sqs.get_queue_url(QueueName=source)["QueueUrl"]
        while True:
            msgs = sqs.receive_message(QueueUrl=dead_url, MaxNumberOfMessages=10, VisibilityTimeout=30).get(
                "Messages", []
            )
            if not msgs:
                break
            for m in msgs:
                bodies.append(m["Body"])
                if redrive:
                    sqs.send_message(QueueUrl=source_url, MessageBody=m["Body"])
                    sqs.delete_message(QueueUrl=dead_url, ReceiptHandle=m["ReceiptHandle"])
    return bodies


def running_timers(stack: Stack) -> set[str]:
    sfn = aws(stack, "stepfunctions")
    names: set[str] = set()
    for machine in sfn.list_state_machines()["stateMachines"]:
        for page in sfn.get_paginator("list_executions").paginate(
            stateMachineArn=machine["stateMachineArn"], statusFilter="RUNNING"
        ):
            names.update(e["name"] for e in page["executions"])
    return names


def check(stack: Stack, run: Run) -> dict[str, Any]:
    from bench.sms import _sent

    table = stored(stack)
    by_mobile: dict[str, list[str]] = defaultdict(list)
    for ref, c in table.items():
        if "complaint" in c:
            by_mobile[c["complaint"]["mobile"]].append(ref)
    lost, doubled, unsent, untimed = [], [], [], []
    for mobile, ref in run.accepted.items():
        refs = by_mobile.get(mobile, [])
        if len(refs) > 1:
            doubled.append(f"{mobile}: filed {len(refs)} times {refs}")
        c = table.get(ref, {})
        versions = sorted(h["version"] for h in c.get("history", []))
        if "complaint" not in c or not versions:
            lost.append(f"{ref}: not stored")
        elif versions != list(range(1, c["complaint"]["version"] + 1)):
            lost.append(f"{ref}: history {versions} of version {c['complaint']['version']}")
    sms = Counter(once_sent(_sent(stack.moto), run))
    refs_of = {ref: mobile for mobile, ref in run.accepted.items()}
    waiting = dlq(stack, redrive=False)
    for ref in refs_of:
        for family in ONCE:
            got = [n for (r, f, _), n in sms.items() if r == ref and f == family]
            if any(n > 1 for n in got):
                doubled.append(f"{ref}: {family} sent {got}")
            if not got and not any(ref in body for body in waiting):
                unsent.append(f"{ref}: no {family}")
    timers = running_timers(stack)
    for ref in refs_of:
        item: dict[str, Any] = table.get(ref, {}).get("complaint") or {}
        if item and item["status"] in ("open", "state_govt") and timer_of(item) not in timers:
            untimed.append(f"{ref}: {item['status']} at L{item['level']} without a running timer")
    return {"lost": lost + unsent, "doubled": doubled, "untimed": untimed, "dlq": len(waiting)}


def timer_of(item: dict[str, Any]) -> str:
    """The name of the complaint's escalation timer, as the domain names it (from the two
    fields of the stored item it reads)."""
    from types import SimpleNamespace

    from chalicelib.domain.escalation import timer_name

    fields = SimpleNamespace(assignment_id=item["assignment_id"], extra=item.get("extra") or {})
    return timer_name(fields)  # type: ignore[arg-type]


def settle(stack: Stack, run: Run, limit: float = 1800.0) -> None:
    """Until every accepted complaint's citizen and officer SMS are out (or the limit: a
    stack that cannot catch up is reported as such, by what is missing), then a quiet spell."""
    from bench.sms import _sent, _settled

    deadline = time.time() + limit
    while time.time() < deadline:
        told = {(ref, family) for ref, family, _ in once_sent(_sent(stack.moto), run)}
        missing = [ref for ref in run.accepted.values() if any((ref, f) not in told for f in ONCE)]
        if not missing:
            break
        time.sleep(5)
    _settled(stack.moto, quiet=15.0, limit=max(60.0, deadline - time.time()))


def once_sent(messages: list[dict[str, str]], run: Run) -> list[tuple[str, str, str]]:
    """(reference, family, to) of each SMS of the ONCE families that names an accepted complaint."""
    refs = set(run.accepted.values())
    out = []
    for m in messages:
        family = str(m.get("template", "")).split(".")[0]
        if family in ONCE:
            out += [(ref, family, m["to"]) for ref in refs if ref in m["text"] or " ".join(ref) in m["text"]]
    return out


def blocks_of(stack: Stack) -> dict[str, list[str]]:
    out = {}
    for district in DISTRICTS:
        status, body, _ = call(stack, "GET", f"/v1/directory/districts/{district}/blocks")
        out[district] = [b["code"] for b in body] if status == 200 else []
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.faults", description=__doc__.split("\n\n")[0])
    parser.add_argument("--complaints", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=0.2)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--resolve", type=float, default=0.3, help="share of complaints an officer resolves")
    parser.add_argument("--day-seconds", default="120", help="real seconds a system day lasts")
    parser.add_argument("--seed", type=int, default=181)
    args = parser.parse_args(argv)
    from devstack.launch import start_stack, stop_stack

    started = time.time()
    stack = start_stack(Path(tempfile.mkdtemp(prefix="bench-faults-")), args.day_seconds)
    try:
        summary = exercise(stack, args)
    finally:
        stop_stack(stack)
    print(f"took {time.time() - started:.0f} s; stack log {stack.log}")
    print(
        f"faults: {args.complaints} complaints, {summary['injected']} faults injected, "
        f"lost {len(summary['lost'])}, doubled {len(summary['doubled'])}, dlq {summary['dlq']}"
    )
    return 0 if not summary["lost"] and not summary["doubled"] else 1


def exercise(stack: Stack, args: argparse.Namespace) -> dict[str, Any]:
    rng = random.Random(args.seed)
    run = Run()
    blocks = blocks_of(stack)
    set_rates(stack, args.rate)
    seeds = [rng.random() for _ in range(args.complaints)]
    with ThreadPoolExecutor(args.workers) as pool:
        list(pool.map(lambda n: file_one(stack, run, n, random.Random(seeds[n]), blocks), range(args.complaints)))
        chosen = [ref for ref in run.accepted.values() if rng.random() < args.resolve]
        list(pool.map(lambda ref: resolve(stack, run, ref), chosen))
    during = set_rates(stack, 0.0)
    settle(stack, run)
    redriven = dlq(stack, redrive=True)
    if redriven:
        settle(stack, run)
    result = check(stack, run)
    # The stack goes on meanwhile (escalations fire on the system clock): an escalation's
    # history item and its next timer come from the stream, moments after the complaint
    # moved on. What is only late shows up on a later look; what is lost never does.
    looks = 1
    for _ in range(RECHECKS):
        if not (result["lost"] or result["untimed"]):
            break
        time.sleep(RECHECK_SECONDS)
        again, looks = check(stack, run), looks + 1
        # Kept: the complaints wrong on both looks (by reference: a lost item stays lost
        # whatever the complaint did since; one late on both looks is kept too, erring on
        # the side of reporting).
        before = {line.split(":")[0] for what in ("lost", "untimed") for line in result[what]}
        result = {**again, **{w: [x for x in again[w] if x.split(":")[0] in before] for w in ("lost", "untimed")}}
    print(f"checked {looks} time(s), {RECHECK_SECONDS:.0f} s apart, for what was only late")
    print(
        f"filed: accepted {len(run.accepted)}, refused {len(run.refused)}, client retries {run.retries}, "
        f"resolved {run.resolved}; dlq redriven {len(redriven)}"
    )
    print(f"injected by service {during['by_service']}, by kind {during['by_kind']}")
    for what in ("lost", "doubled", "untimed"):
        for line in result[what][:10]:
            print(f"  {what}: {line}")
    for mobile, why in list(run.refused.items())[:5]:
        print(f"  refused: {mobile}: {why}")
    for line in run.problems[:5]:
        print(f"  problem: {line}")
    return {**result, "lost": result["lost"] + result["untimed"], "injected": during["injected"], "run": run}


if __name__ == "__main__":
    sys.exit(main())
