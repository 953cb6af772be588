"""The one text catalogue: every user-facing string in Korean and English, looked up by key."""
from __future__ import annotations

DEFAULT_LANG = "ko"
LANGS = ("ko", "en")

TEXT: dict[str, dict[str, str]] = {
    # app chrome
    "app.title": {"ko": "엔비디아–한국 AI 인프라 협력 대시보드", "en": "NVIDIA–Korea AI Infrastructure Dashboard"},
    "app.subtitle": {"ko": "2025 APEC 경주 정상회의(10월 30–31일) 발표 내용, 기사 5건 기준",
                     "en": "Announcements at APEC 2025, Gyeongju (30–31 Oct), from five news articles"},
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
    "url.unknown_lang": {"ko": "링크의 언어 값({value})을 알 수 없어 한국어로 표시합니다.",
                         "en": "Unknown language in the link ({value}); showing Korean."},
    # footer
    "footer.sources": {"ko": "출처", "en": "Sources"},
    "footer.version": {"ko": "데이터 버전 {version}", "en": "Data version {version}"},
    "footer.licence": {"ko": "기사 인용은 보도 내용 그대로이며, 수치는 기사별로 기록했습니다. 계산값은 '계산'으로 표시합니다.",
                       "en": "Figures are recorded per article as reported; computed values are marked 'computed'."},
    "footer.asof": {"ko": "기준: 기사 게재 시점(2025-10-31 ~ 2025-11-01)", "en": "As of the articles (31 Oct – 1 Nov 2025)"},
    # common
    "common.source_line": {"ko": "출처: {sources} · 데이터 버전 {version}", "en": "Source: {sources} · data version {version}"},
    "common.table": {"ko": "데이터 표 보기", "en": "Show the data as a table"},
    "common.alt": {"ko": "차트 설명", "en": "Chart description"},
    "common.computed": {"ko": "계산", "en": "computed"},
    "common.stated": {"ko": "기사 표기", "en": "as stated"},
    "common.disputed": {"ko": "기사마다 다름", "en": "sources differ"},
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
    "tl.hollow": {"ko": "속이 빈 점: 기사에 날짜가 없어 발표일(10월 31일)에 놓은 항목. 가로 위치의 시각은 오전·오후 구분만 반영합니다.",
                  "en": "Hollow markers: no date in the article, placed on the announcement day (31 Oct). Horizontal position reflects only morning/afternoon where known."},
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
    "ov.title": {"ko": "개요: 엔비디아 GPU {total}, 어디로 가나", "en": "Overview: where the {total} NVIDIA GPUs go"},
    "ov.kpi.total": {"ko": "GPU 공급 총량", "en": "GPUs announced"},
    "ov.kpi.total.filtered": {"ko": "선택 분야의 GPU", "en": "GPUs in selected sectors"},
    "ov.kpi.recipients": {"ko": "배분처", "en": "Recipients"},
    "ov.kpi.base": {"ko": "국내 AI GPU 보유량(발표 후)", "en": "Installed AI GPUs in Korea (after)"},
    "ov.kpi.base.delta": {"ko": "발표 전 {before}", "en": "from {before} before"},
    "ov.kpi.investment": {"ko": "현대차그룹 피지컬 AI 투자", "en": "Hyundai physical-AI investment"},
    "ov.kpi.events": {"ko": "발표·협약·행사", "en": "Events and agreements"},
    "ov.kpi.recipients.value": {"ko": "{n}곳", "en": "{n}"},
    "ov.kpi.events.value": {"ko": "{n}건", "en": "{n}"},
    "ov.takeaways": {"ko": "핵심 내용", "en": "Key takeaways"},
    "ov.take.split": {"ko": "{top_ga} {top_n}로 가장 많고, 이어서 {rest}입니다(기사 다수 기준).",
                      "en": "{top} gets the most, {top_n}; then {rest} (majority of articles)."},
    "ov.take.split.group": {"ko": "{names} 각 {each}", "en": "{names} {each} each"},
    "ov.take.base": {"ko": "국내 AI GPU는 약 {before} 개에서 기사 표기로 '{after}', 발표 수량을 더한 계산값으로 {computed} 개가 됩니다.",
                     "en": "Korea's AI GPUs go from about {before} to '{after}' as stated, or {computed} computed by adding the announced GPUs."},
    "ov.take.disputes": {"ko": "기사 간 표기가 다른 수치가 {n}개 있습니다. 예: 현대차그룹 GPU를 한 기사는 {low}개, 다른 기사들은 {high}개로 적었습니다.",
                         "en": "{n} figures are stated differently across articles, e.g. one article gives Hyundai {low} GPUs where the others give {high}."},
    "ov.take.events": {"ko": "10월 30–31일 {n}건의 브리핑·연설·협약이 있었고, 그중 MoU·협약이 {agreements}건입니다.",
                       "en": "{n} briefings, speeches and agreements on 30–31 Oct, of which {agreements} were MoUs or agreements."},
    "ov.chart.title": {"ko": "배분처별 GPU: {top_ga} {top_n}로 최대", "en": "GPUs by recipient: {top} largest at {top_n}"},
    # split
    "split.title": {"ko": "GPU 배분: 누가 얼마나 받나", "en": "GPU split: who gets how many"},
    "split.org.title": {"ko": "배분처별 GPU: {top_ga} {top_n}로 최대, 합계 {total}",
                        "en": "GPUs by recipient: {top} largest at {top_n}, {total} in all"},
    "split.share.title": {"ko": "전체 대비 비중: {top_ga} {share}", "en": "Share of the total: {top} has {share}"},
    "split.sector.title": {"ko": "분야별 GPU(주 분야 기준): {top_ga} {top_n}", "en": "GPUs by primary sector: {top} at {top_n}"},
    "split.claims.title": {"ko": "기사별 표기: 같은 수치도 한정어가 다릅니다", "en": "As each article states it: same numbers, different qualifiers"},
    "split.claims.caption": {"ko": "칸마다 기사가 적은 그대로의 한정어와 수치입니다. 빈칸은 해당 기사가 언급하지 않은 경우입니다.",
                             "en": "Each cell is the figure with the qualifier the article used; blank where the article is silent."},
    "split.axis.recipient": {"ko": "배분처", "en": "Recipient"},
    # installed base
    "base.title": {"ko": "국내 AI GPU 보유량: 발표 전과 후", "en": "Korea's installed AI GPUs: before and after"},
    "base.compare.title": {"ko": "보유량이 약 {before}에서 {after_stated}(기사) / {after_computed}(계산)로",
                           "en": "From about {before} to {after_stated} (stated) / {after_computed} (computed)"},
    "base.waterfall.title": {"ko": "배분처별 증가분: 기존 {before} + 발표 {added} = {computed}(계산)",
                             "en": "Additions by recipient: {before} existing + {added} announced = {computed} (computed)"},
    "base.bar.before": {"ko": "발표 전(기사)", "en": "Before (stated)"},
    "base.bar.after_stated": {"ko": "발표 후(기사 표기)", "en": "After (as stated)"},
    "base.bar.after_computed": {"ko": "발표 후(계산: 전 + 배분)", "en": "After (computed: before + allocations)"},
    "base.waterfall.before": {"ko": "기존 보유량", "en": "Existing base"},
    "base.waterfall.total": {"ko": "합계(계산)", "en": "Total (computed)"},
    "base.stated_line": {"ko": "기사 표기: {v}", "en": "Stated: {v}"},
    "base.method": {"ko": "계산값 = 발표 전 보유량(약 {before}, {src}) + 화면에 표시된 배분량 합계({added}). 기사 표기 '{after}'와 함께 보여 줍니다.",
                    "en": "Computed = installed base before (about {before}, {src}) + the allocations shown ({added}). Shown beside the stated '{after}'."},
    "base.filtered_note": {"ko": "분야 필터가 적용되어 계산값은 선택 분야의 배분만 더했습니다.",
                           "en": "A sector filter is on: the computed value adds only the allocations in the selected sectors."},
    # timeline
    "tl.title": {"ko": "일정·협약: 10월 30일 ~ 11월 1일", "en": "Timeline: 30 Oct – 1 Nov 2025"},
    "tl.chart.title": {"ko": "{n}건의 발표·협약: 대부분 10월 31일 경주에서", "en": "{n} events and agreements, most on 31 Oct in Gyeongju"},
    "tl.detail": {"ko": "항목 자세히 보기", "en": "Event details"},
    "tl.axis.date": {"ko": "날짜(KST)", "en": "Date (KST)"},
    "tl.axis.kind": {"ko": "유형", "en": "Kind"},
    # sources
    "src.title": {"ko": "출처·방법", "en": "Sources & method"},
    "src.articles": {"ko": "기사 5건", "en": "The five articles"},
    "src.disagreements": {"ko": "기사 간 차이", "en": "Where the articles differ"},
    "src.disagreements.caption": {"ko": "같은 수치를 기사마다 다르게 적은 경우를 모두 기록했습니다. 대표값은 가장 많은 기사가 적은 값이며, 다른 값도 버리지 않습니다.",
                                  "en": "Every figure the articles state differently is recorded. The headline value is the one most articles give; the others are kept."},
    "src.claims.title": {"ko": "기사별 GPU 수치: 현대차그룹 5,000 vs 50,000 등", "en": "GPU figures by article: Hyundai 5,000 vs 50,000 and more"},
    "src.method": {"ko": "계산 방법", "en": "How derived figures are computed"},
    "src.method.body": {"ko": (
        "- **대표값**: 같은 수치에 대한 기사별 표기 중 가장 많은 기사가 적은 값(동수면 큰 값). 한정어는 그 값에 가장 많이 붙은 것.\n"
        "- **배분 합계**: 화면에 보이는 배분처의 대표값 합.\n"
        "- **발표 후 보유량(계산)**: 발표 전 보유량(기사) + 배분 합계. 기사 표기('30만 개 이상')와 나란히 표시.\n"
        "- **분야별 합계**: 각 배분의 주 분야(primary sector)로 묶어 합계가 전체와 같도록 함.\n"
        "- **분야 필터**: 항목의 분야 목록 중 하나라도 선택 분야에 있으면 표시.\n"
        "- **데이터 버전**: data/ 폴더 CSV 파일 내용의 해시 앞 8자리."),
        "en": (
        "- **Headline value**: of the articles' versions of a figure, the value most articles give (ties: the larger); "
        "its qualifier is the one most often attached to that value.\n"
        "- **Allocation total**: the sum of the headline values of the recipients shown.\n"
        "- **Installed base after (computed)**: installed base before (stated) + the allocation total, shown beside "
        "the stated 'over 300,000'.\n"
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
    return text.format(**values) if values else text


def kind_label(kind: str, lang: str) -> str:
    return t(f"kind.{kind}", lang)


def josa(word: str, pair: str) -> str:
    """Attach the Korean particle that fits the word's last sound: josa('SK그룹', '이/가') -> 'SK그룹이'."""
    with_final, without_final = pair.split("/")
    last = word.rstrip(")）")[-1:] if word else ""
    if "가" <= last <= "힣":
        has_final = (ord(last) - 0xAC00) % 28 != 0
    else:
        # Latin letters and digits read aloud: these end in a consonant sound (L, M, N, R; 0, 1, 3, 6, 7, 8).
        has_final = last.upper() in "LMNR013678"
    return word + (with_final if has_final else without_final)
