import { describe, expect, it } from 'vitest';
import { escapeHtml, html, jsonForScript, trusted } from '../src/escape.js';
import { renderReport } from '../src/render-report.js';
import { regularizationCell } from '../src/series.js';
import { cloneRecord, loadFixture } from './load-fixture.js';

const attack = '<img src=x onerror=alert(1)>';

describe('escaping helpers', () => {
  it('escapeHtml replaces the five HTML-special characters', () => {
    expect(escapeHtml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&#39;f');
    expect(escapeHtml(attack)).toBe('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('html`` escapes interpolated strings and arrays but keeps trusted markup', () => {
    const out = html`<p title="${'"x"'}">${attack}${['<b>', trusted('<i>ok</i>')]}${null}${undefined}${false}${0}</p>`.value;
    expect(out).toBe('<p title="&quot;x&quot;">&lt;img src=x onerror=alert(1)&gt;&lt;b&gt;<i>ok</i>0</p>');
  });

  it('jsonForScript cannot close its script element and round-trips through JSON.parse', () => {
    const value = { name: '</script><script>alert(1)</script>', sep: '\u2028', amp: 'a&b' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('every string from a record is escaped in the report', () => {
  const record = cloneRecord(loadFixture('complete'));
  record.name = attack;
  record.missing = [attack];
  record.config.updateRule = attack;
  record.config.note = { evil: attack };
  record.backend.name = attack;
  record.versions[attack] = attack;
  record.machine.cpuModel = attack;
  record.dataset!.source = attack;
  const reg = regularizationCell(record)!;
  reg.runs[0]!.name = attack;
  reg.runs[0]!.logLines.push(attack);
  reg.error = attack;
  reg.status = 'failed';
  const page = renderReport([record, loadFixture('sweep')]);

  it('never emits the attack as markup', () => {
    expect(page).not.toContain('<img');
    expect(page).not.toMatch(/onerror=alert\(1\)>/);
  });

  it('shows it as text (escaped) in the header, tables, logs, chart legends and context', () => {
    const shown = page.split('&lt;img src=x onerror=alert(1)&gt;').length - 1;
    expect(shown).toBeGreaterThanOrEqual(10);
    // The run name reaches the charts' legends (as "<name> · keep 1.00")…
    expect(page).toMatch(/<li><span class="swatch"[^>]*><\/span>&lt;img src=x onerror=alert\(1\)&gt; · keep 1\.00<\/li>/);
    // …and the tooltip data, as JSON that cannot close its script element.
    expect(page).toContain('\\u003cimg src=x onerror=alert(1)\\u003e · keep 1.00');
  });

  it('a name that tries to close a script element stays inside the JSON', () => {
    const r = cloneRecord(loadFixture('complete'));
    r.name = '</script><script>alert(2)</script>';
    const out = renderReport([r, loadFixture('complete')]);
    expect(out).not.toContain('<script>alert(2)');
    expect(out.match(/<script/g)).toHaveLength(1 + 5); // the page's script and one data block per chart
  });
});
