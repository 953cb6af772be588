"""The one number formatter: Korean and English styles for counts, money, percentages and qualifiers."""
from __future__ import annotations

import math
import re
from typing import Optional

LANGS = ("ko", "en")

QUALIFIER_TEXT = {
    "ko": {"up_to": "최대 {v}", "at_least": "{v} 이상", "over": "{v} 초과", "about": "약 {v}", "exactly": "{v}"},
    "en": {"up_to": "up to {v}", "at_least": "at least {v}", "over": "over {v}", "about": "about {v}",
           "exactly": "{v}"},
}
QUALIFIER_NAME = {
    "ko": {"up_to": "최대", "at_least": "이상", "over": "초과(넘는)", "about": "약·규모", "exactly": "한정어 없음"},
    "en": {"up_to": "up to", "at_least": "at least", "over": "over", "about": "about", "exactly": "no qualifier"},
}
UNIT_SUFFIX = {"ko": {"gpu": "개", "pct": "%"}, "en": {"gpu": " GPUs", "pct": "%"}}


def _is_missing(x) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def full(x, lang: str = "ko") -> str:
    """Every digit with thousands separators: 260,000 (both languages)."""
    if _is_missing(x):
        return "—"
    x = float(x)
    return f"{x:,.0f}" if x == int(x) else f"{x:,.2f}".rstrip("0").rstrip(".")


def compact(x, lang: str = "ko") -> str:
    """Short form for headlines: Korean in 만/억/조 units (26만, 6만 5,000), English in k/M/B (260k)."""
    if _is_missing(x):
        return "—"
    x = float(x)
    sign = "-" if x < 0 else ""
    x = abs(x)
    if lang == "ko":
        for unit, name in ((10**12, "조"), (10**8, "억"), (10**4, "만")):
            if x >= unit:
                head, rest = divmod(round(x), unit)
                if rest == 0:
                    return f"{sign}{head:,}{name}"
                if unit == 10**4:
                    return f"{sign}{head:,}{name} {rest:,}"
                return f"{sign}{x / unit:,.1f}".rstrip("0").rstrip(".") + name
        return sign + full(x)
    for unit, name in ((10**12, "T"), (10**9, "B"), (10**6, "M"), (10**3, "k")):
        if x >= unit:
            return f"{sign}{x / unit:,.1f}".replace(".0", "") + name
    return sign + full(x)


def money(x, currency: str, lang: str = "ko") -> str:
    """US$3 billion / 30억 달러; ₩4 trillion / 4조 원."""
    if _is_missing(x):
        return "—"
    if lang == "ko":
        return f"{compact(x, 'ko')} {'달러' if currency == 'usd' else '원'}"
    for unit, name in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if x >= unit:
            amount = f"{x / unit:,.1f}".replace(".0", "")
            return f"{'US$' if currency == 'usd' else '₩'}{amount} {name}"
    return f"{'US$' if currency == 'usd' else '₩'}{full(x)}"


def figure(value, unit: Optional[str], qualifier: Optional[str], lang: str = "ko", *, short: bool = False) -> str:
    """A sourced figure as the article qualifies it: '최대 5만 개' / 'up to 50,000 GPUs'."""
    if _is_missing(value):
        return "—"
    if unit in ("usd", "krw"):
        text = money(value, unit, lang)
    else:
        number = compact(value, lang) if short else full(value, lang)
        text = number + UNIT_SUFFIX[lang].get(unit or "", "")
        if lang == "ko" and unit == "gpu" and short:
            text = number + " 개" if number[-1] in "만억조" else text
    return QUALIFIER_TEXT[lang].get(qualifier or "exactly", "{v}").format(v=text)


def qualifier_name(qualifier: Optional[str], lang: str = "ko") -> str:
    return QUALIFIER_NAME[lang].get(qualifier or "", "—")


def signed_share(part, whole, lang: str = "ko") -> str:
    """Share of a whole as a percentage with one decimal: 19.2%."""
    if _is_missing(part) or _is_missing(whole) or not whole:
        return "—"
    return f"{100 * float(part) / float(whole):.1f}%"


MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def day(d, lang: str = "ko") -> str:
    """A day as the app writes it on screen and in exports: 2025.10.31 (as Korean news sites print it; a line never
    breaks inside it, where 2025-10-31 broke after a hyphen) or 31 Oct 2025. The CSV data files keep ISO dates."""
    if d is None or d != d:  # None, NaN or NaT (neither equals itself)
        return "—"
    return f"{d.year}.{d.month:02d}.{d.day:02d}" if lang == "ko" else f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}"


# An English day or span of days as day() and day_span() write it: '31 Oct 2025', '30–31 Oct 2025', '30 Oct'.
DAY_RUN_EN = re.compile(r"\b\d{1,2}(?:–\d{1,2})? (?:" + "|".join(MONTHS_EN) + r")\b(?: \d{4}\b)?")


def keep_days_whole(text: str) -> str:
    """Text for the screen with each English day's spaces made no-break: a narrow column split '31 / Oct 2025'
    across lines (a Korean day, 2025.10.31, has no space). Files keep plain spaces, for search and paste."""
    return DAY_RUN_EN.sub(lambda m: m.group(0).replace(" ", "\u00a0"), text)


# A cell that opens with a day as day() writes it (or as an ISO date): ui gives such table columns a date's width.
DAY_TEXT = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{4}\.\d{2}\.\d{2}|\d{1,2} (" + "|".join(MONTHS_EN) + r") \d{4})")


def day_span(first, last, lang: str = "ko") -> str:
    """A period of days, as short as it stays unambiguous: 10월 30–31일 / 30–31 Oct 2025; years when they differ."""
    same_year, same_month = first.year == last.year, (first.year, first.month) == (last.year, last.month)
    if lang == "ko":
        def ko(d):
            return ("" if same_year else f"{d.year}년 ") + f"{d.month}월 {d.day}일"
        if first == last:
            return ko(first)
        if same_month:
            return f"{first.month}월 {first.day}–{last.day}일"
        return f"{ko(first)} ~ {ko(last)}"
    if first == last:
        return day(first, "en")
    if same_month:
        return f"{first.day}–{last.day} {MONTHS_EN[first.month - 1]} {first.year}"
    if same_year:
        return f"{first.day} {MONTHS_EN[first.month - 1]} – {day(last, 'en')}"
    return f"{day(first, 'en')} – {day(last, 'en')}"
