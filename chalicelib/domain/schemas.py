"""Request schemas: every JSON body and query-parameter set the API takes, as pydantic models.

One definition serves twice: the use cases validate through these models (the domain's
parsers, the services, the routes), and `GET /v1/openapi.json` documents them. A model
refuses unknown fields, takes JSON types as they are (no "5" for 5, no 1 for true), caps
every text, and accepts only dates that exist. `check` turns pydantic's errors into
`InvalidInput` fields with Hindi and English messages; rules that span fields (what an
action needs, the accused level of a corruption complaint) stay with the domain's parsers."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any, ClassVar, Literal, TypeVar, get_args, get_origin

import phonenumbers
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError
from pydantic_core import PydanticCustomError

from chalicelib.domain.cursors import INVALID_CURSOR
from chalicelib.domain.errors import OBJECT_EXPECTED, InvalidInput
from chalicelib.domain.text import Text

M = TypeVar("M", bound=BaseModel)

# ---- vocabularies ---------------------------------------------------------------------
Category = Literal["complaint", "demand", "suggestion", "corruption"]
AccusedLevel = Literal["below_district_head", "district_head_or_above"]
ActionKind = Literal["interim", "resolve", "transfer", "final_decision"]
CallKind = Literal["scheme_information", "status_enquiry", "referral"]
ReferralLine = Literal["kisan", "women_1090", "fire", "ambulance_108", "dial_100"]
Outcome = Literal["satisfied", "not_satisfied", "no_answer", "wrong_number"]
ListKind = Literal["complaint", "demand"]
CATEGORIES: tuple[str, ...] = get_args(Category)
ACCUSED_LEVELS: tuple[str, ...] = get_args(AccusedLevel)
ACTIONS: tuple[str, ...] = get_args(ActionKind)
CALL_KINDS: tuple[str, ...] = get_args(CallKind)
REFERRAL_LINES: tuple[str, ...] = get_args(ReferralLine)
OUTCOMES: tuple[str, ...] = get_args(Outcome)
LIST_KINDS: tuple[str, ...] = get_args(ListKind)

# ---- field types ----------------------------------------------------------------------
# Patterns are written with [0-9], never \d: pydantic's regex engine (and Python's `re`)
# take \d to mean any Unicode digit, Devanagari ones included.
SINGLE_LINE = r"^[^\x00-\x1f\x7f]*$"  # no control characters, no line breaks
MULTI_LINE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"  # line breaks and tabs allowed
CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
E164_INDIA = re.compile(r"\+91[0-9]{10}")  # ASCII digits only; checked with fullmatch


def line(limit: int) -> StringConstraints:
    """A one-line text: surrounding spaces dropped, not blank, at most `limit` characters."""
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=limit, pattern=SINGLE_LINE)


def paragraph(limit: int) -> StringConstraints:
    """A text that may hold line breaks: surrounding spaces dropped, not blank, capped."""
    return StringConstraints(strip_whitespace=True, min_length=1, max_length=limit, pattern=MULTI_LINE)


def upto(limit: int) -> StringConstraints:
    """A free text that may be empty, at most `limit` characters, line breaks allowed."""
    return StringConstraints(max_length=limit, pattern=MULTI_LINE)


def _real_date(text: str) -> str:
    try:
        if re.fullmatch(DATE_PATTERN, text):
            date.fromisoformat(text)  # ValueError for 2026-13-45 or 2026-02-30
            return text
    except ValueError:
        pass
    raise PydanticCustomError("date_invalid", "a date that exists, YYYY-MM-DD")


def _mobile(text: str) -> str:
    try:
        return indian_mobile(text)
    except ValueError:
        raise PydanticCustomError("mobile_invalid", "an Indian mobile number, +91 and 10 digits") from None


def indian_mobile(text: str) -> str:
    """The one canonical form of an Indian mobile number: E.164, `+91` and ten ASCII digits,
    a number libphonenumber knows as an Indian mobile. Anything else is a ValueError."""
    if not E164_INDIA.fullmatch(text):
        raise ValueError("an Indian mobile number as +91 and 10 digits")
    number = phonenumbers.parse(text, None)
    kinds = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    if (
        not phonenumbers.is_valid_number(number)
        or phonenumbers.region_code_for_number(number) != "IN"
        or phonenumbers.number_type(number) not in kinds
    ):
        raise ValueError("not an Indian mobile number")
    canonical = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if canonical != text:
        raise ValueError("not in E.164 form")
    return canonical


def canonical_mobile(value: Any) -> str | None:
    """`value` as the canonical Indian mobile number, or None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        return indian_mobile(value)
    except ValueError:
        return None


