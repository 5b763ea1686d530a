export { writeFileAtomic, FileWriteError, fsErrorCause } from '@dropout/tensor/node';
export type { AtomicWriteFs } from '@dropout/tensor/node';
export { readRunRecord, writeRunRecord, RECORD_FILE, MAX_RECORD_BYTES } from './node/record-file.js';
