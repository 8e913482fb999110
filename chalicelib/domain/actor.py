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
    # A link: the officer it was sent to (its grant's), who must still hold the assignment's post.
    holder: str | None = None

    def in_group(self, *names: str) -> bool:
        return bool(self.groups & set(names))

    @property
    def label(self) -> str:
        """How the history names this actor."""
        return f"{self.kind}:{self.id}"
