"""The emulated calls of the local stack: each call to 181 or the officers' line as the flow
runner left it (its state, attributes and every prompt, key, Lambda invocation and
transfer), kept between key presses so the keypad, the API and the console see one call.

Local stages only, like the emulated phone. A call is saved only from the version it was
read at, so two executives cannot both take one call.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pynamodb.exceptions import PutError

from chalicelib.adapters.dynamo.models import OpsRow
from chalicelib.clock import iso
from chalicelib.domain.errors import Conflict, NotFound, VersionConflict
from chalicelib.domain.text import Text

PARTITION = "DEVCALL"
QUEUED, WITH_AGENT, ENDED = "queued", "with_agent", "ended"
CALL = Text("कॉल", "call")


class PhoneCalls:
    def get(self, call: str) -> dict[str, Any] | None:
        try:
            row = OpsRow.get(PARTITION, call)
        except OpsRow.DoesNotExist:
            return None
        return dict(row.data.as_dict()) if row.data is not None else None

    def save(self, contact: dict[str, Any]) -> None:
        """Saves the call as read (its `version`), or raises VersionConflict."""
        version = int(contact.get("version", 0))
        row = OpsRow(PARTITION, contact["call"], data={**contact, "version": version + 1})
        condition = OpsRow.sk.does_not_exist() if version == 0 else OpsRow.data["version"] == version  # type: ignore[index]
        try:
            row.save(condition=condition)
        except PutError as exc:
            if exc.cause_response_code == "ConditionalCheckFailedException":
                raise VersionConflict() from None
            raise
        contact["version"] = version + 1

    def in_state(self, *states: str, limit: int = 200) -> list[dict[str, Any]]:
        """Calls in one of `states` in the order Connect routes them: by the routing priority
        the flow gave (1 first: the women's helpline), then oldest first (the local stack
        holds a few)."""
        out = []
        for row in OpsRow.query(PARTITION):
            if row.data is not None and row.data["state"] in states:
                out.append(dict(row.data.as_dict()))
        out.sort(key=lambda c: (int(c.get("priority", 5)), c["events"][0]["at"] if c.get("events") else ""))
        return out[:limit]

    def take(self, call: str, agent: str, at: datetime) -> dict[str, Any]:
        """An executive answers a call waiting in a queue (the agent accepting the contact);
        its attributes are what the executive's screen shows."""
        contact = self.get(call)
        if contact is None:
            raise NotFound(CALL)
        if contact["state"] != QUEUED:
            raise Conflict("यह कॉल प्रतीक्षा में नहीं है", "This call is not waiting in a queue")
        contact.update(state=WITH_AGENT, agent=agent)
        contact["events"].append({"at": iso(at), "kind": "answered", "agent": agent})
        self.save(contact)
        return contact

    def end(self, call: str, agent: str, at: datetime) -> dict[str, Any]:
        """The executive who has the call ends it."""
        contact = self.get(call)
        if contact is None or contact.get("agent") != agent:
            raise NotFound(CALL)
        if contact["state"] != WITH_AGENT:
            raise Conflict("यह कॉल अब जुड़ी नहीं है", "This call is no longer connected")
        contact["state"] = ENDED
        contact["events"].append({"at": iso(at), "kind": "ended", "agent": agent})
        self.save(contact)
        return contact
