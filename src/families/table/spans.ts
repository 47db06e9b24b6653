/**
 * Which cell covers which row. Word and PDF tables merge an objective's cell over
 * the rows of its indicators; spreadsheets leave the cells below empty instead, or
 * merge them; a PDF whose rulings were lost shows empty cells too. This module turns
 * all of these into one thing: for every body row and column, the span of rows that
 * one logical cell covers.
 */
import type { Cell, Row } from '../../document/model.js';

export interface Span {
  cell: Cell;
  /** first and last body row (inclusive) the cell covers */
  start: number;
  end: number;
}

export const hasText = (span: Span | null | undefined): span is Span => !!span && span.cell.items.length > 0;

/** Columns whose empty cells in a continuation row mean "same as above". */
export interface ContinuationColumns {
  /** objective columns from the shallowest level to the leaf */
  objectives: number[];
  /** context and attribute columns left of the leaf objective column */
  leading: number[];
}

/** Lays real row spans onto body rows (spans are counted in body rows: repeated headers are already gone). */
function realSpans(body: Row[]): (Span | null)[][] {
  const width = body.reduce((w, r) => Math.max(w, r.cells.length), 0);
  const grid: (Span | null)[][] = body.map(() => new Array<Span | null>(width).fill(null));
  body.forEach((row, r) => {
    row.cells.forEach((cell, c) => {
      if (!cell) return;
      const span: Span = { cell, start: r, end: Math.min(body.length - 1, r + cell.rowSpan - 1) };
      for (let rr = r; rr <= span.end; rr++) {
        for (let cc = c; cc < c + cell.colSpan && cc < width; cc++) {
          if (rr === r || grid[rr]![cc] === null) grid[rr]![cc] = span;
        }
      }
    });
  });
  return grid;
}

function inherit(grid: (Span | null)[][], r: number, c: number): boolean {
  const above = grid[r - 1]?.[c];
  const here = grid[r]![c];
  if (!above || (here && here.start < r) || hasText(here)) return false;
  above.end = r;
  grid[r]![c] = above;
  return true;
}

/**
 * Spans per body row and column, with empty cells of continuation rows folded
 * into the cell above them.
 */
export function buildSpans(body: Row[], cols: ContinuationColumns): (Span | null)[][] {
  const grid = realSpans(body);
  const leaf = cols.objectives[cols.objectives.length - 1];
  for (let r = 1; r < body.length; r++) {
    for (const c of cols.objectives) inherit(grid, r, c);
    const continues = leaf !== undefined && grid[r]![leaf]?.start !== r;
    if (continues) for (const c of cols.leading) inherit(grid, r, c);
  }
  return grid;
}
