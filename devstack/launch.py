"""The local stack started as `make run` starts it, in its own process, for the e2e tests
and the benchmarks that drive it over HTTP."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from devstack.month import Api

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
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


def start_stack(
    tmp: Path, day_seconds: str = "86400", public_base_url: str | None = None, clock_start: str | None = None
) -> Stack:
    port, moto_port = free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_ENDPOINT_URL") and k != "MOTO_PORT"}
    # The links in SMS point at the stack itself, unless a benchmark measures them at a deployment's length.
    env.update({"DAY_SECONDS": day_seconds, "PUBLIC_BASE_URL": public_base_url or f"http://127.0.0.1:{port}"})
    if clock_start:  # the stack's clock starts at this instant (ISO 8601 with its offset)
        env["CLOCK_START"] = clock_start
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
    """Ctrl-C, as a person would, and again if it has not stopped half a minute later; then it
    is killed, and waited for, so its exit status is known."""
    for attempt, wait in ((signal.SIGINT, 30), (signal.SIGINT, 30), (signal.SIGKILL, 10)):
        if stack.proc.poll() is not None:
            return
        os.killpg(stack.proc.pid, attempt)
        try:
            stack.proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
