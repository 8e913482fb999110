"""The AWS bill of a complaint, without the SMS and voice tariffs: the demo month's mix of
complaints (the driver bench.sms runs: filed by the call centre, resolved at L1, escalated,
transferred, reopened, never acted on) run on the local stack with its meter on
(devstack.meter, METER_LOG), then every request it made counted as AWS bills it and
priced at ap-south-1 list prices.

Prints $ per complaint, the share of each service and the billed units per complaint.
Goal: ≤ $0.0003 per complaint.
`python -m bench.cost [--days 30 --per-day 8 --seed 181] [--meter-log FILE]`; `--reprice FILE`
prices a kept log again; `--complaints-a-day N`, `--trace-reservoir R`, `--trace-rate P` and
`--all-traced` choose how the traces are priced (below). `--day-seconds` (default 15) is how
long a system day lasts: the month's driver must keep up with the stack's clock, or actions
land days late and complaints lapse that would not have; the run prints how far it fell
behind and warns past a day (2 s a day stretched the month to ~78 system days on two cores).

What is counted, and how (the rest of the file does exactly this):
- API Gateway (REST): every HTTP request to the app, except the local stack's own /dev/ routes.
- Lambda: one invocation per API request, per stream batch, per queue batch and per schedule
  firing; GB-seconds from the measured duration (rounded up to 1 ms) at the memory
  .chalice/config.json gives the function (Chalice's default 128 MB if none). Durations are
  measured on the local stack, against moto: an upper bound for a deployment.
- DynamoDB (on-demand): request units from item sizes, as DynamoDB computes them (moto
  reports no consumed capacity). A write: 1 WRU per 1 KB of the larger of the item before
  and after, at least 1; ×2 in a transaction; each GSI whose projection of the item
  changes: 1 WRU per 1 KB of the projection, twice when its key changes (a delete and a
  put). A read: 1 RRU per 4 KB strongly consistent, 0.5 eventually, ×2 in a transaction;
  a query or scan rounds its items' total once per page, and counts the items a filter
  dropped at the average size of those it returned. Conditional writes that fail are billed
  too. Stream reads by Lambda are free; the emulated phone's rows (DEVPHONE) are local only.
- Step Functions (standard): state transitions, from the history of each execution the
  month started (moto runs the real ASL).
- SQS: every send/receive/delete request that moved messages (each 64 KB of a payload is a
  request); the pollers' empty receives are Lambda's long polling, a fixed cost per queue
  whatever the number of complaints, so not counted per complaint.
- SNS: publishes (the request, not the SMS tariff). EventBridge: scheduled rules deliver to
  Lambda for nothing; the app puts no custom events.
- X-Ray: one trace per API request, per stream batch and per schedule firing (queue
  handlers and executions continue the trace of whoever sent or started them, and are
  recorded when it is). Only sampled traces are recorded and billed. The API stage samples
  by its rule (infra/observability.py: `TraceReservoir` a second, 1 by default, then
  `TraceFixedRate` of the rest, 5 %); a function invoked by a stream or a schedule samples
  by Lambda's own fixed rule (1 a second, then 5 %), taken as one reservoir per function.
  How many a rule records depends on the day's volume, which a month of a few complaints a
  day does not have: the traces per complaint measured here are scaled to
  `--complaints-a-day` (default 20,000: the helpline takes tens of thousands of contacts a
  day; fewer complaints a day record a larger share, so a low figure is the cautious one),
  arriving evenly over the day. Even arrival is an upper bound: the reservoir is per second,
  so a second with more requests than it records no more, and a quiet second records fewer;
  recorded per day ≤ min(N, R·86,400) + rate·(N − min(N, R·86,400)). A scheduled function's
  traces do not grow with the complaints: it makes its schedule's firings a day (from its
  expression; far below its reservoir, so all recorded), shared by that day's complaints.
  (Its other costs stay as the month measured them, per the month's complaints.)
  `--all-traced` prices a trace for every request instead, as the month made them (a
  stage without sampling, TraceFixedRate=1).
- CloudWatch Logs: the bytes the app's loggers and EMF metrics write during each
  invocation (as the JSON lines a deployment writes), plus Lambda's START/END/REPORT
  lines, taken as PLATFORM_LOG_BYTES per invocation.
- Not priced: Cognito (billed per monthly active user, not per request), Secrets Manager,
  Step Functions API calls (free), free tiers.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOAL = 0.0003  # USD per complaint
# The most the month's driver may fall behind the stack's clock (system days) for the run
# to be the demo month's mix: an action planned for day d lands on day d or d+1.
PACE_DAYS = 1.0

# ap-south-1 (Mumbai) list prices in USD, stated for 2026-12-04. They are list prices as
# published, to be checked against each service's page under https://aws.amazon.com/pricing/
# before a figure is quoted; no free tier is subtracted.
PRICES_AS_OF = "2026-12-04"
PRICES = {
    "API Gateway": ("requests", 3.50 / 1e6),  # REST API, first 333 million a month
    "Lambda requests": ("invocations", 0.20 / 1e6),
    "Lambda compute": ("GB-s", 0.0000166667),  # x86_64
    "DynamoDB writes": ("WRU", 0.7116 / 1e6),  # on-demand write request units
    "DynamoDB reads": ("RRU", 0.1423 / 1e6),  # on-demand read request units
    "Step Functions": ("transitions", 0.025 / 1000),  # standard workflows
    "SQS": ("requests", 0.40 / 1e6),  # standard queues
    "SNS": ("publishes", 0.50 / 1e6),  # API requests; the SMS tariff is not here
    "EventBridge": ("events", 1.00 / 1e6),  # custom events
    "X-Ray": ("traces", 5.00 / 1e6),  # traces recorded
    "CloudWatch Logs": ("GB", 0.50),  # ingestion
}
SERVICE_OF = {  # the rows above grouped as the shares are printed
    "API Gateway": "API Gateway",
    "Lambda requests": "Lambda",
    "Lambda compute": "Lambda",
    "DynamoDB writes": "DynamoDB",
    "DynamoDB reads": "DynamoDB",
    "Step Functions": "Step Functions",
    "SQS": "SQS",
    "SNS": "SNS",
    "EventBridge": "EventBridge",
    "X-Ray": "X-Ray",
    "CloudWatch Logs": "CloudWatch Logs",
}
DAY_SECONDS = 86_400
COMPLAINTS_A_DAY = 20_000  # the volume X-Ray's sampling is priced at (tens of thousands of contacts a day)
PLATFORM_LOG_BYTES = 350  # START, END and REPORT lines of one invocation (with the X-Ray trace id)
DEFAULT_MEMORY_MB = 128  # Chalice's lambda_memory_size when the config names none
SQS_CHUNK = 64 * 1024
LOCAL_ONLY_PARTITIONS = ("DEVPHONE",)


# ---- the arithmetic -----------------------------------------------------------------------------
def kb_units(size: int | None, unit: int) -> int:
    """Whole units of `unit` bytes for an item of `size` bytes (an absent item: none)."""
    return math.ceil(size / unit) if size else 0


def write_units(write: dict[str, Any], transaction: bool = False) -> float:
    """WRU of one item written: the larger of its size before and after (at least 1 unit; a
    failed condition or a missing item to delete costs that too), ×2 in a transaction; then
    each GSI whose projection of the item changed."""
    return sum(write_parts(write, transaction).values())


def write_parts(write: dict[str, Any], transaction: bool = False) -> dict[str, float]:
    """`write_units` by where they are written: "" the table, else the GSI's name."""
    base = max(kb_units(max(write.get("before") or 0, write.get("after") or 0), 1024), 1)
    parts = {"": float(base * (2 if transaction else 1))}
    for name, (before, after, same_key, changed) in write.get("gsi", {}).items():
        if not changed:
            continue
        if before and after and not same_key:
            parts[name] = kb_units(before, 1024) + kb_units(after, 1024)  # out of the old key, into the new
        else:
            parts[name] = max(kb_units(max(before or 0, after or 0), 1024), 1)
    return parts


