"""The signing key lives in Secrets Manager: read once and cached, rotated without downtime (the
previous version is accepted until the next rotation), and a stage that cannot read it fails closed."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from moto import mock_aws

from chalicelib.adapters.secrets import SecretsManagerKeys
from chalicelib.domain.errors import Unauthorized
from chalicelib.domain.tokens import sign, verify
from chalicelib.settings import Misconfigured

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


@pytest.fixture
def sm(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Secrets Manager in moto in-process, in an account of its own (the shared server's is left alone)."""
    monkeypatch.setenv("MOTO_ACCOUNT_ID", f"{secrets.randbelow(9 * 10**11) + 10**11}")
    for var in ("AWS_ENDPOINT_URL",):
        monkeypatch.delenv(var, raising=False)
    mock = mock_aws()
    mock.start(reset=False)
    try:
        yield boto3.client("secretsmanager", region_name="ap-south-1")
    finally:
        mock.stop(remove_data=False)


class Ticks:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_rotation_keeps_old_tokens_valid_until_the_next_one(sm: Any) -> None:
    arn = sm.create_secret(Name="cmh181-signing-key", SecretString="a" * 48)["ARN"]
    ticks = Ticks()
    keys = SecretsManagerKeys(sm, arn, max_age=300, monotonic=ticks)
    before = sign("link", "1234567897-1", NOW + timedelta(days=7), keys.keys().current)
    assert keys.keys().previous == ()
    assert keys.reads == 1 and keys.keys() and keys.reads == 1  # cached, one read per cold start

    sm.put_secret_value(SecretId=arn, SecretString="b" * 48)  # the rotation: "a" becomes AWSPREVIOUS
    ticks.now += 301
    rotated = keys.keys()
    assert rotated.current == "b" * 48 and rotated.previous == ("a" * 48,)
    assert verify(before, "link", rotated, NOW).subject == "1234567897-1"
    after = sign("link", "1234567897-2", NOW + timedelta(days=7), rotated.current)
    assert verify(after, "link", rotated, NOW).subject == "1234567897-2"

    sm.put_secret_value(SecretId=arn, SecretString="c" * 48)  # the next rotation ends the overlap
    ticks.now += 301
    with pytest.raises(Unauthorized):
        verify(before, "link", keys.keys(), NOW)
    assert verify(after, "link", keys.keys(), NOW)


def test_a_warm_function_reads_the_key_again_when_a_token_needs_it_at_most_every_30_seconds(sm: Any) -> None:
    arn = sm.create_secret(Name="cmh181-signing-key", SecretString="a" * 48)["ARN"]
    ticks = Ticks()
    keys = SecretsManagerKeys(sm, arn, max_age=300, min_refresh=30, monotonic=ticks)
    keys.keys()
    sm.put_secret_value(SecretId=arn, SecretString="b" * 48)
    ticks.now += 10
    assert keys.refresh() is False and keys.keys().current == "a" * 48  # a forged token can't hammer it
    ticks.now += 25
    assert keys.refresh() is True and keys.keys().current == "b" * 48


@pytest.mark.parametrize("value", [None, "short"])
def test_a_missing_or_weak_secret_fails_closed(sm: Any, value: str | None) -> None:
    if value is None:
        arn = "arn:aws:secretsmanager:ap-south-1:123456789012:secret:cmh181-nothing-AbCdEf"
    else:
        arn = sm.create_secret(Name="cmh181-weak", SecretString=value)["ARN"]
    with pytest.raises(Misconfigured, match="SIGNING_SECRET_ARN"):
        SecretsManagerKeys(sm, arn).keys()


def test_the_app_verifies_with_the_keys_of_its_stage(sm: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """bootstrap.verify_token: a token signed by a function that already has the new key is
    accepted by one whose cache is older."""
    from chalicelib import bootstrap

    arn = sm.create_secret(Name="cmh181-signing-key", SecretString="a" * 48)["ARN"]
    monkeypatch.setenv("SIGNING_SECRET_ARN", arn)
    bootstrap.reset()
    try:
        assert bootstrap.signing_keys().current == "a" * 48
        sm.put_secret_value(SecretId=arn, SecretString="b" * 48)
        fresh = sign("citizen", "+919876543210", NOW + timedelta(minutes=30), "b" * 48)
        source = bootstrap.get_secrets()
        assert isinstance(source, SecretsManagerKeys)
        source._read_at -= 60  # read a minute ago: within max_age, past min_refresh
        assert bootstrap.verify_token(fresh, "citizen", NOW).subject == "+919876543210"
        with pytest.raises(Unauthorized):
            bootstrap.verify_token(
                sign("citizen", "+919876543210", NOW + timedelta(minutes=30), "x" * 48), "citizen", NOW
            )
    finally:
        bootstrap.reset()


# ---- the WhatsApp Business Platform's secret ---------------------------------------------------

WHATSAPP = {"app_secret": "app-secret-1", "verify_token": "verify-1", "access_token": "EAAG-token-1"}


def test_the_whatsapp_secret_is_one_json_value_and_a_rotation_keeps_the_previous_app_secret(sm: Any) -> None:
    from chalicelib.adapters.secrets import SecretsManagerWhatsApp
    from chalicelib.domain.whatsapp import PlatformKeys, signature, signed

    arn = sm.create_secret(Name="cmh181-whatsapp", SecretString=json.dumps(WHATSAPP))["ARN"]
    ticks = Ticks()
    source = SecretsManagerWhatsApp(sm, arn, max_age=300, monotonic=ticks)
    assert source.keys() == PlatformKeys(("app-secret-1",), "verify-1", "EAAG-token-1")
    raw = b'{"object": "whatsapp_business_account", "entry": []}'
    old = signature(raw, "app-secret-1")
    sm.put_secret_value(SecretId=arn, SecretString=json.dumps({**WHATSAPP, "app_secret": "app-secret-2"}))
    ticks.now += 31
    assert source.refresh() is True
    rotated = source.keys()
    assert rotated.app_secrets == ("app-secret-2", "app-secret-1")
    assert signed(raw, old, rotated.app_secrets) and signed(raw, signature(raw, "app-secret-2"), rotated.app_secrets)


@pytest.mark.parametrize("value", ["not json", json.dumps({**WHATSAPP, "verify_token": ""}), json.dumps(["x"])])
def test_a_whatsapp_secret_without_its_three_values_fails_closed(sm: Any, value: str) -> None:
    from chalicelib.adapters.secrets import SecretsManagerWhatsApp

    arn = sm.create_secret(Name=f"cmh181-whatsapp-{abs(hash(value))}", SecretString=value)["ARN"]
    with pytest.raises(Misconfigured, match="WHATSAPP_SECRET_ARN") as refused:
        SecretsManagerWhatsApp(sm, arn).keys()
    assert "EAAG" not in str(refused.value) and "app-secret" not in str(refused.value)
