"""Settings fail closed: only an explicit STAGE=local runs on local defaults; a deployed stage
missing any setting, or given a local value, refuses to serve and names the setting."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from chalicelib import bootstrap, settings
from chalicelib.domain import messages
from chalicelib.settings import DEPLOYED, LOCAL_DEFAULTS, LOCAL_ONLY, SMS_TEMPLATES, Misconfigured, load, problems
from tests.deployed_env import deployed_env


def names(found: tuple[str, ...]) -> set[str]:
    return {p.split(":", 1)[0] for p in found}


def test_a_complete_deployed_environment_may_serve() -> None:
    assert problems(deployed_env()) == ()
    s = load(deployed_env())
    assert not s.is_local and s.signing_secret == "" and s.voice_backend == "connect"
    assert s.public_base_url == "https://cmhelpline.mp.gov.in"


@pytest.mark.parametrize("stage", ["", "prod", "test", "staging", "Local"])
def test_only_an_explicit_local_stage_runs_without_settings(stage: str) -> None:
    env = {"STAGE": stage} if stage else {}
    with pytest.raises(Misconfigured) as refused:
        load(env)
    assert refused.value.problems
    assert load({"STAGE": "local"}).is_local


@pytest.mark.parametrize("name", sorted(DEPLOYED))
def test_a_deployed_stage_missing_any_setting_refuses_and_names_it(name: str) -> None:
    with pytest.raises(Misconfigured) as refused:
        load(deployed_env(**{name: None}))
    assert refused.value.names == [name]
    assert name in str(refused.value)


@pytest.mark.parametrize("name", sorted(LOCAL_DEFAULTS))
def test_no_local_default_is_reachable_outside_local(name: str) -> None:
    """Unset, the deployed stage refuses (it never falls back to the local value); set to the
    local value explicitly, it refuses too."""
    local = load({"STAGE": "local"})
    field = name.lower()
    assert str(getattr(local, field)) == LOCAL_DEFAULTS[name]  # what a local stage runs on
    # a local-only secret is never a deployed stage's variable: its secret's ARN is (refused when missing)
    assert name in names(problems(deployed_env(**{name: None}))) or name in LOCAL_ONLY
    assert name in names(problems(deployed_env(**{name: LOCAL_DEFAULTS[name]})))
    if name not in LOCAL_ONLY:  # the local secrets are refused as variables whatever their value
        assert getattr(load(deployed_env()), field) != LOCAL_DEFAULTS[name]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PUBLIC_BASE_URL", "http://cmhelpline.mp.gov.in"),
        ("PUBLIC_BASE_URL", "https://127.0.0.1:8000"),
        ("PUBLIC_BASE_URL", "https://localhost"),
        ("PUBLIC_BASE_URL", "https://10.0.0.7"),
        ("PUBLIC_BASE_URL", "https://cmhelpline.mp.gov.in/v1"),
        ("PUBLIC_BASE_URL", "https://grievances.cmhelpline.mp.gov.in"),  # longer than the SMS budgets count
        ("SIGNING_SECRET", "a-long-enough-secret-that-is-still-an-environment-value"),
        ("CLOCK_EPOCH", "1700000000"),
        ("DAY_SECONDS", "4"),
        ("VOICE_BACKEND", "local"),
        ("SIGNING_SECRET_ARN", "cmh181-signing-key"),
        ("DLT_TEMPLATE_IDS", json.dumps({"otp": "1207000000000000001"})),
        ("DLT_TEMPLATE_IDS", "not json"),
        ("SMS_SENDER_ID", "CM181"),
        ("CONNECT_SOURCE_PHONE", "18002330181"),
        ("CONNECT_CCP_URL", "https://mp-cmh181.awsapps.com/connect/ccp#"),
        ("CONNECT_CCP_URL", "http://mp-cmh181.my.connect.aws/ccp-v2/"),
        ("CONNECT_CCP_URL", "https://evil.example/ccp-v2/"),
        ("NOTIFY_QUEUE_URL", "http://127.0.0.1:5055/000000000000/cmh181-notify"),
        ("OTP_PER_SOURCE_HOUR", "many"),
        ("SATISFACTION_SURVEY", "yes"),
        ("WHATSAPP_APP_SECRET", "a-real-looking-app-secret-given-as-an-environment-value"),
        ("WHATSAPP_VERIFY_TOKEN", "local-verify-token"),
        ("WHATSAPP_SECRET_ARN", "cmh181-whatsapp"),
        ("WHATSAPP_PHONE_NUMBER_ID", "+917552555582"),
        ("WHATSAPP_QUEUE_URL", "http://127.0.0.1:5055/000000000000/cmh181-whatsapp"),
    ],
)
def test_local_or_malformed_values_are_refused_by_a_deployed_stage(name: str, value: str) -> None:
    found = problems(deployed_env(**{name: value}))
    assert names(found) == {name}, found


def test_the_refusal_names_settings_never_their_values() -> None:
    env = deployed_env(SIGNING_SECRET="s3cr3t-value-that-must-not-be-logged-anywhere", PUBLIC_BASE_URL=None)
    text = str(Misconfigured(problems(env)))
    assert "SIGNING_SECRET" in text and "PUBLIC_BASE_URL" in text
    assert "s3cr3t" not in text


def test_every_sms_template_the_code_sends_needs_a_dlt_id() -> None:
    """Each message kind in each language is its own DLT registration a deployment must map."""
    assert set(SMS_TEMPLATES) == {f"{kind}.{lang}" for kind in messages.TEMPLATES for lang in ("hi", "en")}
    assert len(SMS_TEMPLATES) == 2 * len(messages.TEMPLATES)


def test_the_operations_guide_names_every_dlt_registration_a_stage_demands() -> None:
    """docs/operations.md's list of kinds and its `DltTemplateIds` example, against the code."""
    guide = (Path(__file__).parents[2] / "docs" / "operations.md").read_text(encoding="utf-8")
    step = guide[guide.index("**DLT (TRAI):**") :]
    listed = re.findall(r"`([a-z_]+)`", step[: step.index("(texts:")])
    assert listed == list(messages.TEMPLATES)
    example = json.loads(step[step.index("```json") + len("```json") : step.index("```", step.index("```json") + 7)])
    assert list(example) == list(SMS_TEMPLATES)
    filled = json.dumps({key: f"1207{i:015d}" for i, key in enumerate(example)})
    assert problems(deployed_env(DLT_TEMPLATE_IDS=filled)) == ()  # what the settings accept, no more, no less


