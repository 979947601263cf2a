#!/usr/bin/env bash
# Installs everything reportgen needs on a fresh Debian/Ubuntu machine, into a virtual environment:
# current Debian and Ubuntu refuse pip in the system Python (PEP 668, "externally managed").
#
# 1. System packages, with apt-get, only those missing (root or sudo is needed for this step only):
#    fonts-liberation2 (a Times-compatible serif for the documents), libharfbuzz-subset0 (fast font
#    subsetting in PDF), libpango-1.0-0 and libpangoft2-1.0-0 (WeasyPrint's text layout),
#    poppler-utils (pdftoppm/pdftotext to look at PDF pages), libreoffice-writer-nogui (reads .doc,
#    .odt and .rtf sources, makes the PDF of Word templates; the tests also open the DOCX files
#    with it), chromium (the review app's browser tests), python3-venv when the Python has no
#    ensurepip.
# 2. The virtual environment: the active one ($VIRTUAL_ENV) if there is one, else .venv in the
#    project folder, created when missing. .venv then always names it, so the README's commands
#    (.venv/bin/reportgen, .venv/bin/python -m pytest) work either way.
# 3. reportgen itself, editable, with its test extras, into that environment.
#
# Running it again installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}

packages=(fonts-liberation2 libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 poppler-utils
          libreoffice-writer-nogui chromium)
"$python" -c 'import ensurepip' >/dev/null 2>&1 || packages+=(python3-venv)
if command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "Cài các gói hệ thống: ${missing[*]}"
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "Không có apt-get: hãy tự cài ${packages[*]} (hoặc các gói tương đương)" >&2
fi

if [ -n "${VIRTUAL_ENV:-}" ] && [ -x "$VIRTUAL_ENV/bin/python" ]; then
  venv=$VIRTUAL_ENV
  if [ ! -e .venv ]; then
    ln -s "$venv" .venv
  elif [ "$(cd .venv && pwd -P)" != "$(cd "$venv" && pwd -P)" ]; then
    echo "Dùng môi trường ảo đang bật $venv (.venv là một môi trường khác)" >&2
  fi
else
  venv=.venv
  if [ ! -x .venv/bin/python ]; then
    echo "Tạo môi trường ảo .venv"
    "$python" -m venv .venv
  fi
fi

echo "Cài reportgen vào $venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check -e '.[test]'
echo "Xong: $venv/bin/reportgen build (hoặc source $venv/bin/activate)"
