// Spawns the built CLI as a child process in a folder of the test's choosing.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment without the variables that would point the CLI at a real CIFAR-10 copy. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra };
  if (!('DROPOUT_DATA' in extra)) delete env.DROPOUT_DATA;
  if (!('CIFAR10_DIR' in extra)) delete env.CIFAR10_DIR;
  return env;
}

/** Starts the CLI; `onStdout` sees the output as it arrives (e.g. to send SIGINT at the right moment). */
export function startCli(args: string[], cwd: string, onStdout?: (soFar: string, child: ChildProcess) => void, env = cleanEnv()): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      onStdout?.(stdout, child);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
