/**
 * How well an extraction reads a plan, measured against a hand-made gold export:
 * precision, recall and F1 of objectives, indicators and indicators on the right
 * objective, then the accuracy of every field over matched pairs. Pure: two
 * parsed exports in, one report out, so the CLI, the accuracy script and the
 * tests all score the same way.
 */
import type { Plan, PlanExport } from '../model/plan.js';
import {
  addTallies,
  count,
  INDICATOR_FIELD_NAMES,
  INDICATOR_FIELDS,
  OBJECTIVE_FIELD_NAMES,
  OBJECTIVE_FIELDS,
  talliesFor,
  type IndicatorField,
  type ObjectiveField,
  type Tally,
} from './fields.js';
import { isAttached, matchIndicators, matchObjectives } from './match.js';
import { pairPlans, type PairedBy } from './pairing.js';
import { scoreTargets, TARGET_FIELDS, type TargetField, type TargetTallies } from './targets.js';

export interface Rate extends Tally {
  /** correct ⁄ compared, or null when nothing was compared */
  accuracy: number | null;
}

export interface Detection {
  gold: number;
  extracted: number;
  matched: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface Scores {
  objectives: Detection;
  indicators: Detection;
  /** matched indicators whose extracted objective is the match of the gold one */
  attachedIndicators: Detection;
  objectiveFields: Record<ObjectiveField, Rate>;
  indicatorFields: Record<IndicatorField, Rate>;
  targets: Record<'count' | TargetField, Rate>;
}

export interface PlanRef {
  id: string;
  file: string;
}

export interface PlanScore extends Scores {
  gold: PlanRef | null;
  extracted: PlanRef | null;
  pairedBy: PairedBy | null;
  /** gold ids with no extracted match */
  missing: { objectives: string[]; indicators: string[] };
  /** extracted ids with no gold match */
  spurious: { objectives: string[]; indicators: string[] };
}

export interface ScoreReport {
  plans: PlanScore[];
  /** all plans together: counts summed, rates recomputed */
  total: Scores;
}

interface Found {
  gold: number;
  extracted: number;
  matched: number;
}

interface Counts {
  objectives: Found;
  indicators: Found;
  attachedIndicators: Found;
  objectiveFields: Record<ObjectiveField, Tally>;
  indicatorFields: Record<IndicatorField, Tally>;
  targets: TargetTallies;
}

function emptyCounts(): Counts {
  const found = (): Found => ({ gold: 0, extracted: 0, matched: 0 });
  return {
    objectives: found(),
    indicators: found(),
    attachedIndicators: found(),
    objectiveFields: talliesFor(OBJECTIVE_FIELD_NAMES),
    indicatorFields: talliesFor(INDICATOR_FIELD_NAMES),
    targets: talliesFor(['count', ...TARGET_FIELDS]),
  };
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

function detection(f: Found): Detection {
  const precision = ratio(f.matched, f.extracted);
  const recall = ratio(f.matched, f.gold);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ...f, precision, recall, f1 };
}

function rates<K extends string>(tallies: Record<K, Tally>): Record<K, Rate> {
  const out = {} as Record<K, Rate>;
  for (const k of Object.keys(tallies) as K[]) out[k] = { ...tallies[k], accuracy: ratio(tallies[k].correct, tallies[k].compared) };
  return out;
}

function toScores(c: Counts): Scores {
  return {
    objectives: detection(c.objectives),
    indicators: detection(c.indicators),
    attachedIndicators: detection(c.attachedIndicators),
    objectiveFields: rates(c.objectiveFields),
    indicatorFields: rates(c.indicatorFields),
    targets: rates(c.targets),
  };
}

/** Adds every count of `from` into `into`. */
function addCounts(into: Counts, from: Counts): void {
  for (const key of ['objectives', 'indicators', 'attachedIndicators'] as const) {
    into[key].gold += from[key].gold;
    into[key].extracted += from[key].extracted;
    into[key].matched += from[key].matched;
  }
  addTallies(into.objectiveFields, from.objectiveFields);
  addTallies(into.indicatorFields, from.indicatorFields);
  addTallies(into.targets, from.targets);
}

type PlanBody = Pick<Plan, 'objectives' | 'indicators'>;
const EMPTY_PLAN: PlanBody = { objectives: [], indicators: [] };

function scorePlan(gold: PlanBody, extracted: PlanBody) {
  const c = emptyCounts();
  const objectiveMatch = matchObjectives(gold.objectives, extracted.objectives);
  const indicatorMatch = matchIndicators(gold.indicators, extracted.indicators, objectiveMatch);
  const extractedObjectives = new Map(extracted.objectives.map((o) => [o.id, o]));
  const extractedIndicators = new Map(extracted.indicators.map((i) => [i.id, i]));

  c.objectives = { gold: gold.objectives.length, extracted: extracted.objectives.length, matched: objectiveMatch.size };
  c.indicators = { gold: gold.indicators.length, extracted: extracted.indicators.length, matched: indicatorMatch.size };
  c.attachedIndicators = { ...c.indicators, matched: 0 };

  for (const g of gold.objectives) {
    const e = extractedObjectives.get(objectiveMatch.get(g.id) ?? '');
    if (!e) continue;
    for (const [field, check] of Object.entries(OBJECTIVE_FIELDS)) {
      count(c.objectiveFields[field as ObjectiveField], check(g, e, objectiveMatch));
    }
  }
  for (const g of gold.indicators) {
    const e = extractedIndicators.get(indicatorMatch.get(g.id) ?? '');
    if (!e) continue;
    if (isAttached(g, e, objectiveMatch)) c.attachedIndicators.matched++;
    for (const [field, check] of Object.entries(INDICATOR_FIELDS)) {
      count(c.indicatorFields[field as IndicatorField], check(g, e));
    }
    scoreTargets(g.targets, e.targets, c.targets);
  }

  const matchedExtractedObjectives = new Set(objectiveMatch.values());
  const matchedExtractedIndicators = new Set(indicatorMatch.values());
  const missing = {
    objectives: gold.objectives.filter((o) => !objectiveMatch.has(o.id)).map((o) => o.id),
    indicators: gold.indicators.filter((i) => !indicatorMatch.has(i.id)).map((i) => i.id),
  };
  const spurious = {
    objectives: extracted.objectives.filter((o) => !matchedExtractedObjectives.has(o.id)).map((o) => o.id),
    indicators: extracted.indicators.filter((i) => !matchedExtractedIndicators.has(i.id)).map((i) => i.id),
  };
  return { counts: c, missing, spurious };
}

const ref = (p: Plan): PlanRef => ({ id: p.id, file: p.source.file });

/** Scores an extracted export against a gold export. */
export function scoreExport(extracted: PlanExport, gold: PlanExport): ScoreReport {
  const { pairs, unpairedGold, unpairedExtracted } = pairPlans(extracted.plans, gold.plans);
  const total = emptyCounts();
  const plans: PlanScore[] = [];
  const add = (g: Plan | null, e: Plan | null, pairedBy: PairedBy | null) => {
    const { counts, missing, spurious } = scorePlan(g ?? EMPTY_PLAN, e ?? EMPTY_PLAN);
    addCounts(total, counts);
    plans.push({ gold: g && ref(g), extracted: e && ref(e), pairedBy, ...toScores(counts), missing, spurious });
  };
  for (const p of pairs) add(p.gold, p.extracted, p.by);
  for (const g of unpairedGold) add(g, null, null);
  for (const e of unpairedExtracted) add(null, e, null);
  return { plans, total: toScores(total) };
}
