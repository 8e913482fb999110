"""The scheme knowledge base on the in-memory world: a department's state nodal officer adds,
amends and ends its schemes, every version kept; no one else may; the search finds the right
scheme first from a few words in Hindi, English or Hindi in Latin letters, misspelt."""

from __future__ import annotations

from typing import Any

import pytest

from chalicelib.domain.actor import STAFF, Caller
from chalicelib.domain.directory import state_nodal_post
from chalicelib.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from chalicelib.services import scheme_search, schemes
from devstack.schemes import demo_schemes, load_schemes
from tests.fakes.world import World

REVENUE_NODAL = "revenue.nodal.state"


def nodal(world: World, department: str = "REVENUE") -> Caller:
    officer = world.post_officer(state_nodal_post(department))
    return Caller(STAFF, officer.officer_id, frozenset({"nodal", "officer"}))


def new_scheme(**replace: Any) -> dict[str, Any]:
    return {
        "department": "REVENUE",
        "name_hi": "मुख्यमंत्री भू-अधिकार योजना",
        "name_en": "Mukhyamantri Bhu-Adhikar Yojana",
        "objective_hi": "गाँव में जिन परिवारों के पास रहने के लिए भूमि नहीं है, उन्हें आवासीय भू-खंड।",
        "objective_en": "A residential plot for village families who have no land to live on.",
        "eligibility": [{"hi": "गाँव में अपनी आवासीय भूमि न हो", "en": "No residential land of their own"}],
    } | replace


@pytest.fixture
def demo() -> World:
    world = World()
    assert load_schemes(world.scheme_desk()) == len(demo_schemes())
    return world


def test_the_state_nodal_officer_adds_amends_and_ends_a_scheme_and_every_version_is_kept() -> None:
    world = World()
    officer = nodal(world)
    assert officer.id == REVENUE_NODAL
    created = schemes.create(officer, new_scheme(), world.scheme_desk())
    assert (created.scheme_id, created.version, created.status) == (
        "revenue-mukhyamantri-bhu-adhikar-yojana",
        1,
        "active",
    )

    world.clock.advance(hours=2)
    amended_body = new_scheme(
        eligibility=[*new_scheme()["eligibility"], {"hi": "परिवार में कोई आयकरदाता न हो", "en": "No income-tax payer"}],
        note="पात्रता में आयकर की शर्त जोड़ी",
    )
    amended_body.pop("department")
    amended = schemes.amend(officer, created.scheme_id, amended_body, world.scheme_desk())
    assert amended.version == 2 and len(amended.eligibility) == 2
    assert schemes.amend(officer, created.scheme_id, amended_body, world.scheme_desk()) == amended  # no new version

    ended = schemes.end(officer, created.scheme_id, {"note": "योजना बंद"}, world.scheme_desk())
    assert (ended.status, ended.version) == ("ended", 3)
    assert schemes.end(officer, created.scheme_id, {}, world.scheme_desk()).version == 3  # again: nothing

    versions = schemes.versions(created.scheme_id, world.schemes)
    assert [(v.version, v.event, v.changed) for v in versions] == [
        (1, "new", ()),
        (2, "amended", ("eligibility",)),
        (3, "ended", ("status",)),
    ]
    assert versions[0].scheme.eligibility == created.eligibility  # the first version as it was
    assert versions[1].note == "पात्रता में आयकर की शर्त जोड़ी" and versions[1].by == f"staff:{REVENUE_NODAL}"
    with pytest.raises(Conflict):  # an ended scheme is not amended
        schemes.amend(officer, created.scheme_id, amended_body, world.scheme_desk())


