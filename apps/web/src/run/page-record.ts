import type { RunRecord } from '@dropout/run-record';
import { newRunRecord, type NotebookOptions } from '@dropout/notebook';
import type { Backend } from '@dropout/tensor';
import webPackage from '../../package.json';

/** What the page's controls choose: the notebook's options plus data and backend. */
export interface PageRunOptions extends NotebookOptions {
  /** 'mnist': the embedded digits; 'cifar10': the files the reader chose. */
  dataset: 'mnist' | 'cifar10';
  /** The backend control's value ('auto', 'wasm32', 'gpujs:webgl2', …). */
  backend: string;
  /** Run name in the record and file names. */
  name: string;
}

/** The browser as the record's `machine` (what a page may know; no fingerprinting beyond that). */
function pageMachine(): RunRecord['machine'] {
  const nav = navigator as Navigator & { deviceMemory?: number; userAgentData?: { platform?: string } };
  return {
    platform: nav.userAgentData?.platform || navigator.platform || 'browser',
    arch: 'browser',
    cpuModel: 'unknown (a page cannot read it)',
    cpuCount: navigator.hardwareConcurrency || 1,
    totalMemGiB: nav.deviceMemory ?? 0,
  };
}

/**
 * A new record for a page run, in the schema the CLI writes: every asked cell skipped, status
 * partial until the run ends; `config` holds the same fields as `pnpm experiment` writes.
 * @example
 *   const record = newPageRecord(options, trainingBackend, cpu64, new Date());
 */
export function newPageRecord(options: PageRunOptions, trainingBackend: Backend, cpu64: Backend, createdAt: Date): RunRecord {
  return newRunRecord({
    name: options.name, createdAt, options, trainingBackend, gradcheckBackend: cpu64,
    ranDataset: options.cells.some((c) => c === 'data' || c === 'regularization') ? options.dataset : 'none',
    dataDir: null,
    extraConfig: {
      // The page has no command line, so no flag goes unused (the CLI lists the ones it ignored).
      ignoredFlags: [],
      // A page keeps no files: the trained nets are not saved (the CLI's --no-save-models).
      saveModels: false,
      runner: 'web',
    },
    dataset: null,
    versions: { browser: navigator.userAgent, '@dropout/web': webPackage.version },
    machine: pageMachine(),
  });
}
