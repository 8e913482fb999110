"""Whether an officer's SMS link still works for the one it was sent to (R-POSTINGS): a link is
bound to one assignment and, since links name their holder, to that holder, who must still hold
the assignment's post (or, while the post is vacant, the district nodal officer's post: whoever
the notifier sends the post's messages to, `services.notify.recipients`). A holder whose posting
ended (a transfer, a charge withdrawn) finds every link they were sent refused at once; the new
holder gets links of their own.

The holder a link names is an officer id, or the key of the mobile it was sent to
(`domain.tokens.holder_key`); either is matched against the post's current holders. A link
that names no holder (signed before links named them) stays bound to its assignment only."""

from __future__ import annotations

from chalicelib.domain.actor import LINK, Caller
from chalicelib.domain.complaint import Complaint
from chalicelib.domain.directory import nodal_post
from chalicelib.domain.errors import Forbidden
from chalicelib.domain.tokens import holder_key
from chalicelib.services.ports import Directory

NO_LONGER_HELD = (
    "यह लिंक अब आपके लिए नहीं: इस पद पर आपकी पदस्थापना समाप्त हो चुकी है",
    "This link no longer works for you: your posting to this post has ended",
)


def still_holds(holder: str, post_id: str, district: str, directory: Directory) -> bool:
    postings = directory.current_holders(post_id) or directory.current_holders(nodal_post(district))
    if any(p.officer_id == holder for p in postings):
        return True
    officers = directory.officers(p.officer_id for p in postings).values()
    return any(holder in (o.mobile, holder_key(o.mobile)) for o in officers)


def check(who: Caller, c: Complaint, directory: Directory) -> None:
    """Raises Forbidden when `who` is a link whose holder no longer holds the complaint's post."""
    if who.kind == LINK and who.holder is not None and not still_holds(who.holder, c.post_id, c.district, directory):
        raise Forbidden(*NO_LONGER_HELD)
