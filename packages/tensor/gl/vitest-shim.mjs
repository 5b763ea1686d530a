// The slice of Vitest's API the suites use (describe / it / expect), for running them in a
// browser page without Vitest. Tests are collected at import time and run by runAll().
// A matcher this shim lacks fails the test that uses it, so nothing passes by omission.
const tests = [];
const stack = [];

function fullName(name) {
  return [...stack, name].join(' > ');
}

export function describe(name, fn) {
  stack.push(name);
  try {
    fn();
  } finally {
    stack.pop();
  }
}
describe.skip = (name) => tests.push({ name: fullName(name), skip: true });
describe.runIf = (cond) => (cond ? describe : describe.skip);
describe.skipIf = (cond) => (cond ? describe.skip : describe);

export function it(name, fn, options) {
  const f = typeof fn === 'function' ? fn : options;
  tests.push({ name: fullName(name), fn: f });
}
it.skip = (name) => tests.push({ name: fullName(name), skip: true });
it.runIf = (cond) => (cond ? it : it.skip);
it.skipIf = (cond) => (cond ? it.skip : it);
it.todo = it.skip;
export const test = it;

const hooks = { beforeEach: [], afterEach: [] };
export const beforeEach = (fn) => hooks.beforeEach.push(fn);
export const afterEach = (fn) => hooks.afterEach.push(fn);
export const beforeAll = (fn) => fn();
export const afterAll = () => {};

function show(v) {
  try {
    return typeof v === 'string' ? JSON.stringify(v) : ArrayBuffer.isView(v) ? `${v.constructor.name}[${Array.from(v).join(', ')}]` : JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function deepEqual(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    return ArrayBuffer.isView(a) && ArrayBuffer.isView(b) && a.constructor === b.constructor && a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
}

function matchesError(err, expected) {
  if (expected === undefined) return true;
  const message = err instanceof Error ? err.message : String(err);
  if (expected instanceof RegExp) return expected.test(message);
  if (typeof expected === 'string') return message.includes(expected);
  if (typeof expected === 'function') return err instanceof expected;
  return false;
}

function matchers(actual, label, negate) {
  const check = (pass, what) => {
    if (pass === negate) throw new Error(`${label ? `${label}: ` : ''}expected ${show(actual)} ${negate ? 'not ' : ''}${what}`);
  };
  return {
    toBe: (e) => check(Object.is(actual, e), `to be ${show(e)}`),
    toEqual: (e) => check(deepEqual(actual, e), `to equal ${show(e)}`),
    toStrictEqual: (e) => check(deepEqual(actual, e), `to strictly equal ${show(e)}`),
    toBeInstanceOf: (c) => check(actual instanceof c, `to be an instance of ${c.name}`),
    toBeCloseTo: (e, digits = 2) => check(Math.abs(actual - e) < 10 ** -digits / 2, `to be close to ${e} (${digits} digits)`),
    toBeGreaterThan: (e) => check(actual > e, `to be > ${e}`),
    toBeGreaterThanOrEqual: (e) => check(actual >= e, `to be >= ${e}`),
    toBeLessThan: (e) => check(actual < e, `to be < ${e}`),
    toBeLessThanOrEqual: (e) => check(actual <= e, `to be <= ${e}`),
    toBeTruthy: () => check(!!actual, 'to be truthy'),
    toBeFalsy: () => check(!actual, 'to be falsy'),
    toBeDefined: () => check(actual !== undefined, 'to be defined'),
    toBeUndefined: () => check(actual === undefined, 'to be undefined'),
    toBeNull: () => check(actual === null, 'to be null'),
    toBeNaN: () => check(Number.isNaN(actual), 'to be NaN'),
    toHaveLength: (n) => check(actual?.length === n, `to have length ${n}`),
    toContain: (x) => check(actual.includes(x), `to contain ${show(x)}`),
    toMatch: (re) => check(typeof re === 'string' ? actual.includes(re) : re.test(actual), `to match ${re}`),
    toThrow: (expected) => {
      let threw = false;
      let err;
      try {
        actual();
      } catch (e) {
        threw = true;
        err = e;
      }
      const ok = threw && matchesError(err, expected);
      if (ok === negate) {
        throw new Error(`expected function ${negate ? 'not ' : ''}to throw ${expected ?? ''}${threw ? `, it threw: ${err?.message ?? err}` : ', it did not throw'}`);
      }
    },
  };
}

function asyncMatchers(promise, label, mode) {
  return new Proxy({}, {
    get: (_, key) => async (...args) => {
      let value;
      let error;
      let rejected = false;
      try {
        value = await promise;
      } catch (e) {
        rejected = true;
        error = e;
      }
      if (mode === 'rejects') {
        if (!rejected) throw new Error('expected promise to reject');
        if (key === 'toThrow') return matchers(() => { throw error; }, label, false).toThrow(...args);
        return matchers(error, label, false)[key](...args);
      }
      if (rejected) throw error;
      return matchers(value, label, false)[key](...args);
    },
  });
}

export function expect(actual, label) {
  const m = matchers(actual, label, false);
  m.not = matchers(actual, label, true);
  m.rejects = asyncMatchers(actual, label, 'rejects');
  m.resolves = asyncMatchers(actual, label, 'resolves');
  return m;
}

/** Runs every collected test in order; returns counts and the failures. */
export async function runAll(log) {
  const result = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for (const t of tests) {
    if (t.skip || !t.fn) {
      result.skipped++;
      log(`SKIP ${t.name}`);
      continue;
    }
    try {
      for (const h of hooks.beforeEach) await h();
      await t.fn();
      for (const h of hooks.afterEach) await h();
      result.passed++;
      log(`PASS ${t.name}`);
    } catch (err) {
      result.failed++;
      result.failures.push({ name: t.name, message: String(err?.stack ?? err) });
      log(`FAIL ${t.name}: ${err?.message ?? err}`);
    }
  }
  return result;
}
