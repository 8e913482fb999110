"""The layering, read from the source: the domain imports nothing above it; the use cases
know ports, never adapters, AWS or the composition root; pages and events never the API;
the key layout of the aggregates lives in their adapter only; every handler gets a typed
bundle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "chalicelib"


def modules(package: str) -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / package).rglob("*.py"))


SERVICES = modules("services")
DOMAIN = modules("domain")
DRIVERS = modules("pages") + modules("events")
BUNDLES = {
    "Desk",
    "Access",
    "OfficerLinks",
    "Reactor",
    "Notifier",
    "Callbacks",
    "Reports",
    "ReportSchedules",
    "Aggregator",
    "SignIn",
    "Exclusions",
    "Chat",
    "SchemeDesk",
    "Postings",
}
FORBIDDEN = ("chalicelib.adapters", "chalicelib.bootstrap", "chalicelib.api", "boto3", "botocore", "pynamodb", "moto")
ABOVE_DOMAIN = (
    "chalicelib.services",
    "chalicelib.pages",
    "chalicelib.api",
    "chalicelib.events",
    "chalicelib.adapters",
    "chalicelib.bootstrap",
    "chalicelib.settings",
    "boto3",
    "pynamodb",
)


def tree(relative: str) -> ast.Module:
    return ast.parse((ROOT / relative).read_text(encoding="utf-8"))


def imported(module: ast.Module) -> set[str]:
    """Every module imported anywhere in the file (inside functions too), `from x import y` as x and x.y."""
    out: set[str] = set()
    for node in ast.walk(module):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
    return out


def _is(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


@pytest.mark.parametrize("relative", SERVICES)
def test_services_import_no_adapter_no_aws_no_bootstrap_and_no_api(relative: str) -> None:
    bad = sorted(m for m in imported(tree(relative)) if any(_is(m, f) for f in FORBIDDEN))
    assert bad == []


@pytest.mark.parametrize("relative", DOMAIN)
def test_the_domain_imports_nothing_above_it(relative: str) -> None:
    bad = sorted(m for m in imported(tree(relative)) if any(_is(m, f) for f in ABOVE_DOMAIN))
    assert bad == []


@pytest.mark.parametrize("relative", DRIVERS)
def test_pages_and_events_import_nothing_from_the_api(relative: str) -> None:
    assert not [m for m in imported(tree(relative)) if _is(m, "chalicelib.api")]


def test_the_lists_are_not_empty() -> None:
    assert len(SERVICES) > 15 and len(DOMAIN) > 10 and len(DRIVERS) > 10


@pytest.mark.parametrize("relative", modules(""))
def test_no_namespace_bundles_and_every_deps_parameter_is_typed_with_a_bundle(relative: str) -> None:
    module = tree(relative)
    assert "SimpleNamespace" not in ast.unparse(module)
    for node in ast.walk(module):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for arg in node.args.args + node.args.kwonlyargs:
                if arg.arg == "deps":
                    assert arg.annotation is not None and ast.unparse(arg.annotation) in BUNDLES, (
                        f"{relative}:{node.lineno} {node.name}(deps: {ast.unparse(arg.annotation or ast.Name('?'))})"
                    )


def test_the_aggregates_key_layout_is_known_to_their_adapter_only() -> None:
    holders = sorted(str(p.relative_to(ROOT)) for p in ROOT.rglob("*.py") if "AGG#" in p.read_text(encoding="utf-8"))
    assert holders == ["adapters/dynamo/aggregates_repo.py"]


def test_the_monitoring_adapter_is_given_its_client() -> None:
    assert not [m for m in imported(tree("adapters/dynamo/monitoring_repo.py")) if _is(m, "chalicelib.bootstrap")]
