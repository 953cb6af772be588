"""A 16:9 PowerPoint briefing deck: title slide, one slide per view (native editable chart where the type allows,
else a high-resolution picture), a source footer and speaker notes on each, and a closing sources/disagreements slide.
"""
from __future__ import annotations

import io
import logging
import math
import re
from typing import Callable, Iterable, Optional

import pandas as pd
from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_PATTERN
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from .. import palette
from ..i18n import t
from . import images
from .meta import ExportError, ExportMeta, display_cell, without_repeats

LOG = logging.getLogger(__name__)

# --- geometry and type -------------------------------------------------------------------------------------------
SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)   # 16:9
MARGIN = Inches(0.5)
CONTENT_W = SLIDE_W - 2 * MARGIN
TITLE_TOP, TITLE_H = Inches(0.3), Inches(0.95)
SUB_TOP, SUB_H = Inches(1.22), Inches(0.35)
CHART_TOP, CHART_H = Inches(1.6), Inches(4.95)
CAPTION_TOP, CAPTION_H = Inches(6.52), Inches(0.32)
FOOTER_TOP, FOOTER_H = Inches(6.88), Inches(0.5)
INK = RGBColor.from_string(palette.TEXT.lstrip("#"))
GREY = RGBColor.from_string("595959")
ACCENT = RGBColor.from_string(palette.STATED.lstrip("#"))

# Korean text needs the East Asian font slot (a:ea) set: python-pptx only writes a:latin, and PowerPoint and
# LibreOffice pick the font for Hangul from a:ea. "Malgun Gothic" (맑은 고딕) ships with every Windows since 7 and is
# the Korean Office default; where it is missing, the Hangul charset and panose let the viewer substitute a Korean
# sans (LibreOffice on Linux picks Noto Sans CJK KR from fonts-noto-cjk).
EA_FONT = "Malgun Gothic"
EA_PANOSE = "020B0503020000020004"
EA_CHARSET = "-127"                       # HANGUL_CHARSET (129) as a signed byte, as PowerPoint writes it
LATIN_FONT = {"ko": "Malgun Gothic", "en": "Arial"}
LANG_TAG = {"ko": "ko-KR", "en": "en-US"}

# View.chart_type -> the native PowerPoint chart it becomes. Anything else (timeline and scatter dot plots with
# categorical y, network graphs, "none") goes in as a picture of the app's figure.
NATIVE = {"bar_h": XL_CHART_TYPE.BAR_CLUSTERED, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
          "stacked_bar": XL_CHART_TYPE.BAR_STACKED, "stacked_column": XL_CHART_TYPE.COLUMN_STACKED,
          "doughnut": XL_CHART_TYPE.DOUGHNUT, "waterfall": XL_CHART_TYPE.COLUMN_STACKED}
NUMBER_FORMAT = "#,##0"


# --- text helpers --------------------------------------------------------------------------------------------------

def _text_box(slide, left, top, width, height, paragraphs, *, size=14, colour=INK, bold=False,
              anchor=MSO_ANCHOR.TOP, align=PP_ALIGN.LEFT, name: Optional[str] = None):
    """A text box with one paragraph per item; an item is a string or (string, {size, bold, colour})."""
    box = slide.shapes.add_textbox(left, top, width, height)
    if name:
        box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Inches(0.05)
    for i, item in enumerate(paragraphs):
        text, style = (item, {}) if isinstance(item, str) else item
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run()
        run.text = text
        run.font.size = Pt(style.get("size", size))
        run.font.bold = style.get("bold", bold)
        run.font.color.rgb = style.get("colour", colour)
    return box


def _set_fonts(root, lang: str) -> None:
    """Every run property in `root` gets the Latin and East Asian typefaces and the language tag, in schema order."""
    latin = LATIN_FONT.get(lang, LATIN_FONT["en"])
    after = {qn(f"a:{tag}") for tag in ("sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst")}
    for tag in ("a:rPr", "a:defRPr", "a:endParaRPr"):
        for rpr in root.iter(qn(tag)):
            for old in rpr.findall(qn("a:latin")) + rpr.findall(qn("a:ea")) + rpr.findall(qn("a:cs")):
                rpr.remove(old)
            latin_el = etree.Element(qn("a:latin"), typeface=latin)
            ea_el = etree.Element(qn("a:ea"), typeface=EA_FONT, panose=EA_PANOSE, pitchFamily="34",
                                  charset=EA_CHARSET)
            cs_el = etree.Element(qn("a:cs"), typeface=latin)
            anchor = next((child for child in rpr if child.tag in after), None)
            for el in (latin_el, ea_el, cs_el):
                if anchor is None:
                    rpr.append(el)
                else:
                    anchor.addprevious(el)
            rpr.set("lang", LANG_TAG.get(lang, "en-US"))
            rpr.set("altLang", "en-US" if lang == "ko" else "ko-KR")


