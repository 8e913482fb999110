"""Staff sign-in throttling (services.signin) on the in-memory fakes: per username, per
source, a lock-out that refuses even the right password, and the window that ends it."""

from __future__ import annotations

import pytest

from chalicelib.domain.errors import RateLimited, Unauthorized
from chalicelib.services import signin
from tests.fakes.world import World

RIGHT, WRONG = "Right@181pass", "wrong-Pass1"
HOME, ELSEWHERE = "10.0.0.1", "10.0.0.2"


@pytest.fixture
def w() -> World:
    world = World()
    world.staff_auth.add("cce1", RIGHT, "cce")
    world.staff_auth.add("cce2", RIGHT, "cce")
    return world


def fail(w: World, username: str, times: int, source: str = HOME, per_source: int = 100_000) -> None:
    for _ in range(times):
        with pytest.raises(Unauthorized):
            signin.sign_in(username, WRONG, source, w.sign_in(per_source))


def test_five_failures_lock_the_username_even_for_the_right_password_until_the_window_ends(w: World) -> None:
    fail(w, "cce1", 5)
    asked = len(w.staff_auth.asked)
    with pytest.raises(RateLimited) as locked:
        signin.sign_in("cce1", RIGHT, HOME, w.sign_in())
    assert locked.value.en == "Too many failed sign-ins; try again in 15 minutes" and locked.value.hi
    assert len(w.staff_auth.asked) == asked  # refused before the password was checked
    with pytest.raises(RateLimited):  # from another address too: the lock is the username's
        signin.sign_in("cce1", RIGHT, ELSEWHERE, w.sign_in())
    w.clock.advance(minutes=15)
    assert signin.sign_in("cce1", RIGHT, HOME, w.sign_in())["token"] == "staff~cce1"


def test_four_failures_still_let_the_right_password_in(w: World) -> None:
    fail(w, "cce1", 4)
    assert signin.sign_in("cce1", RIGHT, HOME, w.sign_in())["expires_in"] == 3600


def test_the_lock_is_one_username_s_however_it_is_typed(w: World) -> None:
    fail(w, "cce1", 3)
    fail(w, " CCE1 ", 2)
    with pytest.raises(RateLimited):
        signin.sign_in("cce1", RIGHT, HOME, w.sign_in())
    assert signin.sign_in("cce2", RIGHT, HOME, w.sign_in())["token"] == "staff~cce2"
    keys = " ".join(name for name, _ in w.ops.tally)
    assert "cce1" not in keys.lower() and signin.username_key(" CCE1 ") == signin.username_key("cce1")


def test_unknown_usernames_are_counted_as_known_ones_are(w: World) -> None:
    fail(w, "nobody", 5)
    with pytest.raises(RateLimited):
        signin.sign_in("nobody", WRONG, HOME, w.sign_in())


def test_failures_from_one_source_lock_that_source_for_every_username(w: World) -> None:
    for name in ("a", "b", "c"):  # a password spray: few tries per username, many per address
        fail(w, name, 1, per_source=3)
    with pytest.raises(RateLimited):
        signin.sign_in("cce1", RIGHT, HOME, w.sign_in(3))
    assert signin.sign_in("cce1", RIGHT, ELSEWHERE, w.sign_in(3))["token"] == "staff~cce1"


def test_successful_sign_ins_are_not_counted(w: World) -> None:
    for _ in range(20):
        assert signin.sign_in("cce1", RIGHT, HOME, w.sign_in(3))["token"] == "staff~cce1"
    assert w.ops.tally == {}
