"""The screenshots of the officers' manual (R-MANUAL): which real page each shows, in Hindi and
English. The browser test `tests/e2e/test_help_pages.py` takes them from the running pages and
writes them, with each page's outline, to `static/help/`; the `/help` pages serve them from there.
A page whose outline no longer matches its screenshot's fails that test until the new
screenshot is committed, so the manual never shows a page that is not there any more."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from chalicelib.domain.text import Text

FOLDER = Path(__file__).resolve().parent / "static" / "help"
MANIFEST = FOLDER / "screens.json"
LANGS = ("hi", "en")


@dataclass(frozen=True)
class Screen:
    name: str
    page: str  # the address it shows, as the manual names it
    caption: Text
    desktop: bool = False  # taken in a desktop-sized window (the wide tables), else a phone's


SCREENS: tuple[Screen, ...] = (
    Screen("officer_login", "/officer", Text("अधिकारी लॉगिन", "The officers' login")),
    Screen(
        "officer_inbox",
        "/officer",
        Text("मेरी लंबित शिकायतें: आपके सभी पदों की, सबसे जरूरी पहले", "My pending complaints: every post's, most urgent first"),
    ),
    Screen(
        "officer_complaint",
        "/officer/c/…",
        Text("शिकायत, अब तक का इतिहास और आपकी कार्रवाई", "The complaint, its history and your action"),
    ),
    Screen(
        "nodal_inbox",
        "/officer",
        Text("जिला नोडल अधिकारी का डेस्क", "The district nodal officer's desk"),
    ),
    Screen(
        "nodal_directory",
        "/nodal",
        Text(
            "अधिकारी निर्देशिका: जिले के रिक्त पद और विभागवार पद",
            "The officers' directory: vacant posts, posts by department",
        ),
    ),
    Screen(
        "nodal_post",
        "/nodal/post",
        Text("अधिकारी को पद पर पदस्थ करना, और पद का इतिहास", "Posting an officer to a post, and the post's history"),
    ),
    Screen(
        "nodal_end",
        "/nodal/end",
        Text("पदस्थापना समाप्त करना; नया अस्थायी पासवर्ड भेजना", "Ending a posting; sending a password again"),
    ),
    Screen(
        "exclusion_proposal",
        "/officer/exclusions",
        Text("राज्य नोडल अधिकारी: सेवा अपवर्जन का प्रस्ताव", "The state nodal officer: proposing a service exclusion"),
    ),
    Screen(
        "exclusions",
        "/exclusions",
        Text("हेल्पलाइन से बाहर रखी गई सेवाएँ (सार्वजनिक सूची)", "Services excluded from the helpline (public list)"),
    ),
    Screen("monitor_login", "/monitor", Text("मॉनिटरिंग लॉगिन", "The monitoring login")),
    Screen(
        "monitor_district",
        "/monitor/district/SEHORE",
        Text("कलेक्टर का जिला डैशबोर्ड", "The Collector's district dashboard"),
        desktop=True,
    ),
    Screen(
        "monitor_ranking",
        "/monitor/ranking",
        Text("जिलों की राज्य स्तरीय ग्रेडिंग", "The state grading of districts"),
        desktop=True,
    ),
    Screen("cce_login", "/cce", Text("कॉल सेंटर लॉगिन", "The call centre's login")),
    Screen(
        "cce_console",
        "/cce",
        Text("कॉल सेंटर कंसोल: कॉल लें, शिकायत दर्ज करें", "The call-centre console: take a call, file the complaint"),
    ),
    Screen(
        "cce_callbacks",
        "/cce/callbacks",
        Text("संतुष्टि कॉल की सूची", "The satisfaction callbacks' queue"),
    ),
)
BY_NAME = {s.name: s for s in SCREENS}


def file_name(name: str, lang: str) -> str:
    return f"{name}.{lang}.jpg"


def path_of(name: str, lang: str) -> Path | None:
    """The screenshot's file, if `name` and `lang` are the manual's and it was taken."""
    if name not in BY_NAME or lang not in LANGS:
        return None
    path = FOLDER / file_name(name, lang)
    return path if path.is_file() else None


def manifest() -> dict[str, Any]:
    """`{"<name>.<lang>": {"outline": [...], "width", "height"}}` as the browser test wrote it."""
    if not MANIFEST.is_file():
        return {}
    return json.loads(MANIFEST.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
