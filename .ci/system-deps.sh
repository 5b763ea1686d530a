#!/usr/bin/env bash
# Debian packages the test suites need. Idempotent: skips what is already installed.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
# Mesa's llvmpipe for the WebGL2 path (Chromium with --use-angle=gl-egl; see .ci/gl-tests.sh).
for pkg in libgl1-mesa-dri libegl-mesa0; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "system-deps: need root to apt-get install ${need[*]}" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
