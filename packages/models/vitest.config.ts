import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '@dropout/vitest-config';

// save-load.test.ts spawns a Node process on dist/; the global setup rebuilds it when src/ is newer.
export default mergeConfig(shared, defineConfig({ test: { globalSetup: ['./test/build-dist.ts'] } }));
