/**
 * Tables without ruling lines, found from how their text lines up (detection only).
 * A spreadsheet printed without grid lines, or a Word table with borders switched
 * off, leaves only white: the same vertical channels of empty space recurring on
 * consecutive lines. A run of lines that keeps at least one such channel open is a
 * table; the channels are its column edges. Rows are told apart by their spacing:
 * the wrapped lines of a cell follow each other at the font's line pitch, while the
 * next row starts lower by the cells' padding. Rows set with no padding show where
 * they start by a cell's line ending early, or by the words of every cell of the
 * line starting a new paragraph (paragraphs.ts).
 */
import { boxOf, type Box, type TextLine } from '../readers/pdf/page.js';
import type { TableGrid } from './grid.js';
import { capitalAfterEnd, numberAfterNumber } from './paragraphs.js';
import type { TableSettings } from './settings.js';

interface Span {
  x0: number;
  x1: number;
}

/**
 * A white channel through the block. Text of later lines can cut it into pieces
 * (a short word in a wide gap); it lives while any piece does. `wide` once it was
 * as wide as a column gap: such a channel is a column edge, and a line that closes
 * it is not part of the table.
 */
interface Channel {
  pieces: Span[];
  wide: boolean;
}

interface Block {
  lines: TextLine[];
  channels: Channel[];
  /** lines that fill two or more columns */
  multi: number;
}

/** The stretches of a line separated by white at least a column gap wide. */
function segments(line: TextLine, s: TableSettings): Span[] {
  const out: Span[] = [];
  for (const w of line.words) {
    const last = out[out.length - 1];
    if (last && w.x0 - last.x1 < w.size * s.columnGapRatio) last.x1 = Math.max(last.x1, w.x1);
    else out.push({ x0: w.x0, x1: w.x1 });
  }
  return out;
}

const width = (c: Span) => c.x1 - c.x0;
const columnGap = (line: TextLine, s: TableSettings) => (line.words[0]?.size ?? 0) * s.columnGapRatio;

/** The white between consecutive words of a line, as candidate channels. */
function channelsOf(line: TextLine, s: TableSettings): Channel[] {
  const out: Channel[] = [];
  line.words.forEach((w, i) => {
    const next = line.words[i + 1];
    if (next && next.x0 - w.x1 >= s.minColumnGap) out.push({ pieces: [{ x0: w.x1, x1: next.x0 }], wide: next.x0 - w.x1 >= columnGap(line, s) });
  });
  return out;
}

/**
 * The channels once the line's words are laid over them, or null when the line
 * closes a wide channel. A wide channel may shrink to a sliver (a right-aligned
 * number reaching the next column); a word across it ends the table.
 */
function narrow(channels: Channel[], line: TextLine, s: TableSettings): Channel[] | null {
  const out: Channel[] = [];
  const gap = columnGap(line, s);
  for (const ch of channels) {
    const pieces: Span[] = [];
    for (const p of ch.pieces) cutPiece(p, line.words, ch.wide ? 0 : s.minColumnGap, pieces);
    if (ch.wide && !pieces.length) return null;
    if (pieces.length) out.push({ pieces, wide: ch.wide || pieces.some((p) => width(p) >= gap) });
  }
  return out;
}

/**
 * Appends to `out` what is left of `p` once `words` are laid over it: the white
 * stretches wider than zero and at least `minWidth`. Most lines leave a channel
 * whole, so the piece itself is kept then, and nothing is allocated.
 */
function cutPiece(p: Span, words: readonly Box[], minWidth: number, out: Span[]): void {
  const overlaps = (w: Box) => w.x1 > p.x0 && w.x0 < p.x1;
  const hit = words.findIndex(overlaps);
  if (hit < 0) {
    out.push(p);
    return;
  }
  const over = words.slice(hit).filter(overlaps);
  if (over.length > 1) over.sort((a, b) => a.x0 - b.x0);
  let from = p.x0;
  for (const w of over) {
    if (w.x0 > from) keepPiece(from, w.x0, minWidth, out);
    from = Math.max(from, w.x1);
  }
  keepPiece(from, p.x1, minWidth, out);
}

