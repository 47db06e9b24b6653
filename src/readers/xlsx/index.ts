/**
 * Spreadsheet plans (XLSX, XLS, ODS, CSV) are grids: the reader keeps each sheet as
 * one table of its non-empty rows, with merges as spans and typed values beside the
 * text the user sees. Which row is the header, which rows repeat the title at a page
 * break and which continue the objective above is decided later, format-blind.
 */
import * as XLSX from 'xlsx';
import * as cptable from 'xlsx/dist/cpexcel.full.mjs';
import type { Block, Cell, DocumentModel, DocumentSource, Row, Table } from '../../document/model.js';
import { normalizeSpace } from '../../text/normalize.js';

export interface SpreadsheetLimits {
  /** Cells read per workbook; a sheet over it is an error, not a silent truncation. */
  maxCells: number;
  /** Characters kept from one cell: plans never need more, bombs do. */
  maxCellChars: number;
}

export const DEFAULT_SPREADSHEET_LIMITS: SpreadsheetLimits = {
  maxCells: 2_000_000,
  maxCellChars: 32_767, // Excel's own limit for one cell
};

// Legacy XLS and non-UTF-8 CSV files need the Windows code pages (cp1252 for Italian).
XLSX.set_cptable(cptable);

type SheetCell = XLSX.CellObject & { h?: string; r?: string };

function cellTextOf(c: SheetCell, limits: SpreadsheetLimits): string {
  const shown = c.w ?? (c.v instanceof Date ? c.v.toISOString().slice(0, 10) : c.v != null ? String(c.v) : '');
  return normalizeSpace(shown.slice(0, limits.maxCellChars));
}

const isItalic = (c: SheetCell): boolean => /<i>|<i\/>|<i val="1"\/>/.test(c.h ?? c.r ?? '');

function toCell(c: SheetCell, sheet: string, row: number, limits: SpreadsheetLimits): Cell {
  const text = cellTextOf(c, limits);
  const cell: Cell = {
    rowSpan: 1,
    colSpan: 1,
    items: text ? [{ text, bullet: false, italic: isItalic(c) || undefined }] : [],
    provenance: { sheet, row },
  };
  if (typeof c.v === 'number' || typeof c.v === 'boolean' || c.v instanceof Date) cell.value = c.v;
  if (typeof c.z === 'string') cell.numberFormat = c.z;
  return cell;
}

function sheetToTable(ws: XLSX.WorkSheet, sheet: string, limits: SpreadsheetLimits): Table | null {
  const ref = ws['!ref'];
  if (!ref) return null;
  const range = XLSX.utils.decode_range(ref);
  const width = range.e.c + 1;
  const data = (ws['!data'] ?? []) as (SheetCell | undefined)[][];
  const grid: (Cell | null)[][] = [];
  for (let r = 0; r <= range.e.r; r++) {
    const src = data[r] ?? [];
    const cells: (Cell | null)[] = [];
    for (let c = 0; c < width; c++) {
      const sc = src[c];
      cells.push(sc ? toCell(sc, sheet, r + 1, limits) : { rowSpan: 1, colSpan: 1, items: [], provenance: { sheet, row: r + 1 } });
    }
    grid.push(cells);
  }
  for (const m of ws['!merges'] ?? []) {
    const anchor = grid[m.s.r]?.[m.s.c];
    if (!anchor) continue;
    anchor.rowSpan = m.e.r - m.s.r + 1;
    anchor.colSpan = m.e.c - m.s.c + 1;
    for (let r = m.s.r; r <= m.e.r; r++) {
      for (let c = m.s.c; c <= m.e.c; c++) {
        if ((r !== m.s.r || c !== m.s.c) && grid[r]) grid[r]![c] = null;
      }
    }
  }
  const rows: Row[] = [];
  grid.forEach((cells, r) => {
    const empty = cells.every((c) => c === null || c.items.length === 0);
    const spannedInto = cells.some((c) => c === null);
    if (empty && !spannedInto) return;
    rows.push({ cells, provenance: { sheet, row: r + 1 } });
  });
  if (rows.length === 0) return null;
  return { kind: 'table', columns: [], headerRows: 0, rows, pages: [], provenance: { sheet, row: rows[0]!.provenance.row } };
}

export function readSpreadsheet(
  bytes: Uint8Array,
  source: DocumentSource,
  limits: SpreadsheetLimits = DEFAULT_SPREADSHEET_LIMITS,
): DocumentModel {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, { type: 'buffer', dense: true, cellDates: true, cellNF: true, cellHTML: true });
  } catch (e) {
    // SheetJS speaks of its internals ("reading 'L'"); say what it means for the user.
    throw new Error(`not a readable spreadsheet (damaged?): ${e instanceof Error ? e.message : String(e)}`);
  }
  const blocks: Block[] = [];
  let cells = 0;
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (!ws) continue;
    const ref = ws['!ref'];
    if (ref) {
      const r = XLSX.utils.decode_range(ref);
      cells += (r.e.r + 1) * (r.e.c + 1);
      if (cells > limits.maxCells) {
        throw new Error(`spreadsheet too large: more than ${limits.maxCells} cells (sheet "${name}")`);
      }
    }
    const table = sheetToTable(ws, name, limits);
    if (table) blocks.push(table);
  }
  return { source: { ...source, pages: wb.SheetNames.length }, blocks, warnings: [] };
}
