"""A chart's HTML around its picture on the page (ui.chart_head_html, ui.legend_html): text as typed, marks as drawn."""
import re

from apecgpu import figures, ui

HOSTILE = '<img src=x onerror=alert(1)> **bold** & "quoted"'


def test_title_and_source_line_are_shown_as_typed():
    page = ui.chart_head_html(HOSTILE, "Source: " + HOSTILE)
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert page.count("**bold**") == 2  # Markdown is not read here: shown as typed


def test_an_english_day_stays_on_one_line_in_the_source_line():
    assert "31\u00a0Oct\u00a02025" in ui.chart_head_html("t", "Newspim, 31 Oct 2025 [s5]")


def test_legend_names_arrive_as_the_data_typed_them():
    # Names come escaped for Plotly (figures.esc); the page shows the same text, once escaped.
    entry = figures.LegendEntry(figures.esc(HOSTILE), "#332288", "circle")
    page = ui.legend_html(figures.esc("<b>Sector</b>"), [entry])
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page and "&amp;amp;" not in page
    assert "&lt;b&gt;Sector&lt;/b&gt;" in page


def test_each_legend_mark_is_the_chart_s_shape_in_its_colour():
    entries = [figures.LegendEntry("a", "#332288", "circle"), figures.LegendEntry("b", "#888888", "circle-open"),
               figures.LegendEntry("c", "#CC3311", "triangle-right-open"), figures.LegendEntry("d", "#000", "star")]
    marks = re.findall(r'style="color: ([^"]+)">([^<]+)</span>', ui.legend_html("t", entries))
    assert marks == [("#332288", "●"), ("#888888", "○"), ("#CC3311", "▷"), ("#000", "●")]  # unknown: a dot


def test_a_hatched_bar_s_mark_is_a_square_of_the_same_hatching():
    # The power estimate's bars are told apart by their hatching (grey on grey), so the mark must carry it.
    entries = [figures.LegendEntry("IT", "#BBBBBB", "square", "/"),
               figures.LegendEntry("meter", "#888888", "square", "x"), figures.LegendEntry("plain", "#332288", "square")]
    marks = re.findall(r'style="color: ([^"]+)">([^<]+)</span>', ui.legend_html("t", entries))
    assert marks == [("#BBBBBB", "▨"), ("#888888", "▩"), ("#332288", "■")]
