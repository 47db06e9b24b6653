/**
 * Tables from ruling lines (detection only: no text is read here). Rulings that
 * cross each other form a table; the distinct x and y positions of its rulings cut
 * it into a grid of slots, and two neighbouring slots belong to one cell when no
 * ruling separates them: that is how a merged cell (a strategico spanning several
 * operativi) gets its rowSpan and colSpan back.
 */
import type { Box } from '../readers/pdf/page.js';
import type { Ruling, Rulings } from './rulings.js';
import type { TableSettings } from './settings.js';

export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

/** A detected table: column edges `xs`, row edges `ys`, and which cell owns each slot. */
export interface TableGrid {
  xs: number[];
  ys: number[];
  cells: GridCell[];
  /** `owner[r * (xs.length - 1) + c]` = index in `cells` of the cell covering slot (r, c) */
  owner: number[];
  bbox: Box;
  /** drawn with rulings (false: columns found from text alignment) */
  ruled: boolean;
  /**
   * Borderless tables: the baseline of each row's first line. A line belongs to the
   * row it follows in reading order, even where it reaches above the next row's top
   * (a tall neighbour cell's last wrapped line beside the next row's first).
   */
  rowBaselines?: number[];
}

/** Minimal union-find over 0..n-1. */
class Groups {
  private parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let r = i;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[i] !== r) {
      const next = this.parent[i]!;
      this.parent[i] = r;
      i = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    this.parent[this.find(a)] = this.find(b);
  }
}

const meets = (h: Ruling, v: Ruling, tol: number) =>
  v.pos >= h.start - tol && v.pos <= h.end + tol && h.pos >= v.start - tol && h.pos <= v.end + tol;

/** Sorted distinct positions, values within `tol` counted once. */
function distinct(values: number[], tol: number): number[] {
  const out: number[] = [];
  for (const v of [...values].sort((a, b) => a - b)) if (!out.length || v - out[out.length - 1]! > tol) out.push(v);
  return out;
}

/** Share of [from, to] covered by the rulings lying at `pos`. */
function coverage(rulings: Ruling[], pos: number, from: number, to: number, tol: number): number {
  let covered = 0;
  for (const r of rulings) {
    if (Math.abs(r.pos - pos) > tol) continue;
    covered += Math.max(0, Math.min(to, r.end) - Math.max(from, r.start));
  }
  return to > from ? covered / (to - from) : 1;
}

/**
 * The grid of one connected set of rulings, or null when it frames fewer cells than
 * a table has, or is one row of shading with no border.
 */
function gridOf(h: Ruling[], v: Ruling[], s: TableSettings): TableGrid | null {
  const tol = s.snapTolerance;
  const xs = distinct(v.map((r) => r.pos), tol);
  const ys = distinct(h.map((r) => r.pos), tol);
  // Tables drawn without side (or top/bottom) borders: the crossing rulings' ends close the grid.
  const left = Math.min(...h.map((r) => r.start));
  const right = Math.max(...h.map((r) => r.end));
  const top = Math.min(...v.map((r) => r.start));
  const bottom = Math.max(...v.map((r) => r.end));
  if (left < xs[0]! - tol) xs.unshift(left);
  if (right > xs[xs.length - 1]! + tol) xs.push(right);
  if (top < ys[0]! - tol) ys.unshift(top);
  if (bottom > ys[ys.length - 1]! + tol) ys.push(bottom);
  const cols = xs.length - 1;
  const rows = ys.length - 1;
  if (cols < 1 || rows < 1) return null;

  const slots = new Groups(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const y0 = ys[r]!;
      const y1 = ys[r + 1]!;
      if (c + 1 < cols && coverage(v, xs[c + 1]!, y0, y1, tol) < s.edgeCoverage) slots.union(r * cols + c, r * cols + c + 1);
      if (r + 1 < rows && coverage(h, ys[r + 1]!, xs[c]!, xs[c + 1]!, tol) < s.edgeCoverage) slots.union(r * cols + c, (r + 1) * cols + c);
    }
  }
  const cells: GridCell[] = [];
  const cellOfRoot = new Map<number, number>();
  const owner: number[] = new Array<number>(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const root = slots.find(r * cols + c);
      let idx = cellOfRoot.get(root);
      if (idx === undefined) {
        idx = cells.push({ row: r, col: c, rowSpan: 1, colSpan: 1 }) - 1;
        cellOfRoot.set(root, idx);
      }
      const cell = cells[idx]!;
      cell.rowSpan = Math.max(cell.rowSpan, r - cell.row + 1);
      cell.colSpan = Math.max(cell.colSpan, c - cell.col + 1);
      owner[r * cols + c] = idx;
    }
  }
  // Shading alone over one row (a shaded header line above a borderless table) frames no table.
  if (cells.length < s.minTableCells || (rows === 1 && [...h, ...v].every((r) => r.shade))) return null;
  return { xs, ys, cells, owner, bbox: { x0: xs[0]!, top: ys[0]!, x1: xs[cols]!, bottom: ys[rows]! }, ruled: true };
}

/** Ruled tables of a page, top to bottom. */
export function findRuledTables(rulings: Rulings, s: TableSettings): TableGrid[] {
  const { h, v } = rulings;
  const groups = new Groups(h.length + v.length);
  for (let i = 0; i < h.length; i++) {
    for (let j = 0; j < v.length; j++) if (meets(h[i]!, v[j]!, s.intersectionTolerance)) groups.union(i, h.length + j);
  }
  const members = new Map<number, { h: Ruling[]; v: Ruling[] }>();
  for (let i = 0; i < h.length + v.length; i++) {
    const root = groups.find(i);
    const m = members.get(root) ?? { h: [], v: [] };
    if (i < h.length) m.h.push(h[i]!);
    else m.v.push(v[i - h.length]!);
    members.set(root, m);
  }
  const tables: TableGrid[] = [];
  for (const m of members.values()) {
    // A table has two rulings each way, or rows ruled across one column rule (no side borders).
    if (m.h.length < 2 || m.v.length < (m.h.length >= 3 ? 1 : 2)) continue;
    const grid = gridOf(m.h, m.v, s);
    if (grid) tables.push(grid);
  }
  return tables.sort((a, b) => a.bbox.top - b.bbox.top);
}
