/**
 * Synthetic page lines for the layout tests: words placed at given x positions on a
 * baseline, 10 pt type, 5 pt a character, so a test can say exactly where a line
 * ends and whether the next word would have fitted.
 */
import type { TextLine, Word } from '../src/readers/pdf/page.js';

/** A line of words at `y`, each [text, x0] 10 pt high; widths 5 pt a character. */
export function line(y: number, words: [string, number][]): TextLine {
  const ws: Word[] = words.map(([text, x0]) => ({
    text,
    x0,
    x1: x0 + 5 * text.length,
    top: y - 8,
    bottom: y + 2,
    size: 10,
    font: 'Arial',
    bold: false,
    italic: false,
    bullet: false,
    spaceAfter: false,
  }));
  return { words: ws, x0: ws[0]!.x0, x1: ws[ws.length - 1]!.x1, top: y - 8, bottom: y + 2, baseline: y };
}
