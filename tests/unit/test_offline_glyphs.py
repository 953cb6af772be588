"""No emoji anywhere the app draws text: a separated government PC may have no emoji font, and a ministry's Debian
or locked-down Windows image showed "📝" as an empty box. Icons come from Streamlit's bundled Material Symbols."""
import re
from pathlib import Path

from apecgpu.i18n import TEXT

REPO = Path(__file__).resolve().parents[2]
# Pictographs and the emoji presentation selector; "※", "·", "→" and other text symbols are not in these ranges.
EMOJI = re.compile("[\U0001F000-\U0001FAFF\uFE0F\u2600-\u27BF\u2B00-\u2BFF]")


def test_catalogue_has_no_emoji():
    found = {(key, lang): EMOJI.findall(text) for key, texts in TEXT.items() for lang, text in texts.items()
             if EMOJI.search(text)}
    assert found == {}


def test_code_and_data_have_no_emoji():
    files = [*(REPO / "apecgpu").rglob("*.py"), *(REPO / "app_pages").glob("*.py"), REPO / "dashboard.py",
             *(REPO / "data").glob("*.csv")]
    found = {f"{path.relative_to(REPO)}:{n}": EMOJI.findall(line) for path in files
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if EMOJI.search(line)}
    assert found == {}