def _set_theme_fonts(prs) -> None:
    """Text typed later in PowerPoint also gets a Korean font: the theme's East Asian and Hangul-script fonts."""
    theme_part = prs.slide_master.part.part_related_by(RT.THEME)
    theme = etree.fromstring(theme_part.blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    for font in list(theme.iterfind(".//a:majorFont", ns)) + list(theme.iterfind(".//a:minorFont", ns)):
        ea = font.find("a:ea", ns)
        if ea is not None:
            ea.set("typeface", EA_FONT)
        hang = font.find("a:font[@script='Hang']", ns)
        if hang is None:
            hang = etree.SubElement(font, qn("a:font"), script="Hang")
        hang.set("typeface", "맑은 고딕")
    theme_part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


# --- the figure as data: colours, label texts, patterns per category ---------------------------------------------

def _plain(label) -> str:
    return re.sub(r"<br\s*/?>", " ", str(label)).strip()


def _as_list(value, n: int) -> list:
    if value is None:
        return [None] * n
    if not isinstance(value, str) and hasattr(value, "__len__"):  # list, tuple or numpy array
        return list(value) + [None] * (n - len(value))
    return [value] * n


def figure_points(fig) -> dict[str, dict]:
    """Per category label (line breaks removed): the colour, label text and hatch the app's figure gives it."""
    points: dict[str, dict] = {}
    for trace in fig.data if fig is not None else ():
        if trace.type == "pie":
            labels = list(trace.labels)
            colours = _as_list(trace.marker.colors, len(labels))
            for label, colour in zip(labels, colours):
                points[_plain(label)] = {"colour": colour, "text": None, "pattern": ""}
        elif trace.type == "bar":
            labels = list(trace.y if trace.orientation == "h" else trace.x)
            n = len(labels)
            colours = _as_list(trace.marker.color, n)
            texts = _as_list(trace.text, n)
            shapes = _as_list(trace.marker.pattern.shape if trace.marker.pattern else None, n)
            for label, colour, text, shape in zip(labels, colours, texts, shapes):
                points[_plain(label)] = {"colour": colour, "text": text, "pattern": shape or ""}
        elif trace.type == "waterfall":
            labels = list(trace.x)
            measures = _as_list(trace.measure, len(labels))
            texts = _as_list(trace.text, len(labels))
            up = trace.increasing.marker.color
            total = trace.totals.marker.color
            for label, measure, text in zip(labels, measures, texts):
                points[_plain(label)] = {"colour": total if measure in ("absolute", "total") else up,
                                         "text": text, "measure": measure or "relative", "pattern": ""}
    return points


def _rgb(colour) -> Optional[RGBColor]:
    if isinstance(colour, str) and re.fullmatch(r"#?[0-9A-Fa-f]{6}", colour):
        return RGBColor.from_string(colour.lstrip("#").upper())
    return None


def _fill_point(point, colour, pattern: str = "") -> None:
    rgb = _rgb(colour)
    if rgb is None:
        return
    if pattern:
        # Computed values are hatched in the app; the same hatch here keeps "stated" and "computed" apart in print.
        point.format.fill.patterned()
        point.format.fill.pattern = PATTERNS.get(pattern, MSO_PATTERN.WIDE_UPWARD_DIAGONAL)
        point.format.fill.fore_color.rgb = rgb
        point.format.fill.back_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        point.format.line.color.rgb = rgb
    else:
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = rgb


# --- native charts -------------------------------------------------------------------------------------------------

def _categories_and_values(view) -> tuple[list[str], list[float], str]:
    data = view.chart_data
    categories = [_plain(c) for c in data.iloc[:, 0]]
    values = [float(v) if pd.notna(v) else None for v in data.iloc[:, 1]]
    return categories, values, str(data.columns[1])


def _style_axes(chart, value_title: Optional[str]) -> None:
    value_axis, category_axis = chart.value_axis, chart.category_axis
    value_axis.has_major_gridlines = True
    value_axis.major_gridlines.format.line.color.rgb = RGBColor(0xE0, 0xE0, 0xE0)
    value_axis.tick_labels.number_format = NUMBER_FORMAT
    value_axis.tick_labels.number_format_is_linked = False
    value_axis.format.line.fill.background()
    if value_title:
        value_axis.has_title = True
        value_axis.axis_title.text_frame.text = value_title
        value_axis.axis_title.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
        value_axis.axis_title.text_frame.paragraphs[0].runs[0].font.bold = False
    value_axis.minimum_scale = 0
    category_axis.tick_labels.font.size = Pt(13)
    category_axis.format.line.color.rgb = RGBColor(0xBF, 0xBF, 0xBF)


def _point_labels(series, categories, points, *, size=13, inside: bool = False) -> None:
    """Data labels as the app writes them ('최대 50,000개 ※'): the qualifier is part of the figure.
    Inside a bar the text takes black or white, whichever reads on the bar's colour."""
    for i, category in enumerate(categories):
        p = points.get(category) or {}
        if not p.get("text"):
            continue
        label = series.points[i].data_label
        label.has_text_frame = True
        label.text_frame.text = _plain(p["text"])
        run = label.text_frame.paragraphs[0].runs[0]
        run.font.size = Pt(size)
        if inside and _rgb(p.get("colour")) is not None:
            run.font.color.rgb = RGBColor.from_string(palette.text_colour_on(p["colour"]).lstrip("#"))
            run.font.bold = True
        label.position = XL_LABEL_POSITION.INSIDE_END if inside else XL_LABEL_POSITION.OUTSIDE_END


PATTERNS = {"/": MSO_PATTERN.WIDE_UPWARD_DIAGONAL, "\\": MSO_PATTERN.WIDE_DOWNWARD_DIAGONAL,
            "x": MSO_PATTERN.DIAGONAL_CROSS, "+": MSO_PATTERN.CROSS, "-": MSO_PATTERN.LIGHT_HORIZONTAL,
            "|": MSO_PATTERN.LIGHT_VERTICAL, ".": MSO_PATTERN.PERCENT_20}


def _series_styles(fig, names: list[str]) -> list[dict]:
    """Colour and hatch of each series, from the bar trace of the same name (or, failing that, the same position)."""
    bars = [tr for tr in (fig.data if fig is not None else ()) if tr.type == "bar"]
    by_name = {tr.name: tr for tr in bars if tr.name}
    styles = []
    for k, name in enumerate(names):
        trace = by_name.get(name) or (bars[k] if len(bars) == len(names) else None)
        colour = trace.marker.color if trace is not None and isinstance(trace.marker.color, str) else None
        shape = trace.marker.pattern.shape if trace is not None and trace.marker.pattern else None
        styles.append({"colour": colour or palette.FALLBACK, "pattern": shape if isinstance(shape, str) else ""})
    return styles


def _stacked_labels(chart, fig, categories: list[str]) -> None:
    """Each stacked segment labelled with the app figure's text for it ('5만 이상' for what is still on paper), so
    the slide qualifies a figure as the screen does; segments the app leaves unlabelled stay bare."""
    bars = {tr.name: tr for tr in (fig.data if fig is not None else ()) if tr.type == "bar" and tr.name}
    for series in chart.plots[0].series:
        trace = bars.get(series.name)
        if trace is None or trace.text is None:
            continue
        labels = list(trace.y if trace.orientation == "h" else trace.x)
        texts = dict(zip((_plain(c) for c in labels), _as_list(trace.text, len(labels))))
        for i, category in enumerate(categories):
            if text := texts.get(category):
                label = series.points[i].data_label
                label.has_text_frame = True
                label.text_frame.text = _plain(text)
                label.text_frame.paragraphs[0].runs[0].font.size = Pt(13)
                label.position = XL_LABEL_POSITION.CENTER


def _value_format(frame: pd.DataFrame) -> str:
    values = frame.to_numpy(dtype=float, na_value=0.0).ravel()
    return NUMBER_FORMAT if all(float(v).is_integer() for v in values) else "#,##0.0"


def _add_category_chart(slide, view, box, *, horizontal: bool, stacked: bool):
    """Bar or column chart from chart_data: one series per numeric column after the categories.

    One series: each bar takes the colour, hatch and label text ('최대 50,000개 ※') of the app's figure.
    Several: each series takes its trace's colour and hatch, with a legend; stacked when the view says so.
    """
    data_frame = view.chart_data
    categories = [_plain(c) for c in data_frame.iloc[:, 0]]
    numeric = data_frame.iloc[:, 1:].apply(pd.to_numeric, errors="coerce")
    numeric = numeric.loc[:, numeric.notna().any()]
    if numeric.empty:
        raise ValueError(f"{view.view_id}: chart_data has no numeric column")
    if horizontal:
        # PowerPoint draws the first category at the bottom of a bar chart. Reversing the data (rather than the
        # axis, which moves the value axis to the top in LibreOffice) puts the first category on top, as in the app.
        categories, numeric = categories[::-1], numeric.iloc[::-1]
    number_format = _value_format(numeric)
    data = CategoryChartData(number_format=number_format)
    data.categories = categories
    for name in numeric.columns:
        data.add_series(str(name), [None if pd.isna(v) else float(v) for v in numeric[name]])
    if stacked:
        kind = XL_CHART_TYPE.BAR_STACKED if horizontal else XL_CHART_TYPE.COLUMN_STACKED
    else:
        kind = XL_CHART_TYPE.BAR_CLUSTERED if horizontal else XL_CHART_TYPE.COLUMN_CLUSTERED
    chart = slide.shapes.add_chart(kind, *box, data).chart
    plot = chart.plots[0]
    plot.gap_width = 50
    plot.vary_by_categories = False
    single = len(numeric.columns) == 1
    if single:
        points = figure_points(view.figure)
        series = plot.series[0]
        for i, category in enumerate(categories):
            p = points.get(category, {})
            _fill_point(series.points[i], p.get("colour", palette.STATED), p.get("pattern", ""))
        chart.has_legend = False
    else:
        if stacked:
            plot.overlap = 100
        for series, style in zip(plot.series, _series_styles(view.figure, list(numeric.columns))):
            _fill_point(series, style["colour"], style["pattern"])
        if stacked:
            _stacked_labels(chart, view.figure, categories)
        chart.has_legend = True
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(13)
    if not stacked:
        plot.has_data_labels = True
        plot.data_labels.number_format = number_format
        plot.data_labels.number_format_is_linked = False
        plot.data_labels.position = XL_LABEL_POSITION.OUTSIDE_END
        plot.data_labels.font.size = Pt(13 if single else 11)
        if single:
            _point_labels(plot.series[0], categories, points)
    top = float((numeric.clip(lower=0).sum(axis=1) if stacked else numeric.max(axis=1)).max() or 1)
    chart.value_axis.maximum_scale = _nice_max(top * (1.4 if horizontal else 1.2))  # room for "up to 50,000 GPUs ※"
    # Several series: their names in the legend carry the units, so the value axis needs no title.
    _style_axes(chart, str(numeric.columns[0]) if single else None)
    return chart


def _add_doughnut(slide, view, box):
    categories, values, series_name = _categories_and_values(view)
    data = CategoryChartData(number_format=NUMBER_FORMAT)
    data.categories = categories
    data.add_series(series_name, values)
    chart = slide.shapes.add_chart(XL_CHART_TYPE.DOUGHNUT, *box, data).chart
    plot = chart.plots[0]
    plot.vary_by_categories = True
    hole = plot._element.find(qn("c:holeSize"))
    if hole is not None:
        hole.set("val", "50")
    points = figure_points(view.figure)
    series = plot.series[0]
    for i, category in enumerate(categories):
        _fill_point(series.points[i], points.get(category, {}).get("colour"))
        series.points[i].format.line.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.show_percentage, labels.show_value, labels.show_category_name = True, False, False
    labels.number_format, labels.number_format_is_linked = "0.0%", False
    labels.font.size = Pt(14)
    labels.font.bold = True
    for i, category in enumerate(categories):
        # Per-slice label colour (black or white for contrast); the slice keeps showing its percentage.
        colour = points.get(category, {}).get("colour")
        if _rgb(colour) is None:
            continue
        label = series.points[i].data_label
        label.font.size, label.font.bold = Pt(14), True
        label.font.color.rgb = RGBColor.from_string(palette.text_colour_on(colour).lstrip("#"))
        dlbl = label._get_or_add_dLbl()
        for tag, value in (("c:showVal", "0"), ("c:showPercent", "1")):
            dlbl.find(qn(tag)).set("val", value)
        num_fmt = etree.SubElement(dlbl, qn("c:numFmt"), formatCode="0.0%", sourceLinked="0")
        dlbl.find(qn("c:spPr")).addprevious(num_fmt)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.RIGHT
    chart.legend.include_in_layout = False
    chart.legend.font.size = Pt(14)
    return chart


def _nice_max(value: float) -> float:
    """A round axis maximum just above `value` (1, 2, 2.5, 5 x 10^n)."""
    if value <= 0:
        return 1
    exponent = 10 ** (len(str(int(value))) - 1)
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * exponent >= value:
            return step * exponent
    return 10 * exponent


def _add_waterfall(slide, view, box, lang: str):
    """Waterfall as stacked columns: an invisible 'base' series lifts each step to the running total (native,
    editable; Edit Data shows both series)."""
    categories, values, series_name = _categories_and_values(view)
    points = figure_points(view.figure)
    bases, steps, running = [], [], 0.0
    for category, value in zip(categories, values):
        measure = points.get(category, {}).get("measure", "relative")
        value = value or 0.0
        if measure == "absolute":
            bases.append(0.0)
            steps.append(value)
            running = value
        elif measure == "total":
            bases.append(0.0)
            steps.append(running)
        else:
            bases.append(running)
            steps.append(value)
            running += value
    data = CategoryChartData(number_format=NUMBER_FORMAT)
    data.categories = categories
    data.add_series(t("deck.waterfall.base", lang), bases)
    data.add_series(series_name, steps)
    chart = slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_STACKED, *box, data).chart
    chart.has_legend = False
    plot = chart.plots[0]
    plot.gap_width, plot.overlap = 40, 100
    base, step = plot.series
    base.format.fill.background()
    base.format.line.fill.background()
    for i, category in enumerate(categories):
        _fill_point(step.points[i], points.get(category, {}).get("colour", palette.COMPUTED))
    step_labels = step.data_labels  # labels on the visible series only
    step_labels.show_value = True
    step_labels.number_format, step_labels.number_format_is_linked = NUMBER_FORMAT, False
    step_labels.font.size = Pt(13)
    _point_labels(step, categories, points, inside=True)
    chart.value_axis.maximum_scale = _nice_max(max(b + s for b, s in zip(bases, steps)) * 1.15)
    _style_axes(chart, series_name)
    return chart


