/**
 * A target text states its targets as phrases: a comparison and a value
 * ("almeno n. 25 servizi mensili"), a time limit and a date ("entro il
 * 31/12/2023"), a range ("tra l'80% e il 90%"), a bare percentage or count, often
 * several in one sentence and amid prose. This module finds those phrases left to
 * right in the token stream and reads each into kind, operator, value, date and
 * unit; whatever it does not recognise stays prose and yields nothing.
 */
import type { Target } from '../model/plan.js';
import { readDate, type DateRead } from './dates.js';
import {
  ACT_REFERENCE_WORDS,
  ACT_WORDS,
  COUNT_ABBREVIATIONS,
  CURRENCY_WORDS,
  DAY_UNITS,
  DURATION_UNITS,
  FILLERS,
  MAX_FILLER_TOKENS,
  MAX_UNIT_WORDS,
  MONTHS,
  OP_PHRASES_BY_FIRST_WORD,
  PERCENT_WORDS,
  RANGE_END_WORDS,
  RANGE_JOINERS,
  RANGE_WORDS,
  RATIO_BASE_WORDS,
  UNIT_STOP_WORDS,
  type Op,
} from './lexicon.js';
import { numberWord, parseItalianNumber } from './numbers.js';

const MINUS_SIGNS = new Set(['-', '−', '–']);
import { tokenize, type Token } from './tokens.js';

/** A target read from a text, before it gets its `raw` and `year`. */
export interface Found {
  kind: Exclude<Target['kind'], 'text'>;
  op: Op;
  value: number | boolean | null;
  date: string | null;
  unit: string | null;
  /** character offset where the phrase starts in the scanned text */
  start: number;
}

export interface ScanOptions {
  /** year for dates written without one: the target's "2023:" prefix, else the plan's year */
  refYear: number | null;
  /**
   * "cell": a target cell, where a bare date or a count with its noun is a target.
   * "embedded": an indicator's name, where only a phrase that says it is a target
   * (a comparison, a percentage, a time limit) counts.
   */
  mode: 'cell' | 'embedded';
  /** the column is "Percentuale": a number with no unit is a percentage */
  percentColumn: boolean;
}

interface Value {
  percent: boolean;
  value: number;
  unit: string | null;
  /** the first word of the unit, lower case ("gg", "servizi") */
  unitKey: string | null;
  next: number;
}

interface Read {
  found: Found[];
  next: number;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

function isYearLike(t: Token | undefined): boolean {
  if (t?.kind !== 'num' || !/^\d{4}$/.test(t.key)) return false;
  const n = Number(t.key);
  return n >= MIN_YEAR && n <= MAX_YEAR;
}

function continuesActReference(u: Token): boolean {
  switch (u.kind) {
    case 'num':
    case 'date':
    case 'dm':
      return true;
    case 'word':
      return ACT_REFERENCE_WORDS.has(u.key) || ACT_WORDS.has(u.key) || u.key in MONTHS;
    case 'punct':
      return /^[,/\-–]$/.test(u.key);
    default:
      return false;
  }
}

/**
 * Drops act references ("DGC n. 32 in data 24/02/2023", "Art. 79 CCNL
 * 2019/2021"): the act's name, then its numbers, dates and linking words.
 */
function withoutActReferences(tokens: Token[]): Token[] {
  const kept: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i] as Token;
    if (t.kind !== 'word' || !ACT_WORDS.has(t.key)) {
      kept.push(t);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < tokens.length && continuesActReference(tokens[j] as Token)) j++;
    // "Art." alone, with no number or date after it, is only a word.
    const cites = tokens.slice(i + 1, j).some((u) => u.kind === 'num' || u.kind === 'date' || u.kind === 'dm');
    if (!cites) kept.push(t);
    i = cites ? j : i + 1;
  }
  return kept;
}