def test_another_departments_nodal_officer_an_executive_and_a_citizen_may_not_change_it() -> None:
    world = World()
    created = schemes.create(nodal(world), new_scheme(), world.scheme_desk())
    others = [
        nodal(world, "HEALTH"),
        Caller(STAFF, "cce1", frozenset({"cce"})),
        Caller(STAFF, world.post_officer("REVENUE:L2:SEHORE").officer_id, frozenset({"officer", "monitor"})),
        Caller("citizen", "+919876543210"),
    ]
    amended = {k: v for k, v in new_scheme(name_hi="बदला नाम").items() if k != "department"}
    for who in others:
        with pytest.raises(Forbidden):
            schemes.create(who, new_scheme(name_en="Another"), world.scheme_desk())
        with pytest.raises(Forbidden):
            schemes.amend(who, created.scheme_id, amended, world.scheme_desk())
        with pytest.raises(Forbidden):
            schemes.end(who, created.scheme_id, {}, world.scheme_desk())
    assert [v.version for v in world.schemes.versions(created.scheme_id)] == [1]
    admin = Caller(STAFF, "admin", frozenset({"admin"}))
    assert schemes.amend(admin, created.scheme_id, amended, world.scheme_desk()).version == 2


def test_a_nodal_officer_whose_posting_ended_keeps_no_schemes() -> None:
    world = World()
    officer = nodal(world)
    posting = world.directory.current_holders(state_nodal_post("REVENUE"))[0]
    world.directory.end_posting(posting, world.clock.now().isoformat(), "transfer")
    with pytest.raises(Forbidden):
        schemes.create(officer, new_scheme(), world.scheme_desk())


def test_the_keepers_pages_see_their_departments_schemes_and_no_one_elses() -> None:
    world = World()
    officer, health = nodal(world), nodal(world, "HEALTH")
    desk = world.scheme_desk()
    assert schemes.kept_departments(officer, desk) == ["REVENUE"]
    assert schemes.kept_departments(Caller(STAFF, "cce1", frozenset({"cce"})), desk) == []
    admin = Caller(STAFF, "admin", frozenset({"admin"}))
    assert len(schemes.kept_departments(admin, desk)) == len(world.directory.departments()) > 2
    first = schemes.create(officer, new_scheme(), desk)
    second = schemes.create(officer, new_scheme(name_en="Awas Yojana", name_hi="आवास योजना"), desk)
    schemes.create(health, new_scheme(department="HEALTH", name_en="Swasthya"), desk)
    schemes.end(officer, first.scheme_id, {}, desk)
    listed = schemes.kept(officer, "REVENUE", desk)
    assert [(s.scheme_id, s.status) for s in listed] == [(second.scheme_id, "active"), (first.scheme_id, "ended")]
    assert schemes.for_keeper(officer, second.scheme_id, desk) == second
    with pytest.raises(Forbidden):
        schemes.kept(health, "REVENUE", desk)
    with pytest.raises(Forbidden):
        schemes.for_keeper(health, second.scheme_id, desk)
    with pytest.raises(NotFound):
        schemes.for_keeper(officer, "revenue-nothing-here", desk)
    stale = {k: v for k, v in new_scheme(name_en="Awas Yojana", name_hi="आवास").items() if k != "department"}
    with pytest.raises(Forbidden):  # not "changed meanwhile": another department learns nothing
        schemes.amend(health, second.scheme_id, stale | {"version": 7}, desk)
    with pytest.raises(Forbidden):
        schemes.end(health, second.scheme_id, {"version": 7}, desk)
    with pytest.raises(Conflict):
        schemes.amend(officer, second.scheme_id, stale | {"version": 7}, desk)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"objective_hi": "पहली पंक्ति\nदूसरी पंक्ति\nतीसरी पंक्ति"}, "objective_hi"),
        ({"objective_en": "x" * 301}, "objective_en"),
        ({"eligibility": []}, "eligibility"),
        ({"eligibility": [{"hi": "केवल हिंदी"}]}, "eligibility.0.en"),
        ({"department": "NOWHERE"}, "department"),
        ({"name_en": "  "}, "name_en"),
    ],
)
def test_bad_scheme_information_is_refused_in_hindi_and_english(change: dict[str, Any], field: str) -> None:
    world = World()
    with pytest.raises(InvalidInput) as refused:
        schemes.create(Caller(STAFF, "admin", frozenset({"admin"})), new_scheme(**change), world.scheme_desk())
    assert field in refused.value.fields
    text = refused.value.fields[field]
    assert text.hi and text.en and text.hi != text.en
    assert world.schemes.current == {}


