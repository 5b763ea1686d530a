// The install command the gpu.js errors name: both the main entry (gpujs-entry.ts, which must not
// load gpu.js) and the gpu.js entry (gpujs/modes.ts) print it, so it lives in neither.

/** The install command the gpu.js errors name. */
export const GPUJS_INSTALL = 'npm install gpu.js@2.24.1';
