#!/usr/bin/env bash
# Set up everything this project needs on Debian, then render the demo or run the tests.
#   bash setup.sh demo   install what is missing, render the three scenes at low quality into renders/
#   bash setup.sh test   install what is missing, run the test suite
#   bash setup.sh        install only
# Idempotent: a second run installs nothing and starts at once.
set -euo pipefail
cd "$(dirname "$0")"

APT_PACKAGES=(build-essential pkg-config libcairo2-dev libpango1.0-dev fonts-wqy-microhei python3-venv python3-dev chromium)
PYTHON=${PYTHON:-python3}

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing system packages. Run this once as root, then run setup.sh again:"
    echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
  echo "Installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "Python 3.11 or newer is needed; found $("$PYTHON" --version 2>&1). Set PYTHON=/path/to/python3.11." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment .venv"
  "$PYTHON" -m venv .venv
fi
stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "Installing the project and its dependencies into .venv (manim compiles a few parts: about a minute)"
  .venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -m pip install -q -e ".[dev,voice]" 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -c "import manim, dlmath, scenes.cli, pptx, playwright, distributed, piper, espeakng_loader"
  rm -f .venv/.installed-*
  touch "$stamp"
fi

case "${1:-}" in
  demo)
    .venv/bin/lecture render hinge-loss gradient-descent backprop-simple -q low
    echo "Demo rendered into renders/low/ (see renders/README.md)."
    ;;
  test)
    shift
    exec .venv/bin/python -m pytest -n 2 --dist loadgroup "$@"
    ;;
  "") echo "Set up. Try: .venv/bin/lecture list" ;;
  *) echo "usage: bash setup.sh [demo|test]" >&2; exit 2 ;;
esac
