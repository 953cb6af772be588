"""Hostile links: 576 generated query strings over every page (AppTest). No exception or traceback, a sensible
fallback (a supported language, only known sectors, a known organisation and commitment, sliders in range), and
nothing from the link drawn as markup.

The generator is seeded, so a failing case keeps its number; its query string is in the failure message and can be
pasted after http://localhost:8501/<page>? to see it in a browser.
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, for the shared hostile_inputs module
import hostile_inputs as H  # noqa: E402

from apecgpu import data, present, ui, views  # noqa: E402
from apecgpu import views_tracking as vt  # noqa: E402
from apecgpu.i18n import DEFAULT_LANG, LANGS, t  # noqa: E402

SEED = 20251031
N_LINKS = 576  # 72 a page
PAGES = H.app_pages()
TABLES = data.load_dataset().dataset.tables
SECTOR_IDS = list(TABLES["sectors"].sort_values("sort_order")["sector_id"])
ORG_IDS = list(TABLES["organisations"]["org_id"])
KNOWN_VIEW_IDS = {v.view_id for v in views.build_views(TABLES, "", "ko")}
COMMITMENT_IDS = list(TABLES["commitments"]["commitment_id"])

# --- value pools ----------------------------------------------------------------------------------------------------

LONG = "A" * 10_000
LONG_MARKUP = ("<script>alert(1)</script>**b**" * 320)[:10_000]
LONG_UNICODE = "한국어🚀\u202e" * 400
ODD = ["", " ", "null", "undefined", "None", "__proto__", "constructor", "../../etc/passwd", "%00", "\x00", "\n",
       "\u200b", "\u202e", "🚀", "한국어", "ｃｌｏｕｄ", "０", "'", '"', "\\", "&", "#", "?", "=", "a=b&c=d"]
HOSTILE = H.LINK_ATOMS + [LONG, LONG_MARKUP, LONG_UNICODE] + ODD
NUMBERS = ["0", "1", "2", "-1", "-0", "1.5", "1e308", "-1e308", "1e-308", "9" * 400, "NaN", "nan", "inf", "-inf",
           "Infinity", "0x10", "1_000", "1,5", "１.５", " 1.5", "+1.5", ".5", "5.", "1e", "--1",
           "99999999999999999999999", "3.0000000000000001", "2147483648", "-2147483649"]
VALUES = {
    "lang": list(LANGS) * 6 + ["KO", "En", "xx", " ko", "ko ", "en-US", "ko_KR", "kor", "english"] + HOSTILE,
    "sector": ["nope", "CLOUD", "Cloud", "cloud ", "cloud;public", "cloud,public", "c\u200bloud", "\u202ecloud",
               "클라우드"] + HOSTILE,
    "org": ORG_IDS + ["NVIDIA", "nvidia ", "no-such-org", "0", "-1", "99999999999999999999", "삼성전자"] + HOSTILE,
    "commitment": COMMITMENT_IDS + ["GPU-SAMSUNG", "gpu-samsung ", "no-such-commitment", "0", "삼성전자"] + HOSTILE,
    "present": ["1"] * 4 + ["0", "true", "yes", "2", "-1"] + HOSTILE[:12],
    "slide": NUMBERS + ["3", "13", "14", "0001", "10000"] + HOSTILE,
    "view": ["split-org", "timeline", "pw-year", "no-such-view", "SPLIT-ORG"] + HOSTILE,
    "kit_off": ["split-org", "timeline", "pw-year", "split-share"] * 8 + ["no-such-view", "SPLIT-ORG", " timeline"]
               + HOSTILE,
    "kw": NUMBERS + HOSTILE,
    "pue": NUMBERS + HOSTILE,
    "util": NUMBERS + HOSTILE,
    "ramp": ["2026:0.3,2027:0.7,2028:1", "2026:1", "2026:1.5", "2026:-0.1", "9999:1", "0:1", "2026:0.3,2026:0.5",
             "2028:0.3,2026:1", "2026:0.3,,2027:1", "2026", ":", ",", "2026:nan", "2026:inf", "2026:1e308",
             "2026:0.1," * 2_000, "2026::1", "2026:+1", "２０２６:1"] + HOSTILE,
}
UNKNOWN_KEYS = ["foo", "utm_source", "embed", "embed_options", "__proto__", "<script>alert(1)</script>", "lang ",
                "LANG", "sector[]", "page", "x" * 300, "키", "**k**", "constructor"]
PAGE_KEYS = ["org", "commitment", "present", "slide", "view", "kw", "pue", "util", "ramp", "kit_off"]
# The known sectors a link asks for come from a few combinations: every new combination builds every view again
# (a second per link), and the hostility is in the other values, not in which valid sectors are picked.
SECTOR_COMBOS = [[], [SECTOR_IDS[0]], SECTOR_IDS[1:3], [SECTOR_IDS[-1], SECTOR_IDS[0]]]
# Links longer than this never reach the app: Tornado refuses request lines over its 64 KiB header limit, and
# Streamlit ignores query strings over 512 KiB.
MAX_QUERY_CHARS = 60_000
ORG_WIDGET = "_org_widget"  # the organisation picker's key in app_pages/organisations.py
HISTORY_WIDGET = "trk_commitment"  # the commitments page's history picker (app_pages/commitments.py)
SLIDE_COUNTER = re.compile(r"\s*(\d+) / (\d+)\s*")


def generate_links(n: int = N_LINKS, seed: int = SEED) -> list[tuple[str, list[tuple[str, str]]]]:
    """n distinct (page url path, [(key, value), ...]) links; every page gets n / len(PAGES) of them."""
    rng = random.Random(seed)
    seen, links = set(), []
    while len(links) < n:
        path = PAGES[len(links) % len(PAGES)][1]
        pairs: list[tuple[str, str]] = []
        for _ in range(rng.choice([0, 1, 1, 1, 2, 3])):
            pairs.append(("lang", rng.choice(VALUES["lang"])))
        valid = rng.choice(SECTOR_COMBOS)
        count = rng.choice([0, 0, 1, 2, 3, 5, 40])
        repeated = rng.choice(VALUES["sector"] + valid)
        for _ in range(count):
            pairs.append(("sector", repeated if rng.random() < 0.3 else rng.choice(VALUES["sector"])))
        pairs += [("sector", s) for s in valid * rng.choice([1, 1, 2])]
        for key in rng.sample(PAGE_KEYS, rng.choice([0, 1, 2, 3, 4])):
            if key == "present" and rng.random() < 0.4:
                continue  # presentation mode hides the page; keep most links on the page itself
            for _ in range(rng.choice([1, 1, 1, 2])):
                pairs.append((key, rng.choice(VALUES[key])))
        for key in rng.sample(UNKNOWN_KEYS, rng.choice([0, 0, 1, 2])):
            pairs.append((key, rng.choice(HOSTILE)))
        rng.shuffle(pairs)
        query = urlencode(pairs)
        if query in seen or len(query) > MAX_QUERY_CHARS:
            continue
        seen.add(query)
        links.append((path, pairs))
    return links


LINKS = generate_links()


def _as_query(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    query: dict[str, list[str]] = {}
    for key, value in pairs:
        query.setdefault(key, []).append(value)
    return query


# --- the checks ------------------------------------------------------------------------------------------------------

def expected_lang(query: dict[str, list[str]]) -> str:
    return next((v for v in query.get("lang", []) if v in LANGS), DEFAULT_LANG)


def expected_sectors(query: dict[str, list[str]]) -> list[str]:
    return list(dict.fromkeys(v for v in query.get("sector", []) if v in SECTOR_IDS))


def check_run(at, path: str, query: dict[str, list[str]]) -> list[str]:
    """Everything wrong with one run of one hostile link, as readable lines (empty: all good)."""
    if at.exception:
        return [f"exception: {e.value[:300]}" for e in at.exception]
    problems = []
    text = H.tree_text(at)
    if "Traceback (most recent call last)" in text:
        problems.append("a traceback is shown")
    lang = expected_lang(query)
    if at.session_state[ui.LANG_WIDGET] != lang:
        problems.append(f"language {at.session_state[ui.LANG_WIDGET]!r}, expected {lang!r}")
    sector = at.multiselect(key=ui.SECTOR_WIDGET)
    if sector.label != t("ctl.sector", lang):
        problems.append(f"sidebar not in {lang}: {sector.label!r}")
    if list(sector.value) != expected_sectors(query):
        problems.append(f"sector widget holds {list(sector.value)!r}, expected {expected_sectors(query)!r}")
    written = at.query_params
    langs_out = written.get("lang") if isinstance(written.get("lang"), list) else [written.get("lang")]
    if langs_out != [lang]:
        problems.append(f"link rewritten with lang={langs_out!r}")
    sectors_out = written.get("sector", [])
    sectors_out = sectors_out if isinstance(sectors_out, list) else [sectors_out]
    if not set(sectors_out) <= set(SECTOR_IDS):
        problems.append(f"link rewritten with unknown sectors {sectors_out!r}"[:200])
    kit_out = written.get("kit_off", [])
    kit_out = kit_out if isinstance(kit_out, list) else [kit_out]
    if not set(kit_out) <= KNOWN_VIEW_IDS or set(kit_out) != set(query.get("kit_off", [])) & KNOWN_VIEW_IDS:
        problems.append(f"link rewritten with kit_off={kit_out!r}"[:200])
    presenting = any(v.strip().lower() in getattr(present, "ON_VALUES", {"1"}) for v in query.get("present", []))
    if presenting:
        # The slide counter ("3 / 13") must name an existing slide, whatever ?slide= or ?view= said.
        for n, total in (map(int, m.groups()) for m in map(SLIDE_COUNTER.fullmatch, text.splitlines()) if m):
            if not 1 <= n <= total:
                problems.append(f"slide counter {n} / {total}")
    if path == "organisations" and not presenting:
        org = at.selectbox(key=ORG_WIDGET).value
        raw = query.get("org", [None])[-1]
        wanted = raw if raw in ORG_IDS else vt.default_org(TABLES)
        if org != wanted:
            problems.append(f"organisation {org!r}, expected {wanted!r}")
    if path == "commitments" and not presenting:
        picker = at.selectbox(key=HISTORY_WIDGET)
        raw = query.get("commitment", [None])[-1]
        choices = vt.commitment_choices(views.Context(TABLES, "", lang, tuple(expected_sectors(query))))
        wanted = raw if raw in choices else next(iter(choices), None)
        if picker.value != wanted:
            problems.append(f"commitment {picker.value!r}, expected {wanted!r}")
    for slider in at.slider:
        lo, hi = slider.min, slider.max
        if not lo <= slider.value <= hi:
            problems.append(f"slider {slider.label!r} = {slider.value} outside {lo}–{hi}")
    problems += H.tree_problems(at)
    return problems


@pytest.fixture(scope="module", autouse=True)
def real_data():
    """These tests use the repository's data (another module may have pointed APECGPU_DATA_DIR elsewhere)."""
    mp = pytest.MonkeyPatch()
    mp.delenv(data.DATA_DIR_ENV, raising=False)
    yield
    mp.undo()


