/**
 * The targets of two matched indicators are compared one to one: entries of the
 * same kind pair up in order, what is left pairs up in order, and a target one
 * side lacks counts as wrong on every field. So a missed deadline, a number read
 * as text or a wrong date each show in the field it spoils.
 */
import type { Target } from '../model/plan.js';
import { count, sameNumber, type Tally } from './fields.js';

export const TARGET_FIELDS = ['kind', 'op', 'value', 'date', 'year'] as const;
export type TargetField = (typeof TARGET_FIELDS)[number];
export type TargetTallies = Record<'count' | TargetField, Tally>;

type Pair = [Target | null, Target | null];

function pairTargets(gold: Target[], extracted: Target[]): Pair[] {
  const left = [...extracted];
  const pairs: Pair[] = [];
  const unpaired: Target[] = [];
  for (const g of gold) {
    const at = left.findIndex((e) => e.kind === g.kind);
    if (at >= 0) pairs.push([g, left.splice(at, 1)[0] as Target]);
    else unpaired.push(g);
  }
  const n = Math.max(unpaired.length, left.length);
  for (let i = 0; i < n; i++) pairs.push([unpaired[i] ?? null, left[i] ?? null]);
  return pairs;
}

function sameField(field: TargetField, g: Target, e: Target): boolean {
  const [a, b] = [g[field], e[field]];
  return typeof a === 'number' && typeof b === 'number' ? sameNumber(a, b) : a === b;
}

/** Adds one matched indicator pair's targets to the tallies. */
export function scoreTargets(gold: Target[], extracted: Target[], tallies: TargetTallies): void {
  count(tallies.count, gold.length === extracted.length);
  for (const [g, e] of pairTargets(gold, extracted)) {
    for (const field of TARGET_FIELDS) count(tallies[field], g !== null && e !== null && sameField(field, g, e));
  }
}