def _chart_font(chart, size: int = 13) -> None:
    chart.has_title = False  # the slide's headline is the title; PowerPoint would otherwise show the series name
    chart.font.size = Pt(size)
    chart.font.color.rgb = INK


# --- pictures and fallbacks ----------------------------------------------------------------------------------------

PictureFn = Callable[[object, ExportMeta, int, int], bytes]


def default_picture(view, meta: ExportMeta, width_px: int, height_px: int) -> bytes:
    """High-resolution PNG of the chart without its own title and source lines (the slide carries those as text)."""
    fig = images.slide_figure(view, meta, width=width_px, height=height_px, font_scale=1.6, annotate=False)
    return images.render_figure(fig, "png", width=width_px, height=height_px, scale=2)


def _text_em(text: str) -> float:
    """Rough printed width in ems: Hangul and other CJK one em, Latin letters and digits about half."""
    return sum(1.0 if ord(ch) >= 0x1100 else 0.3 if ch == " " else 0.56 for ch in text)


def _row_height_pt(cells: list[str], widths_pt: list[float], size: float) -> float:
    lines = 1
    for text, width in zip(cells, widths_pt):
        usable = max(width - 15, 10)  # cell margins left and right
        per_line = [max(1, math.ceil(_text_em(part) * size / usable)) for part in str(text).split("\n")]
        lines = max(lines, sum(per_line))
    return lines * size * 1.22 + 8


