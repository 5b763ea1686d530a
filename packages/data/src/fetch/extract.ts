import { mkdir, rm } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

const ALLOWED_TYPES = new Set(['File', 'OldFile', 'ContiguousFile', 'Directory', 'SymbolicLink', 'Link']);

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** Why an entry must not be extracted into `root`, or null when it is safe. */
function unsafeReason(root: string, entry: { path: string; type: string; linkpath?: string }): string | null {
  const { path, type, linkpath } = entry;
  if (isAbsolute(path) || /^[a-zA-Z]:[\\/]/.test(path)) return `entry "${path}" has an absolute path`;
  const target = resolve(root, path);
  if (!inside(root, target) || path.split(/[\\/]/).includes('..')) return `entry "${path}" would land outside ${root}`;
  if (!ALLOWED_TYPES.has(type)) return `entry "${path}" is a ${type}, not a file or folder`;
  if (type === 'SymbolicLink' && (!linkpath || isAbsolute(linkpath) || !inside(root, resolve(dirname(target), linkpath)))) {
    return `symlink "${path}" points outside ${root} (to "${linkpath}")`;
  }
  if (type === 'Link' && (!linkpath || isAbsolute(linkpath) || !inside(root, resolve(root, linkpath)))) {
    return `hard link "${path}" points outside ${root} (to "${linkpath}")`;
  }
  return null;
}

/**
 * Extracts a .tar.gz into a fresh folder `into` with node-tar, refusing the whole archive when
 * any entry would land outside it (`../`, absolute paths, links pointing out, devices). On
 * refusal or error `into` is removed and nothing was written elsewhere.
 * @example
 *   await extractTarSafely('data/cifar-10-python.tar.gz', 'data/.extract-1234');
 */
export async function extractTarSafely(archive: string, into: string): Promise<void> {
  const { x } = await import('tar');
  const root = resolve(into);
  await mkdir(root, { recursive: true });
  const refused: string[] = [];
  const warnings: string[] = [];
  try {
    await x({
      file: archive,
      cwd: root,
      preservePaths: false,
      preserveOwner: false,
      filter: (path, entry) => {
        const reason = unsafeReason(root, { path, type: 'type' in entry ? entry.type : 'File', linkpath: 'linkpath' in entry ? entry.linkpath : undefined });
        if (reason) refused.push(reason);
        return reason === null && refused.length === 0;
      },
      onwarn: (code, message) => {
        if (code !== 'TAR_ENTRY_INFO') warnings.push(`${code}: ${message}`);
      },
    });
    if (refused.length > 0) throw new Error(`Refusing ${archive}: ${refused.join('; ')}. Nothing was extracted; the archive is not the official one`);
    if (warnings.length > 0) throw new Error(`Could not extract ${archive}: ${warnings.join('; ')}. Delete it and download again`);
  } catch (err) {
    await rm(root, { recursive: true, force: true });
    throw err;
  }
}
