"""Cold start: `import app` as a deployed Lambda does, against importing its dependencies alone.

"Its dependencies" are exactly the third-party modules `import app` loads (read from a fresh
process's sys.modules, in load order): what is left over is the app's own import cost. Each
measurement is a fresh interpreter, app and dependencies alternating, median of `--runs`.

Both sides read compiled bytecode: before measuring, `compileall` compiles the app's own code
(app.py, chalicelib/) and the files of every dependency it loads, and the timed processes run
with PYTHONDONTWRITEBYTECODE=1, so no run writes any. Otherwise the venv's packages (which
pip compiled when installing) would be read as bytecode while our own modules would be parsed
and compiled from source in every run, charging the app for compiling, not importing. (A
Lambda package read-only at /var/task keeps whatever bytecode it was built with, for both
sides alike: comparing the two from bytecode compares what they import.)

    python -m bench.coldstart [--runs 15]

Prints both medians and the ratio (goal: at most 1.10).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL = 1.10

_LIST_DEPENDENCIES = """
import json, sys, sysconfig
before = set(sys.modules)
import app
site = sysconfig.get_paths()["purelib"]
third = {n: m.__file__ for n, m in sys.modules.items()
         if n not in before and (getattr(m, "__file__", None) or "").startswith(site)}
print(json.dumps(third))
"""

_TIME_APP = """
import time
t = time.perf_counter()
import app
print(time.perf_counter() - t)
"""

_TIME_MODULES = """
import importlib, json, sys, time
names = json.loads(sys.stdin.read())
t = time.perf_counter()
for name in names:
    try:
        importlib.import_module(name)
    except Exception:
        pass
print(time.perf_counter() - t)
"""


def deployed_environment() -> dict[str, str]:
    """A deployed stage's environment (the settings are read at import, never an AWS call)."""
    sys.path.insert(0, str(ROOT))
    from tests.deployed_env import deployed_env

    keep = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "STAGE"))}
    return {
        **keep,
        **deployed_env(),
        "AWS_XRAY_SDK_ENABLED": "true",
        "AWS_ACCESS_KEY_ID": "x",
        "AWS_SECRET_ACCESS_KEY": "x",
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def _run(code: str, env: dict[str, str], stdin: str = "") -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], input=stdin, env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.strip().splitlines()[-1]


def _compile(dependency_files: list[str]) -> None:
    """Bytecode for both sides: our code, and each dependency's file (pip compiled most already)."""
    compileall.compile_file(ROOT / "app.py", quiet=1)
    compileall.compile_dir(ROOT / "chalicelib", quiet=1)
    for path in dependency_files:
        if path.endswith(".py"):
            compileall.compile_file(path, quiet=1)


def measure(runs: int) -> dict[str, float]:
    env = deployed_environment()
    files = json.loads(_run(_LIST_DEPENDENCIES, env))
    _compile(list(files.values()))
    names = json.dumps(list(files))
    app_times, dep_times, boto_times = [], [], []
    _run(_TIME_APP, env)  # warm the file cache once
    for _ in range(runs):
        app_times.append(float(_run(_TIME_APP, env)))
        dep_times.append(float(_run(_TIME_MODULES, env, names)))
        boto_times.append(float(_run(_TIME_MODULES, env, json.dumps(["boto3"]))))
    tops = sorted({n.split(".")[0] for n in json.loads(names)})
    app_ms, dep_ms = statistics.median(app_times) * 1000, statistics.median(dep_times) * 1000
    print(f"third-party packages `import app` loads: {', '.join(tops)}")
    print(f"import app            median {app_ms:7.1f} ms  ({runs} fresh processes)")
    print(f"its dependencies only median {dep_ms:7.1f} ms")
    print(f"bare `import boto3`   median {statistics.median(boto_times) * 1000:7.1f} ms")
    ratio = app_ms / dep_ms
    print(f"ratio app / dependencies: {ratio:.2f} (goal <= {GOAL:.2f})")
    return {"app_ms": app_ms, "dependencies_ms": dep_ms, "ratio": ratio}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.coldstart", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args(argv)
    if args.runs < 10:
        parser.error("--runs: at least 10")
    sysconfig.get_paths()
    measure(args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
