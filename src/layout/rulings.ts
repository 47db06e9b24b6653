/**
 * Ruling lines from what a page draws. Table borders reach the PDF as stroked
 * segments or as thin filled rectangles, often one piece per cell side, a hair out
 * of line with their neighbours; shaded cells are wider fills whose edges are
 * borders too. This turns all of it into clean horizontal and vertical rulings:
 * near-equal positions snapped together, collinear pieces joined, specks dropped.
 */
import type { Fill, Stroke } from '../readers/pdf/page.js';
import type { TableSettings } from './settings.js';

/** A horizontal (`pos` = y) or vertical (`pos` = x) line from `start` to `end`. */
export interface Ruling {
  pos: number;
  start: number;
  end: number;
  /** only the edge of shading draws it, no border */
  shade: boolean;
}

export interface Rulings {
  h: Ruling[];
  v: Ruling[];
}

/** Collect axis-aligned rulings from strokes and fills. */
function collect(strokes: Stroke[], fills: Fill[], page: { width: number; height: number }, s: TableSettings): Rulings {
  const h: Ruling[] = [];
  const v: Ruling[] = [];
  for (const st of strokes) {
    if (st.width > s.maxRulingThickness) continue;
    if (Math.abs(st.y1 - st.y0) <= s.axisTolerance) {
      h.push({ pos: (st.y0 + st.y1) / 2, start: Math.min(st.x0, st.x1), end: Math.max(st.x0, st.x1), shade: false });
    } else if (Math.abs(st.x1 - st.x0) <= s.axisTolerance) {
      v.push({ pos: (st.x0 + st.x1) / 2, start: Math.min(st.y0, st.y1), end: Math.max(st.y0, st.y1), shade: false });
    }
  }
  const pageArea = page.width * page.height;
  for (const f of fills) {
    const w = f.x1 - f.x0;
    const ht = f.bottom - f.top;
    if (w * ht >= pageArea * s.pageBackgroundShare) continue;
    const thinH = ht <= s.maxRulingThickness;
    const thinV = w <= s.maxRulingThickness;
    if (thinH && thinV) continue;
    if (thinH) h.push({ pos: (f.top + f.bottom) / 2, start: f.x0, end: f.x1, shade: false });
    else if (thinV) v.push({ pos: (f.x0 + f.x1) / 2, start: f.top, end: f.bottom, shade: false });
    else {
      h.push({ pos: f.top, start: f.x0, end: f.x1, shade: true }, { pos: f.bottom, start: f.x0, end: f.x1, shade: true });
      v.push({ pos: f.x0, start: f.top, end: f.bottom, shade: true }, { pos: f.x1, start: f.top, end: f.bottom, shade: true });
    }
  }
  return { h, v };
}

/** Snaps near-equal positions to their mean, then joins collinear overlapping pieces. */
function clean(rulings: Ruling[], s: TableSettings): Ruling[] {
  const byPos = [...rulings].sort((a, b) => a.pos - b.pos);
  const out: Ruling[] = [];
  for (let i = 0; i < byPos.length; ) {
    let j = i + 1;
    let sum = byPos[i]!.pos;
    while (j < byPos.length && byPos[j]!.pos - byPos[j - 1]!.pos <= s.snapTolerance) sum += byPos[j++]!.pos;
    const pos = sum / (j - i);
    const pieces = byPos.slice(i, j).sort((a, b) => a.start - b.start);
    let cur = { ...pieces[0]!, pos };
    for (const p of pieces.slice(1)) {
      if (p.start <= cur.end + s.joinTolerance) {
        cur.end = Math.max(cur.end, p.end);
        cur.shade &&= p.shade;
      } else {
        out.push(cur);
        cur = { ...p, pos };
      }
    }
    out.push(cur);
    i = j;
  }
  return out.filter((r) => r.end - r.start >= s.minRulingLength);
}

/** The page's horizontal and vertical rulings, snapped and joined. */
export function findRulings(strokes: Stroke[], fills: Fill[], page: { width: number; height: number }, s: TableSettings): Rulings {
  const raw = collect(strokes, fills, page, s);
  return { h: clean(raw.h, s), v: clean(raw.v, s) };
}
