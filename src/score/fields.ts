/**
 * Once objectives and indicators are paired, each field says how well the
 * extractor read it: a title, a level, a parent mapped through the matching, a
 * Missione code and name, years, responsibles, weights. This module holds the
 * one comparison rule per field (normalized text, sets, numbers with a
 * tolerance) and the correct ⁄ compared tallies they feed.
 */
import type { CodeName, Indicator, Objective } from '../model/plan.js';
import { normalizeText } from './normalize.js';
import { SCORE_SETTINGS } from './settings.js';

export interface Tally {
  correct: number;
  compared: number;
}

const emptyTally = (): Tally => ({ correct: 0, compared: 0 });

export function count(t: Tally, ok: boolean): void {
  t.compared++;
  if (ok) t.correct++;
}

function sameText(a: string | null, b: string | null): boolean {
  return a === null || b === null ? a === b : normalizeText(a) === normalizeText(b);
}

export function sameNumber(a: number | null, b: number | null): boolean {
  return a === null || b === null ? a === b : Math.abs(a - b) <= SCORE_SETTINGS.numberTolerance;
}

/** The same members, whatever the order ("Finanziario" / "finanziario" alike). */
function sameMembers(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  const key = (xs: readonly (string | number)[]) =>
    JSON.stringify(xs.map((x) => (typeof x === 'string' ? normalizeText(x) : x)).sort());
  return key(a) === key(b);
}

const sameCodeName = (a: CodeName | null, b: CodeName | null): boolean =>
  sameNumber(a?.code ?? null, b?.code ?? null) && sameText(a?.name ?? null, b?.name ?? null);

type ObjectiveCheck = (gold: Objective, extracted: Objective, objectiveMatch: ReadonlyMap<string, string>) => boolean;

/**
 * Gold records what a document states; a Missione the extractor inferred from the
 * objective's words (marked `inferred`) states nothing, so it is scored as absent.
 */
const read = (m: Objective['context']['missione']): Objective['context']['missione'] => (m?.inferred ? null : m);

export const OBJECTIVE_FIELDS = {
  title: (g, e) => sameText(g.title, e.title),
  level: (g, e) => g.level === e.level,
  parent: (g, e, m) => (g.parent === null ? e.parent === null : m.get(g.parent) === e.parent),
  code: (g, e) => sameText(g.code, e.code),
  description: (g, e) => sameText(g.description, e.description),
  'context.area': (g, e) => sameText(g.context.area, e.context.area),
  'context.missione.code': (g, e) => sameNumber(g.context.missione?.code ?? null, read(e.context.missione)?.code ?? null),
  'context.missione.name': (g, e) => sameText(g.context.missione?.name ?? null, read(e.context.missione)?.name ?? null),
  'context.programma': (g, e) => sameCodeName(g.context.programma, e.context.programma),
  'context.theme': (g, e) => sameText(g.context.theme, e.context.theme),
  'context.settore': (g, e) => sameText(g.context.settore, e.context.settore),
  'context.servizio': (g, e) => sameText(g.context.servizio, e.context.servizio),
  years: (g, e) => sameMembers(g.years, e.years),
  responsible: (g, e) => sameMembers(g.responsible, e.responsible),
  weight: (g, e) => sameNumber(g.weight, e.weight),
} satisfies Record<string, ObjectiveCheck>;
export type ObjectiveField = keyof typeof OBJECTIVE_FIELDS;
export const OBJECTIVE_FIELD_NAMES = Object.keys(OBJECTIVE_FIELDS) as ObjectiveField[];

export const INDICATOR_FIELDS = {
  name: (g, e) => sameText(g.name, e.name),
  type: (g, e) => g.type === e.type,
  baseline: (g, e) => sameText(g.baseline, e.baseline),
  actual: (g, e) => sameText(g.actual, e.actual),
  weight: (g, e) => sameNumber(g.weight, e.weight),
  responsible: (g, e) => sameMembers(g.responsible, e.responsible),
} satisfies Record<string, (gold: Indicator, extracted: Indicator) => boolean>;
export type IndicatorField = keyof typeof INDICATOR_FIELDS;
export const INDICATOR_FIELD_NAMES = Object.keys(INDICATOR_FIELDS) as IndicatorField[];

/** A fresh tally for every field. */
export function talliesFor<K extends string>(fields: readonly K[]): Record<K, Tally> {
  return Object.fromEntries(fields.map((k) => [k, emptyTally()])) as Record<K, Tally>;
}

/** Adds every tally of `from` into the same field of `into`. */
export function addTallies<K extends string>(into: Record<K, Tally>, from: Record<K, Tally>): void {
  for (const k of Object.keys(from) as K[]) {
    into[k].correct += from[k].correct;
    into[k].compared += from[k].compared;
  }
}
