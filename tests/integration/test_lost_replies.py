"""A write DynamoDB applied whose reply was lost: botocore sends it again, its condition
refuses it, and the system must know the write for its own — not file the complaint twice,
not call an officer's action a conflict, not leave a notification claimed by nobody."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from chalicelib import faults
from chalicelib.domain.complaint import RESOLVED
from chalicelib.domain.history import RESOLVED as RESOLVED_EVENT
from chalicelib.domain.history import Entry
from tests.integration.helpers import body, citizen_token, post
from tests.integration.test_store_contracts import complaint, first

FORM = {
    "category": "complaint",
    "department": "REVENUE",
    "district": "SEHORE",
    "block": "SEHORE-BUDHNI",
    "name": "रामप्रसाद",
    "subject": "नामांतरण लंबित",
    "description": "फौती नामांतरण का आवेदन तहसील में लंबित है।",
}


def _fresh_clients() -> None:
    """Clients made from here on carry (or lose) the injector's hook."""
    from pynamodb.models import Model

    from chalicelib import bootstrap
    from chalicelib.adapters.dynamo import models

    bootstrap.reset()
    models._connection.cache_clear()
    todo = [Model]
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if "_connection" in vars(cls):
            cls._connection = None


@pytest.fixture
def injector(aws: dict[str, str]) -> Iterator[faults.Injector]:
    made = faults.install()
    _fresh_clients()
    yield made
    faults.uninstall()
    _fresh_clients()


def test_a_filing_whose_reply_was_lost_is_filed_once(injector: faults.Injector, app_client: Any, mobile: str) -> None:
    from chalicelib.bootstrap import get_complaints

    token = citizen_token(app_client, mobile)
    injector.once("dynamodb", "TransactWriteItems", "lost_reply")
    resp = post(app_client, "/v1/complaints", FORM, token)
    assert resp.status_code == 201, resp.body
    assert injector.status()["by_kind"]["lost_reply"] == 1
    ref = body(resp)["reference"]
    assert get_complaints().by_mobile(mobile) == [ref]
    assert [e.version for e in get_complaints().history(ref)] == [1]


def test_an_update_whose_reply_was_lost_is_applied_once(injector: faults.Injector) -> None:
    from chalicelib.bootstrap import get_complaints

    store = get_complaints()
    c = complaint()
    store.create(c, first(c), None)
    after = replace(c, version=2, status=RESOLVED)
    entry = Entry(2, c.registered_at, RESOLVED_EVENT, 1, c.post_id, c.assignment_id, "link:x", {"remarks": "r"})
    injector.once("dynamodb", "TransactWriteItems", "lost_reply")
    store.update(c, after, entry)  # no VersionConflict: the refused retry was our own write
    assert store.get(c.reference) == after
    assert [e.version for e in store.history(c.reference)] == [1, 2]


def test_another_write_at_the_same_version_is_still_a_conflict(injector: faults.Injector) -> None:
    from chalicelib.bootstrap import get_complaints
    from chalicelib.domain.errors import VersionConflict

    store = get_complaints()
    c = complaint()
    store.create(c, first(c), None)
    entry = Entry(2, c.registered_at, RESOLVED_EVENT, 1, c.post_id, c.assignment_id, "link:x", {"remarks": "r"})
    store.update(c, replace(c, version=2, status=RESOLVED), entry)
    with pytest.raises(VersionConflict):
        store.update(c, replace(c, version=2, subject="दूसरा"), replace(entry, actor="link:y"))


def test_a_claim_whose_reply_was_lost_is_held_by_its_attempt(injector: faults.Injector) -> None:
    from chalicelib.adapters.dynamo.ledger_repo import DynamoLedger

    ledger, now = DynamoLedger(), datetime.now(UTC)
    job = f"job-{now.timestamp()}"
    injector.once("dynamodb", "UpdateItem", "lost_reply")
    claim = ledger.claim(job, "+919876500001", "sms", now)
    assert claim.status == "won"  # not "leased" to itself until the lease runs out
    ledger.finish(job, "+919876500001", "sms", now, "m-1")
    assert ledger.claim(job, "+919876500001", "sms", now).status == "sent"
    assert [a["attempts"] for a in ledger.attempts(job)] == [1]


def test_the_emulated_phone_never_meets_a_fault(injector: faults.Injector) -> None:
    from chalicelib.bootstrap import get_phone_log

    injector.set_rates({"dynamodb": 1.0})
    get_phone_log().record("+919876500002", "sms", "नमस्ते")
    assert [m["text"] for m in get_phone_log().messages(to="+919876500002")] == ["नमस्ते"]
    injector.set_rates({"dynamodb": 0.0})


def test_faults_are_refused_outside_the_local_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    import chalicelib.settings

    monkeypatch.setattr(chalicelib.settings, "get_settings", lambda: SimpleNamespace(stage="prod"))
    with pytest.raises(RuntimeError, match="local"):
        faults.install()
    assert faults.current() is None


def test_dev_faults_sets_rates_and_counts(injector: faults.Injector, app_client: Any) -> None:
    from tests.integration.helpers import get

    resp = app_client.http.put(
        "/dev/faults", body=b'{"rates": {"sns": 0.5}}', headers={"Content-Type": "application/json"}
    )
    assert resp.status_code == 200, resp.body
    assert body(resp)["rates"]["sns"] == 0.5 and injector.rates["sns"] == 0.5
    bad = app_client.http.put("/dev/faults", body=b'{"rates": {"s3": 2}}', headers={"Content-Type": "application/json"})
    assert bad.status_code == 400 and body(bad)["message_hi"]
    assert body(get(app_client, "/dev/faults"))["injected"] == 0


def test_dev_faults_without_an_injector_says_so(app_client: Any) -> None:
    from tests.integration.helpers import get

    resp = get(app_client, "/dev/faults")
    assert resp.status_code == 409 and "FAULTS" in body(resp)["Message"] and body(resp)["message_hi"]
