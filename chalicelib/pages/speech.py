"""What a caller hears from the Lambdas of the phone lines: SSML for Amazon Polly, in the
caller's language (Hindi unless English was chosen), the voice counterpart of a page.

Numbers a caller must write down (references, phone numbers) are read digit by digit;
dates as a person says them ("2 दिसंबर 2026", "2 December 2026"). Text typed by people
(a complaint's subject) is escaped, never read as markup. The pure helpers (`speak`,
`digits`, `day_of`, …) live in `domain/speech.py`, which the officer's call uses too.
"""

from __future__ import annotations

from chalicelib.domain.complaint import CLOSED, OPEN, RESOLVED, STATE_GOVT
from chalicelib.domain.speech import day_of, digits, escape, lang_of, speak
from chalicelib.domain.text import Text
from chalicelib.services.ivr import Pending, StatusAnswer


def _t(lang: str, text: Text) -> str:
    return text.in_lang(lang_of(lang))


def status(answer: StatusAnswer, lang: str) -> str:
    """The status of a complaint, as the public status route gives it (and its subject
    when the caller is its complainant)."""
    s, hi = answer.status, lang_of(lang) == "hi"
    ref = digits(s["reference"])
    dept = escape(answer.department.in_lang(lang_of(lang)))
    registered = day_of(s["registered_at"], lang)
    first = (
        f"शिकायत क्रमांक {ref}, दिनांक {registered} को दर्ज।"
        if hi
        else f"Complaint number {ref}, registered on {registered}."
    )
    subject = ""
    if answer.own and answer.subject:
        subject = f"विषय: {escape(answer.subject)}।" if hi else f"Subject: {escape(answer.subject)}."
    due = day_of(s["due_at"], lang) if s.get("due_at") else ""
    if s["status"] == OPEN:
        where = (
            f"यह {dept} में स्तर {s['level']} के अधिकारी के पास है।"
            if hi
            else f"It is with the level {s['level']} officer, {dept}."
        )
        when = f"कार्रवाई की अंतिम तिथि {due} है।" if hi else f"Action is due by {due}."
    elif s["status"] == STATE_GOVT:
        where = "यह राज्य शासन के पास है।" if hi else "It is with the State government."
        when = f"कार्रवाई की अंतिम तिथि {due} है।" if hi else f"Action is due by {due}."
    elif s["status"] == RESOLVED:
        where = f"{dept} विभाग ने इसका निराकरण दर्ज किया है।" if hi else f"The {dept} department has recorded it resolved."
        when = "शिकायतकर्ता की संतुष्टि पूछी जाएगी।" if hi else "The complainant will be asked whether they are satisfied."
    elif s["status"] == CLOSED:
        where, when = ("यह शिकायत बंद हो चुकी है।", "") if hi else ("This complaint is closed.", "")
    else:
        where, when = "", ""
    late = ""
    if s.get("overdue") and s["status"] in (OPEN, STATE_GOVT):
        late = (
            "समय-सीमा पार हो चुकी है; वरिष्ठ अधिकारी इसकी निगरानी कर रहे हैं।"
            if hi
            else "It is past its deadline; senior officers are watching it."
        )
    return speak(lang, first, subject, where, when, late)


def entered_wrong(entered: str, lang: str) -> str:
    """A reference that is not 10 digits or fails its check digit, said plainly."""
    if not digits(entered):
        return speak(lang, _t(lang, Text("हमें कोई क्रमांक नहीं मिला।", "We did not get a number.")))
    return speak(
        lang,
        _t(lang, Text(f"आपने {digits(entered)} दबाया।", f"You entered {digits(entered)}.")),
        _t(lang, Text("यह शिकायत क्रमांक सही नहीं है।", "That is not a valid complaint number.")),
    )


def not_found(reference: str, lang: str) -> str:
    return speak(
        lang,
        _t(
            lang,
            Text(
                f"शिकायत क्रमांक {digits(reference)} की कोई शिकायत नहीं मिली।",
                f"We found no complaint with the number {digits(reference)}.",
            ),
        ),
    )


def pending(p: Pending, lang: str) -> str:
    """How many complaints wait on the officer's posts, and the most urgent three."""
    hi = lang_of(lang) == "hi"
    if not p.count:
        return speak(lang, "आपके पदों पर कोई शिकायत लंबित नहीं है।" if hi else "No complaint is waiting on your posts.")
    more = ("कम से कम " if hi else "at least ") if p.capped else ""
    one = p.count == 1 and not p.capped
    if hi:
        head = "आपके पदों पर 1 शिकायत लंबित है।" if one else f"आपके पदों पर {more}{p.count} शिकायतें लंबित हैं। सबसे पहले:"
    else:
        head = (
            "1 complaint is waiting on your posts:"
            if one
            else f"{more.capitalize()}{p.count} complaints are waiting on your posts. Most urgent first:"
        )
    items = []
    for w in p.urgent:
        if w.working_days_left > 0:
            left = f"{w.working_days_left} कार्य दिवस शेष" if hi else f"{w.working_days_left} working days left"
        elif w.working_days_left == 0:
            left = "आज अंतिम दिन" if hi else "due today"
        else:
            left = "समय-सीमा पार" if hi else "past its deadline"
        items.append(f"{digits(w.reference)}, {escape(w.subject)}, {left}." + '<break time="400ms"/>')
    return speak(lang, head, *items)


def officer_reference_ok(reference: str, lapsed: bool, lang: str) -> str:
    hi = lang_of(lang) == "hi"
    late = ""
    if lapsed:
        late = (
            "आपके स्तर की समय-सीमा पार हो चुकी है; कार्रवाई विलंब से दर्ज होगी और यह अभिलेख में रहेगा।"
            if hi
            else "Your level's deadline has passed; the action is recorded as late, and that stays on record."
        )
    return speak(
        lang,
        f"शिकायत क्रमांक {digits(reference)}।" if hi else f"Complaint number {digits(reference)}.",
        late,
    )


def officer_reference_refused(lang: str, not_pending: bool) -> str:
    if not_pending:
        return speak(lang, _t(lang, Text("यह शिकायत अब लंबित नहीं है।", "This complaint is no longer pending.")))
    return speak(
        lang,
        _t(lang, Text("यह शिकायत आपके किसी पद पर नहीं मिली।", "We found no such complaint on the posts you hold.")),
    )


def officer_greeting(name: str, lang: str) -> str:
    return speak(lang, f"नमस्कार {escape(name)}।" if lang_of(lang) == "hi" else f"Hello {escape(name)}.")