def _cell_text(value, limit: int = 160) -> str:
    text = display_cell(value)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def table_heights(frame: pd.DataFrame, width, widths: list[float], size: float) -> tuple[float, list[float]]:
    """Header height and each row's height in points, estimated from the text so nothing is clipped
    (LibreOffice does not grow rows that python-pptx sized)."""
    total = sum(widths)
    widths_pt = [Emu(int(width * w / total)).pt for w in widths]
    header = _row_height_pt([str(c) for c in frame.columns], widths_pt, size)
    rows = [_row_height_pt([_cell_text(v) for v in row], widths_pt, size) for row in frame.itertuples(index=False)]
    return header, rows


def _add_table(slide, frame: pd.DataFrame, left, top, width, *, size=11, widths: Optional[list[float]] = None,
               name: str = "Table"):
    widths = widths or [1.0] * len(frame.columns)
    header_h, row_hs = table_heights(frame, width, widths, size)
    height = Pt(header_h + sum(row_hs))
    shape = slide.shapes.add_table(len(frame) + 1, len(frame.columns), left, top, width, height)
    shape.name = name
    table = shape.table
    total = sum(widths)
    for j, w in enumerate(widths):
        table.columns[j].width = Emu(int(width * w / total))
    table.rows[0].height = Pt(header_h)
    for i, h in enumerate(row_hs, start=1):
        table.rows[i].height = Pt(h)
    for j, column in enumerate(frame.columns):
        cell = table.cell(0, j)
        cell.text = str(column)
        cell.text_frame.paragraphs[0].runs[0].font.size = Pt(size)
        cell.text_frame.paragraphs[0].runs[0].font.bold = True
    for i in range(len(frame)):
        for j, value in enumerate(frame.iloc[i]):
            cell = table.cell(i + 1, j)
            cell.text = _cell_text(value)
            cell.text_frame.word_wrap = True
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(size)
            cell.margin_top = cell.margin_bottom = Inches(0.03)
    return shape


