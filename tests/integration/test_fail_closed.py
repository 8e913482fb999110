"""A deployed stage with a missing setting refuses to serve: every route of every family answers
503 and changes nothing, the log names the setting, and every event handler raises (its event
is retried and kept). With the settings complete and its key in Secrets Manager, it serves.

Each case is a fresh interpreter importing the app as the deployed Lambda does (STAGE=prod),
over moto in-process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.deployed_env import deployed_env

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import json, os, sys
from moto import mock_aws

with mock_aws():
    import boto3
    if os.environ.pop("CREATE_SECRET", ""):
        sm = boto3.client("secretsmanager")
        arn = sm.create_secret(Name="cmh181-signing-key", SecretString="k" * 48)["ARN"]
        os.environ["SIGNING_SECRET_ARN"] = arn
        whatsapp = {"app_secret": "meta-app-secret", "verify_token": "meta-verify", "access_token": "EAAG"}
        os.environ["WHATSAPP_SECRET_ARN"] = sm.create_secret(
            Name="cmh181-whatsapp", SecretString=json.dumps(whatsapp))["ARN"]
    import app
    from chalice.test import Client

    FILL = {"reference": "1234567897", "code": "SEHORE", "token": "1234567897-1.abc.defghijklmnop", "year": "2026",
            "name": "softphone.js", "role": "officer", "file": "officer_login.hi.jpg",
            "exclusion_id": "EX-20261123-0000", "scheme_id": "revenue-bhu-adhikar",
            "post_id": "REVENUE:L1:SEHORE-BUDHNI", "posting_id": "bm90LWEtcG9zdGluZw", "username": "o12345678"}
    routes = []
    with Client(app.app, stage_name="prod") as client:
        for path, entries in sorted(app.app.routes.items()):
            url = path.format(**FILL)
            for method, entry in sorted(entries.items()):
                resp = client.http.request(method, url, body=b"{}", headers={"content-type": "application/json"})
                routes.append({"path": path, "method": method, "module": entry.view_function.__module__,
                               "status": resp.status_code, "body": resp.body.decode("utf-8", "replace"),
                               "headers": dict(resp.headers)})
        verified = client.http.get(
            "/v1/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=meta-verify&hub.challenge=4242")
        verified = [verified.status_code, verified.body.decode("utf-8", "replace")]
        events = {}
        jobs = {
            "cmh181-notify": {"reference": "1234567897", "channel": "sms", "template": "citizen_registered",
                              "params": {}, "to": {"mobile": "+919876543210"}},
            "cmh181-maintenance": {"type": "recompute_deadlines", "district": "SEHORE",
                                   "since": "2026-01-01T00:00:00+00:00"},
        }
        from chalicelib.adapters.dynamo.models import HistoryItem
        image = HistoryItem("C#1234567897", "H#0001", reference="1234567897", version=1,
                            at="2026-01-02T10:00:00+05:30", event="registered", level=1, post_id="P",
                            assignment_id="1234567897-1").serialize()
        image["kind"] = {"S": "history"}
        record = {"Keys": {"pk": image["pk"], "sk": image["sk"]}, "NewImage": image,
                  "ApproximateCreationDateTime": 1767330000, "SequenceNumber": "1", "SizeBytes": 1,
                  "StreamViewType": "NEW_AND_OLD_IMAGES"}
        stream = {"Records": [{"eventID": "1", "eventName": "INSERT", "eventSource": "aws:dynamodb",
                               "awsRegion": "ap-south-1", "dynamodb": record,
                               "eventSourceARN": "arn:aws:dynamodb:ap-south-1:1:table/cmh181-complaints/stream/x"}]}
        for name, handler in sorted(app.app.handler_map.items()):
            if name == "api_handler" or not hasattr(handler, "func"):
                continue
            source = handler.event_class.__name__
            queue = handler.func.__module__.endswith("maintenance") and "cmh181-maintenance" or "cmh181-notify"
            sqs = client.events.generate_sqs_event(message_bodies=[json.dumps(jobs[queue])], queue_name=queue)
            payload = {"SQSEvent": sqs, "DynamoDBEvent": stream}.get(source, client.events.generate_cw_event(
                source="aws.events", detail_type="Scheduled Event", detail={}, resources=[]))
            if source == "LambdaFunctionEvent":
                payload = {"Details": {"Parameters": {"answer": "1", "reference": "1234567897"}}}
            try:
                client.lambda_.invoke(name, payload)
                events[name] = "served"
            except Exception as exc:
                events[name] = type(exc).__name__
print(json.dumps({"routes": routes, "events": events, "verified": verified}))
"""


