/**
 * The thresholds of the PDF reader, in one place. A PDF states where each glyph run
 * starts and how wide it is, never where a word or a line ends; these settings say
 * how close two runs must be to count as one word, and one line.
 *
 * All distances are ratios of the font size unless the name says points, so they
 * hold for 8-point table text and 14-point headings alike.
 */
export interface ReaderSettings {
  /**
   * Two runs on one line closer than this (× font size) are glued into one word;
   * farther apart, a space separates them. A normal inter-word space advances
   * ~0.25–0.3 em in the fonts plans use, letter spacing and kerning a few
   * hundredths, so 0.15 sits well inside the gap and its exact value is not
   * load-bearing (Docling's word-boundary module settles on the same region).
   */
  wordGapRatio: number;
  /**
   * Runs whose baselines differ by at most this (× font size) sit on one line. Lines
   * of one paragraph are ≥ 1 em apart, so 0.3 never merges two lines of one cell,
   * while runs of one line in different fonts (a Symbol bullet, a bold word) whose
   * baselines differ by rounding still join. Compared with the line's first run,
   * never chained, so cells side by side cannot pull distant lines together.
   */
  baselineToleranceRatio: number;
  /**
   * Top and bottom of a run when the font does not state its ascent and descent
   * (× font size): typical values for the Latin fonts of office documents.
   */
  defaultAscent: number;
  defaultDescent: number;
}

export const READER_SETTINGS: ReaderSettings = {
  wordGapRatio: 0.15,
  baselineToleranceRatio: 0.3,
  defaultAscent: 0.8,
  defaultDescent: -0.2,
};
