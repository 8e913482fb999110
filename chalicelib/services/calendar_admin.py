"""Changing a year's calendar: store it, then recompute waiting deadlines per district."""

from __future__ import annotations

from typing import Any

from chalicelib.adapters.dynamo.calendar_repo import store_year
from chalicelib.clock import iso
from chalicelib.services.deadlines import changed_from, parse_year


def set_year(year: int, data: Any, calendar: Any, directory: Any, queue: Any) -> dict[str, Any]:
    new = parse_year(year, data)
    since = changed_from(calendar.year(year), new)
    store_year(new)
    districts = [d.code for d in directory.districts()] if since else []
    if since:
        queue.put([{"type": "recompute_deadlines", "district": d, "since": iso(since)} for d in districts])
    return {"year": year, "changed_from": iso(since) if since else None, "districts_queued": len(districts)}
