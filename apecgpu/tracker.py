"""Commitments tracker: how far each commitment has got (announced → operational) and where its GPUs stand."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Optional

import pandas as pd

from . import model
from .i18n import t
from .schema import EVENT_STAGES, STAGES

LANGS = ("ko", "en")
# Stages that count GPUs by the quantities recorded; the others only say how far the paperwork has got.
QUANTITY_STAGES = ("delivered", "operational")
PAPER_STAGES = tuple(s for s in STAGES if s not in QUANTITY_STAGES)

STATUS_COLUMNS = ["commitment_id", "kind", "title", "holder_id", "holder", "primary_sector", "sector_ids", "stage",
                  "stage_rank", "stage_label", "stage_date", "stage_date_stated", "paper_stage", "committed_gpus",
                  "delivered_gpus", "operational_gpus", "source_ids"]
BREAKDOWN_COLUMNS = ["commitment_id", "holder_id", "holder", "primary_sector", "stage", "stage_rank", "gpus"]
HISTORY_COLUMNS = ["commitment_id", "stage", "stage_rank", "stage_label", "date", "date_stated", "quantity",
                   "source_id", "outlet", "note"]


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")


def stage_label(stage: str, lang: str = "ko") -> str:
    """The display name of a stage in the given language (catalogue key `stage.<id>`)."""
    _check_lang(lang)
    if stage not in STAGES:
        raise ValueError(f"stage must be one of {STAGES}, not {stage!r}")
    return t(f"stage.{stage}", lang)


def _in_stage_order(rows: pd.DataFrame) -> pd.DataFrame:
    # File line last, so rows on the same stage and day keep the order they were written in.
    keys = ["_rank", "date"] + (["_line"] if "_line" in rows.columns else [])
    return rows.assign(_rank=rows["stage"].map(STAGES.index)).sort_values(keys, kind="stable")


def _quantity(values: pd.Series) -> float:
    # A milestone without a quantity says the stage was reached, not how many GPUs: it adds none.
    return float(pd.to_numeric(values, errors="coerce").fillna(0).sum())


@dataclass(frozen=True)
class _Progress:
    stage: str
    stage_date: object
    paper_stage: str
    delivered: float
    operational: float
    source_ids: tuple
    stage_date_stated: str = "yes"  # "no" when every row giving stage_date says its source gives no exact date


def _progress(rows: pd.DataFrame) -> _Progress:
    if rows.empty:
        # The loader drops a commitment without an 'announced' row; synthetic tables may still lack one.
        # A commitment exists because it was announced, so that is the least it has reached.
        return _Progress("announced", None, "announced", 0.0, 0.0, ())
    ranked = _in_stage_order(rows)
    top = int(ranked["_rank"].max())
    stage = STAGES[top]
    paper = ranked[ranked["stage"].isin(PAPER_STAGES)]
    reached = ranked[ranked["_rank"] == top]
    first_day = reached["date"].min()  # when the furthest stage was first reached
    on_first_day = reached[reached["date"] == first_day]
    stated = "no" if "date_stated" in on_first_day and (on_first_day["date_stated"] == "no").all() else "yes"
    return _Progress(
        stage=stage,
        stage_date=first_day,
        stage_date_stated=stated,
        paper_stage=STAGES[int(paper["_rank"].max())] if not paper.empty else "announced",
        delivered=_quantity(ranked.loc[ranked["stage"] == "delivered", "quantity"]),
        operational=_quantity(ranked.loc[ranked["stage"] == "operational", "quantity"]),
        source_ids=tuple(dict.fromkeys(ranked["source_id"])),
    )


def _date_stated(stage: str, day, inferred_day, stated: Optional[str] = None) -> str:
    """'no' where the milestone says its source gives no exact date, or where an announcement or MoU stage sits on
    its announcing event's inferred day (a 'yes' there is a contradiction the loader warns about)."""
    if stated == "no":
        return "no"
    return "no" if stage in EVENT_STAGES and inferred_day is not None and day == inferred_day else "yes"