def read_units(read: dict[str, Any]) -> float:
    """RRU of one read request: 4 KB units, 0.5 each eventually consistent, ×2 in a transaction.
    A query or scan rounds the total of its page (the items a filter dropped at the average
    size of the items returned); a get rounds each item (a missing one still costs a unit)."""
    factor = 2.0 if read.get("transaction") else 1.0 if read.get("consistent") else 0.5
    sizes = list(read.get("sizes") or [])
    if read.get("paged"):
        total = sum(sizes)
        count, scanned = read.get("count") or len(sizes), read.get("scanned") or len(sizes)
        if count and scanned > count:
            total = total * scanned / count
        return factor * max(kb_units(math.ceil(total), 4096), 1)
    return factor * sum(max(kb_units(s, 4096), 1) for s in sizes or [0])


def sqs_requests(payload_bytes: int) -> int:
    """SQS bills each 64 KB chunk of a request's payload as one request."""
    return max(math.ceil(payload_bytes / SQS_CHUNK), 1)


def gb_seconds(ms: float, memory_mb: int) -> float:
    """Lambda bills duration rounded up to 1 ms, at the configured memory."""
    return math.ceil(ms) / 1000 * memory_mb / 1024


def dollars(units: dict[str, float]) -> dict[str, float]:
    return {row: units.get(row, 0.0) * PRICES[row][1] for row in PRICES}


