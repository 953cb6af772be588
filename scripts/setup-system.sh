#!/usr/bin/env bash
# Install the Debian packages the tests need when they are missing (idempotent; used by run-tests.sh and .ci/run).
# chromium: browser tests and image export; fonts-noto-cjk: Korean glyphs in the browser, PNG and PDF output;
# nginx: the multi-replica deployment test; nodejs/npm: axe-core for the accessibility tests.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    SUDO=(sudo -n)
fi

PACKAGES=(chromium fonts-noto-cjk nginx)
missing=()
for pkg in "${PACKAGES[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
command -v npm >/dev/null 2>&1 || missing+=(npm)
# Debian's python3 lacks ensurepip without python3-venv; try a real venv to find out.
venv_probe="$(mktemp -d)"
python3 -m venv "$venv_probe/v" >/dev/null 2>&1 || missing+=(python3-venv)
rm -rf "$venv_probe"

if [ "${#missing[@]}" -gt 0 ]; then
    echo "Installing missing system packages: ${missing[*]}"
    "${SUDO[@]}" apt-get update </dev/null
    "${SUDO[@]}" apt-get install -y "${missing[@]}" </dev/null
fi
if [ ! -x /usr/bin/chromium ]; then
    echo "ERROR: /usr/bin/chromium still missing after install." >&2
    exit 1
fi