Code = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=60, pattern=CODE_PATTERN),
    Field(description="a code of the directory, e.g. REVENUE, SEHORE, SEHORE-BUDHNI"),
]
DateText = Annotated[
    str,
    AfterValidator(_real_date),
    Field(json_schema_extra={"format": "date", "pattern": DATE_PATTERN}, description="a date that exists, YYYY-MM-DD"),
]
Mobile = Annotated[
    str,
    AfterValidator(_mobile),
    Field(
        json_schema_extra={"pattern": r"^\+91[6-9][0-9]{9}$"},
        description="an Indian mobile number in E.164 form, e.g. +919876543210",
        examples=["+919876543210"],
    ),
]
Reference = Annotated[str, StringConstraints(pattern=r"^[0-9]{10}$"), Field(description="a complaint's reference")]
Cursor = Annotated[
    str,
    StringConstraints(min_length=1, max_length=4000, pattern=r"^[A-Za-z0-9_=.-]+$"),
    Field(description="the `next` of the page before, as it was given"),
]

# ---- messages -------------------------------------------------------------------------
REQUIRED = Text("आवश्यक है", "required")
UNKNOWN_FIELD = Text("अज्ञात फ़ील्ड", "unknown field")
INVALID = Text("मान सही नहीं", "invalid value")
MOBILE_TEXT = Text("+91 से शुरू 10 अंकों का मोबाइल नंबर", "a +91 Indian mobile number")
DATE_TEXT = Text("दिनांक YYYY-MM-DD", "a date YYYY-MM-DD")
INTEGER = Text("पूर्णांक", "an integer")
YES_NO = Text("हाँ (true) या नहीं (false)", "true or false")


def one_of(values: tuple[str, ...] | list[str]) -> Text:
    return Text(f"इनमें से एक: {', '.join(values)}", f"one of {', '.join(values)}")


def at_most(limit: int) -> Text:
    return Text(f"अधिकतम {limit} अक्षर", f"at most {limit} characters")


_REQUIRED_KINDS = {"missing", "string_too_short"}
_BY_KIND: dict[str, Text] = {
    "string_type": Text("टेक्स्ट होना चाहिए", "must be text"),
    "string_unicode": Text("टेक्स्ट सही नहीं", "invalid text"),
    "string_pattern_mismatch": Text("अमान्य अक्षर या प्रारूप", "invalid characters or format"),
    "int_type": INTEGER,
    "int_parsing": INTEGER,
    "int_from_float": INTEGER,
    "bool_type": YES_NO,
    "model_type": OBJECT_EXPECTED,
    "model_attributes_type": OBJECT_EXPECTED,
    "dict_type": OBJECT_EXPECTED,
    "list_type": Text("सूची अपेक्षित", "a list expected"),
    "extra_forbidden": UNKNOWN_FIELD,
    "date_invalid": DATE_TEXT,
    "mobile_invalid": MOBILE_TEXT,
}


class Body(BaseModel):
    """A JSON request body: an object, known fields only, JSON types taken as they are.

    `REQUIRED_TEXT` and `INVALID_TEXT` name a field's own message when it is missing
    (or blank) and when it is wrong otherwise; the rest follow pydantic's error kind."""

    # defer_build: a model's validator is built on its first use, not at the cold start
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, hide_input_in_errors=True, defer_build=True)
    REQUIRED_TEXT: ClassVar[Mapping[str, Text]] = {}
    INVALID_TEXT: ClassVar[Mapping[str, Text]] = {}


class Query(Body):
    """A query-parameter set: every value a string, each checked as given (an empty value too)."""


def _choices(model: type[BaseModel], name: str) -> tuple[str, ...]:
    info = model.model_fields.get(name)
    if info is None:
        return ()
    stack: list[Any] = [info.annotation]
    while stack:
        t = stack.pop()
        if get_origin(t) is Literal:
            return tuple(str(a) for a in get_args(t))
        stack += list(get_args(t))
    return ()


