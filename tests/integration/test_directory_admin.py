"""Directory administration through chalice.test.Client on moto: the posts with holders and
vacancies, postings started and ended with their history, logins that follow postings (Cognito
on moto, the temporary password by SMS on the emulated phone), the CSV import (all or nothing)
and export, and who may do which (other district 404, not a manager 403)."""

from __future__ import annotations

import re
from typing import Any

import boto3
import pytest

from chalicelib import bootstrap
from chalicelib.domain.directory import Officer, Posting
from chalicelib.domain.postings import parse_posting_id
from tests.integration.helpers import body, get, phone, post, staff_token

# Districts of this module's own (no other test posts there): Raisen for the nodal officer's
# work, Vidisha as "another district".
DISTRICT, OTHER = "RAISEN", "VIDISHA"
POST = "HEALTH:L2:RAISEN"
ORDER = {"order_no": "क्र. 123/स्था./2026", "order_date": "2026-11-20"}


def nodal(client: Any, aws: dict[str, str], district: str, user: str) -> str:
    """A district nodal officer holding `NODAL:DISTRICT:<district>`, logged in."""
    d = bootstrap.get_directory()
    if not d.posts_held(user):
        d.put_officers([Officer(user, "नोडल अधिकारी", "DPSM", f"+9161{abs(hash(user)) % 10**8:08d}")])
        d.put_postings([Posting(f"NODAL:DISTRICT:{district}", user, "regular", "2026-01-01T00:00:00+00:00")])
    return staff_token(client, aws["USER_POOL_ID"], user, ("nodal", "officer"))


def officer(mobile: str, **kw: str) -> dict[str, str]:
    return {
        "name": "डॉ. सीमा वर्मा",
        "designation": "मुख्य चिकित्सा अधिकारी",
        "mobile": mobile,
        "kind": "regular",
        **ORDER,
        **kw,
    }


def holders(client: Any, token: str, post_id: str) -> list[dict[str, Any]]:
    rows = body(get(client, f"/v1/directory/posts?district={DISTRICT}", token))
    return next(p for p in rows if p["post_id"] == post_id)["holders"]  # type: ignore[no-any-return]


def sign_in_first_time(client: Any, username: str, mobile: str) -> str:
    """The temporary password from the SMS, the challenge, a new password: a token."""
    sms = next(m["text"] for m in phone(client, mobile) if username in m["text"])
    temporary = re.search(r"(?:पासवर्ड|password) (\S+)", sms).group(1)  # type: ignore[union-attr]
    first = body(post(client, "/v1/auth/login", {"username": username, "password": temporary}))
    assert first["challenge"] == "new_password_required", first
    answer = {"username": username, "session": first["session"], "new_password": "Naya@Password181"}
    resp = post(client, "/v1/auth/password", answer)
    assert resp.status_code == 200, resp.body
    return str(body(resp)["token"])


