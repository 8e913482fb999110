"""State machine definitions: load `statemachines/<name>.asl.json`, list and fill its `${…}` placeholders."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

STATEMACHINES = Path(__file__).resolve().parent.parent / "statemachines"
_PLACEHOLDER = re.compile(r"\$\{([A-Za-z0-9_]+)\}")


def load_definition(name: str) -> dict[str, Any]:
    """The parsed ASL of `statemachines/<name>.asl.json`."""
    with open(STATEMACHINES / f"{name}.asl.json", encoding="utf-8") as f:
        defn: dict[str, Any] = json.load(f)
    return defn


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for k, v in node.items() for s in _strings(k) + _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def placeholders(defn: dict[str, Any]) -> set[str]:
    """Every `X` of a `${X}` anywhere in the definition (keys included)."""
    return {m for s in _strings(defn) for m in _PLACEHOLDER.findall(s)}


def substitute(defn: dict[str, Any], values: dict[str, str]) -> dict[str, Any]:
    """A copy of `defn` with each `${X}` replaced by `values[X]`.

    Raises KeyError naming the placeholders that have no value, so a definition can
    never reach AWS half-filled.
    """
    missing = placeholders(defn) - values.keys()
    if missing:
        raise KeyError(f"no value for placeholder(s): {', '.join(sorted(missing))}")

    def fill(node: Any) -> Any:
        if isinstance(node, str):
            return _PLACEHOLDER.sub(lambda m: values[m.group(1)], node)
        if isinstance(node, dict):
            return {fill(k): fill(v) for k, v in node.items()}
        if isinstance(node, list):
            return [fill(v) for v in node]
        return node

    filled: dict[str, Any] = fill(defn)
    return filled
