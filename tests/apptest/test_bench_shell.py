"""The benchmark's frame app (bench/shell_app.py) draws the bare page inside exactly the parts of the dashboard's
frame it is asked for, so that bench_floor's frame rows measure what they say."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from apecgpu.i18n import t

SHELL = str(Path(__file__).resolve().parents[2] / "bench" / "shell_app.py")


@pytest.mark.parametrize(("part", "footer", "kit"), [("controls", False, False), ("footer", True, False),
                                                      ("kit", False, True), ("all", True, True)])
def test_shell_draws_the_parts_asked_for_around_the_bare_page(part, footer, kit):
    at = AppTest.from_file(SHELL, default_timeout=60)
    at.query_params.update({"shell": part, "lang": "ko"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox[0].label == "series"  # the bare page
    assert at.multiselect[0].label == t("ctl.sector", "ko")  # the dashboard's sidebar controls
    captions = " ".join(c.value for c in at.caption)
    assert (t("footer.sources", "ko") in captions) is footer
    kit_buttons = [b for b in at.get("download_button") if b.proto.id and "kit-" in b.proto.id]
    assert bool(kit_buttons) is kit
