/**
 * Deadlines are written every way a person writes a date: "31/12/2023",
 * "31.12.2024", "31-12-23", "31 dicembre 2023", "1° ottobre 2023", "15/5",
 * "dicembre 2024", "settembre", "primo semestre 2024", "l'anno". This module reads
 * one such expression at a token and gives its ISO date, filling a missing year
 * with the target's (or the plan's) year and taking a month or a period at its
 * last day, as `fixtures/TARGETS.md` prescribes.
 */
import { END_WORDS, FILLERS, MONTHS, PERIOD_MONTHS, PERIOD_ORDINALS, YEAR_WORDS } from './lexicon.js';
import type { Token } from './tokens.js';

/**
 * How the date was written. Inside running text only a complete date
 * ("numeric", "written") is a target by itself; the vaguer forms need "entro",
 * "fino al", … in front, or a cell holding nothing else.
 */
export type DateForm = 'numeric' | 'written' | 'yearless' | 'month' | 'period' | 'year_end';

export interface DateRead {
  /** ISO date, or null where no year is known */
  date: string | null;
  year: number | null;
  form: DateForm;
  /** index of the first token after the expression */
  next: number;
}

/** Years in a plan are 20xx; a two-digit year is read in this century. */
const CENTURY = 2000;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function daysInMonth(year: number | null, month: number): number {
  // Without a year, allow 29 February: the year is filled in later, if at all.
  return new Date(Date.UTC(year ?? 2000, month, 0)).getUTCDate();
}

function iso(year: number | null, month: number, day: number): string | null {
  if (year === null) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function valid(year: number | null, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function fullYear(digits: string): number {
  const n = Number(digits);
  return digits.length === 2 ? CENTURY + n : n;
}

/** A four-digit year at `i` ("dicembre 2024"), or null. */
function readYear(tokens: Token[], i: number): number | null {
  const t = tokens[i];
  if (t?.kind !== 'num' || t.code || t.ordinal || !/^\d{4}$/.test(t.key)) return null;
  const y = Number(t.key);
  return y >= MIN_YEAR && y <= MAX_YEAR ? y : null;
}

function dayOf(t: Token | undefined): number | null {
  if (t?.kind !== 'num' || t.code || !/^\d{1,2}$/.test(t.key)) return null;
  return Number(t.key);
}

function numericDate(t: Token, refYear: number | null, i: number): DateRead | null {
  const [d, m, y] = t.key.split(/[./-]/);
  const day = Number(d);
  const month = Number(m);
  const year = y === undefined ? refYear : fullYear(y);
  if (!valid(year, month, day)) return null;
  return { date: iso(year, month, day), year, form: y === undefined ? 'yearless' : 'numeric', next: i + 1 };
}

function endOfMonths(year: number | null, month: number, form: DateForm, next: number): DateRead {
  return { date: iso(year, month, daysInMonth(year, month)), year, form, next };
}

/** A period ordinal: "primo", "II", or "1°". */
function periodOrdinal(t: Token | undefined): number | null {
  if (!t) return null;
  if (t.kind === 'num' && t.ordinal) return Number(t.key);
  return t.kind === 'word' ? (PERIOD_ORDINALS[t.key] ?? null) : null;
}

/** Reads a date expression starting at `i`; a missing year becomes `refYear`. */
export function readDate(tokens: Token[], i: number, refYear: number | null): DateRead | null {
  const t = tokens[i];
  if (!t) return null;
  if (t.kind === 'date' || t.kind === 'dm') return numericDate(t, refYear, i);

  const day = dayOf(t);
  const month = MONTHS[tokens[i + 1]?.key ?? ''];
  if (day !== null && month !== undefined) {
    const written = readYear(tokens, i + 2);
    const year = written ?? refYear;
    if (!valid(year, month, day)) return null;
    return { date: iso(year, month, day), year, form: written === null ? 'yearless' : 'written', next: i + (written === null ? 2 : 3) };
  }

  // "fine dicembre", "fine dell'anno": the end of what follows.
  let j = i;
  if (END_WORDS.has(tokens[j]?.key ?? '')) {
    j++;
    while (FILLERS.has(tokens[j]?.key ?? '')) j++;
  }
  const w = tokens[j];
  if (!w) return null;
  const withYear = (k: number) => {
    const y = readYear(tokens, k);
    return { year: y ?? refYear, next: y === null ? k : k + 1 };
  };
  const monthOnly = MONTHS[w.key];
  if (w.kind === 'word' && monthOnly !== undefined) {
    const { year, next } = withYear(j + 1);
    return endOfMonths(year, monthOnly, 'month', next);
  }
  const ordinal = periodOrdinal(w);
  const span = PERIOD_MONTHS[tokens[j + 1]?.key ?? ''];
  if (ordinal !== null && span !== undefined && ordinal * span <= 12) {
    const { year, next } = withYear(j + 2);
    return endOfMonths(year, ordinal * span, 'period', next);
  }
  if (w.kind === 'word' && YEAR_WORDS.has(w.key)) {
    const { year, next } = withYear(j + 1);
    return endOfMonths(year, 12, 'year_end', next);
  }
  return null;
}
