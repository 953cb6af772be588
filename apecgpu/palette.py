"""The one palette: colour-blind-safe colours per sector (Paul Tol's 'muted' scheme), used by every chart and export."""
from __future__ import annotations

# Paul Tol, "Colour schemes" (SRON/EPS/TN/09-002), muted qualitative scheme: distinct for the common forms of
# colour-vision deficiency. Assigned by sector id so a sector keeps its colour on every page and in every export.
SECTOR_COLOURS = {
    "public": "#332288",
    "semiconductors": "#88CCEE",
    "mobility": "#44AA99",
    "cloud": "#117733",
    "telecom": "#999933",
    "research": "#DDCC77",
    "ai-models": "#CC6677",
    "robotics": "#882255",
    "startups": "#AA4499",
    "manufacturing": "#6E6E6E",
}
FALLBACK = "#BBBBBB"
# Sourced figures vs computed/estimated ones: the same contrast everywhere (solid ink vs hatched grey).
STATED = "#332288"
COMPUTED = "#888888"
DISPUTED = "#CC3311"  # Tol 'vibrant' red: used only to flag a disagreement between sources
TEXT = "#222222"
GRID = "#E5E5E5"
FONT_FAMILY = "Noto Sans CJK KR, Noto Sans KR, Malgun Gothic, Apple SD Gothic Neo, sans-serif"


def sector_colour(sector_id: str) -> str:
    return SECTOR_COLOURS.get(sector_id, FALLBACK)


def text_colour_on(background: str) -> str:
    """Black or white, whichever reads better on the given hex colour (WCAG relative luminance)."""
    rgb = [int(background.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#000000" if luminance > 0.179 else "#FFFFFF"


# Stages of a commitment, announced → operational: Paul Tol's sequential 'YlOrBr' scheme (colour-blind safe,
# readable in greyscale), light to dark so that further along reads darker. The palest steps are skipped: they
# vanish on a white page.
STAGE_COLOURS = {
    "announced": "#FEC44F",
    "mou_signed": "#FB9A29",
    "contracted": "#EC7014",
    "delivered": "#CC4C02",
    "operational": "#662506",
}
# The power estimate is not a sourced figure: it is drawn in the computed grey family, hatched, on a tinted plot
# area, so it never reads as a number from the articles.
ESTIMATE_COLOURS = {"it_mw": "#BBBBBB", "meter_mw": COMPUTED}
ESTIMATE_BACKGROUND = "#F4F4F4"
EDGE = "#B0B0B0"  # partnership-network links


def stage_colour(stage: str) -> str:
    return STAGE_COLOURS.get(stage, FALLBACK)
