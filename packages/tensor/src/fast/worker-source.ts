/**
 * Source of a GEMM worker, run with `new Worker(source, { eval: true })` in Node and from a
 * Blob URL in browsers, so no bundler has to find a separate worker file. It instantiates
 * the kernels over the shared memory it is sent, then sleeps on a futex (`Atomics.wait`)
 * until the main thread bumps the job counter, runs its part, and counts itself done.
 *
 * Control block (Int32, from `ctrl`): [0] job counter, [1] workers still running, then one
 * 16-slot task per thread: kind (0 idle, 1 f32 GEMM, 2 f64 GEMM, -1 exit) and 13 arguments.
 */
export const workerSource = `
'use strict';
const isNode = typeof self === 'undefined';
const port = isNode ? require('node:worker_threads').parentPort : self;
const post = (m) => port.postMessage(m);
const onMessage = (fn) => isNode ? port.once('message', fn) : (self.onmessage = (e) => { self.onmessage = null; fn(e.data); });
onMessage(({ module, memory, ctrl, tid }) => {
  let ex;
  try {
    ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
  } catch (err) {
    post({ error: String(err && err.message || err) });
    return;
  }
  const i32 = new Int32Array(memory.buffer);
  const gen = ctrl >> 2;
  const pending = gen + 1;
  const p = gen + 4 + tid * 16;
  let seen = Atomics.load(i32, gen);
  post({ ready: true });
  for (;;) {
    Atomics.wait(i32, gen, seen);
    seen = Atomics.load(i32, gen);
    const kind = i32[p];
    if (kind === -1) return;
    try {
      if (kind === 1) ex.f32_gemm(i32[p + 1], i32[p + 2], i32[p + 3], i32[p + 4], i32[p + 5], i32[p + 6], i32[p + 7], i32[p + 8], i32[p + 9], i32[p + 10], i32[p + 11], i32[p + 12], i32[p + 13]);
      else if (kind === 2) ex.f64_gemm(i32[p + 1], i32[p + 2], i32[p + 3], i32[p + 4], i32[p + 5], i32[p + 6], i32[p + 7], i32[p + 8], i32[p + 9], i32[p + 10], i32[p + 11], i32[p + 12], i32[p + 13]);
    } catch (err) {
      i32[p + 15] = 1;
    }
    if (Atomics.sub(i32, pending, 1) === 1) Atomics.notify(i32, pending);
  }
});
`;
