"""Postings (R-POSTINGS, R-MAPPING, R-SUPPORT): the nodal officers post officers to posts and end
postings; logins follow. Complaints belong to posts, so a new holder has the post's complaints
and its notifications from the moment the posting is written, and a holder whose posting ends
loses them at once (inbox, actions, SMS links: `services.links`).

A new officer gets a login at once: a Cognito user with a temporary password, which goes by the
helpline's own SMS; the first sign-in sets their own. The login's groups follow the posts held;
a login with no posting left is disabled. Every change is one conditional write with its entry
in the directory's append-only history (who, when, which order)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from chalicelib.clock import iso
from chalicelib.domain import messages, schemas
from chalicelib.domain.actor import STAFF, Caller
from chalicelib.domain.directory import Officer, Post, Posting
from chalicelib.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from chalicelib.domain.postings import (
    API_KIND,
    ENDED,
    KINDS,
    PASSWORD_RESET,
    POSTED,
    Change,
    Manager,
    groups_for,
    manager_of,
    masked,
    new_username,
    parse_posting_id,
    posting_id,
    same_person,
    temporary_password,
)
from chalicelib.domain.text import Text
from chalicelib.services.bundles import Postings
from chalicelib.services.ports import Directory

POST = Text("पद", "post")
POSTING = Text("पदस्थापना", "posting")
OFFICER = Text("अधिकारी", "officer")
NOT_A_MANAGER = (
    "निर्देशिका केवल नोडल अधिकारी और प्रशासक बदलते हैं",
    "Only nodal officers and the administrator keep the directory",
)
MOBILE_TAKEN = Text(
    "यह मोबाइल नंबर किसी दूसरे कार्यरत अधिकारी का है", "This mobile number belongs to another serving officer"
)
HAS_REGULAR = (
    "इस पद पर पहले से नियमित पदस्थापना है: पहले उसे समाप्त करें",
    "The post has a regular holder: end that posting first",
)


def manager(who: Caller, directory: Directory) -> Manager:
    """What the caller may change: from the posts they hold now, not from their token's groups."""
    if who.kind != STAFF:
        return Manager()
    return manager_of(directory.posts_held(who.id), who.groups)


def managed_post(who: Caller, post_id: str, directory: Directory) -> tuple[Manager, Post]:
    """The post, if the caller manages it: 403 for one who manages nothing, 404 for a post that
    does not exist or is another district's (or department's), as if it did not exist."""
    m = manager(who, directory)
    if not m.any:
        raise Forbidden(*NOT_A_MANAGER)
    post = directory.post(post_id)
    if post is None or not m.manages(post):
        raise NotFound(POST)
    return m, post


@dataclass(frozen=True)
class Plan:
    """A posting checked and ready to write."""

    posting: Posting
    post: Post
    officer: Officer
    new: bool
    lang_changed: bool = False  # a known officer's language, set by this posting


def plan(post: Post, body: schemas.PostingBody, deps: Postings, now: str) -> Plan:
    """Checks one posting against the directory as it is: the mobile's officer (the same
    person again, or none serving), no second hold of the post, no second regular holder."""
    directory = deps.directory
    known = directory.officers_by_mobile(body.mobile)
    same = [o for o in known if same_person(o.name, body.name)]
    others = [o for o in known if o not in same]
    if any(directory.posts_held(o.officer_id) for o in others):
        raise InvalidInput({"mobile": MOBILE_TAKEN})
    charge = KINDS[body.kind]
    holders = directory.current_holders(post.post_id)
    if charge == "regular" and any(h.charge == "regular" for h in holders):
        raise Conflict(*HAS_REGULAR)
    changed = False
    if same:
        officer, new = same[0], False
        if any(h.officer_id == officer.officer_id for h in holders):
            raise Conflict("यह अधिकारी इस पद पर पहले से पदस्थ है", "This officer already holds the post")
        if body.lang is not None and body.lang != officer.lang:  # a known officer keeps theirs unless told
            officer, changed = replace(officer, lang=body.lang), True
    else:
        user = new_username()
        lang = body.lang or "hi"
        officer, new = Officer(user, body.name, body.designation, body.mobile, body.email, user, lang), True
    posting = Posting(post.post_id, officer.officer_id, charge, now, order_no=body.order_no, order_date=body.order_date)
    return Plan(posting, post, officer, new, changed)


def apply(who: Caller, p: Plan, deps: Postings) -> dict[str, str]:
    """Writes the planned posting and its history entry, then the login: a new officer's is made
    with a temporary password sent by SMS; a known officer's is enabled, with the new groups."""
    change = Change(
        p.posting.start,
        POSTED,
        p.post.post_id,
        p.officer.officer_id,
        p.posting.charge,
        who.label,
        p.posting.order_no,
        p.posting.order_date,
    )
    lang = p.officer.lang if p.lang_changed and not p.new else None
    deps.directory.record_posting(p.posting, p.post, change, p.officer if p.new else None, lang)
    return {"posting_id": posting_id(p.posting), "username": login(p.officer, deps)}


