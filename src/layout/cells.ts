/**
 * Reading the text of detected tables (extraction). Each word goes to the cell its
 * centre falls in; a cell's words keep the lines they were set on. A cell then splits
 * into items the way its author typed it, one a paragraph or bullet: at a bullet
 * glyph, at a line set further below the previous one than wrapped lines are (a
 * blank or spaced paragraph), at a switch between a bold line and a plain one, after
 * a line its author ended early, at an indent. A paragraph that follows a full line
 * with none of these shows only in its words (paragraphs.ts): a list of dates, the
 * opening word of the item above again, and, in tables that set their paragraphs
 * without any mark, a capital after a line that could end an item. The lines of one
 * item are kept apart by "\n" so that the rejoin step can tell a layout line break
 * from a typed space.
 */
import type { Item } from '../document/model.js';
import type { Box, TextLine, Word } from '../readers/pdf/page.js';
import { lineOf } from '../readers/pdf/words.js';
import type { TableGrid } from './grid.js';
import { capitalAfterEnd, numberAfterNumber, repeatsHead } from './paragraphs.js';
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

/** The line's words that are text, bullet glyphs left out. */
const textWords = (line: CellLine) => line.words.filter((w) => !w.bullet);

/**
 * Width of what must move to the next line together with the line's first word: an
 * opening bracket or quote holds on to the word after it ("2023( raffronto").
 */
