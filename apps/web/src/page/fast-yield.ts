/**
 * The Solver and the cells yield to the event loop between steps (so Stop is noticed) with
 * `setImmediate` where it exists, else `setTimeout(0)` — which browsers clamp to 4 ms once
 * timers nest, ~1 s over the notebook's 250 iterations. The page installs a `setImmediate`
 * built on a MessageChannel (a macrotask with no clamp, as Node's), before any run starts.
 * @example
 *   installSetImmediate();
 */
export function installSetImmediate(): void {
  const g = globalThis as { setImmediate?: (fn: () => void) => void };
  if (typeof g.setImmediate === 'function') return;
  const channel = new MessageChannel();
  const queue: Array<() => void> = [];
  channel.port1.onmessage = () => queue.shift()?.();
  g.setImmediate = (fn) => {
    queue.push(fn);
    channel.port2.postMessage(0);
  };
}
