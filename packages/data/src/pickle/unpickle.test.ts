import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cifarPy2Pickle, makeImages } from '../testing.js';
import { unpickle } from './unpickle.js';
import { NdArray, PyBytes, type PyValue } from './values.js';

const fixtures = join(import.meta.dirname, '../../test/fixtures');
const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));
const text = (v: PyValue) => (v instanceof PyBytes ? v.latin1() : v);

describe('unpickle', () => {
  for (const [name, file] of [['Python 2.7 cPickle', 'py2-cpickle/data_batch_1'], ['Python 3 pickle + NumPy 2, bytes keys', 'py3-numpy/data_batch_1']]) {
    it(`reads a CIFAR-10 batch dict written by ${name}`, () => {
      const batch = unpickle(readFileSync(join(fixtures, file))) as Map<PyValue, PyValue>;
      expect([...batch.keys()].sort()).toEqual(['batch_label', 'data', 'filenames', 'labels']);
      const data = batch.get('data') as NdArray;
      expect(data).toBeInstanceOf(NdArray);
      expect(data.shape).toEqual([3, 3072]);
      expect(data.dtype?.code).toBe('u1');
      expect(data.dtype?.byteOrder).toBe('|');
      expect(data.fortranOrder).toBe(false);
      expect(Buffer.from(data.data).equals(Buffer.from(makeImages(3)))).toBe(true);
      expect(batch.get('labels')).toEqual([3, 9, 0]);
      expect(text(batch.get('batch_label')!)).toBe('training batch 1 of 5');
      expect((batch.get('filenames') as PyValue[]).map(text)).toEqual(['fixture_0.png', 'fixture_1.png', 'fixture_2.png']);
    });
  }

  it('returns the array bytes as a view into the file, not a copy', () => {
    const file = readFileSync(join(fixtures, 'py2-cpickle/data_batch_1'));
    const data = (unpickle(file) as Map<PyValue, PyValue>).get('data') as NdArray;
    expect(data.data.buffer).toBe(file.buffer);
  });

  it('the test helper writes the same bytes as Python 2 cPickle', () => {
    const written = cifarPy2Pickle({ data: makeImages(3), labels: [3, 9, 0], batchLabel: 'training batch 1 of 5', filenames: ['fixture_0.png', 'fixture_1.png', 'fixture_2.png'] });
    expect(Buffer.from(written).equals(readFileSync(join(fixtures, 'py2-cpickle/data_batch_1')))).toBe(true);
  });

  it('reads batches.meta (BININT2 values, a list of names)', () => {
    const meta = unpickle(readFileSync(join(fixtures, 'py2-cpickle/batches.meta'))) as Map<PyValue, PyValue>;
    expect(meta.get('num_cases_per_batch')).toBe(10000);
    expect(meta.get('num_vis')).toBe(3072);
    expect((meta.get('label_names') as PyValue[]).map(text)).toEqual(['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']);
  });

  it('reads longs, floats, booleans, None, tuples, memo gets and UTF-8 text (protocol 2)', () => {
    // python3: pickle.dumps([2**40, -2**70, -1, 1.5, True, None, (1, 2), {'k': 'é'}, 70000], protocol=2)
    const value = unpickle(hex('80025d7100288a060000000000018a090000000000000000c04affffffff473ff8000000000000884e4b014b028671017d710258010000006b71035802000000c3a97104734a70110100652e'));
    expect(value).toEqual([2 ** 40, -(2n ** 70n), -1, 1.5, true, null, [1, 2], new Map([['k', 'é']]), 70000]);
  });

  it('reads protocol 4 framing, MEMOIZE and short bytes', () => {
    // python3: pickle.dumps({'a': [b'xy', b'xy']}, protocol=4)
    const value = unpickle(hex('80049513000000000000007d948c0161945d94284302787994680365732e')) as Map<PyValue, PyValue>;
    expect((value.get('a') as PyValue[]).map(text)).toEqual(['xy', 'xy']);
  });

  it('reads protocol 0 text opcodes', () => {
    // python2: pickle.dumps({'a': [1, 'xy', u'z', 2**70, 1.5]}, 0)
    const value = unpickle(hex('286470300a532761270a70310a286c70320a49310a6153277879270a70330a61567a0a70340a614c313138303539313632303731373431313330333432344c0a6146312e350a61732e')) as Map<PyValue, PyValue>;
    const list = value.get('a') as PyValue[];
    expect([list[0], text(list[1]!), list[2], list[3], list[4]]).toEqual([1, 'xy', 'z', 2n ** 70n, 1.5]);
  });

  it('refuses to call anything but NumPy and bytes constructors', () => {
    // GLOBAL os.system, ('ls',), REDUCE
    const evil = Uint8Array.from([0x80, 2, ...Buffer.from('cos\nsystem\n'), 0x55, 2, ...Buffer.from('ls'), 0x85, 0x52, 0x2e]);
    expect(() => unpickle(evil)).toThrow(/os\.system/);
  });

  it('reports truncated data and unknown opcodes with the byte position', () => {
    const file = readFileSync(join(fixtures, 'py2-cpickle/data_batch_1'));
    expect(() => unpickle(file.subarray(0, 5000))).toThrow(/unexpected end of data at byte 152 \(wanted 9216 more/);
    expect(() => unpickle(file.subarray(0, file.length - 1))).toThrow(/no STOP opcode/);
    expect(() => unpickle(Uint8Array.from([0x80, 2, 0xff]))).toThrow(/unsupported pickle opcode 0xff .* at byte 2/);
  });
});
