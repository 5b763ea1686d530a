import { gemmShapes } from '../tiles.js';
import { elementwiseWat } from './elementwise-wat.js';
import { gemmWat } from './gemm-wat.js';

/**
 * The whole module as WebAssembly text: shared memory imported from `env.memory`, the
 * GEMMs for both element types (with relaxed-SIMD FMA or with mul+add) and every
 * elementwise and reduction kernel.
 */
export function moduleWat(fma: boolean): string {
  const shapes = gemmShapes(fma);
  return `(module
  (import "env" "memory" (memory 1 65536 shared))
${gemmWat('f32', shapes.f32)}
${gemmWat('f64', shapes.f64)}
${elementwiseWat('f32')}
${elementwiseWat('f64')}
)`;
}
