import { gemmShapes } from '../tiles.js';
import { elementwiseWat } from './elementwise-wat.js';
import { gemmWat } from './gemm-wat.js';
import { updateWat } from './update-wat.js';

/**
 * The whole module as WebAssembly text: memory imported from `env.memory` (shared with the
 * worker threads, or a private heap for pages without cross-origin isolation), the GEMMs
 * for both element types (with relaxed-SIMD FMA or with mul+add) and every elementwise and
 * reduction kernel. `scripts/build-kernels.mjs` assembles all four variants at build time.
 */
export function moduleWat(fma: boolean, shared: boolean): string {
  const shapes = gemmShapes(fma);
  return `(module
  (import "env" "memory" (memory 1 65536${shared ? ' shared' : ''}))
${gemmWat('f32', shapes.f32)}
${gemmWat('f64', shapes.f64)}
${elementwiseWat('f32')}
${elementwiseWat('f64')}
${updateWat('f32')}
${updateWat('f64')}
)`;
}
