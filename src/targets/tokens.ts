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

const TOKEN_RE = new RegExp(
  [
    String.raw`(?<date>\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?!\d))`,
    String.raw`(?<dm>\d{1,2}\/\d{1,2}(?![\d/]))`,
    String.raw`(?<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?(?!\d)|\d+(?:,\d+)?)(?<ord>[°º])?`,
    String.raw`(?<abbr>\p{L}{1,4}\.(?:\p{L}{1,4}\.)+)`,
    String.raw`(?<word>\p{L}+(?:['’](?=[\p{L}\d]))?)(?<dot>[.°º])?`,
    String.raw`(?<sym>[%€≥≤<>=])`,
    String.raw`(?<punct>\S)`,
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

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const g = m.groups ?? {};
    const start = m.index;
    const raw = m[0];
    const end = start + raw.length;
    const base = { text: raw, start, end, dot: false, ordinal: false, code: false };
    if (g.date) tokens.push({ ...base, kind: 'date', key: raw });
    else if (g.dm) tokens.push({ ...base, kind: 'dm', key: raw });
    else if (g.num) {
      const numEnd = start + g.num.length;
      tokens.push({ ...base, kind: 'num', key: g.num, ordinal: Boolean(g.ord), code: isCode(text, start, numEnd) });
    } else if (g.abbr) tokens.push({ ...base, kind: 'word', key: g.abbr.toLowerCase().replace(/\.$/, ''), dot: true });
    else if (g.word) {
      tokens.push({ ...base, kind: 'word', key: g.word.toLowerCase().replace(/’/g, "'"), dot: Boolean(g.dot) });
    } else if (g.sym) tokens.push({ ...base, kind: 'sym', key: raw });
    else tokens.push({ ...base, kind: 'punct', key: raw });
  }
  return tokens;
}

/** Runs of white space (line breaks of a wrapped paragraph included) become one space. */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