function firstUnit(line: CellLine): number | null {
  const words = textWords(line);
  const first = words[0];
  if (!first) return null;
  let end = 0;
  while (/[([{“«‘"]$/u.test(words[end]!.text) && end + 1 < words.length) end++;
  return words[end]!.x1 - first.x0;
}

/**
 * Which lines start a paragraph by their indent. A cell whose lines start at exactly
 * two places, at least `indentRatio` apart, indents its paragraphs: either each
 * paragraph's first line is indented and its other lines flush, or the first line is
 * flush and the others hang (under a number or a bullet). The runs of lines at each
 * place tell which: the place of first lines never holds two lines running (each is
 * followed by its paragraph's other lines), the other place does once some paragraph
 * runs to three lines. Where neither does (two-line paragraphs), the cell's first
 * line shows where paragraphs start. A cell whose lines share their centre or right
 * edge is left alone: centred or right-aligned lines start anywhere.
 */
function indentStarts(lines: CellLine[], s: CellSettings): boolean[] {
  const none = lines.map(() => false);
  if (lines.length < 3) return none;
  const size = lines[0]!.words[0]!.size;
  const tol = s.indentTolerance * size;
  const x0 = lines.map((l) => l.words[0]!.x0);
  const x1 = lines.map((l) => l.words[l.words.length - 1]!.x1);
  const same = (xs: number[]) => xs.every((x) => Math.abs(x - xs[0]!) <= tol);
  const left = Math.min(...x0);
  const indented = x0.map((x) => x - left > tol);
  const inner = x0.filter((_, n) => indented[n]);
  if (!inner.length || !same(inner) || inner[0]! - left < s.indentRatio * size) return none;
  if (same(x1) || same(x0.map((x, n) => (x + x1[n]!) / 2))) return none;
  /** whether two lines running are ever both indented (`at` true) or both flush (false) */
  const runs = (at: boolean) => indented.some((v, n) => n > 0 && v === at && indented[n - 1] === at);
  const [flushRuns, indentedRuns] = [runs(false), runs(true)];
  if (flushRuns && indentedRuns) return none;
  const firstIndented = flushRuns || (!indentedRuns && indented[0]!);
  return indented.map((v, n) => n > 0 && v === firstIndented && indented[n - 1] !== firstIndented);
}

/** What the layout shows of a line starting a paragraph. */
export type LayoutSign =
  /** set below the line above by more than the wrapped-line pitch */
  | 'gap'
  /** a bullet glyph */
  | 'bullet'
  /** all bold after a line that is not, or the reverse */
  | 'type'
  /** its first word would have fitted on the line above: the author ended that line */
  | 'early'
  /** set where the cell's paragraphs start, after a line set where they go on (see `indentStarts`) */
  | 'indent';

/** A cell's lines with what their layout says of them. */
export interface CellReading {
  lines: CellLine[];
  /** where the cell's lines may reach on the right */
  right: number;
  /** top of the cell's first row: item tops are measured from it */
  rowTop: number;
  /** per line, the layout sign that it starts a paragraph; null for none (and for the first line) */
  signs: (LayoutSign | null)[];
}

/**
 * Reads the layout of a cell's lines: where a paragraph gap, a bullet, a switch
 * between a line all in bold and one that is not (a bold label over its text, as
 * strategico cells have), a line stopping short although the next line's first
 * word would have fit on it (only an author's line break does that), or an indent
 * shows a paragraph starting.
 */
export function readCell(lines: CellLine[], box: Box, ruled: boolean, pitch: number, s: CellSettings): CellReading {
  const right = lines.length ? measureOf(lines, box, ruled) : box.x1;
  const bold = lines.map(allBold);
  const indented = indentStarts(lines, s);
  const signs = lines.map((line, n): LayoutSign | null => {
    const prev = lines[n - 1];
    if (!prev) return null;
    const size = line.words[0]!.size;
    if (line.words[0]!.bullet) return 'bullet';
    if ((line.baseline - prev.baseline) / size > pitch * s.paragraphGapRatio) return 'gap';
    if (bold[n] !== bold[n - 1]) return 'type';
    const unit = firstUnit(line);
    if (unit !== null && right - prev.words[prev.words.length - 1]!.x1 >= unit + s.hardBreakSlack * size) return 'early';
    return indented[n] ? 'indent' : null;
  });
  return { lines, right, rowTop: box.top, signs };
}

/**
 * Whether a table sets the paragraphs of its cells one under the other without
 * spacing: at least `capitalCueEvidence` of its lines end early before a paragraph
 * set with no gap, and no paragraph of it is set apart by a gap, a bullet or an
 * indent. Only in such a table can a paragraph start after a full line with no mark
 * at all; in a table that marks its paragraphs, an unmarked line break is a wrap.
 */
export function setsParagraphsUnmarked(cells: CellReading[], s: CellSettings): boolean {
  let early = 0;
  for (const c of cells) {
    for (const sign of c.signs) {
      if (sign === 'gap' || sign === 'bullet' || sign === 'indent') return false;
      if (sign === 'early') early++;
    }
  }
  return early >= s.capitalCueEvidence;
}

/**
 * Whether the words at the break before `line` start a paragraph where the layout
 * shows nothing (see paragraphs.ts): a list of values, the opening word of an
 * earlier item again, and, in a table that sets its paragraphs unmarked, a capital
 * after a line that could end an item.
 */
function wordsBreak(prev: CellLine, line: CellLine, heads: ReadonlySet<string>, unmarked: boolean, s: CellSettings): boolean {
  // The last two words are all the cues look at.
  const before = textWords(prev)
    .slice(-2)
    .map((w) => w.text)
    .join(' ');
  const first = textWords(line)[0]?.text;
  if (!before || first === undefined) return false;
  return (
    (s.numberListCue && numberAfterNumber(before, first)) ||
    (s.repeatedHeadCue && repeatsHead(heads, before, first)) ||
    (s.capitalCue && unmarked && capitalAfterEnd(before, first))
  );
}

/** A cell's items, with where each of their lines sits. */
export interface CellItems {
  items: Item[];
  /** per item, the top of each of its lines ("\n"-separated in its text), from the row's top */
  lineTops: number[][];
}

/**
 * Splits a read cell into items: at every bullet glyph, at every line its layout
 * or, failing that, its words show starting a paragraph (`unmarked`: the table sets
 * its paragraphs without marks; see `setsParagraphsUnmarked`). A line that stops
 * short of the cell's measure ends in a space: no word was broken there. `top` is
 * measured from the top of the cell's first row.
 */
export function cellItems(cell: CellReading, unmarked: boolean, s: CellSettings): CellItems {
  const { lines, right, rowTop, signs } = cell;
  const out: CellItems = { items: [], lineTops: [] };
  /** the first word of each item so far */
  const heads = new Set<string>();
  /** `printed`: the item's text so far holds more than white space */
  let current: { text: string; printed: boolean; item: Item; bold: boolean; italic: boolean; tops: number[] } | null = null;
  const finish = () => {
    if (current?.printed) {
      current.item.text = current.text.trimEnd();
      if (current.bold) current.item.bold = true;
      if (current.italic) current.item.italic = true;
      out.items.push(current.item);
      out.lineTops.push(current.tops);
    }
    current = null;
  };
  lines.forEach((line, n) => {
    const prev = lines[n - 1];
    const top = line.top - rowTop;
    const breaks = !prev || signs[n] !== null || wordsBreak(prev, line, heads, unmarked, s);
    line.words.forEach((word, i) => {
      if (word.bullet || (i === 0 && (!current || breaks))) {
        finish();
        current = { text: '', printed: false, item: { text: '', bullet: word.bullet, top }, bold: true, italic: true, tops: [] };
      }
      if (word.bullet || !current) return;
      if (!current.printed) heads.add(word.text);
      current.printed ||= word.text.trim() !== '';
      current.text += (current.text && !current.text.endsWith('\n') ? ' ' : '') + word.text;
      current.bold &&= word.bold;
      current.italic &&= word.italic;
    });
    const last = line.words[line.words.length - 1]!;
    if (!current) return;
    current.text += (last.spaceAfter || right - last.x1 > s.fullLineSlack * line.words[0]!.size ? ' ' : '') + '\n';
    current.tops.push(top);
  });
  finish();
  return out;
}