def test_the_generator_covers_every_page_and_parameter():
    assert len({urlencode(pairs) for _, pairs in LINKS}) == len(LINKS) >= 500
    assert {path for path, _ in LINKS} == {path for _, path in PAGES}
    keys = {key for _, pairs in LINKS for key, _ in pairs}
    assert {"lang", "sector", *PAGE_KEYS} <= keys and keys & set(UNKNOWN_KEYS)
    values = [value for _, pairs in LINKS for _, value in pairs]
    assert any(len(v) >= 10_000 for v in values) and any("<script" in v for v in values)
    assert any(sum(k == "sector" for k, _ in pairs) >= 40 for _, pairs in LINKS)
    queries = [_as_query(pairs) for _, pairs in LINKS]
    # Valid values are mixed in too, so the fallbacks are tested next to values that must be kept.
    assert sum(bool(expected_sectors(q)) for q in queries) > 50 and any(q.get("org", [""])[-1] in ORG_IDS
                                                                       for q in queries)
    assert any(path == "commitments" and q.get("commitment", [""])[-1] in COMMITMENT_IDS
               for (path, _), q in zip(LINKS, queries))
    assert sum(bool(set(q.get("kit_off", [])) & KNOWN_VIEW_IDS) for q in queries) >= 20
    assert sum(any(v.strip().lower() in present.ON_VALUES for v in q.get("present", [])) for q in queries) >= 20


@pytest.mark.parametrize("case", range(len(LINKS)), ids=[f"{i:03d}-{p}" for i, (p, _) in enumerate(LINKS)])
def test_hostile_link(case):
    path, pairs = LINKS[case]
    query = _as_query(pairs)
    at = H.run_page(path, query)
    problems = check_run(at, path, query)
    assert not problems, f"/{path}?{urlencode(pairs)[:600]}\n" + "\n".join(problems[:10])
