/**
 * Words and lines from glyph runs. A PDF has no words: it places runs of glyphs, and
 * producers often draw the space between words as a jump of the pen rather than a
 * space glyph, so pdfjs's strings miss spaces where runs meet, and a run can hold
 * several words. Runs are grouped into lines by baseline, then cut into words at
 * spaces and at pen jumps wider than the word-gap setting. Bullet glyphs become
 * words of their own, marked, so lists survive.
 */
import { boxOf, type TextLine, type Word } from './page.js';
import type { ReaderSettings } from './settings.js';
import type { TextRun } from './text.js';

/**
 * Glyphs that mark a list item: Word's Symbol bullet (U+F0B7, kept by the text
 * layer), its Wingdings siblings, and the Unicode bullets other producers use.
 */
const BULLET_GLYPHS = new Set(['\uF0B7', '\uF0A7', '\uF076', '\uF0D8', '\uF0FC', '•', '▪', '●', '◦', '■', '‣', '⁃', '➢', '►']);

/** White space between words (the text layer's own spaces, tabs, no-break spaces). */
const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\u00a0' || (ch > '\u007f' && /\s/.test(ch));

/**
 * A glyph's advance relative to its neighbours, after the width classes of the
 * sans and serif faces of office documents (Arial/Helvetica, Liberation, Times,
 * Calibri). pdfjs gives only a run's total width; spreading it over its characters
 * in these proportions puts word edges within a few tenths of a point, where an
 * even spread errs by a letter's width on capitals ("PROTAGONISMO").
 */
function advanceOf(ch: string): number {
  if (/[ilj.,;:!|'’‘`]/.test(ch)) return 0.25;
  if (/\s/.test(ch)) return 0.28;
  if (/[ftrI()[\]{}\/"-]/.test(ch)) return 0.34;
  if (/[mwMW]/.test(ch)) return 0.85;
  if (/\p{Lu}/u.test(ch)) return 0.68;
  if (/\p{N}/u.test(ch)) return 0.55;
  return 0.52;
}

/** A glyph's part in cutting words; Unknown: not met yet. */
const enum Glyph {
  Unknown = 0,
  Plain,
  Space,
  Bullet,
}

/**
 * Every UTF-16 unit's class and advance, filled in as met: this runs for every
 * glyph of the document, and a typed array indexed by char code costs less than
 * a lookup by string.
 */
const glyphClass = new Uint8Array(0x10000);
const glyphAdvance = new Float64Array(0x10000);

function classify(text: string, i: number): Glyph {
  const code = text.charCodeAt(i);
  let kind: Glyph = glyphClass[code]!;
  if (kind === Glyph.Unknown) {
    const ch = text[i]!;
    kind = isSpace(ch) ? Glyph.Space : BULLET_GLYPHS.has(ch) ? Glyph.Bullet : Glyph.Plain;
    glyphClass[code] = kind;
    glyphAdvance[code] = advanceOf(ch);
  }
  return kind;
}

function advance(text: string, i: number): number {
  classify(text, i);
  return glyphAdvance[text.charCodeAt(i)]!;
}

/** Groups runs into lines: a run joins the line whose first baseline it is near. */
function groupLines(runs: TextRun[], settings: ReaderSettings): TextRun[][] {
  const sorted = [...runs].sort((p, q) => p.baseline - q.baseline || p.x0 - q.x0);
  const lines: TextRun[][] = [];
  let current: TextRun[] = [];
  let base = 0;
  let tolerance = 0;
  for (const run of sorted) {
    if (current.length && run.baseline - base <= tolerance) {
      current.push(run);
      tolerance = Math.max(tolerance, run.size * settings.baselineToleranceRatio);
      continue;
    }
    if (current.length) lines.push(current);
    current = [run];
    base = run.baseline;
    tolerance = run.size * settings.baselineToleranceRatio;
  }
  if (current.length) lines.push(current);
  return lines;
}

/**
 * Cuts one line's runs (left to right) into words. Runs that are only white space
 * are pdfjs's guesses at a gap (and can span several columns): the gap itself is
 * what counts, measured from the last glyph of the word being built.
 */
function lineWords(runs: TextRun[], settings: ReaderSettings): Word[] {
  const words: Word[] = [];
  let word: Word | null = null;
  for (const run of runs.filter((r) => r.text.trim()).sort((p, q) => p.x0 - q.x0)) {
    if (word && run.x0 - word.x1 > run.size * settings.wordGapRatio) {
      words.push(word);
      word = null;
    }
    const text = run.text;
    let total = 0;
    for (let i = 0; i < text.length; i++) total += advance(text, i);
    const scale = (run.x1 - run.x0) / total;
    let pen = run.x0;
    // The current word's characters in this run start at `from` (-1: none yet).
    let from = -1;
    const close = (end: number) => {
      if (!word) return;
      if (from >= 0) word.text += text.slice(from, end);
      words.push(word);
      word = null;
      from = -1;
    };
    for (let i = 0; i < text.length; i++) {
      const kind = classify(text, i);
      const x0 = pen;
      pen += advance(text, i) * scale;
      if (kind === Glyph.Space) {
        if (word) (word as Word).spaceAfter = true;
        close(i);
        continue;
      }
      const bullet = kind === Glyph.Bullet;
      if (word && !bullet) {
        if (from < 0) from = i;
        (word as Word).x1 = pen;
        continue;
      }
      close(i);
      const { size, font, bold, italic, top, bottom } = run;
      word = { text: '', x0, x1: pen, top, bottom, size, font, bold, italic, bullet, spaceAfter: false };
      from = i;
      if (bullet) close(i + 1);
    }
    if (word && from >= 0) (word as Word).text += text.slice(from);
  }
  if (word) words.push(word);
  return words;
}

/** A line of `words` (left to right) on `baseline`. */
export function lineOf(words: Word[], baseline: number): TextLine {
  const { top, bottom } = boxOf(words);
  return { words, x0: words[0]!.x0, x1: words[words.length - 1]!.x1, top, bottom, baseline };
}

/** Lines of words, top to bottom; lines with no visible glyph are dropped. */
export function buildLines(runs: TextRun[], settings: ReaderSettings): TextLine[] {
  const lines: TextLine[] = [];
  for (const group of groupLines(runs, settings)) {
    const words = lineWords(group, settings);
    if (words.length) lines.push(lineOf(words, group[0]!.baseline));
  }
  return lines;
}
