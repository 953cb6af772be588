#!/usr/bin/env bash
# Start the dashboard locally: sets up .venv from requirements.txt, then runs Streamlit.
# Usage: scripts/run-dashboard.sh          (PORT=8502 scripts/run-dashboard.sh for another port)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# --- venv setup (same block in run-tests.sh) ---
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

exec .venv/bin/streamlit run dashboard.py --server.port "${PORT:-8501}"
