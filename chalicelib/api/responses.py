"""What the API answers, as pydantic models: the response half of `GET /v1/openapi.json`.

These only document (the request models in `chalicelib.domain.schemas` validate); the
schemathesis test checks every answer against them. Objects may carry more fields than
listed (the contract adds fields freely, never renames)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Out(BaseModel):
    # defer_build: these only document; their schema is built with the OpenAPI document
    model_config = ConfigDict(extra="allow", defer_build=True)


class Bilingual(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    hi: str
    en: str


class ExcludedService(Out):
    """A filing refused because its service is excluded from the helpline: which, and where to go."""

    exclusion_id: str
    service: Bilingual
    instead: Bilingual


class ErrorBody(Out):
    """Every error the application answers: Chalice's `Code` and `Message` (English), the
    Hindi as `message_hi`, and for bad input each bad field in both languages."""

    Code: str
    Message: str
    message_hi: str
    fields: dict[str, Bilingual] | None = Field(None, description="bad input: at most 30 fields")
    exclusion: ExcludedService | None = Field(None, description="422: the filing is for an excluded service")


class GatewayError(Out):
    """Refused by the framework before the application runs (a body that is not JSON where
    JSON is expected: 415)."""

    Code: str
    Message: str


class Health(Out):
    status: str


class District(Out):
    code: str
    name_hi: str
    name_en: str
    division: str | None


class Place(Out):
    code: str
    name_hi: str
    name_en: str


class OtpSent(Out):
    status: str
    expires_in: int


class CitizenToken(Out):
    token: str
    expires_at: str


class Filed(Out):
    reference: str
    status: str
    level: int
    due_at: str


class PublicStatus(Out):
    """What anyone with the reference may see: no name, mobile or text."""

    reference: str
    status: str
    level: int
    department: str
    district: str
    registered_at: str
    due_at: str | None
    overdue: bool


class HistoryEntry(Out):
    """One event of the complaint's history; its details (remarks, rule, letter, …) follow."""

    at: str
    event: str
    level: int
    post: str
    actor: str | None


class ComplaintView(Out):
    """The complaint with its history, for those entitled; a corruption complainant's
    `name`, `mobile` and `extra` only for the complainant and the call centre."""

    reference: str
    version: int
    category: str
    department: str
    district: str
    block: str | None
    status: str
    level: int
    chain: list[str]
    chain_kind: str
    post_id: str
    assignment_id: str
    assigned_at: str
    due_at: str
    registered_at: str
    channel: str
    subject: str
    description: str
    overdue: bool
    history: list[HistoryEntry]


class Accepted(Out):
    status: str
    at: str


class Outcome(Out):
    reference: str
    status: str
    level: int


class StaffToken(Out):
    token: str
    expires_in: int


class PasswordChallenge(Out):
    """A first sign-in with a temporary password: set a new one with `POST /v1/auth/password`."""

    challenge: str = Field(description="new_password_required")
    session: str


class Holder(Out):
    posting_id: str
    username: str
    name: str
    designation: str
    mobile: str = Field(description="masked: the last four digits only")
    kind: str = Field(description="regular | additional_charge")
    since: str
    order_no: str | None
    order_date: str | None


class PostHolders(Out):
    """A post with its current holders; `holders` is empty (and `vacant` true) for a vacant post."""

    post_id: str
    department: str
    level: str
    place: str
    district: str | None
    title_hi: str
    title_en: str
    holders: list[Holder]
    vacant: bool


class PostingMade(Out):
    posting_id: str
    username: str = Field(description="the officer's login (a new officer gets a temporary password by SMS)")


class PostChange(Out):
    """One entry of a post's append-only directory history."""

    at: str
    event: str = Field(description="posted | ended | password_reset")
    officer: str = Field(description="the officer's name")
    username: str
    kind: str = Field(description="regular | additional_charge; empty for a password sent again")
    order_no: str | None
    order_date: str | None
    reason: str | None = Field(description="why a posting ended")
    by: str = Field(description="the login that recorded it")
    by_name: str = Field(description="their name, when they are an officer in the directory")


class PostingEnded(Out):
    posting_id: str
    ended_at: str
    reason: str
    login: str = Field(description="active (other posts still held) | disabled (none left)")


class ImportRow(Out):
    row: int
    post_id: str
    posting_id: str
    username: str
    already: bool = Field(False, description="the directory had this posting already (the file sent again)")


class ImportReport(Out):
    applied: int = Field(description="rows written now (not counting those already there)")
    rows: list[ImportRow]


class PasswordSent(Out):
    username: str
    sent_to: str = Field(description="the officer's mobile, masked")


