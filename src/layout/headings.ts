/**
 * Telling headings from prose among the lines outside tables. Plans announce their
 * sections (area, "MISSIONE 1 – …", a theme such as "Legalità") with short lines set
 * bold or larger than the body text; the extractors carry those as the context of
 * the tables below them. Missione lines are headings whatever their type.
 */
import type { TextLine } from '../readers/pdf/page.js';
import type { FlowSettings } from './settings.js';

const MISSIONE = /^MISSIONE\s+\d+/i;

export interface LineStyle {
  heading: boolean;
  /** 1 for the largest headings, 2 for the rest; 0 for prose */
  level: number;
  size: number;
  bold: boolean;
}

/** The font size most characters are set in: the body text. */
export function bodySize(histograms: Map<number, number>[]): number {
  const total = new Map<number, number>();
  for (const h of histograms) for (const [size, n] of h) total.set(size, (total.get(size) ?? 0) + n);
  let best = 0;
  let bestCount = -1;
  for (const [size, n] of total) if (n > bestCount) [best, bestCount] = [size, n];
  return best;
}

export function lineStyle(line: TextLine, body: number, s: FlowSettings): LineStyle {
  const words = line.words.filter((w) => !w.bullet);
  const text = words.map((w) => w.text).join(' ');
  const size = Math.max(...words.map((w) => w.size), 0);
  const bold = words.length > 0 && words.every((w) => w.bold);
  const large = size >= body * s.headingSizeRatio;
  const heading = words.length > 0 && !line.words[0]!.bullet && text.length <= s.maxHeadingChars && (MISSIONE.test(text) || bold || large);
  const level = !heading ? 0 : size >= body * s.majorHeadingSizeRatio ? 1 : 2;
  return { heading, level, size, bold };
}