def _message(model: type[Body], err: Mapping[str, Any]) -> Text:
    kind, loc = str(err["type"]), tuple(err["loc"])
    name = str(loc[0]) if loc else ""
    if kind == "extra_forbidden":
        return UNKNOWN_FIELD
    if kind in _REQUIRED_KINDS and len(loc) == 1:
        return model.REQUIRED_TEXT.get(name, REQUIRED)
    if len(loc) == 1 and name in model.INVALID_TEXT:
        return model.INVALID_TEXT[name]
    ctx = err.get("ctx") or {}
    if kind == "string_too_long":
        return at_most(int(ctx.get("max_length", 0)))
    if kind in ("too_long", "too_short"):
        n = ctx.get("max_length", ctx.get("min_length"))
        most = kind == "too_long"
        return Text(f"{'अधिकतम' if most else 'कम से कम'} {n} मान", f"{'at most' if most else 'at least'} {n} values")
    if kind == "literal_error":
        return one_of(_choices(model, name)) if _choices(model, name) else INVALID
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        bound = next(iter(ctx.values()), "")
        if kind.startswith("greater"):
            return Text(f"कम से कम {bound}", f"at least {bound}")
        return Text(f"अधिकतम {bound}", f"at most {bound}")
    if kind in _REQUIRED_KINDS:
        return REQUIRED
    return _BY_KIND.get(kind, INVALID)


def errors_of(model: type[Body], exc: ValidationError) -> dict[str, Text]:
    """pydantic's errors as `InvalidInput` fields: the field's name (a dotted path inside
    lists and objects; `body` for the body as a whole), one message per field."""
    out: dict[str, Text] = {}
    for err in exc.errors(include_url=False, include_input=False):
        name = ".".join(str(p) for p in err["loc"]) or "body"
        if name not in out:
            out[name] = _message(model, err)
        if len(out) >= InvalidInput.KEPT:
            break
    return out


def attempt(model: type[M], data: Any) -> tuple[M | None, dict[str, Text]]:
    """The validated model, or None and what was wrong, field by field."""
    try:
        return model.model_validate(data), {}
    except ValidationError as exc:
        return None, errors_of(model, exc)  # type: ignore[arg-type]


def check(model: type[M], data: Any) -> M:
    """The validated model; InvalidInput naming every bad field otherwise."""
    out, errors = attempt(model, data)
    if out is None:
        raise InvalidInput(errors or {"body": INVALID})
    return out


# ---- citizens -------------------------------------------------------------------------
class OtpRequest(Body):
    """POST /v1/otp"""

    mobile: Mobile
    lang: Literal["hi", "en"] = Field("hi", description="the language of the OTP's SMS (Hindi unless chosen)")
    REQUIRED_TEXT: ClassVar[Mapping[str, Text]] = {"mobile": MOBILE_TEXT}
    INVALID_TEXT: ClassVar[Mapping[str, Text]] = REQUIRED_TEXT


class OtpVerify(Body):
    """POST /v1/otp/verify"""

    mobile: Mobile
    otp: Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$"), Field(description="the 6 digits sent by SMS")]
    REQUIRED_TEXT: ClassVar[Mapping[str, Text]] = {"mobile": MOBILE_TEXT, "otp": Text("6 अंकों का OTP", "a 6-digit OTP")}
    INVALID_TEXT: ClassVar[Mapping[str, Text]] = REQUIRED_TEXT


FILING_LIMITS = {"name": 100, "subject": 200, "description": 4000, "address": 300}


class FilingBody(Body):
    """POST /v1/complaints: a complaint, demand, suggestion or corruption complaint."""

    category: Category
    department: Code
    district: Code
    block: Code
    name: Annotated[str, line(FILING_LIMITS["name"])]
    subject: Annotated[str, line(FILING_LIMITS["subject"])]
    description: Annotated[str, paragraph(FILING_LIMITS["description"])]
    address: Annotated[str, paragraph(FILING_LIMITS["address"])] | None = None
    accused_level: AccusedLevel | None = Field(
        None, description="corruption only: the level of the officer complained against"
    )
    mobile: Mobile | None = Field(None, description="a call-centre filing: the caller's mobile")
    lang: Literal["hi", "en"] = Field("hi", description="the complainant's language for SMS and calls")


class Satisfaction(Body):
    """POST /v1/complaints/{reference}/feedback and /satisfaction: the citizen's answer."""

    satisfied: bool
    remarks: Annotated[str, upto(2000)] | None = None
    REQUIRED_TEXT: ClassVar[Mapping[str, Text]] = {"satisfied": YES_NO}
    INVALID_TEXT: ClassVar[Mapping[str, Text]] = {
        "satisfied": YES_NO,
        "remarks": Text("अधिकतम 2000 अक्षर", "text, at most 2000 characters"),
    }


