/**
 * Page furniture: running headers, footers and page numbers. They sit between the
 * end of a table on one page and its continuation on the next, and would otherwise
 * read as paragraphs that break the table in two. A line is furniture when it lies
 * in the top or bottom band of the page and either recurs on many pages (numbers
 * ignored, so "Pagina 3 di 24" matches "Pagina 4 di 24") or is a bare page number.
 * The first occurrence of a recurring line stays: it is often the document's title.
 */
import type { TextLine } from '../readers/pdf/page.js';
import type { FlowSettings } from './settings.js';

interface FurniturePage {
  height: number;
  lines: TextLine[];
}

const PAGE_NUMBER = /^(?:-\s*)?(?:pag(?:ina|\.)?\s*)?\d+(?:\s*(?:\/|di|of)\s*\d+)?(?:\s*-)?$/i;

const lineText = (line: TextLine) => line.words.map((w) => w.text).join(' ');
const keyOf = (line: TextLine) => lineText(line).replace(/\d+/g, '#').toLowerCase();

function inBand(line: TextLine, height: number, s: FlowSettings): boolean {
  return line.bottom <= height * s.marginBand || line.top >= height * (1 - s.marginBand);
}

/** The furniture lines of every page (as a set of line objects to drop). */
export function findFurniture(pages: FurniturePage[], s: FlowSettings): Set<TextLine> {
  const pagesByKey = new Map<string, number>();
  for (const page of pages) {
    const keys = new Set(page.lines.filter((l) => inBand(l, page.height, s)).map(keyOf));
    for (const k of keys) pagesByKey.set(k, (pagesByKey.get(k) ?? 0) + 1);
  }
  const minPages = Math.max(2, Math.ceil(pages.length * s.furnitureShare));
  const furniture = new Set<TextLine>();
  const seen = new Set<string>();
  for (const page of pages) {
    for (const line of page.lines) {
      if (!inBand(line, page.height, s)) continue;
      const key = keyOf(line);
      if (PAGE_NUMBER.test(lineText(line))) furniture.add(line);
      else if ((pagesByKey.get(key) ?? 0) >= minPages && seen.has(key)) furniture.add(line);
      seen.add(key);
    }
  }
  return furniture;
}
