// The one way the workspace's tests start headless Chromium. By default it is the Chromium that
// ships inside the @sparticuz/chromium npm package (unpacked once into a versioned cache folder),
// so `pnpm install && pnpm test` needs no system browser; WebGL2 and WebGPU run on its bundled
// SwiftShader. CHROMIUM_PATH points at another build; `gl: 'mesa'` uses Debian's
// /usr/bin/chromium on Mesa llvmpipe, a second, faster GL path for machines that have it.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sparticuz from '@sparticuz/chromium';
import { chromium } from 'playwright-core';

// The package exports no ./package.json; its entry is build/index.js.
const sparticuzEntry = fileURLToPath(import.meta.resolve('@sparticuz/chromium'));
const sparticuzVersion = JSON.parse(readFileSync(join(dirname(sparticuzEntry), '..', 'package.json'), 'utf8')).version;

/** Flags every launch gets: headless, no sandbox (CI runs as root), nothing phoning home. */
export const BASE_ARGS = ['--headless', '--no-sandbox', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-quic', '--enable-unsafe-webgpu'];

/**
 * The GL paths: `swiftshader` (WebGL2 and WebGPU on Chromium's software Vulkan; works on any
 * Chromium, the default) and `mesa` (WebGL2 on Mesa llvmpipe through EGL, 3–13× faster; needs
 * Debian's chromium and libegl-mesa0, see .ci/system-deps.sh).
 */
export const GL_ARGS = {
  swiftshader: ['--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  mesa: ['--use-angle=gl-egl', '--ignore-gpu-blocklist'],
};

/** Where the packaged Chromium is unpacked (DROPOUT_CHROMIUM_CACHE overrides). */
export function cacheDir() {
  return process.env.DROPOUT_CHROMIUM_CACHE ?? join(tmpdir(), `dropout-chromium-${sparticuzVersion}`);
}

let unpacking;

/**
 * Unpacks @sparticuz/chromium (browser, SwiftShader, fonts) into cacheDir() once and returns the
 * browser's path. Safe under parallel test processes: each unpacks into its own staging folder
 * and renames it into place; a loser of the race drops its copy and uses the winner's.
 */
export function packagedChromium() {
  unpacking ??= unpack();
  return unpacking;
}

async function unpack() {
  const dir = cacheDir();
  const exe = join(dir, 'chromium');
  if (existsSync(join(dir, '.complete'))) return exe;
  mkdirSync(dirname(dir), { recursive: true });
  const stage = `${dir}.stage-${process.pid}-${Date.now()}`;
  mkdirSync(stage, { recursive: true });
  // @sparticuz/chromium unpacks into os.tmpdir(), which Node reads from TMPDIR on each call;
  // every path is computed synchronously inside executablePath(), so TMPDIR is restored at once.
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = stage;
  let pending;
  try {
    pending = sparticuz.executablePath();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  try {
    await pending;
    // Its fonts.conf names /tmp/fonts; point fontconfig at the unpacked copy instead.
    writeFileSync(join(stage, 'fonts.conf'), `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(dir, 'fonts')}</dir>\n  <cachedir>${join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`);
    writeFileSync(join(stage, '.complete'), `${sparticuzVersion}\n`);
    try {
      renameSync(stage, dir);
    } catch (err) {
      if (!existsSync(join(dir, '.complete'))) throw err;
      rmSync(stage, { recursive: true, force: true });
    }
  } catch (err) {
    rmSync(stage, { recursive: true, force: true });
    unpacking = undefined;
    throw new Error(`@dropout/chromium: could not unpack @sparticuz/chromium ${sparticuzVersion} into ${dir}: ${err.message}. `
      + 'Check free space there (about 210 MB) or set DROPOUT_CHROMIUM_CACHE to a writable folder.');
  }
  return exe;
}

/**
 * The options to pass to playwright-core's `chromium.launch` (or `launchPersistentContext`):
 * executable, flags and environment for the chosen GL path.
 *
 * @param {{ gl?: 'swiftshader' | 'mesa', args?: string[] }} [options]
 *   `gl` defaults to DROPOUT_CHROMIUM_GL or `swiftshader`; `args` are appended.
 * @returns {Promise<{ executablePath: string, args: string[], env: Record<string, string>, headless: true, glPath: string }>}
 * @example
 * const options = await chromiumLaunchOptions();
 * const browser = await chromium.launch(options);
 */
export async function chromiumLaunchOptions({ gl = process.env.DROPOUT_CHROMIUM_GL ?? 'swiftshader', args = [] } = {}) {
  if (!(gl in GL_ARGS)) throw new Error(`@dropout/chromium: unknown GL path "${gl}" (DROPOUT_CHROMIUM_GL or options.gl): use ${Object.keys(GL_ARGS).join(' or ')}`);
  const env = { ...process.env };
  let executablePath = process.env.CHROMIUM_PATH;
  if (executablePath) {
    if (!existsSync(executablePath)) throw new Error(`@dropout/chromium: CHROMIUM_PATH=${executablePath} does not exist; unset it to use the Chromium from @sparticuz/chromium`);
  } else if (gl === 'mesa') {
    executablePath = '/usr/bin/chromium';
    if (!existsSync(executablePath)) throw new Error('@dropout/chromium: the mesa GL path needs Debian\'s chromium at /usr/bin/chromium: run `bash .ci/system-deps.sh` as root, or set CHROMIUM_PATH');
  } else {
    executablePath = await packagedChromium();
    env.FONTCONFIG_FILE ??= join(cacheDir(), 'fonts.conf');
  }
  return { executablePath, args: [...BASE_ARGS, ...GL_ARGS[gl], ...args], env, headless: true, glPath: gl };
}

/**
 * Launches headless Chromium (see chromiumLaunchOptions for the options).
 *
 * @param {{ gl?: 'swiftshader' | 'mesa', args?: string[] }} [options]
 * @returns {Promise<import('playwright-core').Browser>}
 * @example
 * const browser = await launchChromium();
 * const page = await browser.newPage();
 */
export async function launchChromium(options) {
  const { glPath: _, ...launch } = await chromiumLaunchOptions(options);
  return chromium.launch(launch);
}

/**
 * What the page's browser really offers, for tests to assert instead of assuming: the WebGL2
 * renderer string (or null), whether a WebGPU adapter exists, crossOriginIsolated, SharedArrayBuffer.
 *
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ webgl2: string | null, webgpu: boolean, crossOriginIsolated: boolean, sharedArrayBuffer: boolean, userAgent: string }>}
 */
export function browserCapabilities(page) {
  return page.evaluate(async () => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const ext = gl && gl.getExtension('WEBGL_debug_renderer_info');
    const adapter = await navigator.gpu?.requestAdapter().catch(() => null);
    return {
      webgl2: gl ? String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : null,
      webgpu: Boolean(adapter),
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      sharedArrayBuffer: typeof SharedArrayBuffer === 'function',
      userAgent: navigator.userAgent,
    };
  });
}