class Reminder(Body):
    """POST /v1/complaints/{reference}/reminders: nothing to say (an empty body or `{}`)."""


# ---- officers and the call centre -----------------------------------------------------
ACTION_LIMITS = {"remarks": 4000, "rule_reference": 500, "letter_no": 100}


class ActionBody(Body):
    """POST /v1/complaints/{reference}/actions: an officer's action. What each action needs
    besides `remarks` (a rule, a department) is checked by the domain's `parse_action`."""

    action: ActionKind
    remarks: Annotated[str, paragraph(ACTION_LIMITS["remarks"])]
    rule_reference: Annotated[str, line(ACTION_LIMITS["rule_reference"])] | None = None
    letter_no: Annotated[str, line(ACTION_LIMITS["letter_no"])] | None = None
    letter_date: DateText | None = None
    to_department: Code | None = None
    version: Annotated[int, Field(ge=1, le=1_000_000)] | None = Field(
        None, description="the complaint's version the officer saw: another stored version is 409"
    )
    REQUIRED_TEXT: ClassVar[Mapping[str, Text]] = {
        "remarks": Text("आवश्यक: कारण/की गई कार्रवाई पूर्ण रूप में", "required: the reason or action taken, in full"),
        "rule_reference": Text("आवश्यक: लागू नियम", "required: the applicable rule"),
        "to_department": Text("आवश्यक: सही विभाग", "required: the right department"),
    }
    INVALID_TEXT: ClassVar[Mapping[str, Text]] = {"letter_date": DATE_TEXT, "version": INTEGER}


class CallBody(Body):
    """POST /v1/calls: a call-centre contact that is not a complaint."""

    kind: CallKind
    referred_to: ReferralLine | None = None
    district: Code | None = None
    scheme: Annotated[str, line(200)] | None = None
    reference: Reference | None = None
    notes: Annotated[str, upto(1000)] | None = None
    mobile: Mobile | None = None
    REQUIRED_TEXT: ClassVar[Mapping[str, Text]] = {"scheme": Text("योजना का नाम आवश्यक", "scheme required")}
    INVALID_TEXT: ClassVar[Mapping[str, Text]] = {"notes": at_most(1000)}


class Login(Body):
    """POST /v1/auth/login"""

    username: Annotated[str, line(128)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=256)]


class NewPassword(Body):
    """POST /v1/auth/password: the first sign-in's new password, with the login's `session`."""

    username: Annotated[str, line(128)]
    session: Annotated[str, StringConstraints(min_length=20, max_length=4096, pattern=r"^[A-Za-z0-9+/=_.-]+$")]
    new_password: Annotated[str, StringConstraints(min_length=12, max_length=256)]
    INVALID_TEXT: ClassVar[Mapping[str, Text]] = {
        "new_password": Text("कम से कम 12 अक्षर", "at least 12 characters"),
        "session": Text("लॉगिन का सत्र (session)", "the login's session"),
    }


# ---- directory administration ---------------------------------------------------------
PostingKind = Literal["regular", "additional_charge"]
EndReason = Literal["transfer", "retirement", "suspension", "resignation", "charge_withdrawn", "death"]
Email = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, max_length=200, pattern=r"^[^@\s\x00-\x1f]+@[^@\s\x00-\x1f]+\.[A-Za-z]{2,}$"
    ),
    Field(description="an e-mail address"),
]
ORDER_TEXT = Text("आदेश क्रमांक आवश्यक", "the order number is required")


class PostingBody(Body):
    """POST /v1/directory/posts/{post_id}/postings: who is posted, on which charge, by which order."""

    name: Annotated[str, line(100)]
    designation: Annotated[str, line(200)]
    mobile: Mobile
    email: Email | None = None
    kind: PostingKind
    order_no: Annotated[str, line(100)]
    order_date: DateText
    lang: Literal["hi", "en"] | None = Field(
        None,
        description="the officer's language for SMS and calls: Hindi for a new officer unless given; "
        "an officer already in the directory keeps theirs unless given",
    )
    REQUIRED_TEXT: ClassVar[Mapping[str, Text]] = {
        "name": Text("अधिकारी का नाम आवश्यक", "the officer's name is required"),
        "designation": Text("पदनाम आवश्यक", "the designation is required"),
        "mobile": MOBILE_TEXT,
        "order_no": ORDER_TEXT,
        "order_date": DATE_TEXT,
    }
    INVALID_TEXT: ClassVar[Mapping[str, Text]] = {
        "mobile": MOBILE_TEXT,
        "order_date": DATE_TEXT,
        "email": Text("ई-मेल पता सही नहीं", "not an e-mail address"),
    }


