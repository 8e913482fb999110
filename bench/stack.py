"""A moto server with every resource provisioned, for benchmarks (as the tests' fixture)."""

from __future__ import annotations

import contextlib
import os
import socket
import time
from collections.abc import Iterator


@contextlib.contextmanager
def moto_stack(load_structure: bool = True) -> Iterator[dict[str, str]]:
    from devstack import env

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = int(sock.getsockname()[1])
    env.apply({**env.local_env(port), "CLOCK_EPOCH": f"{time.time():.3f}"})
    from devstack.embedded import start_moto

    server = start_moto(port)
    try:
        from infra.local import provision

        outputs = provision()
        os.environ.update(outputs)
        from chalicelib import bootstrap

        bootstrap.reset()
        if load_structure:
            from chalicelib.services.structure import load_structure as load

            load(bootstrap.get_directory())
        yield outputs
    finally:
        server.stop()
