#!/usr/bin/env bash
# Installs everything reportgen needs on a fresh Debian/Ubuntu machine: the system packages
# WeasyPrint and the tests use (fonts, HarfBuzz subsetting, Pango, poppler-utils; Chromium for the
# review-page browser test; LibreOffice Writer to check that the DOCX files open), then reportgen
# itself with its test extras (editable).
set -euo pipefail
cd "$(dirname "$0")/.."
packages=(fonts-liberation2 libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 poppler-utils
          chromium libreoffice-writer-nogui)
if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
python3 -m pip install -q --disable-pip-version-check -e '.[test]'