class PostingRow(PostingBody):
    """One row of a CSV import: a posting, and the post it is to."""

    post_id: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=3, max_length=120, pattern=r"^[A-Z0-9_:-]+$")
    ]


class EndPostingBody(Body):
    """POST /v1/directory/postings/{posting_id}/end: why and by which order the posting ends."""

    reason: EndReason
    order_no: Annotated[str, line(100)]
    order_date: DateText
    REQUIRED_TEXT: ClassVar[Mapping[str, Text]] = {"order_no": ORDER_TEXT, "order_date": DATE_TEXT}
    INVALID_TEXT: ClassVar[Mapping[str, Text]] = {"order_date": DATE_TEXT}


class FeedbackOutcome(Body):
    """POST /v1/monitoring/feedback-calls/{reference}: how a sampled complainant's call went."""

    outcome: Outcome
    remarks: Annotated[str, upto(1000)] | None = None
    date: DateText | None = Field(None, description="the day of the call list (today if not given)")
    INVALID_TEXT: ClassVar[Mapping[str, Text]] = {"remarks": Text("अधिकतम 1000 अक्षर", "text, at most 1000 characters")}


class CalendarYear(Body):
    """PUT /v1/admin/calendar/{year}: the year's weekly offs (0 = Monday … 6 = Sunday) and
    gazetted holidays (date → name), as `GET` gives it."""

    year: Annotated[int, Field(ge=2000, le=2100)] | None = Field(None, description="if given, the path's year")
    weekly_off: Annotated[list[Annotated[int, Field(ge=0, le=6)]], Field(max_length=7)]
    holidays: Annotated[dict[DateText, Annotated[str, line(200)]], Field(max_length=366)]


# ---- service exclusion (R-EXCLUSION) --------------------------------------------------
ExclusionReason = Literal["legal", "exceptional"]
ExclusionDecision = Literal["accept", "reject"]
ExclusionStatus = Literal["proposed", "accepted", "rejected", "lifted"]


class ExclusionProposal(Body):
    """POST /v1/exclusions: a department's state nodal officer proposes excluding a service.
    What it covers: `department`, optionally one `category`, and optionally the `terms` (words
    of a filing's subject) that name the service; a category or at least one term is needed."""

    department: Code
    category: Category | None = Field(None, description="one category only; every category but corruption if not given")
    terms: Annotated[list[Annotated[str, line(60)]], Field(max_length=20)] = Field(
        default_factory=list, description="words or phrases of the subject that name the service (whole words)"
    )
    service_hi: Annotated[str, line(200)]
    service_en: Annotated[str, line(200)]
    instead_hi: Annotated[str, line(300)] = Field(description="where to go instead (Hindi)")
    instead_en: Annotated[str, line(300)] = Field(description="where to go instead (English)")
    reason_kind: ExclusionReason
    reason: Annotated[str, paragraph(2000)] = Field(description="the legal provision or the exceptional circumstance")
    legal_reference: Annotated[str, line(300)] | None = None
    REQUIRED_TEXT: ClassVar[Mapping[str, Text]] = {
        "reason": Text("आवश्यक: विधिक प्रावधान या अपवादिक परिस्थिति", "required: the legal provision or circumstance"),
        "instead_hi": Text("आवश्यक: नागरिक कहाँ जाएँ", "required: where citizens go instead"),
        "instead_en": Text("आवश्यक: नागरिक कहाँ जाएँ", "required: where citizens go instead"),
    }


class ExclusionDecisionBody(Body):
    """POST /v1/exclusions/{exclusion_id}/decision: the administrator's decision."""

    decision: ExclusionDecision
    remarks: Annotated[str, paragraph(2000)]
    REQUIRED_TEXT: ClassVar[Mapping[str, Text]] = {"remarks": Text("आवश्यक: निर्णय का आधार", "required: the basis")}


class ExclusionLift(Body):
    """POST /v1/exclusions/{exclusion_id}/lift: the administrator lifts an exclusion in force."""

    remarks: Annotated[str, paragraph(2000)]
    REQUIRED_TEXT: ClassVar[Mapping[str, Text]] = {"remarks": Text("आवश्यक: कारण", "required: the reason")}