function keepPiece(x0: number, x1: number, minWidth: number, out: Span[]): void {
  if (x1 - x0 > 0 && x1 - x0 >= minWidth) out.push({ x0, x1 });
}

/**
 * Drops narrow channels that do not separate two real columns: a column must hold
 * text on several lines, or a narrow channel inside a header cell ("Resp. | Settore")
 * would split it. Wide channels always stand: a column may be empty below its header.
 */
function prune(channels: Channel[], lines: TextLine[], x0: number, x1: number, s: TableSettings): Span[] {
  let kept = channels.flatMap((c) => c.pieces.map((p) => ({ ...p, wide: c.wide && c.pieces.length === 1 })));
  for (;;) {
    const edges = [x0, ...kept.map((c) => (c.x0 + c.x1) / 2), x1];
    const filled = new Array<number>(edges.length - 1).fill(0);
    for (const line of lines) {
      const hit = new Set<number>();
      for (const w of line.words) {
        const x = (w.x0 + w.x1) / 2;
        hit.add(Math.max(0, edges.findIndex((e, i) => i > 0 && x < e) - 1));
      }
      for (const c of hit) filled[c]!++;
    }
    let worst = -1;
    let worstFill = s.minAlignedRows;
    kept.forEach((c, i) => {
      const fill = Math.min(filled[i]!, filled[i + 1]!);
      if (!c.wide && fill < worstFill) [worst, worstFill] = [i, fill];
    });
    if (worst < 0) return kept;
    kept = kept.filter((_, i) => i !== worst);
  }
}

const columnOf = (xs: number[], x: number) => Math.max(0, xs.findIndex((e, i) => i > 0 && x < e) - 1);

/** The rightmost text edge of each column over the block's lines: the column's measure. */
function columnRights(lines: TextLine[], xs: number[]): number[] {
  const right = new Array<number>(xs.length - 1).fill(-Infinity);
  for (const l of lines) for (const w of l.words) right[columnOf(xs, w.x0)] = Math.max(right[columnOf(xs, w.x0)]!, w.x1);
  return right;
}

/**
 * Whether, in some column, `line` starts with a word that would have fitted at the
 * end of that column's text on an earlier line of the row (`ends`): the author ended
 * that line, so a new row starts. Word tables without borders or padding give rows
 * no extra space, and a spreadsheet row starts beside the wrapped tail of a taller
 * cell of the row above.
 */
function brokenByAuthor(ends: Map<number, number>, line: TextLine, xs: number[], right: number[], s: TableSettings): boolean {
  const seen = new Set<number>();
  for (const w of line.words) {
    const c = columnOf(xs, w.x0);
    if (seen.has(c)) continue;
    seen.add(c);
    const end = ends.get(c);
    if (end !== undefined && right[c]! - end >= w.x1 - w.x0 + s.hardBreakRatio * w.size) return true;
  }
  return false;
}

/**
 * Whether, in every column `line` fills (two at least), its first word starts a
 * paragraph after that column's text above in the row (`tails`): a number after a
 * number, a capital after a line that could end. Rows of a Word table with borders
 * and padding off follow each other at the line pitch, and a row whose cells all
 * fill their lines shows no early end either ("… di segreteria | entro il
 * 30/04/2024" / "Monitoraggio trimestrale … | 31/12/2024"). One column alone is no
 * evidence: the other cells of a wrapped row are usually done.
 */
function brokenByWords(tails: Map<number, string>, line: TextLine, xs: number[]): boolean {
  const firsts = new Map<number, string>();
  for (const w of line.words) {
    const c = columnOf(xs, w.x0);
    if (!firsts.has(c)) firsts.set(c, w.text);
  }
  if (firsts.size < 2) return false;
  return [...firsts].every(([c, first]) => {
    const last = tails.get(c);
    return last !== undefined && (numberAfterNumber(last, first) || capitalAfterEnd(last, first));
  });
}

