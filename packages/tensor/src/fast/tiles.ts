import type { GemmShape } from './wat/gemm-wat.js';

/**
 * Register-tile and cache-block sizes of the GEMM kernels, chosen by measurement on a
 * 2-core AVX-512 Xeon (48 KiB L1d, 2 MiB L2 per core). V8's TurboFan leaves 15 xmm
 * registers to wasm code, and its scheduler hoists loads, so a tile with more than ~9–12
 * accumulators spills inside the k loop; A is broadcast by lane shuffles of one vector load.
 */
export function gemmShapes(fma: boolean): { f32: GemmShape; f64: GemmShape } {
  return {
    f32: { type: 'f32', mr: 4, nv: 2, kc: 512, mc: 96, nc: 512, fma, unroll: 1, broadcast: 'shuffle' },
    f64: { type: 'f64', mr: 2, nv: 4, kc: 256, mc: 96, nc: 256, fma, unroll: 1, broadcast: 'shuffle' },
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
