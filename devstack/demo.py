"""Demo data for the local stack: an officer (and a login) for every post of the demo
districts, call-centre, nodal, admin and monitoring users; each department's state nodal
officer (`revenue.nodal.state`: its divisional and state posts, its schemes) and Secretary
(`revenue.secretary.state`), and the State Public Service Agency's administrator post
(`spsa.admin.state`) besides the `admin` login; and the demo schemes. A login's groups follow
its posts (`domain.postings.groups_for`). Loading twice changes nothing."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from chalicelib.domain.directory import STATE, Officer, Post, Posting
from chalicelib.domain.postings import groups_for
from chalicelib.services.bundles import SchemeDesk
from chalicelib.services.ports import Directory
from chalicelib.services.structure import load_structure, mp_data, standard_posts

PASSWORD = "Demo@181local"
_FIRST = [
    "राजेश",
    "सुनीता",
    "अमित",
    "प्रिया",
    "विनोद",
    "कविता",
    "संजय",
    "अनीता",
    "मनोज",
    "रीना",
    "आलोक",
    "नेहा",
    "प्रदीप",
    "पूजा",
    "राकेश",
    "सीमा",
]
_LAST = ["शर्मा", "वर्मा", "पटेल", "सिंह", "यादव", "तिवारी", "मिश्रा", "चौहान", "जैन", "ठाकुर", "गुप्ता"]
STAFF = [  # username, group, Hindi name
    ("cce1", "cce", "कॉल सेंटर कार्यपालक 1"),
    ("cce2", "cce", "कॉल सेंटर कार्यपालक 2"),
    ("admin", "admin", "राज्य प्रशासक"),
]


def username(post_id: str) -> str:
    return post_id.lower().replace(":", ".").replace("_", "-")


def demo_posts(data: dict[str, Any]) -> list[Post]:
    """Every post touching a demo district (one with blocks): its L1-L4 chain, the
    corruption chain, the nodal officer and the State desk."""
    districts = set(data["blocks"])
    divisions = {d["division"] for d in data["districts"] if d["code"] in districts}
    out = []
    for p in standard_posts(data):
        if p.district in districts or (p.district is None and (p.place in divisions or p.place == "STATE")):
            out.append(p)
    # Posts beside the chains last, so that the chains' officers keep their demo mobiles.
    return sorted(out, key=lambda p: p.place == STATE and p.role in ("NODAL", "SECRETARY", "ADMIN"))


def _officer(i: int, post: Post) -> Officer:
    name = f"{_FIRST[i % len(_FIRST)]} {_LAST[(i // len(_FIRST)) % len(_LAST)]}"
    return Officer(
        username(post.post_id),
        name,
        post.title_hi,
        f"+9170{i:08d}",
        f"{username(post.post_id)}@demo.mp.gov.in",
        username(post.post_id),
    )


def load_demo(directory: Directory, cognito: Any, pool_id: str, schemes: SchemeDesk | None = None) -> dict[str, int]:
    data = mp_data()
    posts = load_structure(directory, data)
    chosen = demo_posts(data)
    officers = [_officer(i + 1, p) for i, p in enumerate(chosen)]
    directory.put_officers(officers)
    start = datetime(2026, 1, 1, tzinfo=UTC).isoformat()
    # Same officer, post and start date: the same key, so a second load overwrites
    # the posting with itself.
    pairs = list(zip(chosen, officers, strict=True))
    directory.put_postings([Posting(p.post_id, o.officer_id, "regular", start) for p, o in pairs])
    users = [(o.officer_id, sorted(groups_for([p.post_id]))) for p, o in pairs]
    users += [(u, [g]) for u, g, _ in STAFF]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda ug: _ensure_user(cognito, pool_id, *ug), users))
    out = {"posts": posts, "officers": len(officers), "logins": len(users)}
    if schemes is not None:
        from devstack.schemes import load_schemes

        out["schemes"] = load_schemes(schemes)
    return out


def _ensure_user(cognito: Any, pool_id: str, user: str, groups: list[str]) -> None:
    try:
        cognito.admin_create_user(
            UserPoolId=pool_id, Username=user, MessageAction="SUPPRESS", TemporaryPassword=PASSWORD
        )
    except cognito.exceptions.UsernameExistsException:
        return
    cognito.admin_set_user_password(UserPoolId=pool_id, Username=user, Password=PASSWORD, Permanent=True)
    for g in groups:
        cognito.admin_add_user_to_group(UserPoolId=pool_id, Username=user, GroupName=g)
