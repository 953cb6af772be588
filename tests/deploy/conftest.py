"""Deployment tests reuse the browser harness (tests/browser/conftest.py): the same Debian Chromium fixture.

Loaded under its own module name: a conftest outside a package is imported by pytest as `conftest`, so a plain
import would collide with this file. Only the fixture is taken over; the harness's hooks stay where they are.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

_HARNESS_PATH = Path(__file__).resolve().parents[1] / "browser" / "conftest.py"
_spec = importlib.util.spec_from_file_location("browser_harness", _HARNESS_PATH)
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)

browser = harness.browser  # session-scoped headless Chromium (fails, never skips, when it is missing)
