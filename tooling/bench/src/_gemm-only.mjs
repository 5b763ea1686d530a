import { bestMs, gflops, GEMM_SHAPES, projectMatMul } from './gemm.js';
import { describeMachine } from './machine.js';
const m = await describeMachine();
console.log(JSON.stringify(m).slice(0, 400));
for (let r = 0; r < 2; r++) for (const s of GEMM_SHAPES) {
  const [, M, K, N, tA] = s;
  const run = await projectMatMul('wasm32', M, K, N, tA);
  const ms = bestMs(run.run); run.dispose();
  console.log(M, K, N, tA, ms.toFixed(3), gflops(M, K, N, ms).toFixed(1));
}