class PhraseReader {
  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
    private readonly opts: ScanOptions,
  ) {}

  private key(i: number): string {
    return this.tokens[i]?.key ?? '';
  }

  private startOf(i: number): number {
    return this.tokens[i]?.start ?? this.text.length;
  }

  scan(): Found[] {
    const found: Found[] = [];
    let i = 0;
    while (i < this.tokens.length) {
      const read =
        this.readRange(i) ??
        this.readOpPhrase(i) ??
        this.readUnmarkedDate(i) ??
        this.readPercent(i) ??
        this.readBareCount(i);
      if (read) {
        found.push(...read.found);
        i = read.next;
      } else i++;
    }
    return found;
  }

  /** The whole text is one value or one date ("650", "n. 3 incontri", "31.12.2024", "dicembre 2024"). */
  readWhole(): Found[] | null {
    const n = this.tokens.length;
    if (n === 0) return null;
    const d = readDate(this.tokens, 0, this.opts.refYear);
    if (d?.next === n) return [this.deadline('=', d, 0)];
    const first = COUNT_ABBREVIATIONS.has(this.key(0)) ? 1 : 0;
    const v = this.readValue(first, true, false);
    if (v?.next !== n) return null;
    // In an indicator's name "(2023)" is a year, not a count.
    if (this.opts.mode === 'embedded' && !v.percent && v.unit === null && isYearLike(this.tokens[first])) return null;
    return [this.valueFound(v, '=', 0)];
  }

  private matchWords(i: number, words: string[]): number | null {
    for (let k = 0; k < words.length; k++) if (this.key(i + k) !== words[k]) return null;
    return i + words.length;
  }

  private skipFillers(i: number): { next: number; currency: boolean } {
    let next = i;
    let currency = false;
    while (next - i < MAX_FILLER_TOKENS) {
      const k = this.key(next);
      if (CURRENCY_WORDS.has(k)) currency = true;
      else if (!FILLERS.has(k)) break;
      next++;
    }
    return { next, currency };
  }

  /** A number (or, where `words`, a number word) with its percent sign, currency or unit. */
  private readValue(i: number, words: boolean, currency: boolean): Value | null {
    let j = i;
    let euro = currency;
    if (CURRENCY_WORDS.has(this.key(j))) {
      euro = true;
      j++;
    }
    // A minus sign set against its number ("≤ -5", "-3,2"); not the dash of a range ("2023-2025").
    const minus = this.tokens[j];
    const before = this.tokens[j - 1];
    const signed =
      minus !== undefined &&
      MINUS_SIGNS.has(minus.key) &&
      this.tokens[j + 1]?.kind === 'num' &&
      this.tokens[j + 1]!.start === minus.end &&
      !(before?.kind === 'num' && before.end === minus.start);
    if (signed) j++;
    const t = this.tokens[j];
    let value: number | null = null;
    if (t?.kind === 'num' && !t.code && !t.ordinal) value = (signed ? -1 : 1) * parseItalianNumber(t.key);
    else if (words && t?.kind === 'word') value = numberWord(t.key);
    if (value === null) return null;
    j++;
    const percentEnd = this.key(j) === '%' || this.key(j) === 'percento' ? j + 1 : this.matchWords(j, PERCENT_WORDS);
    if (percentEnd !== null) return { percent: true, value, unit: null, unitKey: null, next: percentEnd };
    if (CURRENCY_WORDS.has(this.key(j))) {
      euro = true;
      j++;
    }
    if (euro) return { percent: false, value, unit: 'euro', unitKey: 'euro', next: j };
    const unit = this.readUnit(j);
    return { percent: false, value, unit: unit?.text ?? null, unitKey: unit?.key ?? null, next: unit?.next ?? j };
  }

  /** The counted noun after a number, up to a preposition, conjunction, punctuation or another phrase. */
  private readUnit(j: number): { text: string; key: string; next: number } | null {
    const words: Token[] = [];
    let k = j;
    while (words.length < MAX_UNIT_WORDS) {
      const t = this.tokens[k];
      if (t?.kind !== 'word' || UNIT_STOP_WORDS.has(t.key) || this.readOpPhrase(k) !== null) break;
      words.push(t);
      k++;
      if (t.dot) break; // "gg." ends the unit; so does a sentence's full stop
    }
    const first = words[0];
    const last = words.at(-1);
    if (!first || !last) return null;
    const end = last.dot && last.text.endsWith('.') ? last.end - 1 : last.end;
    const rest = words.length > 1 ? ` ${this.text.slice((words[1] as Token).start, end)}` : '';
    const text = DAY_UNITS.has(first.key) ? `giorni${rest}` : this.text.slice(first.start, end);
    return { text, key: first.key, next: k };
  }

  private valueFound(v: Value, op: Op, start: number): Found {
    const percent = v.percent || (this.opts.percentColumn && v.unit === null);
    return { kind: percent ? 'percent' : 'number', op, value: v.value, date: null, unit: percent ? null : v.unit, start };
  }

  private deadline(op: Op, d: DateRead, start: number): Found {
    return { kind: 'deadline', op, value: null, date: d.date, unit: null, start };
  }

  /**
   * A date before the target's year describes what the work is about ("Stampa e
   * rilegatura DGC dal 14/02/2018 al 31/12/2020"), not when it is due.
   */
  private isPast(d: DateRead): boolean {
    return this.opts.refYear !== null && d.year !== null && d.year < this.opts.refYear;
  }

  private readDeadline(op: Op, i: number, start: number): Read | null {
    const d = readDate(this.tokens, i, this.opts.refYear);
    if (!d) return null;
    const found = this.isPast(d) ? [] : [this.deadline(op, d, start)];
    let next = d.next;
    if (op === '>=' && RANGE_END_WORDS.has(this.key(next))) {
      const until = readDate(this.tokens, next + 1, this.opts.refYear);
      if (until) {
        if (!this.isPast(until)) found.push(this.deadline('<=', until, this.startOf(next)));
        next = until.next;
      }
    }
    return { found, next };
  }

  /** "almeno n. 25 …", "entro il 30/06/2023", "in 7 gg.", "non superiore a 10". */
  private readOpPhrase(i: number): Read | null {
    for (const p of OP_PHRASES_BY_FIRST_WORD.get(this.key(i)) ?? []) {
      if (p.scopeInNames && this.opts.mode === 'embedded') continue;
      const end = this.matchWords(i, p.words);
      if (end === null) continue;
      const { next, currency } = this.skipFillers(end);
      const start = this.startOf(i);
      // A date may begin with a word that is also a filler: the Roman "I" of "entro il I semestre".
      for (let k = end; p.takes.includes('date') && k <= next; k++) {
        const read = this.readDeadline(p.op, k, start);
        if (read) return read;
      }
      const v = p.takes.some((t) => t !== 'date') ? this.readValue(next, true, currency) : null;
      if (!v) continue;
      if (p.takes.includes('value') || DURATION_UNITS.has(v.unitKey ?? '')) {
        return { found: [this.valueFound(v, p.op, start)], next: v.next };
      }
    }
    return null;
  }

  /** "tra l'80% e il 90%" → ≥ 80 and ≤ 90. */
  private readRange(i: number): Read | null {
    if (!RANGE_WORDS.has(this.key(i))) return null;
    const low = this.readValue(this.skipFillers(i + 1).next, true, false);
    if (!low || !RANGE_JOINERS.has(this.key(low.next))) return null;
    const high = this.readValue(this.skipFillers(low.next + 1).next, true, false);
    if (!high) return null;
    const percent = low.percent || high.percent;
    const unit = high.unit ?? low.unit;
    return {
      found: [
        this.valueFound({ ...low, percent, unit }, '>=', this.startOf(i)),
        this.valueFound({ ...high, percent, unit }, '<=', this.startOf(i)),
      ],
      next: high.next,
    };
  }

  /** In a target cell, a complete date with no "entro" is the date itself ("Consultazioni 1° ottobre 2023"). */
  private readUnmarkedDate(i: number): Read | null {
    if (this.opts.mode !== 'cell') return null;
    const d = readDate(this.tokens, i, this.opts.refYear);
    if (!d || (d.form !== 'numeric' && d.form !== 'written')) return null;
    return { found: this.isPast(d) ? [] : [this.deadline('=', d, this.startOf(i))], next: d.next };
  }

  private readPercent(i: number): Read | null {
    const v = this.readValue(i, false, false);
    if (!v?.percent) return null;
    const isBase = RATIO_BASE_WORDS.has(this.key(i - 1));
    return { found: isBase ? [] : [this.valueFound(v, '=', this.startOf(i))], next: v.next };
  }

  /** In a target cell, a count with its noun is a target even without "almeno" ("1 prodotto comunicativo"). */
  private readBareCount(i: number): Read | null {
    if (this.opts.mode !== 'cell') return null;
    const abbreviated = COUNT_ABBREVIATIONS.has(this.key(i)) && Boolean(this.tokens[i]?.dot);
    const at = abbreviated ? i + 1 : i;
    if (!abbreviated && isYearLike(this.tokens[at])) return null;
    const v = this.readValue(at, false, false);
    if (!v || v.percent || v.unit === null) return null;
    return { found: [this.valueFound(v, '=', this.startOf(i))], next: v.next };
  }
}

/** Every target phrase of `text`: the whole text as one value or date, else the phrases found in it. */
export function findTargets(text: string, opts: ScanOptions): Found[] {
  const reader = new PhraseReader(withoutActReferences(tokenize(text)), text, opts);
  return reader.readWhole() ?? reader.scan();
}

export function toTarget(f: Found, raw: string, year: number | null): Target {
  return { raw, year, kind: f.kind, op: f.op, value: f.value, date: f.date, unit: f.unit };
}
