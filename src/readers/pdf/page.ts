/**
 * What the PDF reader keeps of a page: words on lines, and the straight lines and
 * filled rectangles drawn on it. A PDF page is only glyphs and paths at coordinates;
 * this is the compact, pdfjs-free picture of it that table rebuilding works on, so
 * pdfjs's page objects can be freed as soon as a page is read.
 *
 * Coordinates are PDF points with the origin at the top-left of the page as shown
 * (page rotation applied), y growing downwards.
 */

export interface Box {
  x0: number;
  top: number;
  x1: number;
  bottom: number;
}

/** The smallest box holding all of `boxes` (at least one). */
export function boxOf(boxes: readonly Box[]): Box {
  const out = { x0: Infinity, top: Infinity, x1: -Infinity, bottom: -Infinity };
  for (const b of boxes) {
    out.x0 = Math.min(out.x0, b.x0);
    out.top = Math.min(out.top, b.top);
    out.x1 = Math.max(out.x1, b.x1);
    out.bottom = Math.max(out.bottom, b.bottom);
  }
  return out;
}

/** How glyphs are set. */
export interface TextStyle {
  /** font size in points (the glyphs' em height on the page) */
  size: number;
  /** the font's PostScript name without its subset tag ("Calibri-Bold") */
  font: string;
  bold: boolean;
  italic: boolean;
}

export interface Word extends Box, TextStyle {
  text: string;
  /** a bullet glyph (Symbol U+F0B7, •, ▪ …) standing alone: a list-item marker */
  bullet: boolean;
  /** the PDF draws a space glyph right after the word (Word does so even at a line's end) */
  spaceAfter: boolean;
}

/** Words sharing a baseline, left to right. Spans the page: columns split it later. */
export interface TextLine extends Box {
  words: Word[];
  baseline: number;
}

/** A straight stroked segment (any direction; rulings are the axis-aligned ones). */
export interface Stroke {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** line width in points */
  width: number;
}

/** An axis-aligned filled rectangle (cell shading, or a border drawn as a thin fill). */
export type Fill = Box;

export interface PageContent {
  /** 1-based */
  number: number;
  width: number;
  height: number;
  /** lines top to bottom */
  lines: TextLine[];
  strokes: Stroke[];
  fills: Fill[];
  /** text runs not laid out horizontally (rotated labels); not placed in lines */
  rotatedRuns: number;
}
