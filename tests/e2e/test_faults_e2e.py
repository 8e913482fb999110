"""Nothing lost, nothing doubled, with 20 % of every AWS call failing: `bench.faults` at a
hundred complaints, on a stack of its own (the faults would disturb the shared one)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator

import pytest

from bench import faults as bench
from devstack.launch import Stack, start_stack, stop_stack

pytestmark = [pytest.mark.e2e]
COMPLAINTS = 100


@pytest.fixture(scope="module")
def faulty_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    s = start_stack(tmp_path_factory.mktemp("faults"), day_seconds="120")
    yield s
    stop_stack(s)


def test_a_hundred_complaints_under_faults_are_each_filed_and_told_once(faulty_stack: Stack) -> None:
    args = argparse.Namespace(complaints=COMPLAINTS, rate=0.2, workers=3, resolve=0.3, seed=7)
    summary = bench.exercise(faulty_stack, args)
    run = summary["run"]
    assert summary["injected"] > COMPLAINTS  # the faults really happened, many per complaint
    assert summary["lost"] == [] and summary["doubled"] == []
    assert len(run.accepted) >= 0.9 * COMPLAINTS, run.refused  # the clients' retries got nearly all through
    assert run.resolved > 0
