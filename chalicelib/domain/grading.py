"""District grading (R-GRADING): a monthly score whose weights are data, a rank table, the change.

Score = 100 x sum(weight_k x min(1, count_k / received)), where `received` is the
complaints registered in the district that month (the "of 4,728 complaints"). Default
weights put the largest on satisfactory disposal within the time limit, as the state's
grading does: satisfied_in_time 0.5 (closed satisfied, resolution in time),
disposed_in_time 0.3, disposed 0.2. A district with no complaint that month is not graded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from chalicelib.domain.errors import InvalidInput
from chalicelib.domain.text import Text

DEFAULT_WEIGHTS: Mapping[str, float] = {"satisfied_in_time": 0.5, "disposed_in_time": 0.3, "disposed": 0.2}
BASE = "received"
GRADABLE = ("satisfied_in_time", "satisfied", "disposed_in_time", "disposed", "force_closed")
_HI = ("प्रथम", "द्वितीय", "तृतीय", "चतुर्थ", "पंचम", "षष्ठ", "सप्तम", "अष्टम", "नवम", "दशम")
_EN = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


@dataclass(frozen=True)
class Grade:
    district: str
    base: int
    score: float | None
    rank: int | None = None
    score_change: float | None = None
    rank_change: int | None = None


def check_weights(weights: Mapping[str, float]) -> Mapping[str, float]:
    """Weights are counters to reward, each >= 0, summing to 1."""
    bad = {k: Text("अज्ञात गणना", "unknown counter") for k in weights if k not in GRADABLE}
    if any(v < 0 for v in weights.values()) or abs(sum(weights.values()) - 1) > 1e-9:
        bad["weights"] = Text("शून्य या अधिक, योग 1", "each >= 0, summing to 1")
    if bad:
        raise InvalidInput(bad)
    return weights


def score(counts: Mapping[str, int], weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> float | None:
    base = int(counts.get(BASE, 0))
    if base <= 0:
        return None
    raw = sum(w * min(1.0, int(counts.get(k, 0)) / base) for k, w in weights.items())
    return round(100 * raw, 2)


def rank(rows: Mapping[str, Mapping[str, int]], weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> list[Grade]:
    """Best first; ties go to the district that handled more complaints, then by code.
    Ungraded districts (no complaints) come last, without a rank."""
    grades = [Grade(d, int(c.get(BASE, 0)), score(c, weights)) for d, c in rows.items()]
    graded = sorted((g for g in grades if g.score is not None), key=lambda g: (-(g.score or 0), -g.base, g.district))
    rest = sorted((g for g in grades if g.score is None), key=lambda g: g.district)
    return [Grade(g.district, g.base, g.score, i + 1) for i, g in enumerate(graded)] + rest


def with_change(current: list[Grade], previous: list[Grade]) -> list[Grade]:
    """Month-on-month: score change in percentage points, rank change (+ = climbed)."""
    before = {g.district: g for g in previous}
    out = []
    for g in current:
        p = before.get(g.district)
        ds = round(g.score - p.score, 2) if p and g.score is not None and p.score is not None else None
        dr = p.rank - g.rank if p and p.rank and g.rank else None
        out.append(Grade(g.district, g.base, g.score, g.rank, ds, dr))
    return out


def indian(n: int) -> str:
    """Indian digit grouping: 4,728 and 1,23,456."""
    s = str(abs(n))
    head, tail = s[:-3], s[-3:]
    groups: list[str] = []
    while len(head) > 2:
        groups.insert(0, head[-2:])
        head = head[:-2]
    if head:
        groups.insert(0, head)
    return ("-" if n < 0 else "") + ",".join([*groups, tail])


def ordinal(n: int, lang: str = "hi") -> str:
    words = _HI if lang == "hi" else _EN
    if 1 <= n <= len(words):
        return words[n - 1]
    if lang == "hi":
        return f"{n}वाँ"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def describe(g: Grade, name: str, lang: str = "hi") -> str:
    """ "Chhindwara 80.07 % of 4,728 — first", as the state's rank table reads."""
    if g.score is None or g.rank is None:
        return f"{name} — श्रेणीकरण नहीं (कोई शिकायत नहीं)" if lang == "hi" else f"{name} — not graded (no complaints)"
    if lang == "hi":
        return f"{name} {g.score:.2f} % ({indian(g.base)} शिकायतें) — {ordinal(g.rank, 'hi')}"
    return f"{name} {g.score:.2f} % of {indian(g.base)} — {ordinal(g.rank, 'en')}"
