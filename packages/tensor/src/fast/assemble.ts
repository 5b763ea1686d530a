import wabtInit from 'wabt';
import { moduleWat } from './wat/module-wat.js';

const features = { simd: true, relaxed_simd: true, threads: true, bulk_memory: true };

/**
 * Assembles the kernel module with wabt (a devDependency: this runs in tests and when
 * regenerating `module-bytes.ts`, never in the published package).
 * @example
 *   const bytes = await assembleModule(true); // with relaxed-SIMD FMA
 */
export async function assembleModule(fma: boolean): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const module = wabt.parseWat('fast-kernels.wat', moduleWat(fma), features);
  try {
    // wabt's typings omit validate's feature argument; without it shared memory is rejected.
    (module.validate as (this: typeof module, f: typeof features) => void).call(module, features);
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

/** Base64 of bytes, for the generated TypeScript module. */
export function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}

/** The text of `module-bytes.ts` for the current generators. */
export async function moduleBytesSource(): Promise<string> {
  const [fma, plain] = await Promise.all([assembleModule(true), assembleModule(false)]);
  return [
    '// Generated from src/fast/wat/*.ts by src/fast/assemble.ts; do not edit.',
    '// Regenerate: cd packages/tensor && UPDATE_WASM=1 npx vitest run src/fast/module-bytes.test.ts',
    '',
    '/** The kernel module with relaxed-SIMD fused multiply-add (base64). */',
    `export const fmaModuleBase64 = '${toBase64(fma)}';`,
    '',
    '/** The kernel module with separate multiply and add, for engines without relaxed SIMD (base64). */',
    `export const plainModuleBase64 = '${toBase64(plain)}';`,
    '',
  ].join('\n');
}