# ---- scheme information (R-SCHEME-KB) ------------------------------------------------
SCHEME_LIMITS = {"name": 150, "objective": 300, "bullet": 200, "bullets": 12, "note": 300}
OBJECTIVE_TEXT = Text(
    f"आवश्यक: अधिकतम दो पंक्तियाँ ({SCHEME_LIMITS['objective']} अक्षर)",
    f"required: at most two lines ({SCHEME_LIMITS['objective']} characters)",
)
ELIGIBILITY_TEXT = Text(
    f"आवश्यक: पात्रता की 1 से {SCHEME_LIMITS['bullets']} संक्षिप्त शर्तें, हर एक हिंदी (hi) और अंग्रेज़ी (en) में",
    f"required: 1 to {SCHEME_LIMITS['bullets']} short eligibility conditions, each in Hindi (hi) and English (en)",
)


TWO_LINES = r"^[^\x00-\x1f\x7f]*(\r?\n[^\x00-\x1f\x7f]*)?$"  # at most one line break


def _lines(text: str) -> str:
    return "\n".join(ln.strip() for ln in text.splitlines())


Objective = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=SCHEME_LIMITS["objective"], pattern=TWO_LINES),
    AfterValidator(_lines),
    Field(description="the main objective, at most two lines (circular §6.2 b)"),
]
SchemeName = Annotated[str, line(SCHEME_LIMITS["name"])]
SchemeId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,79}$"),
    Field(description="a scheme's id: its department and English name, e.g. women-child-dev-ladli-behna-yojana"),
]


class Bullet(Body):
    """One eligibility condition, short, in both languages."""

    hi: Annotated[str, line(SCHEME_LIMITS["bullet"])]
    en: Annotated[str, line(SCHEME_LIMITS["bullet"])]


Eligibility = Annotated[list[Bullet], Field(min_length=1, max_length=SCHEME_LIMITS["bullets"])]
SCHEME_TEXTS: Mapping[str, Text] = {
    "objective_hi": OBJECTIVE_TEXT,
    "objective_en": OBJECTIVE_TEXT,
    "eligibility": ELIGIBILITY_TEXT,
    "name_hi": Text(f"आवश्यक: योजना का नाम, अधिकतम {SCHEME_LIMITS['name']} अक्षर", "required: the scheme's name"),
    "name_en": Text(f"आवश्यक: योजना का नाम, अधिकतम {SCHEME_LIMITS['name']} अक्षर", "required: the scheme's name"),
}


class SchemeText(Body):
    """PUT /v1/schemes/{scheme_id}: the scheme as amended, in the circular's format (every
    field; the department stays the scheme's own)."""

    name_hi: SchemeName
    name_en: SchemeName
    objective_hi: Objective
    objective_en: Objective
    eligibility: Eligibility
    note: Annotated[str, line(SCHEME_LIMITS["note"])] | None = Field(None, description="what changed, in a line")
    version: Annotated[int, Field(ge=1, le=1_000_000)] | None = Field(
        None, description="the version the officer saw: another stored version is 409"
    )
    REQUIRED_TEXT: ClassVar[Mapping[str, Text]] = SCHEME_TEXTS
    INVALID_TEXT: ClassVar[Mapping[str, Text]] = {**SCHEME_TEXTS, "version": INTEGER}


class SchemeBody(SchemeText):
    """POST /v1/schemes: a new scheme of the department, in the circular's format."""

    department: Code


class SchemeEnd(Body):
    """POST /v1/schemes/{scheme_id}/end: the scheme has ended (a line on why, optional)."""

    note: Annotated[str, line(SCHEME_LIMITS["note"])] | None = None
    version: Annotated[int, Field(ge=1, le=1_000_000)] | None = None
    INVALID_TEXT: ClassVar[Mapping[str, Text]] = {"version": INTEGER}


# ---- query parameters -----------------------------------------------------------------
Lang = Literal["hi", "en"]
Month = Annotated[
    str,
    StringConstraints(pattern=r"^([0-9]{4}-(0[1-9]|1[0-2])|all|ALL)$"),
    Field(description="YYYY-MM, or all (since the beginning); this month if not given"),
]


class InboxQuery(Query):
    """GET /v1/officer/inbox"""

    cursor: Cursor | None = None
    INVALID_TEXT: ClassVar[Mapping[str, Text]] = {"cursor": INVALID_CURSOR}


