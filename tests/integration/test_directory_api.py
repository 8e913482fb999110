"""Health and directory routes through chalice.test.Client, on moto."""

from __future__ import annotations

import json
from typing import Any


def _json(resp: Any) -> Any:
    return json.loads(resp.body)


def test_health_answers_ok(app_client: Any) -> None:
    resp = app_client.http.get("/v1/health")
    assert resp.status_code == 200
    assert _json(resp) == {"status": "ok"}


def test_districts_lists_all_55_with_hindi_names_and_division(app_client: Any) -> None:
    body = _json(app_client.http.get("/v1/directory/districts"))
    assert len(body) == 55
    indore = next(d for d in body if d["code"] == "INDORE")
    assert indore == {"code": "INDORE", "name_hi": "इंदौर", "name_en": "Indore", "division": "INDORE"}


def test_blocks_of_a_district(app_client: Any) -> None:
    body = _json(app_client.http.get("/v1/directory/districts/SEHORE/blocks"))
    assert {"code": "SEHORE-BUDHNI", "name_hi": "बुधनी", "name_en": "Budhni"} in body


def test_blocks_of_unknown_district_is_404_in_hindi_and_english(app_client: Any) -> None:
    resp = app_client.http.get("/v1/directory/districts/ATLANTIS/blocks")
    assert resp.status_code == 404
    out = _json(resp)
    assert (out["Code"], out["Message"], out["message_hi"]) == ("NotFoundError", "district not found", "जिला नहीं मिला")


def test_departments_have_hindi_and_english_names(app_client: Any) -> None:
    body = _json(app_client.http.get("/v1/directory/departments"))
    revenue = next(d for d in body if d["code"] == "REVENUE")
    assert revenue["name_hi"].startswith("राजस्व") and "Revenue" in revenue["name_en"]
    assert len(body) >= 10


def test_dev_phone_shows_an_sms_sent_to_that_number_only(app_client: Any, clock: Any, mobile: str) -> None:
    assert app_client.http.get("/dev/phone?to=%2B919000000000").status_code == 200
    app_client.http.post("/v1/otp", body=json.dumps({"mobile": mobile}), headers={"Content-Type": "application/json"})
    msgs = _json(app_client.http.get(f"/dev/phone?to={mobile.replace('+', '%2B')}"))["messages"]
    assert len(msgs) == 1 and msgs[0]["kind"] == "sms" and msgs[0]["to"] == mobile
    assert msgs[0]["at"] == "2026-11-23T05:00:00+00:00" and "OTP" in msgs[0]["text"]


def test_dev_phone_filters_by_number_before_it_limits(app_client: Any, clock: Any) -> None:
    from chalicelib.bootstrap import get_phone_log

    log = get_phone_log()
    for i in range(3):
        log.record("+919000000111", "sms", f"mine {i}")
        for j in range(4):
            log.record("+919000000222", "sms", f"other {i}.{j}")
    assert [m["text"] for m in log.messages(to="+919000000111", limit=2)] == ["mine 2", "mine 1"]
    assert len(log.messages(limit=5)) == 5


def test_dev_clock_tells_the_system_time_and_day_length(app_client: Any, clock: Any) -> None:
    out = _json(app_client.http.get("/dev/clock"))
    assert out["now"] == "2026-11-23T05:00:00+00:00" and out["day_seconds"] > 0
    clock.advance(days=2)
    assert _json(app_client.http.get("/dev/clock"))["now"] == "2026-11-25T05:00:00+00:00"


def test_dev_phone_is_absent_from_a_deployed_stage() -> None:
    """The route is registered only when STAGE=local; a fresh interpreter as a deployed
    Lambda imports the app (STAGE=prod) and has no /dev route."""
    import subprocess
    import sys

    code = "import app; print(sorted(p for p in app.app.routes if p.startswith('/dev')))"
    env = {**__import__("os").environ, "STAGE": "prod"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
