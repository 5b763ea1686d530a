export { writeFileAtomic } from './node/write-file-atomic.js';
export type { AtomicWriteFs } from './node/write-file-atomic.js';
export { FileWriteError, fsErrorCause } from './node/fs-error.js';
export { readRunRecord, writeRunRecord, RECORD_FILE, MAX_RECORD_BYTES } from './node/record-file.js';
