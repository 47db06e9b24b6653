/**
 * One logical table from its pieces on consecutive pages. Word and LibreOffice repeat
 * the header row at the top of every page, let a long row run on under it with the
 * rest of its text, and continue a merged cell (a strategico over many operativi)
 * as an empty cell. Here the repeated header is dropped, a row cut by the page break
 * becomes one row again, a merged cell cut by the break spans on, and the parts'
 * column edges are unified so cells keep their grid columns. Once every table is
 * joined, items holding an item the document prints whole elsewhere are split
 * (known-items.ts): a cell cut by a page break is whole only then.
 */
import type { Cell, Item, Row, Table } from '../document/model.js';
import { splitAtKnownItems } from './known-items.js';
import { endsSentence, numberAfterNumber } from './paragraphs.js';
import { flatText, isEmpty, type PartCell, type TablePart } from './parts.js';
import type { FlowSettings, LayoutSettings } from './settings.js';

interface RowInfo {
  page: number;
  top: number;
  bottom: number;
  /** height of the row so far, summed over the pages it runs on */
  height: number;
}

interface Logical {
  xs: number[];
  rows: RowInfo[];
  cells: PartCell[];
  headerRows: number;
  pages: number[];
  first: TablePart;
}

const textOf = (cell: PartCell) => flatText(cell.items.map((i) => i.text).join(' '));

/** The edges of both lists, those within `tol` of an edge of `a` counted once. */
function unionEdges(a: number[], b: number[], tol: number): number[] {
  const out = [...a];
  for (const x of b) if (!out.some((y) => Math.abs(x - y) <= tol)) out.push(x);
  return out.sort((p, q) => p - q);
}

/** Re-expresses cells laid on edges `from` in the columns of edges `to` (a superset), in place. */
function regrid(cells: PartCell[], from: number[], to: number[]): void {
  if (from.length === to.length && from.every((x, i) => x === to[i])) return;
  const index = from.map((x) => {
    let best = 0;
    to.forEach((y, j) => {
      if (Math.abs(y - x) < Math.abs(to[best]! - x)) best = j;
    });
    return best;
  });
  for (const c of cells) {
    const col = index[c.col]!;
    c.colSpan = Math.max(1, index[c.col + c.colSpan]! - col);
    c.col = col;
  }
}

function ownerAt(cells: PartCell[], r: number, c: number): PartCell | undefined {
  return cells.find((x) => x.row <= r && r < x.row + x.rowSpan && x.col <= c && c < x.col + x.colSpan);
}

function rowKey(cells: PartCell[], r: number): string {
  return cells
    .filter((c) => c.row === r)
    .sort((p, q) => p.col - q.col)
    .map((c) => `${c.col}:${textOf(c)}`)
    .join('|');
}

/** `next` goes on with the sentence `prev` left unfinished: a lower-case start after no full stop. */
function continuesSentence(prev: Item, next: Item): boolean {
  const text = next.text.trimStart();
  return !next.bullet && /^[a-zà-ÿ]/.test(text) && !/^n[.°]/i.test(text) && !endsSentence(prev.text.trimEnd());
}

/**
 * Whether cell `b` (top of the new page) carries on the paragraph its cell `a` was
 * printing when the page ended, once the row is known to be cut: no bullet, no
 * value of a list one a line ("2024" / "2025"), and either no blank line on either
 * side of the cut, where a new paragraph would have one, or a sentence going on
 * ("per" / "l'utilizzo del Portale").
 */
function carriesOn(a: PartCell, b: PartCell, s: LayoutSettings): boolean {
  const prev = a.items[a.items.length - 1];
  const next = b.items[0];
  if (!prev || !next || next.bullet) return false;
  if (s.cell.numberListCue && numberAfterNumber(prev.text, next.text.trimStart().split(/\s+/)[0]!)) return false;
  return (a.tailGap < s.flow.cutGapRatio && b.headGap < s.flow.cutGapRatio) || continuesSentence(prev, next);
}

/**
 * Whether the first row of the next part is the rest of the last row above. Its
 * first column is empty while another column that was filled above is now empty
 * (that column's text was complete), or some cell goes on with an unfinished
 * sentence. Layout alone cannot tell: a row that ended just above the page break
 * and a row cut there both fill their cells to the bottom.
 */
function isCutRow(above: PartCell[], last: number, first: PartCell[]): boolean {
  const pairs = first.map((b) => ({ b, a: ownerAt(above, last, b.col) }));
  const goesOn = ({ a, b }: { a: PartCell | undefined; b: PartCell }) => {
    const prev = a?.items[a.items.length - 1];
    return prev !== undefined && b.items[0] !== undefined && continuesSentence(prev, b.items[0]);
  };
  const lead = pairs.find(({ b }) => b.col === 0);
  if (lead && !isEmpty(lead.b)) return goesOn(lead);
  const finished = pairs.some(({ a, b }) => b.col > 0 && isEmpty(b) && a && !isEmpty(a) && a.row + a.rowSpan - 1 === last);
  return finished || pairs.some(goesOn);
}

/** Appends `b`'s items to `a`; the first joins `a`'s last item when it carries on its paragraph. */
function appendItems(a: PartCell, b: PartCell, shift: number, s: LayoutSettings): void {
  const items = b.items.map((i) => ({ ...i, top: (i.top ?? 0) + shift }));
  const lineTops = b.lineTops.map((tops) => tops.map((top) => top + shift));
  const lastItem = a.items[a.items.length - 1];
  if (lastItem && carriesOn(a, b, s)) {
    // A new item: the part's own stays as read.
    a.items[a.items.length - 1] = { ...lastItem, text: lastItem.text + '\n' + items.shift()!.text };
    a.lineTops[a.lineTops.length - 1]!.push(...lineTops.shift()!);
  }
  a.items.push(...items);
  a.lineTops.push(...lineTops);
  a.tailGap = b.tailGap;
}