class ListQuery(Query):
    """GET /v1/lists/district/{code}, /v1/lists/department/{code}"""

    kind: ListKind | None = None
    cursor: Cursor | None = None
    INVALID_TEXT: ClassVar[Mapping[str, Text]] = {"cursor": INVALID_CURSOR}


class DashboardQuery(Query):
    """GET /v1/monitoring/{district,department,division}/{code}, /v1/monitoring/ranking"""

    month: Month | None = None
    format: Literal["json", "csv"] | None = None
    lang: Lang | None = None
    sort: Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,40}$")] | None = Field(None, description="a column")
    dir: Literal["asc", "desc"] | None = None
    table: Literal["rows", "officers"] | None = Field(None, description="CSV of the officers' table")


class WeeklyQuery(Query):
    """GET /v1/monitoring/weekly"""

    date: DateText | None = Field(None, description="the week's pack of that day (the latest if not given)")
    format: Literal["json", "csv"] | None = None
    lang: Lang | None = None


class DayQuery(Query):
    """GET /v1/monitoring/feedback-calls"""

    date: DateText | None = Field(None, description="the day's call list (today if not given)")


class ExclusionsQuery(Query):
    """GET /v1/exclusions/proposals"""

    status: ExclusionStatus | None = None
    department: Code | None = None


class SchemeQuery(Query):
    """GET /v1/schemes"""

    q: Annotated[str, StringConstraints(max_length=200, pattern=SINGLE_LINE)] | None = Field(
        None, description="a few words in Hindi or English (or Hindi in Latin letters): the best matches first"
    )
    department: Code | None = None
    status: Literal["active", "ended", "all"] | None = Field(None, description="active if not given")
    limit: Annotated[str, StringConstraints(pattern=r"^([1-9]|[1-9][0-9]|1[0-9][0-9]|200)$")] | None = Field(
        None, description="1–200 (20 with `q`, 200 without)"
    )
    offset: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,5}$")] | None = Field(None, description="skip as many")


class SchemeChangesQuery(Query):
    """GET /v1/schemes/changes"""

    date: DateText | None = Field(None, description="the day (India time) whose changes to list; today if not given")


class PostsQuery(Query):
    """GET /v1/directory/posts: a district's posts, or a department's divisional and state posts."""

    district: Code | None = None
    department: Code | None = None
    format: Literal["json", "csv"] | None = None


class PhoneQuery(Query):
    """GET /dev/phone"""

    to: Annotated[str, StringConstraints(max_length=20, pattern=r"^\+?[0-9]+$")] | None = None


FaultService = Literal["dynamodb", "dynamodbstreams", "sqs", "sns", "stepfunctions", "cognito-idp"]


class FaultRates(Body):
    """PUT /dev/faults: the share of each service's AWS calls that meets an injected fault."""

    rates: dict[FaultService, Annotated[float, Field(ge=0, le=1)]]


class WebhookVerification(Query):
    """GET /v1/whatsapp/webhook: the WhatsApp Business Platform's verification request."""

    mode: Annotated[str, StringConstraints(max_length=20)] | None = Field(None, alias="hub.mode")
    verify_token: Annotated[str, StringConstraints(max_length=200)] | None = Field(None, alias="hub.verify_token")
    challenge: Annotated[str, StringConstraints(max_length=200, pattern=r"^[\x21-\x7e]+$")] | None = Field(
        None, alias="hub.challenge", description="echoed as the body when the verify token matches"
    )


class WhatsAppMessage(Body):
    """POST /dev/phone/whatsapp: a message the emulated phone sends to the helpline's WhatsApp."""

    sender: Mobile = Field(alias="from")
    text: Annotated[str, paragraph(4096)]


class KeypadQuery(Query):
    """GET /dev/phone/keypad: the call to show, the page's language."""

    call: Annotated[str, StringConstraints(max_length=64, pattern=r"^[0-9a-f-]+$")] | None = None
    lang: Literal["hi", "en"] | None = None
    chat: Mobile | None = Field(None, description="the number whose WhatsApp conversation to show")


__all__ = [
    "ACCUSED_LEVELS",
    "ACTIONS",
    "CATEGORIES",
    "ActionBody",
    "Body",
    "CalendarYear",
    "CallBody",
    "FilingBody",
    "Query",
    "attempt",
    "canonical_mobile",
    "check",
]
