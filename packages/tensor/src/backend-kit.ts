/**
 * `@dropout/tensor/backend-kit`: the base classes for writing a backend, kept off the main
 * entry (users load backends with `loadBackend`, they never construct one). Extend
 * {@link BackendBase} for tensor bookkeeping (tidy scopes, live counts) and implement every
 * `Backend` method, or extend {@link CpuBackend} to override a few methods of the reference
 * loops (the wasm backends do); register it with `registerBackend`.
 * @example
 *   import { CpuBackend } from '@dropout/tensor/backend-kit';
 *   class LoggingCpu extends CpuBackend { override matMul(...args) { console.log('matMul'); return super.matMul(...args); } }
 */
export { BackendBase } from './tracker.js';
export { CpuBackend } from './cpu/cpu-backend.js';
