"""The one text catalogue: every user-facing string in Korean and English, looked up by key."""
from __future__ import annotations

import re

DEFAULT_LANG = "ko"
LANGS = ("ko", "en")

TEXT: dict[str, dict[str, str]] = {
    # app chrome
    "app.title": {"ko": "엔비디아–한국 AI 인프라 협력 대시보드", "en": "NVIDIA–Korea AI Infrastructure Dashboard"},
    # {period}: the events' dates and {n}: the number of articles, both from data/ (views.app_subtitle)
    "app.subtitle": {"ko": "2025 APEC 경주 정상회의 계기 발표 내용({period}), 기사 {n}건 기준",
                     "en": "Announcements at APEC 2025, Gyeongju ({period}), from {n} {n:news article|news articles}"},
    "app.subtitle.plain": {"ko": "2025 APEC 경주 정상회의 계기 발표 내용, 기사 {n}건 기준",
                           "en": "Announcements at APEC 2025, Gyeongju, from {n} {n:news article|news articles}"},
    "nav.overview": {"ko": "개요", "en": "Overview"},
    "nav.gpu_split": {"ko": "GPU 배분", "en": "GPU split"},
    "nav.installed_base": {"ko": "국내 GPU 보유량", "en": "Installed base"},
    "nav.timeline": {"ko": "일정·협약", "en": "Timeline"},
    "nav.sources": {"ko": "출처·방법", "en": "Sources & method"},
    "nav.section.main": {"ko": "대시보드", "en": "Dashboard"},
    "nav.section.more": {"ko": "추적·분석", "en": "Tracking & analysis"},
    "ctl.language": {"ko": "언어 / Language", "en": "Language / 언어"},
    "ctl.sector": {"ko": "분야 필터", "en": "Sector filter"},
    "ctl.sector.help": {"ko": "여러 분야를 고를 수 있습니다. 비워 두면 전체가 보입니다. 선택은 링크(URL)에 저장됩니다.",
                        "en": "Pick one or more sectors; leave empty for all. The choice is kept in the link (URL)."},
    "ctl.sector.placeholder": {"ko": "전체 분야", "en": "All sectors"},
    "ctl.filter_active": {"ko": "분야 필터 적용 중: {names}", "en": "Sector filter on: {names}"},
    "ctl.filter_none": {"ko": "전체 분야", "en": "All sectors"},
    "ctl.link": {"ko": "이 화면 링크", "en": "Link to this view"},
    "ctl.link.help": {"ko": "아래 주소를 복사해 보내면 같은 화면(언어·분야·페이지)이 열립니다.",
                      "en": "Copy this address: it reopens this exact view (language, sectors, page)."},
    "url.unknown_sector": {"ko": "링크의 알 수 없는 분야 {n}개를 무시했습니다: {values}",
                           "en": "Ignored {n} unknown sector(s) in the link: {values}"},
    "url.unknown_kit_view": {"ko": "링크의 '브리핑 자료에서 뺀 차트' 중 알 수 없는 값 {n}개를 무시했습니다: {values}",
                             "en": "Ignored {n} unknown {n:chart|charts} the link took out of the briefing kit: {values}"},
    "url.unknown_lang": {"ko": "링크의 언어 값({value})을 알 수 없어 한국어로 표시합니다.",
                         "en": "Unknown language in the link ({value}); showing Korean."},
    # footer
    "footer.sources": {"ko": "출처", "en": "Sources"},
    "footer.version": {"ko": "데이터 버전 {version}", "en": "Data version {version}"},
    "footer.licence": {"ko": "기사 인용은 보도 내용 그대로이며, 수치는 기사별로 기록했습니다. 계산값은 '계산'으로 표시합니다.",
                       "en": "Figures are recorded per article as reported; computed values are marked 'computed'."},
    # common
    "common.source_line": {"ko": "출처: {sources} · 데이터 버전 {version}", "en": "Source: {sources} · data version {version}"},
    "common.table": {"ko": "데이터 표 보기", "en": "Show the data as a table"},
    "common.alt": {"ko": "차트 설명", "en": "Chart description"},
    "common.computed": {"ko": "계산", "en": "computed"},
    "common.stated": {"ko": "기사 표기", "en": "as stated"},
    "common.disputed": {"ko": "기사마다 다름", "en": "Sources differ"},
    "common.disputed_mark": {"ko": "※ 기사마다 표기가 다른 수치 — '출처·방법' 페이지 참조",
                             "en": "※ Articles state this figure differently — see 'Sources & method'"},
    "common.no_data": {"ko": "선택한 분야에 해당하는 항목이 없습니다. 분야 필터를 바꾸거나 비워 보세요.",
                       "en": "Nothing matches the selected sectors. Change or clear the sector filter."},
    "common.unknown_outlet": {"ko": "매체 미상", "en": "outlet not named"},
    "common.unknown_date": {"ko": "날짜 미상", "en": "date not given"},
    "common.gpus": {"ko": "GPU 수(개)", "en": "GPUs (count)"},
    "common.sector": {"ko": "분야", "en": "Sector"},
    "common.recipient": {"ko": "배분처", "en": "Recipient"},
    "common.sources": {"ko": "출처", "en": "Sources"},
    "common.qualifier": {"ko": "한정어", "en": "Qualifier"},
    "common.models": {"ko": "GPU 모델", "en": "GPU models"},
    "common.purpose": {"ko": "용도", "en": "Purpose"},
    "common.share": {"ko": "비중", "en": "Share"},
    "common.figure": {"ko": "수치", "en": "Figure"},
    "common.date": {"ko": "날짜", "en": "Date"},
    "common.kind": {"ko": "유형", "en": "Kind"},
    "common.parties": {"ko": "참여 주체", "en": "Parties"},
    "common.summary": {"ko": "요약", "en": "Summary"},
    "common.title": {"ko": "제목", "en": "Title"},
    "common.value": {"ko": "값", "en": "Value"},
    "common.note": {"ko": "비고", "en": "Note"},
    "common.quote": {"ko": "기사 원문", "en": "Quote (Korean)"},
    "common.headline": {"ko": "대표값", "en": "Headline"},
    "common.time": {"ko": "시각", "en": "Time"},
    "common.place": {"ko": "장소", "en": "Place"},
    "common.pm": {"ko": "오후", "en": "afternoon"},
    "common.am": {"ko": "오전", "en": "morning"},
    "common.date_inferred": {"ko": "날짜 추정", "en": "date inferred"},
    "tl.hollow": {"ko": "속이 빈 점: 기사에 날짜가 없어 발표일({days})에 놓은 항목. 가로 위치의 시각은 오전·오후 구분만 반영합니다.",
                  "en": "Hollow markers: no date in the article, placed on the announcement day ({days}). Horizontal position reflects only morning/afternoon where known."},
    "common.data_error": {"ko": "데이터 파일에 문제가 있습니다", "en": "There is a problem in the data files"},
    "common.data_error.detail": {"ko": "아래 항목을 고치면 다음 새로고침 때 반영됩니다. 문제가 있는 행은 빼고 나머지를 표시합니다.",
                                 "en": "Fix the items below; the next reload picks them up. Rows with problems are left out, the rest is shown."},
    "common.data_warning": {"ko": "데이터 파일 주의 사항", "en": "Notes on the data files"},
    "common.stale": {"ko": "마지막으로 확인된 정상 데이터(버전 {version})를 표시 중입니다. 현재 파일은 오류가 있습니다.",
                     "en": "Showing the last valid data (version {version}); the files on disk now have errors."},
    "common.nothing_valid": {"ko": "표시할 수 있는 정상 데이터가 없습니다.", "en": "There is no valid data to show."},
    # kinds and qualifiers
    "kind.briefing": {"ko": "브리핑", "en": "Briefing"},
    "kind.speech": {"ko": "연설", "en": "Speech"},
    "kind.meeting": {"ko": "회담·회동", "en": "Meeting"},
    "kind.press_release": {"ko": "보도자료", "en": "Press note"},
    "kind.mou": {"ko": "양해각서(MoU)", "en": "MoU"},
    "kind.agreement": {"ko": "협약", "en": "Agreement"},
    "kind.programme": {"ko": "프로그램", "en": "Programme"},
    "kind.alliance": {"ko": "얼라이언스", "en": "Alliance"},
    "kind.proposal": {"ko": "제안", "en": "Proposal"},
    "kind.supply": {"ko": "공급 협력", "en": "Supply"},
    "kind.partnership": {"ko": "협력", "en": "Partnership"},
    "kind.public_event": {"ko": "공개 행사", "en": "Public event"},
    # overview
    "ov.title": {"ko": "개요: 엔비디아 GPU {total}, 어디로 가나", "en": "Overview: where NVIDIA's {total} go"},
    "ov.kpi.total": {"ko": "GPU 공급 총량", "en": "GPUs announced"},
    "ov.kpi.total.filtered": {"ko": "선택 분야의 GPU", "en": "GPUs in selected sectors"},
    "ov.kpi.recipients": {"ko": "배분처", "en": "Recipients"},
    "ov.kpi.base": {"ko": "국내 AI GPU 보유량(발표 후)", "en": "Installed AI GPUs in Korea (after)"},
    "ov.kpi.base.delta": {"ko": "발표 전 {before}", "en": "from {before} before"},
    "ov.kpi.events": {"ko": "발표·협약·행사", "en": "Events and agreements"},
    "ov.kpi.recipients.value": {"ko": "{n}곳", "en": "{n}"},
    "ov.kpi.events.value": {"ko": "{n}건", "en": "{n}"},
    "ov.takeaways": {"ko": "핵심 내용", "en": "Key takeaways"},
    "ov.take.split": {"ko": "{top_ga} {top_n_ro} 가장 많고, 이어서 {rest}입니다(기사 다수 기준).",
                      "en": "{top} gets the most, {top_n}; then {rest} (majority of articles)."},
    "ov.take.split.group": {"ko": "{names} 각 {each}", "en": "{names} {each} each"},
    "ov.take.split.one": {"ko": "{name} {each}", "en": "{name} {each}"},
    "ov.take.split.only": {"ko": "선택 분야의 배분처는 {top} 한 곳으로, {top_n}입니다(기사 다수 기준).",
                           "en": "{top} is the only recipient in the selected sectors, with {top_n} (majority of articles)."},
    # Under a sector filter the computed value adds only that filter's allocations: said so, not "Korea's GPUs become".
    "ov.take.base.filtered": {"ko": "국내 AI GPU 보유량은 기사 표기로 발표 전 {before}, 발표 후 '{after}'입니다. 발표 전 보유량에 선택 분야의 배분만 더한 계산값은 {computed}입니다.",
                              "en": "Korea's AI GPUs: {before} before and '{after}' after, as stated; the installed base plus only the selected sectors' allocations gives {computed}."},
    "ov.take.base.none": {"ko": "국내 AI GPU 보유량은 기사 표기로 발표 전 {before}, 발표 후 '{after}'입니다(선택 분야에는 GPU 배분이 없습니다).",
                          "en": "Korea's AI GPUs: {before} before and '{after}' after, as stated (no GPUs are allocated in the selected sectors)."},
    "common.name_list": {"ko": "{head}·{last}", "en": "{head} and {last}"},
    "ov.take.base": {"ko": "국내 AI GPU는 {before}에서 기사 표기로 '{after}', 발표 수량을 더한 계산값으로 {computed_ga} 됩니다.",
                     "en": "Korea's AI GPUs go from {before} to '{after}' as stated, or {computed} computed by adding the announced GPUs."},
    "ov.take.disputes": {"ko": "기사 간 표기가 다른 수치가 {n}개 있습니다. 예: {subject} GPU를 기사 {low_n}건은 {low}개, {high_n}건은 {high}개로 적었습니다.",
                         "en": "{n} {n:figure is|figures are} stated differently across articles, e.g. {subject}: {low} GPUs in {low_n} {low_n:article|articles}, {high} in {high_n}."},
    "ov.take.disputes.plain": {"ko": "기사 간 표기(한정어·당사자 등)가 다른 수치가 {n}개 있습니다.",
                               "en": "{n} {n:figure is|figures are} stated differently across articles (qualifier, parties and the like)."},
    "ov.take.events": {"ko": "{period} {n}건의 브리핑·연설·협약이 있었고, 그중 MoU·협약이 {agreements}건입니다.",
                       "en": "{n} {n:event|events} (briefings, speeches, agreements) on {period}, {agreements} of them {agreements:an MoU or agreement|MoUs or agreements}."},
    "ov.take.events.none": {"ko": "{period} {n}건의 브리핑·연설·협약이 있었고, 그중 MoU·협약은 없습니다.",
                            "en": "{n} {n:event|events} (briefings, speeches, agreements) on {period}, none of them an MoU or agreement."},
    # split
    "split.title": {"ko": "GPU 배분: 누가 얼마나 받나", "en": "GPU split: who gets how many"},
    "split.org.title.one": {"ko": "배분처별 GPU: {top} {top_n}(선택 분야의 유일한 배분처)",
                            "en": "GPUs by recipient: {top}, {top_n} (the only recipient in the selected sectors)"},
    "split.org.title": {"ko": "배분처별 GPU: {top_ga} {top_n_ro} 최대, 합계 {total}",
                        "en": "GPUs by recipient: most to {top} ({top_n}), {total} in all"},
    "split.share.title": {"ko": "전체 대비 비중: {top_ga} {share}", "en": "Share of the total: {top} has {share}"},
    "split.share.title.filtered": {"ko": "선택 분야 합계 대비 비중: {top_ga} {share}",
                                   "en": "Share of the selected sectors' total: {top} has {share}"},
    "split.sector.title": {"ko": "분야별 GPU(주 분야 기준): {top_ga} {top_n}", "en": "GPUs by primary sector: most in {top} ({top_n})"},
    "split.claims.title": {"ko": "기사별 표기: 같은 수치도 한정어가 다릅니다", "en": "As each article states it: same numbers, different qualifiers"},
    "split.claims.caption": {"ko": "칸마다 기사가 적은 그대로의 한정어와 수치입니다. 빈칸은 해당 기사가 언급하지 않은 경우입니다.",
                             "en": "Each cell is the figure with the qualifier the article used; blank where the article is silent."},
    "split.axis.recipient": {"ko": "배분처", "en": "Recipient"},
    # installed base
    "base.title": {"ko": "국내 AI GPU 보유량: 발표 전과 후", "en": "Korea's installed AI GPUs: before and after"},
    "base.compare.title": {"ko": "보유량이 {before}에서 {after_stated}(기사) / {after_computed}(계산)로",
                           "en": "From {before} to {after_stated} (stated) / {after_computed} (computed)"},
    "base.waterfall.title": {"ko": "배분처별 증가분: 기존 {before} + 발표 {added} = {computed}(계산)",
                             "en": "Additions by recipient: {before} existing + {added} announced = {computed} (computed)"},
    "base.bar.before": {"ko": "발표 전(기사)", "en": "Before (stated)"},
    "base.bar.after_stated": {"ko": "발표 후(기사 표기)", "en": "After (as stated)"},
    "base.bar.after_computed": {"ko": "발표 후(계산: 전 + 배분)", "en": "After (computed: before + allocations)"},
    "base.waterfall.before": {"ko": "기존 보유량", "en": "Existing base"},
    "base.waterfall.total": {"ko": "합계(계산)", "en": "Total (computed)"},
    "base.stated_line": {"ko": "기사 표기: {v}", "en": "Stated: {v}"},
    "base.method": {"ko": "계산값 = 발표 전 보유량({before}, {src}) + 화면에 표시된 배분량 합계({added}). 기사 표기 {after_wa} 함께 보여 줍니다.",
                    "en": "Computed = installed base before ({before}, {src}) + the allocations shown ({added}). Shown beside the stated '{after}'."},
    "base.filtered_note": {"ko": "분야 필터가 적용되어 계산값은 선택 분야의 배분만 더했습니다.",
                           "en": "A sector filter is on: the computed value adds only the allocations in the selected sectors."},
    # timeline
    "tl.title": {"ko": "일정·협약: {period}", "en": "Timeline: {period}"},  # {period} from events.csv
    "tl.title.plain": {"ko": "일정·협약", "en": "Timeline"},
    "tl.chart.title": {"ko": "{n}건의 발표·협약, 그중 {top}건이 {day}", "en": "{n} {n:event or agreement|events and agreements}, {top} of them on {day}"},
    "tl.chart.title.one_day": {"ko": "{n}건의 발표·협약, {n:|모두 }{day}", "en": "{n} {n:event or agreement|events and agreements}, {n:|all }on {day}"},
    "tl.detail": {"ko": "항목 자세히 보기", "en": "Event details"},
    "tl.detail.grid": {"ko": "항목이 {n}개라 한 표로 보여 줍니다(열 제목을 눌러 정렬, 표 안에서 검색).",
                       "en": "{n} {n:event|events}, shown as one table (click a column header to sort; search inside the table)."},
    "tl.axis.date": {"ko": "날짜(KST)", "en": "Date (KST)"},
    "tl.axis.kind": {"ko": "유형", "en": "Kind"},
    # sources
    "src.title": {"ko": "출처·방법", "en": "Sources & method"},
    "src.articles": {"ko": "기사 {n}건", "en": "The {n} {n:article|articles}"},
    "src.disagreements": {"ko": "기사 간 차이", "en": "Where the articles differ"},
    "src.disagreements.caption": {"ko": "같은 수치를 기사마다 다르게 적은 경우를 모두 기록했습니다. 대표값은 가장 많은 기사가 적은 값이며, 다른 값도 버리지 않습니다.",
                                  "en": "Every figure the articles state differently is recorded. The headline value is the one most articles give; the others are kept."},
    "src.claims.title": {"ko": "기사별 GPU 수치: {subject} {low} vs {high} 등", "en": "GPU figures by article: {subject} {low} vs {high} and more"},
    "src.claims.title.plain": {"ko": "기사별 GPU 수치", "en": "GPU figures by article"},
    "src.method": {"ko": "계산 방법", "en": "How derived figures are computed"},
    "src.method.body": {"ko": (
        "- **대표값**: 같은 수치에 대한 기사별 표기 중 가장 많은 기사가 적은 값(동수면 큰 값). 한정어는 그 값에 가장 많이 붙은 것.\n"
        "- **배분 합계**: 화면에 보이는 배분처의 대표값 합.\n"
        "- **발표 후 보유량(계산)**: 발표 전 보유량(기사) + 배분 합계. 기사에 적힌 표기와 나란히 표시.\n"
        "- **분야별 합계**: 각 배분의 주 분야(primary sector)로 묶어 합계가 전체와 같도록 함.\n"
        "- **분야 필터**: 항목의 분야 목록 중 하나라도 선택 분야에 있으면 표시.\n"
        "- **데이터 버전**: data/ 폴더 CSV 파일 내용의 해시 앞 8자리."),
        "en": (
        "- **Headline value**: of the articles' versions of a figure, the value most articles give (ties: the larger); "
        "its qualifier is the one most often attached to that value.\n"
        "- **Allocation total**: the sum of the headline values of the recipients shown.\n"
        "- **Installed base after (computed)**: installed base before (stated) + the allocation total, shown beside "
        "the articles' own wording.\n"
        "- **By sector**: each allocation counted once, under its primary sector, so the parts add up to the whole.\n"
        "- **Sector filter**: an item shows if any of its sectors is selected.\n"
        "- **Data version**: the first 8 characters of a hash of the CSV files in data/.")},
    "src.col.outlet": {"ko": "매체", "en": "Outlet"},
    "src.col.byline": {"ko": "기자", "en": "Byline"},
    "src.col.headline": {"ko": "제목", "en": "Headline"},
    "src.col.published": {"ko": "입력(KST)", "en": "Published (KST)"},
    "src.col.updated": {"ko": "수정(KST)", "en": "Updated (KST)"},
    "src.col.id": {"ko": "ID", "en": "ID"},
    "src.col.file": {"ko": "원문 파일", "en": "Seed file"},
    "src.col.differs": {"ko": "차이", "en": "Differs in"},
    "split.details.title": {"ko": "배분 내역: 한정어·GPU 모델·용도·출처", "en": "Allocation details: qualifier, GPU models, purpose, sources"},
    "src.filter_note": {"ko": "이 페이지는 분야 필터와 관계없이 모든 출처와 기사 간 차이를 보여 줍니다. 차트는 필터를 따릅니다.",
                        "en": "This page lists every source and every disagreement whatever the sector filter; its chart follows the filter."},
    "src.col.versions": {"ko": "기사별 표기 [출처]", "en": "Each article's version [source]"},
    "src.disagreements.detail": {"ko": "기사 원문과 함께 모든 표기 보기", "en": "Every version with the article's words"},
    "src.legend.value_differs": {"ko": "빨간색: 기사마다 값이 다름", "en": "red: articles give different values"},
    "src.differs.value": {"ko": "값", "en": "value"},
    "src.differs.qualifier": {"ko": "한정어", "en": "qualifier"},
    "src.differs.parties": {"ko": "주체", "en": "parties"},
    "src.axis.value": {"ko": "기사에 적힌 GPU 수(개, 로그 눈금)", "en": "GPUs as stated (count, log scale)"},
}


