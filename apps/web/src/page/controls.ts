import { CELL_IDS, CELL_TITLES, NOTEBOOK_DEFAULTS, type CellId } from '@dropout/notebook';
import type { BackendOffer } from '../run/backends.js';
import type { PageRunOptions } from '../run/page-record.js';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

/** Puts one labelled checkbox per cell into the form, checked as the CLI's default `--cells` (the notebook's five). */
export function renderCellChoices(): void {
  $('cells').replaceChildren(
    ...CELL_IDS.map((id) => {
      const label = document.createElement('label');
      const box = document.createElement('input');
      Object.assign(box, { type: 'checkbox', name: 'cells', value: id, checked: NOTEBOOK_DEFAULTS.cells.includes(id), id: `cell-${id}` });
      label.append(box, ` ${CELL_TITLES[id]} `);
      const code = document.createElement('code');
      code.textContent = id;
      label.append(code);
      return label;
    }),
  );
}

/** Fills the backend control: every offer, the unavailable ones disabled and saying why. */
export function renderBackendChoices(offers: BackendOffer[]): void {
  $('backend').replaceChildren(
    ...offers.map((offer) => {
      const option = document.createElement('option');
      option.value = offer.id;
      option.disabled = !offer.available;
      option.textContent = offer.available ? offer.label : `${offer.label} — not available: ${offer.why}`;
      return option;
    }),
  );
}

function numberList(text: string, field: string, check: (n: number) => boolean, want: string, errors: string[]): number[] {
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  const values = parts.map(Number);
  if (parts.length === 0) errors.push(`${field}: give at least one value (${want})`);
  const bad = parts.filter((_, i) => !check(values[i]!));
  if (bad.length) errors.push(`${field}: ${bad.map((b) => `'${b}'`).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not ${want}`);
  return values;
}

function positiveInt(id: string, field: string, errors: string[]): number {
  const text = $<HTMLInputElement>(id).value.trim();
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) errors.push(`${field}: '${text}' is not a whole number ≥ 1`);
  return n;
}

/**
 * Reads the form into run options, or the list of what is wrong (each naming its field).
 * @example
 *   const { options, errors } = readControls();
 */
export function readControls(): { options: PageRunOptions | null; errors: string[] } {
  const errors: string[] = [];
  const cells = CELL_IDS.filter((id) => $<HTMLInputElement>(`cell-${id}`).checked) as CellId[];
  if (cells.length === 0) errors.push('Cells: choose at least one cell');
  const keepRatios = numberList($<HTMLInputElement>('keep-ratios').value, 'Keep ratios', (p) => p > 0 && p <= 1, 'a number in (0, 1]', errors);
  const seeds = numberList($<HTMLInputElement>('seeds').value, 'Seeds', (s) => Number.isInteger(s) && s >= 0 && s < 2 ** 32, 'a whole number in 0 … 2³²−1', errors);
  const numEpochs = positiveInt('epochs', 'Epochs', errors);
  const numTrain = positiveInt('num-train', 'Training examples', errors);
  const batchSize = positiveInt('batch-size', 'Batch size', errors);
  const numVal = positiveInt('num-val', 'Validation images', errors);
  const numTest = positiveInt('num-test', 'Test images', errors);
  const dataset = (document.querySelector<HTMLInputElement>('input[name=dataset]:checked')?.value ?? 'mnist') as 'mnist' | 'cifar10';
  const options: PageRunOptions = {
    ...NOTEBOOK_DEFAULTS,
    cells,
    keepRatios,
    seeds,
    numEpochs,
    numTrain,
    batchSize,
    numVal,
    numTest,
    rng: $<HTMLSelectElement>('rng').value as 'numpy' | 'seedrandom',
    backend: $<HTMLSelectElement>('backend').value,
    dataset,
    name: `web-${dataset}`,
  };
  return { options: errors.length ? null : options, errors };
}

/**
 * Sets the form from URL query parameters with the CLI's flag names (`?epochs=2&cells=data,dropout-forward`),
 * so a teacher can hand out a link to one configuration.
 * @example
 *   applyQuery(new URLSearchParams('epochs=2&backend=cpu32'));
 */
export function applyQuery(query: URLSearchParams): void {
  const set = (param: string, id: string) => {
    const value = query.get(param);
    if (value !== null) $<HTMLInputElement | HTMLSelectElement>(id).value = value;
  };
  set('keep-ratios', 'keep-ratios');
  set('seeds', 'seeds');
  set('epochs', 'epochs');
  set('num-train', 'num-train');
  set('batch-size', 'batch-size');
  set('num-val', 'num-val');
  set('num-test', 'num-test');
  set('rng', 'rng');
  set('backend', 'backend');
  const cells = query.get('cells');
  if (cells !== null) {
    const wanted = cells.split(',');
    for (const id of CELL_IDS) $<HTMLInputElement>(`cell-${id}`).checked = wanted.includes(id);
  }
}

/** Enables or disables everything that changes a run while one is going. */
export function lockControls(running: boolean): void {
  for (const el of document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('#controls fieldset input, #controls fieldset select')) el.disabled = running;
  $<HTMLButtonElement>('start').disabled = running;
  $<HTMLButtonElement>('stop').disabled = !running;
}