const rowsOf = (part: TablePart): RowInfo[] =>
  part.ys.slice(0, -1).map((top, r) => ({ page: part.page, top, bottom: part.ys[r + 1]!, height: part.ys[r + 1]! - top }));

/** The part's cells, with item and line lists of their own (stitching appends to them). */
const ownCells = (cells: PartCell[]): PartCell[] => cells.map((c) => ({ ...c, items: [...c.items], lineTops: c.lineTops.map((t) => [...t]) }));

function start(part: TablePart): Logical {
  return { xs: part.xs, rows: rowsOf(part), cells: ownCells(part.cells), headerRows: part.boldRows, pages: [part.page], first: part };
}

/** Adds the next page's part to the table. */
function append(t: Logical, part: TablePart, s: LayoutSettings): void {
  const xs = unionEdges(t.xs, part.xs, s.flow.columnSnapTolerance);
  regrid(t.cells, t.xs, xs);
  t.xs = xs;
  let cells = ownCells(part.cells);
  regrid(cells, part.xs, xs);
  let rows = rowsOf(part);
  if (!t.pages.includes(part.page)) t.pages.push(part.page);

  // The header repeated at the top of the page.
  const header = Math.max(t.headerRows, 1);
  const repeated = rows.length > header && Array.from({ length: header }, (_, r) => rowKey(t.cells, r) === rowKey(cells, r)).every(Boolean);
  if (repeated && rowKey(cells, 0) !== '') {
    t.headerRows = header;
    cells = cells.filter((c) => c.row >= header).map((c) => ({ ...c, row: c.row - header }));
    rows = rows.slice(header);
  }
  if (!rows.length) return;

  const last = t.rows.length - 1;
  const first = cells.filter((c) => c.row === 0);
  // Without rulings a row's extent is unknown, so is a cut; spreadsheets never split a row anyway.
  const cut = part.ruled && isCutRow(t.cells, last, first);
  const merged = new Set<PartCell>();
  for (const b of first) {
    const a = ownerAt(t.cells, last, b.col);
    if (!a) continue;
    if (cut) {
      appendItems(a, b, t.rows[last]!.height, s);
      a.rowSpan = Math.max(a.rowSpan, last - a.row + b.rowSpan);
      merged.add(b);
    } else if (isEmpty(b) && !isEmpty(a) && a.col === b.col && a.colSpan === b.colSpan && (a.rowSpan > 1 || b.rowSpan > 1)) {
      // A merged cell (a strategico over several rows) running on past the page break.
      a.rowSpan = last - a.row + 1 + b.rowSpan;
      a.tailGap = Infinity;
      merged.add(b);
    }
  }
  const offset = cut ? last : last + 1;
  if (cut) {
    t.rows[last]!.height += rows[0]!.height;
    rows = rows.slice(1);
  }
  t.rows.push(...rows);
  t.cells.push(...cells.filter((c) => !merged.has(c)).map((c) => ({ ...c, row: c.row + offset })));
}

const toCell = (c: PartCell): Cell => ({
  rowSpan: c.rowSpan,
  colSpan: c.colSpan,
  items: c.items,
  provenance: { page: c.page, bbox: [c.bbox.x0, c.bbox.top, c.bbox.x1, c.bbox.bottom] },
});

function toTable(t: Logical): Table {
  const cols = t.xs.length - 1;
  const columns = Array.from({ length: cols }, (_, col) => {
    const texts: string[] = [];
    for (const c of t.cells) {
      if (c.row >= t.headerRows || col < c.col || col >= c.col + c.colSpan) continue;
      const text = c.items.map((i) => i.text).join(' ');
      if (text && !texts.includes(text)) texts.push(text);
    }
    return texts.join(' ');
  });
  const body: Row[] = t.rows.slice(t.headerRows).map((info) => ({
    cells: new Array<Cell | null>(cols).fill(null),
    provenance: { page: info.page, bbox: [t.xs[0]!, info.top, t.xs[cols]!, info.bottom] },
  }));
  for (const c of t.cells) {
    const row = body[c.row - t.headerRows];
    if (row) row.cells[c.col] = toCell(c);
  }
  const { bbox, page } = t.first;
  return {
    kind: 'table',
    columns: t.headerRows ? columns : [],
    headerRows: t.headerRows,
    rows: body,
    pages: t.pages,
    provenance: { page, bbox: [bbox.x0, bbox.top, bbox.x1, bbox.bottom] },
  };
}

/** Whether `next` (first on its page) continues `prev` (last on the page before). */
export function continuesTable(prev: TablePart, next: TablePart, s: FlowSettings): boolean {
  return (
    next.page === prev.page + 1 &&
    Math.abs(prev.bbox.x0 - next.bbox.x0) <= s.continuationEdgeTolerance &&
    Math.abs(prev.bbox.x1 - next.bbox.x1) <= s.continuationEdgeTolerance
  );
}

/**
 * Joins the parts of each table (each list in page order) into model tables. Items
 * are split where they hold an item the document prints whole elsewhere once every
 * table is joined: a row cut by a page break has its cells whole only then.
 */
export function joinTables(tables: TablePart[][], s: LayoutSettings): Table[] {
  const joined = tables.map((parts) => {
    const t = start(parts[0]!);
    for (const part of parts.slice(1)) append(t, part, s);
    return t;
  });
  splitAtKnownItems(joined.flatMap((t) => t.cells), s.cell);
  return joined.map(toTable);
}