def t(key: str, lang: str = DEFAULT_LANG, **values) -> str:
    """The text for `key` in `lang`, with {placeholders} filled; a missing key shows itself so it is noticed."""
    entry = TEXT.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry[DEFAULT_LANG]
    if not values:
        return text
    return COUNT_WORD.sub(lambda m: _count_word(values.get(m.group(1)), m.group(2), m.group(3)), text).format(**values)


# English words that follow a count: "{n} {n:chart|charts}" reads "1 chart", "3 charts" ("1 events" otherwise).
COUNT_WORD = re.compile(r"\{(\w+):([^{}|]*)\|([^{}]*)\}")


def _count_word(count, one: str, other: str) -> str:
    try:
        return one if float(str(count).replace(",", "")) == 1 else other
    except ValueError:  # not a number (a Plotly hover placeholder): the general form
        return other


def kind_label(kind: str, lang: str) -> str:
    return t(f"kind.{kind}", lang)


def josa(word: str, pair: str) -> str:
    """Attach the Korean particle that fits the word's last sound: josa('SK그룹', '이/가') -> 'SK그룹이',
    josa('5만 개 이상', '으로/로') -> '5만 개 이상으로' ('로' after a vowel and after ㄹ: '1,000개 미만일로')."""
    with_final, without_final = pair.split("/")
    # A parenthesis is read past: the particle follows the word before it ("한국전자통신연구원(ETRI)이"); so is a
    # closing quote ("'30만 개 이상'과").
    head = word.rstrip(CLOSING_QUOTES)
    head = head.rsplit("(", 1)[0].rstrip() if head.endswith(")") and "(" in head else head
    last = head.rstrip(CLOSING_QUOTES)[-1:]
    if "가" <= last <= "힣":
        final = (ord(last) - 0xAC00) % 28
        has_final, ends_in_l = final != 0, final == RIEUL_FINAL
    else:
        # Latin letters and digits read aloud: these end in a consonant sound (L, M, N, R; 0, 1, 3, 6, 7, 8), of
        # which L, R, 1, 7 and 8 in ㄹ (엘, 알, 일, 칠, 팔).
        has_final, ends_in_l = last.upper() in "LMNR013678", last.upper() in "LR178"
    if pair == "으로/로":
        has_final = has_final and not ends_in_l
    return word + (with_final if has_final else without_final)


