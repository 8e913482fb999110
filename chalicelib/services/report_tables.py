"""Report tables: counter rows summed by a key, derived percentages, labels, sorting and CSV."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping
from typing import Any

from chalicelib.domain.aggregates import COUNTERS
from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.text import Text

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
LABELS: dict[str, tuple[str, str]] = {
    "name": ("नाम", "Name"),
    "code": ("कोड", "Code"),
    "officer": ("अधिकारी", "Officer"),
    "post": ("पद", "Post"),
    "received": ("प्राप्त", "Received"),
    "assigned": ("सौंपी गईं", "Assigned"),
    "transferred_in": ("अंतरित होकर आईं", "Transferred in"),
    "transferred_out": ("अंतरित कीं", "Transferred out"),
    "disposed": ("निराकृत", "Disposed"),
    "disposed_in_time": ("समय-सीमा में निराकृत", "Disposed in time"),
    "satisfied": ("संतुष्ट होकर बंद", "Closed satisfied"),
    "satisfied_in_time": ("समय में निराकृत, संतुष्ट", "Satisfied, in time"),
    "dissatisfied": ("असंतुष्ट", "Not satisfied"),
    "force_closed": ("L3 निर्णय से बंद", "Closed by L3 decision"),
    "escalated": ("समय-सीमा पार", "Escalated"),
    "overdue": ("L4 पर समय-सीमा पार", "Overdue at L4"),
    "pending": ("लंबित", "Pending"),
    "pending_100": ("100 दिन से अधिक लंबित", "Pending > 100 days"),
    "pending_300": ("300 दिन से अधिक लंबित", "Pending > 300 days"),
    "disposal_pct": ("निराकरण %", "Disposal %"),
    "in_time_pct": ("समय में %", "In time %"),
    "score": ("अंक %", "Score %"),
    "rank": ("स्थान", "Rank"),
    "score_change": ("पिछले माह से (अंक)", "Change (points)"),
    "rank_change": ("स्थान में बदलाव", "Rank change"),
}
DEPARTMENT_COLUMNS = (
    "name",
    "received",
    "transferred_in",
    "disposed",
    "disposed_in_time",
    "satisfied",
    "force_closed",
    "escalated",
    "pending",
    "pending_100",
    "pending_300",
    "disposal_pct",
)
OFFICER_COLUMNS = (
    "officer",
    "post",
    "assigned",
    "disposed",
    "disposed_in_time",
    "escalated",
    "pending",
    "disposal_pct",
)
RANK_COLUMNS = (
    "rank",
    "name",
    "received",
    "disposed",
    "disposed_in_time",
    "satisfied_in_time",
    "pending",
    "score",
    "score_change",
    "rank_change",
)


def period(month: str | None, current: str) -> str:
    """`YYYY-MM`, `all` (since the beginning) or nothing (this month)."""
    if not month:
        return current
    if month.lower() == "all":
        return "ALL"
    if not MONTH.match(month):
        raise InvalidInput({"month": Text("YYYY-MM या all", "YYYY-MM or all")})
    return month


def previous_month(month: str, back: int = 1) -> str:
    y, m = int(month[:4]), int(month[5:7])
    n = y * 12 + (m - 1) - back
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def sum_by(rows: Iterable[tuple[str, Mapping[str, int]]]) -> dict[str, dict[str, int]]:
    """(key, counts) pairs summed per key, every counter present."""
    out: dict[str, dict[str, int]] = {}
    for key, counts in rows:
        acc = out.setdefault(key, dict.fromkeys(COUNTERS, 0))
        for c in COUNTERS:
            acc[c] += int(counts.get(c, 0))
    return out


def total(rows: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """The rows summed (every counter present); empty if there are none."""
    return sum_by(("", r) for r in rows).get("", {})


def pct(part: int, whole: int) -> float | None:
    return round(100 * min(part, whole) / whole, 2) if whole > 0 else None


def derive(row: dict[str, Any]) -> dict[str, Any]:
    """Disposal % of the complaints that came to it (received, transferred in; for a post,
    assigned); in-time % of those disposed."""
    whole = row.get("assigned", 0) if "officer" in row else row.get("received", 0) + row.get("transferred_in", 0)
    return {
        **row,
        "disposal_pct": pct(row.get("disposed", 0), whole),
        "in_time_pct": pct(row.get("disposed_in_time", 0), row.get("disposed", 0)),
    }


def sort_rows(rows: list[dict[str, Any]], column: str | None, desc: bool) -> list[dict[str, Any]]:
    """Server-side sort (pages work without JavaScript); blanks always last."""
    if not column or not rows or column not in rows[0]:
        return rows
    present = [r for r in rows if r.get(column) is not None]
    blank = [r for r in rows if r.get(column) is None]
    return sorted(present, key=lambda r: r[column], reverse=desc) + blank


def label(column: str, lang: str) -> str:
    hi, en = LABELS.get(column, (column, column))
    return hi if lang == "hi" else en


def to_csv(columns: Iterable[str], rows: Iterable[dict[str, Any]], lang: str = "hi") -> str:
    cols = list(columns)
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow([label(c, lang) for c in cols])
    for r in rows:
        w.writerow(["" if r.get(c) is None else r.get(c) for c in cols])
    return out.getvalue()
