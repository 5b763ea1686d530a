import { bestMs, gflops } from './gemm.js';
import { fromArray, loadBackend, matMul, createRng } from '@dropout/tensor';
const name = process.argv[2];
const backend = await loadBackend(name);
for (const [M, K, N, tA] of [[100,3072,500,false],[3072,100,500,true],[1500,3072,500,false],[384,384,1024,false],[1200,1200,1200,false]]) {
  const rng = createRng(1);
  const a = fromArray(rng.randn(M * K), tA ? [K, M] : [M, K], backend);
  const b = fromArray(rng.randn(K * N), [K, N], backend);
  const ms = bestMs(() => matMul(a, b, { transposeA: tA }).dispose());
  console.log(name, M, K, N, tA, ms.toFixed(3), gflops(M, K, N, ms).toFixed(1));
}
