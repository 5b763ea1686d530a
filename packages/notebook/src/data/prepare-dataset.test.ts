import { describe, expect, it } from 'vitest';
import { NotebookOptionError } from '../options.js';
import { planSplits } from './prepare-dataset.js';

describe('planSplits', () => {
  it('is the course\'s 49,000 / 1,000 / 1,000 on the full CIFAR-10', () => {
    expect(planSplits(50000, 10000, 1000, 1000)).toEqual({ numTraining: 49000, numValidation: 1000, numTest: 1000 });
  });
  it('keeps validation right after a smaller training pool and caps the test split', () => {
    expect(planSplits(9000, 1000, 1000, 1000)).toEqual({ numTraining: 8000, numValidation: 1000, numTest: 1000 });
    expect(planSplits(30, 6, 10, 1000)).toEqual({ numTraining: 20, numValidation: 10, numTest: 6 });
  });
  it('names --num-val when nothing would be left for training', () => {
    expect(() => planSplits(30, 6, 30, 6)).toThrow(/--num-val 30/);
    expect(() => planSplits(30, 6, 30, 6)).toThrow(NotebookOptionError);
  });
});
