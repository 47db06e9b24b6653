/**
 * Reading the text of detected tables (extraction). Each word goes to the cell its
 * centre falls in; a cell's words keep the lines they were set on. A cell then splits
 * into items the way its author typed it: at a bullet glyph, at a line set further
 * below the previous one than wrapped lines are (a blank or spaced paragraph), at a
 * switch between a bold line and a plain one, and after a line its author ended
 * early. The lines of one item are kept apart by "\n" so that the rejoin step can
 * tell a layout line break from a typed space.
 */
import type { Item } from '../document/model.js';
import type { Box, TextLine, Word } from '../readers/pdf/page.js';
import { lineOf } from '../readers/pdf/words.js';
import type { TableGrid } from './grid.js';
import type { CellSettings } from './settings.js';

/** The words of one page line that fall in one cell. */
export interface CellLine {
  words: Word[];
  top: number;
  bottom: number;
  baseline: number;
}

export interface PlacedTable {
  grid: TableGrid;
  /** per grid cell, its lines top to bottom */
  lines: CellLine[][];
}

export interface PlacedText {
  tables: PlacedTable[];
  /** what is left of each page line outside every table */
  free: TextLine[];
}

/** Index of the slot between `edges` that holds `v` (clamped to the first and last slot). */
function slotOf(edges: number[], v: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid]! <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const inside = (g: TableGrid, x: number, y: number) => x >= g.bbox.x0 && x <= g.bbox.x1 && y >= g.bbox.top && y <= g.bbox.bottom;

/** Puts every word of `lines` into the table cell it falls in, or leaves it free. */
export function placeWords(lines: TextLine[], grids: TableGrid[]): PlacedText {
  const tables = grids.map((grid) => ({ grid, lines: grid.cells.map((): CellLine[] => []) }));
  const baselineEdges = grids.map((g) => (g.rowBaselines ? [...g.rowBaselines, Infinity] : null));
  const free: TextLine[] = [];
  for (const line of lines) {
    const rest: Word[] = [];
    for (const word of line.words) {
      const x = (word.x0 + word.x1) / 2;
      const y = (word.top + word.bottom) / 2;
      const k = tables.findIndex((tb) => inside(tb.grid, x, y));
      const t = tables[k];
      if (!t) {
        rest.push(word);
        continue;
      }
      const { xs, ys, owner } = t.grid;
      const byBaseline = baselineEdges[k];
      const row = byBaseline ? slotOf(byBaseline, line.baseline) : slotOf(ys, y);
      const cell = owner[row * (xs.length - 1) + slotOf(xs, x)]!;
      const cellLines = t.lines[cell]!;
      const last = cellLines[cellLines.length - 1];
      if (last && last.baseline === line.baseline) {
        last.words.push(word);
        last.top = Math.min(last.top, word.top);
        last.bottom = Math.max(last.bottom, word.bottom);
      } else cellLines.push({ words: [word], top: word.top, bottom: word.bottom, baseline: line.baseline });
    }
    if (rest.length) free.push(rest.length === line.words.length ? line : lineOf(rest, line.baseline));
  }
  return { tables, free };
}

/**
 * The usual distance between wrapped lines on a page, as a multiple of font size:
 * the lower quartile of the pitches between consecutive lines of a cell (most
 * consecutive lines belong to one paragraph; blank lines only lengthen the tail).
 */
export function linePitch(tables: PlacedTable[], s: CellSettings): number {
  const ratios: number[] = [];
  for (const t of tables) {
    for (const lines of t.lines) {
      for (let i = 1; i < lines.length; i++) {
        const size = lines[i]!.words[0]!.size;
        ratios.push((lines[i]!.baseline - lines[i - 1]!.baseline) / size);
      }
    }
  }
  if (ratios.length < s.minPitchSamples) return s.defaultLinePitch;
  ratios.sort((a, b) => a - b);
  return ratios[Math.floor(ratios.length * s.pitchQuantile)]!;
}

/**
 * Where the cell's lines may reach on the right. In a ruled cell, its right border
 * less the padding its text keeps from the left border (office programs pad both
 * sides alike); without rulings, the widest line is all there is to go by.
 */
function measureOf(lines: CellLine[], box: Box, ruled: boolean): number {
  const widest = Math.max(...lines.map((l) => l.words[l.words.length - 1]!.x1));
  if (!ruled) return widest;
  const padding = Math.min(...lines.map((l) => l.words[0]!.x0)) - box.x0;
  return Math.max(widest, box.x1 - padding);
}

const allBold = (line: CellLine) => line.words.every((w) => w.bullet || w.bold);

/**
 * Width of what must move to the next line together with the line's first word: an
 * opening bracket or quote holds on to the word after it ("2023( raffronto").
 */
function firstUnit(line: CellLine): number | null {
  const words = line.words.filter((w) => !w.bullet);
  const first = words[0];
  if (!first) return null;
  let end = 0;
  while (/[([{“«‘"]$/u.test(words[end]!.text) && end + 1 < words.length) end++;
  return words[end]!.x1 - first.x0;
}

/**
 * Splits a cell's lines into items. An item starts at a bullet; after a paragraph
 * gap; where type switches between a line all in bold and one that is not (a bold
 * label over its text, as strategico cells have); and after a line that stops short
 * although the next line's first word would have fit on it, which only an author's
 * line break does. A line that stops short of the
 * cell's measure ends in a space: no word was broken there. `top` is measured from
 * the top of the cell's first row (`box.top`).
 */
export function cellItems(lines: CellLine[], box: Box, ruled: boolean, pitch: number, s: CellSettings): Item[] {
  const items: Item[] = [];
  const right = measureOf(lines, box, ruled);
  const rowTop = box.top;
  let current: { text: string; item: Item; bold: boolean; italic: boolean } | null = null;
  const finish = () => {
    if (current?.text.trim()) {
      current.item.text = current.text.trimEnd();
      if (current.bold) current.item.bold = true;
      if (current.italic) current.item.italic = true;
      items.push(current.item);
    }
    current = null;
  };
  const bold = lines.map(allBold);
  /** The author ended the previous line: this line's first word would have fitted on it. */
  const authorBreak = (prev: CellLine, line: CellLine, size: number) => {
    const unit = firstUnit(line);
    return unit !== null && right - prev.words[prev.words.length - 1]!.x1 >= unit + s.hardBreakSlack * size;
  };
  lines.forEach((line, n) => {
    const prev = lines[n - 1];
    const size = line.words[0]!.size;
    const breaks =
      !prev ||
      (line.baseline - prev.baseline) / size > pitch * s.paragraphGapRatio ||
      bold[n] !== bold[n - 1] ||
      authorBreak(prev, line, size);
    line.words.forEach((word, i) => {
      if (word.bullet || (i === 0 && (!current || breaks))) {
        finish();
        current = { text: '', item: { text: '', bullet: word.bullet, top: line.top - rowTop }, bold: true, italic: true };
      }
      if (word.bullet || !current) return;
      current.text += (current.text && !current.text.endsWith('\n') ? ' ' : '') + word.text;
      current.bold &&= word.bold;
      current.italic &&= word.italic;
    });
    const last = line.words[line.words.length - 1]!;
    if (current) current.text += (last.spaceAfter || right - last.x1 > s.fullLineSlack * size ? ' ' : '') + '\n';
  });
  finish();
  return items;
}
