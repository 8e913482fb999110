"""The local stack, started exactly as `make run` starts it, for tests over HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest

from devstack.launch import Stack, start_stack, stop_stack

IST = timezone(timedelta(hours=5, minutes=30))


def working_morning() -> str:
    """Today's 11:00 in Madhya Pradesh: the call centre is open (whatever the hour the suite runs
    at), and the stack's clock stays within a day of the real one, which moto's Cognito tokens use."""
    return datetime.now(IST).replace(hour=11, minute=0, second=0, microsecond=0).isoformat()


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    s = start_stack(tmp_path_factory.mktemp("stack"), clock_start=working_morning())
    yield s
    stop_stack(s)


@pytest.fixture(scope="module")
def fast_stack(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack whose day lasts a few seconds (the module's DAY_SECONDS, default 2), for as long
    as the module needs it: an idle fast stack still fires every daily job each few seconds,
    and would take a core from the tests after it."""
    day_seconds = str(getattr(request.module, "DAY_SECONDS", 2))
    s = start_stack(tmp_path_factory.mktemp("fast"), day_seconds=day_seconds)
    yield s
    stop_stack(s)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests that wait on a fast stack's clock start first: under pytest-xdist the other
    worker works meanwhile (the whole suite lasts as long as its longest worker)."""
    items.sort(key=lambda item: "fast_stack" not in getattr(item, "fixturenames", ()))