RIEUL_FINAL = 8  # ㄹ's index among a Hangul syllable's final consonants
CLOSING_QUOTES = "'\"’”」』"


# --- briefing kit: exports, PowerPoint deck, offline report, presentation mode (issue: briefing kit) ------------
TEXT.update({
    # what every exported file carries
    "export.asof": {"ko": "기사 게재일 {first} ~ {last} 기준", "en": "As of the articles, published {first} – {last}"},
    "export.asof.one": {"ko": "기사 게재일 {day} 기준", "en": "As of the articles, published {day}"},
    "export.asof.unknown": {"ko": "기사 게재일 미상", "en": "Article dates not given"},
    "export.filter.none": {"ko": "분야 필터 없음(전체 분야)", "en": "No sector filter (all sectors)"},
    "meta.title": {"ko": "제목", "en": "Title"},
    "meta.sources": {"ko": "출처", "en": "Sources"},
    "meta.version": {"ko": "데이터 버전", "en": "Data version"},
    "meta.asof": {"ko": "기준", "en": "As of"},
    "meta.filter": {"ko": "분야 필터", "en": "Sector filter"},
    "meta.generated": {"ko": "작성일", "en": "Made on"},
    "meta.link": {"ko": "화면 링크", "en": "Link to the view"},
    # Terms of reuse, on every page and in every file beside the sources: the figures are the articles' reporting.
    "meta.terms": {"ko": "이용 조건", "en": "Terms of use"},
    "common.terms": {"ko": "수치와 인용은 출처로 밝힌 각 기사의 보도 내용이며, 기사의 저작권은 해당 언론사에 있습니다. 옮겨 쓸 때는 출처 기사를 함께 밝혀 주십시오.",
                     "en": "Figures and quotations are as reported in the cited articles, whose copyright stays with their outlets. When reusing them, cite the source articles with them."},
    "kit.sheet": {"ko": "시트", "en": "Sheet"},
    "export.disagreements.scope": {"ko": "분야 필터와 관계없이 기사 간 차이 전체", "en": "Every disagreement, whatever the sector filter"},
    "meta.scope": {"ko": "범위", "en": "Scope"},
    "meta.scope.filtered": {"ko": "필터 적용 데이터", "en": "Filtered data"},
    "meta.scope.all": {"ko": "전체 데이터(분야 필터 없이)", "en": "All data (no sector filter)"},
    # per-chart download row
    "export.png": {"ko": "PNG", "en": "PNG"},
    "export.svg": {"ko": "SVG", "en": "SVG"},
    "export.csv": {"ko": "CSV", "en": "CSV"},
    "export.xlsx": {"ko": "XLSX", "en": "XLSX"},
    "export.csv.all": {"ko": "CSV(전체)", "en": "CSV (all)"},
    "export.xlsx.all": {"ko": "XLSX(전체)", "en": "XLSX (all)"},
    "export.png.help": {"ko": "슬라이드용 이미지(16:9, 3200×1800). 제목·출처·기준일·데이터 버전이 이미지 안에 들어갑니다.",
                        "en": "Slide-ready image (16:9, 3200×1800) with title, sources, as-of date and data version inside."},
    "export.svg.help": {"ko": "확대해도 깨지지 않는 벡터 이미지(SVG). 내용은 PNG와 같습니다.",
                        "en": "Vector image (SVG) that stays sharp at any size; same content as the PNG."},
    "export.csv.help": {"ko": "차트의 데이터(CSV, 엑셀에서 한글이 바로 열리는 UTF-8 BOM). 맨 위에 출처·데이터 버전이 있습니다.",
                        "en": "The chart's data as CSV (UTF-8 with BOM, opens in Excel). Sources and data version on top."},
    "export.xlsx.help": {"ko": "차트의 데이터(엑셀). 출처 시트와 데이터 버전이 들어 있습니다.",
                         "en": "The chart's data as an Excel file, with a Sources sheet and the data version."},
    "export.all.help": {"ko": "분야 필터를 빼고 같은 차트의 전체 데이터를 받습니다.",
                        "en": "The same chart's data without the sector filter."},
    "export.image.unavailable": {"ko": "이 서버에서는 이미지 내보내기를 할 수 없습니다: {reason}. 데이터(CSV·XLSX)는 받을 수 있습니다.",
                                 "en": "Image export is not available on this server: {reason}. The data (CSV, XLSX) still downloads."},
    "export.failed": {"ko": "파일을 만들지 못했습니다: {reason}", "en": "The file could not be made: {reason}"},
    "export.present_view": {"ko": "발표", "en": "Present"},
    "export.present_view.help": {"ko": "이 차트부터 발표 모드(전체 화면, 한 화면에 차트 하나)로 엽니다.",
                                 "en": "Open presentation mode (full screen, one chart per screen) at this chart."},
    # sidebar briefing kit
    "kit.title": {"ko": "브리핑 자료", "en": "Briefing kit"},
    "kit.caption": {"ko": "현재 분야 필터({filter})가 적용됩니다.", "en": "Uses the current sector filter ({filter})."},
    "kit.views": {"ko": "포함할 차트", "en": "Charts to include"},
    "kit.views.help": {"ko": "기본값은 모든 차트입니다. 슬라이드·시트·보고서 순서는 페이지 순서를 따릅니다.",
                       "en": "All charts by default. Slides, sheets and report sections follow the page order."},
    "kit.views.count": {"ko": "차트 {n}/{total}개 선택", "en": "{n} of {total} {total:chart|charts} selected"},
    "kit.views.all": {"ko": "모든 차트 포함", "en": "Every chart included"},
    "kit.lang": {"ko": "자료 언어", "en": "Language of the files"},
    "kit.deck": {"ko": "PowerPoint(.pptx)", "en": "PowerPoint (.pptx)"},
    "kit.deck.help": {"ko": "16:9 발표 자료: 표지, 차트마다 슬라이드 한 장(편집 가능한 차트, 출처, 발표자 메모), 출처·기사 간 차이 슬라이드.",
                      "en": "16:9 deck: title slide, one slide per chart (editable charts, source footer, speaker notes), sources and disagreements."},
    "kit.workbook": {"ko": "엑셀 통합 문서(.xlsx)", "en": "Excel workbook (.xlsx)"},
    "kit.workbook.help": {"ko": "차트마다 시트 한 장, 출처 시트, 기사 간 차이 시트.",
                          "en": "One sheet per chart, plus Sources and Disagreements sheets."},
    "kit.report": {"ko": "오프라인 보고서(.html)", "en": "Offline report (.html)"},
    "kit.report.help": {"ko": "인터넷 없이 열리는 HTML 파일 하나(차트 확대·마우스오버 가능, 출처·데이터 버전 포함). 망분리 PC용.",
                        "en": "One HTML file that opens without a network (interactive charts, sources, data version). For separated networks."},
    "kit.none": {"ko": "차트를 하나 이상 고르세요.", "en": "Pick at least one chart."},
    "kit.present": {"ko": "발표 모드", "en": "Presentation mode"},
    "kit.present.help": {"ko": "사이드바 없이 한 화면에 차트 하나씩 크게 보여 줍니다(←/→ 키로 이동).",
                         "en": "One chart per screen, large, without the sidebar (←/→ keys to move)."},
    # PowerPoint deck
    "deck.subtitle": {"ko": "브리핑 자료: 2025 APEC 경주 정상회의 계기 엔비디아 GPU 공급 발표",
                      "en": "Briefing pack: NVIDIA's GPU supply announcement at APEC 2025, Gyeongju"},
    "deck.made": {"ko": "작성일 {date} · 데이터 버전 {version}", "en": "Made on {date} · data version {version}"},
    "deck.views": {"ko": "차트 {n}개", "en": "{n} {n:chart|charts}"},
    "deck.closing.title": {"ko": "출처와 기사 간 차이", "en": "Sources, and where they disagree"},
    "deck.closing.more": {"ko": "기사 간 차이(계속)", "en": "Where the sources disagree (continued)"},
    "deck.disagreements.none": {"ko": "기사 간 차이가 없습니다.", "en": "The sources do not disagree."},
    "deck.notes.points": {"ko": "말할 내용", "en": "Talking points"},
    "deck.notes.link": {"ko": "이 화면 다시 열기: {url}", "en": "Reopen this view: {url}"},
    "deck.notes.present": {"ko": "발표 모드로 열기: {url}", "en": "Open in presentation mode: {url}"},
    "deck.picture": {"ko": "이 차트는 그림으로 들어 있습니다(PowerPoint 기본 차트로 만들 수 없는 유형). 데이터는 엑셀 파일에 있습니다.",
                     "en": "This chart is a picture (PowerPoint has no native chart of this kind); its data is in the Excel file."},
    "deck.picture_missing": {"ko": "차트 그림을 만들지 못했습니다({reason}). 데이터 표를 대신 넣었습니다.",
                             "en": "The chart picture could not be made ({reason}); the data table is shown instead."},
    "deck.footer": {"ko": "{source} · {asof}", "en": "{source} · {asof}"},
    "deck.waterfall.base": {"ko": "기준선(투명)", "en": "Base (invisible)"},
    "deck.col.versions": {"ko": "기사별 표기", "en": "As each source states it"},
    # offline report
    "report.offline": {"ko": "이 파일은 인터넷 연결 없이 열립니다. 차트는 확대·마우스오버가 됩니다.",
                       "en": "This file opens without a network connection; the charts are interactive."},
    "report.contents": {"ko": "차례", "en": "Contents"},
    "report.points": {"ko": "핵심 내용", "en": "Key points"},
    "report.data": {"ko": "데이터 표", "en": "Data table"},
    "report.about": {"ko": "이 자료에 대해", "en": "About this report"},
    "report.link": {"ko": "대시보드에서 다시 열기(기관 내부망)", "en": "Reopen in the dashboard (internal network)"},
    # presentation mode
    "present.prev": {"ko": "이전", "en": "Previous"},
    "present.next": {"ko": "다음", "en": "Next"},
    "present.exit": {"ko": "발표 모드 끝내기", "en": "Exit presentation"},
    "present.counter": {"ko": "{i} / {n}", "en": "{i} / {n}"},
    "present.bad_slide": {"ko": "링크의 슬라이드 번호가 올바르지 않아 첫 슬라이드를 보여 줍니다(1–{n}번이 있습니다).",
                          "en": "The slide number in the link is not valid; showing the first slide (slides 1–{n} exist)."},
    "present.bad_view": {"ko": "링크의 차트를 찾지 못해 첫 슬라이드를 보여 줍니다.",
                         "en": "The chart in the link was not found; showing the first slide."},
    "present.empty": {"ko": "선택한 분야에는 보여 줄 차트가 없습니다.", "en": "There is no chart to show for the selected sectors."},
})


