import type { GemmShape } from './wat/gemm-wat.js';

/** Products of fewer flops (2·M·N·K) than this run on one thread: waking the others would cost more. */
export const GEMM_SHARED_MIN_FLOPS = 1 << 22;

/**
 * Register-tile and cache-block sizes of the GEMM kernels, chosen by measurement. The tile is
 * 6 rows × 2 vectors: 12 accumulators, 2 B vectors and 1 broadcast of A fill the 15 xmm
 * registers V8's TurboFan leaves to wasm code, with no spill (checked in its
 * --print-wasm-code output). Twelve independent multiply-add chains are what keeps two FMA
 * units busy when an FMA takes more than 4 cycles: on a 2-core AVX-512 Xeon (48 KiB L1d, 2 MiB
 * L2 per core) float32 went from 50–53 GFLOP/s per core with the former 3×3 tile (9 chains:
 * latency-bound) to 57–60 (~90% of the 128-bit FMA peak), float64 from 48–52 to 54–59; without
 * FMA (mul + add) both tiles give 40–44. Unrolling the k loop spills (TurboFan hoists every
 * load of the unrolled steps), and a 4×3 or 3×4 tile (16 registers) does too. kc, mc and nc
 * moved the speed by less than the noise between 256 and 512, 36 and 144, 256 and 512.
 */
export function gemmShapes(fma: boolean): { f32: GemmShape; f64: GemmShape } {
  return {
    f32: { type: 'f32', mr: 6, nv: 2, kc: 384, mc: 72, nc: 512, fma, unroll: 1, broadcast: 'load' },
    f64: { type: 'f64', mr: 6, nv: 2, kc: 384, mc: 72, nc: 512, fma, unroll: 1, broadcast: 'load' },
  };
}

/** Bytes of packing scratch one thread needs for `shape`. */
export function gemmWorkBytes(s: GemmShape): number {
  const es = s.type === 'f32' ? 4 : 8;
  const nr = s.nv * (16 / es);
  return (Math.ceil(s.mc / s.mr) * s.mr * s.kc + s.kc * Math.ceil(s.nc / nr) * nr + s.mr * nr) * es;
}

/** Scratch bytes one thread needs for either GEMM. */
export function workBytes(fma: boolean): number {
  const shapes = gemmShapes(fma);
  return Math.max(gemmWorkBytes(shapes.f32), gemmWorkBytes(shapes.f64));
}
