/**
 * A kernel worker. The build bundles this file into one script (`scripts/build-kernels.mjs`
 * → `generated/worker-source.ts`), started with `new Worker(source, { eval: true })` in Node
 * and from a Blob URL in browsers, so no bundler has to find a separate worker file.
 * It instantiates the kernels over the shared memory it is sent, then sleeps on a futex
 * (`Atomics.wait`) until the main thread bumps the job counter, runs its part, and counts
 * itself done. The control block is described in `protocol.ts`.
 */
import { TASK_BYTES, type WorkerReply, type WorkerStart } from './protocol.js';
import { runSharedGemm, SHARED_GEMM_TASK } from './shared-gemm.js';

interface Port {
  postMessage(message: WorkerReply): void;
}

declare const require: (id: string) => { parentPort: Port & { once(event: 'message', fn: (m: WorkerStart) => void): void } };

const scope = globalThis as unknown as { onmessage: ((e: { data: WorkerStart }) => void) | null } & Port;
const isNode = typeof (globalThis as { self?: unknown }).self === 'undefined';
const nodePort = isNode ? require('node:worker_threads').parentPort : null;
const post = (m: WorkerReply): void => (nodePort ?? scope).postMessage(m);
/** How long an idle worker polls for the next job before it sleeps (measured on 2 cores: the main
 * thread's waits for workers in the regularization experiment fell from ~0.30 s to ~0.19 s). */
const WORKER_SPIN_MS = 2;

function start({ module, memory, ctrl, tid, names }: WorkerStart): void {
  let fns: Array<(...args: number[]) => number>;
  try {
    const exports = new WebAssembly.Instance(module, { env: { memory } }).exports as Record<string, (...args: number[]) => number>;
    fns = names.map((n) => exports[n]!);
  } catch (err) {
    post({ error: String((err as Error | undefined)?.message ?? err) });
    return;
  }
  const i32 = new Int32Array(memory.buffer);
  const f64 = new Float64Array(memory.buffer);
  const gen = ctrl >> 2;
  const pending = gen + 1;
  const base = ctrl + 16 + tid * TASK_BYTES;
  const k = base >> 2;
  const a = (base + 16) >> 3;
  let seen = Atomics.load(i32, gen);
  post({ ready: true });
  for (;;) {
    // Poll for the next job for up to WORKER_SPIN_MS before sleeping on the futex: in a training
    // step the next product comes within a millisecond or two, and waking a sleeping thread
    // costs tens to hundreds of microseconds (in a VM), which the main thread spends waiting.
    const until = performance.now() + WORKER_SPIN_MS;
    let n = 0;
    while (Atomics.load(i32, gen) === seen && ((++n & 63) !== 0 || performance.now() < until));
    Atomics.wait(i32, gen, seen);
    // Run only for a new job: a wake-up without one (seen under heavy load) must not run the
    // previous task again and count itself done twice.
    const now = Atomics.load(i32, gen);
    if (now === seen) continue;
    seen = now;
    const kind = i32[k]!;
    if (kind === -1) return;
    if (kind > 0 || kind === SHARED_GEMM_TASK) {
      try {
        const args = f64.subarray(a, a + i32[k + 2]!);
        if (kind > 0) fns[kind - 1]!(...args);
        else runSharedGemm(fns[args[0]! - 1]!, args, i32, gen + 2);
      } catch {
        i32[k + 1] = 1;
      }
    }
    if (Atomics.sub(i32, pending, 1) === 1) Atomics.notify(i32, pending);
  }
}

if (nodePort) nodePort.once('message', start);
else {
  scope.onmessage = (e) => {
    scope.onmessage = null;
    start(e.data);
  };
}
