/**
 * Everything that can be settled looking at one page alone: its ruled tables, its
 * borderless tables, the items of their cells, and the text left outside them.
 * Running it page by page keeps memory to one page's glyphs; only these compact
 * results wait for the document-wide steps (furniture, headings, stitching).
 */
import type { PageContent, TextLine } from '../readers/pdf/page.js';
import { findAlignedTables } from './borderless.js';
import { linePitch, placeWords } from './cells.js';
import { findRuledTables } from './grid.js';
import { toPart, type TablePart } from './parts.js';
import { findRulings } from './rulings.js';
import type { LayoutSettings } from './settings.js';

export interface PageLayout {
  number: number;
  height: number;
  /** table parts, top to bottom */
  tables: TablePart[];
  /** text outside tables, top to bottom */
  lines: TextLine[];
  /** usual line pitch (× font size) of the page's table text */
  pitch: number;
  /** characters set at each font size (points, rounded to a half), for telling body text from headings */
  sizes: Map<number, number>;
  /** column edges of the page's last borderless table, for its continuation on the next page */
  alignedColumns: number[] | null;
}

/** Lays out one page; `previous` is the layout of the page before, if any. */
export function layoutPage(page: PageContent, s: LayoutSettings, previous: PageLayout | null): PageLayout {
  const ruled = findRuledTables(findRulings(page.strokes, page.fills, page, s.table), s.table);
  const inRuled = placeWords(page.lines, ruled);
  const grids = findAlignedTables(inRuled.free, s.table, previous?.alignedColumns ?? null);
  const aligned = placeWords(inRuled.free, grids);
  const placed = [...inRuled.tables, ...aligned.tables].filter((t) => t.lines.some((l) => l.length));
  const pitch = linePitch(placed, s.cell);
  const tables = placed.map((t) => toPart(t, page.number, pitch, s.cell)).sort((a, b) => a.bbox.top - b.bbox.top);
  const sizes = new Map<number, number>();
  for (const line of page.lines) {
    for (const w of line.words) {
      const size = Math.round(w.size * 2) / 2;
      sizes.set(size, (sizes.get(size) ?? 0) + w.text.length);
    }
  }
  const alignedColumns = grids.length ? grids[grids.length - 1]!.xs : null;
  return { number: page.number, height: page.height, tables, lines: aligned.free, pitch, sizes, alignedColumns };
}
