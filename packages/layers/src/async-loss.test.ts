import { AsyncOnlyCpu } from '@dropout/tensor/testing';
import { fromArray } from '@dropout/tensor';
import { describe, expect, it } from 'vitest';
import { softmaxLoss, svmLoss } from './index.js';

describe('losses on a backend without synchronous reads', () => {
  it('never read the device: the loss is a Tensor read later with readAsync', async () => {
    const backend = new AsyncOnlyCpu(64);
    // Hand-computed: equal scores give log(4); the svm example gives (0 + 2) / 2 = 1.
    const soft = softmaxLoss(fromArray([0, 0, 0, 0], [1, 4], backend), [2]);
    const svm = svmLoss(fromArray([3, 2, 1, 1, 0, 0.5], [2, 3], backend), [0, 2]);
    expect((await soft.loss.readAsync())[0]).toBeCloseTo(Math.log(4), 12);
    expect((await svm.loss.readAsync())[0]).toBeCloseTo(1, 12);
    expect(() => soft.loss.item()).toThrow(/no synchronous reads here/);
  });
});
