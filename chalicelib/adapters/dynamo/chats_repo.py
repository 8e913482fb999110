"""The numbers that wrote to the helpline's WhatsApp, in the ops table: one partition per
number (`WHATSAPP#<number>`), a row each for its last message (`LAST`), its language
(`LANG`) and its STOP (`OPTOUT`), so that each is one plain write and `get` is one query.
Kept for 400 days after the last write (the opt-in lapses with them)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pynamodb.exceptions import UpdateError

from chalicelib.adapters.dynamo.models import OpsRow
from chalicelib.adapters.dynamo.ops_repo import _conditional_failed
from chalicelib.domain.whatsapp import ChatContact

KEEP_DAYS = 400


def _pk(number: str) -> str:
    return f"WHATSAPP#{number}"


def _expires() -> datetime:
    return datetime.now(UTC) + timedelta(days=KEEP_DAYS)


class DynamoChats:
    def get(self, number: str) -> ChatContact | None:
        rows = {r.sk: r.data.as_dict() if r.data else {} for r in OpsRow.query(_pk(number), consistent_read=True)}
        if not rows:
            return None
        at = rows.get("LAST", {}).get("at")
        return ChatContact(
            number,
            datetime.fromisoformat(at) if at else None,
            rows.get("LANG", {}).get("lang"),
            bool(rows.get("OPTOUT", {}).get("out", False)),
        )

    def inbound(self, number: str, at: datetime) -> None:
        """One conditional update: written only when no later message is recorded."""
        when = at.astimezone(UTC).isoformat()
        try:
            OpsRow(_pk(number), "LAST").update(
                actions=[OpsRow.data.set({"at": when}), OpsRow.expires.set(_expires())],
                condition=OpsRow.pk.does_not_exist() | (OpsRow.data["at"] < when),
            )
        except UpdateError as exc:
            if not _conditional_failed(exc):
                raise

    def set_lang(self, number: str, lang: str) -> None:
        OpsRow(_pk(number), "LANG", data={"lang": lang}, expires=_expires()).save()

    def set_opted_out(self, number: str, opted_out: bool) -> None:
        OpsRow(_pk(number), "OPTOUT", data={"out": opted_out}, expires=_expires()).save()
