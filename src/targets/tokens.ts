/**
 * Target texts mix prose, Italian numbers ("1.000", "0,5"), dates in several
 * spellings ("31.12.2024", "31-12-23", "15/5"), abbreviations ("n.", "gg.",
 * "G.C.") and product codes ("M1.C1.1.2", "PGT 3.0"). This tokenizer cuts a text
 * into typed tokens with their offsets, so the readers match phrases on words and
 * values instead of on raw characters, and a digit glued to a code is never read
 * as a quantity.
 */

export type TokenKind = 'word' | 'num' | 'date' | 'dm' | 'sym' | 'punct';

export interface Token {
  kind: TokenKind;
  /** the text as printed */
  text: string;
  /** lower case, typographic apostrophe unified, trailing abbreviation dot dropped */
  key: string;
  start: number;
  end: number;
  /** a word followed by "." or "°" ("n.", "gg.", "n°") */
  dot: boolean;
  /** a number followed by "°" ("1°") */
  ordinal: boolean;
  /** a number glued to letters or to other digits by "." "/" "-" (a code, not a quantity) */
  code: boolean;
}

/**
 * One alternative per kind, in this order; numbered groups, not named ones: a
 * named-group match builds a `groups` object for every token of every target text.
 */
const TOKEN_RE = new RegExp(
  [
    String.raw`(\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?!\d))`, // 1 date
    String.raw`(\d{1,2}\/\d{1,2}(?![\d/]))`, // 2 day/month
    String.raw`(\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d)|\d+(?:,\d+)?)([°º])?`, // 3 number, 4 ordinal sign
    String.raw`(\p{L}{1,4}\.(?:\p{L}{1,4}\.)+)`, // 5 dotted abbreviation
    String.raw`(\p{L}+(?:['’](?=[\p{L}\d]))?)([.°º])?`, // 6 word, 7 its dot
    String.raw`([%€≥≤<>=])`, // 8 symbol
    String.raw`\S`, // punctuation
  ].join('|'),
  'gu',
);

const LETTER = /\p{L}/u;
const DIGIT = /\d/;
const JOINER = /[./\-]/;

function isCode(text: string, start: number, end: number): boolean {
  const before = text[start - 1] ?? '';
  const beforeJoiner = text[start - 2] ?? '';
  if (LETTER.test(before)) return true;
  if (JOINER.test(before) && DIGIT.test(beforeJoiner)) return true;
  return JOINER.test(text[end] ?? '') && DIGIT.test(text[end + 1] ?? '');
}

const token = (kind: TokenKind, text: string, key: string, start: number, dot = false, ordinal = false, code = false): Token => ({
  kind,
  text,
  key,
  start,
  end: start + text.length,
  dot,
  ordinal,
  code,
});

const wordKey = (word: string): string => {
  const lower = word.toLowerCase();
  return lower.includes('’') ? lower.replace(/’/g, "'") : lower;
};

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const start = m.index;
    const raw = m[0];
    if (m[1] !== undefined) tokens.push(token('date', raw, raw, start));
    else if (m[2] !== undefined) tokens.push(token('dm', raw, raw, start));
    else if (m[3] !== undefined) {
      const num = m[3];
      tokens.push(token('num', raw, num, start, false, m[4] !== undefined, isCode(text, start, start + num.length)));
    } else if (m[5] !== undefined) tokens.push(token('word', raw, m[5].toLowerCase().slice(0, -1), start, true));
    else if (m[6] !== undefined) tokens.push(token('word', raw, wordKey(m[6]), start, m[7] !== undefined));
    else tokens.push(token(m[8] !== undefined ? 'sym' : 'punct', raw, raw, start));
  }
  return tokens;
}

/** Runs of white space (line breaks of a wrapped paragraph included) become one space. */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
