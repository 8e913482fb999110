"""The officers' manual as committed (R-MANUAL, R-SUPPORT): every screenshot it shows is in the
repository with its outline, in Hindi and English; every manual is complete in both languages;
the support numbers are the circular's, as the officers' line says them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chalicelib.pages import help_screens as hs
from chalicelib.pages.help_text import BACKUP_NUMBERS, MANUALS, OFFICERS_LINE, STRINGS

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", sorted(hs.BY_NAME))
@pytest.mark.parametrize("lang", hs.LANGS)
def test_every_screenshot_is_committed_as_a_jpeg_with_the_outline_it_was_taken_of(name: str, lang: str) -> None:
    path = hs.path_of(name, lang)
    assert path is not None, f"{name}.{lang}: run tests/e2e/test_help_pages.py and commit what it writes"
    assert path.read_bytes()[:3] == b"\xff\xd8\xff"  # JPEG
    entry = hs.manifest()[f"{name}.{lang}"]
    assert entry["outline"] and entry["width"] > 0 and entry["height"] > 0


def test_the_folder_holds_the_manuals_screenshots_and_nothing_else() -> None:
    files = {p.name for p in hs.FOLDER.iterdir()}
    assert files == {hs.file_name(n, lang) for n in hs.BY_NAME for lang in hs.LANGS} | {hs.MANIFEST.name}
    assert set(hs.manifest()) == {f"{n}.{lang}" for n in hs.BY_NAME for lang in hs.LANGS}


def test_every_manual_is_in_hindi_and_english_and_shows_only_known_screens() -> None:
    assert set(MANUALS) == {"officer", "nodal", "monitor", "cce"}
    shown = set()
    for m in MANUALS.values():
        for t in (m.title, m.audience, *(s.heading for s in m.sections), *(x for s in m.sections for x in s.steps)):
            assert t.hi.strip() and t.en.strip() and t.hi != t.en, t
            assert any("\u0900" <= ch <= "\u097f" for ch in t.hi), t  # Devanagari
        shown |= {s.screen for s in m.sections if s.screen}
    assert shown == set(hs.BY_NAME)  # every screenshot taken is shown somewhere
    assert all(t.hi and t.en for t in STRINGS.values())


def test_the_support_numbers_are_the_circulars_as_the_officers_line_says_them() -> None:
    assert BACKUP_NUMBERS == ("9893049952", "8461000473", "9303135727") and OFFICERS_LINE == "1800-2330-183"
    flow = json.loads((ROOT / "connect" / "flows" / "officer_line.json").read_text(encoding="utf-8"))
    said = json.dumps(flow, ensure_ascii=False)
    assert all(n in said for n in BACKUP_NUMBERS)


def test_the_nodal_officers_manual_walks_through_every_directory_task_on_the_nodal_pages() -> None:
    from chalicelib.pages.nodal_text import STRINGS as NT

    manual = MANUALS["nodal"]
    for lang in hs.LANGS:
        words = " ".join(x.in_lang(lang) for s in manual.sections for x in (s.heading, *s.steps))
        assert "/nodal" in words
        # posting, additional charge, ending, the password again, CSV import and export, vacancies,
        # the post's history: each named by the words its page shows
        for key in ("post_officer", "k_additional_charge", "end_posting", "holder_more", "send_password"):
            assert NT[key].in_lang(lang) in words, (lang, key)
        for key in ("import_h", "do_import", "export", "vacant_h", "changes_h", "r_charge_withdrawn"):
            assert NT[key].in_lang(lang) in words, (lang, key)
    shown = {s.screen for s in manual.sections if s.screen}
    assert {"nodal_directory", "nodal_post", "nodal_end"} <= shown
    assert {hs.BY_NAME[n].page.split("?")[0] for n in ("nodal_directory", "nodal_post", "nodal_end")} == {
        "/nodal",
        "/nodal/post",
        "/nodal/end",
    }


@pytest.mark.parametrize("template", ["nodal.html", "nodal_post.html", "nodal_end.html", "nodal_import.html"])
def test_every_nodal_page_links_to_the_nodal_officers_manual(template: str) -> None:
    page = (ROOT / "chalicelib" / "pages" / "templates" / template).read_text(encoding="utf-8")
    assert '{% set help_role = "nodal" %}' in page