def fit_rows(frame: pd.DataFrame, width, widths: list[float], size: float, max_height_pt: float) -> list[pd.DataFrame]:
    """Split a table into chunks that each fit `max_height_pt` (one chunk per slide)."""
    if frame.empty:
        return [frame]
    header_h, row_hs = table_heights(frame, width, widths, size)
    chunks, start, used = [], 0, header_h
    for i, h in enumerate(row_hs):
        if used + h > max_height_pt and i > start:
            chunks.append(frame.iloc[start:i])
            start, used = i, header_h
        used += h
    chunks.append(frame.iloc[start:])
    return chunks


# --- slides --------------------------------------------------------------------------------------------------------

def _blank(prs):
    return prs.slides.add_slide(prs.slide_layouts[6])


def _footer(slide, meta: ExportMeta, text: str, number: int, total: int) -> None:
    _text_box(slide, MARGIN, FOOTER_TOP, CONTENT_W - Inches(1.0), FOOTER_H,
              [t("deck.footer", meta.lang, source=text, asof=meta.as_of)], size=10, colour=GREY,
              anchor=MSO_ANCHOR.BOTTOM, name="Source footer")
    _text_box(slide, SLIDE_W - MARGIN - Inches(1.0), FOOTER_TOP, Inches(1.0), FOOTER_H, [f"{number} / {total}"],
              size=10, colour=GREY, anchor=MSO_ANCHOR.BOTTOM, align=PP_ALIGN.RIGHT, name="Slide number")


