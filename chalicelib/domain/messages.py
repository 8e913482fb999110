"""SMS and call texts, Hindi first then English. Hindi SMS travel as UCS-2 (70 characters
a part), so SMS stay short; each template name maps to a DLT template id in settings."""

from __future__ import annotations

from datetime import datetime

from chalicelib.domain.calendar import IST


def _day(iso_text: str) -> str:
    return datetime.fromisoformat(iso_text).astimezone(IST).strftime("%d-%m-%Y")


def spaced(reference: str) -> str:
    """Digits spoken one by one on a call."""
    return " ".join(reference)


def sms(template: str, p: dict[str, str]) -> str:
    ref = p.get("reference", "")
    if template == "citizen_registered":
        return f"CM हेल्पलाइन: शिकायत क्र. {ref} दर्ज। Complaint {ref} registered. {p['track']}"
    if template == "citizen_escalated":
        return f"CM हेल्पलाइन: शिकायत {ref} अब स्तर {p['level']} पर। Complaint {ref} now at level {p['level']}."
    if template == "citizen_closed":
        return f"CM हेल्पलाइन: शिकायत {ref} बंद की गई। Complaint {ref} closed. {p['track']}"
    if template == "citizen_resolved":
        return f"CM हेल्पलाइन: शिकायत {ref} का निराकरण दर्ज। Complaint {ref} resolved; we will call you."
    if template == "digest_daily":  # one morning SMS per officer
        # Dated: an SMS delivered late still says which morning it counts.
        return (
            f"CMH181 आज {p['day']}: लंबित {p['pending']}, आज अंतिम तिथि {p['due_today']}, "
            f"समय-सीमा पार {p['overdue']}। "
            f"Pending {p['pending']}, due today {p['due_today']}, overdue {p['overdue']}: {p['link']}"
        )
    due = _day(p["due_at"]) if p.get("due_at") else ""
    link = p.get("link", "")
    if template == "officer_new":
        return f"CMH181 नई शिकायत {ref} स्तर {p['level']}, अंतिम तिथि {due}. New complaint, due {due}: {link}"
    if template == "officer_escalated":
        return f"CMH181 शिकायत {ref} समय-सीमा पार, अब स्तर {p['level']} पर आप। Escalated to you, due {due}: {link}"
    if template == "officer_reminder":
        return f"CMH181 स्मरण: शिकायत {ref}, अंतिम तिथि {due}. Citizen reminder: {link}"
    raise ValueError(f"unknown SMS template {template}")


def call_script(template: str, p: dict[str, str]) -> str:
    ref = spaced(p.get("reference", ""))
    due = _day(p["due_at"]) if p.get("due_at") else ""
    what_hi = "समय-सीमा पार होकर आपके स्तर पर आई है" if template == "officer_escalated" else "आपको सौंपी गई है"
    what_en = "has been escalated to you" if template == "officer_escalated" else "has been assigned to you"
    return (
        f"नमस्कार, सीएम हेल्पलाइन 181 से। शिकायत क्रमांक {ref} {what_hi}। "
        f"कृपया {due} तक कार्रवाई दर्ज करें, विवरण एसएमएस में भेजा गया है। "
        f"Hello, this is CM Helpline 181. Complaint number {ref} {what_en}. "
        f"Please record action by {due}; details are in the SMS."
    )