@pytest.fixture
def deployed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name, value in deployed_env().items():
        monkeypatch.setenv(name, value)
    bootstrap.reset()
    yield
    monkeypatch.undo()
    bootstrap.reset()


def test_a_deployed_stage_builds_real_senders_and_reads_its_keys_from_secrets_manager(deployed: None) -> None:
    from chalicelib.adapters.secrets import SecretsManagerKeys, SecretsManagerWhatsApp
    from chalicelib.adapters.sms import SnsSmsSender
    from chalicelib.adapters.voice import ConnectVoiceCaller
    from chalicelib.adapters.whatsapp import CloudApiWhatsApp

    assert type(bootstrap.get_sms()) is SnsSmsSender  # no emulated phone in between
    assert type(bootstrap.get_voice()) is ConnectVoiceCaller
    assert type(bootstrap.get_whatsapp()) is CloudApiWhatsApp
    assert bootstrap.get_whatsapp().url.endswith("/106540352242922/messages")  # type: ignore[attr-defined]
    assert isinstance(bootstrap.get_secrets(), SecretsManagerKeys)
    assert isinstance(bootstrap.get_whatsapp_secrets(), SecretsManagerWhatsApp)
    assert bootstrap.get_notify_queue().url == deployed_env()["NOTIFY_QUEUE_URL"]
    assert bootstrap.get_maintenance_queue().url == deployed_env()["MAINTENANCE_QUEUE_URL"]
    assert bootstrap.get_whatsapp_queue().url == deployed_env()["WHATSAPP_QUEUE_URL"]


def test_a_deployed_stage_never_runs_on_the_local_whatsapp_secret_or_verify_token() -> None:
    """Unset, a deployed stage has no app secret or verify token of its own (they come from
    WHATSAPP_SECRET_ARN's secret); given as variables, with any value, it refuses to start."""
    s = load(deployed_env())
    assert (s.whatsapp_app_secret, s.whatsapp_verify_token) == ("", "")
    assert s.whatsapp_secret_arn.startswith("arn:aws:secretsmanager:")
    for name in ("WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN"):
        assert names(problems(deployed_env(**{name: "x" * 40}))) == {name}
    local = load({"STAGE": "local"})
    assert (local.whatsapp_app_secret, local.whatsapp_verify_token) == ("local-whatsapp-secret", "local-verify-token")


def test_a_misconfigured_stage_builds_no_adapter(monkeypatch: pytest.MonkeyPatch, deployed: None) -> None:
    monkeypatch.delenv("PUBLIC_BASE_URL")
    bootstrap.reset()
    for build in (bootstrap.get_sms, bootstrap.get_complaints, bootstrap.get_clock, bootstrap.signing_keys):
        with pytest.raises(Misconfigured, match="PUBLIC_BASE_URL"):
            build()
    assert settings.current_problems() == ("PUBLIC_BASE_URL: missing",)
