#!/usr/bin/env bash
# Packs @dropout/tensor and @dropout/gradcheck, installs the tarballs with npm into a scratch
# project outside the workspace, and runs a matMul and a gradient check against them.
set -euo pipefail
root=$(pwd)
scratch=$(mktemp -d /tmp/dropout-consume.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
for pkg in tensor gradcheck; do
  (cd "packages/$pkg" && pnpm pack --pack-destination "$scratch" >/dev/null)
done
cd "$scratch"
npm init -y >/dev/null
npm pkg set type=module
npm install --no-audit --no-fund ./dropout-tensor-*.tgz ./dropout-gradcheck-*.tgz >/dev/null
cat > check.mjs <<'JS'
import { fromArray, getBackend, matMul, sum, mul } from '@dropout/tensor';
import { evalNumericalGradient, relError } from '@dropout/gradcheck';
const cpu = getBackend('cpu64');
const a = fromArray([1, 2, 3, 4, 5, 6], [2, 3], cpu);
const b = fromArray([7, 8, 9, 10, 11, 12], [3, 2], cpu);
const c = Array.from(matMul(a, b).read());
if (JSON.stringify(c) !== JSON.stringify([58, 64, 139, 154])) throw new Error(`matMul gave ${c}`);
const x = fromArray([0.5, -1.5, 2], [3], cpu);
const num = evalNumericalGradient((xx) => sum(mul(xx, xx)).item(), x);
const err = relError(num, [1, -3, 4]);
if (!(err < 1e-9)) throw new Error(`gradient check relative error ${err}`);
console.log(`consume: matMul ${JSON.stringify(c)}; gradient check relative error ${err.toExponential(2)}`);
JS
node check.mjs
