import { createRng, getBackend, type Backend, type DType, type Rng } from '@dropout/tensor';

/** Normalisation after each hidden affine layer: none, batch norm or layer norm. */
export type Normalization = 'batchnorm' | 'layernorm' | null;

/** Constructor options of {@link FullyConnectedNet}, the course's keyword arguments in camelCase. */
export interface FullyConnectedNetOptions {
  /** Sizes of the hidden layers, e.g. `[100, 100]` (empty: a softmax classifier). */
  hiddenDims: readonly number[];
  /** Values per input row (default 3·32·32, a CIFAR-10 image). */
  inputDim?: number;
  /** Number of classes (default 10). */
  numClasses?: number;
  /** Dropout KEEP probability p in (0, 1] (not the drop rate); 1, the default, adds no dropout layers. */
  dropoutKeepRatio?: number;
  /** 'batchnorm', 'layernorm' or null (default). */
  normalization?: Normalization;
  /** L2 strength: the loss adds 0.5·reg·ΣW² over the weights (default 0). */
  reg?: number;
  /** Standard deviation of the initial weights (default 1e-2). */
  weightScale?: number;
  /** 'float32' (default, backend cpu32) or 'float64' (backend cpu64). */
  dtype?: DType;
  /**
   * Dropout seed, as the course's `seed`: when set, every forward pass draws its masks from a
   * stream seeded with it, so the loss is a deterministic function of the weights (gradient checks).
   */
  seed?: number;
  /**
   * Stream for the initial weights and for the dropout masks (reseeded by `seed` when that is
   * set and this is a NumPy stream, as the course reseeds NumPy's global stream). Default:
   * `createRng(seed ?? 0)`, so a model is reproducible without one.
   */
  rng?: Rng;
  /** Backend holding the parameters (default: cpu64 for float64, cpu32 for float32). */
  backend?: Backend;
}

/** Options with every default filled in and checked. */
export interface ResolvedOptions {
  hiddenDims: number[];
  inputDim: number;
  numClasses: number;
  dropoutKeepRatio: number;
  normalization: Normalization;
  reg: number;
  weightScale: number;
  dtype: DType;
  seed: number | undefined;
  rng: Rng;
  backend: Backend;
}

const KNOWN = ['hiddenDims', 'inputDim', 'numClasses', 'dropoutKeepRatio', 'normalization', 'reg', 'weightScale', 'dtype', 'seed', 'rng', 'backend'];

function fail(message: string): never {
  throw new Error(`FullyConnectedNet: ${message}`);
}

const isPositiveInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;

/** Fills in the defaults and throws on anything the net cannot be built from, naming the option and the fix. */
export function resolveOptions(options: FullyConnectedNetOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') fail(`options must be an object like { hiddenDims: [100] }, got ${String(options)}`);
  const unknown = Object.keys(options).filter((k) => !KNOWN.includes(k));
  if (unknown.length) fail(`unknown option(s) ${unknown.join(', ')}; known options: ${KNOWN.join(', ')}`);
  const { hiddenDims, inputDim = 3 * 32 * 32, numClasses = 10, dropoutKeepRatio = 1, normalization = null } = options;
  const { reg = 0, weightScale = 1e-2, seed } = options;
  if (!Array.isArray(hiddenDims) || !hiddenDims.every(isPositiveInt)) {
    fail(`hiddenDims must be an array of positive integers (e.g. [100, 100]), got ${JSON.stringify(hiddenDims)}`);
  }
  if (!isPositiveInt(inputDim)) fail(`inputDim must be a positive integer, got ${String(inputDim)}`);
  if (!isPositiveInt(numClasses)) fail(`numClasses must be a positive integer, got ${String(numClasses)}`);
  if (typeof dropoutKeepRatio !== 'number' || !(dropoutKeepRatio > 0 && dropoutKeepRatio <= 1)) {
    fail(`dropoutKeepRatio = ${String(dropoutKeepRatio)} is outside (0, 1]; it is the KEEP probability (1 = no dropout), not the drop rate`);
  }
  if (normalization !== null && normalization !== 'batchnorm' && normalization !== 'layernorm') {
    fail(`unknown normalization ${JSON.stringify(normalization)}; use 'batchnorm', 'layernorm' or null`);
  }
  if (typeof reg !== 'number' || !(reg >= 0) || !Number.isFinite(reg)) fail(`reg must be a finite number >= 0, got ${String(reg)}`);
  if (typeof weightScale !== 'number' || !(weightScale > 0) || !Number.isFinite(weightScale)) {
    fail(`weightScale must be a finite number > 0, got ${String(weightScale)}`);
  }
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0)) fail(`seed must be a non-negative integer, got ${String(seed)}`);
  const dtype = options.dtype ?? options.backend?.dtype ?? 'float32';
  if (dtype !== 'float32' && dtype !== 'float64') fail(`unknown dtype ${JSON.stringify(dtype)}; use 'float32' or 'float64'`);
  const backend = options.backend ?? getBackend(dtype === 'float64' ? 'cpu64' : 'cpu32');
  if (backend.dtype !== dtype) {
    fail(`dtype is '${dtype}' but backend ${backend.name} stores ${backend.dtype}; pass a ${dtype} backend or dtype: '${backend.dtype}'`);
  }
  return {
    hiddenDims: [...hiddenDims], inputDim, numClasses, dropoutKeepRatio, normalization, reg, weightScale, dtype, seed,
    rng: options.rng ?? createRng(seed ?? 0), backend,
  };
}
