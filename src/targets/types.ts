/**
 * An indicator's type is printed in a "Tipologia" column in spreadsheet plans
 * ("Nr.", "Data", "Percentuale", "si/no"), spelled many ways; elsewhere it is only
 * implied by what its target looks like. Both roads lead to the contract's
 * `IndicatorType`, as `fixtures/GOLD.md` prescribes.
 */
import type { Indicator, Target } from '../model/plan.js';

export type IndicatorType = NonNullable<Indicator['type']>;

const TIPOLOGIA: Record<string, IndicatorType> = {
  nr: 'numero',
  n: 'numero',
  numero: 'numero',
  'quantità': 'numero',
  quantita: 'numero',
  data: 'data',
  percentuale: 'percentuale',
  '%': 'percentuale',
  'si/no': 'si_no',
  'sì/no': 'si_no',
  testo: 'testo',
};

/** "Nr." → numero, "si / no" → si_no; a Tipologia outside the list ("Tempestività") → null. */
export function indicatorTypeFromTipologia(text: string): IndicatorType | null {
  const key = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/\.+$/, '');
  return TIPOLOGIA[key] ?? null;
}

const BY_KIND: Record<Target['kind'], IndicatorType> = {
  deadline: 'data',
  percent: 'percentuale',
  number: 'numero',
  boolean: 'si_no',
  text: 'testo',
};

/** The type implied by the first target; no target → null. */
export function inferIndicatorType(targets: Target[]): IndicatorType | null {
  const first = targets[0];
  return first ? BY_KIND[first.kind] : null;
}
