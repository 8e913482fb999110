"""`make demo`: a month of complaints, filed and worked through the public API of a running
local stack (`make run` in another terminal), so that the dashboards, the ranking and the
morning digest have something to show.

Citizens' calls are filed by the call centre (`cce1`); officers log in with the demo
logins and act on what their post holds — most resolve within the time limit, some late
(after the complaint has escalated), some transfer it to the right department, some never
act (it escalates by itself); the call centre records each citizen's answer after a
resolution, and a dissatisfied citizen's complaint goes to the next level, which resolves
it again. Every choice comes from a seeded random generator: the same seed, the same month.

When the stack's clock runs fast (`DAY_SECONDS`, read from `GET /dev/clock`) the month is
paced by that clock, day by day; at real speed everything is filed and worked at once.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from devstack.demo import PASSWORD, username

DISTRICTS = ["SEHORE", "BHOPAL", "INDORE", "CHHINDWARA"]  # the demo districts: every post has a login
DEPARTMENTS = ["REVENUE", "ENERGY", "PHE", "HEALTH", "PANCHAYAT_RURAL_DEV", "FOOD_CIVIL_SUPPLIES"]
SUBJECTS = [
    ("नामांतरण लंबित", "फौती नामांतरण का आवेदन तहसील में लंबित है।"),
    ("बिजली बिल अधिक", "मीटर रीडिंग से अधिक राशि का बिल आया है।"),
    ("हैंडपंप खराब", "गाँव का हैंडपंप एक माह से बंद है।"),
    ("पेंशन बंद", "वृद्धावस्था पेंशन तीन माह से नहीं मिली।"),
    ("राशन नहीं मिला", "उचित मूल्य दुकान से इस माह का राशन नहीं मिला।"),
    ("सड़क मरम्मत", "पंचायत की सड़क में गड्ढे हैं, मरम्मत नहीं हुई।"),
]
NAMES = ["रामप्रसाद", "कमला बाई", "सुरेश कुमार", "गीता देवी", "मोहन लाल", "शांति बाई", "दिनेश", "रेखा"]
# What the officers and citizens of one complaint do: (share, plan).
PLANS = [(55, "in_time"), (10, "late"), (6, "transfer"), (9, "interim"), (20, "never")]


class Api:
    """The public API over HTTP, JSON in and out."""

    def __init__(self, base: str) -> None:
        self.base = base.rstrip("/")
        self.tokens: dict[str, str] = {}

    def call(
        self, method: str, path: str, data: Any = None, token: str | None = None, extra: dict[str, str] | None = None
    ) -> tuple[int, Any]:
        headers = {"Content-Type": "application/json", **(extra or {})}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        req = urllib.request.Request(
            self.base + path,
            method=method,
            headers=headers,
            data=json.dumps(data).encode() if data is not None else None,
        )
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                return resp.status, json.loads(resp.read() or b"null")
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                return e.code, json.loads(raw)
            except ValueError:
                return e.code, raw.decode(errors="replace")

    def token(self, user: str, fresh: bool = False) -> str:
        if fresh or user not in self.tokens:
            status, out = self.call("POST", "/v1/auth/login", {"username": user, "password": PASSWORD})
            if status != 200:
                raise RuntimeError(f"login {user}: {status} {out}")
            self.tokens[user] = out["token"]
        return self.tokens[user]

    def as_user(self, user: str, method: str, path: str, data: Any = None) -> tuple[int, Any]:
        status, out = self.call(method, path, data, self.token(user))
        if status == 401:  # an access token ran out: log in again, once
            status, out = self.call(method, path, data, self.token(user, fresh=True))
        return status, out

    def now(self) -> tuple[datetime, float]:
        status, out = self.call("GET", "/dev/clock")
        if status != 200:
            raise RuntimeError(f"GET /dev/clock: {status} (is this the local stack?)")
        return datetime.fromisoformat(out["now"]), float(out["day_seconds"])


@dataclass
class Task:
    day: int
    reference: str
    step: str  # act | answer
    plan: str
    round: int = 1


@dataclass
class Month:
    filed: list[str] = field(default_factory=list)
    due: dict[str, str] = field(default_factory=dict)  # reference -> the first deadline, as filed
    done: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    # How far the driver fell behind the stack's clock (system days, the most over the month):
    # a day's filings and actions that land days late make a different month (more lapses).
    behind: float = 0.0

    def count(self, what: str) -> None:
        self.done[what] = self.done.get(what, 0) + 1


def plan_of(rng: random.Random) -> str:
    return rng.choices([p for _, p in PLANS], weights=[w for w, _ in PLANS])[0]


def complaint_body(rng: random.Random, blocks: dict[str, list[str]], mobile: str) -> dict[str, Any]:
    """A complaint as the call centre files it: a random department, district and block,
    name and subject from the demo's lists."""
    district = rng.choice(DISTRICTS)
    subject, description = rng.choice(SUBJECTS)
    return {
        "category": "complaint",
        "department": rng.choice(DEPARTMENTS),
        "district": district,
        "block": rng.choice(blocks[district]),
        "name": rng.choice(NAMES),
        "subject": subject,
        "description": description,
        "mobile": mobile,
    }


def file_one(api: Api, rng: random.Random, n: int, blocks: dict[str, list[str]]) -> dict[str, Any] | None:
    body = complaint_body(rng, blocks, f"+9198{n:08d}")  # a number libphonenumber knows as an Indian mobile
    status, out = api.as_user("cce1", "POST", "/v1/complaints", body)
    return out if status == 201 else None


