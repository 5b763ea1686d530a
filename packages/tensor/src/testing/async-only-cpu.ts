import { CpuBackend } from '../cpu/cpu-backend.js';
import type { Tensor } from '../tensor.js';

/**
 * A CPU backend that refuses synchronous reads, as gpujs:webgpu does: every read must be
 * `readAsync`. Tests use it to prove a code path never reads the device synchronously.
 * @example
 *   const backend = new AsyncOnlyCpu(64);
 *   await fromArray([1], [1], backend).readAsync(); // Float64Array [1]; .read() throws
 */
export class AsyncOnlyCpu extends CpuBackend {
  override readonly name = 'async-only-cpu';
  override readonly syncRead = false;
  override read(): never {
    throw new Error('no synchronous reads here');
  }
  override readAsync(t: Tensor) {
    return Promise.resolve(super.data(t).slice());
  }
}
