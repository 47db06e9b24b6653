/**
 * Query commands answer people at a terminal and programs in a pipe. `table` is
 * for reading (aligned columns, long text cut, only the telling columns); `csv`
 * (RFC 4180) and `json` carry every column, whole, for spreadsheets and scripts.
 */
import { cellText, type QueryResult, toCsv } from '../../store/index.js';

export const OUTPUT_FORMATS = ['table', 'csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const OUTPUT_SETTINGS = {
  /** Widest a table cell may be: titles run to hundreds of characters, a terminal row does not. */
  tableCellMaxChars: 60,
} as const;

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  const max = OUTPUT_SETTINGS.tableCellMaxChars;
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** Aligned columns with a header rule and a row count; `columns` picks and orders what is shown. */
export function renderTable(result: QueryResult, columns: readonly string[] = result.columns): string {
  const shown = columns.filter((c) => result.columns.includes(c));
  const cells = result.rows.map((row) => shown.map((c) => clip(cellText(row[c]))));
  const widths = shown.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]?.length ?? 0)));
  const line = (values: string[]): string => values.map((v, i) => v.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  const count = `(${result.rows.length} ${result.rows.length === 1 ? 'row' : 'rows'})`;
  if (result.rows.length === 0) return `${count}\n`;
  return `${[line(shown), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line), count].join('\n')}\n`;
}

export function render(result: QueryResult, format: OutputFormat, tableColumns?: readonly string[]): string {
  if (format === 'csv') return toCsv(result.columns, result.rows);
  if (format === 'json') return `${JSON.stringify(result.rows, null, 2)}\n`;
  return renderTable(result, tableColumns);
}
