import { bestMs, gflops } from './gemm.js';
import { fromArray, loadBackend, matMul, createRng } from '@dropout/tensor';
const backend = await loadBackend(process.argv[2]);
for (const M of [96, 99, 100, 102, 144, 300]) {
  const [K, N] = [3072, 500];
  const rng = createRng(1);
  const a = fromArray(rng.randn(M * K), [M, K], backend);
  const b = fromArray(rng.randn(K * N), [K, N], backend);
  const ms = bestMs(() => matMul(a, b).dispose());
  console.log(M, K, N, ms.toFixed(3), gflops(M, K, N, ms).toFixed(1));
}
