/**
 * Source of a kernel worker, run with `new Worker(source, { eval: true })` in Node and from a
 * Blob URL in browsers, so no bundler has to find a separate worker file. It instantiates
 * the kernels over the shared memory it is sent, then sleeps on a futex (`Atomics.wait`)
 * until the main thread bumps the job counter, runs its part, and counts itself done.
 *
 * Control block (from byte `ctrl`): Int32 [0] job counter, [1] workers still running; then
 * per thread a 128-byte task: Int32 kind (0 idle, k > 0 the export `names[k − 1]`, −1 exit),
 * Int32 error flag, Int32 argument count, and from byte 16 the arguments as Float64.
 */
export const TASK_BYTES = 128;
/** Most arguments a task can carry. */
export const MAX_TASK_ARGS = (TASK_BYTES - 16) / 8;

export const workerSource = `
'use strict';
const isNode = typeof self === 'undefined';
const port = isNode ? require('node:worker_threads').parentPort : self;
const post = (m) => port.postMessage(m);
const onMessage = (fn) => isNode ? port.once('message', fn) : (self.onmessage = (e) => { self.onmessage = null; fn(e.data); });
onMessage(({ module, memory, ctrl, tid, names }) => {
  let fns;
  try {
    const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
    fns = names.map((n) => ex[n]);
  } catch (err) {
    post({ error: String((err && err.message) || err) });
    return;
  }
  const i32 = new Int32Array(memory.buffer);
  const f64 = new Float64Array(memory.buffer);
  const gen = ctrl >> 2;
  const pending = gen + 1;
  const base = ctrl + 16 + tid * ${TASK_BYTES};
  const k = base >> 2;
  const a = (base + 16) >> 3;
  let seen = Atomics.load(i32, gen);
  post({ ready: true });
  for (;;) {
    Atomics.wait(i32, gen, seen);
    seen = Atomics.load(i32, gen);
    const kind = i32[k];
    if (kind === -1) return;
    if (kind > 0) {
      try {
        fns[kind - 1](...f64.subarray(a, a + i32[k + 2]));
      } catch (err) {
        i32[k + 1] = 1;
      }
    }
    if (Atomics.sub(i32, pending, 1) === 1) Atomics.notify(i32, pending);
  }
});
`;