def login(officer: Officer, deps: Postings) -> str:
    """The officer's login, with the groups of the posts they hold now: made with a temporary
    password sent by SMS if they have none, else enabled. Again, it changes nothing and
    sends nothing."""
    username = officer.username or officer.officer_id
    groups = groups_for(deps.directory.posts_held(officer.officer_id))
    password = temporary_password()
    if deps.accounts.create(username, password, groups):
        _send_password(officer, username, password, "officer_login", deps)
    else:
        deps.accounts.enable(username)
        deps.accounts.set_groups(username, groups)
    return username


def start(who: Caller, post_id: str, body: Any, deps: Postings) -> dict[str, str]:
    """`POST /v1/directory/posts/{post_id}/postings`."""
    _, post = managed_post(who, post_id, deps.directory)
    checked = schemas.check(schemas.PostingBody, body)
    return apply(who, plan(post, checked, deps, iso(deps.clock.now())), deps)


def end(who: Caller, posting: str, body: Any, deps: Postings) -> dict[str, Any]:
    """`POST /v1/directory/postings/{posting_id}/end`: the officer's hold on the post ends now;
    their login keeps the groups of the posts still held, or is disabled when none is left."""
    directory = deps.directory
    if not manager(who, directory).any:
        raise Forbidden(*NOT_A_MANAGER)
    checked = schemas.check(schemas.EndPostingBody, body)
    key = parse_posting_id(posting)
    if key is None:
        raise NotFound(POSTING)
    managed_post(who, key[0], directory)
    p = directory.posting(*key)
    if p is None:
        raise NotFound(POSTING)
    if not p.current:
        raise Conflict("यह पदस्थापना पहले ही समाप्त हो चुकी है", "This posting has ended already")
    if checked.order_date < (p.order_date or p.start[:10]):
        raise InvalidInput(
            {"order_date": Text("पदस्थापना के आरंभ से पहले की तिथि नहीं हो सकती", "cannot be before the posting began")}
        )
    at = iso(deps.clock.now())
    reason = checked.reason
    change = Change(
        at, ENDED, p.post_id, p.officer_id, p.charge, who.label, checked.order_no, checked.order_date, reason
    )
    directory.close_posting(p, at, reason, change)
    officer = directory.officer(p.officer_id)
    username = (officer.username if officer else None) or p.officer_id
    left = directory.posts_held(p.officer_id)
    if left:
        deps.accounts.set_groups(username, groups_for(left))
    else:
        deps.accounts.disable(username)
    return {"posting_id": posting, "ended_at": at, "reason": checked.reason, "login": "active" if left else "disabled"}


def reset_password(who: Caller, username: str, deps: Postings) -> dict[str, str]:
    """R-SUPPORT: a nodal officer of one of the officer's posts (or the administrator) sends them
    a new temporary password by SMS; the next sign-in sets their own. The login is made (or
    enabled, with the groups of the posts held) if a failure had left it missing."""
    directory = deps.directory
    m = manager(who, directory)
    if not m.any:
        raise Forbidden(*NOT_A_MANAGER)
    officer = directory.officer(username)
    held = directory.posts_held(username) if officer else []
    posts = [p for p in (directory.post(h) for h in held) if p is not None and m.manages(p)]
    if officer is None or not posts:
        raise NotFound(OFFICER)
    password = temporary_password()
    login = officer.username or officer.officer_id
    groups = groups_for(held)
    if not deps.accounts.create(login, password, groups):  # made now if its making failed before
        deps.accounts.set_temporary_password(login, password)
        deps.accounts.enable(login)
        deps.accounts.set_groups(login, groups)
    at = iso(deps.clock.now())
    directory.record_change(Change(at, PASSWORD_RESET, posts[0].post_id, officer.officer_id, "", who.label))
    _send_password(officer, login, password, "officer_password", deps)
    return {"username": login, "sent_to": masked(officer.mobile)}


def history(who: Caller, post_id: str, directory: Directory) -> list[dict[str, Any]]:
    """The post's entries of the directory's append-only history, newest first, for a manager of
    the post (as `managed_post`: 403 for one who manages nothing, 404 outside their scope): who
    was posted, whose posting ended and why, whose password was sent again; when, under which
    order, and by whom."""
    _, post = managed_post(who, post_id, directory)
    changes = directory.changes(post.post_id)
    officers = directory.officers({c.officer_id for c in changes} | {_by(c.by) for c in changes})
    out = []
    for c in reversed(changes):
        o, by = officers.get(c.officer_id), officers.get(_by(c.by))
        out.append(
            {
                "at": c.at,
                "event": c.event,
                "officer": o.name if o else c.officer_id,
                "username": (o.username if o else None) or c.officer_id,
                "kind": API_KIND.get(c.charge, c.charge),
                "order_no": c.order_no,
                "order_date": c.order_date,
                "reason": c.reason,
                "by": _by(c.by),
                "by_name": by.name if by else "",
            }
        )
    return out


def _by(label: str) -> str:
    """The login of a history entry's `by` (`staff:<username>`)."""
    return label.partition(":")[2] or label


def _send_password(officer: Officer, username: str, password: str, template: str, deps: Postings) -> None:
    params = {"username": username, "password": password, "desk": deps.desk_url}
    deps.sms.send(
        officer.mobile, messages.sms(template, params, officer.lang), messages.dlt_key(template, officer.lang)
    )
