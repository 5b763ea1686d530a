import { describe, expect, it } from 'vitest';
import { FLAGS, helpText, parseArgs, UsageError } from './args.js';
import { DEFAULT_OPTIONS } from './options.js';

const options = (argv: string[]) => {
  const parsed = parseArgs(argv);
  if (parsed.help) throw new Error('unexpected --help');
  return parsed.options;
};

const usageError = (argv: string[]): string => {
  try {
    parseArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
};

describe('parseArgs', () => {
  it('defaults to the notebook: every cell, keep 1 vs 0.25, seed 231, 25 epochs, 500 examples, NumPy stream', () => {
    expect(options([])).toEqual(DEFAULT_OPTIONS);
    expect(DEFAULT_OPTIONS).toMatchObject({ keepRatios: [1, 0.25], seeds: [231], numEpochs: 25, numTrain: 500, rng: 'numpy', outDir: 'runs' });
    expect(DEFAULT_OPTIONS.cells).toEqual(['data', 'dropout-forward', 'dropout-backward', 'fc-gradcheck', 'regularization']);
  });

  it('reads lists, numbers and switches in both --flag value and --flag=value forms', () => {
    const o = options(['--keep-ratios', '1,0.75,0.5,0.25,0.1', '--seeds=231,232,233', '--epochs', '3', '--num-train=100', '--rng', 'seedrandom',
      '--dataset', 'mnist', '--backend', 'cpu64', '--out', '/tmp/r', '--name', 'sweep-1', '--json', '--quiet']);
    expect(o).toMatchObject({ keepRatios: [1, 0.75, 0.5, 0.25, 0.1], seeds: [231, 232, 233], numEpochs: 3, numTrain: 100, rng: 'seedrandom',
      dataset: 'mnist', backend: 'cpu64', outDir: '/tmp/r', name: 'sweep-1', json: true, quiet: true });
  });

  it('keeps --cells in notebook order whatever order they are given in', () => {
    expect(options(['--cells', 'regularization,data']).cells).toEqual(['data', 'regularization']);
    expect(options(['--cells', 'mc-dropout,regularization,data']).cells).toEqual(['data', 'regularization', 'mc-dropout']);
    expect(options(['--cells', 'all']).cells).toEqual(['data', 'dropout-forward', 'dropout-backward', 'fc-gradcheck', 'regularization', 'mc-dropout']);
    expect(() => options(['--cells', 'data,mc-dropout'])).toThrow(/--cells: mc-dropout evaluates the nets the regularization cell trains in the same run; add regularization/);
    expect(options(['--no-save-models']).saveModels).toBe(false);
    expect(options([]).saveModels).toBe(true);
  });

  it('accepts seed 0 (a seed, not a missing value)', () => {
    expect(options(['--seeds', '0']).seeds).toEqual([0]);
  });

  it.each([
    [['--nope'], 'unknown flag --nope'],
    [['epochs'], "unexpected argument 'epochs'"],
    [['--epochs'], '--epochs needs a value'],
    [['--epochs', '--json'], '--epochs needs a value'],
    [['--epochs', '0'], "--epochs: '0' is not an integer ≥ 1"],
    [['--epochs', '2.5'], '--epochs'],
    [['--keep-ratios', '0'], 'KEEP'],
    [['--keep-ratios', '1,,0.5'], '--keep-ratios'],
    [['--keep-ratios', '1.2'], '--keep-ratios'],
    [['--seeds', '4294967296'], '--seeds'],
    [['--dataset', 'svhn'], "--dataset: 'svhn' is not one of cifar10, mnist"],
    [['--cells', 'softmax'], '--cells'],
    [['--json=yes'], '--json takes no value'],
    [['--name', 'a/b'], '--name'],
    // Issue 14 weak spots: values that used to be accepted silently.
    [['--keep-ratios', '0x1'], "--keep-ratios: '0x1' is not a keep probability"],
    [['--keep-ratios', 'Infinity'], '--keep-ratios'],
    [['--keep-ratios', '1,0.5,1'], "--keep-ratios: 1 is listed twice in '1,0.5,1'; list each value once"],
    [['--keep-ratios', '0.5,.5'], '--keep-ratios: 0.5 is listed twice'],
    [['--seeds', '231,231'], '--seeds: 231 is listed twice'],
    [['--seeds', '0x10'], "--seeds: '0x10' is not an integer"],
    [['--epochs', ' 3'], "--epochs: ' 3' is not an integer"],
    [['--cells', 'data,data'], '--cells: data is listed twice'],
    [['--epochs', '2', '--epochs', '3'], '--epochs is given twice; give it once'],
    [['--backend', 'wasm32:threads=1;rm'], '--backend'],
  ])('%j → usage error mentioning %s', (argv, fragment) => {
    expect(usageError(argv)).toContain(fragment);
  });

  it('accepts backend options as the tensor README documents them (wasm32:threads=1,fma=off)', () => {
    expect(options(['--backend', 'wasm32:threads=1']).backend).toBe('wasm32:threads=1');
    expect(options(['--backend=wasm32:threads=1,fma=off']).backend).toBe('wasm32:threads=1,fma=off');
    expect(options(['--backend', 'gpujs:webgl2']).backend).toBe('gpujs:webgl2');
  });

  it('warns about flags the chosen cells never read, and records them as ignored', () => {
    const parsed = parseArgs(['--cells', 'dropout-forward', '--epochs', '3', '--seeds', '1,2', '--rng', 'seedrandom']);
    if (parsed.help) throw new Error('unexpected --help');
    expect(parsed.options.ignoredFlags).toEqual(['--epochs', '--seeds']);
    expect(parsed.warnings).toEqual([
      '--epochs is not used by the chosen cells (dropout-forward) and is ignored; it is used by --cells regularization',
      '--seeds is not used by the chosen cells (dropout-forward) and is ignored; it is used by --cells regularization',
    ]);
    const used = parseArgs(['--cells', 'data', '--num-val', '10']);
    expect(used.help === false && used.warnings).toEqual([]);
  });

  it('warns when a minibatch is larger than the training set', () => {
    const parsed = parseArgs(['--num-train', '20', '--batch-size', '100']);
    expect(parsed.help === false && parsed.warnings).toEqual([
      '--batch-size 100 is larger than --num-train 20: each minibatch samples (with replacement) more images than the training set holds, and an epoch is one iteration',
    ]);
  });

  it('answers --help and -h', () => {
    expect(parseArgs(['--epochs', '2', '--help'])).toEqual({ help: true });
    expect(parseArgs(['-h'])).toEqual({ help: true });
  });
});

describe('helpText', () => {
  it('lists every flag with its description', () => {
    const text = helpText('pnpm experiment');
    for (const spec of FLAGS) expect(text).toContain(`${spec.flag}${spec.value ? ` ${spec.value}` : ''}`);
    expect(text).toContain('Usage: pnpm experiment [flags]');
  });
});
