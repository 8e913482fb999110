"""Fires the app's schedule expressions (`rate(...)`, `cron(...)`) on the system clock."""

from __future__ import annotations

from datetime import datetime, timedelta

_UNITS = {"minute": 60, "minutes": 60, "hour": 3600, "hours": 3600, "day": 86400, "days": 86400}
_DOW = {"SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7}


def _field_matches(spec: str, value: int, names: dict[str, int] | None = None) -> bool:
    if spec in ("*", "?"):
        return True
    for part in spec.split(","):
        step = 1
        if "/" in part:
            part, step_s = part.split("/")
            step = int(step_s)
        if part in ("*", "?"):
            lo, hi = 0, 10_000
        elif "-" in part:
            a, b = part.split("-")
            lo, hi = _num(a, names), _num(b, names)
        else:
            lo = hi = _num(part, names)
            if step > 1:
                hi = 10_000
        if lo <= value <= hi and (value - lo) % step == 0:
            return True
    return False


def _num(text: str, names: dict[str, int] | None) -> int:
    return names[text.upper()] if names and text.upper() in names else int(text)


class Schedule:
    """One EventBridge schedule expression, evaluated in UTC as EventBridge does."""

    def __init__(self, expression: str) -> None:
        self.expression = expression
        body = expression[expression.index("(") + 1 : expression.rindex(")")]
        if expression.startswith("rate("):
            value, unit = body.split()
            self.period: timedelta | None = timedelta(seconds=int(value) * _UNITS[unit])
            self.fields: list[str] = []
        else:
            self.period = None
            self.fields = body.split()

    def matches(self, at: datetime) -> bool:
        minute, hour, dom, month, dow, year = self.fields
        # EventBridge day-of-week: 1 = Sunday ... 7 = Saturday.
        eb_dow = (at.isoweekday() % 7) + 1
        return (
            _field_matches(minute, at.minute)
            and _field_matches(hour, at.hour)
            and _field_matches(dom, at.day)
            and _field_matches(month, at.month)
            and _field_matches(dow, eb_dow, _DOW)
            and _field_matches(year, at.year)
        )

    def due(self, since: datetime, until: datetime, limit: int = 100_000) -> list[datetime]:
        """Firing times in (since, until]."""
        if self.period is not None:
            step = self.period.total_seconds()
            first = (int(since.timestamp() // step) + 1) * step
            out: list[datetime] = []
            ts = first
            while ts <= until.timestamp() and len(out) < limit:
                out.append(datetime.fromtimestamp(ts, tz=since.tzinfo))
                ts += step
            return out
        found: list[datetime] = []
        t = since.replace(second=0, microsecond=0) + timedelta(minutes=1)
        while t <= until and len(found) < limit:
            if self.matches(t):
                found.append(t)
            t += timedelta(minutes=1)
        return found
