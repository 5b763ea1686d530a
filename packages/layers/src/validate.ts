import { assertTensor, formatShape, type Backend, type Tensor } from '@dropout/tensor';

/** Throws unless `t` is a live Tensor of the given rank (or at least `minRank`), naming the layer and the argument. */
export function checkTensor(op: string, name: string, t: unknown, rank?: number, minRank?: number): asserts t is Tensor {
  assertTensor(op, name, t);
  if (rank !== undefined && t.rank !== rank) {
    throw new Error(`${op}: ${name} must have ${rank} dimension(s), got shape ${formatShape(t.shape)}`);
  }
  if (minRank !== undefined && t.rank < minRank) {
    throw new Error(`${op}: ${name} must have at least ${minRank} dimensions, got shape ${formatShape(t.shape)}`);
  }
}

/** Throws unless `t` has exactly `shape`, naming the layer, the argument and what it must match. */
export function checkShape(op: string, name: string, t: Tensor, shape: readonly number[], why: string): void {
  if (t.rank !== shape.length || t.shape.some((d, i) => d !== shape[i])) {
    throw new Error(`${op}: ${name} has shape ${formatShape(t.shape)} but must be ${formatShape(shape)} (${why})`);
  }
}

/** Throws unless every tensor lives on `backend`. */
export function checkBackend(op: string, backend: Backend, tensors: Record<string, Tensor>): void {
  for (const [name, t] of Object.entries(tensors)) {
    if (t.backend !== backend) {
      throw new Error(`${op}: ${name} lives on ${t.backend.name} but x on ${backend.name}; move it with toBackend(${name}, x.backend)`);
    }
  }
}

/** Throws unless `mode` is 'train' or 'test'. */
export function checkMode(op: string, param: string, mode: unknown): asserts mode is 'train' | 'test' {
  if (mode !== 'train' && mode !== 'test') {
    throw new Error(`${op}: unknown ${param}.mode ${JSON.stringify(mode)}; use 'train' or 'test'`);
  }
}

/** Checks a normalisation layer's inputs (x: [N, D], gamma and beta: [D], one backend) and returns D. */
export function checkNormInputs(op: string, x: Tensor, gamma: Tensor, beta: Tensor): number {
  checkTensor(op, 'x', x, 2);
  const D = x.shape[1]!;
  checkTensor(op, 'gamma', gamma);
  checkTensor(op, 'beta', beta);
  checkShape(op, 'gamma', gamma, [D], 'one scale per feature of x');
  checkShape(op, 'beta', beta, [D], 'one shift per feature of x');
  checkBackend(op, x.backend, { gamma, beta });
  return D;
}
