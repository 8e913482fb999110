"""Officers' SMS links (R-OFFICER-CHANNELS): `/o/{token}` with a short random token, its
grant kept server-side (`domain.tokens.LinkGrant`, stored under the token's digest).

The notifier issues one token per recipient when it sends an officer's SMS, so each holder
of the post has their own, bound to the post they hold and to them. Every use of a token (the
page `/o/{token}`, or `Authorization: Bearer {token}` on the JSON action API) resolves it here:
the digest must be known, the grant unexpired, and its officer must still hold its post, so a
transferred or retired officer's links stop working at once. That the assignment is still
the complaint's current one is checked by the use cases on every read and action
(`scope.sight`, `actions.standing`): a link to work that has moved on is told so (403).
"""

from __future__ import annotations

from collections.abc import Callable

from chalicelib.domain.actor import LINK, Caller
from chalicelib.domain.errors import Unauthorized
from chalicelib.domain.tokens import EXPIRED_TOKEN, INVALID_TOKEN, LinkGrant, is_link_token, link_digest, new_link_token
from chalicelib.services.bundles import OfficerLinks
from chalicelib.services.ports import LinkStore

# Draws of a fresh token before giving up (two draws of 96 bits never meet in practice).
ISSUE_TRIES = 3
NOT_HOLDER = (
    "आप अब इस पद पर नहीं हैं, इसलिए यह लिंक बंद हो गया है",
    "You no longer hold this post, so this link has stopped working",
)


def issue(grant: LinkGrant, links: LinkStore, draw: Callable[[], str] = new_link_token) -> str:
    """A new token for `grant`; only its digest is stored."""
    for _ in range(ISSUE_TRIES):
        token = draw()
        if links.put(link_digest(token), grant):
            return token
    raise RuntimeError("no unused link token drawn")


def resolve(token: str, deps: OfficerLinks) -> Caller:
    """The caller a link token stands for; raises Unauthorized for a token that is unknown,
    expired, or whose officer no longer holds the post it was sent for."""
    grant = deps.links.get(link_digest(token)) if is_link_token(token) else None
    if grant is None:
        raise Unauthorized(*INVALID_TOKEN)
    if deps.clock.wall() >= grant.expires:
        raise Unauthorized(*EXPIRED_TOKEN)
    if not any(p.officer_id == grant.officer_id for p in deps.directory.current_holders(grant.post_id)):
        raise Unauthorized(*NOT_HOLDER)
    return Caller(LINK, grant.assignment_id, holder=grant.officer_id)
