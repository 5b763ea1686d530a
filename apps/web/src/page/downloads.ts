/**
 * Saves `text` as a file through the browser's download (a blob: URL of this page; nothing is sent anywhere).
 * @example
 *   download('record.json', JSON.stringify(record, null, 2), 'application/json');
 */
export function download(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * A file-name-safe stamp of a record's start time: `20261201-211338`.
 * @example
 *   fileStamp('2026-12-01T21:13:38.123Z'); // '20261201-211338'
 */
export function fileStamp(iso: string): string {
  return iso.replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}
