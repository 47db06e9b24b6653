/**
 * The lines and filled rectangles a page draws, from pdfjs's operator list. Table
 * borders are either stroked segments (LibreOffice) or thin filled rectangles
 * (Word); both are read here, in page coordinates, with the transforms of nested
 * graphics states and form XObjects applied. pdfjs 5 hands each path over as one
 * `constructPath` op: the painting op, a Float32Array of DrawOPS-coded points in
 * user space, and the path's bounding box.
 */
import type { PageViewport } from './pdfjs.js';
import { OPS, Util } from './pdfjs.js';
import type { Fill, Stroke } from './page.js';

/** pdfjs's DrawOPS codes inside a constructPath buffer (src/shared/util.js). */
const DRAW = { moveTo: 0, lineTo: 1, curveTo: 2, quadraticCurveTo: 3, closePath: 4 } as const;
/** How many coordinates follow each DrawOPS code. */
const ARITY: Record<number, number> = { 0: 2, 1: 2, 2: 6, 3: 4, 4: 0 };

const STROKING = new Set<number>([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const FILLING = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);

/** White ink on white paper draws nothing a reader sees. */
const INVISIBLE = '#ffffff';

type Matrix = number[];

interface State {
  ctm: Matrix;
  lineWidth: number;
  stroke: string;
  fill: string;
}

export interface PageGraphics {
  strokes: Stroke[];
  fills: Fill[];
}

interface OperatorList {
  fnArray: number[];
  argsArray: unknown[];
}

/**
 * Splits a DrawOPS buffer into polylines. A curve (a rounded corner, a circle) is
 * no ruling: it ends the polyline, and the next one starts where the curve ends.
 */
function subpaths(buf: ArrayLike<number>): { points: number[][]; closed: boolean }[] {
  const out: { points: number[][]; closed: boolean }[] = [];
  for (let i = 0; i < buf.length; ) {
    const op = buf[i]!;
    const n = ARITY[op] ?? 0;
    const end = [buf[i + n - 1]!, buf[i + n]!];
    const current = out[out.length - 1];
    if (op === DRAW.lineTo && current) current.points.push(end);
    else if (op === DRAW.closePath && current) current.closed = true;
    else if (op !== DRAW.closePath) out.push({ points: [end], closed: false }); // moveTo, or past a curve
    i += 1 + n;
  }
  return out;
}

/** Coordinates closer than this (points) are equal: transforms leave float noise on drawn corners. */
const SAME = 0.01;

/** The axis-aligned rectangle a closed 4-corner subpath traces, or null. */
function asRect(points: number[][]): Fill | null {
  const first = points[0];
  const last = points[points.length - 1];
  const closedTwice = points.length === 5 && first && last && Math.abs(first[0]! - last[0]!) < SAME && Math.abs(first[1]! - last[1]!) < SAME;
  const pts = closedTwice ? points.slice(0, 4) : points;
  if (pts.length !== 4) return null;
  for (let k = 0; k < 4; k++) {
    const [px = 0, py = 0] = pts[k]!;
    const [qx = 0, qy = 0] = pts[(k + 1) % 4]!;
    if (Math.abs(px - qx) >= SAME && Math.abs(py - qy) >= SAME) return null;
  }
  const x = pts.map((p) => p[0]!);
  const y = pts.map((p) => p[1]!);
  return { x0: Math.min(...x), top: Math.min(...y), x1: Math.max(...x), bottom: Math.max(...y) };
}

/** Reads the strokes and filled rectangles of an operator list, in page coordinates. */
export function readGraphics(ops: OperatorList, viewport: PageViewport): PageGraphics {
  const strokes: Stroke[] = [];
  const fills: Fill[] = [];
  let state: State = { ctm: viewport.transform.slice(), lineWidth: 1, stroke: '#000000', fill: '#000000' };
  const stack: State[] = [];
  const push = () => stack.push({ ...state });
  const pop = () => {
    state = stack.pop() ?? state;
  };
  const scale = () => Math.sqrt(Math.abs(state.ctm[0]! * state.ctm[3]! - state.ctm[1]! * state.ctm[2]!));

  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i]!;
    const args = ops.argsArray[i] as unknown[];
    switch (fn) {
      case OPS.save:
        push();
        break;
      case OPS.restore:
        pop();
        break;
      case OPS.transform:
        state.ctm = Util.transform(state.ctm, args as number[]) as Matrix;
        break;
      case OPS.paintFormXObjectBegin:
        push();
        if (args[0]) state.ctm = Util.transform(state.ctm, args[0] as number[]) as Matrix;
        break;
      case OPS.paintFormXObjectEnd:
        pop();
        break;
      case OPS.setLineWidth:
        state.lineWidth = args[0] as number;
        break;
      case OPS.setStrokeRGBColor:
        state.stroke = String(args[0]).toLowerCase();
        break;
      case OPS.setFillRGBColor:
        state.fill = String(args[0]).toLowerCase();
        break;
      case OPS.constructPath: {
        const [paint, data] = args as [number, [ArrayLike<number> | null]];
        const buf = data?.[0];
        if (!buf) break;
        const stroke = STROKING.has(paint) && state.stroke !== INVISIBLE;
        const fill = FILLING.has(paint) && state.fill !== INVISIBLE;
        if (!stroke && !fill) break;
        const width = state.lineWidth * scale();
        for (const path of subpaths(buf)) {
          const m = state.ctm;
          const pts = path.points.map(([x = 0, y = 0]) => [x * m[0]! + y * m[2]! + m[4]!, x * m[1]! + y * m[3]! + m[5]!]);
          if (fill) {
            const rect = asRect(pts);
            if (rect) fills.push(rect);
          }
          if (!stroke) continue;
          if (path.closed && pts.length > 1) pts.push(pts[0]!);
          for (let k = 1; k < pts.length; k++) {
            const [x0, y0] = pts[k - 1]!;
            const [x1, y1] = pts[k]!;
            strokes.push({ x0: x0!, y0: y0!, x1: x1!, y1: y1!, width });
          }
        }
        break;
      }
    }
  }
  return { strokes, fills };
}
