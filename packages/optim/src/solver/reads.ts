import type { Tensor } from '@dropout/tensor';

/** Yielded between iterations so an async driver can let other events (a Ctrl-C handler) run. */
export const PAUSE = Symbol('pause');

/**
 * The Solver's logic is written once as generators that yield each tensor they need on the
 * host; {@link runSync} answers with `read()`, {@link runAsync} with `await readAsync()`.
 */
export type Reads<T> = Generator<Tensor | typeof PAUSE, T, ArrayLike<number>>;

const NOTHING = new Float64Array(0);

/** Drives a {@link Reads} generator with synchronous reads. */
export function runSync<T>(gen: Reads<T>): T {
  let next = gen.next();
  while (!next.done) {
    const request = next.value;
    let values: ArrayLike<number>;
    try {
      values = request === PAUSE ? NOTHING : request.read();
    } catch (err) {
      next = gen.throw(err);
      continue;
    }
    next = gen.next(values);
  }
  return next.value;
}

/** Drives a {@link Reads} generator with `readAsync`, awaiting `pause()` at each {@link PAUSE}. */
export async function runAsync<T>(gen: Reads<T>, pause: () => Promise<void> = async () => {}): Promise<T> {
  let next = gen.next();
  while (!next.done) {
    const request = next.value;
    let values: ArrayLike<number>;
    try {
      if (request === PAUSE) {
        await pause();
        values = NOTHING;
      } else {
        values = await request.readAsync();
      }
    } catch (err) {
      next = gen.throw(err);
      continue;
    }
    next = gen.next(values);
  }
  return next.value;
}

/** Resolves after pending I/O callbacks have run (setImmediate where available). */
export const yieldToEventLoop = (): Promise<void> =>
  new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));
