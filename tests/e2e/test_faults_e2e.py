"""Nothing lost, nothing doubled, with 20 % of every AWS call failing: `python -m bench.faults`
at a hundred complaints, in a process of its own with a stack of its own (the faults would
disturb the shared stack, and the bench points its process at its stack's moto)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e]
COMPLAINTS = 100
ROOT = Path(__file__).resolve().parents[2]


def test_a_hundred_complaints_under_faults_are_each_filed_and_told_once() -> None:
    args = ["--complaints", str(COMPLAINTS), "--rate", "0.2", "--workers", "3", "--seed", "7"]
    done = subprocess.run(
        [sys.executable, "-m", "bench.faults", *args], cwd=ROOT, capture_output=True, text=True, timeout=1800
    )
    out = done.stdout
    last = re.search(r"faults: (\d+) complaints, (\d+) faults injected, lost (\d+), doubled (\d+), dlq (\d+)", out)
    filed = re.search(r"filed: accepted (\d+), refused (\d+), client retries (\d+), resolved (\d+)", out)
    assert last and filed, out + done.stderr[-3000:]
    complaints, injected, lost, doubled, _ = map(int, last.groups())
    accepted, _, _, resolved = map(int, filed.groups())
    assert (lost, doubled) == (0, 0), out
    assert done.returncode == 0, out
    assert complaints == COMPLAINTS and injected > COMPLAINTS, out  # the faults really happened, many per complaint
    assert accepted >= 0.9 * COMPLAINTS, out  # the clients' retries got nearly all through
    assert resolved > 0, out
