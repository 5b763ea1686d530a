import { defineConfig } from 'vitest/config';

// One Vitest run over every workspace package and app (each has its own vitest.config.ts).
export default defineConfig({
  test: { projects: ['packages/*', 'apps/*', 'tooling/pipeline'] },
});