def test_a_new_officer_is_posted_gets_a_login_by_sms_and_the_post_shows_the_holder(
    app_client: Any, aws: dict[str, str], clock: Any, mobile: str
) -> None:
    token = nodal(app_client, aws, DISTRICT, "nodal.raisen.1")
    assert holders(app_client, token, POST) == []  # vacant to begin with
    resp = post(app_client, f"/v1/directory/posts/{POST}/postings", officer(mobile), token)
    assert resp.status_code == 201, resp.body
    made = body(resp)
    (held,) = holders(app_client, token, POST)
    assert held["posting_id"] == made["posting_id"] and held["username"] == made["username"]
    assert held["mobile"] == "*" * 9 + mobile[-4:] and held["kind"] == "regular"
    assert held["order_no"] == ORDER["order_no"]
    # The login, with the groups of the post held, and the password only by our SMS.
    idp = boto3.client("cognito-idp")
    user = idp.admin_get_user(UserPoolId=aws["USER_POOL_ID"], Username=made["username"])
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD" and user["Enabled"]
    groups = idp.admin_list_groups_for_user(UserPoolId=aws["USER_POOL_ID"], Username=made["username"])["Groups"]
    assert [g["GroupName"] for g in groups] == ["officer"]
    officer_token = sign_in_first_time(app_client, made["username"], mobile)
    assert body(get(app_client, "/v1/officer/inbox", officer_token))["posts"] == [POST]
    # The directory's history says who, when and by which order.
    (change,) = bootstrap.get_directory().changes(POST)
    assert (change.event, change.by, change.order_no) == ("posted", "staff:nodal.raisen.1", ORDER["order_no"])

    # A second regular posting overlaps: 409, nothing written.
    again = post(app_client, f"/v1/directory/posts/{POST}/postings", officer("+919111100001", name="अन्य"), token)
    assert again.status_code == 409 and len(holders(app_client, token, POST)) == 1

    # Ended (a transfer): the login has no post left and is disabled; the history has both.
    clock.advance(days=2)
    end = {"reason": "transfer", "order_no": "क्र. 130/2026", "order_date": "2026-11-25"}
    ended = post(app_client, f"/v1/directory/postings/{made['posting_id']}/end", end, token)
    assert ended.status_code == 200 and body(ended)["login"] == "disabled"
    assert holders(app_client, token, POST) == []
    assert body(get(app_client, "/v1/officer/inbox", officer_token))["posts"] == []
    assert not idp.admin_get_user(UserPoolId=aws["USER_POOL_ID"], Username=made["username"])["Enabled"]
    assert [c.event for c in bootstrap.get_directory().changes(POST)] == ["posted", "ended"]
    history = get(app_client, f"/v1/directory/posts/{POST}/changes", token)
    assert history.status_code == 200, history.body
    gone, came = body(history)  # newest first
    assert (gone["event"], gone["reason"], gone["order_no"]) == ("ended", "transfer", end["order_no"])
    assert (came["event"], came["username"], came["kind"]) == ("posted", made["username"], "regular")
    assert came["order_no"] == ORDER["order_no"] and gone["by"] == came["by"] == "nodal.raisen.1"
    assert post(app_client, f"/v1/directory/postings/{made['posting_id']}/end", end, token).status_code == 409


def test_bad_postings_are_refused_with_a_clear_4xx_and_nothing_applied(
    app_client: Any, aws: dict[str, str], clock: Any, mobile: str
) -> None:
    token = nodal(app_client, aws, DISTRICT, "nodal.raisen.2")
    target = "AGRICULTURE:L2:RAISEN"
    unknown = post(app_client, "/v1/directory/posts/NOPE:L1:NOWHERE/postings", officer(mobile), token)
    assert unknown.status_code == 404 and body(unknown)["message_hi"]
    bad = post(app_client, f"/v1/directory/posts/{target}/postings", officer("98765", order_date="2026-02-30"), token)
    assert bad.status_code == 400 and {"mobile", "order_date"} <= set(body(bad)["fields"])
    made = body(post(app_client, f"/v1/directory/posts/{target}/postings", officer(mobile), token))
    # The same mobile under another name, while that officer serves: refused.
    taken = post(
        app_client,
        "/v1/directory/posts/PHE:L2:RAISEN/postings",
        officer(mobile, name="कोई और", kind="additional_charge"),
        token,
    )
    assert taken.status_code == 400 and "mobile" in body(taken)["fields"]
    # Ending before the posting began.
    early = {"reason": "transfer", "order_no": "1", "order_date": "2026-11-01"}
    resp = post(app_client, f"/v1/directory/postings/{made['posting_id']}/end", early, token)
    assert resp.status_code == 400 and "order_date" in body(resp)["fields"]
    assert len(holders(app_client, token, target)) == 1
    assert post(app_client, "/v1/directory/postings/bm90LWEtcG9zdGluZw/end", early, token).status_code == 404


