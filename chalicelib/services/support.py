"""Where an officer gets help (R-SUPPORT): the District Public Service Manager of their district,
the holder of the district nodal post now (regular or additional charge). The manual's pages
show it for a district chosen, the officer's desk for the districts of the posts held."""

from __future__ import annotations

from chalicelib.domain.directory import nodal_post
from chalicelib.services.ports import Directory


def districts_of(directory: Directory, officer_id: str) -> list[str]:
    """The districts of the posts the officer holds now, each once, sorted (none for state posts)."""
    found = {post.district for post in (directory.post(p) for p in directory.posts_held(officer_id)) if post}
    return sorted(d for d in found if d)


def dpsm(directory: Directory, district: str) -> list[dict[str, str]]:
    """Who holds the district nodal post now: their name, designation, mobile and e-mail."""
    out = []
    for posting in directory.current_holders(nodal_post(district)):
        o = directory.officer(posting.officer_id)
        if o is not None:
            out.append({"name": o.name, "designation": o.designation, "mobile": o.mobile, "email": o.email or ""})
    return out
