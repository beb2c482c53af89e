#!/usr/bin/env bash
# redis-server for the tests of the shared stores, from Debian's packages. The tests start their
# own servers (127.0.0.1, a free port, a temporary folder); the package's own service is left
# stopped. Does nothing when redis-server is already installed.
set -euo pipefail
if command -v redis-server > /dev/null; then exit 0; fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
$sudo apt-get update -qq
# policy-rc.d keeps apt from starting the packaged service on port 6379.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d > /dev/null
  $sudo chmod +x /usr/sbin/policy-rc.d
  trap '$sudo rm -f /usr/sbin/policy-rc.d' EXIT
fi
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server > /dev/null
redis-server --version
