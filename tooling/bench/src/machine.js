// What machine the bench ran on, and its peak float32 rate: cores × FMA units × SIMD lanes ×
// 2 flops × clock. The clock is measured (a dependent chain of integer adds retires one add per
// cycle) and cross-checked against what the OS reports; the SIMD rate a WebAssembly kernel can
// reach is also measured directly with a register-only FMA loop.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import wabtInit from 'wabt';

const features = { simd: true, relaxed_simd: true };

async function assemble(wat) {
  const wabt = await wabtInit();
  const m = wabt.parseWat('peak.wat', wat, features);
  m.validate(features);
  return m.toBinary({}).buffer;
}

// 16 dependent i64 adds per iteration: the loop takes 16 cycles an iteration, whatever the
// loop overhead (which runs in parallel on other ports).
const clockWat = `(module (func (export "chain") (param $n i32) (param $x i64) (param $y i64) (result i64)
  (loop $l
    ${'(local.set $x (i64.add (local.get $x) (local.get $y)))\n'.repeat(16)}
    (local.set $n (i32.sub (local.get $n) (i32.const 1)))
    (br_if $l (local.get $n)))
  (local.get $x)))`;

// 10 independent f32x4 FMA chains (enough to hide a 4-cycle latency on 2 ports) per iteration.
const fmaWat = `(module (func (export "fma") (param $n i32) (result f32)
  ${Array.from({ length: 10 }, (_, i) => `(local $a${i} v128)`).join(' ')} (local $m v128)
  (local.set $m (f32x4.splat (f32.const 0.999999)))
  (loop $l
    ${Array.from({ length: 10 }, (_, i) => `(local.set $a${i} (f32x4.relaxed_madd (local.get $a${i}) (local.get $m) (local.get $m)))`).join('\n    ')}
    (local.set $n (i32.sub (local.get $n) (i32.const 1)))
    (br_if $l (local.get $n)))
  (f32x4.extract_lane 0 ${Array.from({ length: 9 }, () => '(f32x4.add').join(' ')} (local.get $a0) ${Array.from({ length: 9 }, (_, i) => `(local.get $a${i + 1}))`).join(' ')})))`;

function best(fn, reps = 25) {
  let t = Infinity;
  for (let i = 0; i < reps; i++) {
    const s = performance.now();
    fn();
    t = Math.min(t, performance.now() - s);
  }
  return t / 1000;
}

function cpuinfoMHz() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('cpu MHz'));
    return line ? Number(line.split(':')[1]) : null;
  } catch {
    return null;
  }
}

function cpuFlags() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('flags'));
    return new Set(line?.split(':')[1]?.trim().split(/\s+/) ?? []);
  } catch {
    return new Set();
  }
}

/** Machine description and peak estimates (GFLOP/s, float32). */
export async function describeMachine() {
  const cpus = os.cpus();
  const cores = os.availableParallelism();
  const flags = cpuFlags();
  const { instance: c } = await WebAssembly.instantiate(await assemble(clockWat));
  const iters = 2e6;
  c.exports.chain(1e5, 0n, 1n);
  const clockHz = (16 * iters) / best(() => c.exports.chain(iters, 0n, BigInt(iters)));
  const { instance: f } = await WebAssembly.instantiate(await assemble(fmaWat));
  f.exports.fma(1e5);
  const fmaIters = 2e6;
  const wasmCoreGflops = (10 * 4 * 2 * fmaIters) / best(() => f.exports.fma(fmaIters)) / 1e9;
  const nativeLanes = flags.has('avx512f') ? 16 : flags.has('avx2') ? 8 : 4;
  const fmaUnits = 2;
  const ghz = clockHz / 1e9;
  return {
    cpu: cpus[0]?.model ?? 'unknown', cores, osMHz: cpus[0]?.speed || cpuinfoMHz(), measuredGHz: Number(ghz.toFixed(2)),
    simd: flags.has('avx512f') ? 'AVX-512' : flags.has('avx2') ? 'AVX2' : 'SSE', fma: flags.has('fma'),
    node: process.version, platform: `${os.platform()} ${os.release()}`, memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    peak: {
      how: `${cores} cores × ${fmaUnits} FMA units × lanes × 2 flops × ${ghz.toFixed(2)} GHz (clock measured by a dependent add chain)`,
      wasmSimd128: Number((cores * fmaUnits * 4 * 2 * ghz).toFixed(1)),
      native: Number((cores * fmaUnits * nativeLanes * 2 * ghz).toFixed(1)),
      nativeLanes,
      measuredWasmFmaAllCores: Number((wasmCoreGflops * cores).toFixed(1)),
    },
  };
}
