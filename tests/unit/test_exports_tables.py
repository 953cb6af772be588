"""Briefing kit, data files: CSV (UTF-8 BOM, header block) and XLSX (header block, Sources sheet, full workbook)
are opened and read back; plus the shared ExportMeta (links, file names, as-of date)."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from apecgpu import fmt
from apecgpu.data import load_dataset
from apecgpu.exports import make_meta
from apecgpu.exports.bundle import build_bundle
from apecgpu.exports.meta import BASE_URL_ENV, query_string, without_repeats
from apecgpu.exports.tables import BOM, export_csv, export_workbook, export_xlsx, header_block
from apecgpu.i18n import t

TODAY = dt.date(2025, 11, 3)


@pytest.fixture(scope="module")
def dataset():
    result = load_dataset()
    assert not result.errors, [i.message() for i in result.errors]
    return result.dataset


@pytest.fixture(scope="module")
def ko(dataset):
    return build_bundle(dataset.tables, dataset.version, "ko", base_url="http://intranet.example:8501")


@pytest.fixture(scope="module")
def en_cloud(dataset):
    return build_bundle(dataset.tables, dataset.version, "en", ("cloud",))


def _view(bundle, view_id):
    return next(v for v in bundle.views if v.view_id == view_id)


def _csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


class TestMeta:
    def test_link_reopens_the_page_with_language_and_filter(self, dataset):
        meta = make_meta(dataset.tables, dataset.version, "ko", ("cloud", "public"), base_url="http://h:1/")
        view = build_bundle(dataset.tables, dataset.version, "ko", ("cloud", "public")).views[1]
        assert meta.view_link(view) == f"http://h:1/{view.page}?lang=ko&sector=cloud&sector=public"
        assert meta.present_link(view).endswith(f"&present=1&view={view.view_id}")

    def test_query_matches_appstate_format(self):
        assert query_string("en", ("cloud",)) == "?lang=en&sector=cloud"
        assert query_string("ko", ()) == "?lang=ko"

    def test_base_url_from_env(self, dataset, monkeypatch):
        monkeypatch.setenv(BASE_URL_ENV, "https://dash.gov.example/apec/")
        meta = make_meta(dataset.tables, dataset.version, "ko")
        assert meta.base_url == "https://dash.gov.example/apec"

    @pytest.mark.parametrize("lang", ["ko", "en"])
    def test_as_of_comes_from_the_source_dates(self, dataset, lang):
        meta = make_meta(dataset.tables, dataset.version, lang)
        published = dataset.tables["sources"]["published_kst"].dropna()
        assert fmt.day(published.min().date(), lang) in meta.as_of
        assert fmt.day(published.max().date(), lang) in meta.as_of

    def test_file_names_are_ascii_and_say_what_is_inside(self, dataset):
        meta = make_meta(dataset.tables, dataset.version, "ko", ("cloud",))
        assert meta.file_name("split-org", "csv") == f"apecgpu-split-org-ko-{dataset.version}-cloud.csv"
        assert meta.file_name("split-org", "csv", all_data=True).endswith("-all.csv")
        assert meta.file_name("x", "png").isascii()


class TestCsv:
    def test_starts_with_bom_and_carries_version_sources_and_link(self, ko):
        view = _view(ko, "split-org")
        data = export_csv(view, ko.meta)
        assert data.startswith(BOM.encode("utf-8"))
        rows = _csv_rows(data)
        block = dict(r for r in rows[: rows.index([])])
        assert block[t("meta.version", "ko")] == ko.meta.version
        assert block[t("meta.title", "ko")] == view.title
        assert block[t("meta.sources", "ko")] == view.source_line
        assert block[t("meta.link", "ko")] == f"http://intranet.example:8501/gpu-split?lang=ko"
        assert block[t("meta.filter", "ko")] == t("ctl.filter_none", "ko")

    def test_table_follows_the_blank_row_with_display_headers_and_korean(self, ko):
        view = _view(ko, "split-org")
        rows = _csv_rows(export_csv(view, ko.meta))
        table = rows[rows.index([]) + 1:]
        assert table[0] == list(view.table.columns)
        assert len(table) - 1 == len(view.table)
        recipients = [r[0] for r in table[1:]]
        assert recipients == list(view.table.iloc[:, 0])
        assert "네이버클라우드" in recipients
        gpus = [int(r[1]) for r in table[1:]]
        assert gpus == [int(v) for v in view.table.iloc[:, 1]]

    def test_excel_reads_the_bom_as_utf8(self, ko):
        data = export_csv(_view(ko, "split-share"), ko.meta)
        # Excel decides the encoding from the first three bytes: EF BB BF means UTF-8.
        assert data[:3] == b"\xef\xbb\xbf"
        assert "배분처" in data.decode("utf-8-sig")

    def test_filtered_and_all_data_are_labelled(self, dataset, en_cloud):
        view = _view(en_cloud, "split-org")
        full = build_bundle(dataset.tables, dataset.version, "en")
        full_view = _view(full, "split-org")
        filtered = dict(r for r in _csv_rows(export_csv(view, en_cloud.meta))[:9] if len(r) == 2)
        everything = dict(r for r in _csv_rows(export_csv(full_view, full.meta, all_data=True))[:9] if len(r) == 2)
        assert filtered[t("meta.filter", "en")] == "Cloud"
        assert filtered[t("meta.scope", "en")] == t("meta.scope.filtered", "en")
        assert everything[t("meta.scope", "en")] == t("meta.scope.all", "en")
        assert len(full_view.table) > len(view.table)

    def test_a_plain_dataframe_gets_the_block_without_view_rows(self, ko):
        rows = _csv_rows(export_csv(ko.disagreements, ko.meta))
        labels = [r[0] for r in rows[: rows.index([])]]
        assert t("meta.version", "ko") in labels and t("meta.title", "ko") not in labels


class TestXlsx:
    def test_one_view_has_data_and_sources_sheets(self, ko):
        view = _view(ko, "base-compare")
        wb = load_workbook(io.BytesIO(export_xlsx(view, ko.meta, source_table=ko.source_table)))
        assert wb.sheetnames == ["base-compare", t("meta.sources", "ko")]
        ws = wb["base-compare"]
        block = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(1, len(header_block(ko.meta, view)) + 1)}
        assert block[t("meta.version", "ko")] == ko.meta.version
        assert block[t("meta.title", "ko")] == view.title
        start = len(header_block(ko.meta, view)) + 2
        assert [c.value for c in ws[start]][: len(view.table.columns)] == list(view.table.columns)
        assert ws.cell(start + 1, 2).value == int(view.table.iloc[0, 1])  # numbers stay numbers
        assert ws.cell(start + 1, 2).number_format == "#,##0"
        src = wb[t("meta.sources", "ko")]
        ids = [src.cell(r, 1).value for r in range(5, src.max_row + 1)]  # after 2 header rows, blank, column names
        assert set(ids) == set(view.source_ids)

    def test_workbook_has_about_one_sheet_per_view_sources_and_disagreements(self, ko):
        data = export_workbook(ko.views, ko.meta, source_table=ko.source_table, disagreements=ko.disagreements)
        wb = load_workbook(io.BytesIO(data))
        sheets = [v.view_id for v in without_repeats(ko.views)]
        expected = [t("report.about", "ko")] + sheets + [t("meta.sources", "ko"), t("src.disagreements", "ko")]
        assert wb.sheetnames == expected
        dis = wb[t("src.disagreements", "ko")]
        assert dis.max_row - 4 == len(ko.disagreements)  # 2 header rows, a blank row, the column names
        assert dis.cell(1, 2).value == ko.meta.version
        about = wb[t("report.about", "ko")]
        values = [about.cell(r, 2).value for r in range(1, 8)]
        assert ko.meta.version in values and ko.meta.as_of in values

    def test_sheet_names_stay_valid_and_unique(self, ko):
        clones = [ko.views[0], ko.views[0]]
        wb = load_workbook(io.BytesIO(export_workbook(clones, ko.meta)))
        assert len(set(wb.sheetnames)) == len(wb.sheetnames)
        assert all(len(n) <= 31 for n in wb.sheetnames)
