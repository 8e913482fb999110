"""Texts of the monitoring SMS (daily digest), Hindi first then English, kept short (UCS-2)."""

from __future__ import annotations

TEMPLATES = ("digest_daily",)


def sms(template: str, p: dict[str, str]) -> str:
    if template == "digest_daily":
        return (f"CMH181 आज: लंबित {p['pending']}, आज अंतिम तिथि {p['due_today']}, समय-सीमा पार {p['overdue']}। "
                f"Pending {p['pending']}, due today {p['due_today']}, overdue {p['overdue']}: {p['link']}")
    raise ValueError(f"unknown SMS template {template}")
