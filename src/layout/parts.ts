/**
 * One page's piece of a table, read: its grid with the items of every cell. A table
 * that runs over several pages is several such parts until stitching joins them;
 * the part keeps what joining needs (column edges, row edges, the page) and whether
 * its first rows look like a header (all bold, over rows that are not).
 */
import type { Item } from '../document/model.js';
import type { Box } from '../readers/pdf/page.js';
import { cellItems, readCell, setsParagraphsUnmarked, type PlacedTable } from './cells.js';
import type { GridCell } from './grid.js';
import type { CellSettings } from './settings.js';

export interface PartCell extends GridCell {
  items: Item[];
  /** per item, the top of each of its lines from the row's top (see `CellItems`) */
  lineTops: number[][];
  bbox: Box;
  page: number;
  /** white between the cell's top edge and its first line, × font size (Infinity when empty) */
  headGap: number;
  /** white between its last line and the cell's bottom edge, × font size (Infinity when empty) */
  tailGap: number;
}

export interface TablePart {
  page: number;
  bbox: Box;
  /** column edges, left to right */
  xs: number[];
  /** row edges, top to bottom */
  ys: number[];
  cells: PartCell[];
  /** leading rows set all in bold above rows that are not: a header, as far as type tells */
  boldRows: number;
  /** drawn with rulings; a borderless part's row edges are only where its lines start */
  ruled: boolean;
}

/** A text with its line breaks and runs of white space as single spaces. */
export const flatText = (text: string): string => text.replace(/\s+/g, ' ').trim();

export const isEmpty = (cell: PartCell | undefined): boolean => !cell || cell.items.every((i) => !i.text.trim());

/**
 * Leading rows whose every word is bold, when some later row is not. A row that is
 * one cell across the table (a bold section label over the rows below) ends them.
 */
function countBoldRows(cells: PartCell[], rows: number, cols: number): number {
  const bold = Array.from({ length: rows }, () => ({ any: false, all: true }));
  for (const c of cells) {
    if (c.colSpan === cols && cols > 1) bold[c.row]!.all = false;
    for (const item of c.items) {
      const r = bold[c.row]!;
      r.any = true;
      r.all &&= item.bold === true;
    }
  }
  let n = 0;
  while (n < rows && bold[n]!.any && bold[n]!.all) n++;
  return n < rows ? n : 0;
}

/**
 * The part a placed table makes on page `page`, its cells split into items. Whether
 * the table sets its paragraphs unmarked is judged over all its cells at once: one
 * cell's early line end is evidence for the others.
 */
export function toPart(placed: PlacedTable, page: number, pitch: number, s: CellSettings): TablePart {
  const { xs, ys, cells, bbox, ruled } = placed.grid;
  const boxes = cells.map((c) => ({ x0: xs[c.col]!, top: ys[c.row]!, x1: xs[c.col + c.colSpan]!, bottom: ys[c.row + c.rowSpan]! }));
  const readings = cells.map((_, i) => readCell(placed.lines[i]!, boxes[i]!, ruled, pitch, s));
  const unmarked = setsParagraphsUnmarked(readings, s);
  const parts: PartCell[] = cells.map((c, i) => {
    const lines = placed.lines[i]!;
    const bbox = boxes[i]!;
    const first = lines[0];
    const last = lines[lines.length - 1];
    const { items, lineTops } = cellItems(readings[i]!, unmarked, s);
    return {
      row: c.row,
      col: c.col,
      rowSpan: c.rowSpan,
      colSpan: c.colSpan,
      items,
      lineTops,
      bbox,
      page,
      headGap: first ? (first.top - bbox.top) / first.words[0]!.size : Infinity,
      tailGap: last ? (bbox.bottom - last.bottom) / last.words[0]!.size : Infinity,
    };
  });
  return { page, bbox, xs, ys, cells: parts, boldRows: countBoldRows(parts, ys.length - 1, xs.length - 1), ruled };
}