def test_another_districts_nodal_officer_gets_404_and_an_officer_who_manages_nothing_403(
    app_client: Any, aws: dict[str, str], clock: Any, mobile: str
) -> None:
    mine = nodal(app_client, aws, DISTRICT, "nodal.raisen.3")
    made = body(post(app_client, "/v1/directory/posts/WOMEN_CHILD_DEV:L2:RAISEN/postings", officer(mobile), mine))
    theirs = nodal(app_client, aws, OTHER, "nodal.vidisha.1")
    assert get(app_client, f"/v1/directory/posts?district={DISTRICT}", theirs).status_code == 404
    assert get(app_client, f"/v1/directory/posts?district={OTHER}", theirs).status_code == 200
    resp = post(app_client, "/v1/directory/posts/LABOUR:L2:RAISEN/postings", officer("+919111100002"), theirs)
    assert resp.status_code == 404
    end = {"reason": "transfer", "order_no": "1", "order_date": "2026-11-25"}
    assert post(app_client, f"/v1/directory/postings/{made['posting_id']}/end", end, theirs).status_code == 404
    assert post(app_client, f"/v1/directory/officers/{made['username']}/password", {}, theirs).status_code == 404
    assert get(app_client, "/v1/directory/posts/WOMEN_CHILD_DEV:L2:RAISEN/changes", theirs).status_code == 404
    plain = staff_token(app_client, aws["USER_POOL_ID"], "plain.officer.raisen", ("officer",))
    assert get(app_client, f"/v1/directory/posts?district={DISTRICT}", plain).status_code == 403
    assert get(app_client, "/v1/directory/posts/WOMEN_CHILD_DEV:L2:RAISEN/changes", plain).status_code == 403
    admin = staff_token(app_client, aws["USER_POOL_ID"], "admin.directory", ("admin",))
    assert get(app_client, f"/v1/directory/posts?district={DISTRICT}", admin).status_code == 200
    # A department's state nodal officer: its divisional and state posts, not a district's.
    d = bootstrap.get_directory()
    d.put_officers([Officer("labour.nodal.test", "राज्य नोडल", "उप सचिव", "+919111100003")])
    d.put_postings([Posting("LABOUR:NODAL:STATE", "labour.nodal.test", "regular", "2026-01-01T00:00:00+00:00")])
    state = staff_token(app_client, aws["USER_POOL_ID"], "labour.nodal.test", ("nodal", "officer"))
    rows = body(get(app_client, "/v1/directory/posts?department=LABOUR", state))
    assert {"LABOUR:L3:BHOPAL", "LABOUR:L4:STATE", "LABOUR:SECRETARY:STATE"} <= {p["post_id"] for p in rows}
    assert get(app_client, f"/v1/directory/posts?district={DISTRICT}", state).status_code == 404
    assert get(app_client, "/v1/directory/posts?department=HEALTH", state).status_code == 404


def test_a_password_is_sent_again_by_sms_to_an_officer_of_the_district(
    app_client: Any, aws: dict[str, str], clock: Any, mobile: str
) -> None:
    token = nodal(app_client, aws, DISTRICT, "nodal.raisen.4")
    made = body(post(app_client, "/v1/directory/posts/COOPERATIVE:L2:RAISEN/postings", officer(mobile), token))
    resp = post(app_client, f"/v1/directory/officers/{made['username']}/password", {}, token)
    assert resp.status_code == 202 and body(resp)["sent_to"].endswith(mobile[-4:])
    texts = [m["text"] for m in phone(app_client, mobile)]
    assert len(texts) == 2 and "नया अस्थायी पासवर्ड" in texts[0]
    sign_in_first_time(app_client, made["username"], mobile)


CSV_HEADER = "post_id,name,designation,mobile,kind,order_no,order_date\n"


@pytest.mark.parametrize(
    "bad_row",
    [
        "NOPE:L2:RAISEN,क,ख,+919111100010,regular,1,2026-11-20",
        "ENERGY:L2:VIDISHA,क,ख,+919111100011,regular,1,2026-11-20",
    ],
)
def test_a_csv_with_one_bad_row_applies_nothing_and_names_the_row(
    app_client: Any, aws: dict[str, str], clock: Any, bad_row: str
) -> None:
    token = nodal(app_client, aws, DISTRICT, "nodal.raisen.5")
    good = "ENERGY:L2:RAISEN,अनिल,कार्यपालन यंत्री,+919111100012,regular,7,2026-11-20\n"
    resp = app_client.http.post(
        "/v1/directory/imports",
        body=(CSV_HEADER + good + bad_row + "\n").encode(),
        headers={"Content-Type": "text/csv", "Authorization": f"Bearer {token}"},
    )
    assert resp.status_code == 400, resp.body
    fields = body(resp)["fields"]
    assert list(fields) == ["row 2: post_id"] and fields["row 2: post_id"]["hi"] and fields["row 2: post_id"]["en"]
    assert holders(app_client, token, "ENERGY:L2:RAISEN") == []  # the good row was not applied either


