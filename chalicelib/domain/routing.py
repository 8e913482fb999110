"""Routing (R-LEVELS, R-CORRUPTION, R-MAPPING): a filing's chain of four posts.

General chain: L1 block officer of the department, L2 district office head, L3
divisional officer, L4 Head of Department. Corruption below the district office head:
L1 district office head, L2 Collector, L3 Divisional Commissioner, L4 HoD. Corruption
against the district office head or above goes straight to the State government.
A post that is not mapped never loses the complaint: the district nodal officer's
post stands in for it, visibly.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from chalicelib.domain.directory import (
    STATE,
    STATE_DESK_POST,
    collector_post,
    commissioner_post,
    nodal_post,
    post_id,
)

GENERAL, CORRUPTION, STATE_DESK = "general", "corruption", "state_desk"


@dataclass(frozen=True)
class Route:
    kind: str
    chain: tuple[str, ...]
    unmapped: tuple[str, ...] = ()

    @property
    def first_post(self) -> str:
        return self.chain[0]


def chain_for(
    category: str, department: str, district: str, division: str, block: str, accused_level: str | None = None
) -> Route:
    if category == "corruption":
        if accused_level == "district_head_or_above":
            return Route(STATE_DESK, (STATE_DESK_POST,))
        return Route(
            CORRUPTION,
            (
                post_id(department, "L2", district),
                collector_post(district),
                commissioner_post(division),
                post_id(department, "L4", STATE),
            ),
        )
    return Route(
        GENERAL,
        (
            post_id(department, "L1", block),
            post_id(department, "L2", district),
            post_id(department, "L3", division),
            post_id(department, "L4", STATE),
        ),
    )


def with_mapping(route: Route, district: str, mapped: Collection[str]) -> Route:
    """Replaces every post missing from the directory with the district nodal post."""
    missing = tuple(p for p in route.chain if p not in mapped)
    if not missing:
        return route
    nodal = nodal_post(district)
    return Route(route.kind, tuple(nodal if p in missing else p for p in route.chain), missing)
