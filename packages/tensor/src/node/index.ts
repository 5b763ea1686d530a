// Node-only helpers (the main entry stays browser-safe): the one atomic file writer every
// package's ./node entry and the apps use, and file-system errors in words.
export { writeFileAtomic } from './write-file-atomic.js';
export type { AtomicWriteFs } from './write-file-atomic.js';
export { FileWriteError, fsErrorCause } from './fs-error.js';
