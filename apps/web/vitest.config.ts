import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '@dropout/vitest-config';

// The browser tests train nets in Chromium on a 2-core machine: one file at a time, long timeouts.
export default mergeConfig(shared, defineConfig({ test: { fileParallelism: false, testTimeout: 600_000, hookTimeout: 900_000 } }));
