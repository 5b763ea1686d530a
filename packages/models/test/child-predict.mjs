// Run by save-load.test.ts in a fresh Node process: loads a saved model from the built package
// and prints its test-mode scores' bytes (hex), so the parent can compare them bit for bit.
import { randn, createRng, loadBackend } from '@dropout/tensor';
import { loadModel } from '@dropout/models/node';

const [dir, backendName, n, d] = process.argv.slice(2);
const backend = await loadBackend(backendName);
const { model } = await loadModel(dir, { backend });
const X = randn(createRng(99), [Number(n), Number(d)], backend);
const scores = await model.scores(X).readAsync();
process.stdout.write(Buffer.from(scores.buffer, scores.byteOffset, scores.byteLength).toString('hex'));
