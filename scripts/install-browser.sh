#!/usr/bin/env bash
# Install Debian's Chromium and ChromeDriver for the browser test (tests/test_ui.py); Playwright itself
# comes with the [dev] extra (its own browser download is never used). Needs root for apt-get; without it, or without apt-get, it says so and
# exits 1 (scripts/test.sh tolerates that and the browser test skips with the reason).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "install-browser: need root and apt-get to install chromium; skipping" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
