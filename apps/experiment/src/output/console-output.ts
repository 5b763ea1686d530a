import { progressBar, progressLine, type ProgressState } from '@dropout/notebook';

/** The part of a Node stream the output needs (process.stdout, process.stderr, or a test double). */
export interface TextStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** How the run talks to the person (or program) that started it. */
export interface OutputMode {
  /** One JSON object per line on stdout instead of text. */
  json: boolean;
  /** Only the summary and the paths. */
  quiet: boolean;
}

/**
 * Routes what a run prints: the notebook's lines to stdout, progress to stderr (a redrawn bar
 * with ETA on a terminal, one plain line per epoch otherwise), everything as JSON lines with `--json`.
 * @example
 *   const out = new ConsoleOutput({ json: false, quiet: false }, process.stdout, process.stderr);
 *   out.line('dropout-forward', 'Running tests with p =  0.25');
 */
export class ConsoleOutput {
  #barShown = false;
  #lastDraw = Number.NEGATIVE_INFINITY;

  constructor(
    readonly mode: OutputMode,
    readonly stdout: TextStream,
    readonly stderr: TextStream,
    readonly now: () => number = () => performance.now(),
  ) {}

  /** A line the notebook prints, attributed to its cell. */
  line(cell: string, text: string): void {
    if (this.mode.json) return this.event({ event: 'line', cell, text });
    if (this.mode.quiet) return;
    this.#out(`${text}\n`);
  }

  /** A one-line notice that is not part of the notebook (which data was chosen, where things are). */
  note(text: string): void {
    if (this.mode.json) return this.event({ event: 'note', text });
    if (this.mode.quiet) return;
    this.#out(`${text}\n`);
  }

  /** A line printed even with `--quiet` (the summary, the record and report paths). */
  summary(text: string): void {
    if (this.mode.json) return this.event({ event: 'summary', text });
    this.#out(`${text}\n`);
  }

  /** A warning or error, on stderr (as a JSON event with `--json`). */
  warn(text: string): void {
    if (this.mode.json) return this.event({ event: 'warning', text });
    this.#clearBar();
    this.stderr.write(`${text}\n`);
  }

  /** One machine-readable object; printed only with `--json`. */
  event(value: Record<string, unknown>): void {
    if (this.mode.json) this.stdout.write(`${JSON.stringify(value)}\n`);
  }

  /** Progress of a training run: called per iteration (`epochEnded` false) and per epoch. */
  progress(state: ProgressState, epochEnded: boolean): void {
    if (this.mode.quiet && !this.mode.json) return;
    if (this.mode.json) {
      if (epochEnded) this.event({ event: 'progress', ...state });
      return;
    }
    if (!this.stderr.isTTY) {
      if (epochEnded) this.stderr.write(`${progressLine(state)}\n`);
      return;
    }
    const t = this.now();
    const finished = state.iteration >= state.numIterations;
    if (!epochEnded && !finished && t - this.#lastDraw < 100) return;
    this.#lastDraw = t;
    this.stderr.write(`\r\x1b[K${progressBar(state, this.stderr.columns ?? 80)}`);
    this.#barShown = true;
  }

  /** Removes the bar when a training run ends. */
  progressDone(): void {
    this.#clearBar();
  }

  #out(text: string): void {
    this.#clearBar();
    this.stdout.write(text);
  }

  #clearBar(): void {
    if (!this.#barShown) return;
    this.stderr.write('\r\x1b[K');
    this.#barShown = false;
  }
}
