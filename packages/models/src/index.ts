export { FullyConnectedNet } from './fully-connected-net.js';
export type { LossAndGrads } from './fully-connected-net.js';
export type { FullyConnectedNetOptions, Normalization } from './options.js';
export type { FullyConnectedNetState, BatchnormState } from './state.js';
