// Node-only helpers of @dropout/optim: checkpoint files. The main entry imports no node:* module.
export { saveCheckpoint, readCheckpoint } from './checkpoint-file.js';
