import { broadcastStrides } from '../ops/validate.js';
import { formatShape, type Shape } from '../tensor.js';

/** Output and operand strides collapsed to three axes, as the broadcast kernel's constants. */
export interface Broadcast3 {
  d0: number; d1: number; d2: number;
  a0: number; a1: number; a2: number;
  b0: number; b1: number; b2: number;
}

/**
 * Merges adjacent axes that both operands walk contiguously (or both broadcast), drops
 * size-1 axes, and pads to three. `[N, D] + [D]` becomes `[1, N, D]` with b strides `[0, 0, 1]`.
 */
export function collapseBroadcast(a: Shape, b: Shape, outShape: Shape): Broadcast3 {
  const sa = broadcastStrides(a, outShape);
  const sb = broadcastStrides(b, outShape);
  const dims: number[] = [];
  const as: number[] = [];
  const bs: number[] = [];
  outShape.forEach((d, i) => {
    if (d === 1) return;
    const last = dims.length - 1;
    if (last >= 0 && as[last] === sa[i]! * d && bs[last] === sb[i]! * d) {
      dims[last] = dims[last]! * d;
      as[last] = sa[i]!;
      bs[last] = sb[i]!;
    } else {
      dims.push(d);
      as.push(sa[i]!);
      bs.push(sb[i]!);
    }
  });
  if (dims.length > 3) {
    throw new Error(
      `gpujs: broadcasting ${formatShape(a)} with ${formatShape(b)} needs ${dims.length} separate axes; ` +
        'the gpu.js kernels handle at most 3 — reshape the operands, or use a cpu backend',
    );
  }
  while (dims.length < 3) {
    dims.unshift(1);
    as.unshift(0);
    bs.unshift(0);
  }
  return { d0: dims[0]!, d1: dims[1]!, d2: dims[2]!, a0: as[0]!, a1: as[1]!, a2: as[2]!, b0: bs[0]!, b1: bs[1]!, b2: bs[2]! };
}
