/**
 * Text as the contract wants it: the lines of one cell joined with a single space,
 * runs of white space collapsed, bullet glyphs removed, nothing else changed. Word
 * and pdf.js hand us non-breaking spaces, tabs and private-use bullet glyphs (the
 * Symbol font's U+F0B7) that must not leak into titles.
 */

/** Bullet glyphs as they come out of Word (Symbol/Wingdings private-use points) and common Unicode bullets. */
const BULLET_CHARS = '\uF0B7\uF0A7\uF076\uF0D8\uF0FC\uF06C\uF06E\u2022\u25AA\u25CF\u25E6\u2023\u2043\u25A0\u25A1\u2013\u27A2\u00B7';

const BULLET_START = new RegExp(`^[\\s]*[${BULLET_CHARS}](?=\\s|$)[\\s]*`);

export function normalizeSpace(text: string): string {
  return text.replace(/[\s\u00A0\u2007\u202F\u200B]+/g, ' ').trim();
}

/** Whether a paragraph starts with a bullet glyph. */
export const startsWithBullet = (text: string): boolean => BULLET_START.test(text);

/** Removes a leading bullet glyph (not a dash: dashes are content unless the caller says otherwise). */
export function stripBullet(text: string): string {
  return text.replace(BULLET_START, '');
}

/** Quotes and dashes that compare as their ASCII forms. */
const FOLDED_PUNCT: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '´': "'",
  '`': "'",
  '“': '"',
  '”': '"',
  '«': '"',
  '»': '"',
  '–': '-',
  '—': '-',
  '−': '-',
};
const FOLDED_PUNCT_RE = /[‘’´`“”«»–—−]/g;

/** Plain ASCII has no accent, ligature or typographic quote to fold, only case and spaces; the backtick (0x60) folds to "'". */
const ASCII_ONLY = /^[\x00-\x5f\x61-\x7f]*$/;

/** NFKD, case-folded, accents and quotes unified: for comparisons, never for stored text. */
export function foldForMatch(text: string): string {
  const plain = ASCII_ONLY.test(text)
    ? text
    : text
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(FOLDED_PUNCT_RE, (ch) => FOLDED_PUNCT[ch]!);
  return normalizeSpace(plain.toLowerCase());
}
