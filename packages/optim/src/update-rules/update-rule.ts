import { Tensor, assertTensor, formatShape } from '@dropout/tensor';

/** What every update rule returns: the new weights and the config to pass to the next call. */
export interface UpdateResult<C> {
  nextW: Tensor;
  /** A new object (the input config is never mutated), holding defaults and updated state. */
  config: C;
}

/** Options of the built-in update rules. */
export interface UpdateRuleOptions {
  /**
   * Give `w` and the config's state tensors (velocity, cache, m, v) to the rule: they are
   * disposed when it returns and their storage may hold the results (`updateStep`'s `donate`
   * of @dropout/tensor), which saves memory traffic. The Solver passes it for parameters that
   * nothing else holds; pass it only when you drop the old weights and state yourself.
   */
  donate?: boolean;
}

/**
 * An update rule `(w, dw, config?, options?) → { nextW, config }` (the course's `optim.py` API).
 * Tensors are immutable: the rule returns new tensors and leaves `w`, `dw` and `config` untouched
 * (unless `options.donate` hands `w` and the state over). A custom rule may ignore `options`.
 * @example
 *   const rule: UpdateRule<SgdConfig> = (w, dw, config) => sgd(w, dw, config);
 */
export type UpdateRule<C = any> = (w: Tensor, dw: Tensor, config?: C, options?: UpdateRuleOptions) => UpdateResult<C>;

/** Course names in snake_case → the camelCase keys used here, for friendlier errors. */
const SNAKE_TO_CAMEL: Record<string, string> = { learning_rate: 'learningRate', decay_rate: 'decayRate' };

/**
 * Throws unless `config` only uses `allowed` keys; an unknown key is named together with the
 * valid ones (and the camelCase spelling when the course's snake_case name was used).
 */
export function assertConfigKeys(where: string, config: object, allowed: readonly string[]): void {
  for (const key of Object.keys(config)) {
    if (allowed.includes(key)) continue;
    const hint = SNAKE_TO_CAMEL[key] ? ` (the course's '${key}' is spelled '${SNAKE_TO_CAMEL[key]}' here)` : '';
    throw new Error(`${where}: unknown config key '${key}'${hint}; valid keys: ${allowed.join(', ')}`);
  }
}

/** Checks `w` and `dw` are live tensors of one shape on one backend. */
export function assertWeights(rule: string, w: unknown, dw: unknown): asserts w is Tensor {
  assertTensor(rule, 'w', w);
  assertTensor(rule, 'dw', dw);
  const a = w as Tensor;
  const b = dw as Tensor;
  if (a.backend !== b.backend) throw new Error(`${rule}: w lives on ${a.backend.name} but dw on ${b.backend.name}; use one backend`);
  if (formatShape(a.shape) !== formatShape(b.shape)) {
    throw new Error(`${rule}: dw has shape ${formatShape(b.shape)} but w has shape ${formatShape(a.shape)}; the gradient must match its weights`);
  }
}

/** A finite number from the config, or the default; names the key when it is not a number. */
export function hyper(rule: string, config: Record<string, unknown>, key: string, fallback: number): number {
  const value = config[key] ?? fallback;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TypeError(`${rule}: config.${key} must be a finite number, got ${JSON.stringify(value) ?? String(value)}`);
  }
  return value;
}

/** A state tensor from the config (null when absent); it must match `w`'s shape and backend. */
export function stateTensor(rule: string, config: Record<string, unknown>, key: string, w: Tensor): Tensor | null {
  const value = config[key];
  if (value === undefined || value === null) return null;
  if (!(value instanceof Tensor)) {
    throw new TypeError(`${rule}: config.${key} must be a Tensor shaped like w (${formatShape(w.shape)}), got ${typeof value}`);
  }
  value.assertLive(`${rule} (config.${key})`);
  if (value.backend !== w.backend || formatShape(value.shape) !== formatShape(w.shape)) {
    throw new Error(
      `${rule}: config.${key} has shape ${formatShape(value.shape)} on ${value.backend.name}, but w has shape ${formatShape(w.shape)} on ${w.backend.name}`,
    );
  }
  return value;
}
