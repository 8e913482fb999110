"""Staff sign-in, throttled (OWASP ASVS V2.2): the JSON API's `POST /v1/auth/login` and the
pages' logins (`/cce/login`, `/officer/login`, `/monitor/login`) all sign in here, and so does
the first sign-in's new password (`POST /v1/auth/password`, the officer page's form).

Failed sign-ins are counted per username and per source address in the ops store's fixed
windows. Once a window's count is used up, sign-in is refused (429) before the identity
provider is asked, so during the lock-out even the right password is refused; the
lock-out lasts until the window ends."""

from __future__ import annotations

import hashlib
from typing import Any

from chalicelib.domain.errors import RateLimited, Unauthorized
from chalicelib.domain.otp import Limit
from chalicelib.services.bundles import SignIn

WINDOW_SECONDS = 15 * 60
FAILURES_PER_USERNAME = Limit("signin-user", 5, WINDOW_SECONDS)
LOCKED_OUT = (
    "बहुत अधिक गलत प्रयास; 15 मिनट बाद फिर से लॉगिन करें",
    "Too many failed sign-ins; try again in 15 minutes",
)


def source_limit(failures: int) -> Limit:
    return Limit("signin-source", failures, WINDOW_SECONDS)


def username_key(username: str) -> str:
    """The counter's key: the username as typed, case and spaces aside, hashed (the ops
    table keeps no usernames, and a long one makes no long key)."""
    return hashlib.sha256(username.strip().casefold().encode()).hexdigest()[:32]


def sign_in(username: str, password: str, source: str, deps: SignIn) -> dict[str, Any]:
    """The identity provider's login (`token`, `expires_in`); Unauthorized for a wrong
    username or password, RateLimited while the username or the source is locked out."""
    now = deps.clock.wall()
    counted = ((FAILURES_PER_USERNAME, username_key(username)), (source_limit(deps.failures_per_source), source))
    if any(deps.ops.spent(limit, key, now) for limit, key in counted):
        raise RateLimited(*LOCKED_OUT)
    try:
        return deps.staff.login(username, password)
    except Unauthorized:
        for limit, key in counted:
            deps.ops.hit(limit, key, now)
        raise


def new_password(username: str, session: str, password: str, source: str, deps: SignIn) -> dict[str, Any]:
    """The first sign-in with a temporary password answered `{"challenge": "new_password_required",
    "session"}`; this sets the officer's own password and signs them in. Throttled as sign-in is:
    a refused session counts as a failed sign-in."""
    now = deps.clock.wall()
    counted = ((FAILURES_PER_USERNAME, username_key(username)), (source_limit(deps.failures_per_source), source))
    if any(deps.ops.spent(limit, key, now) for limit, key in counted):
        raise RateLimited(*LOCKED_OUT)
    try:
        return deps.staff.new_password(username, session, password)
    except Unauthorized:
        for limit, key in counted:
            deps.ops.hit(limit, key, now)
        raise