def shares(cost: dict[str, float]) -> dict[str, float]:
    """Each service's part of the total (rows of the same service added), summing to 1."""
    by_service: dict[str, float] = defaultdict(float)
    for row, usd in cost.items():
        by_service[SERVICE_OF[row]] += usd
    total = sum(by_service.values())
    return {s: (usd / total if total else 0.0) for s, usd in by_service.items()}


def memory_of(config: dict[str, Any], function: str, stage: str = "prod") -> int:
    """A function's memory as Chalice resolves it: the stage's function, the stage, the
    function at the top, the top, then Chalice's default."""
    st = config.get("stages", {}).get(stage, {})
    for scope in (
        st.get("lambda_functions", {}).get(function, {}),
        st,
        config.get("lambda_functions", {}).get(function, {}),
        config,
    ):
        if "lambda_memory_size" in scope:
            return int(scope["lambda_memory_size"])
    return DEFAULT_MEMORY_MB


def transitions(events: Iterable[dict[str, Any]]) -> int:
    """State transitions of one execution, from its history: one per state entered."""
    return sum(1 for e in events if str(e.get("type", "")).endswith("StateEntered"))


@dataclass(frozen=True)
class Sampling:
    """An X-Ray sampling rule: `reservoir` traces a second, then `rate` of the rest."""

    reservoir: float
    rate: float


def _stage_sampling() -> Sampling:
    """The API stage's rule at its Parameters' defaults (infra/stage.py)."""
    from infra.stage import PARAMETERS

    return Sampling(float(PARAMETERS["TraceReservoir"]["Default"]), float(PARAMETERS["TraceFixedRate"]["Default"]))


LAMBDA_SAMPLING = Sampling(1, 0.05)  # Lambda's own rule for an invocation with no trace header; not configurable
ALL_TRACED = Sampling(0, 1.0)


def recorded(per_day: float, rule: Sampling) -> float:
    """Traces a rule records in a day of `per_day` requests arriving evenly: all of them up to
    the reservoir's `reservoir` × 86,400, then `rate` of the rest. An upper bound for any
    arrival pattern with that total: a second records at most its reservoir in full."""
    cap = rule.reservoir * DAY_SECONDS
    return per_day if per_day <= cap else cap + rule.rate * (per_day - cap)


def recorded_traces(
    pools: dict[str, float],
    complaints: int,
    per_day: float,
    api: Sampling,
    schedules: dict[str, float] | None = None,
) -> float:
    """Traces recorded over the month's `complaints`, from the traces each sampling pool made
    ("api": the stage's rule; "lambda:<function>": that function's own), each pool's traces
    per complaint scaled to `per_day` complaints a day. A scheduled function's traces do
    not grow with the complaints: `schedules` gives its firings a day (its expression's), all
    of them traces at `per_day` complaints a day."""
    if complaints <= 0 or per_day <= 0:
        return float(sum(pools.values()))
    schedules = schedules or {}
    total = 0.0
    for pool, traces in pools.items():
        rule = api if pool == "api" else LAMBDA_SAMPLING
        function = pool.removeprefix("lambda:")
        day = schedules[function] if function in schedules else traces / complaints * per_day
        total += recorded(day, rule) / per_day * complaints
    return total


def schedule_firings_a_day(expressions: dict[str, str], days: int = 28) -> dict[str, float]:
    """Each schedule's firings a day on EventBridge (averaged over four weeks, so a weekly one
    counts a seventh), from its `rate(...)` or `cron(...)` expression."""
    from datetime import UTC, datetime, timedelta

    from devstack.schedule import Schedule

    start = datetime(2027, 1, 4, tzinfo=UTC)  # a Monday
    return {
        name: len(Schedule(text).due(start, start + timedelta(days=days))) / days for name, text in expressions.items()
    }


