import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '@dropout/vitest-config';

// The signal tests spawn dist/cli.js; the global setup rebuilds it when src/ is newer.
export default mergeConfig(shared, defineConfig({ test: { globalSetup: ['./test/helpers/build-cli.ts'] } }));