def commitment_status(tables: dict, sectors: Iterable[str] = (), lang: str = "ko") -> pd.DataFrame:
    """One row per commitment: furthest stage reached and when, GPUs committed, delivered and operational, sources.

    `committed_gpus`, `delivered_gpus` and `operational_gpus` are NaN for commitments that are not GPU allocations
    (an investment or a memory supply has no GPU count). `paper_stage` is the furthest of announced, mou_signed,
    contracted: where the GPUs not yet delivered stand.
    """
    _check_lang(lang)
    com = model.filter_by_sector(tables["commitments"], sectors)
    milestones = tables["milestones"]
    committed = model.committed_gpus(tables["claims"])
    inferred = model.inferred_announcement_days(tables)
    rows = []
    for c in com.itertuples():
        p = _progress(milestones[milestones["commitment_id"] == c.commitment_id])
        is_gpu = c.kind == "gpu_allocation"
        rows.append({
            "commitment_id": c.commitment_id, "kind": c.kind, "title": getattr(c, f"title_{lang}"),
            "holder_id": c.holder_id, "holder": model.name_of(tables, c.holder_id, lang),
            "primary_sector": c.primary_sector, "sector_ids": c.sector_ids,
            "stage": p.stage, "stage_rank": STAGES.index(p.stage), "stage_label": stage_label(p.stage, lang),
            "stage_date": p.stage_date,
            "stage_date_stated": _date_stated(p.stage, p.stage_date, inferred.get(c.commitment_id),
                                              p.stage_date_stated),
            "paper_stage": p.paper_stage,
            "committed_gpus": committed.get(c.commitment_id) if is_gpu else None,
            "delivered_gpus": p.delivered if is_gpu else None,
            "operational_gpus": p.operational if is_gpu else None,
            "source_ids": p.source_ids,
        })
    out = pd.DataFrame(rows, columns=STATUS_COLUMNS)
    for col in ("committed_gpus", "delivered_gpus", "operational_gpus"):
        out[col] = pd.to_numeric(out[col], errors="coerce").astype(float)
    return out


def gpu_stage_breakdown(tables: dict, sectors: Iterable[str] = (), lang: str = "ko",
                        status: Optional[pd.DataFrame] = None) -> pd.DataFrame:
    """GPUs of each GPU allocation split by stage (one row per allocation and stage holding GPUs); parts add up.

    Operational GPUs count as operational; delivered ones not yet operational as delivered; the rest of the
    committed amount stays at the furthest pre-delivery stage the commitment reached. `status`: commitment_status of
    the same tables, sectors and language, when the caller has it already.
    """
    status = commitment_status(tables, sectors, lang) if status is None else status
    status = status[(status["kind"] == "gpu_allocation") & status["committed_gpus"].notna()]
    rows = []
    for s in status.itertuples():
        # The loader allows 'operational' rows without a 'delivered' row (an article may report only that
        # GPUs are running); those GPUs were evidently delivered, so delivered is at least operational.
        delivered = max(s.delivered_gpus, s.operational_gpus)
        # The loader rejects deliveries beyond the committed amount; clip anyway so a bad table cannot
        # produce a negative bar.
        parts = {
            s.paper_stage: max(s.committed_gpus - delivered, 0.0),
            "delivered": delivered - s.operational_gpus,
            "operational": s.operational_gpus,
        }
        for stage in STAGES:
            if parts.get(stage, 0.0) > 0:
                rows.append({"commitment_id": s.commitment_id, "holder_id": s.holder_id, "holder": s.holder,
                             "primary_sector": s.primary_sector, "stage": stage,
                             "stage_rank": STAGES.index(stage), "gpus": parts[stage]})
    return pd.DataFrame(rows, columns=BREAKDOWN_COLUMNS)


def gpus_by_stage(tables: dict, sectors: Iterable[str] = ()) -> pd.DataFrame:
    """GPUs at each stage (every stage listed, in order); the column `gpus` sums to the committed total."""
    parts = gpu_stage_breakdown(tables, sectors)
    rows = []
    for rank, stage in enumerate(STAGES):
        at = parts[parts["stage"] == stage]
        rows.append({"stage": stage, "stage_rank": rank, "gpus": float(at["gpus"].sum()),
                     "commitment_ids": tuple(at["commitment_id"])})
    return pd.DataFrame(rows, columns=["stage", "stage_rank", "gpus", "commitment_ids"])


