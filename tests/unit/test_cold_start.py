"""What a cold start loads: `import app`, as a deployed stage's Lambda imports it, registers
every route and handler without loading what only a request uses (`bench/coldstart.py`
measures what it costs). Each check is a fresh interpreter, so it sees the modules that
`import app` loads and nothing a test before it loaded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.deployed_env import deployed_env

ROOT = Path(__file__).resolve().parents[2]

# Each loads on the first request that needs it, never at the cold start.
LAZY = (
    "pydantic",  # the request models validate a request's input, the response models only document
    "chalicelib.domain.schemas",
    "chalicelib.api.responses",
    "jinja2",  # the pages' templates
    "chalicelib.pages.render",
    "rapidfuzz",  # the schemes' search
    "chalicelib.services.scheme_search",
    "phonenumbers",
    "pynamodb",  # the tables
    "chalicelib.adapters.dynamo.models",
    "chalicelib.bootstrap",  # the composition root and every use case behind it
    "chalicelib.services.bundles",
    "chalicelib.services.reactions",
)

_LOADED = "import json, sys\nimport app\nprint(json.dumps(sorted(sys.modules)))"


def loaded_by_import_app(stage: str) -> set[str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "STAGE"))}
    env = {
        **keep,
        **deployed_env(STAGE=stage),
        "AWS_XRAY_SDK_ENABLED": "true" if stage != "local" else "false",
        "AWS_ACCESS_KEY_ID": "x",
        "AWS_SECRET_ACCESS_KEY": "x",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    done = subprocess.run(
        [sys.executable, "-c", _LOADED], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


@pytest.fixture(scope="module")
def deployed() -> set[str]:
    return loaded_by_import_app("prod")


@pytest.mark.parametrize("name", LAZY)
def test_a_deployed_cold_start_does_not_load(deployed: set[str], name: str) -> None:
    assert name not in deployed, f"`import app` loads {name}: import it where a request first needs it"


def test_a_deployed_cold_start_registers_every_family(deployed: set[str]) -> None:
    """The check above sees the app's own import: the route and handler modules are there."""
    assert {"app", "chalicelib.api.citizens", "chalicelib.api.openapi", "chalicelib.events.stream"} <= deployed
    assert "chalicelib.api.dev" not in deployed  # the emulated phone is the local stack's only


def test_the_local_stack_loads_no_more_at_its_start() -> None:
    loaded = loaded_by_import_app("local")
    assert "chalicelib.api.dev" in loaded
    assert sorted(set(LAZY) & loaded) == []
