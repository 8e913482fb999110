"""Unit tests for the Madhya Pradesh reference data in chalicelib/data/mp.json."""

import json
import re
from pathlib import Path

import pytest

DATA_PATH = Path(__file__).resolve().parents[2] / "chalicelib/data/mp.json"

CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9_-]*$")
# Devanagari letters/signs plus the punctuation allowed inside official Hindi names.
HINDI_RE = re.compile(r"^[\u0900-\u097F\s,()./-]+$")
DEVANAGARI_LETTER_RE = re.compile(r"[\u0904-\u0939]")
ASCII_NAME_RE = re.compile(r"^[ -~]+$")

LEVELS = ("L1", "L2", "L3", "L4")


@pytest.fixture(scope="module")
def mp():
    with open(DATA_PATH, encoding="utf-8") as fh:
        return json.load(fh)


def _all_named_entries(mp):
    yield from mp["divisions"]
    yield from mp["districts"]
    for blocks in mp["blocks"].values():
        yield from blocks
    yield from mp["departments"]


def _is_hindi(text):
    return bool(HINDI_RE.match(text)) and bool(DEVANAGARI_LETTER_RE.search(text))


def _is_ascii_name(text):
    return bool(ASCII_NAME_RE.match(text)) and text.strip() == text


def test_file_has_exactly_10_divisions(mp):
    assert len(mp["divisions"]) == 10


def test_file_has_exactly_55_districts(mp):
    assert len(mp["districts"]) == 55


def test_expected_divisions_are_present(mp):
    codes = {d["code"] for d in mp["divisions"]}
    assert codes == {
        "BHOPAL",
        "INDORE",
        "GWALIOR",
        "JABALPUR",
        "REWA",
        "SAGAR",
        "UJJAIN",
        "CHAMBAL",
        "SHAHDOL",
        "NARMADAPURAM",
    }


def test_newest_districts_are_present(mp):
    codes = {d["code"] for d in mp["districts"]}
    for code in ("MAUGANJ", "PANDHURNA", "MAIHAR", "NIWARI", "AGAR_MALWA", "NARMADAPURAM"):
        assert code in codes


def test_every_district_belongs_to_an_existing_division(mp):
    division_codes = {d["code"] for d in mp["divisions"]}
    for district in mp["districts"]:
        assert district["division"] in division_codes, district


def test_every_division_has_at_least_one_district(mp):
    used = {d["division"] for d in mp["districts"]}
    assert used == {d["code"] for d in mp["divisions"]}


def test_division_codes_are_unique_and_slug_shaped(mp):
    codes = [d["code"] for d in mp["divisions"]]
    assert len(codes) == len(set(codes))
    assert all(CODE_RE.match(c) for c in codes), codes


def test_district_codes_are_unique_and_slug_shaped(mp):
    codes = [d["code"] for d in mp["districts"]]
    assert len(codes) == len(set(codes))
    assert all(CODE_RE.match(c) for c in codes), codes


def test_department_codes_are_unique_and_slug_shaped(mp):
    codes = [d["code"] for d in mp["departments"]]
    assert len(codes) == len(set(codes))
    assert all(CODE_RE.match(c) for c in codes), codes


def test_block_codes_are_unique_and_slug_shaped(mp):
    codes = [b["code"] for blocks in mp["blocks"].values() for b in blocks]
    assert len(codes) == len(set(codes))
    assert all(CODE_RE.match(c) for c in codes), codes


def test_every_name_hi_is_devanagari(mp):
    bad = [e["name_hi"] for e in _all_named_entries(mp) if not _is_hindi(e["name_hi"])]
    assert bad == []


def test_every_name_en_is_ascii(mp):
    bad = [e["name_en"] for e in _all_named_entries(mp) if not _is_ascii_name(e["name_en"])]
    assert bad == []


def test_blocks_exist_for_at_least_3_known_districts(mp):
    district_codes = {d["code"] for d in mp["districts"]}
    with_blocks = [code for code, blocks in mp["blocks"].items() if blocks]
    assert len(with_blocks) >= 3
    assert set(mp["blocks"]) <= district_codes


def test_every_block_code_is_prefixed_by_its_district_code(mp):
    for district_code, blocks in mp["blocks"].items():
        for block in blocks:
            assert block["code"].startswith(district_code + "-"), block
            assert len(block["code"]) > len(district_code) + 1, block


def test_every_department_has_l1_to_l4_posts_in_hindi_and_english(mp):
    assert len(mp["departments"]) >= 10
    for dept in mp["departments"]:
        posts = dept["posts"]
        assert set(posts) == set(LEVELS), dept["code"]
        for level in LEVELS:
            assert _is_hindi(posts[level]["hi"]), (dept["code"], level)
            assert _is_ascii_name(posts[level]["en"]), (dept["code"], level)


def test_special_posts_are_present_in_hindi_and_english(mp):
    special = mp["special_posts"]
    for key in ("COLLECTOR", "COMMISSIONER", "NODAL", "STATE_DESK", "STATE_NODAL", "SECRETARY", "ADMIN"):
        assert key in special
        assert _is_hindi(special[key]["hi"]), key
        assert _is_ascii_name(special[key]["en"]), key
