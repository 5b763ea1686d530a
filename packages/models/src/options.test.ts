import { createRng, fromArray, getBackend } from '@dropout/tensor';
import { describe, expect, it } from 'vitest';
import { FullyConnectedNet, type FullyConnectedNetOptions } from './index.js';

const build = (options: Partial<FullyConnectedNetOptions> & Record<string, unknown>) =>
  new FullyConnectedNet({ hiddenDims: [4], inputDim: 3, numClasses: 2, rng: createRng(0), ...options } as FullyConnectedNetOptions);

describe('FullyConnectedNet options', () => {
  it("uses the course's defaults", () => {
    const model = new FullyConnectedNet({ hiddenDims: [5] });
    expect(model.inputDim).toBe(3072);
    expect(model.numClasses).toBe(10);
    expect(model.dropoutKeepRatio).toBe(1);
    expect(model.normalization).toBeNull();
    expect(model.reg).toBe(0);
    expect(model.dtype).toBe('float32');
    expect(model.backend.name).toBe('cpu32');
    expect(Object.keys(model.params)).toEqual(['W1', 'b1', 'W2', 'b2']);
    expect(model.params.W1!.shape).toEqual([3072, 5]);
    // weightScale 1e-2: the standard deviation of 15,360 draws is within 2% of it.
    const w = Array.from(model.params.W1!.read());
    const std = Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
    expect(Math.abs(std - 1e-2)).toBeLessThan(2e-4);
    expect(Array.from(model.params.b1!.read())).toEqual([0, 0, 0, 0, 0]);
  });

  it('names the parameters W1, b1, gamma1, beta1, … with gammas one and betas zero', () => {
    const model = build({ hiddenDims: [4, 3], normalization: 'layernorm', dtype: 'float64' });
    expect(Object.keys(model.params)).toEqual(['W1', 'b1', 'gamma1', 'beta1', 'W2', 'b2', 'gamma2', 'beta2', 'W3', 'b3']);
    expect(Array.from(model.params.gamma2!.read())).toEqual([1, 1, 1]);
    expect(Array.from(model.params.beta1!.read())).toEqual([0, 0, 0, 0]);
    expect(model.backend.name).toBe('cpu64');
  });

  it('draws W1 then W2 from the rng given, scaled by weightScale', () => {
    const model = build({ hiddenDims: [4], weightScale: 0.5, dtype: 'float64', rng: createRng(7) });
    const draws = createRng(7).randn(3 * 4 + 4 * 2);
    expect(Array.from(model.params.W1!.read())).toEqual(Array.from(draws.subarray(0, 12), (v) => v * 0.5));
    expect(Array.from(model.params.W2!.read())).toEqual(Array.from(draws.subarray(12), (v) => v * 0.5));
  });

  it('takes the dtype from the backend when only the backend is given', () => {
    expect(build({ backend: getBackend('cpu64') }).dtype).toBe('float64');
  });

  it('rejects bad configuration with the option and the fix', () => {
    expect(() => build({ hiddenDims: [4, 0] })).toThrow(/hiddenDims must be an array of positive integers/);
    expect(() => build({ dropoutKeepRatio: 0 })).toThrow(/dropoutKeepRatio = 0 is outside \(0, 1\]; it is the KEEP probability/);
    expect(() => build({ dropoutKeepRatio: 1.5 })).toThrow(/dropoutKeepRatio = 1.5 is outside \(0, 1\]/);
    expect(() => build({ normalization: 'groupnorm' as 'batchnorm' })).toThrow(/unknown normalization "groupnorm"/);
    expect(() => build({ reg: -1 })).toThrow(/reg must be a finite number >= 0/);
    expect(() => build({ weightScale: 0 })).toThrow(/weightScale must be a finite number > 0/);
    expect(() => build({ inputDim: 2.5 })).toThrow(/inputDim must be a positive integer/);
    expect(() => build({ seed: -1 })).toThrow(/seed must be a non-negative integer/);
    expect(() => build({ dtype: 'float16' as 'float32' })).toThrow(/unknown dtype "float16"/);
    expect(() => build({ dtype: 'float32', backend: getBackend('cpu64') })).toThrow(
      /dtype is 'float32' but backend cpu64 stores float64; pass a float32 backend or dtype: 'float64'/,
    );
    expect(() => build({ dropout_keep_ratio: 0.5 })).toThrow(/unknown option\(s\) dropout_keep_ratio; known options: hiddenDims/);
  });
});

describe('FullyConnectedNet.loss input checks', () => {
  const model = build({ dtype: 'float64' });
  const cpu64 = getBackend('cpu64');

  it('names X and inputDim when the shapes do not match', () => {
    const X = fromArray(new Float64Array(8), [2, 4], cpu64);
    expect(() => model.loss(X)).toThrow(/X has shape \[2, 4\] \(4 values per row\) but the model's inputDim is 3/);
    expect(() => model.loss(fromArray([1, 2, 3], [3], cpu64))).toThrow(/X has shape \[3\]/);
  });

  it('accepts [N, d1, d2] inputs with inputDim values per row', () => {
    const wide = build({ inputDim: 6, dtype: 'float64' });
    expect(wide.loss(fromArray(new Float64Array(12), [2, 2, 3], cpu64)).shape).toEqual([2, 2]);
  });

  it('rejects labels outside [0, numClasses), a wrong label count and X on another backend', () => {
    const X = fromArray(new Float64Array(6), [2, 3], cpu64);
    expect(() => model.loss(X, [0, 2])).toThrow(/label y\[1\] = 2 is outside \[0, numClasses = 2\)/);
    expect(() => model.loss(X, [0])).toThrow(/y has 1 labels but X has 2 rows/);
    const X32 = fromArray(new Float64Array(6), [2, 3], getBackend('cpu32'));
    expect(() => model.loss(X32, [0, 1])).toThrow(/X lives on cpu32 but the model's parameters on cpu64; move X with toBackend/);
  });
});
