#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian machine: system packages (Tesseract with the Vietnamese and
# orientation models, English for numbers, poppler, Vietnamese-complete fonts for the sample generator),
# then a virtual environment in .venv with sohoa and its pinned dependencies. Safe to run any number of times.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd poppler-utils ghostscript
  fonts-liberation2 fonts-freefont-ttf fonts-texgyre fonts-noto-core fonts-dejavu-core hunspell-vi
)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  echo "setup: installing Debian packages: ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python=${PYTHON:-}
if [ -z "$python" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      python=$candidate; break
    fi
  done
fi
[ -n "$python" ] || { echo "setup: Python 3.11 is required (set PYTHON=/path/to/python3.11)" >&2; exit 1; }

[ -x .venv/bin/python ] || "$python" -m venv .venv
stamp=.venv/.sohoa-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ constraints.txt -nt "$stamp" ]; then
  echo "setup: installing the Python package and its dependencies into .venv" >&2
  # constraints.txt: the versions last tested, within pyproject.toml's ranges
  .venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt -e ".[test]" \
    2> >(grep -v "is ignored: it is neither" >&2)
  touch "$stamp"
fi
