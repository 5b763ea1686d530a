import { Tensor } from '@dropout/tensor';

/** Every Tensor reachable from `value` through plain objects, arrays and Maps (class instances' own fields included). */
export function collectTensors(value: unknown, found = new Set<Tensor>(), seen = new Set<unknown>()): Set<Tensor> {
  if (value === null || typeof value !== 'object' || seen.has(value)) return found;
  seen.add(value);
  if (value instanceof Tensor) {
    found.add(value);
    return found;
  }
  if (ArrayBuffer.isView(value)) return found;
  const items = value instanceof Map ? value.values() : Array.isArray(value) ? value : Object.values(value);
  for (const item of items) collectTensors(item, found, seen);
  return found;
}

/** Disposes each tensor of `candidates` that nothing in `owners` still references. */
export function disposeUnreferenced(candidates: Iterable<Tensor>, owners: unknown[]): void {
  const live = new Set<Tensor>();
  for (const owner of owners) collectTensors(owner, live);
  for (const t of candidates) if (!live.has(t)) t.dispose();
}
