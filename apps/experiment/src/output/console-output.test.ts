import { describe, expect, it } from 'vitest';
import { progressLine, type ProgressState } from '@dropout/notebook';
import { ConsoleOutput, type TextStream } from './console-output.js';

const state = (over: Partial<ProgressState> = {}): ProgressState => ({
  label: 'keep 1 · seed 231', iteration: 50, numIterations: 125, epoch: 10, numEpochs: 25, elapsedMs: 10_000, ...over,
});

class Sink implements TextStream {
  text = '';
  constructor(readonly isTTY = false, readonly columns = 80) {}
  write(s: string): boolean {
    this.text += s;
    return true;
  }
}

describe('ConsoleOutput', () => {
  it('on a terminal redraws one bar on stderr and clears it before printing a line', () => {
    const stdout = new Sink(true);
    const stderr = new Sink(true);
    let now = 0;
    const out = new ConsoleOutput({ json: false, quiet: false }, stdout, stderr, () => now);
    out.progress(state({ iteration: 1 }), false);
    now += 10;
    out.progress(state({ iteration: 2 }), false); // throttled: less than 100 ms later
    now += 200;
    out.progress(state({ iteration: 3 }), false);
    out.line('regularization', '(Epoch 1 / 25) train acc: 0.416000; val_acc: 0.258000');
    expect(stderr.text.match(/\r\x1b\[K/g)).toHaveLength(3); // two draws and one clear
    expect(stderr.text).toContain('keep 1 · seed 231 [');
    expect(stderr.text.endsWith('\r\x1b[K')).toBe(true);
    expect(stdout.text).toBe('(Epoch 1 / 25) train acc: 0.416000; val_acc: 0.258000\n');
  });

  it('off a terminal prints one plain progress line per epoch, none per iteration', () => {
    const stderr = new Sink(false);
    const out = new ConsoleOutput({ json: false, quiet: false }, new Sink(), stderr);
    out.progress(state({ iteration: 4 }), false);
    out.progress(state({ iteration: 5, epoch: 1 }), true);
    expect(stderr.text).toBe(`${progressLine(state({ iteration: 5, epoch: 1 }))}\n`);
  });

  it('--quiet prints only the summary; --json prints one JSON object per line', () => {
    const quietOut = new Sink();
    const quiet = new ConsoleOutput({ json: false, quiet: true }, quietOut, new Sink());
    quiet.line('data', 'X_train: (49000, 3, 32, 32)');
    quiet.note('Data: …');
    quiet.progress(state(), true);
    quiet.summary('Record: /r/record.json');
    expect(quietOut.text).toBe('Record: /r/record.json\n');

    const jsonOut = new Sink();
    const json = new ConsoleOutput({ json: true, quiet: false }, jsonOut, new Sink());
    json.line('data', 'X_train: (49000, 3, 32, 32)');
    json.progress(state(), true);
    json.summary('Record: /r/record.json');
    const events = jsonOut.text.trim().split('\n').map((l) => JSON.parse(l) as { event: string });
    expect(events.map((e) => e.event)).toEqual(['line', 'progress', 'summary']);
    expect(events[0]).toEqual({ event: 'line', cell: 'data', text: 'X_train: (49000, 3, 32, 32)' });
  });
});
