#!/bin/sh
# Installs the npm packages of a test folder (package.json + package-lock.json, with `npm ci`) into a
# copy under target/, for integration tests that run Node.js clients, e.g. the cli's ConfluentClientsIT.
# It reinstalls only when the lock file changed, and never fails the build itself: without node or npm
# (or the registry) it says so, and the test that needs the packages fails with the same advice.
# Usage: ensure-npm-packages.sh <source folder> <target folder> <skipTests> <skipITs>
SRC="$1"
DEST="$2"
[ "$3" = "true" ] && exit 0
[ "$4" = "true" ] && exit 0
mkdir -p "$DEST"
cp "$SRC"/* "$DEST"/
if ! command -v npm >/dev/null 2>&1; then
  echo "newswatch: npm is missing; the tests in $SRC need Node.js 20+ and npm (apt-get install -y nodejs npm)" >&2
  exit 0
fi
if [ -f "$DEST/node_modules/.installed-lock.json" ] && cmp -s "$DEST/package-lock.json" "$DEST/node_modules/.installed-lock.json"; then
  exit 0
fi
echo "newswatch: installing the npm packages of $SRC (npm ci)" >&2
if (cd "$DEST" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error >/dev/null); then
  cp "$DEST/package-lock.json" "$DEST/node_modules/.installed-lock.json"
else
  echo "newswatch: npm ci failed in $DEST; run it there by hand to see why" >&2
fi
exit 0
