"""Words as the scheme search compares them: a caller's few words, typed in Hindi, in English or
in Hindi written in Latin letters, with the spelling slips people make.

Two spaces of terms. Devanagari words are compared in Devanagari, folded so that common slips
agree (nukta, chandrabindu/anusvara, a nasal half-letter/anusvara, long/short vowel signs).
Latin words — English and Hindi in Latin letters alike — are folded the way people spell Hindi
in Latin letters (aspirates, doubled letters, aa/ee/oo, sh/s, w/v); and every Hindi text of a
scheme is also written in Latin letters (indic-transliteration, with Hindi's silent final and
medial "a" dropped: योजना → yojna, लाड़ली बहना → ladli bahna), so "pension yojna" finds पेंशन
योजना. That romanization runs when a scheme version is written (`keys_of`); a search only folds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from chalicelib.domain.text import Text

_WORD = re.compile(r"[0-9a-z]+|[\u0900-\u0963\u0966-\u097f]+")
_DEVANAGARI = re.compile(r"[\u0900-\u097f]")
MIN_LENGTH = 2

# Words that say nothing about which scheme: dropped from a query (unless nothing else is left).
_GENERIC = "yojana yojna yojan scheme schemes skim योजना योजनाएं योजनाओं स्कीम"
_FILLER_LATIN = (
    "a an and are for how i in is it kya ki ke ka ko me mein mujhe hai hain aur bare baare "
    "jankari jaankari chahiye of on or the to what which with"
)
_FILLER_DEVANAGARI = "की के का को में है हैं और बारे जानकारी चाहिए मुझे क्या लिए से या एवं तथा"


def is_devanagari(word: str) -> bool:
    return bool(_DEVANAGARI.search(word))


# ---- Latin ---------------------------------------------------------------------------------
_LATIN_STEPS = (
    (re.compile("sh"), "s"),
    (re.compile("ph"), "f"),
    (re.compile("([bcdgjkpt])h+"), r"\1"),  # aspirates: bh→b, chh→c, dh→d …
    (re.compile("ck|q"), "k"),
    (re.compile("w"), "v"),
    (re.compile("z"), "j"),
    (re.compile("x"), "ks"),
    (re.compile("ee|ii"), "i"),
    (re.compile("oo|uu"), "u"),
    (re.compile(r"([a-z])\1+"), r"\1"),  # doubled letters, aa included
)


def fold_latin(word: str) -> str:
    """A Latin word as matched: lower case, no accents, Hindi-in-Latin spelling variants folded."""
    w = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
    for pattern, repl in _LATIN_STEPS:
        w = pattern.sub(repl, w)
    return w


# ---- Devanagari ----------------------------------------------------------------------------
_DEVANAGARI_MAP = str.maketrans(
    {
        "\u093c": None,  # nukta: ड़ → ड
        "\u200c": None,
        "\u200d": None,
        "\u0901": "\u0902",  # chandrabindu → anusvara
        "\u0940": "\u093f",  # ी → ि
        "\u0942": "\u0941",  # ू → ु
        "\u0948": "\u0947",  # ै → े
        "\u094c": "\u094b",  # ौ → ो
        "\u0908": "\u0907",  # ई → इ
        "\u090a": "\u0909",  # ऊ → उ
        "\u0910": "\u090f",  # ऐ → ए
        "\u0914": "\u0913",  # औ → ओ
    }
)
# A nasal half-letter before a stop is written as an anusvara too: पेन्शन = पेंशन, मन्त्री = मंत्री.
_HALF_NASAL = re.compile("[\u0919\u091e\u0923\u0928\u092e]\u094d(?=[\u0915-\u092e\u0936-\u0938])")


def fold_devanagari(word: str) -> str:
    w = unicodedata.normalize("NFD", word).translate(_DEVANAGARI_MAP)
    return unicodedata.normalize("NFC", _HALF_NASAL.sub("\u0902", w))


def fold(word: str) -> str:
    return fold_devanagari(word) if is_devanagari(word) else fold_latin(word)


# Folded as the words they are compared with.
GENERIC = frozenset(fold(w) for w in _GENERIC.split())
FILLER = frozenset(fold(w) for w in (_FILLER_LATIN + " " + _FILLER_DEVANAGARI).split())


def words(text: str) -> list[str]:
    """The folded words of a text, in order (numbers kept: "60 वर्ष")."""
    return [f for w in _WORD.findall(text.lower()) if len(f := fold(w)) >= MIN_LENGTH]


def query_terms(text: str) -> list[str]:
    """The words of a caller's query that tell schemes apart: fillers and "yojana" dropped
    (kept if nothing else is left), each word once."""
    found = list(dict.fromkeys(words(text)))
    telling = [w for w in found if w not in FILLER and w not in GENERIC]
    return telling or [w for w in found if w not in FILLER] or found


# ---- Hindi in Latin letters (written with a scheme version) -----------------------------
_UNIT = re.compile(
    "[kgcjṭḍtdpb]h|r\u0324h?|ai|au|[kgṅcjñṭḍṇtdnpbmyrlvśṣsh]|[aāiīuūṛṝeo]|ṃ|ḥ|.",
    re.S,
)
_VOWEL = re.compile("[aāiīuūṛṝeo]|ai|au")
_ROMAN = (("ṝ", "ri"), ("ṛ", "ri"), ("r\u0324h", "dh"), ("r\u0324", "d"), ("ḥ", ""), ("ś", "sh"), ("ṣ", "sh"))


def _is_vowel(unit: str) -> bool:
    return bool(_VOWEL.fullmatch(unit))


def _is_consonant(unit: str) -> bool:
    return not _is_vowel(unit) and unit[:1].isalpha()


def _drop_schwas(units: list[str]) -> list[str]:
    """Hindi's silent inherent vowel: the final "a" after a consonant (योजना's last is long:
    kept), and a medial "a" between a vowel-consonant and a consonant-vowel (yojanā → yojnā),
    from the right as the rule is usually stated."""
    out = list(units)
    if len(out) > 2 and out[-1] == "a" and _is_consonant(out[-2]):
        out.pop()
    i = len(out) - 3
    while i >= 2:
        if (
            out[i] == "a"
            and _is_consonant(out[i - 1])
            and _is_vowel(out[i - 2])
            and _is_consonant(out[i + 1])
            and _is_vowel(out[i + 2])
        ):
            del out[i]
        i -= 1
    return out


def _latin_of_iast(word: str) -> str:
    units = _drop_schwas(_UNIT.findall(word))
    parts = []
    for k, u in enumerate(units):
        if u == "ṃ":  # anusvara: m before a labial, n elsewhere
            nxt = units[k + 1] if k + 1 < len(units) else ""
            u = "m" if nxt[:1] in ("p", "b", "m") else "n"
        parts.append(u)
    text = "".join(parts)
    for old, new in _ROMAN:
        text = text.replace(old, new)
    return text


def romanize(hindi: str) -> list[str]:
    """The Devanagari words of `hindi` in Latin letters, folded as Latin words are."""
    from indic_transliteration import sanscript  # loads its script tables: writes only

    out = []
    for w in _WORD.findall(hindi):
        if is_devanagari(w):
            iast = sanscript.transliterate(w, sanscript.DEVANAGARI, sanscript.IAST)
            if len(f := fold_latin(_latin_of_iast(iast))) >= MIN_LENGTH:
                out.append(f)
    return out


def _terms(texts: Iterable[Text]) -> Iterator[str]:
    for t in texts:
        yield from words(t.en)
        yield from words(t.hi)
        yield from romanize(t.hi)


def keys_of(name: Text, objective: Text, eligibility: Iterable[Text]) -> dict[str, str]:
    """A scheme's search keys: the terms of its name, and those of its objective and eligibility
    (fillers left out), each space-separated, in both scripts and Hindi in Latin letters."""
    named = list(dict.fromkeys(_terms([name])))
    rest = [w for w in dict.fromkeys(_terms([objective, *eligibility])) if w not in FILLER and w not in named]
    return {"name": " ".join(named), "text": " ".join(rest)}