def test_two_lines_of_objective_are_kept_and_the_same_scheme_twice_is_one_scheme() -> None:
    world = World()
    officer = nodal(world)
    s = schemes.create(officer, new_scheme(objective_hi="  पहली पंक्ति  \r\n  दूसरी पंक्ति "), world.scheme_desk())
    assert s.objective.hi == "पहली पंक्ति\nदूसरी पंक्ति"
    with pytest.raises(Conflict):
        schemes.create(officer, new_scheme(), world.scheme_desk())
    with pytest.raises(NotFound):
        schemes.amend(
            officer,
            "revenue-nothing",
            {k: v for k, v in new_scheme().items() if k != "department"},
            world.scheme_desk(),
        )
    stale = {k: v for k, v in new_scheme(name_hi="नया").items() if k != "department"} | {"version": 7}
    with pytest.raises(Conflict):
        schemes.amend(officer, s.scheme_id, stale, world.scheme_desk())


def first(found: list[Any]) -> str:
    assert found, "nothing found"
    return str(found[0].name.en)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("वृद्धावस्था पेंशन", "Indira Gandhi National Old Age Pension Scheme"),
        ("वृध्दावस्था पेन्शन योजना", "Indira Gandhi National Old Age Pension Scheme"),  # misspelt Hindi
        ("old age pension", "Indira Gandhi National Old Age Pension Scheme"),
        ("old age pensoin", "Indira Gandhi National Old Age Pension Scheme"),  # misspelt English
        ("vridha pension yojna", "Indira Gandhi National Old Age Pension Scheme"),  # Hindi in Latin letters
        ("vidhwa pension", "Indira Gandhi National Widow Pension Scheme"),
        ("विकलांग दिव्यांग पेंशन", "Indira Gandhi National Disability Pension Scheme"),
        ("laadli behana", "Mukhyamantri Ladli Behna Yojana"),
        ("लाडली बहना", "Mukhyamantri Ladli Behna Yojana"),
        ("ladli laxmi", "Ladli Laxmi Yojana"),
        ("kisan kalyan", "Mukhyamantri Kisan Kalyan Yojana"),
        ("किसान सम्मान निधि", "PM Kisan Samman Nidhi"),
        ("aayushman card", "Ayushman Bharat Niramayam (PM Jan Arogya Yojana)"),
        ("आयुश्मान", "Ayushman Bharat Niramayam (PM Jan Arogya Yojana)"),
        ("pradhan mantri awas gramin", "Pradhan Mantri Awas Yojana - Gramin"),
        ("शहरी आवास", "Pradhan Mantri Awas Yojana - Urban"),
        ("chhatravritti", "Post Matric Scholarship (Scheduled Tribes)"),
        ("scholarship", "Post Matric Scholarship (Scheduled Tribes)"),
        ("cycle", "Free Bicycle Distribution Scheme"),
        ("sambal yojana", "Mukhyamantri Jan Kalyan (Sambal) Yojana"),
        ("बिजली बिल", "Atal Griha Jyoti Yojana"),
        ("kanya vivah", "Mukhyamantri Kanya Vivah / Nikah Yojana"),
        ("free ration", "Pradhan Mantri Garib Kalyan Anna Yojana"),
    ],
)
def test_a_few_words_find_the_right_scheme_first(demo: World, query: str, expected: str) -> None:
    assert first(schemes.search(query, demo.schemes)) == expected


def test_pension_finds_the_pension_schemes_first_and_nonsense_finds_nothing(demo: World) -> None:
    found = schemes.search("pension", demo.schemes, limit=3)
    assert all("Pension" in s.name.en for s in found) and len(found) == 3
    assert [s.name.en for s in schemes.search("पेंशन", demo.schemes, limit=3)] == [s.name.en for s in found]
    assert schemes.search("qwxz zzvv", demo.schemes) == []
    assert schemes.search("", demo.schemes) == []


