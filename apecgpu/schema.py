"""Row models for every data file: one pydantic model per CSV, the single statement of columns, types and allowed values."""
from __future__ import annotations

import datetime as dt
from typing import Annotated, ClassVar, Literal, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
STAGES = ("announced", "mou_signed", "contracted", "delivered", "operational")
# Stages reached at the announcement itself: when no article dates the event, their day is the event's inferred one.
EVENT_STAGES = ("announced", "mou_signed")
QUALIFIERS = ("up_to", "at_least", "over", "about", "exactly")
UNITS = ("gpu", "usd", "krw", "pct")
ORG_KINDS = ("country", "government", "research_institute", "university", "company", "investor")
COMMITMENT_KINDS = ("gpu_allocation", "investment", "agreement", "programme", "centre", "memory_supply")
EVENT_KINDS = ("briefing", "speech", "meeting", "press_release", "mou", "agreement", "programme", "alliance",
               "proposal", "supply", "partnership", "public_event")
# A GPU figure above this is a typing error, not a plan: the whole world's AI GPU fleet is of this order.
MAX_PLAUSIBLE_GPUS = 10_000_000


def _blank_to_none(value):
    if isinstance(value, str) and value.strip() == "":
        return None
    return value


def _split_ids(value):
    if value is None:
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return tuple(part.strip() for part in str(value).split(";") if part.strip())


Id = Annotated[str, StringConstraints(strip_whitespace=True, pattern=ID_PATTERN, max_length=80)]
OptId = Annotated[Optional[Id], BeforeValidator(_blank_to_none)]
IdList = Annotated[tuple[Id, ...], BeforeValidator(_split_ids)]
NonEmptyIdList = Annotated[tuple[Id, ...], BeforeValidator(_split_ids), Field(min_length=1)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
OptText = Annotated[Optional[str], BeforeValidator(_blank_to_none)]
OptDate = Annotated[Optional[dt.date], BeforeValidator(_blank_to_none)]
OptDateTime = Annotated[Optional[dt.datetime], BeforeValidator(_blank_to_none)]
OptFloat = Annotated[Optional[float], BeforeValidator(_blank_to_none)]


class Row(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)
    # Columns added after files were in use: a file without them still loads, each row taking the default.
    may_be_absent: ClassVar[tuple[str, ...]] = ()


class SourceRow(Row):
    source_id: Id
    seed_file: Text
    outlet_ko: OptText = None
    outlet_en: OptText = None
    byline_ko: OptText = None
    byline_en: OptText = None
    headline_ko: OptText = None
    headline_en: OptText = None
    published_kst: OptDateTime = None
    updated_kst: OptDateTime = None
    note_ko: OptText = None
    note_en: OptText = None


class SectorRow(Row):
    sector_id: Id
    name_ko: Text
    name_en: Text
    sort_order: int


class TopicRow(Row):
    topic_id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
    kind: Literal["number", "parties"]
    unit: Annotated[Optional[Literal[UNITS]], BeforeValidator(_blank_to_none)] = None
    label_ko: Text
    label_en: Text


class OrganisationRow(Row):
    org_id: Id
    name_ko: Text
    name_en: Text
    kind: Literal[ORG_KINDS]
    parent_id: OptId = None
    sector_ids: NonEmptyIdList
    source_ids: NonEmptyIdList


class GpuModelRow(Row):
    model_id: Id
    name_ko: Text
    name_en: Text
    family: Text
    source_ids: NonEmptyIdList
    note_ko: OptText = None
    note_en: OptText = None


class CommitmentRow(Row):
    commitment_id: Id
    kind: Literal[COMMITMENT_KINDS]
    holder_id: Id
    partner_ids: IdList = ()
    primary_sector: Id
    sector_ids: NonEmptyIdList
    gpu_model_ids: IdList = ()
    title_ko: Text
    title_en: Text
    purpose_ko: Text
    purpose_en: Text
    announced_event_id: Id
    source_ids: NonEmptyIdList


class ClaimRow(Row):
    claim_id: Id
    topic: Text
    commitment_id: OptId = None
    org_id: Id
    value: OptFloat = None
    unit: Annotated[Optional[Literal[UNITS]], BeforeValidator(_blank_to_none)] = None
    qualifier: Annotated[Optional[Literal[QUALIFIERS]], BeforeValidator(_blank_to_none)] = None
    party_ids: IdList = ()
    source_id: Id
    quote_ko: Text
    note_ko: OptText = None
    note_en: OptText = None


class EventRow(Row):
    event_id: Id
    date: dt.date
    date_stated: Literal["yes", "no"]
    time_kst: Annotated[Optional[Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]],
                        BeforeValidator(_blank_to_none)] = None
    part_of_day: Annotated[Optional[Literal["am", "pm"]], BeforeValidator(_blank_to_none)] = None
    kind: Literal[EVENT_KINDS]
    title_ko: Text
    title_en: Text
    summary_ko: Text
    summary_en: Text
    place_ko: OptText = None
    place_en: OptText = None
    party_ids: NonEmptyIdList
    sector_ids: NonEmptyIdList
    commitment_ids: IdList = ()
    source_ids: NonEmptyIdList


class MilestoneRow(Row):
    may_be_absent: ClassVar[tuple[str, ...]] = ("date_stated",)
    commitment_id: Id
    stage: Literal[STAGES]
    date: dt.date
    # "no" when the source gives no exact date ("11월 중"): the date is the editor's placement, shown as inferred.
    # Empty (or no such column): as the announcing event for an announced/MoU stage, else stated.
    date_stated: Annotated[Optional[Literal["yes", "no"]], BeforeValidator(_blank_to_none)] = None
    quantity: OptFloat = None
    source_id: Id
    note_ko: OptText = None
    note_en: OptText = None


class AssumptionRow(Row):
    """One row of assumptions.csv: a default, its unit, the range a reader may choose from, and its source. Not
    article data, so not in TABLES: power.py loads it (through the same reader) and checks its own rules."""
    assumption_id: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z][a-z0-9_]*$")]
    value: float
    unit: Text
    label_ko: Text
    label_en: Text
    min: float
    max: float
    step: OptFloat = None
    source_ko: Text
    source_en: Text
    note_ko: OptText = None
    note_en: OptText = None


# file name -> (row model, id column or None). The order is the order of loading and of error reports.
TABLES: dict[str, tuple[type[Row], Optional[str]]] = {
    "sources.csv": (SourceRow, "source_id"),
    "sectors.csv": (SectorRow, "sector_id"),
    "topics.csv": (TopicRow, "topic_id"),
    "organisations.csv": (OrganisationRow, "org_id"),
    "gpu_models.csv": (GpuModelRow, "model_id"),
    "commitments.csv": (CommitmentRow, "commitment_id"),
    "claims.csv": (ClaimRow, "claim_id"),
    "events.csv": (EventRow, "event_id"),
    "milestones.csv": (MilestoneRow, None),
}
