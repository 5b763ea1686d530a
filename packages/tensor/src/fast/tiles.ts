import type { GemmShape } from './wat/gemm-wat.js';

/**
 * Register-tile and cache-block sizes of the GEMM kernels, chosen by measurement on a
 * 2-core AVX-512 Xeon (48 KiB L1d, 2 MiB L2 per core). V8's TurboFan leaves 15 xmm
 * registers to wasm code and its scheduler hoists a step's loads above its multiply-adds, so
 * a 3×3-vector tile (9 accumulators, 3 B vectors, 3 broadcasts of A) is the largest that
 * stays in registers: 36–38 GFLOP/s per core in float32 (~80% of the 128-bit FMA peak), where
 * 4×2 reached 31–34 and 6×2 spilled (21). Unrolling the k loop also made it spill.
 */
export function gemmShapes(fma: boolean): { f32: GemmShape; f64: GemmShape } {
  return {
    f32: { type: 'f32', mr: 3, nv: 3, kc: 384, mc: 72, nc: 512, fma, unroll: 1, broadcast: 'load' },
    f64: { type: 'f64', mr: 3, nv: 3, kc: 384, mc: 72, nc: 512, fma, unroll: 1, broadcast: 'load' },
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
