"""GET /v1/openapi.json: a valid OpenAPI 3.1 document of every API route, made from the same
request models the use cases validate with."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import validate
from pydantic import BaseModel

from chalicelib.api.spec import operation_of
from chalicelib.domain import schemas
from tests.integration.helpers import body

API_MD = Path(__file__).resolve().parents[2] / "docs" / "api.md"


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    from chalice.test import Client

    from app import app

    with Client(app, stage_name="local") as client:
        resp = client.http.get("/v1/openapi.json")  # public: no token
    assert resp.status_code == 200 and resp.headers["Content-Type"] == "application/json"
    return body(resp)  # type: ignore[no-any-return]


def test_the_document_is_valid_openapi_3_1(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.1")
    validate(document)


def test_every_path_of_docs_api_md_is_in_the_document(document: dict[str, Any]) -> None:
    documented = set(re.findall(r"`(GET|POST|PUT|PATCH|DELETE) (/[^ `?]*)", API_MD.read_text(encoding="utf-8")))
    assert len(documented) > 30
    listed = {(m.upper(), p) for p, ops in document["paths"].items() for m in ops}
    assert documented - listed == set()
    assert listed - documented == set()  # and docs/api.md tells of every operation


def test_every_api_route_declares_its_operation() -> None:
    from app import app

    for path, methods in app.routes.items():
        for method, entry in methods.items():
            api = path.startswith(("/v1/", "/dev/", "/o/"))
            assert (operation_of(entry.view_function) is not None) == api, (method, path)


def test_request_bodies_and_query_parameters_are_the_models_the_use_cases_validate_with(
    document: dict[str, Any],
) -> None:
    components = document["components"]["schemas"]
    ops = {(m.upper(), p): op for p, methods in document["paths"].items() for m, op in methods.items()}

    def body_schema(method: str, path: str) -> dict[str, Any]:
        ref = ops[(method, path)]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        return components[ref.rsplit("/", 1)[1]]  # type: ignore[no-any-return]

    models: dict[tuple[str, str], type[BaseModel]] = {
        ("POST", "/v1/complaints"): schemas.FilingBody,
        ("POST", "/v1/complaints/{reference}/actions"): schemas.ActionBody,
        ("POST", "/v1/calls"): schemas.CallBody,
        ("POST", "/v1/otp"): schemas.OtpRequest,
        ("PUT", "/v1/admin/calendar/{year}"): schemas.CalendarYear,
    }
    for (method, path), model in models.items():
        got = body_schema(method, path)
        assert got["additionalProperties"] is False and got["properties"].keys() == model.model_fields.keys()
    action = body_schema("POST", "/v1/complaints/{reference}/actions")["properties"]
    letter_no = {"type": "string", "minLength": 1, "maxLength": 100, "pattern": schemas.SINGLE_LINE}
    assert action["letter_no"]["anyOf"][0] == letter_no
    assert action["letter_date"]["anyOf"][0]["format"] == "date"
    inbox = {p["name"]: p for p in ops[("GET", "/v1/officer/inbox")]["parameters"]}
    assert inbox.keys() == {"cursor"} and inbox["cursor"]["schema"]["maxLength"] == 4000
    dashboard = {p["name"] for p in ops[("GET", "/v1/monitoring/district/{code}")]["parameters"]}
    assert dashboard == {"code", *schemas.DashboardQuery.model_fields}


def test_every_error_answer_has_the_error_body_schema(document: dict[str, Any]) -> None:
    error = document["components"]["schemas"]["ErrorBody"]
    assert {"Code", "Message", "message_hi"} <= set(error["required"])
    for path, methods in document["paths"].items():
        for method, op in methods.items():
            for status, answer in op["responses"].items():
                if int(status) >= 400 and "application/json" in answer.get("content", {}):
                    ref = answer["content"]["application/json"]["schema"]["$ref"]
                    assert ref.endswith("/GatewayError" if status == "415" else "/ErrorBody"), (method, path, status)
            if op.get("security"):
                assert "401" in op["responses"], (method, path)