@dataclass(frozen=True)
class TargetGap:
    """The target GPU count, what has been delivered and is running, and what remains to deliver."""
    target: float
    target_basis: str  # "gpu_total": the headline total from the articles; "allocations": sum of the allocations shown
    target_qualifier: Optional[str]  # the headline total's qualifier, or the summed allocations' (model.sum_qualifier)
    target_disputed: bool  # the articles state the headline total differently (value, qualifier or parties)
    target_source_ids: tuple
    committed: float  # sum of the allocations shown
    delivered: float  # delivered so far, including GPUs already operational
    operational: float
    remaining: float  # target - delivered, never below zero
    committed_qualifier: Optional[str] = None  # the summed allocations' qualifier (model.allocations_total)

    @property
    def remaining_qualifier(self) -> Optional[str]:
        """Delivered counts are exact, so what remains keeps the target's qualifier."""
        return self.target_qualifier

    @property
    def delivered_share(self) -> float:
        return self.delivered / self.target if self.target else 0.0


def gap_to_target(tables: dict, sectors: Iterable[str] = (), status: Optional[pd.DataFrame] = None,
                  allocations: Optional[pd.DataFrame] = None) -> TargetGap:
    """How far deliveries are from the target.

    Unfiltered, the target is the headline `gpu_total` claim (260,000 GPUs). With a sector filter there is no
    stated total for the selection, so the target is the sum of the GPU allocations that meet the filter (an
    allocation tagged with several sectors counts in full under each of them). Without a `gpu_total` claim the
    target also falls back to the sum of allocations. `status` (commitment_status) and `allocations`
    (model.gpu_allocations) of the same tables and sectors, any language, when the caller has them already.
    """
    sectors = tuple(sectors)
    status = commitment_status(tables, sectors) if status is None else status
    gpu = status[(status["kind"] == "gpu_allocation") & status["committed_gpus"].notna()]
    committed = float(gpu["committed_gpus"].sum())
    delivered = float(gpu[["delivered_gpus", "operational_gpus"]].max(axis=1).sum())
    operational = float(gpu["operational_gpus"].sum())
    total = None if sectors else model.headline(tables["claims"], "gpu_total")
    allocations = model.gpu_allocations(tables, sectors) if allocations is None else allocations
    summed, summed_qualifier = model.allocations_total(tables, allocations)
    # The allocations' sum as the articles qualify it ("10만 개 이상" for the semiconductor filter), where it is
    # the sum the tracker counted.
    committed_qualifier = summed_qualifier if summed == committed else None
    if total is not None and total["value"] is not None:
        target, basis = float(total["value"]), "gpu_total"
        qualifier, source_ids = total["qualifier"], tuple(total["source_ids"])
        disputed = bool(total["disputed"])
    else:
        target, basis, qualifier, disputed = committed, "allocations", committed_qualifier, False
        # The articles that state the allocations summed, not the milestone sources.
        source_ids = tuple(dict.fromkeys(s for ids in allocations["source_ids"] for s in ids))
    return TargetGap(target=target, target_basis=basis, target_qualifier=qualifier, target_disputed=disputed,
                     target_source_ids=source_ids,
                     committed=committed, delivered=delivered, operational=operational,
                     remaining=max(target - delivered, 0.0), committed_qualifier=committed_qualifier)


def commitment_history(tables: dict, commitment_id: str, lang: str = "ko") -> pd.DataFrame:
    """Every milestone of one commitment, in stage order (then date), with its source; empty for an unknown id."""
    _check_lang(lang)
    ms = tables["milestones"]
    rows = ms[ms["commitment_id"] == commitment_id]
    sources = tables["sources"].set_index("source_id") if "sources" in tables else pd.DataFrame()
    inferred_day = model.inferred_announcement_days(tables).get(commitment_id) if "events" in tables else None
    out = []
    for r in _in_stage_order(rows).rename(columns={"_rank": "rank"}).itertuples():
        outlet = sources.at[r.source_id, f"outlet_{lang}"] if r.source_id in sources.index else None
        note = getattr(r, f"note_{lang}", None)
        out.append({
            "commitment_id": commitment_id, "stage": r.stage, "stage_rank": r.rank,
            "stage_label": stage_label(r.stage, lang), "date": r.date,
            "date_stated": _date_stated(r.stage, r.date, inferred_day, getattr(r, "date_stated", None)),
            "quantity": None if r.quantity is None or pd.isna(r.quantity) else float(r.quantity),
            "source_id": r.source_id,
            "outlet": None if outlet is None or pd.isna(outlet) else outlet,
            "note": None if note is None or pd.isna(note) else note,
        })
    result = pd.DataFrame(out, columns=HISTORY_COLUMNS)
    result["quantity"] = pd.to_numeric(result["quantity"], errors="coerce").astype(float)
    return result
