/**
 * A long workbook for the scale check: the rows of the 003 fixture's flat PEG sheet
 * repeated under its title and header, so that one table of tens of thousands of
 * rows shows whether reading it stays linear in its rows. It once did not: the
 * interpretation of a table filtered the whole table for every cell, and 58,800
 * rows took 179 s where 19,600 took 15.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as XLSX from 'xlsx';
import { ROOT } from './settings.js';

export const LONG_SHEET_SOURCE = 'fixtures/corpus/003-spreadsheet/003-spreadsheet.xlsx';

/** Rows above the data in the fixture's sheet: two blank rows, the title, the header. */
const HEAD_ROWS = 4;

export interface LongSheet {
  path: string;
  /** rows of the written sheet */
  rows: number;
  /** times the fixture's data rows are repeated */
  copies: number;
}

/** Writes the fixture's first sheet with its data rows repeated `copies` times to `dir`. */
export async function writeLongSheet(copies: number, dir: string): Promise<LongSheet> {
  const source = XLSX.read(await readFile(join(ROOT, LONG_SHEET_SOURCE)));
  const name = source.SheetNames[0]!;
  const rows = XLSX.utils.sheet_to_json<unknown[]>(source.Sheets[name]!, { header: 1, defval: '' });
  const data = rows.slice(HEAD_ROWS);
  const out = [...rows.slice(0, HEAD_ROWS)];
  for (let k = 0; k < copies; k++) out.push(...data);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(out), name);
  const path = join(dir, `long-sheet-${copies}.xlsx`);
  await writeFile(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return { path, rows: out.length, copies };
}
