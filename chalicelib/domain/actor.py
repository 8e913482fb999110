"""Who is acting: a citizen (verified mobile), an officer's SMS link (one assignment),
staff (a Cognito login with its groups) or the automated survey call. Every use case
takes one."""

from __future__ import annotations

from dataclasses import dataclass, field

CITIZEN, LINK, STAFF = "citizen", "link", "staff"
SURVEY = "survey"  # the automated satisfaction call to the complainant's own number


@dataclass(frozen=True)
class Caller:
    kind: str  # CITIZEN | LINK | STAFF | SURVEY
    id: str
    groups: frozenset[str] = field(default_factory=frozenset)
    # A link: whom it was sent to (an officer id, or the key of the mobile it went to), if it says.
    holder: str | None = None

    def in_group(self, *names: str) -> bool:
        return bool(self.groups & set(names))

    @property
    def label(self) -> str:
        """How the history names this actor."""
        return f"{self.kind}:{self.id}"


def link_caller(subject: str) -> Caller:
    """The caller of an SMS link whose signed subject is `<assignment>` or `<assignment>~<holder>`."""
    assignment, _, holder = subject.partition("~")
    return Caller(LINK, assignment, holder=holder or None)
