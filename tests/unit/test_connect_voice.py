"""The Connect voice adapter's request, checked against the real service model (Stubber)."""

from __future__ import annotations

import boto3
from botocore.stub import Stubber

from chalicelib.adapters.voice import ConnectVoiceCaller
from chalicelib.domain.messages import call_script
from chalicelib.settings import get_settings


def test_outbound_call_request_matches_connect_model_with_client_token_for_idempotency(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("CONNECT_INSTANCE_ID", "11111111-2222-3333-4444-555555555555")
    monkeypatch.setenv("CONNECT_CONTACT_FLOW_ID", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee")
    get_settings.cache_clear()
    connect = boto3.client("connect", region_name="ap-south-1")
    script = call_script("officer_new", {"reference": "1234567890", "due_at": "2026-12-03T18:29:59+00:00"})
    with Stubber(connect) as stub:
        stub.add_response(
            "start_outbound_voice_contact",
            {"ContactId": "c-1"},
            {
                "DestinationPhoneNumber": "+917000000001",
                "ContactFlowId": "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
                "InstanceId": "11111111-2222-3333-4444-555555555555",
                "SourcePhoneNumber": "+911800233018",
                "ClientToken": "1234567890:1:officer_new:call:+917000000001",
                "Attributes": {"reference": "1234567890", "script": script},
            },
        )
        contact = ConnectVoiceCaller(connect, get_settings()).call(
            "+917000000001", script, {"reference": "1234567890"}, "1234567890:1:officer_new:call:+917000000001"
        )
        stub.assert_no_pending_responses()
    get_settings.cache_clear()
    assert contact == "c-1"
    assert '<say-as interpret-as="digits">1234567890</say-as>' in script
    assert "3 दिसंबर 2026" in script and "3 December 2026" in script
