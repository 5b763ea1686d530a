/** Checks one value at a JSON path (e.g. `record.cells[2].runs[0].seed`); throws naming the path. */
export type Check = (v: unknown, path: string) => void;

const typeOf = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

/** Throws `Invalid run record at <path>: expected <want>, got <value> (<type>)`. */
export function fail(path: string, want: string, got: unknown): never {
  let shown: string;
  if (got === undefined) shown = 'nothing (the field is missing)';
  else if (got !== null && typeof got === 'object') shown = typeOf(got);
  else shown = `${JSON.stringify(got)?.slice(0, 60)}${typeof got === 'string' ? ' (a string)' : ''}`;
  throw new Error(`Invalid run record at ${path}: expected ${want}, got ${shown}`);
}

export const str: Check = (v, p) => { if (typeof v !== 'string') fail(p, 'a string', v); };
export const finite: Check = (v, p) => { if (typeof v !== 'number' || !Number.isFinite(v)) fail(p, 'a finite number', v); };
export const nonNegative: Check = (v, p) => {
  finite(v, p);
  if ((v as number) < 0) fail(p, 'a number ≥ 0', v);
};

/** An integer ≥ `min` (counts, seeds, epochs, shapes). */
export const count = (min: number): Check => (v, p) => {
  finite(v, p);
  if (!Number.isInteger(v) || (v as number) < min) fail(p, `an integer ≥ ${min}`, v);
};

/** A number in (low, 1] or [low, 1] (`closedLow`). */
export const probability = (want: string, low: number, closedLow: boolean): Check => (v, p) => {
  finite(v, p);
  const x = v as number;
  if (x > 1 || x < low || (!closedLow && x === low)) fail(p, want, v);
};

/** An ISO-8601 timestamp such as `2025-08-26T14:03:22.000Z`. */
export const isoDate: Check = (v, p) => {
  str(v, p);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v as string) || Number.isNaN(Date.parse(v as string))) fail(p, 'an ISO date such as 2025-08-26T14:03:22Z', v);
};

/** `check`, or null. */
export const maybe = (check: Check): Check => (v, p) => { if (v !== null) check(v, p); };

export const oneOf = (...values: unknown[]): Check => (v, p) => {
  if (!values.includes(v)) fail(p, `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`, v);
};

export const arrayOf = (item: Check): Check => (v, p) => {
  if (!Array.isArray(v)) fail(p, 'an array', v);
  for (let i = 0; i < v.length; i++) item(v[i], `${p}[${i}]`);
};

export const recordOf = (item: Check): Check => (v, p) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(p, 'an object', v);
  for (const [k, x] of Object.entries(v)) item(x, `${p}.${k}`);
};

/** An object with these fields (extra fields are allowed; `optional` ones may be absent). */
export const shape = (fields: Record<string, Check>, optional: string[] = []): Check => (v, p) => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(p, 'an object', v);
  for (const [k, check] of Object.entries(fields)) {
    const x = (v as Record<string, unknown>)[k];
    if (x === undefined && optional.includes(k)) continue;
    check(x, `${p}.${k}`);
  }
};
