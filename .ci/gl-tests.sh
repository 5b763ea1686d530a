#!/usr/bin/env bash
# The second GL path. `pnpm test` already runs the production test page (tooling/browser-tests)
# in the Chromium from the @sparticuz/chromium npm package, where WebGL2 and WebGPU run on
# SwiftShader. Here the same page runs its gpujs:webgl2 case again in Debian's chromium on Mesa
# llvmpipe (--use-angle=gl-egl --ignore-gpu-blocklist, no X server; from .ci/system-deps.sh):
# a different GL driver under the same shaders. Results land in
# tooling/browser-tests/.test-results/browser-pages-mesa.json.
set -euo pipefail
cd "$(dirname "$0")/.."
DROPOUT_CHROMIUM_GL=mesa DROPOUT_BROWSER_RUNS=gpujs:webgl2 \
  pnpm --filter @dropout/browser-tests exec vitest run --reporter=default
