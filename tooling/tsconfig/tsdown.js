// The one build configuration every publishable package inherits: ESM + .d.ts into dist/,
// dependencies left external, checked with publint after each build.
import { defineConfig } from 'tsdown';

export function libraryConfig(overrides = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm'],
    platform: 'neutral',
    target: 'es2022',
    dts: true,
    clean: true,
    sourcemap: true,
    outDir: 'dist',
    ...overrides,
  });
}
