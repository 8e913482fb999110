"""The search index of the scheme knowledge base: built in memory from the stored catalogue
(each scheme's search keys were made when its version was written), kept per process, and
rebuilt only when the catalogue's stamp moved — no table read per query beyond that stamp.

A query's words are matched to the index's terms with rapidfuzz (an edit-distance ratio, plus
prefixes for a word typed halfway), in the query word's own script; a scheme scores the best
match of each query word among its terms, a name's terms counting more than its objective's
and eligibility's. The best scores first.
"""

from __future__ import annotations

import bisect
import time
import weakref
from collections.abc import Iterable
from dataclasses import dataclass

from chalicelib.domain.matching import is_devanagari, query_terms
from chalicelib.domain.schemes import Scheme
from chalicelib.services.ports import SchemesStore

NAME, TEXT = 1.0, 0.55  # weights of a term found in the name, in the objective/eligibility
PREFIX = 90.0  # the score of a term that starts with the query word (3 letters or more)
CANDIDATES = 40  # terms considered per query word
STAMP_EVERY = 2.0  # seconds between two looks at the catalogue's stamp (a write here forgets at once)


def cutoff(word: str) -> float:
    """How alike a term must be: exact for one- and two-letter words, looser for long words."""
    n = len(word)
    if n <= 2:
        return 100.0
    if n <= 4:
        return 74.0
    return 72.0 if n <= 7 else 70.0


class SchemeIndex:
    """Terms → schemes (with the weight of the field they were found in), per script."""

    def __init__(self, schemes: Iterable[Scheme]) -> None:
        self.schemes = sorted(schemes, key=lambda s: (s.department, s.name.en.lower(), s.scheme_id))
        self.postings: dict[str, dict[int, float]] = {}
        for i, s in enumerate(self.schemes):
            for field, weight in (("text", TEXT), ("name", NAME)):
                for term in (s.keys.get(field) or "").split():
                    post = self.postings.setdefault(term, {})
                    post[i] = max(post.get(i, 0.0), weight)
        terms = sorted(self.postings)
        self.latin = [t for t in terms if not is_devanagari(t)]
        self.devanagari = [t for t in terms if is_devanagari(t)]

    def _matches(self, word: str) -> dict[str, float]:
        from rapidfuzz import fuzz, process  # imported on the first search, not at cold start

        vocab = self.devanagari if is_devanagari(word) else self.latin
        found = {
            term: float(score)
            for term, score, _ in process.extract(
                word, vocab, scorer=fuzz.ratio, score_cutoff=cutoff(word), limit=CANDIDATES
            )
        }
        if len(word) >= 3:
            i = bisect.bisect_left(vocab, word)
            while i < len(vocab) and vocab[i].startswith(word) and len(found) < 2 * CANDIDATES:
                found[vocab[i]] = max(found.get(vocab[i], 0.0), PREFIX)
                i += 1
        return found

    def search(
        self, text: str, department: str | None = None, limit: int = 5, active_only: bool = True
    ) -> list[Scheme]:
        """The schemes best matching `text`, best first (none if no word matched)."""
        scores: dict[int, float] = {}
        for word in query_terms(text):
            best: dict[int, float] = {}
            for term, similarity in self._matches(word).items():
                for i, weight in self.postings[term].items():
                    best[i] = max(best.get(i, 0.0), similarity * weight)
            for i, score in best.items():
                scores[i] = scores.get(i, 0.0) + score
        ranked = sorted(scores, key=lambda i: (-scores[i], i))
        out = []
        for i in ranked:
            s = self.schemes[i]
            if (department is None or s.department == department) and (s.active or not active_only):
                out.append(s)
                if len(out) >= limit:
                    break
        return out


@dataclass
class _Cached:
    stamp: int
    checked: float
    index: SchemeIndex


_INDEXES: weakref.WeakKeyDictionary[SchemesStore, _Cached] = weakref.WeakKeyDictionary()


def index_of(store: SchemesStore) -> SchemeIndex:
    """The store's index, rebuilt when its stamp moved (looked at every `STAMP_EVERY` seconds:
    a scheme changed in another process is found within that)."""
    now = time.monotonic()
    cached = _INDEXES.get(store)
    if cached is not None and now - cached.checked < STAMP_EVERY:
        return cached.index
    stamp = store.stamp()  # first: a catalogue read after it is at least as new
    if cached is None or cached.stamp != stamp:
        cached = _Cached(stamp, now, SchemeIndex(store.catalogue()))
        _INDEXES[store] = cached
    cached.checked = now
    return cached.index


def forget(store: SchemesStore) -> None:
    """A scheme was written through this store: the next search rebuilds the index."""
    _INDEXES.pop(store, None)