class Summary(Out):
    """A complaint in a list: what an officer needs to pick it."""

    reference: str
    post: str
    level: int
    status: str
    category: str
    department: str
    district: str
    subject: str
    due_at: str
    overdue: bool
    registered_at: str


class Inbox(Out):
    posts: list[str]
    complaints: list[Summary]
    next: str | None = Field(description="the cursor of the next page, or null on the last")


class Callback(Out):
    reference: str
    department: str
    district: str
    subject: str


class Callbacks(Out):
    callbacks: list[Callback]


class CallLogged(Out):
    id: str
    kind: str


class SchemeOut(Out):
    """A scheme in the circular's format (§6.2 b), Hindi and English."""

    scheme_id: str
    department: str
    name_hi: str
    name_en: str
    objective_hi: str
    objective_en: str
    eligibility: list[Bilingual]
    status: str = Field(description="active | ended")
    version: int
    updated_at: str


class SchemeVersionOut(SchemeOut):
    """A version of a scheme: the scheme as it then stood and what the version did."""

    event: str = Field(description="new | amended | ended")
    at: str
    changed: list[str] = Field(description="the fields this version changed: name, objective, eligibility, status")
    note: str | None


class ListPage(Out):
    """`district` or `department` (the code asked for) with its page."""

    kind: str
    complaints: list[Summary]
    next: str | None


class Dashboard(Out):
    """A tier's table: `columns` name the fields of each row, `total` sums them."""

    kind: str
    month: str
    columns: list[str]
    rows: list[dict[str, Any]]


class WeeklyPack(Out):
    week_of: str
    month: str


class FeedbackCalls(Out):
    day: str
    calls: list[dict[str, Any]]


class FeedbackRecorded(Out):
    reference: str
    day: str
    post: str
    outcome: str
    remarks: str
    by: str
    at: str


class Calendar(Out):
    year: int
    weekly_off: list[int]
    holidays: dict[str, str]


class CalendarChange(Out):
    year: int
    changed_from: str | None
    districts_queued: int


class Exclusion(Out):
    """A service excluded (or proposed to be) from the helpline (R-EXCLUSION)."""

    exclusion_id: str
    department: str
    category: str | None = Field(description="null: every category but corruption")
    terms: list[str] = Field(description="words of the subject that name the service; empty: the whole category")
    service: Bilingual
    instead: Bilingual = Field(description="where to go instead")
    reason_kind: str = Field(description="legal | exceptional")
    reason: str
    legal_reference: str | None
    status: str = Field(description="proposed | accepted | rejected | lifted")
    proposed_at: str
    decided_at: str | None


class ExclusionStep(Out):
    version: int
    at: str
    event: str
    actor: str
    remarks: str | None


class ExclusionRecord(Exclusion):
    """An exclusion with who proposed and decided it, and every step of its history."""

    proposed_by: str
    decided_by: str | None
    remarks: str | None
    history: list[ExclusionStep]


class PhoneMessage(Out):
    to: str
    kind: str
    text: str
    at: str


class Phone(Out):
    messages: list[PhoneMessage]


class Clock(Out):
    now: str
    day_seconds: float


class Faults(Out):
    rates: dict[str, float]
    injected: int
    by_service: dict[str, int]
    by_kind: dict[str, int]


class Document(Out):
    """An OpenAPI 3.1 document."""

    openapi: str
    info: dict[str, Any]
    paths: dict[str, Any]


CSRF = Field(None, description="the token the page's form carries (docs/api.md, Pages)")


class ActionForm(Out):
    """The officer's action form on the SMS link's page, posted as a browser posts it; the
    page turns it into the JSON action (`ActionBody`) and validates it as the API does."""

    action: str | None = None
    remarks: str | None = None
    rule_reference: str | None = None
    letter_no: str | None = None
    letter_date: str | None = None
    to_department: str | None = None
    version: str | None = None
    lang: str | None = None
    csrf: str | None = CSRF


class DialForm(Out):
    """The emulated phone's keypad page: the number calling and the line dialled."""

    mobile: str | None = None
    line: str | None = None
    lang: str | None = None
    csrf: str | None = CSRF


class WhatsAppForm(Out):
    """The emulated phone's page: a WhatsApp message from a number to the helpline."""

    mobile: str | None = None
    text: str | None = None
    lang: str | None = None


class WhatsAppSent(Out):
    """The message the emulated phone sent and what the webhook answered the platform."""

    message: str
    webhook: int


class WebhookReceived(Out):
    """The webhook's answer to the platform: how many messages were taken to be answered."""

    status: str
    messages: int


class KeysForm(Out):
    """The emulated phone's keypad page: one key, or a whole number ending in #."""

    digits: str | None = None
    number: str | None = None
    lang: str | None = None
    csrf: str | None = CSRF