/** Whether `line` starts a new row after `prev`: it lies lower than a wrapped line would. */
const startsRow = (prev: TextLine, line: TextLine, s: TableSettings) =>
  line.baseline - prev.baseline > s.rowPitchRatio * (line.words[0]?.size ?? 0);

/** Whether no word of the block straddles one of the inner `edges`. */
function fits(lines: TextLine[], edges: number[]): boolean {
  const inner = edges.slice(1, -1);
  return lines.every((l) => l.words.every((w) => !inner.some((e) => w.x0 < e - 1 && e + 1 < w.x1)));
}

/** The block's grid, on the columns of the table it continues when it fits them. */
function toGrid(block: Block, s: TableSettings, previous: number[] | null): TableGrid {
  const { lines } = block;
  const { x0, x1 } = boxOf(lines);
  const xs =
    previous && fits(lines, previous)
      ? [Math.min(x0, previous[0]!), ...previous.slice(1, -1), Math.max(x1, previous[previous.length - 1]!)]
      : [x0, ...prune(block.channels, lines, x0, x1, s).map((g) => (g.x0 + g.x1) / 2), x1];
  const ys: number[] = [];
  const rowBaselines: number[] = [];
  const right = columnRights(lines, xs);
  const ends = new Map<number, number>();
  const tails = new Map<number, string>();
  lines.forEach((line, i) => {
    const prev = lines[i - 1];
    if (!prev || startsRow(prev, line, s) || brokenByAuthor(ends, line, xs, right, s) || (s.rowWordCue && brokenByWords(tails, line, xs))) {
      ys.push(line.top);
      rowBaselines.push(line.baseline);
      ends.clear();
      tails.clear();
    }
    for (const w of line.words) {
      const c = columnOf(xs, w.x0);
      ends.set(c, w.x1);
      tails.set(c, `${tails.get(c) ?? ''} ${w.text}`);
    }
  });
  ys.push(lines[lines.length - 1]!.bottom);
  const cols = xs.length - 1;
  const rows = ys.length - 1;
  const cells = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) cells.push({ row: r, col: c, rowSpan: 1, colSpan: 1 });
  const bbox: Box = { x0, top: ys[0]!, x1, bottom: ys[rows]! };
  return { xs, ys, cells, owner: cells.map((_, i) => i), bbox, ruled: false, rowBaselines };
}

/**
 * Borderless tables among `lines` (lines outside ruled tables, top to bottom).
 * `previous` is the column edges of the borderless table the previous page ended
 * with: a table that fits them takes them (its columns stay those of the pages
 * before), and is accepted even with fewer rows than a new table needs.
 */
export function findAlignedTables(lines: TextLine[], s: TableSettings, previous: number[] | null = null): TableGrid[] {
  const tables: TableGrid[] = [];
  let block: Block | null = null;
  const close = () => {
    if (block && (block.multi >= s.minAlignedRows || (previous && fits(block.lines, previous)))) tables.push(toGrid(block, s, previous));
    block = null;
  };
  let prev: TextLine | null = null;
  for (const line of lines) {
    const multi = segments(line, s).length > 1;
    const near = prev !== null && line.baseline - prev.baseline <= s.maxRowPitchRatio * (line.words[0]?.size ?? 0);
    // A line filling one column only continues a row's wrapped text; starting a row, it is prose after the table.
    const prose = !multi && prev !== null && startsRow(prev, line, s);
    prev = line;
    if (block && near && !prose) {
      const channels = narrow(block.channels, line, s);
      if (channels?.some((c) => c.wide)) {
        block.lines.push(line);
        block.channels = channels;
        if (multi) block.multi++;
        continue;
      }
    }
    close();
    if (multi) block = { lines: [line], channels: channelsOf(line, s), multi: 1 };
  }
  close();
  return tables;
}
