import { adam, adamConfigKeys } from './adam.js';
import { rmsprop, rmspropConfigKeys } from './rmsprop.js';
import { sgd, sgdConfigKeys } from './sgd.js';
import { sgdMomentum, sgdMomentumConfigKeys } from './sgd-momentum.js';
import type { UpdateRule } from './update-rule.js';

/** Names the Solver's `updateRule` option accepts (the course's `'sgd_momentum'` is accepted too). */
export type UpdateRuleName = 'sgd' | 'sgdMomentum' | 'rmsprop' | 'adam';

interface RuleEntry {
  rule: UpdateRule;
  /** The config keys that are hyperparameters (numbers a Solver's `optimConfig` may set). */
  hyperparameters: readonly string[];
}

const entries: Record<UpdateRuleName, RuleEntry> = {
  sgd: { rule: sgd, hyperparameters: sgdConfigKeys },
  sgdMomentum: { rule: sgdMomentum, hyperparameters: sgdMomentumConfigKeys.filter((k) => k !== 'velocity') },
  rmsprop: { rule: rmsprop, hyperparameters: rmspropConfigKeys.filter((k) => k !== 'cache') },
  adam: { rule: adam, hyperparameters: adamConfigKeys.filter((k) => k !== 'm' && k !== 'v' && k !== 't') },
};

/** The course's snake_case spellings. */
const aliases: Record<string, UpdateRuleName> = { sgd_momentum: 'sgdMomentum' };

/** Every name `resolveUpdateRule` accepts, canonical names first. @example updateRuleNames; // ['sgd', 'sgdMomentum', 'rmsprop', 'adam', 'sgd_momentum'] */
export const updateRuleNames: readonly string[] = [...Object.keys(entries), ...Object.keys(aliases)];

/** A named rule with its canonical name and config keys, or a custom function (name 'custom'). */
export interface ResolvedUpdateRule {
  name: UpdateRuleName | 'custom';
  rule: UpdateRule;
  /** Hyperparameter keys a Solver's `optimConfig` may set; null for custom rules (not checked). */
  hyperparameters: readonly string[] | null;
}

/**
 * Looks up an update rule by name (`'sgd'`, `'sgdMomentum'`/`'sgd_momentum'`, `'rmsprop'`,
 * `'adam'`) or passes a custom rule function through; unknown names throw, listing valid ones.
 * @example
 *   resolveUpdateRule('sgd_momentum').name; // 'sgdMomentum'
 */
export function resolveUpdateRule(updateRule: UpdateRuleName | 'sgd_momentum' | UpdateRule): ResolvedUpdateRule {
  if (typeof updateRule === 'function') return { name: 'custom', rule: updateRule, hyperparameters: null };
  const name = typeof updateRule === 'string' ? (aliases[updateRule] ?? updateRule) : updateRule;
  if (typeof name !== 'string' || !Object.hasOwn(entries, name)) {
    throw new Error(
      `Unknown update rule ${JSON.stringify(updateRule) ?? String(updateRule)}; valid rules: ${updateRuleNames.map((n) => `'${n}'`).join(', ')}, or a function (w, dw, config) => { nextW, config }`,
    );
  }
  const entry = entries[name as UpdateRuleName];
  return { name: name as UpdateRuleName, rule: entry.rule, hyperparameters: entry.hyperparameters };
}
