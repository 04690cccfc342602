"""Who may do what: readers read, editors draft changes, reviewers approve them.

Roles come from the configuration (Streamlit's secrets, `[parley.roles]`), by e-mail address.
With sign-in configured, anyone signed in who is not listed is a reader, and so is anyone not
signed in. Without sign-in, Parley runs as one local user who holds every role: fine on an
analyst's own machine, not for a shared server (nobody else can review, and anyone who reaches
the server can edit).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

READER, EDITOR, REVIEWER = "reader", "editor", "reviewer"
LOCAL = "local analyst"


@dataclass(frozen=True)
class User:
    name: str  # what the history records as who
    email: str
    roles: frozenset[str]
    local: bool = False  # the single local user of an installation without sign-in

    @property
    def can_edit(self) -> bool:
        return EDITOR in self.roles

    @property
    def can_review(self) -> bool:
        return REVIEWER in self.roles

    @property
    def signed_in(self) -> bool:
        return self.local or bool(self.email)


@dataclass(frozen=True)
class Roles:
    editors: frozenset[str] = frozenset()
    reviewers: frozenset[str] = frozenset()

    @classmethod
    def from_config(cls, config: Mapping | None) -> Roles:
        config = config or {}

        def addresses(name: str) -> frozenset[str]:
            return frozenset(str(a).strip().casefold() for a in config.get(name, []) if str(a).strip())

        return cls(addresses("editors"), addresses("reviewers"))

    def user(self, email: str, name: str = "") -> User:
        key = email.strip().casefold()
        roles = {READER}
        if key in self.editors:
            roles.add(EDITOR)
        if key in self.reviewers:
            roles.add(REVIEWER)
        return User(name or email, email, frozenset(roles))


ANONYMOUS = User("reader", "", frozenset({READER}))
LOCAL_USER = User(LOCAL, "", frozenset({READER, EDITOR, REVIEWER}), local=True)
