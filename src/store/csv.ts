/**
 * Query results and the CSV export end up in spreadsheets and other programs, so
 * they follow RFC 4180: CRLF line ends, a field quoted when it holds a comma, a
 * quote or a line break, quotes doubled. Lists (years, responsible) become one
 * field with "; " between items, which Excel users read without a JSON parser.
 */

export type Row = Record<string, unknown>;

/** How one value reads in a CSV field or a table cell. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cellText).join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function field(value: unknown): string {
  const text = cellText(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(columns: string[], rows: Row[]): string {
  const lines = [columns.map(field).join(','), ...rows.map((r) => columns.map((c) => field(r[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
