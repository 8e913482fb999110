"""The complaint page's history in words: an officer's update that an executive recorded from
the toll-free line names both and the channel, and a late action says so, in Hindi and English."""

from __future__ import annotations

from chalicelib.pages import officer_view as v
from tests.fakes.world import World

L1 = "REVENUE:L1:SEHORE-BUDHNI"
RESOLVED = {
    "at": "2026-11-24T05:00:00+00:00",
    "event": "resolved",
    "level": 2,
    "remarks": "नकल दे दी गई",
    "late": True,
    "acting_level": 1,
    "recorded_by": "staff:cce7",
    "via": "tollfree",
    "contact": "call-1",
}


def test_a_toll_free_update_names_the_executive_the_officer_and_the_line_and_keeps_the_lapse() -> None:
    w = World()
    officer = w.post_officer(L1)
    entry = {**RESOLVED, "actor": f"staff:{officer.officer_id}"}
    (hi,) = v.history([entry], "hi", w.directory)
    assert hi["recorded"] == f"कार्यपालक cce7 ने अधिकारी {officer.name} की ओर से टोल-फ़्री लाइन पर दर्ज किया"
    assert hi["late"] == "विलंब से: स्तर 1 की समय-सीमा पार हो चुकी थी" and hi["note"] == "नकल दे दी गई"
    (en,) = v.history([entry], "en", w.directory)
    assert en["recorded"] == f"recorded by executive cce7 for officer {officer.name} via the toll-free line"
    assert en["late"] == "late: level 1's deadline had passed"


def test_an_officers_own_timely_action_says_neither_and_odd_entries_do_not_break_the_page() -> None:
    w = World()
    own = {"at": "2026-11-24T05:00:00+00:00", "event": "interim", "level": 1, "actor": "staff:x", "late": None}
    (shown,) = v.history([own], "en", w.directory)
    assert (shown["recorded"], shown["late"]) == ("", "")
    odd = {**RESOLVED, "actor": "staff:gone.officer", "via": "web", "acting_level": "1", "recorded_by": ["x"] * 200}
    (shown,) = v.history([odd], "en", w.directory)
    assert shown["recorded"].startswith('recorded by executive ["x", ')
    assert "for officer gone.officer" in shown["recorded"]
    assert "toll-free" not in shown["recorded"] and shown["late"] == "late: the deadline had passed"
