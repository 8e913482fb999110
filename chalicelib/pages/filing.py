"""The citizen's filing pages (R-WEB-OTP): agree + kind + mobile, OTP, the form, the reference."""

from __future__ import annotations

from chalice import Response

from chalicelib import bootstrap as b
from chalicelib.domain.actor import CITIZEN, Caller
from chalicelib.domain.reference import parse_reference
from chalicelib.pages.forms import PageError, Req, attempt, filing_body, mobile_e164, new_key, place_choices
from chalicelib.pages.render import html, redirect
from chalicelib.pages.text import translator
from chalicelib.services import otp
from chalicelib.services.intake import file_complaint

# What travels from step to step in hidden fields (never the OTP itself).
CARRIED = ("lang", "category", "accused_level", "mobile")


def _status(error: PageError | None) -> int:
    return error.status if error else 200


def start(r: Req, error: PageError | None = None, posted: bool = False) -> Response:
    return html("start.html", _status(error), lang=r.lang, base=r.base, f=r.form, error=error, posted=posted, query={})


def _otp_page(r: Req, f: dict[str, str], error: PageError | None = None) -> Response:
    return html("otp.html", _status(error), lang=r.lang, base=r.base, f=f, error=error, posted=True)


def _form_page(r: Req, error: PageError | None = None) -> Response:
    choices = place_choices(b.get_directory(), r.form.get("district", ""), r.lang)
    return html("file.html", _status(error), lang=r.lang, base=r.base, f=r.form, error=error, posted=True, **choices)


def send_otp(r: Req) -> Response:
    """POST /file/otp: the "I agree" tick is the page's own step; the rest is the OTP service."""
    if r.form.get("setlang"):
        return start(r, posted=True)
    if r.form.get("agree") != "yes":
        return start(r, PageError(400, "", {"agree": translator(r.lang)("agree_required")}), posted=True)
    mobile = mobile_e164(r.form.get("mobile"))
    _, error = attempt(otp.request_otp, mobile, r.source, b.access(), r.lang)  # in the page's language
    if error:
        return start(r, error, posted=True)
    return _otp_page(r, {k: r.form.get(k, "") for k in CARRIED} | {"mobile": mobile})


def verify_otp(r: Req) -> Response:
    """POST /file/verify: a right OTP turns into a citizen token carried by the form."""
    f = {k: r.form.get(k, "") for k in CARRIED} | {"lang": r.lang}  # a switched language sticks
    if r.form.get("setlang"):
        return _otp_page(r, f)
    out, error = attempt(otp.verify_otp, f["mobile"], r.form.get("otp", "").strip(), b.access())
    if error or out is None:
        return _otp_page(r, f, error)
    form = f | {"token": out["token"], "idem": new_key()}
    return _form_page(Req(r.base, form, r.source, r.https))


def submit(r: Req) -> Response:
    """POST /file/submit: files as `POST /v1/complaints` does for a citizen token."""
    if r.form.get("setlang") or r.form.get("step") == "district":
        return _form_page(r)
    claims, error = attempt(b.verify_token, r.form.get("token", ""), "citizen", b.get_clock().wall())
    if error or claims is None:
        again = {"lang": r.lang, "category": r.form.get("category", "")}
        return start(Req(r.base, again), error, posted=True)
    key = r.form.get("idem", "")[:100] or None
    body = filing_body(r.form) | {"lang": r.lang}  # the page's language is the citizen's for SMS
    result, error = attempt(file_complaint, Caller(CITIZEN, claims.subject), body, key, b.desk())
    if error or result is None:
        return _form_page(r, error)
    return redirect(f"{r.base}/file/done?ref={result[0].reference}&lang={r.lang}")


def done(r: Req) -> Response:
    """GET /file/done?ref=: the reference, large, with the status link."""
    ref, error = attempt(parse_reference, r.form.get("ref", ""))
    if error:
        return html(
            "track.html",
            error.status,
            lang=r.lang,
            base=r.base,
            f=r.form,
            error=error,
            query={"ref": r.form.get("ref", "")},
        )
    return html("done.html", lang=r.lang, base=r.base, ref=ref, query={"ref": ref})
