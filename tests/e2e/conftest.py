"""The local stack, started exactly as `make run` starts it, for tests over HTTP."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devstack.month import Api

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Stack:
    def __init__(self, base: str, proc: subprocess.Popen[bytes], log: Path, moto: str = "") -> None:
        self.base = base
        self.proc = proc
        self.log = log
        self.moto = moto  # the embedded AWS's endpoint, for tests that read what the stack stored
        self.api = Api(base)

    def call(
        self, method: str, path: str, data: Any = None, token: str | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, Any]:
        return self.api.call(method, path, data, token, headers)

    def phone(self, to: str) -> list[dict[str, Any]]:
        return self.call("GET", "/dev/phone?to=" + to.replace("+", "%2B"))[1]["messages"]  # type: ignore[no-any-return]

    def wait_for(self, predicate: Any, timeout: float = 60.0, every: float = 0.5, why: Any = None) -> Any:
        """Polls the running system (it works in real time; the test cannot move its clock).
        `why()`, if given, says what was still wrong when time ran out."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(every)
        detail = f": {why()}" if why else ""
        raise AssertionError(f"condition not met in {timeout}s{detail}; stack log: {self.log}")


def start_stack(tmp: Path, day_seconds: str = "86400") -> Stack:
    port, moto_port = _free_port(), _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_ENDPOINT_URL") and k != "MOTO_PORT"}
    env.update({"DAY_SECONDS": day_seconds, "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}"})
    log = tmp / f"stack-{port}.log"
    proc = subprocess.Popen(
        [sys.executable, "-m", "devstack.run", "--port", str(port), "--moto-port", str(moto_port)],
        cwd=ROOT,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    stack = Stack(f"http://127.0.0.1:{port}", proc, log, f"http://127.0.0.1:{moto_port}")
    deadline = time.time() + 180
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"local stack exited: {log.read_text()[-3000:]}")
        try:
            if stack.call("GET", "/v1/health")[0] == 200:
                return stack
        except OSError:
            pass
        time.sleep(0.5)
    stop_stack(stack)
    raise RuntimeError("local stack did not start in 180 s")


def stop_stack(stack: Stack) -> None:
    """Ctrl-C, as a person would."""
    if stack.proc.poll() is None:
        os.killpg(stack.proc.pid, signal.SIGINT)
        try:
            stack.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(stack.proc.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    s = start_stack(tmp_path_factory.mktemp("stack"))
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
