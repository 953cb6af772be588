"""Commitments tracker: stages, GPU counts by stage, gap to target and histories, on tiny and real data."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from apecgpu import model, tracker
from apecgpu.data import DEFAULT_DATA_DIR, load_dataset
from apecgpu.i18n import TEXT
from apecgpu.schema import STAGES, TABLES

# The total the articles state, read from claims.csv (never typed in): the real-data checks compare against it.
from apecgpu import data as _data, model as _model  # noqa: E402
STATED_TOTAL = _model.headline(_data.load_dataset_strict().tables["claims"], "gpu_total")["value"]

# Far enough ahead that test milestones dated 2026 are not "in the future" for the loader.
LATER = dt.date(2030, 1, 1)

# A tiny but complete dataset: two GPU allocations (100 and 200 GPUs, total 300) and one agreement.
TINY = {
    "sources.csv": """source_id,seed_file,outlet_ko,outlet_en,byline_ko,byline_en,headline_ko,headline_en,published_kst,updated_kst,note_ko,note_en
s1,a.txt,가신문,Paper A,,,,,,,,
s2,b.txt,나신문,Paper B,,,,,,,,
""",
    "sectors.csv": """sector_id,name_ko,name_en,sort_order
alpha,알파,Alpha,1
beta,베타,Beta,2
""",
    "topics.csv": """topic_id,kind,unit,label_ko,label_en
gpu_total,number,gpu,GPU 총량,Total GPUs
gpu_allocation,number,gpu,GPU 배분,GPU allocation
""",
    "organisations.csv": """org_id,name_ko,name_en,kind,parent_id,sector_ids,source_ids
nation,나라,Nation,country,,alpha,s1
vendor,공급사,Vendor,company,,alpha;beta,s1
acme,에이크미,Acme,company,,alpha,s1
beta-co,베타사,Beta Co,company,,beta,s2
""",
    "gpu_models.csv": """model_id,name_ko,name_en,family,source_ids,note_ko,note_en
m1,모델1,Model 1,fam,s1,,
""",
    "commitments.csv": """commitment_id,kind,holder_id,partner_ids,primary_sector,sector_ids,gpu_model_ids,title_ko,title_en,purpose_ko,purpose_en,announced_event_id,source_ids
gpu-acme,gpu_allocation,acme,vendor,alpha,alpha,m1,에이크미 GPU,Acme GPUs,목적,Purpose,ev-announce,s1
gpu-beta,gpu_allocation,beta-co,vendor,beta,beta,m1,베타 GPU,Beta GPUs,목적,Purpose,ev-announce,s2
mou-x,agreement,acme,beta-co;vendor,alpha,alpha;beta,,엑스 MoU,X MoU,목적,Purpose,ev-mou,s1
""",
    "claims.csv": """claim_id,topic,commitment_id,org_id,value,unit,qualifier,party_ids,source_id,quote_ko,note_ko,note_en
c-total,gpu_total,,nation,300,gpu,up_to,,s1,총 300개,,
c-acme,gpu_allocation,gpu-acme,acme,100,gpu,exactly,,s1,100개,,
c-beta,gpu_allocation,gpu-beta,beta-co,200,gpu,exactly,,s2,200개,,
""",
    "events.csv": """event_id,date,date_stated,time_kst,part_of_day,kind,title_ko,title_en,summary_ko,summary_en,place_ko,place_en,party_ids,sector_ids,commitment_ids,source_ids
