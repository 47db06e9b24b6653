/**
 * A target cell ("Livello atteso", "Valore atteso", "Target") holds one target
 * text per paragraph: a year prefix ("2023: …"), then a date, a value, a
 * comparison, several of them, or prose. The cell's column can settle what the
 * text alone cannot: "05/01/1900" in an "Nr." column is the count 5, "80" in a
 * "Percentuale" column is 80%. Prose stays one `text` target, never a forced number.
 */
import type { Target } from '../model/plan.js';
import { YES_NO } from './lexicon.js';
import { excelSerialOf1900 } from './numbers.js';
import { findTargets, toTarget, type Found } from './phrases.js';
import { collapseSpaces, tokenize } from './tokens.js';
import type { IndicatorType } from './types.js';

export interface TargetContext {
  /** the plan's year, for dates printed without one ("entro il 30/06") */
  planYear: number | null;
  /** the indicator's type from its column ("Tipologia"), if the layout has one */
  columnHint?: IndicatorType | null;
}

/** "2023: …" (also "Anno 2023: …"): the year the target is for. */
const YEAR_PREFIX = /^(?:anno\s+)?(\d{4})\s*:\s*/i;

/** "si", "SI", "Sì.", "no". */
function readYesNo(body: string): Found[] | null {
  const key = body.toLowerCase().replace(/\.$/, '');
  const value = YES_NO[key];
  return value === undefined ? null : [{ kind: 'boolean', op: '=', value, date: null, unit: null, start: 0 }];
}

/** A count that a spreadsheet displays as a date of 1900 ("05/01/1900" → 5). */
function readCountShownAsDate(body: string): Found[] | null {
  const [t, ...rest] = tokenize(body);
  if (t?.kind !== 'date' || rest.length > 0) return null;
  const [day, month, year] = t.key.split(/[./-]/).map(Number);
  if (year !== 1900 || day === undefined || month === undefined) return null;
  return [{ kind: 'number', op: '=', value: excelSerialOf1900(month, day), date: null, unit: null, start: 0 }];
}

/** One paragraph of a target cell → its targets (a `text` target when it states none). */
export function parseTargetText(text: string, ctx: TargetContext): Target[] {
  const raw = collapseSpaces(text);
  if (!/[\p{L}\d]/u.test(raw)) return [];
  const prefix = YEAR_PREFIX.exec(raw);
  const year = prefix ? Number(prefix[1]) : null;
  const body = prefix ? raw.slice(prefix[0].length) : raw;
  const hint = ctx.columnHint ?? null;
  const found =
    readYesNo(body) ??
    (hint === 'numero' ? readCountShownAsDate(body) : null) ??
    findTargets(body, { refYear: year ?? ctx.planYear, mode: 'cell', percentColumn: hint === 'percentuale' });
  if (found.length === 0) return [{ raw, year, kind: 'text', op: null, value: null, date: null, unit: null }];
  return found.map((f) => toTarget(f, raw, year));
}

/** Every paragraph of a target cell, in order. */
export function parseTargetCell(paragraphs: string[], ctx: TargetContext): Target[] {
  return paragraphs.flatMap((p) => parseTargetText(p, ctx));
}