def run_deployed(env: dict[str, str]) -> tuple[dict[str, Any], str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "STAGE", "MOTO"))}
    full = {
        **keep,
        **env,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_XRAY_SDK_ENABLED": "false",
        "AWS_XRAY_CONTEXT_MISSING": "IGNORE_ERROR",
        # as in Lambda: the JSON log goes to stdout's neighbour, stderr here
        "AWS_LAMBDA_FUNCTION_NAME": "cmh181-prod-APIHandler",
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=full, cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout.strip().splitlines()
    return json.loads(out[-1]), "\n".join(out[:-1]) + done.stderr


def test_a_deployed_stage_missing_a_setting_answers_503_everywhere_and_its_events_wait() -> None:
    result, log = run_deployed(deployed_env(PUBLIC_BASE_URL=None))

    routes = result["routes"]
    families = {r["module"] for r in routes}
    api_modules = {f"chalicelib.api.{p.stem}" for p in (ROOT / "chalicelib/api").glob("*.py")}
    # every family of routes a deployed stage has (the emulated phone's never ships)
    assert families == api_modules - {
        "chalicelib.api.__init__",
        "chalicelib.api.auth",
        "chalicelib.api.edge",
        "chalicelib.api.errors",
        "chalicelib.api.requests",
        "chalicelib.api.responses",
        "chalicelib.api.spec",
        "chalicelib.api.dev",
    }
    assert len(routes) > 40
    assert {(r["path"], r["method"], r["status"]) for r in routes if r["status"] != 503} == set()
    for r in routes:
        if r["path"].startswith("/v1/"):
            body = json.loads(r["body"])
            assert body["Code"] == "ServiceUnavailable" and body["message_hi"], r
        else:
            assert "सेवा अभी उपलब्ध नहीं है" in r["body"] and "The service is unavailable" in r["body"], r
        assert "PUBLIC_BASE_URL" not in r["body"]  # the caller is told nothing about the setup
        headers = {k.lower(): v for k, v in r["headers"].items()}
        assert (headers["x-content-type-options"], headers["cache-control"]) == ("nosniff", "no-store"), r
    logged = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    refusals = [r for r in logged if str(r.get("message", "")).startswith("refusing to serve")]
    assert refusals and all("PUBLIC_BASE_URL" in r["message"] for r in refusals)
    assert {r["at"] for r in refusals} >= {"cold_start", "/v1/health"}
    assert any('"Misconfigured": 1' in line for line in log.splitlines())  # the metric the alarm watches

    assert result["events"], "no event handler was invoked"
    assert set(result["events"].values()) == {"Misconfigured"}, result["events"]


def test_the_same_stage_complete_with_its_key_in_secrets_manager_serves() -> None:
    result, log = run_deployed({**deployed_env(SIGNING_SECRET_ARN=None), "CREATE_SECRET": "1"})

    status = {(r["path"], r["method"]): r["status"] for r in result["routes"]}
    assert status[("/v1/health", "GET")] == 200
    assert status[("/v1/complaints/{reference}/status", "GET")] != 503
    # the WhatsApp webhook with its secret from Secrets Manager: unsigned is 401, the verify token answers
    assert status[("/v1/whatsapp/webhook", "POST")] == 401 and status[("/v1/whatsapp/webhook", "GET")] == 403
    assert result["verified"] == [200, "4242"]
    assert "refusing to serve" not in log
    # a deployed stage is https only: every answer, API and pages, says so (the local stack never)
    for r in result["routes"]:
        assert r["headers"]["Strict-Transport-Security"] == "max-age=31536000", r["path"]
        assert r["headers"]["X-Content-Type-Options"] == "nosniff", r["path"]
