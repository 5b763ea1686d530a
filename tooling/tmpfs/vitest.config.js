import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedConfig } from '@dropout/vitest-config';

export default mergeConfig(sharedConfig, defineConfig({ test: { include: ['test/**/*.test.js'] } }));