def talking_points(view, limit: int = 3) -> list[str]:
    """Two or three points for the speaker: the takeaway, the view's own points, then its sources if still short."""
    points = list(dict.fromkeys(p.strip() for p in [view.takeaway, *view.talking_points] if p and p.strip()))
    if len(points) < 2:
        points.append(view.source_line)
    return points[:limit]


def _notes(slide, view, meta: ExportMeta) -> None:
    lines = [t("deck.notes.points", meta.lang)] + [f"• {p}" for p in talking_points(view)]
    lines += ["", t("deck.notes.link", meta.lang, url=meta.view_link(view)),
              t("deck.notes.present", meta.lang, url=meta.present_link(view)), view.source_line]
    slide.notes_slide.notes_text_frame.text = "\n".join(lines)


def _title_slide(prs, meta: ExportMeta, n_views: int, total: int) -> None:
    slide = _blank(prs)
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, SLIDE_W, Inches(0.18))
    band.fill.solid()
    band.fill.fore_color.rgb = ACCENT
    band.line.fill.background()
    _text_box(slide, MARGIN, Inches(1.9), CONTENT_W, Inches(1.4), [meta.app_title], size=36, bold=True,
              anchor=MSO_ANCHOR.BOTTOM, name="Title")
    _text_box(slide, MARGIN, Inches(3.45), CONTENT_W, Inches(0.7), [t("deck.subtitle", meta.lang)], size=20,
              colour=GREY, name="Subtitle")
    _text_box(slide, MARGIN, Inches(4.5), CONTENT_W, Inches(1.8), [
        t("deck.made", meta.lang, date=meta.generated, version=meta.version),
        meta.as_of,
        (meta.filter_text, {"bold": bool(meta.sectors), "colour": ACCENT if meta.sectors else INK}),
        t("deck.views", meta.lang, n=n_views),
    ], size=16, name="Details")
    _footer(slide, meta, t("footer.licence", meta.lang), 1, total)


def _title_size(text: str) -> int:
    """26 pt when the headline fits on one line, else smaller so two lines stay clear of the filter line."""
    one_line_pt = Emu(CONTENT_W).pt - 10
    return 26 if _text_em(text) * 26 * 1.05 <= one_line_pt else 22 if _text_em(text) * 22 * 1.05 <= 2 * one_line_pt \
        else 18


def native_possible(view) -> bool:
    """Whether the view becomes an editable PowerPoint chart (else a picture, or a table without a renderer)."""
    return view.chart_type in NATIVE and view.chart_data is not None and not view.chart_data.empty \
        and view.chart_data.shape[1] >= 2


