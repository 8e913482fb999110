"""`make bench`: runs every benchmark, each in its own process (each starts its own moto)."""

from __future__ import annotations

import subprocess
import sys

BENCHES = ("registration", "inbox", "escalation", "dashboard", "sms", "schemes", "whatsapp", "cost")


def main() -> int:
    failed = 0
    for name in BENCHES:
        print(f"\n== bench.{name}", flush=True)
        failed |= subprocess.call([sys.executable, "-m", f"bench.{name}"])
    return failed


if __name__ == "__main__":
    sys.exit(main())
