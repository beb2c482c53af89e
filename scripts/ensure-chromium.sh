#!/usr/bin/env bash
# Headless Chromium for the browser tests, from Debian's packages (the browser builds that test
# tools download are out of reach here). Does nothing when it is already installed.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then exit 0; fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium > /dev/null
"$chromium" --version
