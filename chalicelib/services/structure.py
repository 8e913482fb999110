"""Loads Madhya Pradesh's administrative structure and its standard posts (idempotent)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from typing import Any

from chalicelib.domain.directory import (
    ADMIN_POST,
    STATE,
    STATE_DESK_POST,
    Place,
    Post,
    collector_post,
    commissioner_post,
    nodal_post,
    post_id,
    secretary_post,
    state_nodal_post,
)
from chalicelib.services.ports import Directory


def mp_data() -> dict[str, Any]:
    text = resources.files("chalicelib.data").joinpath("mp.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def _places(rows: list[dict[str, str]], parent: str | None = None) -> list[Place]:
    return [Place(r["code"], r["name_hi"], r["name_en"], r.get(parent) if parent else None) for r in rows]


def standard_posts(data: dict[str, Any]) -> Iterator[Post]:
    """Every post of the chains: L1 per department x block, L2 per department x district,
    L3 per department x division, L4 per department; Collector, Divisional Commissioner,
    district nodal officer, and the State government's corruption desk. Beside the chains, per
    department its state nodal officer and its Secretary / PS / ACS (the fifth monitoring
    tier), and the State Public Service Agency's administrator."""
    special = data["special_posts"]
    for dept in data["departments"]:
        code, titles = dept["code"], dept["posts"]

        def make(
            role: str,
            place: str,
            district: str | None,
            where: str,
            code: str = code,
            titles: dict[str, dict[str, str]] = titles,
        ) -> Post:
            t = titles[role]
            return Post(
                post_id(code, role, place),
                code,
                role,
                place,
                district,
                f"{t['hi']}, {where}",
                f"{t['en']}, {place.title()}",
            )

        for district, blocks in data["blocks"].items():
            for b in blocks:
                yield make("L1", b["code"], district, b["name_hi"])
        for d in data["districts"]:
            yield make("L2", d["code"], d["code"], d["name_hi"])
        for v in data["divisions"]:
            yield make("L3", v["code"], None, v["name_hi"])
        yield make("L4", STATE, None, "मध्यप्रदेश")
        for pid, key in ((state_nodal_post(code), "STATE_NODAL"), (secretary_post(code), "SECRETARY")):
            yield Post(
                pid,
                code,
                pid.split(":")[1],
                STATE,
                None,
                f"{special[key]['hi']}, {dept['name_hi']}",
                f"{special[key]['en']}, {dept['name_en']}",
            )
    for d in data["districts"]:
        for pid, key in ((collector_post(d["code"]), "COLLECTOR"), (nodal_post(d["code"]), "NODAL")):
            role = pid.split(":")[1]
            yield Post(
                pid,
                key,
                role,
                d["code"],
                d["code"],
                f"{special[key]['hi']}, {d['name_hi']}",
                f"{special[key]['en']}, {d['name_en']}",
            )
    for v in data["divisions"]:
        yield Post(
            commissioner_post(v["code"]),
            "COMMISSIONER",
            "L3",
            v["code"],
            None,
            f"{special['COMMISSIONER']['hi']}, {v['name_hi']}",
            f"{special['COMMISSIONER']['en']}, {v['name_en']}",
        )
    desk = special["STATE_DESK"]
    yield Post(STATE_DESK_POST, "STATE_DESK", "L4", STATE, None, desk["hi"], desk["en"])
    admin = special["ADMIN"]
    yield Post(ADMIN_POST, "SPSA", "ADMIN", STATE, None, admin["hi"], admin["en"])


def load_structure(directory: Directory, data: dict[str, Any] | None = None) -> int:
    """Writes divisions, districts, departments, blocks and standard posts; returns the
    number of posts. Puts overwrite, so loading twice changes nothing."""
    data = data or mp_data()
    directory.put_places("DIVISION", _places(data["divisions"]))
    directory.put_places("DISTRICT", _places(data["districts"], parent="division"))
    directory.put_places("DEPARTMENT", _places(data["departments"]))
    for district, blocks in data["blocks"].items():
        directory.put_blocks(district, _places(blocks))
    posts = list(standard_posts(data))
    directory.put_posts(posts)
    return len(posts)
