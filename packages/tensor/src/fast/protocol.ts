/**
 * The control block the main thread and the kernel workers share (from heap byte `ctrl`):
 * Int32 [0] job counter, [1] workers still running, [2] chunks of a shared GEMM taken, [3] the next
 * chunk from the left (see `shared-gemm.ts`); then per
 * thread a {@link TASK_BYTES} task: Int32 kind (0 idle, k > 0 the kernel `kernelNames[k − 1]`,
 * −1 exit, −2 a shared GEMM, see `shared-gemm.ts`), Int32 error
 * flag, Int32 argument count, and from byte 16 the arguments as Float64.
 */
export const TASK_BYTES = 256;
/** Most arguments a task can carry. */
export const MAX_TASK_ARGS = (TASK_BYTES - 16) / 8;

/** The message that starts a worker: the compiled kernels, the shared heap and its slot. */
export interface WorkerStart {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  /** Byte offset of the control block. */
  ctrl: number;
  /** This worker's thread number (1…threads − 1; the main thread is 0). */
  tid: number;
  /** Export names in task-kind order. */
  names: readonly string[];
}

/** A worker's answer to {@link WorkerStart}. */
export type WorkerReply = { ready: true } | { ready?: false; error: string };
