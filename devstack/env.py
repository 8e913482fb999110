"""The environment of the local stack, set before the app is imported."""

from __future__ import annotations

import os
import time


def local_env(moto_port: int, day_seconds: str | None = None) -> dict[str, str]:
    return {
        "TZ": "UTC",  # moto compares Wait timestamps with the machine's local time
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "ap-south-1",
        "AWS_REGION": "ap-south-1",
        "AWS_ENDPOINT_URL": f"http://127.0.0.1:{moto_port}",
        "MOTO_PORT": str(moto_port),
        "STAGE": "local",
        "AWS_XRAY_SDK_ENABLED": "false",
        "VOICE_BACKEND": "local",
        "DAY_SECONDS": day_seconds or os.environ.get("DAY_SECONDS", "86400"),
        "CLOCK_EPOCH": os.environ.get("CLOCK_EPOCH", f"{time.time():.3f}"),
    }


def apply(env: dict[str, str]) -> None:
    os.environ.update(env)
    time.tzset()
