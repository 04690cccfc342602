"""The dataset format as pydantic models.

Analysts write these files by hand, so every field that can be wrong is checked here and
every model forbids unknown keys: a misspelt field name must be reported, not ignored. Rules
that need only the item itself (the codebook's basis rules) live here too; rules that need
other items (references, anchors, kept texts) live in parley.load.checks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$", max_length=64)]
Score = Annotated[float, Field(ge=0, le=100)]
HexColor = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
OneLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)]
Words = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]

PartyRole = Literal["negotiating_party", "mediator", "third_party"]
SourceKind = Literal["official_text", "official_statement", "news_report", "state_media", "analysis"]
Level = Literal["high", "medium", "low"]
Basis = Literal["stated", "reported", "assessed"]
EventKind = Literal["talks", "call", "statement", "document", "deadline", "agreement"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatasetInfo(_Strict):
    title: OneLine
    summary: Text = ""
    as_of: dt.date
    default_parties: list[Slug] = Field(min_length=2, max_length=2)


class Party(_Strict):
    id: Slug
    name: OneLine
    short: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=12)]
    role: PartyRole
    color: HexColor | None = None
    description: Text = ""


class Anchor(_Strict):
    value: Score
    label: OneLine


class Scale(_Strict):
    low: OneLine
    high: OneLine


class Issue(_Strict):
    id: Slug
    name: OneLine
    group: OneLine
    question: Text
    scale: Scale
    anchors: list[Anchor] = []

    def on_anchor(self, value: float) -> bool:
        return any(a.value == value for a in self.anchors)


class Source(_Strict):
    id: Slug
    title: OneLine
    publisher: OneLine
    date: dt.date
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    kind: SourceKind
    reliability: Level
    text_file: str | None = None
    note: Text = ""
    coding_note: Text = ""


class Evidence(_Strict):
    """Either a verbatim quote of the source (checked against its kept text) or a summary of it.

    Only a quote is ever shown in quotation marks; a summary is reporting in someone else's words
    and is shown as a summary of its named source.
    """

    source: Slug
    quote: Words | None = None
    summary: Words | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Evidence:
        if (self.quote is None) == (self.summary is None):
            raise ValueError(
                "an evidence entry needs either quote: (the source's own words) or summary: (reporting in "
                "other words), not both and not neither; keep one of the two, or split the entry in two"
            )
        return self

    @property
    def is_quote(self) -> bool:
        return self.quote is not None

    @property
    def text(self) -> str:
        return self.quote if self.quote is not None else self.summary or ""


class Position(_Strict):
    party: Slug
    issue: Slug
    date: dt.date
    stance: OneLine
    detail: Text = ""
    value: Score | None = None
    value_reason: Text = ""
    acceptable: tuple[Score, Score] | None = None
    salience: Annotated[float, Field(ge=0, le=1)] | None = None
    basis: Basis
    confidence: Level
    evidence: list[Evidence] = Field(default=[], validate_default=True)
    note: Text = Field(default="", validate_default=True)
    coding_note: Text = ""
    withdrawn: bool = False

    @field_validator("acceptable")
    @classmethod
    def _ordered(cls, value: tuple[float, float] | None) -> tuple[float, float] | None:
        if value is not None and value[0] > value[1]:
            raise ValueError(f"the range [{value[0]:g}, {value[1]:g}] is not ordered; write the lower bound first")
        return value

    # Field validators (not one model validator) so each problem names its field; basis is
    # declared before evidence and note, so it is known when they are checked.
    @field_validator("evidence")
    @classmethod
    def _backed(cls, evidence: list[Evidence], info: ValidationInfo) -> list[Evidence]:
        basis = info.data.get("basis")
        if basis in ("stated", "reported") and not evidence:
            needed = "evidence quote" if basis == "stated" else "piece of evidence"
            raise ValueError(
                f"a {basis} position needs at least one {needed}; "
                "add evidence: [{source: ..., quote: ...}] or set basis: assessed with a note"
            )
        if basis == "stated" and evidence and not any(e.is_quote for e in evidence):
            raise ValueError(
                "a stated position needs at least one verbatim quote, and this one has only summaries; a position "
                "whose evidence is only summaries is at most reported; add the party's words as quote: or set "
                "basis: reported"
            )
        return evidence

    @field_validator("note")
    @classmethod
    def _explained(cls, note: str, info: ValidationInfo) -> str:
        if info.data.get("basis") == "assessed" and not note:
            raise ValueError(
                "an assessed position needs a note saying why the analyst coded it so; "
                "add note: with the reasoning, or cite evidence and set basis: stated or reported"
            )
        return note

    @property
    def key(self) -> tuple[str, str, dt.date]:
        return (self.party, self.issue, self.date)

    @property
    def quotes(self) -> list[Evidence]:
        return [e for e in self.evidence if e.is_quote]


class Event(_Strict):
    date: dt.date
    title: OneLine
    kind: EventKind
    parties: list[Slug] = []
    source: Slug
    quote: Words | None = None
    summary: Words | None = None
    note: Text = ""
    coding_note: Text = ""

    @model_validator(mode="after")
    def _one_kind(self) -> Event:
        if self.quote is not None and self.summary is not None:
            raise ValueError(
                "an event has either quote: (the source's own words) or summary: (reporting in other words), "
                "not both; keep one of the two"
            )
        return self

    @property
    def evidence(self) -> Evidence | None:
        if self.quote is None and self.summary is None:
            return None
        return Evidence(source=self.source, quote=self.quote, summary=self.summary)


class Dataset(_Strict):
    """A whole negotiation, validated and cross-checked by parley.load."""

    id: Slug
    info: DatasetInfo
    parties: list[Party]
    issues: list[Issue]
    sources: list[Source]
    positions: list[Position]
    events: list[Event] = []
    source_texts: dict[str, str] = {}

    @cached_property
    def parties_by_id(self) -> dict[str, Party]:
        return {p.id: p for p in self.parties}

    @cached_property
    def issues_by_id(self) -> dict[str, Issue]:
        return {i.id: i for i in self.issues}

    @cached_property
    def sources_by_id(self) -> dict[str, Source]:
        return {s.id: s for s in self.sources}

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Dataset:
        """A copy whose id lookups are built afresh: pydantic copies cached properties along."""
        copied = super().model_copy(update=update, deep=deep)
        for name in ("parties_by_id", "issues_by_id", "sources_by_id"):
            copied.__dict__.pop(name, None)
        return copied

    def party(self, party_id: str) -> Party:
        return self.parties_by_id[party_id]

    def issue(self, issue_id: str) -> Issue:
        return self.issues_by_id[issue_id]

    def source(self, source_id: str) -> Source:
        return self.sources_by_id[source_id]
