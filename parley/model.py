"""The dataset format as pydantic models.

Analysts write these files by hand, so every field that can be wrong is checked here and
every model forbids unknown keys: a misspelt field name must be reported, not ignored.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$", max_length=64)]
Score = Annotated[float, Field(ge=0, le=100)]
HexColor = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
OneLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)]

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


class Evidence(_Strict):
    source: Slug
    quote: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]


class Position(_Strict):
    party: Slug
    issue: Slug
    date: dt.date
    stance: OneLine
    detail: Text = ""
    value: Score | None = None
    acceptable: tuple[Score, Score] | None = None
    salience: Annotated[float, Field(ge=0, le=1)] | None = None
    basis: Basis
    confidence: Level
    evidence: list[Evidence] = Field(default=[], validate_default=True)
    note: Text = Field(default="", validate_default=True)
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
            raise ValueError(
                f"a {basis} position needs at least one evidence quote; "
                "add evidence: [{source: ..., quote: ...}] or set basis: assessed with a note"
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


class Event(_Strict):
    date: dt.date
    title: OneLine
    kind: EventKind
    parties: list[Slug] = []
    source: Slug
    quote: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] = ""
    note: Text = ""


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

    def party(self, party_id: str) -> Party:
        return next(p for p in self.parties if p.id == party_id)

    def issue(self, issue_id: str) -> Issue:
        return next(i for i in self.issues if i.id == issue_id)

    def source(self, source_id: str) -> Source:
        return next(s for s in self.sources if s.id == source_id)
