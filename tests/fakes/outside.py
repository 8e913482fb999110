"""The world outside the stores, in memory: SMS, calls, WhatsApp, the job queue, the
escalation timers, the working-day calendar and the staff identity provider."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from chalicelib.domain.calendar import WorkingDayCalendar, YearCalendar
from chalicelib.domain.complaint import Complaint
from chalicelib.domain.errors import Unauthorized
from chalicelib.domain.escalation import next_step, timer_name
from chalicelib.domain.whatsapp import TemplateMessage
from chalicelib.services.ports import Calendar, OutsideWindow


class ProviderDown(Exception):
    """What a fake provider raises while it is switched off."""


class Crash(BaseException):
    """The process dying (Lambda's timeout, the host lost): no `except Exception` sees it and
    nothing after it runs, so whatever the attempt had not yet recorded stays unrecorded."""


@dataclass
class FakeSms:
    sent: list[tuple[str, str, str]] = field(default_factory=list)  # (to, text, template)
    down: bool = False
    # The next message is accepted (it reaches the phone), then the sender's process dies.
    crash_after_accepting: bool = False

    def send(self, to: str, text: str, template: str) -> str:
        if self.down:
            raise ProviderDown("SMS provider unavailable")
        self.sent.append((to, text, template))
        if self.crash_after_accepting:
            self.crash_after_accepting = False
            raise Crash(f"died after the provider accepted the SMS to {to}")
        return f"sms-{len(self.sent)}"

    def to(self, mobile: str) -> list[str]:
        return [text for to, text, _ in self.sent if to == mobile]


@dataclass
class FakeVoice:
    calls: list[tuple[str, str, dict[str, str], str]] = field(default_factory=list)
    down: bool = False

    def call(self, to: str, script: str, attributes: dict[str, str], token: str) -> str:
        if self.down:
            raise ProviderDown("voice provider unavailable")
        if any(c[3] == token for c in self.calls):  # the same token is the same call
            return f"call-{token}"
        self.calls.append((to, script, attributes, token))
        return f"call-{token}"

    def to(self, mobile: str) -> list[str]:
        return [script for to, script, _, _ in self.calls if to == mobile]


@dataclass
class FakeWhatsApp:
    """As the Cloud API: `sent` holds (to, "text" | template name, text); a number in `closed`
    has its window closed (a free-form message is refused, a template goes)."""

    sent: list[tuple[str, str, str]] = field(default_factory=list)
    closed: set[str] = field(default_factory=set)
    down: bool = False

    def send_text(self, to: str, text: str) -> str:
        if self.down:
            raise ProviderDown("WhatsApp unavailable")
        if to in self.closed:
            raise OutsideWindow(to)
        self.sent.append((to, "text", text))
        return f"wamid.{len(self.sent)}"

    def send_template(self, to: str, message: TemplateMessage) -> str:
        if self.down:
            raise ProviderDown("WhatsApp unavailable")
        self.sent.append((to, message.name, message.text))
        return f"wamid.{len(self.sent)}"

    def to(self, number: str) -> list[str]:
        return [text for to, _, text in self.sent if to == number]


@dataclass
class FakeStaffAuth:
    """As `CognitoStaffAuth`: a wrong username or password is Unauthorized (one message for
    both); every password check is recorded, so a test sees whether one was asked at all."""

    users: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # name -> (password, groups)
    asked: list[str] = field(default_factory=list)
    temporary: set[str] = field(default_factory=set)  # must set a new password at sign-in
    disabled: set[str] = field(default_factory=set)

    def add(self, username: str, password: str, *groups: str) -> None:
        self.users[username] = (password, groups)

    def login(self, username: str, password: str) -> dict[str, Any]:
        self.asked.append(username)
        if self.users.get(username, ("", ()))[0] != password or not password or username in self.disabled:
            raise Unauthorized("गलत उपयोगकर्ता नाम या पासवर्ड", "wrong username or password")
        if username in self.temporary:
            return {"challenge": "new_password_required", "session": f"session~{username}~" + "x" * 20}
        return {"token": f"staff~{username}", "expires_in": 3600}

    def new_password(self, username: str, session: str, new_password: str) -> dict[str, Any]:
        if username not in self.temporary or not session.startswith(f"session~{username}~"):
            raise Unauthorized("सत्र समाप्त", "The sign-in session ended")
        self.temporary.discard(username)
        self.users[username] = (new_password, self.users[username][1])
        return {"token": f"staff~{username}", "expires_in": 3600}

    # ---- as `CognitoAccounts` (services.ports.StaffAccounts) ----
    def create(self, username: str, temporary_password: str, groups: frozenset[str]) -> bool:
        if username in self.users:
            return False
        self.users[username] = (temporary_password, tuple(sorted(groups)))
        self.temporary.add(username)
        return True

    def set_groups(self, username: str, groups: frozenset[str]) -> None:
        self.users[username] = (self.users[username][0], tuple(sorted(groups)))

    def enable(self, username: str) -> None:
        self.disabled.discard(username)

    def disable(self, username: str) -> None:
        self.disabled.add(username)

    def set_temporary_password(self, username: str, password: str) -> None:
        self.users[username] = (password, self.users[username][1])
        self.temporary.add(username)

    def verify(self, token: str) -> dict[str, Any]:
        username = token.removeprefix("staff~")
        if not token.startswith("staff~") or username not in self.users:
            raise Unauthorized("लॉगिन सही नहीं, दोबारा लॉगिन करें", "invalid token")
        return {"username": username, "cognito:groups": list(self.users[username][1])}


@dataclass
class FakeQueue:
    jobs: list[dict[str, Any]] = field(default_factory=list)

    def put(self, jobs: list[dict[str, Any]]) -> None:
        self.jobs.extend(jobs)

    def take(self) -> list[dict[str, Any]]:
        out, self.jobs = self.jobs, []
        return out


class FakeTimers:
    """As Step Functions: one execution per timer name; the same name with the same input
    is the same execution (True), with other input refused (False)."""

    def __init__(self) -> None:
        self.started: dict[str, dict[str, Any]] = {}
        self.stopped: dict[str, str] = {}

    def start(self, c: Complaint, calendar: Calendar) -> bool:
        step = next_step(c, calendar)
        payload = {
            "assignment_id": c.assignment_id,
            "lapses_at": step.lapses_at.isoformat(),
            "final": step.final,
            "next_post": step.post_id,
        }
        name = timer_name(c)
        if name in self.started:
            return self.started[name] == payload
        self.started[name] = payload
        return True

    def stop(self, assignment: str, cause: str) -> None:
        if assignment in self.started and assignment not in self.stopped:
            self.stopped[assignment] = cause

    def running(self, assignment: str) -> bool:
        return assignment in self.started and assignment not in self.stopped


class FakeCalendar:
    """The domain's working-day calendar with the gazette years kept in memory."""

    def __init__(self, years: dict[int, YearCalendar] | None = None) -> None:
        self._cal = WorkingDayCalendar(years)

    def deadline(self, reached_at: datetime, working_days: int = 7) -> datetime:
        return self._cal.deadline(reached_at, working_days)

    def is_working_day(self, d: date) -> bool:
        return self._cal.is_working_day(d)

    def next_working_day(self, d: date) -> date:
        return self._cal.next_working_day(d)

    def year(self, year: int) -> YearCalendar:
        return self._cal.year(year)

    def store_year(self, cal: YearCalendar) -> None:
        self._cal = self._cal.with_year(cal)