def test_search_keeps_to_the_department_and_to_active_schemes(demo: World) -> None:
    found = schemes.search("pension", demo.schemes, department="SOCIAL_JUSTICE", limit=10)
    assert {s.department for s in found} == {"SOCIAL_JUSTICE"}
    assert schemes.search("pension", demo.schemes, department="HEALTH") == []
    ladli = schemes.search("ladli behna", demo.schemes)[0]
    schemes.end(Caller(STAFF, "admin", frozenset({"admin"})), ladli.scheme_id, {}, demo.scheme_desk())
    assert ladli.scheme_id not in [s.scheme_id for s in schemes.search("ladli behna", demo.schemes)]
    ended = schemes.listing(demo.schemes, q="ladli behna", status="ended")
    assert [s.scheme_id for s in ended] == [ladli.scheme_id]


def test_the_index_is_built_once_and_again_only_when_the_catalogue_changed(demo: World) -> None:
    reads = demo.schemes.catalogue_reads
    for q in ("pension", "kisan", "आवास"):
        schemes.search(q, demo.schemes)
    assert demo.schemes.catalogue_reads == reads + 1
    schemes.create(
        nodal(demo), new_scheme(name_en="Revenue Test Scheme", name_hi="राजस्व परीक्षण योजना"), demo.scheme_desk()
    )
    assert first(schemes.search("parikshan", demo.schemes)) == "Revenue Test Scheme"
    assert demo.schemes.catalogue_reads == reads + 2
    # Another process's write: this one sees it once the stamp is looked at again.
    demo.schemes.changes_count += 1
    scheme_search.STAMP_EVERY, before = 0.0, scheme_search.STAMP_EVERY
    try:
        schemes.search("kisan", demo.schemes)
    finally:
        scheme_search.STAMP_EVERY = before
    assert demo.schemes.catalogue_reads == reads + 3


def test_the_days_changes_are_the_new_amended_and_ended_schemes_newest_first(demo: World) -> None:
    today = schemes.changes(demo.scheme_desk())
    assert len(today) == len(demo_schemes()) + 1  # Ladli Behna was amended after it was entered
    ladli = [v for v in today if v.scheme.name.en == "Mukhyamantri Ladli Behna Yojana"]
    assert [(v.event, v.changed) for v in ladli] == [("amended", ("eligibility",)), ("new", ())]
    demo.clock.advance(days=1)
    assert schemes.changes(demo.scheme_desk()) == []
    admin = Caller(STAFF, "admin", frozenset({"admin"}))
    schemes.end(admin, ladli[0].scheme_id, {}, demo.scheme_desk())
    assert [(v.event, v.scheme_id) for v in schemes.changes(demo.scheme_desk())] == [("ended", ladli[0].scheme_id)]


def test_the_demo_loads_once(demo: World) -> None:
    assert load_schemes(demo.scheme_desk()) == 0
    assert len(demo.schemes.catalogue()) == len(demo_schemes())


def test_spelling_variants_fold_to_one_word() -> None:
    from chalicelib.domain.matching import fold_devanagari, fold_latin, query_terms, romanize

    assert fold_devanagari("पेन्शन") == fold_devanagari("पेंशन")  # half-n or anusvara
    assert fold_devanagari("लाडली") == fold_devanagari("लाड़ली")  # nukta
    assert fold_devanagari("आयुष्मान भारती") == fold_devanagari("आयुष्मान भारति")  # long or short i
    assert fold_latin("chhatravritti") == fold_latin("chatravriti") == fold_latin("Chhaatravrittee")
    assert fold_latin("ladli") == fold_latin("laadli") and fold_latin("vidhwa") == fold_latin("vidva")
    assert romanize("लाड़ली बहना योजना") == ["ladli", "bahna", "yojna"]  # Hindi's silent a dropped
    assert romanize("वृद्धावस्था पेंशन") == [fold_latin("vriddhavastha"), "pensan"]
    assert query_terms("pension yojna ki jankari") == ["pension"]
    assert query_terms("योजना") == ["योजना"]  # nothing else was said
