/** Markup that is already safe to place in the page: built by {@link html}, never from raw record text. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for an HTML text node or a quoted attribute value (`& < > " '`).
 * @example
 *   escapeHtml('<img src=x onerror=alert(1)>'); // '&lt;img src=x onerror=alert(1)&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}

function render(value: unknown): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * Tagged template that escapes every interpolated value unless it is already {@link SafeHtml};
 * arrays are rendered item by item, and `null`, `undefined` and `false` render as nothing.
 * @example
 *   html`<td>${record.name}</td>`.value; // the run name as text, whatever it contains
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/**
 * Marks trusted markup (the SVG that ECharts produced, which escapes its own text) as safe.
 * @example
 *   html`<figure>${trusted(svg)}</figure>`;
 */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/**
 * JSON for the inside of a `<script type="application/json">`: `<`, `>`, `&` and the line
 * separators U+2028/U+2029 become `\uXXXX`, so no value can close the script element.
 * @example
 *   jsonForScript({ name: '</script>' }); // '{"name":"\\u003c/script\\u003e"}'
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
