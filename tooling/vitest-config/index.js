// Shared Vitest defaults for every package: node environment and generous timeouts for gpu.js
// kernel compilation. (There is no `slow` tag: no suite needs one; speed is checked by `pnpm bench`.)
import { defineConfig } from 'vitest/config';

export const sharedConfig = defineConfig({
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Under CI each package also writes a JSON summary, which .ci/run adds up into one line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.test-results/vitest.json' }]] : ['default'],
  },
});

export default sharedConfig;
