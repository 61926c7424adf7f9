#!/usr/bin/env bash
# Install what the PDF tests need on a fresh Debian machine, as root; safe to run again:
# Debian's Noto CJK fonts (fonts-noto-cjk), which scripts/make_formats.py renders the test PDFs with,
# and the Pango libraries WeasyPrint draws text with.
set -euo pipefail

missing=()
fc-list 2>/dev/null | grep -i 'Noto Serif CJK SC' >/dev/null || missing+=(fonts-noto-cjk)
for lib in libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0; do
    ldconfig -p | grep "$lib" >/dev/null || { missing+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0); break; }
done

if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "install-fonts: need root to apt-get install ${missing[*]}" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends "${missing[@]}" fontconfig
fi
fc-list | grep -c 'Noto Serif CJK SC' | sed 's/^/Noto Serif CJK SC faces: /'
