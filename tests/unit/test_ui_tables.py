"""ui's table rules: which columns may break anywhere (long runs without a space, such as file names)."""
import datetime as dt

import pandas as pd

from apecgpu import fmt, ui


def test_only_columns_with_a_run_longer_than_long_token_may_break_anywhere():
    long_run = "f" * (ui.LONG_TOKEN + 1)
    df = pd.DataFrame({
        "file": [long_run, None],
        "headline": ["엔비디아·한국 정부·대기업, 26만 개 GPU로 인공지능 인프라 구축", "short"],
        # longer than LONG_TOKEN without a space, but a line may break after each "·"
        "purpose": ["주요 클라우드 사업자(NHN클라우드·카카오·네이버클라우드) 배치", None],
        "at_the_limit": ["x" * ui.LONG_TOKEN, ""],
        "gpus": [50_000, 60_000],
    })
    assert ui._long_token_columns(df) == ["file"]


def test_columns_holding_dates_get_a_date_wide_minimum():
    df = pd.DataFrame({
        "date": ["2025-10-31 (date inferred)", "—"],
        "plain_date": ["2025-11-01", None],
        "title": ["MoU 2025-10-31 signed", "x"],  # a date inside text is not a date column
        "year": [2026, 2027],
        "day_ko": [fmt.day(dt.date(2025, 10, 31), "ko"), "—"],
        "day_en": [fmt.day(dt.date(2025, 10, 31), "en") + " pm", "—"],
    })
    assert ui._date_columns(df) == ["date", "plain_date", "day_ko", "day_en"]


def test_columns_of_sentences_are_marked_for_a_phrase_wide_minimum_on_a_phone():
    df = pd.DataFrame({
        "recipient": ["네이버클라우드", "SK Group"],  # names: the plain minimum is enough
        "purpose": ["독자 AI 파운데이션 모델 개발 사업", None],
        "at_the_limit": ["x" * ui.PROSE_CHARS, ""],
        "gpus": [50_000, 60_000],
    })
    assert ui._prose_columns(df) == ["purpose"]
