"""Changing a year's calendar: store it, then recompute waiting deadlines per district."""

from __future__ import annotations

from typing import Any

from chalicelib.clock import iso
from chalicelib.services.deadlines import changed_from, parse_year
from chalicelib.services.ports import Calendar, Directory, JobQueue


def set_year(year: int, data: Any, calendar: Calendar, directory: Directory, queue: JobQueue) -> dict[str, Any]:
    """Stores the year through the calendar (whose next deadline uses it); if any day changed
    between working and not, one recomputation job per district from the first such day."""
    new = parse_year(year, data)
    since = changed_from(calendar.year(year), new)
    calendar.store_year(new)
    districts = [d.code for d in directory.districts()] if since else []
    if since:
        queue.put([{"type": "recompute_deadlines", "district": d, "since": iso(since)} for d in districts])
    return {"year": year, "changed_from": iso(since) if since else None, "districts_queued": len(districts)}
