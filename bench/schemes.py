"""Scheme search at the knowledge base's scale: 2,000 schemes (the 18 demo schemes and 1,982 made
from realistic parts: district × topic, Hindi and English) stored through the DynamoDB adapter on
moto; then queries typed as a caller says them (Hindi, English, Hindi in Latin letters, slips).

    python -m bench.schemes [--schemes 2000] [--rounds 40]

The catalogue is loaded with batch writes (each item with the search keys a version gets when
it is written); a sample goes through the use case, for the cost of one write. Prints that
cost, the time to build the index from the catalogue (one paged query), and per query: median
and p95 of the search itself (index in memory, as in a warm Lambda) and of the stamp read that
decides whether the index is current; and how many queries found their scheme first.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import time
from datetime import UTC, datetime
from typing import Any

TOPICS = [  # (Hindi, English, eligibility Hindi, eligibility English)
    ("कृषि यंत्र अनुदान", "Krishi Yantra Anudan", "पंजीकृत किसान", "A registered farmer"),
    ("सिंचाई पंप ऊर्जा", "Sinchai Pump Urja", "कृषि पंप कनेक्शन", "A farm pump connection"),
    ("स्वरोजगार ऋण", "Swarozgar Rin", "आयु 18 से 45 वर्ष", "Aged 18 to 45 years"),
    ("बालिका छात्रावास", "Balika Chhatravas", "कक्षा 9 से 12 की छात्रा", "A girl student of class 9 to 12"),
    ("तीर्थ दर्शन", "Teerth Darshan", "आयु 60 वर्ष या अधिक", "Aged 60 years or more"),
    ("मत्स्य पालन सहायता", "Matsya Palan Sahayata", "मछुआ सहकारी समिति का सदस्य", "Member of a fishers' cooperative"),
    ("पशुपालन ऋण", "Pashupalan Rin", "पशुपालक किसान", "A livestock farmer"),
    ("कौशल प्रशिक्षण", "Kaushal Prashikshan", "10वीं उत्तीर्ण युवा", "A young person who passed class 10"),
    ("नि:शुल्क कोचिंग", "Free Coaching", "अनुसूचित जाति/जनजाति के विद्यार्थी", "SC/ST students"),
    ("ग्रामीण सड़क", "Gramin Sadak", "ग्राम पंचायत का प्रस्ताव", "A gram panchayat's proposal"),
    ("जल जीवन नल कनेक्शन", "Jal Jeevan Nal Connection", "ग्रामीण परिवार", "A rural family"),
    ("सौर ऊर्जा पंप", "Saur Urja Pump", "कृषि भूमि धारक", "Holds farm land"),
]
QUERIES = [  # what a caller says, and the scheme the executive wants first
    ("वृद्धावस्था पेंशन", "Indira Gandhi National Old Age Pension Scheme"),
    ("old age pensoin", "Indira Gandhi National Old Age Pension Scheme"),
    ("vridha pension yojna", "Indira Gandhi National Old Age Pension Scheme"),
    ("vidhwa pension", "Indira Gandhi National Widow Pension Scheme"),
    ("laadli behana", "Mukhyamantri Ladli Behna Yojana"),
    ("लाडली बहना योजना", "Mukhyamantri Ladli Behna Yojana"),
    ("kisan kalyan yojna", "Mukhyamantri Kisan Kalyan Yojana"),
    ("आयुश्मान कार्ड", "Ayushman Bharat Niramayam (PM Jan Arogya Yojana)"),
    ("pradhan mantri awas gramin", "Pradhan Mantri Awas Yojana - Gramin"),
    ("chhatravritti", "Post Matric Scholarship (Scheduled Tribes)"),
    ("sambal", "Mukhyamantri Jan Kalyan (Sambal) Yojana"),
    ("बिजली बिल", "Atal Griha Jyoti Yojana"),
    ("indore krishi yantra anudan", "Indore Krishi Yantra Anudan Yojana"),
    ("सीहोर मत्स्य पालन", "Sehore Matsya Palan Sahayata Yojana"),
    ("bhopal tirth darshan", "Bhopal Teerth Darshan Yojana"),
]


def synthetic(n: int) -> list[dict[str, Any]]:
    """`n` scheme bodies: each district × topic, names in both languages."""
    from chalicelib.services.structure import mp_data

    districts = mp_data()["districts"]
    out = []
    for i in range(n):
        d, (hi, en, el_hi, el_en) = districts[i % len(districts)], TOPICS[(i // len(districts)) % len(TOPICS)]
        round_ = i // (len(districts) * len(TOPICS))
        suffix = f" {round_ + 1}" if round_ else ""
        out.append(
            {
                "department": ["AGRICULTURE", "LABOUR", "SOCIAL_JUSTICE", "PHE", "ENERGY"][i % 5],
                "name_hi": f"{d['name_hi']} {hi} योजना{suffix}",
                "name_en": f"{d['name_en']} {en} Yojana{suffix}",
                "objective_hi": f"{d['name_hi']} जिले में {hi} के लिए सहायता।",
                "objective_en": f"Help for {en.lower()} in {d['name_en']} district.",
                "eligibility": [{"hi": el_hi, "en": el_en}, {"hi": f"{d['name_hi']} का निवासी", "en": "A resident"}],
            }
        )
    return out


SAMPLE = 20  # schemes written through the use case; the rest batch-written


def as_scheme(body: dict[str, Any]) -> Any:
    """A scheme as its first version stores it, search keys included."""
    from chalicelib.clock import iso
    from chalicelib.domain.matching import keys_of
    from chalicelib.domain.schemes import Scheme, scheme_id_for
    from chalicelib.domain.text import Text

    name, objective = Text(body["name_hi"], body["name_en"]), Text(body["objective_hi"], body["objective_en"])
    eligibility = tuple(Text(e["hi"], e["en"]) for e in body["eligibility"])
    sid = scheme_id_for(body["department"], body["name_en"])
    at = iso(datetime.now(UTC))
    return Scheme(
        sid, body["department"], name, objective, eligibility, "active", 1, at, keys_of(name, objective, eligibility)
    )


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--schemes", type=int, default=2000)
    ap.add_argument("--rounds", type=int, default=40)
    args = ap.parse_args()
    from bench.stack import moto_stack

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with moto_stack():
        from chalicelib import bootstrap
        from chalicelib.adapters.dynamo.models import SchemeItem
        from chalicelib.adapters.dynamo.schemes_repo import CATALOGUE, _item
        from chalicelib.domain.actor import STAFF, Caller
        from chalicelib.services import scheme_search, schemes
        from devstack.schemes import demo_schemes

        desk = bootstrap.scheme_desk()
        admin = Caller(STAFF, "bench", frozenset({"admin"}))
        bodies = demo_schemes() + synthetic(args.schemes - len(demo_schemes()))
        schemes.create(admin, bodies[0], desk)  # the transliteration tables load once per process
        sample = bodies[1:SAMPLE]
        t0 = time.perf_counter()
        for body in sample:
            schemes.create(admin, body, desk)
        wrote = (time.perf_counter() - t0) / len(sample)
        t0 = time.perf_counter()
        rest = [as_scheme(body) for body in bodies[SAMPLE:]]
        keyed = (time.perf_counter() - t0) / len(rest)
        with SchemeItem.batch_write() as batch:
            for s in rest:
                batch.save(_item(CATALOGUE, s.scheme_id, s))

        store = bootstrap.get_schemes()
        t0 = time.perf_counter()
        catalogue = store.catalogue()
        read = time.perf_counter() - t0
        t0 = time.perf_counter()
        index = scheme_search.SchemeIndex(catalogue)
        built = time.perf_counter() - t0
        assert len(index.schemes) == len(bodies), len(index.schemes)
        t0 = time.perf_counter()
        index.search("pension")  # the first search imports rapidfuzz
        first = time.perf_counter() - t0

        stamp_times, search_times, hits = [], [], 0
        for _ in range(args.rounds):
            for q, expected in QUERIES:
                t0 = time.perf_counter()
                store.stamp()
                stamp_times.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                found = index.search(q)
                search_times.append(time.perf_counter() - t0)
                hits += bool(found) and found[0].name.en == expected
        ms = 1000.0
        n = len(search_times)
        print(f"schemes: {len(bodies)}   index terms: {len(index.postings)}   queries: {n}")
        print(f"a version's search keys (romanized Hindi, folded terms): {keyed * ms:.1f} ms")
        print(f"a scheme written through the use case (keys + one transaction, moto): {wrote * ms:.0f} ms")
        size = sum(len(json.dumps(_item(CATALOGUE, s.scheme_id, s).serialize())) for s in catalogue)
        print(
            f"catalogue read (one paged query): {read * ms:.0f} ms on the moto server, whose Query slows with a "
            f"partition's size; {size / 1e6:.1f} MB is {size // 1_000_000 + 1} pages of 1 MB on DynamoDB"
        )
        print(f"index build from the catalogue (in memory): {built * ms:.0f} ms")
        print(f"first search of a process (imports rapidfuzz): {first * ms:.0f} ms")
        print(
            f"search per query (index in memory): median {statistics.median(search_times) * ms:.2f} ms, "
            f"p95 {pct(search_times, 95) * ms:.2f} ms, max {max(search_times) * ms:.2f} ms"
        )
        print(
            f"stamp read per check (moto server, at most one every {scheme_search.STAMP_EVERY:.0f} s): median "
            f"{statistics.median(stamp_times) * ms:.2f} ms, p95 {pct(stamp_times, 95) * ms:.2f} ms"
        )
        print(f"right scheme first: {hits}/{n}")
        return 0 if hits == n else 1


if __name__ == "__main__":
    sys.exit(main())