def _add_native(slide, view, box, lang: str) -> tuple[object, str]:
    """The native chart and the caption under it."""
    caption = ""
    if view.chart_type == "doughnut":
        chart = _add_doughnut(slide, view, box)
    elif view.chart_type == "waterfall":
        chart = _add_waterfall(slide, view, box, lang)
        # The app draws the stated total as a line; a stacked-column chart cannot, so it is said under the chart.
        caption = " · ".join(a.text for a in view.figure.layout.annotations if a.text) if view.figure else ""
    else:
        chart = _add_category_chart(slide, view, box, horizontal=view.chart_type.endswith("bar_h")
                                    or view.chart_type == "stacked_bar",
                                    stacked=view.chart_type.startswith("stacked"))
    _chart_font(chart)
    if any("※" in str(p.get("text") or "") for p in figure_points(view.figure).values()):
        caption = t("common.disputed_mark", lang)
    return chart, caption


def _remove_shapes_after(slide, count: int) -> None:
    for shape in list(slide.shapes)[count:]:
        shape._element.getparent().remove(shape._element)


def _view_slide(prs, view, meta: ExportMeta, number: int, total: int, picture: Optional[PictureFn]) -> str:
    """One view: headline, native chart (else picture, else table), caption, source footer, notes.
    Returns how the chart went in: native | picture | table."""
    slide = _blank(prs)
    headline = view.takeaway or view.title
    _text_box(slide, MARGIN, TITLE_TOP, CONTENT_W, TITLE_H, [headline], size=_title_size(headline), bold=True,
              anchor=MSO_ANCHOR.MIDDLE, name="Title")
    _text_box(slide, MARGIN, SUB_TOP, CONTENT_W, SUB_H, [meta.filter_text], size=12,
              colour=ACCENT if meta.sectors else GREY, name="Filter")
    box = (MARGIN, CHART_TOP, CONTENT_W, CHART_H)
    caption, how, problem = "", "", "no chart"
    if native_possible(view):
        before = len(slide.shapes)
        try:
            _chart, caption = _add_native(slide, view, box, meta.lang)
            how = "native"
        except Exception as exc:  # noqa: BLE001 - unexpected chart data: fall back to a picture, never fail the deck
            LOG.warning("native chart for %s failed; using a picture", view.view_id, exc_info=True)
            _remove_shapes_after(slide, before)
            problem = f"{type(exc).__name__}: {exc}"
    if not how and view.figure is not None:
        width_px = 1600
        height_px = int(width_px * CHART_H / CONTENT_W)
        try:
            if picture is None:
                raise ExportError("no picture renderer")
            png = picture(view, meta, width_px, height_px)
            slide.shapes.add_picture(io.BytesIO(png), MARGIN, CHART_TOP, CONTENT_W, CHART_H).name = "Chart picture"
            caption, how = t("deck.picture", meta.lang), "picture"
        except ExportError as exc:
            problem = str(exc)
    if not how:
        table = view.table.iloc[:, :5]
        _add_table(slide, fit_rows(table, CONTENT_W, [1.0] * len(table.columns), 10, Emu(CHART_H).pt)[0],
                   MARGIN, CHART_TOP, CONTENT_W, size=10, name="Data table")
        caption, how = t("deck.picture_missing", meta.lang, reason=problem), "table"
    if caption:
        _text_box(slide, MARGIN, CAPTION_TOP, CONTENT_W, CAPTION_H, [caption], size=11, colour=GREY,
                  name="Caption")
    _footer(slide, meta, view.source_line, number, total)
    _notes(slide, view, meta)
    return how