ev-announce,2025-10-31,yes,,,speech,발표,Announcement,요약,Summary,,,vendor,alpha;beta,gpu-acme;gpu-beta,s1
ev-mou,2025-10-31,yes,,,mou,MoU,MoU,요약,Summary,,,acme;beta-co;vendor,alpha;beta,mou-x,s1
""",
}
ANNOUNCED = """commitment_id,stage,date,quantity,source_id,note_ko,note_en
gpu-acme,announced,2025-10-31,,s1,,
gpu-beta,announced,2025-10-31,,s2,,
mou-x,announced,2025-10-31,,s1,,
"""


def tiny_tables(tmp_path: Path, extra_milestones: str = "") -> dict:
    """Write the tiny dataset (plus extra milestone lines) to a folder and load it through the real loader."""
    for name, text in TINY.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "milestones.csv").write_text(ANNOUNCED + extra_milestones, encoding="utf-8")
    result = load_dataset(tmp_path, today=LATER)
    assert not result.errors, [i.message() for i in result.errors]
    return result.dataset.tables


def real_tables_with(tmp_path: Path, extra_milestones: str = "", *, allow_errors: bool = False):
    """The real data with extra milestone lines appended (in a copy), loaded through the real loader."""
    for name in TABLES:
        shutil.copy(DEFAULT_DATA_DIR / name, tmp_path / name)
    if extra_milestones:
        path = tmp_path / "milestones.csv"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.rstrip("\n") + "\n" + extra_milestones, encoding="utf-8")
    result = load_dataset(tmp_path, today=LATER)
    if not allow_errors:
        assert not result.errors, [i.message() for i in result.errors]
    return result


@pytest.fixture(scope="module")
def real_tables():
    result = load_dataset(DEFAULT_DATA_DIR)
    assert not result.errors, [i.message() for i in result.errors]
    return result.dataset.tables


# Acme: contracted, two deliveries (30 + 20), then 25 running. Beta: only announced.
PROGRESS = """gpu-acme,contracted,2026-01-10,,s1,계약,Contract
gpu-acme,delivered,2026-03-01,30,s1,1차 납품,First delivery
gpu-acme,delivered,2026-06-01,20,s2,2차 납품,Second delivery
gpu-acme,operational,2026-07-01,25,s2,가동,Running
"""


class TestStatusTiny:
    def test_only_announced(self, tmp_path):
        status = tracker.commitment_status(tiny_tables(tmp_path)).set_index("commitment_id")
        assert list(status.index) == ["gpu-acme", "gpu-beta", "mou-x"]
        assert set(status["stage"]) == {"announced"}
        assert status.at["gpu-acme", "committed_gpus"] == 100
        assert status.at["gpu-beta", "committed_gpus"] == 200
        assert status.at["gpu-acme", "delivered_gpus"] == 0
        assert status.at["gpu-acme", "stage_date"] == dt.date(2025, 10, 31)
        assert status.at["gpu-beta", "source_ids"] == ("s2",)

    def test_non_gpu_commitment_has_no_gpu_counts(self, tmp_path):
        status = tracker.commitment_status(tiny_tables(tmp_path)).set_index("commitment_id")
        assert status.loc["mou-x", ["committed_gpus", "delivered_gpus", "operational_gpus"]].isna().all()

    def test_progress_shows_furthest_stage_and_sums(self, tmp_path):
        status = tracker.commitment_status(tiny_tables(tmp_path, PROGRESS)).set_index("commitment_id")
        acme = status.loc["gpu-acme"]
        assert acme["stage"] == "operational"
        assert acme["stage_rank"] == STAGES.index("operational")
        assert acme["stage_date"] == dt.date(2026, 7, 1)
        assert acme["paper_stage"] == "contracted"
        assert acme["delivered_gpus"] == 50
        assert acme["operational_gpus"] == 25
        assert acme["source_ids"] == ("s1", "s2")

    def test_title_and_holder_follow_lang(self, tmp_path):
        tables = tiny_tables(tmp_path)
        en = tracker.commitment_status(tables, lang="en").set_index("commitment_id")
        ko = tracker.commitment_status(tables, lang="ko").set_index("commitment_id")
        assert (en.at["gpu-acme", "title"], en.at["gpu-acme", "holder"]) == ("Acme GPUs", "Acme")
        assert (ko.at["gpu-acme", "title"], ko.at["gpu-acme", "holder"]) == ("에이크미 GPU", "에이크미")
        assert ko.at["gpu-acme", "stage_label"] == "발표"

    def test_unknown_lang_is_refused(self, tmp_path):
        with pytest.raises(ValueError, match="lang"):
            tracker.commitment_status(tiny_tables(tmp_path), lang="fr")

    def test_sector_filter(self, tmp_path):
        status = tracker.commitment_status(tiny_tables(tmp_path), sectors=("beta",))
        assert list(status["commitment_id"]) == ["gpu-beta", "mou-x"]


class TestGpusByStageTiny:
    def test_all_announced(self, tmp_path):
        by_stage = tracker.gpus_by_stage(tiny_tables(tmp_path)).set_index("stage")
        assert list(by_stage.index) == list(STAGES)
        assert by_stage.at["announced", "gpus"] == 300
        assert by_stage["gpus"].sum() == 300

    def test_deliveries_split_the_commitment(self, tmp_path):
        by_stage = tracker.gpus_by_stage(tiny_tables(tmp_path, PROGRESS)).set_index("stage")["gpus"]
        # Acme 100 = 50 not yet delivered (still at 'contracted') + 25 delivered only + 25 running; Beta 200 announced.
        assert by_stage.to_dict() == {"announced": 200, "mou_signed": 0, "contracted": 50, "delivered": 25,
                                      "operational": 25}
        assert by_stage.sum() == 300

    def test_operational_without_delivery_row_counts_as_delivered(self, tmp_path):
        extra = "gpu-beta,operational,2026-05-01,40,s2,,\n"
        tables = tiny_tables(tmp_path, extra)
        by_stage = tracker.gpus_by_stage(tables).set_index("stage")["gpus"]
        assert by_stage["operational"] == 40
        assert by_stage["delivered"] == 0
        assert by_stage["announced"] == 100 + 160
        gap = tracker.gap_to_target(tables)
        assert (gap.delivered, gap.operational, gap.remaining) == (40, 40, 260)

    def test_breakdown_parts_add_up_per_commitment(self, tmp_path):
        parts = tracker.gpu_stage_breakdown(tiny_tables(tmp_path, PROGRESS))
        assert parts.groupby("commitment_id")["gpus"].sum().to_dict() == {"gpu-acme": 100, "gpu-beta": 200}


class TestGapToTargetTiny:
    def test_unfiltered_uses_headline_total(self, tmp_path):
        gap = tracker.gap_to_target(tiny_tables(tmp_path, PROGRESS))
        assert gap.target == 300
        assert gap.target_basis == "gpu_total"
        assert gap.target_qualifier == "up_to"
        assert gap.target_source_ids == ("s1",)
        assert not gap.target_disputed  # one article, one version
        assert (gap.committed, gap.delivered, gap.operational, gap.remaining) == (300, 50, 25, 250)
        assert gap.delivered_share == pytest.approx(50 / 300)

    def test_filtered_uses_sum_of_allocations_shown(self, tmp_path):
        gap = tracker.gap_to_target(tiny_tables(tmp_path, PROGRESS), sectors=("beta",))
        assert (gap.target, gap.target_basis, gap.delivered, gap.remaining) == (200, "allocations", 0, 200)
        # The tiny allocations have no qualifier, so neither has their sum.
        assert gap.target_qualifier == gap.committed_qualifier == "exactly" and not gap.target_disputed
        assert gap.target_source_ids == ("s2",)


class TestHistoryTiny:
    def test_rows_in_stage_order_with_sources(self, tmp_path):
        history = tracker.commitment_history(tiny_tables(tmp_path, PROGRESS), "gpu-acme", lang="en")
        assert list(history["stage"]) == ["announced", "contracted", "delivered", "delivered", "operational"]
        assert list(history["date"]) == sorted(history["date"])
        assert list(history["quantity"].fillna(-1)) == [-1, -1, 30, 20, 25]
        assert list(history["source_id"]) == ["s1", "s1", "s1", "s2", "s2"]
        assert history["outlet"].iloc[-1] == "Paper B"
        assert history["note"].iloc[2] == "First delivery"

    def test_unknown_commitment_gives_empty_history(self, tmp_path):
        history = tracker.commitment_history(tiny_tables(tmp_path), "no-such-id")
        assert history.empty
        assert list(history.columns) == tracker.HISTORY_COLUMNS


class TestRealData:
    def test_stages_match_milestones_file(self, real_tables):
        status = tracker.commitment_status(real_tables).set_index("commitment_id")
        assert set(status["stage"]) <= {"announced", "mou_signed"}
        signed = set(real_tables["milestones"].query("stage == 'mou_signed'")["commitment_id"])
        assert set(status.index[status["stage"] == "mou_signed"]) == signed
        assert len(status) == len(real_tables["commitments"])

    def test_gpu_counts(self, real_tables):
        status = tracker.commitment_status(real_tables).set_index("commitment_id")
        committed = model.committed_gpus(real_tables["claims"])
        assert status.loc["gpu-naver-cloud", "committed_gpus"] == committed["gpu-naver-cloud"]
        assert status["committed_gpus"].sum() == sum(committed.values())

    def test_gpus_by_stage_total_equals_committed_total(self, real_tables):
        by_stage = tracker.gpus_by_stage(real_tables)
        committed = model.gpu_allocations(real_tables)["gpus"].sum()
        assert by_stage["gpus"].sum() == committed == STATED_TOTAL
        assert by_stage.set_index("stage").at["announced", "gpus"] == STATED_TOTAL

    @pytest.mark.parametrize("sector", ["public", "semiconductors", "mobility", "cloud", "robotics", "telecom"])
    def test_filtered_totals_match_filtered_allocations(self, real_tables, sector):
        allocations = model.gpu_allocations(real_tables, [sector])
        assert tracker.gpus_by_stage(real_tables, [sector])["gpus"].sum() == allocations["gpus"].sum()
        gap = tracker.gap_to_target(real_tables, [sector])
        assert gap.target == allocations["gpus"].sum()
        assert gap.target_basis == "allocations"

    def test_gap_unfiltered(self, real_tables):
        gap = tracker.gap_to_target(real_tables)
        assert (gap.target, gap.target_basis, gap.delivered, gap.remaining) == (STATED_TOTAL, "gpu_total", 0, STATED_TOTAL)

    def test_history_of_signed_agreement(self, real_tables):
        history = tracker.commitment_history(real_tables, "agr-ai-ran", lang="ko")
        assert list(history["stage"]) == ["announced", "mou_signed"]
        assert history["note"].iloc[1].startswith("협약 체결")


class TestRealDataWithDelivery:
    def test_delivery_shows_in_status_and_stage_counts(self, tmp_path):
        extra = ("gpu-naver-cloud,contracted,2026-01-15,,,s5,,\n"
                 "gpu-naver-cloud,delivered,2026-02-01,,10000,s5,1차 납품,First delivery\n")
        tables = real_tables_with(tmp_path, extra).dataset.tables
        status = tracker.commitment_status(tables).set_index("commitment_id")
        assert status.at["gpu-naver-cloud", "stage"] == "delivered"
        assert status.at["gpu-naver-cloud", "stage_date"] == dt.date(2026, 2, 1)
        delivered = 10_000  # the fixture's delivery row above
        naver = model.committed_gpus(tables["claims"])["gpu-naver-cloud"]
        assert status.at["gpu-naver-cloud", "delivered_gpus"] == delivered
        by_stage = tracker.gpus_by_stage(tables).set_index("stage")["gpus"]
        assert by_stage["delivered"] == delivered
        assert by_stage["contracted"] == naver - delivered  # the rest of Naver's contracted GPUs
        assert by_stage["announced"] == STATED_TOTAL - naver
        assert by_stage.sum() == STATED_TOTAL
        history = tracker.commitment_history(tables, "gpu-naver-cloud", lang="en")
        assert list(history["stage"]) == ["announced", "contracted", "delivered"]
        assert tracker.gap_to_target(tables).remaining == 250_000

    def test_a_delivery_whose_source_gives_no_exact_day_is_marked_inferred(self, tmp_path):
        # An article saying "11월 중 1만 개 입고" gives no day: the editor places it and says so (date_stated = no).
        extra = ("gpu-naver-cloud,contracted,2026-01-15,yes,,s5,,\n"
                 "gpu-naver-cloud,delivered,2026-02-01,no,10000,s5,2월 중 1차 납품,First delivery in February\n")
        tables = real_tables_with(tmp_path, extra).dataset.tables
        status = tracker.commitment_status(tables).set_index("commitment_id")
        assert (status.at["gpu-naver-cloud", "stage"], status.at["gpu-naver-cloud", "stage_date_stated"]) == (
            "delivered", "no")
        history = tracker.commitment_history(tables, "gpu-naver-cloud").set_index("stage")
        assert (history.at["contracted", "date_stated"], history.at["delivered", "date_stated"]) == ("yes", "no")

    def test_impossible_delivery_is_rejected_by_loader_and_not_counted(self, tmp_path):
        # More than the 60,000 committed: data.py reports the row and drops it; the tracker must not see it.
        extra = "gpu-naver-cloud,delivered,2026-02-01,,70000,s5,,\n"
        result = real_tables_with(tmp_path, extra, allow_errors=True)
        assert any(i.file == "milestones.csv" and i.column == "quantity" for i in result.errors)
        status = tracker.commitment_status(result.dataset.tables).set_index("commitment_id")
        assert status.at["gpu-naver-cloud", "stage"] == "announced"
        assert tracker.gpus_by_stage(result.dataset.tables)["gpus"].sum() == STATED_TOTAL


def test_every_stage_has_labels_in_both_languages():
    # Stage names live in the one text catalogue (keys stage.<id>), not in the tracker.
    for stage in STAGES:
        assert f"stage.{stage}" in TEXT and set(TEXT[f"stage.{stage}"]) == {"ko", "en"}
        assert tracker.stage_label(stage, "ko") == TEXT[f"stage.{stage}"]["ko"]
        assert tracker.stage_label(stage, "en") == TEXT[f"stage.{stage}"]["en"]
    with pytest.raises(ValueError, match="stage"):
        tracker.stage_label("shipped", "en")


def test_real_total_is_flagged_where_the_articles_qualify_it_differently(real_tables):
    # The five articles give 260,000 as 'over', 'up to', 'about' and unqualified: the page must say so.
    gap = tracker.gap_to_target(real_tables)
    assert (gap.target, gap.target_qualifier, gap.target_disputed) == (STATED_TOTAL, "exactly", True)


@pytest.mark.parametrize("sectors", [(), ("cloud",), ("mobility", "semiconductors")])
def test_a_status_passed_in_gives_what_computing_it_gives(real_tables, sectors):
    # The views compute the status once per filter and hand it to the breakdown and the gap (views_tracking.status_of).
    status = tracker.commitment_status(real_tables, sectors, "en")
    pd.testing.assert_frame_equal(tracker.gpu_stage_breakdown(real_tables, sectors, "en", status=status),
                                  tracker.gpu_stage_breakdown(real_tables, sectors, "en"))
    assert tracker.gap_to_target(real_tables, sectors, status=status) == tracker.gap_to_target(real_tables, sectors)
