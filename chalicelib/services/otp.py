"""Send and verify a filing OTP (R-WEB-OTP); a verified mobile gets a short citizen token."""

from __future__ import annotations

import hmac
import re
from datetime import datetime, timedelta
from typing import Any

from chalicelib.domain import messages, otp, schemas
from chalicelib.domain.errors import InvalidInput, RateLimited, Unauthorized
from chalicelib.domain.tokens import sign
from chalicelib.services.bundles import Access

OTP_CODE = re.compile(r"[0-9]{6}")  # ASCII digits: str.isdigit() takes Devanagari ones too


def _check_mobile(mobile: Any) -> str:
    """The canonical form of an Indian mobile (`schemas.indian_mobile`), or bad input."""
    canonical = schemas.canonical_mobile(mobile)
    if canonical is None:
        raise InvalidInput({"mobile": schemas.MOBILE_TEXT})
    return canonical


def request_otp(mobile: Any, source: str, deps: Access, lang: str = "hi") -> None:
    """Sends a new OTP to `mobile` in `lang`, the language the citizen asked for (the filing
    page's, or the app's `lang`); Hindi when nothing was chosen."""
    mobile = _check_mobile(mobile)
    lang = "en" if lang == "en" else "hi"
    ops, now = deps.ops, deps.clock.wall()
    if not ops.hit(otp.source_limit(deps.otp_per_source_hour), source, now):
        raise RateLimited(
            "बहुत अधिक अनुरोध, कुछ देर बाद प्रयास करें", "Too many OTP requests from this network; try again later"
        )
    for limit in otp.SEND_LIMITS:
        if not ops.hit(limit, mobile, now):
            raise RateLimited(
                "इस नंबर पर बहुत अधिक OTP भेजे गए, बाद में प्रयास करें", "Too many OTPs sent to this number; try again later"
            )
    code = otp.new_code()
    ops.put_otp(mobile, otp.code_hash(deps.secret, mobile, code), now + timedelta(seconds=otp.OTP_TTL_SECONDS))
    deps.sms.send(mobile, messages.sms("otp", {"otp": code}, lang), messages.dlt_key("otp", lang))


def verify_otp(mobile: Any, code: Any, deps: Access) -> dict[str, str]:
    mobile = _check_mobile(mobile)
    if not isinstance(code, str) or not OTP_CODE.fullmatch(code):
        raise InvalidInput({"otp": schemas.OtpVerify.INVALID_TEXT["otp"]})
    ops, secret, now = deps.ops, deps.secret, deps.clock.wall()
    record = ops.get_otp(mobile)
    if record is None or datetime.fromisoformat(record["expires"]) <= now:
        raise Unauthorized("OTP समाप्त, नया OTP मंगाएँ", "OTP expired or not requested — request a new one")
    if record["tries"] >= otp.MAX_WRONG_TRIES:
        raise RateLimited("गलत OTP की सीमा पूरी, नया OTP मंगाएँ", "Too many wrong tries; request a new OTP")
    digests = [otp.code_hash(key, mobile, code) for key in (secret, *deps.previous_secrets)]
    digest = next((d for d in digests if hmac.compare_digest(d, record["hash"])), None)
    if digest is None:
        if not ops.count_wrong_try(mobile, otp.MAX_WRONG_TRIES):
            raise RateLimited("गलत OTP की सीमा पूरी, नया OTP मंगाएँ", "Too many wrong tries; request a new OTP")
        raise Unauthorized("गलत OTP", "wrong OTP")
    if not ops.consume_otp(mobile, digest):
        raise Unauthorized("OTP पहले ही उपयोग हो चुका", "OTP already used")
    expires = now + timedelta(seconds=otp.CITIZEN_TOKEN_SECONDS)
    return {"token": sign("citizen", mobile, expires, secret), "expires_at": expires.isoformat()}
