import { describe, expect } from 'vitest';
import type { Tolerance } from '../backend.js';
import { loadBackend } from '../registry.js';
import { Tensor, type Backend } from '../tensor.js';

/**
 * Backends every suite runs on unless `DROPOUT_BACKENDS` narrows or widens the list. The gpu.js
 * entries run its kernels on the CPU (webasm sync and threaded, and its JS `cpu` mode), so they
 * work on every machine; each reports the mode that ran as `backend.name`.
 */
export const defaultBackendNames: string[] = ['cpu64', 'cpu32', 'wasm32', 'wasm64', 'gpujs:webasm', 'gpujs:webasm-async', 'gpujs:cpu'];

/** The backend names selected for this test run (`DROPOUT_BACKENDS=cpu64,gpujs:webasm`). */
export function selectedBackendNames(): string[] {
  const env = process.env.DROPOUT_BACKENDS?.trim();
  return env ? env.split(',').map((s) => s.trim()).filter(Boolean) : defaultBackendNames;
}

const loaded: Array<{ name: string; backend?: Backend; reason?: string }> = await Promise.all(
  selectedBackendNames().map(async (name) => {
    try {
      return { name, backend: await loadBackend(name) };
    } catch (err) {
      return { name, reason: (err as Error).message };
    }
  }),
);

/**
 * Repeats a `describe` block once per selected backend (modelled on tfjs-core's
 * `describeWithFlags`). A backend that cannot load here is skipped with its reason printed.
 * @example
 *   forEachBackend('add', (backend) => { it('adds', () => { … }); });
 */
export function forEachBackend(name: string, fn: (backend: Backend) => void): void {
  for (const entry of loaded) {
    if (entry.backend) {
      describe(`${name} [${entry.backend.name}]`, () => fn(entry.backend!));
    } else {
      describe.skip(`${name} [${entry.name}: unavailable — ${entry.reason}]`, () => {});
    }
  }
}

function toArray(v: Tensor | ArrayLike<number> | number): ArrayLike<number> {
  if (v instanceof Tensor) return v.read();
  return typeof v === 'number' ? [v] : v;
}

/**
 * Asserts |actual − expected| ≤ atol + rtol·|expected| elementwise, with the tolerance taken
 * from the backend (modelled on tfjs-core's `expectArraysClose` / `testEpsilon`).
 * @example
 *   expectClose(add(a, b), [4, 6], backend);
 */
export function expectClose(
  actual: Tensor | ArrayLike<number> | number,
  expected: Tensor | ArrayLike<number> | number,
  backend: Backend | Tolerance,
  scale = 1,
): void {
  const tol = 'tolerance' in backend ? backend.tolerance : backend;
  const a = toArray(actual);
  const e = toArray(expected);
  expect(a.length, 'number of elements').toBe(e.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = e[i]!;
    if (Number.isNaN(y) || !Number.isFinite(y)) {
      expect(x, `element ${i}`).toBe(y);
      continue;
    }
    const bound = scale * (tol.atol + tol.rtol * Math.abs(y));
    if (!(Math.abs(x - y) <= bound)) {
      throw new Error(`expectClose: element ${i} is ${x}, expected ${y} ± ${bound} (rtol ${tol.rtol}, atol ${tol.atol}, scale ${scale})`);
    }
  }
}

/**
 * Runs `fn` and asserts it leaves the backend's live tensor count unchanged (tfjs-layers'
 * `expectNoLeakedTensors`).
 */
export function expectNoLeaks<T>(backend: Backend, fn: () => T): T {
  const before = backend.liveCount();
  const result = fn();
  expect(backend.liveCount(), 'live tensors after the call').toBe(before);
  return result;
}
export { AsyncOnlyCpu } from './async-only-cpu.js';
