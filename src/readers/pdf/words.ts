/**
 * Words and lines from glyph runs. A PDF has no words: it places runs of glyphs, and
 * producers often draw the space between words as a jump of the pen rather than a
 * space glyph, so pdfjs's strings miss spaces where runs meet, and a run can hold
 * several words. Runs are grouped into lines by baseline, then cut into words at
 * spaces and at pen jumps wider than the word-gap setting. Bullet glyphs become
 * words of their own, marked, so lists survive.
 */
import type { TextLine, Word } from './page.js';
import type { ReaderSettings } from './settings.js';
import type { TextRun } from './text.js';

/**
 * Glyphs that mark a list item: Word's Symbol bullet (U+F0B7, kept by the text
 * layer), its Wingdings siblings, and the Unicode bullets other producers use.
 */
const BULLET_GLYPHS = new Set(['\uF0B7', '\uF0A7', '\uF076', '\uF0D8', '\uF0FC', '•', '▪', '●', '◦', '■', '‣', '⁃', '➢', '►']);

export const isBulletGlyph = (text: string): boolean => BULLET_GLYPHS.has(text);

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
  const close = () => {
    if (word) words.push(word);
    word = null;
  };
  for (const run of runs.filter((r) => r.text.trim()).sort((p, q) => p.x0 - q.x0)) {
    if (word && run.x0 - (word as Word).x1 > run.size * settings.wordGapRatio) close();
    const chars = [...run.text];
    const step = (run.x1 - run.x0) / chars.length;
    chars.forEach((ch, i) => {
      if (/\s/.test(ch)) {
        if (word) (word as Word).spaceAfter = true;
        return close();
      }
      const x0 = run.x0 + i * step;
      const glyph = { x0, x1: x0 + step, top: run.top, bottom: run.bottom };
      const bullet = isBulletGlyph(ch);
      if (bullet) close();
      if (word) {
        word.text += ch;
        word.x1 = glyph.x1;
        word.top = Math.min(word.top, glyph.top);
        word.bottom = Math.max(word.bottom, glyph.bottom);
      } else {
        const { size, font, bold, italic } = run;
        word = { text: ch, ...glyph, size, font, bold, italic, bullet, spaceAfter: false };
      }
      if (bullet) close();
    });
  }
  close();
  return words;
}

/** Lines of words, top to bottom; lines with no visible glyph are dropped. */
export function buildLines(runs: TextRun[], settings: ReaderSettings): TextLine[] {
  const lines: TextLine[] = [];
  for (const group of groupLines(runs, settings)) {
    const words = lineWords(group, settings);
    if (!words.length) continue;
    let top = Infinity;
    let bottom = -Infinity;
    for (const w of words) {
      top = Math.min(top, w.top);
      bottom = Math.max(bottom, w.bottom);
    }
    lines.push({ words, x0: words[0]!.x0, x1: words[words.length - 1]!.x1, top, bottom, baseline: group[0]!.baseline });
  }
  return lines;
}
