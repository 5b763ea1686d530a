#!/usr/bin/env bash
# GL path (issue 7): the tensor and layer suites through gpu.js's WebGL2 backend, in headless
# Chromium on Mesa llvmpipe (--use-angle=gl-egl --ignore-gpu-blocklist; no X server needed),
# then the gpujs suites (which read with readAsync) through gpu.js's WebGPU backend on
# Chromium's SwiftShader adapter (--enable-unsafe-webgpu). Chromium comes from
# .ci/system-deps.sh. The runner bundles the suites with rolldown, serves them from 127.0.0.1,
# asserts that the backend that ran is the one asked for and prints pass/fail counts; results
# land in packages/tensor/.test-results/{gl,webgpu}.json.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
node packages/tensor/gl/run-gl-tests.mjs --backends gpujs:webgl2 || status=1
node packages/tensor/gl/run-gl-tests.mjs --backends gpujs:webgpu --suites gpujs --out packages/tensor/.test-results/webgpu.json || status=1
exit $status
