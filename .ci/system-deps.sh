#!/usr/bin/env bash
# Debian packages for the optional second GL path (.ci/gl-tests.sh): Debian's chromium and
# Mesa's EGL/llvmpipe. `pnpm test` itself needs none of them: its browser tests use the
# Chromium inside the @sparticuz/chromium npm package. Idempotent: skips what is installed.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
for pkg in libgl1-mesa-dri libegl-mesa0; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "system-deps: need root to apt-get install ${need[*]}" >&2; exit 1; fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
