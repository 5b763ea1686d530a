import { bestMs, gflops } from './gemm.js';
import { fromArray, loadBackend, matMul, createRng } from '@dropout/tensor';
const backend = await loadBackend(process.argv[2]);
for (const [M, K, N, tA] of [[3072,100,500,true],[3072,100,500,false],[1500,3072,500,false],[1500,3072,500,true]]) {
  const rng = createRng(1);
  const a = fromArray(rng.randn(M * K), tA ? [K, M] : [M, K], backend);
  const b = fromArray(rng.randn(K * N), [K, N], backend);
  const ms = bestMs(() => matMul(a, b, { transposeA: tA }).dispose());
  console.log(M, K, N, tA, ms.toFixed(3), gflops(M, K, N, ms).toFixed(1));
}
