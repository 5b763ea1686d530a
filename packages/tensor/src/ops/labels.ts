/** Class labels, one integer in `[0, C)` per row (the course's `y`). */
export type Labels = Int32Array | readonly number[];

/** Where labels are checked, for the error messages: `${op}: ${name} has 3 labels but ${rowsOf} has 4 rows`. */
export interface LabelContext {
  op: string;
  /** The labels' name (default 'y'). */
  name?: string;
  /** Rows they label. */
  rows: number;
  /** What has those rows (default 'x'). */
  rowsOf?: string;
  /** Labels must be below this; when omitted, any integer ≥ 0. */
  numClasses?: number;
  /** How to print `numClasses` (`[0, numClasses = 10)`); default the bare number. */
  numClassesName?: string;
}

/**
 * The one label check: an Int32Array or array of `rows` integers in `[0, numClasses)`;
 * returns them as an Int32Array. Errors name the operation, the labels and the first bad one.
 * @example
 *   checkLabels([3, 0, 9], { op: 'softmaxLoss', rows: 3, numClasses: 10 }); // Int32Array [3, 0, 9]
 */
export function checkLabels(y: unknown, c: LabelContext): Int32Array {
  const { op, name = 'y', rows, rowsOf = 'x', numClasses } = c;
  if (!(y instanceof Int32Array) && !Array.isArray(y)) {
    throw new TypeError(`${op}: ${name} must be an Int32Array or an array of class indices, got ${y === null ? 'null' : typeof y}`);
  }
  const labels = y as ArrayLike<number>;
  if (labels.length !== rows) throw new Error(`${op}: ${name} has ${labels.length} labels but ${rowsOf} has ${rows} rows; pass one label per row`);
  for (let i = 0; i < rows; i++) {
    const v = labels[i]!;
    if (numClasses === undefined) {
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`${op}: ${name}[${i}] is ${v}; labels must be integers ≥ 0 (class indices)`);
    } else if (!Number.isInteger(v) || v < 0 || v >= numClasses) {
      const bound = c.numClassesName ? `${c.numClassesName} = ${numClasses}` : `${numClasses}`;
      throw new RangeError(`${op}: label ${name}[${i}] = ${v} is outside [0, ${bound}); labels must be class indices 0..${numClasses - 1}`);
    }
  }
  return Int32Array.from(labels);
}
