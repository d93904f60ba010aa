/** RFC 4180 CSV with a BOM, so Excel on Chinese Windows opens it as UTF-8 (pure). */

/**
 * A leading = + - @ would run as a formula in Excel, and so would one after a leading tab or
 * carriage return (OWASP's CSV injection list): such a cell gets a quote mark in front. Numbers are
 * written as they are (a negative change is not a formula).
 */
export function csvCell(value: unknown): string {
  if (typeof value === 'number') return String(value);
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvTable(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  const lines = [header.map(csvCell).join(','), ...rows.map((row) => row.map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
