import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
// @ts-expect-error: a plain .mjs script without types
import { ssrClientText } from '../scripts/gen-ssr-client.mjs';
import { SSR_CLIENT_SOURCE } from '../src/ssr-client-source.js';
import { contentSecurityPolicy, pageScript } from '../src/page-assets.js';

describe('inlined ECharts SSR client', () => {
  it('is the installed echarts file (run node scripts/gen-ssr-client.mjs after an upgrade)', () => {
    expect(SSR_CLIENT_SOURCE).toBe((ssrClientText as () => string)());
    expect(SSR_CLIENT_SOURCE).toContain('hydrate');
  });

  it('the CSP hash is the page script\'s SHA-256 (Node crypto as the reference)', () => {
    const want = createHash('sha256').update(pageScript(), 'utf8').digest('base64');
    expect(contentSecurityPolicy(pageScript())).toContain(`'sha256-${want}'`);
  });
});
