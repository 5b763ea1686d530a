import type { Browser, Page } from 'playwright-core';

export type GlPath = 'swiftshader' | 'mesa';
export interface ChromiumOptions {
  /** GL path; defaults to DROPOUT_CHROMIUM_GL or 'swiftshader'. */
  gl?: GlPath;
  /** Extra Chromium flags, appended. */
  args?: string[];
}
export interface ChromiumLaunchOptions {
  executablePath: string;
  args: string[];
  env: Record<string, string>;
  headless: true;
  glPath: GlPath;
}
export interface BrowserCapabilities {
  webgl2: string | null;
  webgpu: boolean;
  crossOriginIsolated: boolean;
  sharedArrayBuffer: boolean;
  userAgent: string;
}
export declare const BASE_ARGS: readonly string[];
export declare const GL_ARGS: Readonly<Record<GlPath, readonly string[]>>;
export declare function cacheDir(): string;
export declare function packagedChromium(): Promise<string>;
export declare function chromiumLaunchOptions(options?: ChromiumOptions): Promise<ChromiumLaunchOptions>;
export declare function launchChromium(options?: ChromiumOptions): Promise<Browser>;
export declare function browserCapabilities(page: Page): Promise<BrowserCapabilities>;