def app_schedules() -> dict[str, str]:
    """The app's scheduled functions and their expressions."""
    from chalice.app import ScheduledEventConfig

    from app import app

    out = {}
    for src in app.event_sources:
        if isinstance(src, ScheduledEventConfig):
            expr = src.schedule_expression
            out[src.name] = expr if isinstance(expr, str) else expr.to_string()
    return out


# ---- counting the meter's log ---------------------------------------------------------------------
@dataclass
class Bill:
    units: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    unpriced: Counter[str] = field(default_factory=Counter)
    # The share of everything spent in schedule firings, and their number, by schedule.
    schedule_usd: float = 0.0
    firings: Counter[str] = field(default_factory=Counter)
    invocation_ms: list[float] = field(default_factory=list)
    # Traces started, by sampling pool ("api", "lambda:<function>"); units["X-Ray"] counts them
    # all until `sample` prices what the rules record.
    traces: Counter[str] = field(default_factory=Counter)
    schedule_traces: float = 0.0
    # DynamoDB request units by (WRU or RRU, where: table[/index] and the partition's kind, operation).
    dynamo: defaultdict[tuple[str, str, str], float] = field(default_factory=lambda: defaultdict(float))


def excluded(record: dict[str, Any]) -> bool:
    """Requests a deployment does not make: the local stack's /dev/ routes and what they do,
    the emulated phone's rows."""
    who = str(record.get("who", ""))
    if who.startswith("api ") and who.split(" ", 2)[2].startswith("/dev/"):
        return True
    pks = record.get("pks") or []
    return bool(pks) and all(str(pk) in LOCAL_ONLY_PARTITIONS for pk in pks)


def count(records: Iterable[dict[str, Any]], config: dict[str, Any], since: float = 0.0) -> Bill:
    bill = Bill()
    records = [r for r in records if r.get("t", 0) >= since and not excluded(r)]
    schedules = {str(r.get("who")) for r in records if r.get("kind") == "invoke" and r.get("src") == "schedule"}
    for r in records:
        units = _units(r, config, bill)
        if str(r.get("who", "")) in schedules:
            bill.schedule_usd += sum(usd for row, usd in dollars(units).items() if row != "X-Ray")
            bill.schedule_traces += units.get("X-Ray", 0.0)
        for row, n in units.items():
            bill.units[row] += n
    return bill


def _units(r: dict[str, Any], config: dict[str, Any], bill: Bill) -> dict[str, float]:
    u: defaultdict[str, float] = defaultdict(float)
    if r.get("kind") == "invoke":
        src = str(r.get("src"))
        function = "api_handler" if src == "api" else str(r.get("who"))
        u["Lambda requests"] += 1
        u["Lambda compute"] += gb_seconds(float(r.get("ms", 0)), memory_of(config, function))
        u["CloudWatch Logs"] += (int(r.get("log_bytes", 0)) + PLATFORM_LOG_BYTES) / 1e9
        bill.invocation_ms.append(float(r.get("ms", 0)))
        if src == "api":
            u["API Gateway"] += 1
        if src in ("api", "stream", "schedule"):
            u["X-Ray"] += 1  # a new trace; queue handlers continue their sender's
            bill.traces["api" if src == "api" else f"lambda:{function}"] += 1
        if src == "schedule":
            bill.firings[str(r.get("who"))] += 1
        return u
    if r.get("kind") != "aws":
        return u
    svc, op = r.get("svc"), str(r.get("op"))
    if svc == "dynamodb":
        tables, pks = r.get("tables") or [], r.get("pks") or []
        for i, w in enumerate(r.get("writes") or []):
            table = tables[i] if i < len(tables) else "?"
            kind = _partition_kind(pks[i] if i < len(pks) else "")
            for where, n in write_parts(w, bool(r.get("transaction"))).items():
                u["DynamoDB writes"] += n
                bill.dynamo[("WRU", f"{table}/{where} {kind}" if where else f"{table} {kind}", op)] += n
        if r.get("reads"):
            n = read_units(r["reads"])
            u["DynamoDB reads"] += n
            consistency = "strong" if r["reads"].get("consistent") or r["reads"].get("transaction") else "eventual"
            bill.dynamo[("RRU", "+".join(tables) or "?", f"{op} {consistency}")] += n
    elif svc == "sqs":
        moved = {"ReceiveMessage": r.get("messages", 0)}.get(op, 1)
        if moved and op not in ("GetQueueUrl", "GetQueueAttributes"):
            u["SQS"] += sqs_requests(int(r.get("bytes", 0)))
    elif svc == "sns" and op == "Publish":
        u["SNS"] += 1
    elif svc == "events" and op == "PutEvents":
        u["EventBridge"] += 1
    elif svc not in ("dynamodbstreams", "stepfunctions"):
        bill.unpriced[f"{svc} {op}"] += 1
    return u


