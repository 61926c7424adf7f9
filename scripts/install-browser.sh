#!/usr/bin/env bash
# Install what the UI browser test needs on a fresh Debian machine, as root; safe to run again.
# Debian's chromium (at /usr/bin/chromium) is used by playwright's Python API through executable_path;
# never `playwright install`, which downloads its own browser and cannot reach the internet here.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
[ -x "$PY" ] || PY="$(command -v python3)"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# A CJK font, so screenshots of the Chinese page show characters instead of boxes.
fc-list 2>/dev/null | grep -iE 'wqy|noto.*cjk|droid.*fallback' >/dev/null || missing+=(fonts-wqy-zenhei)

if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-browser: need root to apt-get install ${missing[*]}" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends "${missing[@]}"
fi

if ! "$PY" -c "import playwright" 2>/dev/null; then
    "$PY" -m pip install "playwright>=1.45"
fi

/usr/bin/chromium --version 2>/dev/null
"$PY" -c "from importlib.metadata import version; print('playwright', version('playwright'))"
