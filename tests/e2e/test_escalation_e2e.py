"""On the local stack with a short day, a complaint nobody acts on reaches level 2 by
itself and the L2 officer's SMS shows in /dev/phone."""

from __future__ import annotations

import re

from devstack.launch import Stack

FORM = {
    "category": "complaint",
    "department": "ENERGY",
    "district": "INDORE",
    "block": "INDORE-MHOW",
    "name": "मोहन लाल",
    "subject": "बिजली कटौती",
    "description": "रोज़ 6 घंटे बिजली नहीं रहती।",
}


def test_untouched_complaint_reaches_l2_by_itself_with_day_seconds_2(fast_stack: Stack) -> None:
    stack = fast_stack
    mobile = "+919911112222"
    assert stack.call("POST", "/v1/otp", {"mobile": mobile})[0] == 202
    code = re.search(r"OTP (?:is )?(\d{6})", stack.phone(mobile)[0]["text"]).group(1)  # type: ignore[union-attr]
    token = stack.call("POST", "/v1/otp/verify", {"mobile": mobile, "otp": code})[1]["token"]
    status, out = stack.call("POST", "/v1/complaints", FORM, token)
    assert status == 201, out
    ref = out["reference"]
    public = stack.wait_for(
        lambda: (p := stack.call("GET", f"/v1/complaints/{ref}/status")[1])["level"] >= 2 and p, timeout=90
    )
    assert public["status"] == "open"

    def l2_sms() -> list[dict[str, str]]:
        msgs = stack.call("GET", "/dev/phone")[1]["messages"]
        return [
            m for m in msgs if m["kind"] == "sms" and ref in m["text"] and "स्तर 2" in m["text"] and "/o/" in m["text"]
        ]

    l2 = stack.wait_for(l2_sms, timeout=30)
    # The demo L2 officer of Indore's energy department holds that post.
    assert all(m["to"].startswith("+9170") for m in l2)
