"""Whether an officer's SMS link still works for the one it was sent to (R-POSTINGS): a link is
bound to one assignment and to the officer its grant names (`domain.tokens.LinkGrant`), who
must still be among those the assignment's post's messages go to: its current holders or,
while the post is vacant, the district nodal officer (`services.notify.recipients`).

Resolving the token (`services.officer_links.resolve`) already refuses a link whose officer no
longer holds the post it was sent for (a transfer, a charge withdrawn). This check covers
what the grant alone cannot see: a link sent to the district nodal officer for a vacant post
stops once the post is filled, since its new holder now gets the post's links of their own.
A link that names no holder (signed before the short links) stays bound to its assignment only."""

from __future__ import annotations

from chalicelib.domain.actor import LINK, Caller
from chalicelib.domain.complaint import Complaint
from chalicelib.domain.directory import nodal_post
from chalicelib.domain.errors import Forbidden
from chalicelib.services.ports import Directory

NO_LONGER_HELD = (
    "यह लिंक अब आपके लिए नहीं: इस पद पर आपकी पदस्थापना समाप्त हो चुकी है",
    "This link no longer works for you: your posting to this post has ended",
)


def still_holds(officer_id: str, post_id: str, district: str, directory: Directory) -> bool:
    """Whether `officer_id` is among those the post's messages go to now."""
    postings = directory.current_holders(post_id) or directory.current_holders(nodal_post(district))
    return any(p.officer_id == officer_id for p in postings)


def check(who: Caller, c: Complaint, directory: Directory) -> None:
    """Raises Forbidden when `who` is a link whose holder no longer holds the complaint's post."""
    if who.kind == LINK and who.holder is not None and not still_holds(who.holder, c.post_id, c.district, directory):
        raise Forbidden(*NO_LONGER_HELD)
