/**
 * Small readings of cell texts that every family needs: the years of an "anni"
 * cell ("2023 2024 2025", "2023-2025", "triennio 2023/2025"), a weight that is a
 * plain number (and not "5 (Area I-II) 10 (Area III)"), the numbering printed in
 * front of an objective ("Obiettivo 1/16 …", "2.3 – …"), and the upper-case label
 * that opens a strategic objective's cell ("FUNZIONAMENTO DELL'ENTE Migliorare …").
 */

const YEAR = /\b(19[89]\d|20\d\d)\b/g;
const YEAR_RANGE = /\b(20\d\d)\s*[-–/]\s*(20\d\d|\d\d)\b/g;

/** Ranges longer than this are not plan horizons ("2014-2030" funds programmes). */
const MAX_RANGE_YEARS = 10;

export function parseYears(text: string): number[] {
  const years = new Set<number>();
  for (const m of text.matchAll(YEAR_RANGE)) {
    const a = Number(m[1]);
    const b = m[2]!.length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
    if (b > a && b - a < MAX_RANGE_YEARS) for (let y = a; y <= b; y++) years.add(y);
  }
  for (const m of text.matchAll(YEAR)) years.add(Number(m[1]));
  return [...years].sort((x, y) => x - y);
}

const PLAIN_NUMBER = /^\s*(\d{1,3}(?:[.,]\d+)?)\s*%?\s*$/;

/** A weight printed as a plain number ("10", "3 ", "12,5", "20%"); anything else is not a weight we can state. */
export function parseWeight(text: string): number | null {
  const m = PLAIN_NUMBER.exec(text);
  return m ? Number(m[1]!.replace(',', '.')) : null;
}

const OBJECTIVE_NUMBER =
  /^(?:obiettivo|ob\.|obiett\.|scheda(?:\s+obiettivo)?|descrizione\s+obiettivo)\s*(?:n\.?\s*|nr\.?\s*|n°\s*)?(\d+(?:[./]\d+)*)\s*[-–:.)]?\s*/i;
const BARE_NUMBER = /^(\d{1,2}(?:\.\d{1,2}){1,3})\s*[-–:)]\s+/;

/** Splits "Obiettivo 1/16 Gestione servizi …" into code "1/16" and the title. */
export function splitCode(text: string): { code: string | null; title: string } {
  const m = OBJECTIVE_NUMBER.exec(text) ?? BARE_NUMBER.exec(text);
  if (!m) return { code: null, title: text };
  const title = text.slice(m[0].length).trim();
  return title ? { code: m[1]!, title } : { code: m[1]!, title: text };
}

/** A label counts as upper case when it has this many letters and no lower-case one. */
const MIN_LABEL_LETTERS = 4;

const isUpperWord = (w: string): boolean => /\p{Lu}/u.test(w) && !/\p{Ll}/u.test(w);

/**
 * "FUNZIONAMENTO DELL'ENTE Migliorare il funzionamento …" → label and title.
 * Returns null when the text does not open with an upper-case label followed by more text.
 */
export function splitUpperLabel(text: string): { label: string; rest: string } | null {
  const words = text.split(' ');
  let n = 0;
  while (n < words.length && isUpperWord(words[n]!)) n++;
  if (n === 0 || n === words.length) return null;
  const label = words.slice(0, n).join(' ');
  if (label.replace(/[^\p{L}]/gu, '').length < MIN_LABEL_LETTERS) return null;
  return { label, rest: words.slice(n).join(' ') };
}
