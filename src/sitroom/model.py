"""The typed records sitroom passes between stages and writes out.

`Document` is what a reader yields (raw input, before any NLP). `Record` and its parts
are the public extraction record of ../shared/CONTRACT.md; `sitroom/schema/record.schema.json`
is the same contract as a JSON Schema, and the tests validate every record against it.
Fields may only be added here, never renamed or dropped.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ActorKind = Literal[
    "state_forces",
    "rebel_group",
    "political_militia",
    "identity_militia",
    "rioters",
    "protesters",
    "civilians",
    "external_forces",
    "state",
    "political_party",
    "organization",
    "media",
]
FeatureKind = Literal[
    "city", "town", "village", "region", "admin1", "country", "water", "mountain", "other"
]
EventStatus = Literal["occurred", "ongoing", "anticipated", "threatened"]
DatePrecision = Literal["day", "week", "month", "year"]
RelationKind = Literal[
    "ally", "enemy", "supports", "branch_of", "member_of", "cooperates", "negotiates"
]
PloverType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]

#: ACLED event types and their sub-event types, spelled exactly as ACLED spells them.
ACLED_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash",
        "Government regains territory",
        "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

Span = tuple[int, int]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Document(_Record):
    """One article as a reader found it: text plus whatever metadata came with it."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: date | None = None
    language: str = "en"
    origin: str | None = Field(default=None, description="file (and line or item) it came from")


class Evidence(_Record):
    """The words a record came from: [start, end) into the article text."""

    start: int
    end: int
    text: str


class Article(_Record):
    id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    published_inferred: bool = False
    language: str = "en"
    sha256: str
    text: str


class Actor(_Record):
    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    parent: str | None = None
    mentions: list[Span] = Field(default_factory=list)
    inferred: bool = Field(default=False, description="true when not from the knowledge base")


class Person(_Record):
    id: str
    name: str
    title: str | None = None
    affiliation: str | None = None
    mentions: list[Span] = Field(default_factory=list)


class Place(_Record):
    id: str
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature: FeatureKind = "other"
    precision: Literal[1, 2, 3] = 1
    mentions: list[Span] = Field(default_factory=list)
    reason: str | None = None


class Event(_Record):
    id: str
    event_type: str
    sub_event_type: str
    plover: PloverType
    mode: str | None = None
    status: EventStatus = "occurred"
    date: str | None = None
    date_end: str | None = None
    date_precision: DatePrecision | None = None
    actor1: str | None = None
    actor2: str | None = None
    associated_actors: list[str] = Field(default_factory=list)
    place: str | None = None
    geo_precision: Literal[1, 2, 3] | None = Field(
        default=None,
        description="how closely the place locates the event, as ACLED's geo_precision: 1 the "
        "text ties the event to the place itself, 2 to a part of it or a place nearby (or the "
        "place is only found in the event's paragraph), 3 a wider region or the article's focus",
    )
    place_basis: Literal["sentence", "paragraph", "article"] | None = Field(
        default=None,
        description="where the place came from: the event's own sentence, its paragraph, "
        "or the article's focus",
    )
    fatalities: int | None = None
    evidence: Evidence
    trigger: Evidence | None = Field(
        default=None, description="the words that name the event ('seized', 'suicide bombing')"
    )
    evidence_more: list[Evidence] = Field(
        default_factory=list,
        description="every further span of the article that reports the same happening",
    )
    confidence: float = Field(ge=0.0, le=1.0)


class Relation(_Record):
    source: str
    target: str
    kind: RelationKind
    evidence: Evidence
    origin: Literal["text", "knowledge_base"] = Field(
        default="text",
        description="text: the evidence states it; knowledge_base: our actor data asserts it, "
        "and the evidence is the mention that brought it in",
    )


class Quote(_Record):
    speaker: str | None
    affiliation: str | None = None
    text: str
    direct: bool
    evidence: Evidence


class Claim(_Record):
    value: float
    unit: str | None = None
    subject: str | None = None
    hedge: str | None = None
    text: str
    evidence: Evidence


class Record(_Record):
    """The extraction record of one article (CONTRACT.md)."""

    article: Article
    actors: list[Actor] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)

    def to_json_dict(self) -> dict:
        """The record as plain JSON types (spans as lists), ready for json.dumps."""
        return self.model_dump(mode="json")
