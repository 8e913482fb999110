"""The officer's complaint page (R-OFFICER-CHANNELS, R-REASONS): opened from the SMS link
`/o/{token}` or after login; GET only shows the forms of `services.actions.allowed_actions`,
each a plain form POSTed through `services.actions.act`, exactly as the JSON action API does."""

from __future__ import annotations

from typing import Any

from chalice import Response

from chalicelib import bootstrap as b
from chalicelib.domain.actor import Caller
from chalicelib.domain.actor import link_caller as caller_of_link
from chalicelib.domain.text import say
from chalicelib.pages import officer_view as v
from chalicelib.pages.forms import PageError, Req, attempt, choices
from chalicelib.pages.officer_text import translator
from chalicelib.pages.render import html
from chalicelib.services import actions, tracking

PROBLEMS = {401: "bad_link", 403: "moved_on", 404: "unknown"}


def page(template: str, r: Req, status: int = 200, **ctx: Any) -> Response:
    """`html()` with the officers' words as `ot` (base.html keeps its own `t`)."""
    ctx.setdefault("query", {})
    return html(template, status, lang=r.lang, base=r.base, ot=translator(r.lang), **ctx)


def problem(r: Req, status: int, error: PageError | None = None) -> Response:
    """A link that cannot be used: 401 invalid/expired, 403 moved on, 404 unknown."""
    key = PROBLEMS.get(status, "unknown")
    return page("officer_link.html", r, status, problem=key, detail=say(error.message, r.lang) if error else "")


def link_caller(token: str) -> tuple[Caller | None, PageError | None]:
    """The link's Caller, as `api.auth.caller` makes it for a link token."""
    claims, error = attempt(b.verify_token, token, "link", b.get_clock().wall())
    if error or claims is None:
        return None, error or PageError(401, "")
    return caller_of_link(claims.subject), None


def reference_of(who: Caller) -> str:
    """A link names an assignment, `<reference>-<n>`."""
    return who.id.rsplit("-", 1)[0]


def complaint_page(
    r: Req,
    ref: str,
    who: Caller,
    url: str,
    status: int = 200,
    error: PageError | None = None,
    done: str | None = None,
    posted: bool = False,
    back: bool = False,
) -> Response:
    """The complaint and this officer's action forms; after an action that ended the
    caller's hold on it (a transfer by link) only the outcome is shown."""
    d = b.desk()
    c = d.complaints.get(ref)
    if c is None:
        return page("officer_link.html", r, 200, done=done) if done else problem(r, 404)
    allowed, err = attempt(actions.allowed_actions, who, c, d.directory)
    shown, err2 = (None, err) if err else attempt(tracking.full_view, ref, who, d.complaints, d.directory)
    if shown is None:
        failed = err or err2
        return (
            page("officer_link.html", r, 200, done=done)
            if done
            else problem(r, failed.status if failed else 404, failed)
        )
    departments = [(code, label) for code, label in choices(d.directory.departments(), r.lang) if code != c.department]
    allowed = allowed or []
    # The language switch resubmits the posted form (`f`): only if that form is still offered.
    posted = posted and r.form.get("action") in allowed
    return page(
        "officer_link.html",
        r,
        status,
        c=v.complaint(shown, r.lang, d.directory, d.clock.now()),
        allowed=allowed,
        url=url,
        f=r.form if posted else {},
        error=error,
        done=done,
        posted=posted,
        departments=departments,
        back=back,
    )


def perform(r: Req, ref: str, who: Caller, url: str, back: bool = False) -> Response:
    """One action; the hidden `version` makes a stale or repeated submission a 409 that
    changes nothing. Errors re-render the page with what was typed."""
    if r.form.get("setlang"):
        return complaint_page(r, ref, who, url, posted=True, back=back)
    action = r.form.get("action", "")
    _, error = attempt(actions.act, who, ref, v.action_body(r.form), b.desk())
    if error is not None:
        if error.status in (401, 404):
            return problem(r, error.status, error)
        # A 403 for a link that moved on becomes the "moved on" page there.
        return complaint_page(r, ref, who, url, error.status, error, posted=True, back=back)
    return complaint_page(r, ref, who, url, done=f"done_{action}", back=back)


def link_get(r: Req, token: str) -> Response:
    """GET /o/{token}: shows, changes nothing (link scanners prefetch)."""
    who, error = link_caller(token)
    if who is None:
        return problem(r, 401, error)
    return complaint_page(r, reference_of(who), who, f"{r.base}/o/{token}")


def link_post(r: Req, token: str) -> Response:
    who, error = link_caller(token)
    if who is None:
        return problem(r, 401, error)
    return perform(r, reference_of(who), who, f"{r.base}/o/{token}")