def act(api: Api, rng: random.Random, task: Task, month: Month) -> list[Task]:
    """The officer now holding the complaint does what the plan says; returns follow-ups."""
    status, c = api.as_user("cce1", "GET", f"/v1/complaints/{task.reference}")
    if status != 200 or c["status"] != "open":
        return []
    officer = username(c["post_id"])
    ref = task.reference
    if task.plan == "transfer":
        others = [d for d in DEPARTMENTS if d != c["department"]]
        body = {
            "action": "transfer",
            "to_department": rng.choice(others),
            "remarks": "यह विषय दूसरे विभाग का है, उसे अंतरित किया।",
        }
        follow = Task(task.day + rng.randint(1, 4), ref, "act", "in_time")
    elif task.plan == "interim":
        body = {"action": "interim", "remarks": "स्थल निरीक्षण किया, कार्रवाई जारी है।"}
        follow = Task(task.day + rng.randint(1, 3), ref, "act", "in_time")
    else:
        body = {
            "action": "resolve",
            "remarks": "आवेदक की समस्या का निराकरण कर दिया गया।",
            "rule_reference": "लोक सेवा गारंटी अधिनियम 2010",
            "version": c["version"],
        }
        follow = Task(task.day + rng.randint(1, 2), ref, "answer", "", task.round)
    status, out = api.as_user(officer, "POST", f"/v1/complaints/{ref}/actions", body)
    if status in (403, 409) and moved_on(api, c):
        month.count("raced")  # it escalated (or was acted on) between reading and acting
        return []
    if status != 200:
        month.problems.append(f"{ref} {body['action']} by {officer}: {status} {out}")
        return []
    month.count(body["action"])
    return [follow]


def moved_on(api: Api, seen: dict[str, Any]) -> bool:
    """The complaint changed since `seen` was read (a lost race, not a fault)."""
    status, now = api.as_user("cce1", "GET", f"/v1/complaints/{seen['reference']}")
    return status == 200 and now["version"] != seen["version"]


def answer(api: Api, rng: random.Random, task: Task, month: Month) -> list[Task]:
    """The call centre's callback: the citizen's answer on the resolution."""
    satisfied = task.round > 1 or rng.random() < 0.75
    body = {"satisfied": satisfied, "remarks": "संतुष्ट" if satisfied else "समस्या बनी हुई है"}
    status, out = api.as_user("cce1", "POST", f"/v1/complaints/{task.reference}/satisfaction", body)
    if status != 200:
        if status != 409:  # 409: no longer awaiting an answer (e.g. already closed)
            month.problems.append(f"{task.reference} satisfaction: {status} {out}")
        return []
    month.count("satisfied" if satisfied else "not_satisfied")
    if satisfied:
        return []
    return [Task(task.day + rng.randint(2, 4), task.reference, "act", "in_time", task.round + 1)]


def first_task(rng: random.Random, day: int, ref: str) -> Task | None:
    plan = plan_of(rng)
    if plan == "never":
        return None
    wait = {"late": rng.randint(11, 13)}.get(plan, rng.randint(1, 5))
    return Task(day + wait, ref, "act", plan)


def generate(api: Api, days: int, per_day: int, seed: int, out: Any = sys.stdout, tail: int = 30) -> Month:
    """Files `per_day` complaints a day for `days` days, and works them; follow-ups go on
    for at most `tail` days after the last filing."""
    rng = random.Random(seed)
    start, day_seconds = api.now()
    paced = day_seconds < 3600
    month = Month()
    blocks = {d: [b["code"] for b in api.call("GET", f"/v1/directory/districts/{d}/blocks")[1]] for d in DISTRICTS}
    tasks: list[Task] = []
    n = seed * 100_000
    # Tasks run until every follow-up is done (a week or two past the month when paced).
    day = 0
    while day < days or (tasks and day < days + tail):
        if paced:
            while api.now()[0] < start + timedelta(days=day):
                time.sleep(min(0.2, day_seconds / 10))
            month.behind = max(month.behind, (api.now()[0] - start - timedelta(days=day)) / timedelta(days=1))
        if day < days:
            for _ in range(per_day):
                n += 1
                filed = file_one(api, rng, n, blocks)
                if filed is None:
                    month.problems.append(f"filing #{n} failed")
                    continue
                ref = str(filed["reference"])
                month.filed.append(ref)
                month.due[ref] = str(filed["due_at"])
                task = first_task(rng, day, ref)
                if task:
                    tasks.append(task)
        due = [t for t in tasks if t.day <= day or not paced]
        tasks = [t for t in tasks if t not in due]
        for t in due:
            tasks += (act if t.step == "act" else answer)(api, rng, t, month)
        if not paced and not tasks and day >= days - 1:
            break
        day += 1
        if paced and day % 5 == 0:
            print(f"day {day}: filed {len(month.filed)}, {month.done}", file=out, flush=True)
    return month


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000", help="the running local stack")
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--per-day", type=int, default=8)
    parser.add_argument("--seed", type=int, default=181)
    parser.add_argument("--json", action="store_true", help="print the filed references as JSON at the end")
    args = parser.parse_args(argv)
    api = Api(args.base)
    try:
        month = generate(api, args.days, args.per_day, args.seed, out=sys.stderr if args.json else sys.stdout)
    except (OSError, RuntimeError) as e:
        print(f"make demo: {e}. Start the stack first: make run", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps({"filed": month.filed, "done": month.done, "problems": month.problems}))
    else:
        print(f"filed {len(month.filed)} complaints; actions {month.done}")
        for p in month.problems[:20]:
            print(f"  problem: {p}")
        print(f"Collector, Sehore: {args.base}/monitor/district/SEHORE  (login collector.l2.sehore / {PASSWORD})")
        print(f"State ranking:     {args.base}/monitor/ranking")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