# --- tracking pages: commitments tracker, organisation profiles and network, power estimate ----------------------
TEXT.update({
    "nav.commitments": {"ko": "약속 이행 추적", "en": "Commitments tracker"},
    "nav.organisations": {"ko": "기관별 현황", "en": "Organisations"},
    "nav.power": {"ko": "전력 추정", "en": "Power estimate"},
    # stages of a commitment (tracker.stage_label reads these)
    "stage.announced": {"ko": "발표", "en": "Announced"},
    "stage.mou_signed": {"ko": "MoU·협약 체결", "en": "MoU signed"},
    "stage.contracted": {"ko": "계약", "en": "Contracted"},
    "stage.delivered": {"ko": "납품", "en": "Delivered"},
    "stage.operational": {"ko": "가동", "en": "Operational"},
    # kinds of commitment and of organisation
    "ckind.gpu_allocation": {"ko": "GPU 배분", "en": "GPU allocation"},
    "ckind.investment": {"ko": "투자", "en": "Investment"},
    "ckind.agreement": {"ko": "협약·MoU", "en": "Agreement"},
    "ckind.programme": {"ko": "프로그램", "en": "Programme"},
    "ckind.centre": {"ko": "연구센터", "en": "Centre"},
    "ckind.memory_supply": {"ko": "메모리 공급", "en": "Memory supply"},
    "orgkind.country": {"ko": "국가", "en": "Country"},
    "orgkind.government": {"ko": "정부·부처", "en": "Government"},
    "orgkind.research_institute": {"ko": "연구기관", "en": "Research institute"},
    "orgkind.university": {"ko": "대학", "en": "University"},
    "orgkind.company": {"ko": "기업", "en": "Company"},
    "orgkind.investor": {"ko": "투자사", "en": "Investor"},
    # commitments tracker
    "trk.title": {"ko": "약속 이행 추적: 발표에서 가동까지", "en": "Commitments tracker: from announcement to operation"},
    "trk.intro": {"ko": "발표는 납품이 아닙니다. 약속마다 발표 → MoU·협약 체결 → 계약 → 납품 → 가동 중 어디까지 왔는지를, 단계마다 날짜와 출처를 붙여 기록합니다.",
                  "en": "An announcement is not a delivery. Each commitment is tracked through announced → MoU signed → contracted → delivered → operational, with a dated, sourced entry for each stage reached."},
    "trk.kpi.committed": {"ko": "약정 GPU(배분 합계)", "en": "GPUs committed (allocations)"},
    "trk.kpi.committed.help": {"ko": "화면에 보이는 배분처별 대표값(기사 다수 표기)의 합입니다.",
                               "en": "Sum of the headline allocations shown (the value most articles give)."},
    "trk.kpi.delivered": {"ko": "납품 GPU", "en": "GPUs delivered"},
    "trk.kpi.delivered.help": {"ko": "data/milestones.csv에 출처와 함께 기록된 수량의 합입니다(납품에는 가동 중인 수량도 포함).",
                               "en": "Sum of the quantities recorded with a source in data/milestones.csv (delivered includes those already operational)."},
    "trk.kpi.operational": {"ko": "가동 GPU", "en": "GPUs operational"},
    "trk.kpi.remaining": {"ko": "목표까지 남은 물량", "en": "Still to deliver"},
    "trk.kpi.target.caption": {"ko": "목표 {target} — 기사 다수 표기(한정어: {qualifier})",
                               "en": "Target {target}, as most articles state it (qualifier: {qualifier})"},
    "trk.kpi.target.caption.plain": {"ko": "목표 {target} — 기사 다수 표기", "en": "Target {target}, as most articles state it"},
    "trk.kpi.target.caption.filtered": {"ko": "목표: 선택 분야 배분 합계 {target}",
                                        "en": "Target: allocations in the selected sectors, {target}"},
    "trk.kpi.target.help": {"ko": "목표 = 기사에 나온 GPU 공급 총량({sources}).",
                            "en": "Target = the total GPU supply stated in the articles ({sources})."},
    "trk.gap.disputed": {"ko": "※ 기사마다 총량을 다르게 적었습니다: {versions}. 대표값은 가장 많은 기사가 쓴 표기입니다('출처·방법' 참조).",
                         "en": "※ The articles state the total differently: {versions}. The headline is the version most articles use (see 'Sources & method')."},
    "trk.gap.filtered_note": {"ko": "분야 필터가 적용되어 목표는 기사의 총량이 아니라 선택 분야 배분의 합입니다(여러 분야에 걸친 배분은 전체를 셉니다).",
                              "en": "A sector filter is on: the target is the sum of the allocations in the selected sectors, not the stated total (an allocation in several sectors counts in full)."},
    "trk.gap.target": {"ko": "목표(기사 표기)", "en": "Target (as stated)"},
    "trk.gap.target.filtered": {"ko": "목표(선택 분야 배분 합계)", "en": "Target (allocations shown)"},
    "trk.gap.delivered": {"ko": "납품", "en": "Delivered"},
    "trk.gap.operational": {"ko": "가동", "en": "Operational"},
    "trk.gap.remaining": {"ko": "남은 물량", "en": "Remaining"},
    "trk.gap.title": {"ko": "목표 {target} 중 남은 물량 {remaining}(납품 {share})",
                      "en": "Target {target}: {remaining} still to deliver ({share} delivered)"},
    "trk.stage.title.one": {"ko": "단계별 GPU: {total} 모두 '{stage}' 단계, 납품 {delivered}",
                            "en": "GPUs by stage: {total}, all at '{stage}'; {delivered} delivered"},
    "trk.stage.title": {"ko": "단계별 GPU: {total} 중 {delivered} 납품({share})",
                        "en": "GPUs by stage: {delivered} of {total} delivered ({share})"},
    "trk.axis.stage": {"ko": "단계", "en": "Stage"},
    "trk.note.as_of": {"ko": "단계는 data/milestones.csv에 출처와 함께 기록된 것만 반영합니다. 기사 게재 이후의 소식은 한 줄씩 추가하면 됩니다.",
                       "en": "Stages reflect only what data/milestones.csv records with a source. News after the articles is added one row at a time."},
    "trk.col.commitment": {"ko": "약정", "en": "Commitment"},
    "trk.col.committed": {"ko": "약정 GPU(기사 표기)", "en": "GPUs committed (as stated)"},
    "trk.col.delivered_operational": {"ko": "납품 / 가동", "en": "Delivered / operational"},
    "trk.col.holder": {"ko": "주체", "en": "Holder"},
    "trk.col.stage": {"ko": "단계", "en": "Stage"},
    "trk.col.stage_date": {"ko": "단계 도달일", "en": "Stage reached on"},
    "trk.col.stage_sources": {"ko": "단계 출처", "en": "Stage sources"},
    "trk.col.quantity": {"ko": "수량(GPU)", "en": "Quantity (GPUs)"},
    "trk.status.title": {"ko": "약정별 현황", "en": "Status of every commitment"},
    "trk.status.caption": {"ko": "GPU 배분, 투자, 협약, 연구센터·프로그램, 메모리 공급을 모두 담았습니다. 단계는 기록된 가장 먼 단계, 날짜는 그 단계에 처음 도달한 날입니다.",
                           "en": "GPU allocations, the investment, agreements, centres and programmes, memory supply. Stage = the furthest stage recorded; date = when it was first reached."},
    "trk.history.title": {"ko": "약정별 이력", "en": "History of a commitment"},
    "trk.history.pick": {"ko": "약정 선택", "en": "Pick a commitment"},
    "trk.history.reported": {"ko": "보도한 기사", "en": "Reported by"},
    "trk.history.how": {"ko": "납품·가동을 기록하려면 data/milestones.csv에 한 줄(약정 ID, 단계, 날짜, 수량, 출처 ID, 비고)을 추가하고 `python -m apecgpu check`로 확인하세요. 예시는 data/README.md의 'How to record a delivery'에 있습니다.",
                        "en": "To record a delivery or start of operation, add one row to data/milestones.csv (commitment id, stage, date, quantity, source id, note) and run `python -m apecgpu check`. See 'How to record a delivery' in data/README.md for an example."},
    # organisations
    "org.title": {"ko": "기관별 현황: 누가 누구와 무엇을", "en": "Organisations: who signed what with whom"},
    "org.pick": {"ko": "기관 선택", "en": "Organisation"},
    "org.pick.help": {"ko": "선택은 링크(?org=)에 저장됩니다. 아래 협력 네트워크에서 기관을 클릭해도 됩니다.",
                      "en": "Kept in the link (?org=). You can also click an organisation in the network below."},
    "trk.history.unknown": {"ko": "링크의 약정 ID '{value}'에 해당하는 약정이 (현재 분야 필터 안에) 없어 {default}의 이력을 보여 줍니다.",
                            "en": "The link's commitment '{value}' is not among the commitments (under the current sector filter); showing the history of {default}."},
    "org.unknown": {"ko": "링크의 기관({value})을 찾지 못해 {default} 프로필을 보여 줍니다.",
                    "en": "The organisation in the link ({value}) was not found; showing {default}."},
    "org.filtered": {"ko": "분야 필터가 적용되어 선택 분야와 관련된 항목만 보입니다.",
                     "en": "A sector filter is on: only items in the selected sectors are listed."},
    "org.link": {"ko": "이 프로필 링크(주소 끝부분): `/organisations{query}`", "en": "Link to this profile (end of the address): `/organisations{query}`"},
    "org.opened": {"ko": "{name} 프로필을 열었습니다(위쪽).", "en": "Opened the profile of {name} (above)."},
    "org.fact.kind": {"ko": "유형", "en": "Kind"},
    "org.fact.parent": {"ko": "상위 기관", "en": "Part of"},
    "org.fact.children": {"ko": "계열·소속 기관", "en": "Subsidiaries and units"},
    "org.fact.sectors": {"ko": "분야", "en": "Sectors"},
    "org.fact.links": {"ko": "협력 관계", "en": "Links"},
    "org.fact.links.value": {"ko": "{partners}곳과 협약·약정 {agreements}건", "en": "{agreements} {agreements:agreement|agreements} with {partners} {partners:partner|partners}"},
    "org.fact.sources": {"ko": "언급한 기사", "en": "Mentioned in"},
    "org.role.holder": {"ko": "주관·수령", "en": "Holder"},
    "org.role.partner": {"ko": "참여", "en": "Partner"},
    "org.col.role": {"ko": "역할", "en": "Role"},
    "org.col.with": {"ko": "함께한 기관", "en": "With"},
    "org.col.agreement": {"ko": "협약·약정", "en": "Agreement"},
    "org.col.agreements": {"ko": "협약·약정", "en": "Agreements"},
    "org.col.investment": {"ko": "투자", "en": "Investment"},
    "org.col.org_a": {"ko": "기관 A", "en": "Organisation A"},
    "org.col.org_b": {"ko": "기관 B", "en": "Organisation B"},
    "org.sec.gpus": {"ko": "GPU와 모델", "en": "GPUs and models"},
    "org.sec.gpus.empty": {"ko": "이 기관이 받거나 참여한 GPU 배분은 없습니다.", "en": "No GPU allocation held or shared."},
    "org.sec.agreements": {"ko": "협약과 상대 기관", "en": "Agreements and with whom"},
    "org.sec.agreements.empty": {"ko": "기록된 협약·약정이 없습니다.", "en": "No agreement recorded."},
    "org.sec.investments": {"ko": "투자(기사별 표기)", "en": "Investments (as each article states them)"},
    "org.investment.note": {"ko": "{title}({role}, 함께한 기관: {with_}): {purpose}. 보도: {sources}",
                            "en": "{title} ({role}; with {with_}): {purpose}. Reported by: {sources}"},
    "org.investment.context": {"ko": "참고 수치(한국 발표와 별개)", "en": "Context (separate from the Korea announcement)"},
    "org.sec.investments.empty": {"ko": "기록된 투자가 없습니다.", "en": "No investment recorded."},
    "org.sec.memory": {"ko": "메모리 공급", "en": "Memory supply"},
    "org.sec.memory.empty": {"ko": "기록된 메모리 공급이 없습니다.", "en": "No memory supply recorded."},
    "org.sec.programmes": {"ko": "프로그램·연구센터", "en": "Programmes and centres"},
    "org.sec.programmes.empty": {"ko": "기록된 프로그램·연구센터가 없습니다.", "en": "No programme or centre recorded."},
    "org.net.heading": {"ko": "협력 네트워크", "en": "Partnership network"},
    "org.net.caption": {"ko": "점은 기관(색: 주 분야, 크기: 협력 기관 수), 선은 협약·약정입니다(여러 건이면 굵게). 점을 클릭하면 위의 프로필이 그 기관으로 바뀝니다. 브리핑·회담·행사는 협약이 아니어서 선을 긋지 않습니다.",
                        "en": "Dots are organisations (colour: primary sector; size: number of partners); lines are agreements and commitments (thicker: several). Click a dot to open its profile above. Briefings, meetings and public events are not agreements and draw no line."},
    "org.net.title.tie_named": {"ko": "협력 네트워크: {n}개 기관, 협약·약정 {m}건 — {names_ga} 각 {k}곳과 연결돼 공동 최다",
                                "en": "Partnership network: {n} {n:organisation|organisations}, {m} {m:agreement|agreements}; {names} share the most links ({k} each)"},
    "org.net.title.tie": {"ko": "협력 네트워크: {n}개 기관, 협약·약정 {m}건 — {top} 등 {ties}곳이 각 {k}곳과 연결돼 공동 최다",
                          "en": "Partnership network: {n} {n:organisation|organisations}, {m} {m:agreement|agreements}; {ties} share the most links ({k} each), {top} among them"},
    "org.net.title": {"ko": "협력 네트워크: {n}개 기관, 협약·약정 {m}건 — {top_ga} {k}곳과 연결돼 최다",
                      "en": "Partnership network: {n} {n:organisation|organisations}, {m} {m:agreement|agreements}; {top} links to the most ({k})"},
    "org.net.title.drawn": {"ko": " (그림에는 연결이 많은 {k}곳만 표시, 전체는 표에)",
                            "en": " (the {k} most linked drawn; all in the table)"},
    "org.net.alt": {"ko": "기관 {n}곳, 협약·약정 {m}건, 연결된 기관 쌍 {pairs}개. 연결이 많은 순(협력 기관 수):",
                    "en": "{n} {n:organisation|organisations}, {m} {m:agreement|agreements}, {pairs} linked {pairs:pair|pairs}. Most linked (number of partners):"},
    "org.net.hover.links": {"ko": "협력 기관 {partners}곳 · 협약·약정 {agreements}건", "en": "{partners} {partners:partner|partners} · {agreements} {agreements:agreement|agreements}"},
    "org.net.hover.more": {"ko": "… 외 {n}건", "en": "… and {n} more"},
    "org.net.point": {"ko": "{name}: {k}곳과 협약·약정 {m}건", "en": "{name}: {m} {m:agreement|agreements} with {k} {k:partner|partners}"},
    # power estimate
    "pw.title": {"ko": "전력·시설 추정: 발표된 GPU가 쓸 전기", "en": "Power and facilities estimate: what the announced GPUs would draw"},
    "pw.banner": {"ko": "추정치입니다 — 기사 수치가 아닙니다. 기사에는 전력 사용량이 나오지 않습니다. 아래 값은 기사의 GPU 수에 가정(바꿀 수 있음)을 곱해 대시보드가 계산한 것입니다.",
                  "en": "This is an estimate, not a figure from the articles. The articles give no power figures; the values below multiply the articles' GPU counts by assumptions you can change."},
    "pw.sourced.heading": {"ko": "출발점: 기사에 나온 GPU 수(출처 있음)", "en": "Starting point: GPU counts from the articles (sourced)"},
    "pw.sourced.caption": {"ko": "아래 추정은 이 수치(대표값)에서 출발합니다.", "en": "The estimate below starts from these figures (headline values)."},
    "pw.estimate.heading": {"ko": "추정(가정 기반)", "en": "Estimate (from assumptions)"},
    "pw.estimate.caption": {"ko": "가정을 바꾸면 링크(URL)에도 저장되어, 링크를 받은 사람에게 같은 추정이 보입니다.",
                            "en": "Changing an assumption also updates the link (URL), so a colleague who opens it sees the same estimate."},
    "pw.default": {"ko": "기본값 {value} {unit}", "en": "Default {value} {unit}"},
    "pw.source": {"ko": "근거", "en": "Basis"},
    "pw.reset": {"ko": "기본값으로 되돌리기", "en": "Reset to the defaults"},
    "pw.ramp.heading": {"ko": "연도별 설치 일정(누적 비율)", "en": "Roll-out schedule (cumulative share installed)"},
    "pw.ramp.caption": {"ko": "기본 일정({default})은 예시일 뿐입니다. 기사에는 설치 일정이 없습니다(삼성전자 배분에 '향후 수년간'이라는 표현만 있음). 누적 비율이므로 해마다 같거나 커야 하며, 모든 배분처에 같은 비율을 씁니다. 행을 추가·삭제할 수 있습니다.",
                        "en": "The default schedule ({default}) is illustrative only: the articles give no schedule (only 'over the coming years' for Samsung). Shares are cumulative, so each year must be at least the year before; the same share applies to every recipient. Rows can be added or deleted."},
    "pw.ramp.item": {"ko": "{year}년 {share}", "en": "{year}: {share}"},
    "pw.ramp.year": {"ko": "연도", "en": "Year"},
    "pw.ramp.short": {"ko": "설치 일정 {ramp}", "en": "roll-out {ramp}"},
    "pw.ramp.err.both": {"ko": "행마다 연도와 비율을 모두 적어 주세요.", "en": "Give both a year and a share on every row."},
    "pw.ramp.err.whole": {"ko": "연도 {year}: 정수여야 합니다.", "en": "Year {year}: expected a whole year."},
    "pw.ramp.err.twice": {"ko": "{year}년이 두 번 나옵니다.", "en": "{year} appears twice."},
    "pw.ramp.share": {"ko": "누적 설치 비율(%)", "en": "Installed by year end (%)"},
    "pw.ramp.invalid": {"ko": "일정을 쓸 수 없습니다: {why} 직전의 올바른 일정으로 계산합니다.",
                        "en": "The schedule cannot be used: {why} The last valid schedule is used."},
    "pw.assumptions_error": {"ko": "전력 추정의 가정 파일(data/assumptions.csv)에 문제가 있어 추정을 보여 줄 수 없습니다.",
                             "en": "The assumptions file (data/assumptions.csv) has problems, so the estimate cannot be shown."},
    "pw.kpi.it": {"ko": "IT 부하(최대, 추정)", "en": "IT load (full power, est.)"},
    "pw.kpi.it.help": {"ko": "GPU 수 × GPU 1개당 kW ÷ 1,000", "en": "GPUs × kW per GPU ÷ 1,000"},
    "pw.kpi.meter": {"ko": "계량기 기준(최대, 추정)", "en": "At the meter (full power, est.)"},
    "pw.kpi.meter.help": {"ko": "IT 부하 × PUE(냉각·전력 변환 등 건물 전체)", "en": "IT load × PUE (cooling, power conversion, the rest of the building)"},
    "pw.kpi.average": {"ko": "평균 전력(추정)", "en": "Average power (est.)"},
    "pw.kpi.average.help": {"ko": "계량기 기준 × 평균 부하", "en": "At the meter × average load"},
    "pw.kpi.gwh": {"ko": "연간 전력량(추정)", "en": "Energy per year (est.)"},
    "pw.kpi.gwh.help": {"ko": "평균 전력 × 8,760시간 ÷ 1,000", "en": "Average power × 8,760 h ÷ 1,000"},
    "pw.unit.mw": {"ko": "{v}MW", "en": "{v} MW"},
    "pw.unit.gwh": {"ko": "{v}GWh", "en": "{v} GWh"},
    "pw.estimate_prefix": {"ko": "[추정] ", "en": "[Estimate] "},
    "pw.figure_mark": {"ko": "추정치 · 기사 수치 아님", "en": "Estimate · not from the articles"},
    "pw.recipient.title": {"ko": "GPU {gpus}의 전력: IT 부하 {it}, 계량기 기준 {meter}, 연 {gwh}",
                           "en": "Power for {gpus}: {it} IT load, {meter} at the meter, {gwh} a year"},
    "pw.year.title": {"ko": "{year}년 말({share} 설치): 계량기 기준 {meter}, 연 {gwh}",
                      "en": "By end-{year} ({share} installed): {meter} at the meter, {gwh} a year"},
    "pw.year.label": {"ko": "{year}년<br>({share} 설치)<br>연 {gwh}", "en": "{year}<br>({share} installed)<br>{gwh} a year"},
    "pw.year.note": {"ko": "연도별 값은 그해 말까지 설치된 GPU가 1년 내내 돌 때의 전력(연말 기준)이며, 그해에 실제로 쓴 전력량이 아닙니다.",
                     "en": "Each year's value is the power of the GPUs installed by the end of that year running all year (a year-end run rate), not the energy actually used in that year."},
    "pw.series.it": {"ko": "IT 부하", "en": "IT load"},
    "pw.series.meter": {"ko": "계량기 기준", "en": "At the meter"},
    "pw.legend": {"ko": "추정 전력", "en": "Estimated power"},
    "pw.axis.mw": {"ko": "MW(추정)", "en": "MW (estimate)"},
    "pw.axis.year": {"ko": "연도", "en": "Year"},
    "pw.col.it": {"ko": "IT 부하(MW)", "en": "IT load (MW)"},
    "pw.col.meter": {"ko": "계량기 기준(MW)", "en": "At the meter (MW)"},
    "pw.col.average": {"ko": "평균(MW)", "en": "Average (MW)"},
    "pw.col.gwh": {"ko": "연간(GWh)", "en": "Per year (GWh)"},
    "pw.col.share": {"ko": "누적 설치 비율", "en": "Share installed"},
    "pw.total": {"ko": "합계", "en": "Total"},
    "pw.source_line": {"ko": "GPU 수 출처: {sources} · 전력은 대시보드 추정({assumptions}) · 데이터 버전 {version}",
                       "en": "GPU counts: {sources} · power is a dashboard estimate ({assumptions}) · data version {version}"},
    "pw.assumptions_short": {"ko": "GPU당 {kw}kW, PUE {pue}, 평균 부하 {util}", "en": "{kw} kW per GPU, PUE {pue}, average load {util}"},
    "pw.method.heading": {"ko": "계산 방법과 빠진 것", "en": "How it is computed, and what it leaves out"},
    # Worked from the largest recipient and the assumptions on screen (views_tracking.power_example).
    "pw.method.example": {"ko": "예(현재 가정): {who} {gpus}개 × {kw}kW = IT {it}MW, × PUE {pue} = 계량기 {meter}MW, × 평균 부하 {util} = 평균 {avg}MW, × {hours}시간 ÷ 1,000 = 연 {gwh}GWh.",
                          "en": "Example (current assumptions): {who}, {gpus} GPUs × {kw} kW = {it} MW IT; × PUE {pue} = {meter} MW at the meter; × load {util} = {avg} MW average; × {hours} h ÷ 1,000 = {gwh} GWh a year."},
    "pw.method.formulas": {"ko": (
        "- **IT 부하(MW)** = GPU 수 × GPU 1개당 kW ÷ 1,000. GPU 1개당 kW에는 GPU가 나눠 쓰는 CPU·메모리·NVLink 스위치·랙 내부 네트워크 전력이 들어 있습니다.\n"
        "- **계량기 기준(MW)** = IT 부하 × PUE(냉각·전력 변환 등 건물 전체).\n"
        "- **평균 전력(MW)** = 계량기 기준 × 평균 부하.\n"
        "- **연간 전력량(GWh)** = 평균 전력 × 8,760시간 ÷ 1,000."),
        "en": (
        "- **IT load (MW)** = GPUs × kW per GPU ÷ 1,000. The kW per GPU includes the GPU's share of CPUs, memory, NVLink switches and in-rack networking.\n"
        "- **At the meter (MW)** = IT load × PUE (cooling, power conversion, the rest of the building).\n"
        "- **Average power (MW)** = at the meter × average load.\n"
        "- **Energy per year (GWh)** = average power × 8,760 h ÷ 1,000.")},
    "pw.method.limits": {"ko": (
        "- **빠진 것**: 랙 밖의 스토리지·클러스터 네트워크, 사무 공간, 건설, 계량기 앞의 송배전 손실. 기존 GPU를 대체해 줄어드는 전력은 빼지 않았습니다. "
        "설치 장소(한곳인지 여러 곳인지, 국내인지 해외 클라우드 리전인지)는 기사에 없습니다.\n"
        "- **단순화**: 모든 GPU에 1개당 같은 전력을 씁니다. SK텔레콤의 RTX PRO 6000 서버 GPU처럼 전력이 훨씬 작은 GPU도 섞여 있습니다.\n"
        "- 가정과 출처 전체: data/assumptions.md"),
        "en": (
        "- **Left out**: storage and the cluster network outside the racks, offices, construction, grid losses before the meter. GPUs that replace older ones "
        "(freeing some power) are not netted off. Where the GPUs will be installed (one site or many, in Korea or in cloud regions abroad) is not in the articles.\n"
        "- **Simplification**: one power figure per GPU for all of them, though some (e.g. SK Telecom's RTX PRO 6000 server GPUs) draw far less.\n"
        "- Every assumption and its source: data/assumptions.md")},
})
