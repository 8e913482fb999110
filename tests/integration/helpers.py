"""Small helpers for integration tests (JSON bodies, the emulated phone, logins, stream redelivery)."""

from __future__ import annotations

import json
import re
import urllib.parse
import weakref
from typing import Any

from chalicelib.domain.complaint import Complaint

FORM = {
    "category": "complaint",
    "department": "REVENUE",
    "district": "SEHORE",
    "block": "SEHORE-BUDHNI",
    "name": "रमेश कुमार",
    "subject": "खसरा नकल नहीं मिली",
    "description": "तीन महीने से आवेदन लंबित है।",
}


def body(resp: Any) -> Any:
    return json.loads(resp.body) if resp.body else None


def post(client: Any, path: str, data: Any, token: str | None = None, **headers: str) -> Any:
    h = {"Content-Type": "application/json", **headers}
    if token:
        h["Authorization"] = f"Bearer {token}"
    return client.http.post(path, body=json.dumps(data), headers=h)


def get(client: Any, path: str, token: str | None = None) -> Any:
    return client.http.get(path, headers={"Authorization": f"Bearer {token}"} if token else {})


def origin() -> str:
    """The origin a browser names when it posts one of this site's forms."""
    from chalicelib.settings import get_settings

    return get_settings().public_base_url


def csrf_of(page: str) -> str:
    """The token a rendered page's POST forms carry."""
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def form_session(client: Any) -> tuple[str, str]:
    """What a browser holds after it opened a page with a form: its form-session cookie
    (`cmh_csrf=…`, from Set-Cookie) and the token read from the rendered form."""
    resp = client.http.get("/")
    cookie = resp.headers["Set-Cookie"]
    assert isinstance(cookie, str) and cookie.startswith("cmh_csrf="), cookie
    return cookie.split(";")[0], csrf_of(text(resp))


_browsers: weakref.WeakKeyDictionary[Any, tuple[str, str]] = weakref.WeakKeyDictionary()


def send(client: Any, path: str, data: dict[str, Any], cookie: str | None = None, **headers: str | None) -> Any:
    """A page's form POSTed as a browser posts it: from this site's origin, with the form
    session (one per client, opened on first use as a browser opens a page) and its token,
    and the login cookie, if any. `data` may bring its own `csrf`; `headers` override (None
    leaves a header out)."""
    if client not in _browsers:
        _browsers[client] = form_session(client)
    jar, token = _browsers[client]
    sent = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Origin": origin(),
        "Cookie": "; ".join(c for c in (jar, cookie) if c),
        **headers,
    }
    sent = {k: v for k, v in sent.items() if v is not None}
    return client.http.post(path, body=urllib.parse.urlencode({"csrf": token, **data}), headers=sent)


def text(resp: Any) -> str:
    return str(resp.body.decode("utf-8"))


def phone(client: Any, to: str) -> list[dict[str, Any]]:
    return body(client.http.get(f"/dev/phone?to={to.replace('+', '%2B')}"))["messages"]


def otp_from(messages: list[dict[str, Any]]) -> str:
    return re.search(r"OTP (?:is )?(\d{6})", messages[0]["text"]).group(1)  # type: ignore[union-attr]


def citizen_token(client: Any, mobile: str) -> str:
    assert post(client, "/v1/otp", {"mobile": mobile}).status_code == 202
    code = otp_from(phone(client, mobile))
    resp = post(client, "/v1/otp/verify", {"mobile": mobile, "otp": code})
    assert resp.status_code == 200, resp.body
    return str(body(resp)["token"])


STAFF_PASSWORD = "Staff@181Password"


def staff_user(pool_id: str, username: str, groups: tuple[str, ...], password: str = STAFF_PASSWORD) -> str:
    """A Cognito user in `groups`, made once (a second call changes nothing); returns its name."""
    import boto3

    idp = boto3.client("cognito-idp")
    try:
        idp.admin_create_user(UserPoolId=pool_id, Username=username, MessageAction="SUPPRESS")
        idp.admin_set_user_password(UserPoolId=pool_id, Username=username, Password=password, Permanent=True)
        for g in groups:
            idp.admin_add_user_to_group(UserPoolId=pool_id, Username=username, GroupName=g)
    except idp.exceptions.UsernameExistsException:
        pass
    return username


def staff_token(
    client: Any, pool_id: str, username: str, groups: tuple[str, ...], password: str = STAFF_PASSWORD
) -> str:
    """A Cognito user in `groups` (made once), logged in through the API; returns the token."""
    staff_user(pool_id, username, groups, password)
    resp = post(client, "/v1/auth/login", {"username": username, "password": password})
    assert resp.status_code == 200, resp.body
    return str(body(resp)["token"])


def redelivery(pump: Any, stream: str, refs: list[str]) -> dict[str, Any]:
    """Every record of these complaints on the complaints table's stream, read again from
    the start, as the Lambda event `stream`'s handler gets it."""
    import boto3

    from devstack.pump import _lambda_record

    streams = boto3.client("dynamodbstreams")
    arn = next(s.arn for s in pump.streams if s.name == stream)
    keys = {f"C#{r}" for r in refs}
    records = []
    for shard in streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]:
        it = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"], ShardIteratorType="TRIM_HORIZON")[
            "ShardIterator"
        ]
        while it:
            resp = streams.get_records(ShardIterator=it, Limit=1000)
            records += [r for r in resp["Records"] if r["dynamodb"]["Keys"]["pk"]["S"] in keys]
            it = resp.get("NextShardIterator") if resp["Records"] else None
    assert len(records) > len(refs)
    return {"Records": [_lambda_record(r, arn) for r in records]}


def stored(ref: str) -> Complaint:
    """The complaint as stored now (it must exist)."""
    from chalicelib import bootstrap

    c = bootstrap.get_complaints().get(ref)
    assert c is not None, ref
    return c


def officer_link(ref: str, days: float = 7) -> str:
    """A link token for the complaint's current assignment, issued to the first current holder
    of its post as the notifier issues one (the post must have a holder)."""
    from datetime import timedelta

    from chalicelib import bootstrap
    from chalicelib.domain.tokens import LinkGrant
    from chalicelib.services import officer_links

    c = bootstrap.get_complaints().get(ref)
    assert c is not None, ref
    holder, *_ = bootstrap.get_directory().current_holders(c.post_id)
    expires = bootstrap.get_clock().wall() + timedelta(days=days)
    grant = LinkGrant(c.assignment_id, c.post_id, holder.officer_id, expires)
    return officer_links.issue(grant, bootstrap.get_link_store())
