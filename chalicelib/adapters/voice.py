"""Outbound calls through Amazon Connect `StartOutboundVoiceContact`.

Voice sits behind one method, `call`, because Connect is not offered in every region
and a deployment may need an Indian telephony provider instead.
"""

from __future__ import annotations

from typing import Any

from botocore.exceptions import ClientError

from chalicelib import observe
from chalicelib.domain.errors import NotFound
from chalicelib.domain.text import Text
from chalicelib.settings import Settings

# Connect's limit on one attribute's value.
ATTRIBUTE_MAX = 32000


def contact_attributes(script: str, attributes: dict[str, str]) -> dict[str, str]:
    """The attributes an outbound contact starts with: the job's, and the script the flow
    plays (`$.Attributes.script`: SSML for the officer's call, text for the survey)."""
    return {**attributes, "script": script[:ATTRIBUTE_MAX]}


class ConnectVoiceCaller:
    def __init__(self, connect: Any, settings: Settings) -> None:
        self._connect = connect
        self._settings = settings

    def call(self, to: str, script: str, attributes: dict[str, str], token: str) -> str:
        """Place the call; the contact flow reads `script` (Hindi first) with Polly.

        `token` is the job's idempotency key: Connect's ClientToken makes a retried
        job ring the phone once."""
        try:
            response = self._start(to, script, attributes, token)
        except Exception:
            observe.metric("CallsFailed")
            raise
        observe.metric("CallsPlaced")
        return str(response["ContactId"])

    def _start(self, to: str, script: str, attributes: dict[str, str], token: str) -> dict[str, Any]:
        response: dict[str, Any] = self._connect.start_outbound_voice_contact(
            DestinationPhoneNumber=to,
            ContactFlowId=self._settings.connect_contact_flow_id,
            InstanceId=self._settings.connect_instance_id,
            SourcePhoneNumber=self._settings.connect_source_phone,
            ClientToken=token[:500],
            Attributes=contact_attributes(script, attributes),
        )
        return response


class ConnectContacts:
    """What a call carries, read from Connect itself: the console's form names only the
    contact, so an executive cannot record an update for an officer or complaint that the
    call did not bring."""

    def __init__(self, connect: Any, settings: Settings) -> None:
        self._connect = connect
        self._settings = settings

    def attributes(self, contact_id: str) -> dict[str, str]:
        try:
            response = self._connect.get_contact_attributes(
                InstanceId=self._settings.connect_instance_id, InitialContactId=contact_id
            )
        except ClientError as e:
            if e.response.get("Error", {}).get("Code") in ("ResourceNotFoundException", "InvalidParameterException"):
                raise NotFound(Text("कॉल", "call")) from None
            raise
        return dict(response.get("Attributes") or {})
