#!/usr/bin/env bash
# Run the whole test suite (unit, AppTest and browser tests); extra args go to pytest.
# Usage: scripts/run-tests.sh [pytest args...]   e.g. scripts/run-tests.sh tests/browser -x
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Debian packages (Chromium, Korean fonts, nginx, npm) when missing: a fresh machine needs nothing by hand.
bash scripts/setup-system.sh

# --- venv setup (same block in run-dashboard.sh) ---
# Reinstall only when requirements.txt changed since the last install (hash stamp in .venv),
# so repeated runs are fast and idempotent.
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
STAMP=.venv/.requirements.sha256
WANT="$(sha256sum requirements.txt | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
    echo "$WANT" > "$STAMP"
fi

# Browser tests (marker `browser`) need Debian's Chromium; Playwright's own browser
# download does not work on these machines.
CHROMIUM=/usr/bin/chromium
if [ ! -x "$CHROMIUM" ]; then
    if [ -n "${CI:-}" ]; then
        # In CI the browser tests must run, never skip: a missing browser is a broken setup.
        echo "ERROR: $CHROMIUM not found but CI is set; browser tests must run in CI." >&2
        echo "       Install it with: apt-get install -y chromium  (bash .ci/run does this)" >&2
        exit 1
    fi
    echo "WARNING: $CHROMIUM not found; browser tests will fail. Install: apt-get install -y chromium" >&2
fi

# Not exec'd so the script owns the exit; the exit code is pytest's.
rc=0
.venv/bin/python -m pytest -q "$@" || rc=$?
exit "$rc"
