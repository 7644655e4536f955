#!/bin/sh
# Installs Debian's chromium and chromium-driver, which the sink's live-page browser test drives,
# when they are missing: `./mvnw verify` on a fresh machine then needs nothing else. It never fails
# the build itself: without root or a package mirror it says what to install, and the test fails
# with the same advice.
# Usage: ensure-chromium.sh <skipTests> <skipITs>
[ "$1" = "true" ] && exit 0
[ "$2" = "true" ] && exit 0
CHROMIUM=/usr/bin/chromium
DRIVER=/usr/bin/chromedriver
[ -x "$CHROMIUM" ] && [ -x "$DRIVER" ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "newswatch: the live-page browser test needs Chromium and ChromeDriver at $CHROMIUM and $DRIVER" >&2
  exit 0
fi
if [ "$(id -u)" = "0" ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO="sudo -n"
else
  echo "newswatch: the live-page browser test needs Chromium: sudo apt-get install -y chromium chromium-driver" >&2
  exit 0
fi
echo "newswatch: installing Debian's chromium and chromium-driver for the live-page browser test" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1
$SUDO apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 \
  || echo "newswatch: could not install chromium chromium-driver with apt-get; install them by hand" >&2
exit 0
