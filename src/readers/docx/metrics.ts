/**
 * Where Word wraps a line depends on the widths of the glyphs, and plan tables wrap
 * a lot: an average character width misplaces a paragraph by a line or two after a
 * few sentences, enough to pair an indicator with the wrong objective. These are the
 * advance widths (1/1000 em) of the two metric families almost every plan uses:
 * Helvetica (Arial, Liberation Sans — metric-compatible) and Times (Times New Roman,
 * Liberation Serif), from the Adobe Core 14 AFM files, printable ASCII 32–126.
 * Calibri, Word's default since 2007, runs about 10% narrower than Arial.
 */

// prettier-ignore
const HELVETICA = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
  556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
  667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

// prettier-ignore
const TIMES = [
  250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
  500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
  921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
  556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
  333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
  500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
];

/** Calibri's advances relative to Arial's, averaged over Italian text. */
const CALIBRI_SCALE = 0.89;

export interface FontMetrics {
  /** width in points of `text` set at `size` points */
  width(text: string, size: number): number;
}

/** Letters with diacritics take the width of their base letter; typographic punctuation maps to its ASCII look-alike. */
function baseChar(ch: string): number {
  const base = ch.normalize('NFD').charCodeAt(0);
  if (base >= 32 && base <= 126) return base;
  if ('’‘'.includes(ch)) return 39;
  if ('“”«»'.includes(ch)) return 34;
  if ('–'.includes(ch)) return 45;
  return 110; // "n": a typical lower-case advance for anything else
}

function metricsFrom(table: number[], scale: number): FontMetrics {
  return {
    width(text, size) {
      let units = 0;
      for (const ch of text) units += ch === '—' || ch === '€' ? 556 : table[baseChar(ch) - 32]!;
      return (units * scale * size) / 1000;
    },
  };
}

const SERIF = /times|serif|georgia|garamond|cambria|book antiqua|palatino/i;
const CALIBRI = /calibri|carlito|candara|segoe/i;

/** Metrics for a font family name as Word writes it (null: Word's default, Calibri). */
export function metricsFor(family: string | null): FontMetrics {
  if (family && SERIF.test(family)) return metricsFrom(TIMES, 1);
  if (!family || CALIBRI.test(family)) return metricsFrom(HELVETICA, CALIBRI_SCALE);
  return metricsFrom(HELVETICA, 1);
}
