import { CpuBackend } from '@dropout/tensor/backend-kit';
import type { Tensor } from '@dropout/tensor';

/** A CPU backend that refuses synchronous reads, as gpujs:webgpu does: every read must be `readAsync`. */
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
