"""What the officer's complaint page shows: the complaint in words (names, IST dates, a
short history) and the action forms as posted."""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from chalicelib.domain.calendar import IST
from chalicelib.domain.text import Text
from chalicelib.services.actions import ACTIVE
from chalicelib.services.ports import Directory

SUMMARY_CHARS = 300  # history remarks are cut so a long-lived complaint's page stays light
ACTION_FIELDS = ("action", "remarks", "rule_reference", "letter_no", "letter_date", "to_department")


def day(iso_text: str | None) -> str:
    """dd-mm-yyyy in India Standard Time."""
    if not iso_text:
        return ""
    return datetime.fromisoformat(iso_text).astimezone(IST).strftime("%d-%m-%Y")


def name(place: Any, code: str | None, lang: str) -> str:
    if place is None:
        return code or ""
    return str(place.name_hi if lang == "hi" else place.name_en)


def _cut(value: Any) -> str:
    """A stored detail as a short text, whatever it holds: entries stored before the request
    schemas may carry a list, a number or a very long text where a short text belongs."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        text = value
    else:
        text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS] + "…"


def _department(code: Any, lang: str, directory: Directory) -> str:
    if isinstance(code, str) and len(code) <= 60:
        return name(directory.department(code), code, lang)
    return _cut(code)


def _label(actor: Any) -> str:
    """A history actor (`staff:jdoe`) as its user name."""
    text = _cut(actor)
    return text.split(":", 1)[1] if text.startswith("staff:") else text


def _officer_name(actor: Any, directory: Directory) -> str:
    officer_id = _label(actor)
    officer = directory.officer(officer_id) if officer_id and len(officer_id) <= 128 else None
    return officer.name if officer is not None else officer_id


def _recorded(e: dict[str, Any], lang: str, directory: Directory) -> str:
    """Who put an officer's action on record for them, and by which channel: an executive
    taking the officer's call on the toll-free line."""
    if not e.get("recorded_by"):
        return ""
    executive, officer = _label(e["recorded_by"]), _officer_name(e.get("actor"), directory)
    if e.get("via") == "tollfree":
        said = Text(
            f"कार्यपालक {executive} ने अधिकारी {officer} की ओर से टोल-फ़्री लाइन पर दर्ज किया",
            f"recorded by executive {executive} for officer {officer} via the toll-free line",
        )
    else:
        said = Text(
            f"कार्यपालक {executive} ने अधिकारी {officer} की ओर से दर्ज किया",
            f"recorded by executive {executive} for officer {officer}",
        )
    return said.in_lang(lang)


def _late(e: dict[str, Any], lang: str) -> str:
    """An action taken after its level's deadline (a lapsed lower level acting): kept on record."""
    if e.get("late") is not True:
        return ""
    level = e.get("acting_level")
    if isinstance(level, int) and not isinstance(level, bool):
        said = Text(f"विलंब से: स्तर {level} की समय-सीमा पार हो चुकी थी", f"late: level {level}'s deadline had passed")
    else:
        said = Text("विलंब से: समय-सीमा पार हो चुकी थी", "late: the deadline had passed")
    return said.in_lang(lang)


def history(entries: list[dict[str, Any]], lang: str, directory: Directory) -> list[dict[str, Any]]:
    out = []
    for e in entries:
        note = _cut(e.get("basis") or e.get("remarks"))
        if e.get("to_department"):
            note = f"→ {_department(e['to_department'], lang, directory)}: {note}"
        letter = (_cut(e.get("letter_no")), day_or(_cut(e.get("letter_date"))))
        out.append(
            {
                "on": day(e.get("at")),
                "event": e.get("event", ""),
                "level": e.get("level"),
                "note": note,
                "rule": _cut(e.get("rule_reference")),
                "letter": " / ".join(x for x in letter if x),
                "recorded": _recorded(e, lang, directory),
                "late": _late(e, lang),
            }
        )
    return out


def day_or(text: str | None) -> str:
    """A letter's YYYY-MM-DD as dd-mm-yyyy (it has no time zone); anything else as it is."""
    if not text or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return text or ""
    return f"{text[8:10]}-{text[5:7]}-{text[0:4]}"


def late(item: dict[str, Any], now: datetime) -> bool:
    """Marked overdue, or open past its due time."""
    due = item.get("due_at")
    return bool(item.get("overdue")) or (
        item.get("status") in ACTIVE and bool(due) and datetime.fromisoformat(str(due)) < now
    )


def complaint(d: dict[str, Any], lang: str, directory: Directory, now: datetime) -> dict[str, Any]:
    """`d` is `tracking.full_view`: without name and mobile when the viewer may not see them."""
    return {
        "late": late(d, now),
        "reference": d["reference"],
        "version": d["version"],
        "category": d["category"],
        "status": d["status"],
        "level": d["level"],
        "overdue": bool(d.get("overdue")),
        "department": name(directory.department(d["department"]), d["department"], lang),
        "district": name(directory.district(d["district"]), d["district"], lang),
        "block": name(directory.block(d["district"], d["block"]), d["block"], lang) if d.get("block") else "",
        "registered": day(d.get("registered_at")),
        "due": day(d.get("due_at")) if d["status"] in ACTIVE else "",
        "subject": d["subject"],
        "description": d["description"],
        "name": d.get("name"),
        "mobile": d.get("mobile"),
        "disputed": bool((d.get("extra") or {}).get("disputed")),
        "history": history(d.get("history") or [], lang, directory),
    }


def action_body(f: dict[str, str]) -> dict[str, Any]:
    """The JSON action body out of a posted form: blanks left out, the version as a number
    (anything else is passed on, for the service to refuse)."""
    body: dict[str, Any] = {k: f[k].strip() for k in ACTION_FIELDS if f.get(k, "").strip()}
    version = f.get("version", "").strip()
    if version:
        body["version"] = int(version) if version.isdigit() else version
    return body
