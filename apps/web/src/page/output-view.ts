import { CELL_TITLES, etaMs, formatDuration, type CellId, type ProgressState } from '@dropout/notebook';

/** One <pre> per cell, holding the lines the cell printed (the CLI's stdout, cell by cell). */
export class OutputView {
  #blocks = new Map<string, HTMLPreElement>();
  constructor(readonly container: HTMLElement) {}

  clear(): void {
    this.#blocks.clear();
    this.container.replaceChildren();
  }

  /** Starts a cell's block, titled as the notebook's section. */
  cell(id: string): void {
    const section = document.createElement('section');
    section.className = 'cell-output';
    section.dataset.cell = id;
    const h = document.createElement('h3');
    h.textContent = CELL_TITLES[id as CellId] ?? id;
    const pre = document.createElement('pre');
    pre.setAttribute('tabindex', '0');
    pre.setAttribute('aria-label', `Output of ${h.textContent}`);
    section.append(h, pre);
    this.container.append(section);
    this.#blocks.set(id, pre);
  }

  line(id: string, text: string): void {
    if (!this.#blocks.has(id)) this.cell(id);
    this.#blocks.get(id)!.append(`${text}\n`);
  }

  /** Everything printed, in order, as the CLI prints it to stdout. */
  text(): string {
    return [...this.#blocks.values()].map((p) => p.textContent).join('');
  }
}

/** A <progress> per training run with epoch, percentage and ETA, like the CLI's bar. */
export class ProgressView {
  #bars = new Map<string, { bar: HTMLProgressElement; text: HTMLSpanElement }>();
  constructor(readonly container: HTMLElement) {}

  clear(): void {
    this.#bars.clear();
    this.container.replaceChildren();
  }

  update(state: ProgressState): void {
    let entry = this.#bars.get(state.label);
    if (!entry) {
      const row = document.createElement('div');
      row.className = 'progress-row';
      const label = document.createElement('label');
      label.textContent = state.label;
      const bar = document.createElement('progress');
      bar.setAttribute('aria-label', `Training ${state.label}`);
      const text = document.createElement('span');
      label.append(bar);
      row.append(label, text);
      this.container.append(row);
      entry = { bar, text };
      this.#bars.set(state.label, entry);
    }
    entry.bar.max = state.numIterations;
    entry.bar.value = state.iteration;
    const eta = etaMs(state);
    const pct = state.numIterations > 0 ? Math.floor((100 * state.iteration) / state.numIterations) : 0;
    entry.text.textContent = `${pct}% · epoch ${state.epoch}/${state.numEpochs} · elapsed ${formatDuration(state.elapsedMs)} · ${
      state.iteration >= state.numIterations ? 'done' : eta === null ? 'ETA --:--' : `ETA ${formatDuration(eta)}`
    }`;
  }

  /** Marks the bars of runs that did not finish as stopped. */
  stopped(): void {
    for (const { bar, text } of this.#bars.values()) {
      if (bar.value < bar.max) text.textContent += ' · stopped';
    }
  }
}