def sample(
    bill: Bill, complaints: int, per_day: float, api: Sampling | None, schedules: dict[str, float] | None = None
) -> None:
    """units["X-Ray"] becomes the traces the rules record (None: every trace is recorded), and
    the schedules' share takes their part of them."""
    if api is None:
        bill.schedule_usd += bill.schedule_traces * PRICES["X-Ray"][1]
        return
    bill.units["X-Ray"] = recorded_traces(dict(bill.traces), complaints, per_day, api, schedules)
    timed = {pool: float(n) for pool, n in bill.traces.items() if pool.removeprefix("lambda:") in bill.firings}
    kept = recorded_traces(timed, complaints, per_day, api, schedules) if timed else 0.0
    bill.schedule_usd += kept * PRICES["X-Ray"][1]


def _partition_kind(pk: str) -> str:
    """What a partition holds, from its key's prefix (C#…: a complaint; AGG#…: counters)."""
    return f"{pk.split('#', 1)[0]}#" if "#" in pk else pk


def read_meter(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


# ---- the run ----------------------------------------------------------------------------------------
def _executions(moto: str, since: float) -> list[int]:
    """State transitions of every escalation execution started since `since` (moto's histories)."""
    import boto3

    sfn = boto3.client("stepfunctions", endpoint_url=moto, region_name="ap-south-1")
    arn = next(m["stateMachineArn"] for m in sfn.list_state_machines()["stateMachines"] if "escalation" in m["name"])
    out, token = [], None
    while True:
        page = sfn.list_executions(stateMachineArn=arn, **({"nextToken": token} if token else {}))
        for ex in page["executions"]:
            if ex["startDate"].timestamp() >= since:
                history = sfn.get_execution_history(executionArn=ex["executionArn"], maxResults=1000)
                out.append(transitions(history["events"]))
        token = page.get("nextToken")
        if not token:
            return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--per-day", type=int, default=8)
    parser.add_argument("--seed", type=int, default=181)
    parser.add_argument(
        "--day-seconds",
        default="15",
        help="real seconds a system day lasts: long enough for a day's filings and actions (~16 API calls)",
    )
    parser.add_argument("--meter-log", help="keep the meter's log here (default: a temporary file)")
    parser.add_argument("--reprice", metavar="LOG", help="count and price a kept meter log again, without a run")
    stage = _stage_sampling()
    parser.add_argument(
        "--complaints-a-day",
        type=float,
        default=COMPLAINTS_A_DAY,
        help=f"the daily volume X-Ray's sampling is priced at (default {COMPLAINTS_A_DAY:,})",
    )
    parser.add_argument(
        "--trace-reservoir",
        type=float,
        default=stage.reservoir,
        help=f"the stage's TraceReservoir, traces a second (default {stage.reservoir:g})",
    )
    parser.add_argument(
        "--trace-rate",
        type=float,
        default=stage.rate,
        help=f"the stage's TraceFixedRate, 0 to 1 (default {stage.rate:g})",
    )
    parser.add_argument(
        "--all-traced", action="store_true", help="price a trace for every request (a stage that does not sample)"
    )
    args = parser.parse_args(argv)
    api = None if args.all_traced else Sampling(args.trace_reservoir, args.trace_rate)
    tracing = Tracing(args.complaints_a_day, api)
    if args.reprice:
        return reprice(Path(args.reprice), tracing)

    from bench.sms import _settled
    from devstack.launch import start_stack, stop_stack
    from devstack.month import generate

    tmp = Path(tempfile.mkdtemp(prefix="bench-cost-"))
    meter = Path(args.meter_log) if args.meter_log else tmp / "meter.jsonl"
    meter.unlink(missing_ok=True)
    os.environ["METER_LOG"] = str(meter)
    stack = start_stack(tmp, args.day_seconds, "https://cmhelpline.mp.gov.in")
    try:
        since = time.time()  # the stack's own start (provisioning, demo logins) is not the month's
        month = generate(stack.api, days=args.days, per_day=args.per_day, seed=args.seed, out=io.StringIO())
        _settled(stack.moto)
        executions = _executions(stack.moto, since)
    finally:
        stop_stack(stack)
        os.environ.pop("METER_LOG", None)
    # What the log alone does not hold, kept in it so that --reprice needs nothing else.
    summary = {"kind": "month", "since": since, "filed": len(month.filed), "done": month.done, "behind": month.behind}
    with meter.open("a", encoding="utf-8") as out:
        out.write(json.dumps({**summary, "transitions": executions}) + "\n")
    for problem in month.problems[:5]:
        print(f"  problem: {problem}")
    return reprice(meter, tracing)


@dataclass(frozen=True)
class Tracing:
    """How traces are priced: the API stage's rule at a daily volume, or every one (api None)."""

    per_day: float = COMPLAINTS_A_DAY
    api: Sampling | None = field(default_factory=_stage_sampling)

    def describe(self) -> str:
        if self.api is None:
            return "X-Ray: every trace recorded (--all-traced)"
        return (
            f"X-Ray: sampled at {self.per_day:,.0f} complaints a day arriving evenly (an upper bound); "
            f"API stage {self.api.reservoir:g}/s then {self.api.rate:.0%}, stream and schedule functions "
            f"Lambda's {LAMBDA_SAMPLING.reservoir:g}/s then {LAMBDA_SAMPLING.rate:.0%} each, "
            "schedules at their firings a day"
        )


def reprice(meter: Path, tracing: Tracing | None = None) -> int:
    tracing = tracing or Tracing()
    records = read_meter(meter)
    month = next(r for r in reversed(records) if r.get("kind") == "month")
    executions = list(month["transitions"])
    print(f"month: filed {month['filed']}, actions {dict(sorted(month['done'].items()))}")
    behind = float(month.get("behind", 0.0))
    print(f"pace: the driver was at most {behind:.2f} system days behind the stack's clock")
    if behind > PACE_DAYS:
        print(
            f"  warning: more than {PACE_DAYS:g} day behind, so actions landed late and complaints lapsed that "
            "would not have: not the demo month's mix; run again with a longer --day-seconds"
        )
    config = json.loads((ROOT / ".chalice" / "config.json").read_text())
    bill = count(records, config, float(month["since"]))
    bill.units["Step Functions"] += sum(executions)
    print(f"meter log: {meter}; escalation executions: {len(executions)}, {sum(executions)} transitions")
    made = bill.units.get("X-Ray", 0.0)
    sample(bill, int(month["filed"]), tracing.per_day, tracing.api, schedule_firings_a_day(app_schedules()))
    print(f"{tracing.describe()}: {bill.units['X-Ray']:.0f} of the month's {made:.0f} traces recorded")
    return report(bill, int(month["filed"]))


def report(bill: Bill, complaints: int) -> int:
    n = max(complaints, 1)
    cost = dollars(bill.units)
    total = sum(cost.values()) / n
    print(f"prices: ap-south-1 list prices stated for {PRICES_AS_OF} (check them on the AWS pricing pages)")
    print(f"{'per complaint':<18}{'units':>12} {'':<12}{'$':>11}")
    for row, (unit, _) in PRICES.items():
        print(f"{row:<18}{bill.units.get(row, 0) / n:>12.4g} {unit:<12}{cost[row] / n:>11.8f}")
    print(
        "share by service: " + ", ".join(f"{s} {p:.1%}" for s, p in sorted(shares(cost).items(), key=lambda x: -x[1]))
    )
    if bill.dynamo:
        print("DynamoDB per complaint (the largest):")
        for (unit, where, op), units in sorted(bill.dynamo.items(), key=lambda x: -x[1])[:14]:
            print(f"  {units / n:>8.3f} {unit} {where:<44} {op}")
    if bill.invocation_ms:
        ms = sorted(bill.invocation_ms)
        print(f"Lambda duration measured: mean {sum(ms) / len(ms):.1f} ms, median {ms[len(ms) // 2]:.1f} ms")
    if bill.firings:
        print(
            f"schedules: {dict(sorted(bill.firings.items()))} firings, "
            f"{bill.schedule_usd / max(sum(cost.values()), 1e-12):.1%} of the total"
        )
    if bill.unpriced:
        print("not priced: " + ", ".join(f"{k} {v}" for k, v in bill.unpriced.most_common(6)))
    met = total <= GOAL
    print(f"cost: ${total:.6f} per complaint (goal ≤ ${GOAL}: {'met' if met else 'not met'})")
    return 0 if complaints else 1


if __name__ == "__main__":
    sys.exit(main())
