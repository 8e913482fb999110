"""Resolve the CloudFormation intrinsics our templates use (Ref, GetAtt, Sub, Join) against live ids."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

# (logical id, attribute or None for Ref) -> physical value
Lookup = Callable[[str, "str | None"], str]
_SUB = re.compile(r"\$\{([A-Za-z0-9_:.]+)\}")


def resolve(node: Any, lookup: Lookup, pseudo: dict[str, str]) -> Any:
    """A copy of `node` with every intrinsic replaced by its value.

    `pseudo` holds `AWS::Region`, `AWS::AccountId`, ...; `lookup` creates or finds
    the referenced resource, so resolving also orders creation by dependency.
    """
    if isinstance(node, list):
        return [resolve(v, lookup, pseudo) for v in node]
    if not isinstance(node, dict):
        return node
    if len(node) == 1:
        ((key, arg),) = node.items()
        if key == "Ref":
            return pseudo[arg] if arg in pseudo else lookup(arg, None)
        if key == "Fn::GetAtt":
            lid, attr = arg if isinstance(arg, list) else arg.split(".", 1)
            return lookup(lid, attr)
        if key == "Fn::Sub":
            return _sub(arg, lookup, pseudo)
        if key == "Fn::Join":
            sep, parts = arg
            return sep.join(resolve(parts, lookup, pseudo))
    return {k: resolve(v, lookup, pseudo) for k, v in node.items()}


def _sub(arg: Any, lookup: Lookup, pseudo: dict[str, str]) -> str:
    text, local = (arg, {}) if isinstance(arg, str) else arg
    values = {k: resolve(v, lookup, pseudo) for k, v in local.items()}

    def one(match: re.Match[str]) -> str:
        name = match[1]
        if name in values:
            return str(values[name])
        if name in pseudo:
            return pseudo[name]
        lid, _, attr = name.partition(".")
        return lookup(lid, attr or None)

    return _SUB.sub(one, text)