def _disagreement_rows(disagreements: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per disputed figure: what differs, and each source's version as '[s1] 최대 5만 개'."""
    if disagreements is None or disagreements.empty:
        return pd.DataFrame()
    figure, differs, sources, stated = (t("common.figure", lang), t("src.col.differs", lang),
                                        t("common.sources", lang), t("common.stated", lang))
    rows = []
    for name, group in disagreements.groupby(figure, sort=False):
        versions = []
        for r in group.itertuples(index=False):
            r = dict(zip(group.columns, r))
            ref = re.search(r"\[([^\]]+)\]\s*$", str(r[sources]))
            text = str(r[stated])
            text = text if len(text) <= 48 else text[:47] + "…"
            versions.append(f"[{ref.group(1) if ref else r[sources]}] {text}")
        rows.append({figure: name, differs: group[differs].iloc[0],
                     t("deck.col.versions", lang): " · ".join(versions)})
    return pd.DataFrame(rows)


SOURCES_W = Inches(4.1)
DIS_TOP = Inches(1.8)
DIS_LEFT = MARGIN + SOURCES_W + Inches(0.25)
DIS_W = SLIDE_W - MARGIN - DIS_LEFT
DIS_WIDTHS = [2.2, 1.0, 5.0]
DIS_SIZE = 9


def _disagreement_chunks(disagreements: Optional[pd.DataFrame], lang: str) -> list[pd.DataFrame]:
    rows = _disagreement_rows(disagreements, lang)
    return fit_rows(rows, DIS_W, DIS_WIDTHS, DIS_SIZE, Emu(FOOTER_TOP - DIS_TOP).pt - 6)


def _closing_slides(prs, meta: ExportMeta, disagreements: Optional[pd.DataFrame],
                    source_table: Optional[pd.DataFrame], first_number: int, total: int) -> int:
    """Sources on the left, the disagreements between them on the right; a long table continues on more slides."""
    lang = meta.lang
    chunks = _disagreement_chunks(disagreements, lang)
    headlines = {}
    if source_table is not None and not source_table.empty:
        headlines = dict(zip(source_table.iloc[:, 0], source_table[t("src.col.headline", lang)]))
    for k, chunk in enumerate(chunks):
        slide = _blank(prs)
        _text_box(slide, MARGIN, TITLE_TOP, CONTENT_W, TITLE_H,
                  [t("deck.closing.title" if k == 0 else "deck.closing.more", lang)], size=26, bold=True,
                  anchor=MSO_ANCHOR.MIDDLE, name="Title")
        if k == 0:
            items = [(t("footer.sources", lang), {"bold": True, "size": 14})]
            for sid, label in meta.sources:
                headline = headlines.get(sid)
                items.append(label)
                if headline and headline != "—":
                    items.append((f"  {headline}", {"size": 10, "colour": GREY}))
            items.append((t("meta.version", lang) + f": {meta.version}", {"size": 11, "colour": GREY}))
            items.append((meta.as_of, {"size": 11, "colour": GREY}))
            items.append((t("meta.terms", lang) + ": " + t("common.terms", lang), {"size": 11, "colour": GREY}))
            _text_box(slide, MARGIN, Inches(1.4), SOURCES_W, Inches(5.3), items, size=12, name="Sources")
        _text_box(slide, DIS_LEFT, Inches(1.4), DIS_W, Inches(0.35),
                  [(t("src.disagreements", lang), {"bold": True})], size=14, name="Disagreements heading")
        if chunk.empty:
            _text_box(slide, DIS_LEFT, DIS_TOP, DIS_W, Inches(0.5), [t("deck.disagreements.none", lang)])
        else:
            _add_table(slide, chunk, DIS_LEFT, DIS_TOP, DIS_W, size=DIS_SIZE, widths=DIS_WIDTHS,
                       name="Disagreements")
        _footer(slide, meta, t("src.disagreements.caption", lang), first_number + k, total)
    return len(chunks)


def closing_slide_count(disagreements: Optional[pd.DataFrame], lang: str) -> int:
    return len(_disagreement_chunks(disagreements, lang))


def build_deck(views: Iterable, meta: ExportMeta, *, disagreements: Optional[pd.DataFrame] = None,
               source_table: Optional[pd.DataFrame] = None, picture: Optional[PictureFn] = default_picture) -> bytes:
    """The .pptx as bytes: title slide, one slide per view in the given order, closing sources/disagreements.

    `picture(view, meta, width_px, height_px) -> png` renders the charts PowerPoint cannot draw natively; pass
    None (or let it raise ExportError) and those slides carry the data table instead, so a deck is always made.
    """
    views = without_repeats(views)
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    total = 1 + len(views) + closing_slide_count(disagreements, meta.lang)
    _title_slide(prs, meta, len(views), total)
    for i, view in enumerate(views, start=2):
        _view_slide(prs, view, meta, i, total, picture)
    _closing_slides(prs, meta, disagreements, source_table, 2 + len(views), total)
    # Fonts last, over everything that holds text: slides, their charts, and the notes.
    for slide in prs.slides:
        _set_fonts(slide._element, meta.lang)
        for shape in slide.shapes:
            if shape.has_chart:
                _set_fonts(shape.chart._chartSpace, meta.lang)
        if slide.has_notes_slide:
            _set_fonts(slide.notes_slide._element, meta.lang)
    _set_theme_fonts(prs)
    prs.core_properties.title = meta.app_title
    prs.core_properties.subject = meta.filter_text
    prs.core_properties.keywords = f"data version {meta.version}"
    prs.core_properties.language = LANG_TAG.get(meta.lang, "en-US")
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
