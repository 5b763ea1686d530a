// The slice of Vitest's test API the package suites use (describe/it/expect and hooks), on
// maintained parts: Mocha's BDD runner (it runs in a page; Vitest's browser mode serves
// sources through a dev server and cannot test a production build) and Vitest's own matchers
// (@vitest/expect on chai, as Vitest assembles them). The page aliases 'vitest' to this file.
import 'mocha/mocha.js';
import * as chai from 'chai';
import { JestAsymmetricMatchers, JestChaiExpect, JestExtend, getState, setState } from '@vitest/expect';

const { mocha } = globalThis;
/** Every test's outcome, in order, for the Node side to read. */
export const outcomes = [];

function Collector(runner) {
  const full = (t) => t.fullTitle();
  runner.on('pass', (t) => outcomes.push({ name: full(t), state: 'passed', ms: t.duration }));
  runner.on('fail', (t, err) => outcomes.push({ name: full(t), state: 'failed', error: String(err?.stack ?? err) }));
  runner.on('pending', (t) => outcomes.push({ name: full(t), state: 'skipped' }));
}
mocha.setup({ ui: 'bdd', reporter: Collector, timeout: 600_000, checkLeaks: false });

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

/** Vitest's `expect`: the same matchers, counting assertions as Vitest does. */
export const expect = (value, message) => {
  setState({ assertionCalls: getState(expect).assertionCalls + 1 }, expect);
  return chai.expect(value, message);
};
Object.assign(expect, chai.expect);
expect.getState = () => getState(expect);
expect.setState = (state) => setState(state, expect);
expect.extend = (matchers) => chai.expect.extend(expect, matchers);
setState({ assertionCalls: 0, isExpectingAssertions: false, expectedAssertionsNumber: null, testPath: 'browser' }, expect);

const g = globalThis;
// Vitest's (name, fn, timeout | options) and (name, options, fn) both become Mocha's (name, fn).
const body = (a, b) => (typeof a === 'function' ? a : b);
export function describe(name, a, b) {
  return g.describe(name, body(a, b));
}
describe.skip = (name, a, b) => g.describe.skip(name, body(a, b) ?? (() => {}));
describe.runIf = (cond) => (cond ? describe : describe.skip);
describe.skipIf = (cond) => (cond ? describe.skip : describe);

export function it(name, a, b) {
  return g.it(name, body(a, b));
}
it.skip = (name) => g.it.skip(name);
it.runIf = (cond) => (cond ? it : it.skip);
it.skipIf = (cond) => (cond ? it.skip : it);
export const test = it;

export const beforeAll = (fn) => g.before(fn);
export const afterAll = (fn) => g.after(fn);
export const beforeEach = (fn) => g.beforeEach(fn);
export const afterEach = (fn) => g.afterEach(fn);

/** Runs every registered test; resolves when Mocha is done. */
export function runAll() {
  return new Promise((done) => mocha.run(() => done(outcomes)));
}