def test_a_good_csv_applies_every_row_and_the_export_lists_holders_and_vacancies(
    app_client: Any, aws: dict[str, str], clock: Any
) -> None:
    token = nodal(app_client, aws, DISTRICT, "nodal.raisen.6")
    rows = (
        "TRIBAL_AFFAIRS:L2:RAISEN,रमा,सहायक आयुक्त,+919111100020,regular,8,2026-11-20\n"
        "SOCIAL_JUSTICE:L2:RAISEN,रमा,सहायक आयुक्त,+919111100020,additional_charge,9,2026-11-20\n"
    )
    resp = app_client.http.post(
        "/v1/directory/imports",
        body=(CSV_HEADER + rows).encode(),
        headers={"Content-Type": "text/csv", "Authorization": f"Bearer {token}"},
    )
    assert resp.status_code == 200, resp.body
    report = body(resp)
    assert report["applied"] == 2 and report["rows"][0]["username"] == report["rows"][1]["username"]
    officer_token = sign_in_first_time(app_client, report["rows"][0]["username"], "+919111100020")
    assert sorted(body(get(app_client, "/v1/officer/inbox", officer_token))["posts"]) == [
        "SOCIAL_JUSTICE:L2:RAISEN",
        "TRIBAL_AFFAIRS:L2:RAISEN",
    ]
    export = app_client.http.get(
        f"/v1/directory/posts?district={DISTRICT}&format=csv", headers={"Authorization": f"Bearer {token}"}
    )
    text = export.body.decode("utf-8")
    assert export.headers["Content-Type"].startswith("text/csv")
    line = next(x for x in text.splitlines() if x.startswith("SOCIAL_JUSTICE:L2:RAISEN"))
    assert "additional_charge" in line and "0020" in line and "+919111100020" not in text
    assert any(x.startswith("REVENUE:L2:RAISEN") and ",vacant," in x for x in text.splitlines())
    assert parse_posting_id(report["rows"][0]["posting_id"]) is not None


def test_the_collectors_dashboard_lists_the_vacant_posts_with_the_complaints_waiting_on_them(
    app_client: Any, aws: dict[str, str], clock: Any, mobile: str
) -> None:
    from tests.integration.helpers import FORM, citizen_token

    vacant = "TRIBAL_AFFAIRS:L1:CHHINDWARA-TAMIA"  # no test posts anyone there
    form = {**FORM, "department": "TRIBAL_AFFAIRS", "district": "CHHINDWARA", "block": "CHHINDWARA-TAMIA"}
    ref = body(post(app_client, "/v1/complaints", form, citizen_token(app_client, mobile)))["reference"]
    assert bootstrap.get_complaints().get(ref).post_id == vacant  # type: ignore[union-attr]
    d = bootstrap.get_directory()
    d.put_officers([Officer("collector.vacancies", "कलेक्टर", "कलेक्टर", "+919111100040")])
    d.put_postings(
        [Posting("COLLECTOR:L2:CHHINDWARA", "collector.vacancies", "additional", "2026-11-01T00:00:00+00:00")]
    )
    token = staff_token(app_client, aws["USER_POOL_ID"], "collector.vacancies", ("monitor", "officer"))
    view = body(get(app_client, "/v1/monitoring/district/CHHINDWARA", token))
    row = next(v for v in view["vacancies"] if v["post_id"] == vacant)
    assert row["waiting"] >= 1 and row["title_hi"] and row["department"] == "TRIBAL_AFFAIRS"
    assert "COLLECTOR:L2:CHHINDWARA" not in {v["post_id"] for v in view["vacancies"]}  # held now
